"""Commands for the file itself: demo, check, backup, restore, audit."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from pathlib import Path

from .. import audit, backup, offices, progress
from ..errors import ValidationError
from ..migrations import check_file
from ..store import create_store, open_store
from .text import Subparsers


def register(sub: Subparsers) -> None:
    demo = sub.add_parser("demo", help="示例台账")
    demo_sub = demo.add_subparsers(dest="demo_command", metavar="操作", required=True)
    create = demo_sub.add_parser("create", help="生成示例台账文件（不打开窗口）")
    create.add_argument("file", help="要生成的台账文件路径")
    create.set_defaults(func=cmd_demo_create)

    db = sub.add_parser("db", help="检查、备份、恢复台账文件")
    db_sub = db.add_subparsers(dest="db_command", metavar="操作", required=True)
    new = db_sub.add_parser("create", help="新建空白台账文件，并设置本单位（如乡镇自己的台账）")
    new.add_argument("file", help="要新建的台账文件（.msdesk；已存在时拒绝覆盖）")
    _office_options(new, name_required=True)
    new.set_defaults(func=cmd_create)
    check = db_sub.add_parser("check", help="检查文件能否打开（完整性检查，不做任何修改）")
    check.add_argument("file", help="台账文件")
    check.set_defaults(func=cmd_check)
    bak = db_sub.add_parser("backup", help="立即备份（保留最近 N 份）")
    bak.add_argument("file", help="台账文件")
    bak.add_argument("--keep", type=int, default=None, help="保留的备份份数（默认 10）")
    bak.set_defaults(func=cmd_backup)
    lst = db_sub.add_parser("backups", help="列出已有备份（最新在前）")
    lst.add_argument("file", help="台账文件")
    lst.set_defaults(func=cmd_list)
    res = db_sub.add_parser("restore", help="用备份替换台账文件（替换前先备份当前文件）")
    res.add_argument("backup", help="备份文件")
    res.add_argument("file", help="要恢复到的台账文件")
    res.set_defaults(func=cmd_restore)

    office = sub.add_parser("office", help="查看或设置填报单位（单位名称、级别、负责人、填报人、联系电话）")
    office_sub = office.add_subparsers(dest="office_command", metavar="操作", required=True)
    show = office_sub.add_parser("show", help="显示本台账的填报单位")
    show.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    show.set_defaults(func=cmd_office_show)
    put = office_sub.add_parser("set", help="设置填报单位（只改给出的项）")
    put.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    _office_options(put, name_required=False)
    put.set_defaults(func=cmd_office_set)
    add = office_sub.add_parser("add", help="添加下级单位（如区里的各乡镇、街道）")
    add.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    add.add_argument("--name", required=True, help="下级单位名称，如 古饶镇")
    add.add_argument("--code", default=None, help="行政区划代码（可不填）")
    add.add_argument("--level", choices=list(offices.LEVELS), help="级别（默认比本单位低一级）")
    add.set_defaults(func=cmd_office_add)
    subs = office_sub.add_parser("list", help="列出下级单位")
    subs.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    subs.set_defaults(func=cmd_office_list)

    aud = sub.add_parser("audit", help="查看修改记录（谁在何时把什么从何值改为何值）")
    aud.add_argument("file", help="台账文件")
    aud.add_argument("--limit", type=int, default=50, help="显示条数（默认 50）")
    aud.add_argument("--table", default=None, help="只看某类记录，如 progress、projects")
    aud.set_defaults(func=cmd_audit)


def _office_options(p: ArgumentParser, name_required: bool) -> None:
    p.add_argument("--name", required=name_required, help="单位名称，如 瑶海区")
    p.add_argument("--level", choices=list(offices.LEVELS), help="级别：township 乡镇/街道，district 区/县，city 市")
    for field, label in progress.SIGNOFF_FIELDS.items():
        if field != "report_date":
            p.add_argument(f"--{field}", help=label)


def cmd_create(args: Namespace) -> int:
    path = Path(args.file)
    fields = {f: getattr(args, f) for f in ("head", "preparer", "phone") if getattr(args, f) is not None}
    store = create_store(path)
    try:
        with store.transaction():
            offices.set_self_office(store, args.name, args.level or "township", **fields)
    except BaseException:
        store.close()
        path.unlink(missing_ok=True)  # a refused name leaves no half-made file behind
        raise
    store.close()
    print(f"已新建台账：{path}（本单位：{args.name}）")
    return 0


def cmd_demo_create(args: Namespace) -> int:
    from ..demo import create_demo

    path = create_demo(Path(args.file))
    print(f"已生成示例台账：{path}")
    return 0


def cmd_check(args: Namespace) -> int:
    version = check_file(Path(args.file))
    print(f"文件正常：完整性检查通过，数据版本 {version}。")
    return 0


def cmd_backup(args: Namespace) -> int:
    check_file(Path(args.file))
    target = backup.backup_file(Path(args.file), reason="手动", keep=args.keep)
    print(f"已备份到：{target}")
    return 0


def cmd_list(args: Namespace) -> int:
    found = backup.list_backups(Path(args.file))
    if not found:
        print("没有备份。")
    for path in found:
        print(path)
    return 0


def cmd_restore(args: Namespace) -> int:
    target = backup.restore_backup(Path(args.backup), Path(args.file))
    print(f"已从备份恢复：{target}（恢复前的文件也已备份）")
    return 0


def cmd_office_show(args: Namespace) -> int:
    with open_store(Path(args.db)) as store:
        me = offices.self_office(store)
    if not me:
        print("尚未设置填报单位。可用 msdesk office set --db 文件 --name 单位名称 设置。")
        return 0
    print(f"填报单位：{me['name']}（{offices.LEVELS[me['level']]}）")
    for field, label in progress.SIGNOFF_FIELDS.items():
        if field in me:
            print(f"{label}：{me[field] or '（未填）'}")
    return 0


def cmd_office_set(args: Namespace) -> int:
    with open_store(Path(args.db)) as store:
        me = offices.self_office(store) or {}
        name = args.name or me.get("name")
        if not name:
            raise ValidationError("首次设置请用 --name 给出单位名称。")
        fields = {f: getattr(args, f) for f in ("head", "preparer", "phone") if getattr(args, f) is not None}
        with store.transaction():
            offices.set_self_office(store, name, args.level or me.get("level") or "township", **fields)
    print(f"已设置填报单位：{name}")
    return 0


def cmd_office_add(args: Namespace) -> int:
    with open_store(Path(args.db)) as store:
        with store.transaction():
            offices.add_subordinate(store, args.name, args.code, args.level)
    print(f"已添加下级单位：{args.name}")
    return 0


def cmd_office_list(args: Namespace) -> int:
    with open_store(Path(args.db)) as store:
        rows = offices.subordinates(store)
    for row in rows:
        code = f"（{row['region_code']}）" if row.get("region_code") else ""
        print(f"{row['name']}{code}　{offices.LEVELS[row['level']]}")
    if not rows:
        print("没有下级单位。可用 msdesk office add --db 文件 --name 单位名称 添加。")
    return 0


def cmd_audit(args: Namespace) -> int:
    if args.limit < 1:  # SQLite reads LIMIT -5 as "no limit": the whole history would scroll past
        raise ValidationError(f"显示条数“{args.limit}”无效，请写 1 或更大的整数（默认 50）。")
    with open_store(Path(args.file)) as store:
        rows = audit.entries(store, table=args.table, limit=args.limit)
    for row in rows:
        print(audit.describe(row))
    if not rows:
        print("没有修改记录。")
    return 0
