"""The bulletin as a PDF, set in the fonts the tables use (msdesk.export.fonts)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..export.fonts import BODY_FONT, TITLE_FONT, body_covers, register_fonts, with_fallback
from .model import H1, H2, H3, TABLE, Bulletin
from .render import BODY_PT, LINE_PT, MARGINS_MM, TABLE_PT, TITLE_PT, title_lines


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=BODY_FONT,
        fontSize=BODY_PT,
        leading=LINE_PT,
        firstLineIndent=BODY_PT * 2,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    return {
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=TITLE_FONT,
            fontSize=TITLE_PT,
            leading=36,
            firstLineIndent=0,
            alignment=TA_CENTER,
        ),
        "center": ParagraphStyle("center", parent=body, firstLineIndent=0, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=body, firstLineIndent=0, alignment=TA_RIGHT, rightIndent=BODY_PT * 4),
        H1: ParagraphStyle(H1, parent=body, fontName=TITLE_FONT),
        H2: ParagraphStyle(H2, parent=body),
        H3: ParagraphStyle(H3, parent=body),
        "p": body,
        "cell": ParagraphStyle(
            "cell", fontName=BODY_FONT, fontSize=TABLE_PT, leading=TABLE_PT * 1.35, wordWrap="CJK", alignment=TA_CENTER
        ),
        "head": ParagraphStyle(
            "head", fontName=TITLE_FONT, fontSize=TABLE_PT, leading=TABLE_PT * 1.35, wordWrap="CJK", alignment=TA_CENTER
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(with_fallback(escape(text)), style)


def write_pdf(b: Bulletin, path: Path) -> None:
    register_fonts()
    st = _styles()
    story: list[Flowable] = [_p(line, st["title"]) for line in title_lines(b.title)]
    story += [_p(b.doc_number, st["center"]), Spacer(1, LINE_PT)]
    for n, block in enumerate(b.blocks):
        if block.kind == TABLE:
            story += [_table(block.rows, st), Spacer(1, LINE_PT / 2)]
            continue
        if block.kind in (H1, H2, H3):
            # no heading alone at the foot of a page (keepWithNext would push a long paragraph over too)
            before_table = n + 1 < len(b.blocks) and b.blocks[n + 1].kind == TABLE
            story.append(CondPageBreak(LINE_PT * (5 if before_table else 3.2)))
        story.append(_p(block.text, st.get(block.kind, st["p"])))
    story.append(Spacer(1, LINE_PT))
    story += [_p(line, st["right"]) for line in (b.signature, b.date_text) if line]
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        title=b.title,
        author=b.signature,
        topMargin=MARGINS_MM["top"] * mm,
        bottomMargin=MARGINS_MM["bottom"] * mm,
        leftMargin=MARGINS_MM["left"] * mm,
        rightMargin=MARGINS_MM["right"] * mm,
    )
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)


def _cell(text: str, width: float, style: ParagraphStyle) -> str | Paragraph:
    """Plain text when it fits on one line in the body face (quick to set), else a wrapping Paragraph."""
    if style.fontName == BODY_FONT and body_covers(text) and stringWidth(text, BODY_FONT, TABLE_PT) < width - 6:
        return text
    return _p(text, style)


def _widths(rows: list[list[str]], width: int) -> list[float]:
    """Each column as wide as its longest text (so 序时推进（绿灯） stays on one line); the
    second column, which holds names (单位, 项目), gets the rest of the line."""
    usable = (210 - MARGINS_MM["left"] - MARGINS_MM["right"]) * mm

    def text_width(i: int, row: list[str], j: int) -> float:
        return stringWidth(row[j] if j < len(row) else "", TITLE_FONT if i == 0 else BODY_FONT, TABLE_PT)

    widths = [min(max(text_width(i, r, j) for i, r in enumerate(rows)) + 14, 42 * mm) for j in range(width)]
    if width > 1:
        widths[1] = max(usable - sum(widths) + widths[1], 24 * mm)
        if sum(widths) > usable:  # too many columns: share the line evenly
            widths = [usable / width] * width
    return widths


def _table(rows: list[list[str]], st: dict[str, ParagraphStyle]) -> Table:
    width = max(len(r) for r in rows)
    widths = _widths(rows, width)
    cells = [
        [_cell(row[j] if j < len(row) else "", widths[j], st["head"] if i == 0 else st["cell"]) for j in range(width)]
        for i, row in enumerate(rows)
    ]
    t = Table(cells, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("FONT", (0, 0), (-1, -1), BODY_FONT, TABLE_PT),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("ALIGN", (1, 1), (1, -1), "LEFT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(BODY_FONT, 14)
    canvas.drawCentredString(A4[0] / 2, 20 * mm, f"— {doc.page} —")
    canvas.restoreState()
