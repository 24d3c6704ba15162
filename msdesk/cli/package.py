"""Commands for signing identity, trust store, packages and roll-up.

  msdesk keys init|show|export|import       the office's key and certificate
  msdesk trust add|confirm|list|revoke      certificates of the offices we accept
  msdesk package export|verify|import|return
  msdesk rollup --db DB --period P          who submitted; consolidated figures

The passphrase comes from --passphrase-file or the MSDESK_PASSPHRASE variable
(a prompt only when neither is given and a terminal is attached), so scripts
never block.

Exit codes: 0 ok / valid; 1 general error or file not found; 2 usage; 3 database cannot be opened; 4 invalid input;
5 key problem (no key, wrong passphrase); 6 trust store problem;
10 corrupt or unsafe zip; 11 file missing or extra; 12 file altered;
13 bad signature; 14 unknown signer; 15 revoked signer;
16 for another office, period or purpose; 17 newer version; 18 already imported;
19 data does not match the plan; 21 folder import with some packages rejected.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FileAccessError, MsdeskError, ValidationError, os_reason
from ..formatting import format_number
from ..formatting import when as _when
from ..store import Store, open_store
from .text import Subparsers

if TYPE_CHECKING:  # the package code loads only when a command needs it (the CLI starts fast)
    from ..package.rollup import ConsolidatedRow
    from ..periods import Period

PASS_ENV = "MSDESK_PASSPHRASE"


def _db(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", required=required, metavar="FILE", help="台账文件（.msdesk）")


def _pass(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file", metavar="FILE", help=f"从文件第一行读取私钥口令（也可用环境变量 {PASS_ENV}）"
    )


def register(sub: Subparsers) -> None:
    keys = sub.add_parser("keys", help="本单位的签名私钥与证书")
    ks = keys.add_subparsers(dest="keys_command", metavar="操作", required=True)
    p = ks.add_parser("init", help="创建本单位的签名私钥和证书（首次使用）")
    _db(p)
    _pass(p)
    p.set_defaults(func=cmd_keys_init)
    p = ks.add_parser("show", help="显示本单位证书与指纹（可导出证书文件交上级单位）")
    _db(p)
    p.add_argument("--cert", metavar="FILE", help="把证书（不含私钥）另存为此文件")
    p.set_defaults(func=cmd_keys_show)
    p = ks.add_parser("export", help="备份私钥和证书（私钥保持口令加密）")
    _db(p)
    p.add_argument("--out", required=True, metavar="FILE", help="备份文件路径")
    p.set_defaults(func=cmd_keys_export)
    p = ks.add_parser("import", help="从备份恢复私钥和证书（换电脑时）")
    p.add_argument("file", help="备份文件")
    _db(p)
    _pass(p)
    p.add_argument("--replace", action="store_true", help="替换本机已有的另一张证书")
    p.set_defaults(func=cmd_keys_import)

    tr = sub.add_parser("trust", help="信任列表：接受哪些单位的签名")
    ts = tr.add_subparsers(dest="trust_command", metavar="操作", required=True)
    p = ts.add_parser("add", help="加入证书（证书文件，或对方发来的数据包）")
    p.add_argument("file", help="证书文件（.pem/.cer）或数据包（.zip）")
    _db(p)
    p.add_argument("--fingerprint", metavar="FP", help="对方电话告知的指纹；给出时必须一致，并记为已核对")
    p.add_argument("--parent", action="store_true", help="这是上级单位的证书（用于接收任务包）")
    p.add_argument("--office", metavar="NAME", help="对应本台账中的哪个单位（默认按证书中的单位名称）")
    p.set_defaults(func=cmd_trust_add)
    p = ts.add_parser("confirm", help="电话核对指纹后标记为已核对")
    p.add_argument("fingerprint", help="对方读出的指纹")
    _db(p)
    p.set_defaults(func=cmd_trust_confirm)
    p = ts.add_parser("list", help="列出信任列表")
    _db(p)
    p.set_defaults(func=cmd_trust_list)
    p = ts.add_parser("revoke", help="撤销信任（按指纹或单位名称）")
    p.add_argument("key", help="证书指纹或单位名称")
    _db(p)
    p.add_argument("--reason", help="撤销原因")
    p.set_defaults(func=cmd_trust_revoke)

    pk = sub.add_parser("package", help="报送包与任务包：导出、验证、导入、退回")
    ps = pk.add_subparsers(dest="package_command", metavar="操作", required=True)
    p = ps.add_parser("export", help="导出本单位的签名报送包（或用 --tasks 导出任务包）")
    _db(p)
    _pass(p)
    p.add_argument("--period", help="报告期，如 2023Q3（报送包必填）")
    p.add_argument("--out", required=True, metavar="FILE", help="输出文件或文件夹")
    p.add_argument("--tasks", action="store_true", help="导出下发给下级单位的任务包")
    p.add_argument("--plan", metavar="ID", help="计划编号（默认当前计划）")
    p.set_defaults(func=cmd_export)
    from ..package.errors import EXIT_HELP

    p = ps.add_parser("verify", help="验证数据包：有效，或说明具体原因", epilog=EXIT_HELP)
    p.add_argument("file", help="数据包（.zip）")
    _db(p, required=False)
    p.add_argument("--period", help="应为哪个报告期")
    p.add_argument("--check-pdf", action="store_true", help="同时用 pyHanko 验证 PDF 报表上的数字签名")
    p.set_defaults(func=cmd_verify)
    p = ps.add_parser("import", help="导入报送包或任务包（单个文件或整个文件夹）", epilog=EXIT_HELP)
    p.add_argument("path", help="数据包文件或文件夹")
    _db(p)
    p.add_argument("--period", help="只接收该报告期的报送包")
    p.add_argument("--dry-run", action="store_true", help="只检查并列出将接收、替换或拒绝的报送包，不写入")
    p.add_argument("--office", metavar="NAME", help="导入任务包时本单位在任务包中的名称")
    p.set_defaults(func=cmd_import)
    p = ps.add_parser("return", help="退回某单位某期的报送（须写明原因）")
    _db(p)
    p.add_argument("--office", required=True, metavar="NAME", help="下级单位名称")
    p.add_argument("--period", required=True, help="报告期，如 2023Q3")
    p.add_argument("--reason", required=True, help="退回原因")
    p.set_defaults(func=cmd_return)

    p = sub.add_parser("rollup", help="汇总：报送情况与各项目指标的汇总数")
    _db(p)
    p.add_argument("--period", required=True, help="报告期，如 2023Q3")
    p.add_argument("--due", metavar="DATE", help="设置该期报送截止日期，如 2023-10-10")
    p.add_argument(
        "--apply",
        action="store_true",
        help="把汇总数写入本单位的累计完成（用于向上级报送）；先列出将修改的数字，加 --yes 才写入",
    )
    p.add_argument("--yes", action="store_true", help="确认写入（与 --apply 同用；写入前自动备份）")
    p.add_argument(
        "--allow-decrease", action="store_true", help="允许写入小于本单位上期累计数的合计（一般是还有单位未报送）"
    )
    p.add_argument("--plan", metavar="ID", help="计划编号（默认当前计划）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（供脚本使用）")
    p.set_defaults(func=cmd_rollup)


# -- helpers -----------------------------------------------------------------


def passphrase(args: Namespace) -> str:
    if getattr(args, "passphrase_file", None):
        try:
            text = Path(args.passphrase_file).read_text("utf-8")
        except OSError as exc:
            raise FileAccessError(f"无法读取口令文件“{args.passphrase_file}”：{os_reason(exc)}") from exc
        return text.splitlines()[0] if text else ""
    if os.environ.get(PASS_ENV):
        return os.environ[PASS_ENV]
    if sys.stdin.isatty():
        return getpass.getpass("私钥口令：")
    raise MsdeskError(f"未提供私钥口令：请用 --passphrase-file 或环境变量 {PASS_ENV}。")


def _plan_id(store: Store, args: Namespace) -> str | None:
    from .. import plans

    if getattr(args, "plan", None):
        return str(args.plan)
    plan = plans.current_plan(store)
    return str(plan["id"]) if plan else None


# -- keys ----------------------------------------------------------------------


def cmd_keys_init(args: Namespace) -> int:
    from .. import identity

    with open_store(args.db) as store:
        ident = identity.create_identity(store, passphrase(args))
        print(
            f"已创建{ident.office_name}的签名证书。\n指纹：{ident.fingerprint}\n"
            f"私钥（已用口令加密）保存在：{identity.key_path(ident.office_id)}\n请立即用 msdesk keys export 备份。"
        )
    return 0


def cmd_keys_show(args: Namespace) -> int:
    from .. import identity

    with open_store(args.db) as store:
        ident = identity.certificate(store)
        print(
            f"单位：{ident.office_name}\n指纹：{ident.fingerprint}\n"
            f"有效期：{ident.cert.not_valid_before_utc:%Y-%m-%d} 至 {ident.cert.not_valid_after_utc:%Y-%m-%d}"
        )
        if args.cert:
            Path(args.cert).write_bytes(ident.cert_pem)
            print(f"证书已保存到：{args.cert}（可发给上级单位）")
    return 0


def cmd_keys_export(args: Namespace) -> int:
    from .. import identity

    with open_store(args.db) as store:
        path = identity.export_identity(store, args.out)
    print(f"已备份到：{path}\n恢复时需要原口令。请把备份存放在安全的地方（如加密U盘）。")
    return 0


def cmd_keys_import(args: Namespace) -> int:
    from .. import identity

    with open_store(args.db) as store:
        ident = identity.import_identity(store, args.file, passphrase(args), replace=args.replace)
    print(f"已恢复{ident.office_name}的签名证书，指纹：{ident.fingerprint}")
    return 0


# -- trust ---------------------------------------------------------------------


def cmd_trust_add(args: Namespace) -> int:
    from .. import offices, trust
    from ..package.verify import certificate_from_file

    with open_store(args.db) as store:
        office_id = None
        if args.office:
            found = offices.find_by_name(store, args.office)
            if not found:
                raise ValidationError(f"本台账中没有单位“{args.office}”。")
            office_id = found["id"]
        row = trust.add_certificate(
            store,
            certificate_from_file(args.file),
            "parent" if args.parent else "subordinate",
            office_id,
            args.fingerprint,
        )
    print(f"已信任：{row['office_name']}（{trust.ROLES[row['role']]}），指纹 {row['display']}，{row['state']}。")
    if not row["confirmed_at"]:
        print("请与对方电话核对指纹后运行：msdesk trust confirm 指纹 --db …")
    return 0


def cmd_trust_confirm(args: Namespace) -> int:
    from .. import trust

    with open_store(args.db) as store:
        row = trust.confirm(store, args.fingerprint)
    print(f"指纹一致，已核对：{row['office_name']} {row['display']}")
    return 0


def cmd_trust_list(args: Namespace) -> int:
    from .. import trust

    with open_store(args.db) as store:
        rows = trust.list_trusted(store)
    if not rows:
        print("信任列表为空。")
    for r in rows:
        print(
            f"{r['office_name']}\t{trust.ROLES[r['role']]}\t{r['display']}\t{r['state']}\t加入于 {_when(r['added_at'])}"
        )
    return 0


def cmd_trust_revoke(args: Namespace) -> int:
    from .. import trust

    with open_store(args.db) as store:
        row = trust.revoke(store, args.key, args.reason)
    print(f"已撤销对{row['office_name']}（指纹 {row['display']}）的信任。")
    return 0


# -- packages ----------------------------------------------------------------------


def cmd_export(args: Namespace) -> int:
    from ..errors import ValidationError
    from ..package import export_submission, export_tasks

    with open_store(args.db) as store:
        if args.tasks:
            built = export_tasks(store, args.out, passphrase(args), _plan_id(store, args))
            print(f"已导出任务包：{built.path}")
            return 0
        if not args.period:
            raise ValidationError("导出报送包需要 --period，如 2023Q3。")
        built = export_submission(store, args.period, args.out, passphrase(args), _plan_id(store, args))
    print(f"已导出报送包（{built.label}）：{built.path}")
    return 0


def cmd_verify(args: Namespace) -> int:
    from ..package import PackageError, verify_package

    store = open_store(args.db) if args.db else None
    try:
        found = verify_package(args.file, store, expect_period=args.period, check_pdf=args.check_pdf)
    except PackageError as exc:
        print(f"无效：{exc.message}")
        return exc.exit_code
    finally:
        if store is not None:
            store.close()
    print(found.summary())
    for note in found.notes:
        print(note)
    return 0


def cmd_import(args: Namespace) -> int:
    from ..package import import_folder, import_submission, import_tasks
    from ..package.errors import SOME_REJECTED
    from ..package.verify import peek_kind

    path = Path(args.path)
    with open_store(args.db) as store:
        if path.is_dir():
            results = import_folder(store, path, args.period, dry_run=args.dry_run)
            if not results:
                print(f"文件夹“{path}”中没有 .zip 数据包。")
        elif peek_kind(path) == "tasks":
            if args.dry_run:
                raise ValidationError("任务包不支持 --dry-run，请先用 msdesk package verify 检查。")
            results = [import_tasks(store, path, args.office)]
        else:
            results = [import_submission(store, path, args.period, dry_run=args.dry_run)]
    for r in results:
        print(f"{'✓' if r.ok else '✗'} {r.path.name}：{r.message}")
    if args.dry_run:
        print("（试运行，未写入任何数据）")
    rejected = [r for r in results if not r.ok]
    if not rejected:
        return 0
    return rejected[0].exit_code if len(results) == 1 else SOME_REJECTED


def cmd_return(args: Namespace) -> int:
    from .. import offices
    from ..package import return_submission
    from ..periods import parse_period

    with open_store(args.db) as store:
        office = offices.find_by_name(store, args.office)
        code = parse_period(args.period).code
        rows = store.rows(
            "submissions",
            "kind = 'submission' AND office_id = ? AND period_code = ? AND status = 'accepted'",
            [office["id"] if office else "", code],
        )
        if not rows:
            raise ValidationError(f"没有{args.office}{parse_period(code).label}已接收的报送。")
        return_submission(store, rows[0]["id"], args.reason)
    print(f"已退回{args.office}{parse_period(code).label}的报送，原因：{args.reason}")
    return 0


def cmd_rollup(args: Namespace) -> int:
    from ..package import rollup
    from ..periods import parse_period
    from ..submissions import version_label

    period = parse_period(args.period)
    with open_store(args.db) as store:
        plan_id = _plan_id(store, args)
        if not plan_id:
            raise ValidationError("本台账还没有计划。")
        rollup.check_plan_period(store, plan_id, period)  # before the due date is written
        if args.due:
            rollup.set_due_date(store, period, args.due)
        subs = rollup.submission_status(store, period)
        due = rollup.due_date(store, period)
        rows = rollup.consolidated(store, plan_id, period)
        applied = _apply(store, plan_id, period, args) if args.apply else None
    if args.json:
        print(json.dumps(_rollup_json(period, subs, rows), ensure_ascii=False, indent=1))
        return 0
    print(f"{period.label}报送情况（截止日期 {due}）：")
    for s in subs:
        sub = s["submission"]
        extra = f"，{version_label(sub['version'])}，制作于 {_when(sub['created_at_package'])}" if sub else ""
        if sub and not sub["created_at_package"]:  # an imported Excel 进展表 has no signed date
            extra = f"，{version_label(sub['version'])}，导入于 {_when(sub['received_at'])}"
        # a signed package is the normal case; say so only when the figures came another way
        source = f"，数据来源：{s['source']}" if s.get("source") not in (None, "", "签名报送包") else ""
        note = f"（{s['note']}）" if s["note"] and not _says_same(s["note"], source) else ""
        print(f"  {s['office']['name']}：{s['label']}{extra}{source}{note}")
    print("汇总（下级合计 / 本级目标，完成率，状态）：")
    for r in rows:
        comp = f"{r.assessment.completion:.1%}" if r.assessment.completion is not None else "—"
        total = (
            "不求和"
            if not r.additive and r.indicator["kind"] == "number"
            else ("—" if r.total is None else format_number(r.total))
        )
        target = format_number(r.own_target) if r.own_target is not None else (r.indicator.get("target_text") or "—")
        print(f"  {r.project['seq']} {r.indicator['name']}：{total} / {target}，{comp}，{r.assessment.status}")
    if applied == 0:  # nothing differs: nothing was written, so no backup was made either
        print("汇总数与本单位的累计完成一致（或下级尚无数据），没有需要写入的数字，未做任何修改。")
    elif applied is not None:
        print(f"已把 {applied} 项汇总数写入本单位的累计完成（写入前已备份）。")
    return 0


def _says_same(note: str, source: str) -> bool:
    """The note only repeats the source ("Excel 进展表，未签名" beside "Excel 进展表（未签名）")."""

    def bare(text: str) -> str:
        return re.sub(r"[\W_]", "", text)

    return bool(source) and bare(note) in bare(source)


def _apply(store: Store, plan_id: str, period: Period, args: Namespace) -> int:
    """Write the sums only when confirmed (--yes), naming 已报 n/m and any total that would fall."""
    from ..package import rollup

    preview = rollup.preview_apply(store, plan_id, period)
    if not preview.changes:
        return 0
    if not args.yes:
        print(preview.question())
        raise ValidationError("未写入：确认后请加 --yes 重新运行（写入前会自动备份）。")
    return rollup.apply_sums(store, plan_id, period, allow_decrease=args.allow_decrease).count


def _rollup_json(period: Period, subs: list[dict[str, Any]], rows: list[ConsolidatedRow]) -> dict[str, Any]:
    return {
        "period": period.code,
        "submissions": [
            {
                "office": s["office"]["name"],
                "status": s["label"],
                "due_date": s["due_date"],
                "version": (s["submission"] or {}).get("version"),
                "note": s["note"],
                "source": s.get("source", ""),
            }
            for s in subs
        ],
        "indicators": [
            {
                "project_id": r.project["id"],
                "indicator_id": r.indicator["id"],
                "indicator": r.indicator["name"],
                "total": r.total,
                "target": r.own_target,
                "completion": r.assessment.completion,
                "status": r.assessment.status,
                "offices": [
                    {
                        "office": f.office["name"],
                        "target": f.target,
                        "actual": f.actual,
                        "completion": f.assessment.completion,
                        "status": f.assessment.status,
                    }
                    for f in r.offices
                ],
            }
            for r in rows
        ],
    }
