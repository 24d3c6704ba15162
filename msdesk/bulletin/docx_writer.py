"""The bulletin as a Word document that WPS, Word and LibreOffice open and edit cleanly.

Written as WordprocessingML by msdesk.wordml (no python-docx/lxml: 6 MB less in the bundle). Body text is
set paragraph by paragraph as Word stores direct formatting; table cells take their fonts from three
paragraph styles, so a long table stays small and quick to write.
"""

from __future__ import annotations

from pathlib import Path

from ..wordml import attr, font_table, fonts_rpr, mm_twips, part, pt_twips, run_content, write_package
from .model import H1, H2, H3, TABLE, Bulletin
from .render import BODY_PT, LINE_PT, MARGINS_MM, TABLE_PT, TITLE_PT, title_lines

BODY_FONT, HEADING_FONT, H2_FONT = "仿宋", "黑体", "楷体"
TITLE_FONT = "方正小标宋简体"  # the title face of GB/T 9704; Word/WPS fall back to 宋体 without it
# paragraph styles of the table cells: (id and name, font, alignment)
CELL_STYLES = (
    ("通报表头", HEADING_FONT, "center"),
    ("通报表格", BODY_FONT, "center"),
    ("通报表格名称", BODY_FONT, "left"),
)
PAGE_MM = (210, 297)  # A4 portrait
FOOTER_MM = 25


def write_docx(b: Bulletin, path: Path) -> None:
    body: list[str] = []
    for line in title_lines(b.title):
        body.append(_para(line, TITLE_FONT, TITLE_PT, align="center", indent=False, line=36))
    body.append(_para(b.doc_number, BODY_FONT, BODY_PT, align="center", indent=False))
    body.append(_para("", BODY_FONT, BODY_PT, indent=False))
    for block in b.blocks:
        if block.kind == TABLE:
            body.append(_table(block.rows))
        elif block.kind in (H1, H2, H3):  # a heading stays on the page of what it heads
            font = {H1: HEADING_FONT, H2: H2_FONT, H3: BODY_FONT}[block.kind]
            body.append(_para(block.text, font, BODY_PT, bold=block.kind == H3, keep_next=True))
        else:
            body.append(_para(block.text, BODY_FONT, BODY_PT))
    body.append(_para("", BODY_FONT, BODY_PT, indent=False))
    for line in (b.signature, b.date_text):
        if line:
            body.append(_para(line, BODY_FONT, BODY_PT, align="right", indent=False, right=BODY_PT * 4))
    document = part("document", "<w:body>" + "".join(body) + _section() + "</w:body>")
    fonts = font_table([(BODY_FONT, ""), (HEADING_FONT, ""), (H2_FONT, ""), (TITLE_FONT, "宋体")])
    write_package(path, document, _styles(), fonts, footer=_footer(), title="".join(title_lines(b.title)))


def _section() -> str:
    m = {side: mm_twips(mm) for side, mm in MARGINS_MM.items()}
    return (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>'
        f'<w:pgSz w:w="{mm_twips(PAGE_MM[0])}" w:h="{mm_twips(PAGE_MM[1])}"/>'
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}"'
        f' w:header="720" w:footer="{mm_twips(FOOTER_MM)}" w:gutter="0"/>'
        '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


def _rpr(font: str, size: float, bold: bool = False) -> str:
    return f'<w:rPr>{fonts_rpr(font)}{"<w:b/>" if bold else ""}<w:sz w:val="{round(size * 2)}"/></w:rPr>'


def _para(
    text: str,
    font: str,
    size: float,
    align: str = "both",
    indent: bool = True,
    bold: bool = False,
    line: float = LINE_PT,
    keep_next: bool = False,
    right: float = 0,
) -> str:
    ppr = "<w:keepNext/>" if keep_next else ""
    ppr += f'<w:spacing w:lineRule="exact" w:line="{pt_twips(line)}" w:before="0" w:after="0"/>'
    if indent or right:
        ppr += "<w:ind" + (f' w:right="{pt_twips(right)}"' if right else "")
        ppr += (f' w:firstLine="{pt_twips(size * 2)}"' if indent else "") + "/>"
    ppr += f'<w:jc w:val="{align}"/>'
    run = f"<w:r>{_rpr(font, size, bold)}{run_content(text)}</w:r>" if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{run}</w:p>"


def _table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    widths = _widths(rows, width)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
        f' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    head, body, name = (style for style, _font, _align in CELL_STYLES)
    for i, row in enumerate(rows):
        out.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>' if i == 0 else "<w:tr>")
        for j in range(width):
            style = head if i == 0 else (name if j == 1 else body)
            text = row[j] if j < len(row) else ""
            run = f"<w:r>{run_content(text)}</w:r>" if text else ""
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[j]}"/></w:tcPr>'
                f"<w:p><w:pPr><w:pStyle w:val={attr(style)}/></w:pPr>{run}</w:p></w:tc>"
            )
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out) + _para("", BODY_FONT, BODY_PT, indent=False)


def _text_pt(text: str) -> float:
    return sum(TABLE_PT if ord(ch) > 0x2000 else TABLE_PT * 0.6 for ch in text)


def _mm_pt(mm: float) -> float:
    return int(mm * 36000) / 12700


def _widths(rows: list[list[str]], width: int) -> list[int]:
    """Each column as wide as its longest text (capped); the second (names) takes the rest. In twips."""
    usable = _mm_pt(PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"])
    pts = [min(max(_text_pt(r[j] if j < len(r) else "") for r in rows) + 18, _mm_pt(42)) for j in range(width)]
    if width > 1:
        pts[1] = max(usable - sum(pts) + pts[1], _mm_pt(24))
        if sum(pts) > usable:
            pts = [usable / width] * width
    return [pt_twips(p) for p in pts]


def _styles() -> str:
    cells = "".join(
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId={attr(sid)}><w:name w:val={attr(sid)}/>'
        '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/>'
        f'<w:jc w:val="{align}"/></w:pPr><w:rPr>{fonts_rpr(font)}<w:sz w:val="{TABLE_PT * 2}"/></w:rPr></w:style>'
        for sid, font, align in CELL_STYLES
    )
    border = 'w:val="single" w:sz="4" w:space="0" w:color="auto"'
    margins = (
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
    )
    return part(
        "styles",
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>'
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="276" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:rPr>{fonts_rpr(BODY_FONT)}<w:sz w:val="{BODY_PT * 2}"/></w:rPr></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        f'<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>{margins}'
        "</w:tblPr></w:style>"
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="59"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
        + "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + f"</w:tblBorders>{margins}</w:tblPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4680"/>'
        '<w:tab w:val="right" w:pos="9360"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "</w:style>" + cells,
    )


def _footer() -> str:
    """— 1 — centred at the foot, from a PAGE field so it stays right after edits."""
    rpr = _rpr(BODY_FONT, 14)
    field = (
        '<w:fldChar w:fldCharType="begin"/><w:instrText xml:space="preserve"> PAGE </w:instrText>'
        '<w:fldChar w:fldCharType="separate"/><w:t>1</w:t><w:fldChar w:fldCharType="end"/>'
    )
    return part(
        "ftr",
        '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr>'
        f'<w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r><w:r>{rpr}{field}</w:r>'
        f'<w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r></w:p>',
    )
