"""Small .docx files for the tests, built and read without python-docx.

`DocxFile` writes paragraphs, tables (with merged cells) and raw WordprocessingML through msdesk.wordml,
the writer the bulletin uses. `paragraphs`, `tables`, `run_fonts` and `section` read a written file back
from its XML, as Word would see it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from msdesk.wordml import W_NS, font_table, fonts_rpr, mm_twips, part, run_content, write_package

W = "{" + W_NS + "}"


def para_xml(text: str, center: bool = False, bold: bool = False, size: float | None = None) -> str:
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    rpr = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{round(size * 2)}"/>' if size else "")
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f"<w:p>{ppr}<w:r>{rpr}{run_content(text)}</w:r></w:p>" if text else f"<w:p>{ppr}</w:p>"


def styles_xml(font: str = "", size: float = 0) -> str:
    """Normal in `font` at `size` points (Word's defaults when not given) and the bordered "Table Grid"."""
    rpr = (fonts_rpr(font) if font else "") + (f'<w:sz w:val="{round(size * 2)}"/>' if size else "")
    border = 'w:val="single" w:sz="4" w:space="0" w:color="auto"'
    borders = "".join(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return part(
        "styles",
        f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr>{rpr}</w:rPr>'
        '</w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr></w:style>",
    )


class DocxFile:
    def __init__(self, font: str = "", size: float = 0, landscape: bool = False) -> None:
        self.body: list[str] = []
        self.styles = styles_xml(font, size)
        width, height = (mm_twips(297), mm_twips(210)) if landscape else (mm_twips(210), mm_twips(297))
        orient = ' w:orient="landscape"' if landscape else ""
        self.section = f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"{orient}/></w:sectPr>'

    def para(self, text: str, center: bool = False, bold: bool = False, size: float | None = None) -> DocxFile:
        self.body.append(para_xml(text, center, bold, size))
        return self

    def raw(self, xml: str) -> DocxFile:
        """Body content written as is (w: and r: prefixes are declared; others need their xmlns)."""
        self.body.append(xml)
        return self

    def table(
        self,
        rows: list[list[str | list[str]]],
        merges: tuple[tuple[int, int, int, int], ...] = (),
        widths_mm: list[float] | None = None,
        header: bool = False,
    ) -> DocxFile:
        """A table; a cell is a text or a list of its paragraphs. A merge (row, col, last row, last col) keeps
        the texts of its cells in its top-left cell, as Word's 合并单元格 does. `header`: the first row bold,
        repeated on every page."""
        self.body.append(table_xml(rows, merges, widths_mm, header))
        return self

    def save(self, path: Path) -> Path:
        document = part("document", "<w:body>" + "".join(self.body) + self.section + "</w:body>")
        write_package(path, document, self.styles, font_table([]))
        return path


def table_xml(
    rows: list[list[str | list[str]]],
    merges: tuple[tuple[int, int, int, int], ...] = (),
    widths_mm: list[float] | None = None,
    header: bool = False,
) -> str:
    width = max(len(r) for r in rows)
    cells: list[list[list[str]]] = [
        [([c] if isinstance(c, str) else list(c)) for c in r] + [[""]] * (width - len(r)) for r in rows
    ]
    covered: set[tuple[int, int]] = set()  # (row, col) inside a merge, not its first column
    spans: dict[tuple[int, int], tuple[int, str | None]] = {}  # first column of a merge in a row → (span, vMerge)
    for r0, c0, r1, c1 in merges:
        lines = [line for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) for line in cells[r][c] if line]
        cells[r0][c0] = lines or [""]
        for r in range(r0, r1 + 1):
            spans[(r, c0)] = (c1 - c0 + 1, None if r0 == r1 else ("restart" if r == r0 else "continue"))
            for c in range(c0 + 1, c1 + 1):
                covered.add((r, c))
    twips = [mm_twips(w) for w in widths_mm] if widths_mm else [2000] * width
    style = '<w:tblStyle w:val="TableGrid"/>' if widths_mm or header else ""
    out = [f'<w:tbl><w:tblPr>{style}<w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in twips]
    out.append("</w:tblGrid>")
    for r, row in enumerate(cells):
        out.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header and r == 0 else "<w:tr>")
        for c, lines in enumerate(row):
            if (r, c) in covered:
                continue
            span, merge = spans.get((r, c), (1, None))
            props = f'<w:tcW w:w="{sum(twips[c : c + span])}" w:type="dxa"/>' if widths_mm else ""
            props += (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
                f'<w:vMerge w:val="{merge}"/>' if merge else ""
            )
            bold = header and r == 0
            content = "".join(para_xml(line, bold=bold) for line in lines) if merge != "continue" else "<w:p/>"
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _document(path: Path) -> ElementTree.Element:
    with zipfile.ZipFile(path) as archive:
        return ElementTree.fromstring(archive.read("word/document.xml"))


def _text(p: ElementTree.Element) -> str:
    out = []
    for el in p.iter():
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag == W + "br":
            out.append("\n")
    return "".join(out)


def paragraphs(path: Path) -> list[str]:
    """The texts of the body's paragraphs (not those in tables), in order."""
    body = _document(path).find(W + "body")
    assert body is not None
    return [_text(p) for p in body.findall(W + "p")]


def body_paragraphs(path: Path) -> list[ElementTree.Element]:
    body = _document(path).find(W + "body")
    assert body is not None
    return body.findall(W + "p")


def tables(path: Path) -> list[list[list[str]]]:
    """Every body table as rows of cell texts (a cell's paragraphs joined by newlines)."""
    body = _document(path).find(W + "body")
    assert body is not None
    return [
        [
            ["\n".join(_text(p) for p in tc.findall(W + "p")) for tc in tr.findall(W + "tc")]
            for tr in tbl.findall(W + "tr")
        ]
        for tbl in body.findall(W + "tbl")
    ]


def run_fonts(p: ElementTree.Element) -> list[tuple[str | None, float | None, bool]]:
    """Each run of a paragraph as (East Asian font, size in points, bold), from its direct formatting."""
    out = []
    for r in p.findall(W + "r"):
        fonts = r.find(f"{W}rPr/{W}rFonts")
        size = r.find(f"{W}rPr/{W}sz")
        out.append(
            (
                None if fonts is None else fonts.get(W + "eastAsia"),
                None if size is None else int(size.get(W + "val", "0")) / 2,
                r.find(f"{W}rPr/{W}b") is not None,
            )
        )
    return out


def section(path: Path) -> dict[str, float]:
    """Page size and margins of the (last) section in millimetres, rounded to 0.1 mm."""
    sect = _document(path).find(f"{W}body/{W}sectPr")
    assert sect is not None
    size, margins = sect.find(W + "pgSz"), sect.find(W + "pgMar")
    assert size is not None and margins is not None
    out = {"width": size.get(W + "w"), "height": size.get(W + "h")}
    out.update({side: margins.get(W + side) for side in ("top", "bottom", "left", "right", "footer")})
    return {k: round(int(v or 0) * 25.4 / 1440, 1) for k, v in out.items()}


def styles(path: Path) -> dict[str, ElementTree.Element]:
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("word/styles.xml"))
    return {s.get(W + "styleId", ""): s for s in root.findall(W + "style")}
