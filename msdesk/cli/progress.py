"""msdesk workbook progress-template / msdesk import progress: 进展表 in Excel.

Attaches to the `workbook` and `import` commands that cli/notice.py defines (so it
must be registered after it). Exit codes: 0 done (also a dry run, or nothing to
change); 3 the 台账 file cannot be opened; 4 the table is refused (wrong office or
period, bad cells: each named) or the office/lead unit/period is invalid.
"""

from __future__ import annotations

import argparse
import json
from argparse import Namespace
from pathlib import Path

from ..store import open_store
from .text import Subparsers

TARGET_HELP = "下级单位名称（与 --lead-unit 二选一）"
LEAD_HELP = "牵头单位名称，如 区民政局：只含其牵头的项目，数据记为本单位进度（与 --office 二选一）"


def _group(sub: Subparsers, name: str) -> Subparsers:
    """The subcommands of an existing command (import, workbook)."""
    parser = sub.choices[name]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def register(sub: Subparsers) -> None:
    t = _group(sub, "workbook").add_parser(
        "progress-template",
        help="生成空白进展表（交下级单位或牵头单位填写）",
        description="按单位和报告期生成进展表：项目、指标、目标（有分解的用分解目标）、上期累计；"
        "编号和目标列锁定，累计完成只能填 ≥0 的数字，A4 横向打印。",
    )
    t.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    _target(t)
    t.add_argument("--period", required=True, metavar="报告期", help="如 2026Q3 或 2026-07")
    t.add_argument("--out", required=True, metavar="FILE.xlsx", help="要保存的 .xlsx 文件")
    t.set_defaults(func=cmd_template)
    i = _group(sub, "import").add_parser(
        "progress",
        help="导入填好的进展表（.xlsx，或报送包 .zip 中的进展情况表）",
        description="读取进展表（本程序的模板、导出的进展情况表或手工制作的表格），按指标编号或序号+指标名称"
        "对应到指标，逐格检查；有错误时逐一列出，不写入任何数据。",
    )
    i.add_argument("file", help="进展表（.xlsx）或报送包（.zip）")
    i.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    _target(i)
    i.add_argument("--period", required=True, metavar="报告期", help="如 2026Q3 或 2026-07")
    i.add_argument("--dry-run", action="store_true", help="试运行：只显示对应结果和错误，不做任何修改")
    i.add_argument("--json", action="store_true", help="以 JSON 输出对应结果（供脚本使用）")
    i.set_defaults(func=cmd_import)


def _target(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--office", metavar="单位", help=TARGET_HELP)
    group.add_argument("--lead-unit", metavar="牵头单位", help=LEAD_HELP)


def cmd_template(args: Namespace) -> int:
    from ..progress_table import resolve_scope, write_template

    with open_store(Path(args.db)) as store:
        scope = resolve_scope(store, None, args.period, args.office, args.lead_unit)
        out = write_template(scope, Path(args.out))
    count = sum(len(p.indicators) or 1 for p in scope.projects)
    print(f"已生成{scope.name}{scope.period.label}进展表：{out}（{len(scope.projects)} 个项目，{count} 行）")
    return 0


def cmd_import(args: Namespace) -> int:
    from ..progress_table import import_table, resolve_scope
    from ..progress_table.apply import TableRefused

    with open_store(Path(args.db)) as store:
        scope = resolve_scope(store, None, args.period, args.office, args.lead_unit)
        try:
            outcome = import_table(store, scope, Path(args.file), dry_run=args.dry_run)
        except TableRefused as exc:
            if args.json:
                print(json.dumps(exc.preview.to_dict(), ensure_ascii=False, indent=2))
            raise
    if args.json:
        print(
            json.dumps(
                {**outcome.preview.to_dict(), "written": outcome.written, "message": outcome.message},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(outcome.preview.summary())
    for row in outcome.preview.rows:
        if row.state != "skipped" or args.dry_run:
            what = f"第{row.seq}项 {row.indicator or row.project}"[:40]
            change = f"{row.old or '空'} → {row.new}" if row.new and row.new != row.old else ""
            print(f"  第{row.row}行 [{row.state_label}] {what} {row.how} {change} {row.note}".rstrip())
    print(outcome.message)
    return 0
