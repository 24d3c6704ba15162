"""msdesk import notice / import workbook / workbook template|write.

Exit codes: 0 done (or dry run printed); 1 error; 2 usage; 3 the 台账 file cannot
be opened; 4 the workbook has bad cells (each listed); 5 a plan of that year is
already in the file (choose --mode replace or --mode merge).
"""

from __future__ import annotations

import argparse
import json
import sys
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import MsdeskError, ValidationError
from ..store import create_store, open_store
from .text import Subparsers

if TYPE_CHECKING:  # the notice reader loads only when a command needs it (the CLI starts fast)
    from ..notice.model import ParsedPlan

MODE_HELP = (
    "已有同年度计划时的处理：new（默认，不覆盖，报错）、replace（替换，原计划移入已删除）、merge（按序号合并更新）"
)


def register(sub: Subparsers) -> None:
    imp = sub.add_parser("import", help="导入民生实事通知或项目清单工作簿")
    isub = imp.add_subparsers(dest="import_command", metavar="类型", required=True)
    p = isub.add_parser(
        "notice",
        help="导入年度民生实事通知（.txt/.docx/.pdf）",
        description="读取通知，识别类别、项目、牵头单位、任务级别、指标和推进措施，写入台账。",
    )
    _common(
        p,
        "通知文件（.txt 可为 UTF-8 或 GBK 编码；.docx；带文字层的 .pdf；.xlsx 格式的通知；.ofd；"
        "装有 LibreOffice 时也可为 .doc/.wps）",
    )
    p.add_argument(
        "--year",
        type=int,
        default=None,
        metavar="年份",
        help="计划年度：通知中没有写明年份时必须指定；写明的年份与之不同时以此为准",
    )
    p.set_defaults(func=cmd_import_notice)
    w = isub.add_parser(
        "workbook",
        help="导入其他单位填好的项目清单工作簿（.xlsx）",
        description="读取项目清单工作簿；有错误的单元格逐一列出，全部无误才写入台账。",
    )
    _common(w, "项目清单工作簿（.xlsx，由“msdesk workbook template/write”生成）")
    w.set_defaults(func=cmd_import_workbook)

    wb = sub.add_parser("workbook", help="项目清单工作簿：空白模板、导出现有计划")
    wsub = wb.add_subparsers(dest="workbook_command", metavar="操作", required=True)
    t = wsub.add_parser("template", help="生成空白项目清单模板（交其他单位填写）")
    t.add_argument("out", help="要保存的 .xlsx 文件")
    t.add_argument("--year", type=int, default=None, help="预填的计划年度")
    t.set_defaults(func=cmd_workbook_template)
    x = wsub.add_parser("write", help="把台账中的计划写成项目清单工作簿（可修改后再导入）")
    x.add_argument("out", help="要保存的 .xlsx 文件")
    x.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    x.add_argument("--plan-year", type=int, default=None, metavar="年份", help="哪一年的计划（默认当前计划）")
    x.set_defaults(func=cmd_workbook_write)


def _common(p: argparse.ArgumentParser, file_help: str) -> None:
    p.add_argument("file", help=file_help)
    p.add_argument("--db", metavar="FILE", help="台账文件（不存在时新建；仅 --dry-run/--json 时可省略）")
    p.add_argument("--dry-run", action="store_true", help="试运行：只显示识别结果，不做任何修改")
    p.add_argument("--json", action="store_true", help="以 JSON 输出识别结果（供脚本使用），不写入台账")
    p.add_argument("--mode", choices=("new", "replace", "merge"), default="new", help=MODE_HELP)


def cmd_import_notice(args: Namespace) -> int:
    from ..errors import MsdeskError
    from ..notice import parse_notice, read_notice_file

    path = Path(args.file)
    from ..notice.reader import is_project_workbook

    if path.suffix.lower() == ".xlsx" and is_project_workbook(path):
        raise MsdeskError(f"“{args.file}”是项目清单工作簿：请用 msdesk import workbook {args.file} --db …… 导入。")
    plan = parse_notice(read_notice_file(path))
    if args.year is not None:
        if plan.year and plan.year != args.year:
            print(f"注意：通知写明 {plan.year} 年，按 --year 导入为 {args.year} 年。", file=sys.stderr)
        plan.year = args.year
    return _finish(args, plan)


def cmd_import_workbook(args: Namespace) -> int:
    from ..notice.workbook import read_workbook

    plan = read_workbook(Path(args.file))
    return _finish(args, plan)


def _finish(args: Namespace, plan: ParsedPlan) -> int:
    from ..notice.commit import PlanExistsError, existing_plan, import_plan
    from ..notice.summary import describe

    if args.json:
        print(json.dumps(plan.to_dict(), ensure_ascii=False, indent=2))
        return 0
    if args.dry_run:
        print(describe(plan))
        if args.db and Path(args.db).exists():
            with open_store(Path(args.db)) as store:
                old = existing_plan(store, plan.year) if plan.year else None
            if old:
                print(
                    f"\n台账中已有 {plan.year} 年的计划“{old['title']}”：正式导入时须加 --mode replace 或 --mode merge。"
                )
        print("\n（试运行：未做任何修改。）")
        return 0
    if not args.db:
        raise MsdeskError("请用 --db 指定要写入的台账文件（或加 --dry-run 只查看识别结果）。")
    path = Path(args.db)
    if not plan.year:
        raise ValidationError("通知中没有写明计划年度，未导入：请加 --year 指定年度（如 --year 2026）。")
    created = not path.exists()
    store = open_store(path) if not created else create_store(path)
    try:
        with store:
            try:
                import_plan(store, plan, mode=args.mode)
            except PlanExistsError as exc:
                print(
                    f"错误：{exc.message}\n可加 --mode replace（替换）或 --mode merge（按序号合并）。", file=sys.stderr
                )
                return exc.exit_code
    except BaseException:
        if created:  # a refused import leaves no new file behind
            _remove_new_file(path)
        raise
    verb = {"new": "导入", "replace": "替换导入", "merge": "合并导入"}[args.mode]
    print(f"已{verb}：{plan.title}（{plan.year}年，{len(plan.projects)} 项）到 {path}")
    if plan.unplaced_lines:
        print(f"另有 {len(plan.unplaced_lines)} 行文字未归入项目（可用 --dry-run 查看）。")
    return 0


def _remove_new_file(path: Path) -> None:
    for extra in (path, Path(str(path) + "-wal"), Path(str(path) + "-shm"), Path(str(path) + "-journal")):
        try:
            extra.unlink()
        except FileNotFoundError:
            pass


def cmd_workbook_template(args: Namespace) -> int:
    from ..notice.workbook import write_template

    out = write_template(Path(args.out), year=args.year)
    print(f"已生成空白项目清单模板：{out}")
    return 0


def cmd_workbook_write(args: Namespace) -> int:
    from .. import plans
    from ..notice.workbook import write_workbook

    with open_store(Path(args.db)) as store:
        if args.plan_year is None:
            plan = plans.current_plan(store)
        else:
            plan = next((p for p in plans.plans(store) if p["year"] == args.plan_year), None)
        if plan is None:
            raise MsdeskError("台账中没有该年度的计划，请先导入民生实事通知。")
        out = write_workbook(store, plan["id"], Path(args.out))
    print(f"已导出项目清单工作簿：{out}")
    return 0
