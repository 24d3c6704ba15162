"""msdesk report bulletin: the period's 进展情况通报 drafted from the ledger, as .docx (and .pdf).

Exit codes: 0 written; 2 usage; 3 the file cannot be opened; 4 invalid choice (period,
filter, output type); 1 anything else (e.g. the output cannot be written).
"""

from __future__ import annotations

import sys
from argparse import Namespace
from pathlib import Path

from ..bulletin import build_bulletin, from_text, to_text, write_bulletin
from ..errors import FileAccessError, StoreError, ValidationError, os_reason
from ..store import open_store
from .export import _plan_id
from .text import Subparsers


def register(sub: Subparsers) -> None:
    p = sub.add_parser("report", help="生成文字材料（如进展情况通报）", description="根据台账数据起草文字材料。")
    kinds = p.add_subparsers(dest="report_kind", metavar="材料", required=True)
    b = kinds.add_parser(
        "bulletin",
        help="起草某一报告期的民生实事进展情况通报（.docx，可加 .pdf）",
        description="按报告期起草进展情况通报：总体情况、滞后项目、报送情况（有下级单位时）、"
        "资金情况，数字与进展情况表一致。",
    )
    b.add_argument("--db", required=True, metavar="FILE", help="台账文件")
    b.add_argument("--period", required=True, metavar="报告期", help="报告期，如 2026Q3（季度）或 2026-07（月份）")
    b.add_argument("--out", required=True, metavar="FILE.docx", help="保存通报的文件（.docx）")
    b.add_argument("--pdf", action="store_true", help="同时保存同名的 PDF 文件")
    b.add_argument("--category", default=None, metavar="类别", help="只通报该类别的项目，如 促进就业")
    b.add_argument("--lead-unit", default=None, metavar="单位", help="只通报该牵头单位的项目，如 区残联")
    b.add_argument("--plan-year", type=int, default=None, metavar="年份", help="哪一年的计划（默认当前计划）")
    b.add_argument(
        "--text",
        default=None,
        metavar="FILE.txt",
        help="用修改过的通报文字（UTF-8 纯文本，格式同 --save-text）代替自动起草的内容",
    )
    b.add_argument("--save-text", default=None, metavar="FILE.txt", help="同时把起草的文字保存为纯文本，便于修改")
    b.set_defaults(func=cmd_bulletin)


def cmd_bulletin(args: Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        raise ValidationError(f"输出文件“{out.name}”应以 .docx 结尾（PDF 请另加 --pdf）。", field="out")
    with open_store(Path(args.db)) as store:
        bulletin = build_bulletin(
            store, _plan_id(store, args.plan_year), args.period, category=args.category, lead_unit=args.lead_unit
        )
    if args.text:
        try:
            edited = Path(args.text).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"无法读取文字文件“{args.text}”：请确认文件存在且为 UTF-8 编码。") from exc
        if not edited.strip():
            raise ValidationError(
                f"文字文件“{args.text}”是空的，未生成通报。请先用 --save-text 保存草稿，修改后再用 --text 生成。"
            )
        bulletin = from_text(edited)
    written = [write_bulletin(bulletin, out, "docx")]
    if args.pdf:
        written.append(write_bulletin(bulletin, out.with_suffix(".pdf"), "pdf"))
    if args.save_text:
        try:
            Path(args.save_text).write_text(to_text(bulletin), encoding="utf-8")
        except OSError as exc:
            raise FileAccessError(f"无法写入“{args.save_text}”：{os_reason(exc)}。请换一个文件夹。") from exc
        written.append(Path(args.save_text))
    for path in written:
        print(f"已生成：{path}")
    sys.stdout.flush()
    return 0
