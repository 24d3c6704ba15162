"""Printed column headers are not split inside a word (a print showed 计划投/资): each one-word
header of the 进展情况表 fits on one line of its PDF cell."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from msdesk.export import pdf, prepare
from msdesk.export.fonts import TITLE_FONT, register_fonts
from msdesk.export.paging import PADDING
from tests._export_fixtures import build_plan

ONE_WORD = (
    "年度目标",
    "累计完成",
    "完成率",
    "序时进度",
    "状态",
    "计划投资",
    "到位资金",
    "已支出资金",
    "进展情况",
    "存在问题",
    "下一步计划",
)


def test_one_word_headers_fit_on_one_line(store):
    register_fonts()
    plan = build_plan(store)
    data = prepare(store, plan["plan"], "2023Q3", ["progress"])
    table = next(t for t in data.tables if t.key == "progress")
    scale = min(1.0, pdf.FRAME_WIDTH / (sum(c.width_mm for c in table.columns) * mm))
    for column in table.columns:
        if column.label in ONE_WORD:
            inner = column.width_mm * mm * scale - PADDING["left"] - PADDING["right"] - 0.5
            need = stringWidth(column.label, TITLE_FONT, table.font_size)
            assert need <= inner, f"{column.label}: {need:.1f} pt > {inner:.1f} pt"
