"""The bulletin as a Word document that WPS, Word and LibreOffice open and edit cleanly."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.styles.style import ParagraphStyle
    from docx.table import _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

from .model import H1, H2, H3, TABLE, Bulletin
from .render import BODY_PT, LINE_PT, MARGINS_MM, TABLE_PT, TITLE_PT, title_lines

BODY_FONT, HEADING_FONT, H2_FONT = "仿宋", "黑体", "楷体"
TITLE_FONT = "方正小标宋简体"  # the title face of GB/T 9704; Word/WPS fall back to 宋体 without it


def write_docx(b: Bulletin, path: Path) -> None:
    doc = Document()
    _page(doc)
    for line in title_lines(b.title):
        _para(doc, line, TITLE_FONT, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=36)
    _para(doc, b.doc_number, BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, "", BODY_FONT, BODY_PT, indent=False)
    for block in b.blocks:
        if block.kind == TABLE:
            _table(doc, block.rows)
        elif block.kind in (H1, H2, H3):  # a heading stays on the page of what it heads
            font = {H1: HEADING_FONT, H2: H2_FONT, H3: BODY_FONT}[block.kind]
            p = _para(doc, block.text, font, BODY_PT, bold=block.kind == H3)
            p.paragraph_format.keep_with_next = True
        else:
            _para(doc, block.text, BODY_FONT, BODY_PT)
    _para(doc, "", BODY_FONT, BODY_PT, indent=False)
    for line in (b.signature, b.date_text):
        if line:
            p = _para(doc, line, BODY_FONT, BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
            p.paragraph_format.right_indent = Pt(BODY_PT * 4)
    doc.save(str(path))


def _page(doc: DocxDocument) -> None:
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    s.left_margin, s.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    s.footer_distance = Mm(25)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _east_asian(normal.element.get_or_add_rPr(), BODY_FONT)
    _page_number(s.footer.paragraphs[0])


def _east_asian(rpr: BaseOxmlElement, name: str) -> None:
    """Word picks the face of Chinese characters from w:eastAsia, not from the plain font name."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _run(p: Paragraph, text: str, font: str, size: float, bold: bool = False) -> Run:
    run = p.add_run(text)
    run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    run.font.name = font
    _east_asian(run._element.get_or_add_rPr(), font)
    return run


def _para(
    doc: DocxDocument,
    text: str,
    font: str,
    size: float,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    bold: bool = False,
    line: float = LINE_PT,
) -> Paragraph:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if text:
        _run(p, text, font, size, bold)
    return p


def _table(doc: DocxDocument, rows: list[list[str]]) -> None:
    if not rows:
        return
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head, body, name = (
        _cell_style(doc, *spec)
        for spec in (
            ("通报表头", HEADING_FONT, WD_ALIGN_PARAGRAPH.CENTER),
            ("通报表格", BODY_FONT, WD_ALIGN_PARAGRAPH.CENTER),
            ("通报表格名称", BODY_FONT, WD_ALIGN_PARAGRAPH.LEFT),
        )
    )
    widths = _widths(rows, width)
    table.autofit = False
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths):
        col.w = w
    for i, (row, tr) in enumerate(zip(rows, table.rows)):
        for j, cell in enumerate(tr.cells):  # table.cell(i, j) walks the whole table each time
            cell.width = widths[j]
            p = cell.paragraphs[0]
            # fonts come from a paragraph style: setting them run by run is what makes big tables slow
            p._p.style = (head if i == 0 else (name if j == 1 else body)).style_id  # p.style looks it up by name
            p.add_run(row[j] if j < len(row) else "")
    _repeat_header(table.rows[0])
    _para(doc, "", BODY_FONT, BODY_PT, indent=False)


def _text_pt(text: str) -> float:
    return sum(TABLE_PT if ord(ch) > 0x2000 else TABLE_PT * 0.6 for ch in text)


def _widths(rows: list[list[str]], width: int) -> list[Length]:
    """Each column as wide as its longest text (capped); the second (names) takes the rest."""
    usable = Mm(210 - MARGINS_MM["left"] - MARGINS_MM["right"]).pt
    pts = [min(max(_text_pt(r[j] if j < len(r) else "") for r in rows) + 18, Mm(42).pt) for j in range(width)]
    if width > 1:
        pts[1] = max(usable - sum(pts) + pts[1], Mm(24).pt)
        if sum(pts) > usable:
            pts = [usable / width] * width
    return [Pt(p) for p in pts]


def _cell_style(doc: DocxDocument, name: str, font: str, align: WD_ALIGN_PARAGRAPH) -> ParagraphStyle:
    style: ParagraphStyle  # a paragraph style: made below as one
    if name in [s.name for s in doc.styles]:
        style = doc.styles[name]
        return style
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.font.size = Pt(TABLE_PT)
    style.font.name = font
    _east_asian(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(0)
    return style


def _repeat_header(row: _Row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _page_number(p: Paragraph) -> None:
    """— 1 — centred at the foot, from a PAGE field so it stays right after edits."""
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", BODY_FONT, 14)
    run = _run(p, "", BODY_FONT, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._element.append(el)
    _run(p, " —", BODY_FONT, 14)
