"""msdesk export: the official tables as .xlsx / .pdf, headless.

Exit codes: 0 files written; 2 usage; 3 the file cannot be opened; 4 invalid
choice (period, table, format, filter); 1 anything else (e.g. the output
folder cannot be written).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from .. import identity, plans
from ..errors import MsdeskError, ValidationError
from ..export import FORMATS, TABLE_KEYS, TABLE_LABELS, export_tables
from ..store import Store, open_store
from .text import Subparsers


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "export",
        help="导出正式报表（项目清单、目标任务分解表、进展情况表）为 Excel 和 PDF",
        description="按报告期导出可直接打印的正式报表。",
    )
    p.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    p.add_argument("--period", required=True, metavar="报告期", help="报告期，如 2026Q3（季度）或 2026-07（月份）")
    p.add_argument("--out", required=True, metavar="DIR", help="保存报表的文件夹（不存在时自动创建）")
    tables = "，".join(f"{k}（{TABLE_LABELS[k]}）" for k in TABLE_KEYS)
    p.add_argument(
        "--tables", default=",".join(TABLE_KEYS), metavar="列表", help=f"要导出的报表，逗号分隔：{tables}；默认全部"
    )
    p.add_argument(
        "--format", default=",".join(FORMATS), metavar="列表", help="文件格式，逗号分隔：xlsx、pdf；默认两种都导出"
    )
    p.add_argument("--category", default=None, metavar="类别", help="只导出该类别的项目，如 促进就业")
    p.add_argument("--lead-unit", default=None, metavar="单位", help="只导出该牵头单位的项目，如 区残联")
    p.add_argument("--plan-year", type=int, default=None, metavar="年份", help="导出哪一年的计划（默认当前计划）")
    p.add_argument(
        "--footer", default=None, metavar="文字", help="印在每页页脚的一行文字；默认：本单位已有数字证书时印证书指纹"
    )
    p.set_defaults(func=cmd_export)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]


def _plan_id(store: Store, year: int | None) -> str:
    if year is None:
        plan = plans.current_plan(store)
        if plan is None:
            raise MsdeskError("台账中还没有年度计划，请先导入民生实事通知。")
        return str(plan["id"])
    found = [p for p in plans.plans(store) if p["year"] == year]
    if not found:
        raise ValidationError(f"台账中没有 {year} 年的计划。")
    return str(found[0]["id"])


def cmd_export(args: Namespace) -> int:
    with open_store(Path(args.db)) as store:
        paths = export_tables(
            store,
            _plan_id(store, args.plan_year),
            args.period,
            Path(args.out),
            tables=_split(args.tables),
            formats=_split(args.format),
            category=args.category,
            lead_unit=args.lead_unit,
            footer_note=args.footer if args.footer is not None else identity.footer_note(store),
            progress_cb=None,
        )
    for path in paths:
        print(f"已导出：{path}")
    sys.stdout.flush()
    return 0
