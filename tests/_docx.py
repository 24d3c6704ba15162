"""Small .docx files for the tests, built and read without python-docx.

`DocxFile` writes paragraphs, tables (with merged cells) and raw WordprocessingML through msdesk.wordml,
the writer the bulletin uses. `paragraphs`, `tables`, `run_fonts` and `section` read a written file back
from its XML, as Word would see it.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from msdesk.wordml import W_NS, font_table, part, run_content, write_package

W = "{" + W_NS + "}"
EMPTY_STYLES = part("styles", "")


def para_xml(text: str) -> str:
    return f"<w:p><w:r>{run_content(text)}</w:r></w:p>" if text else "<w:p/>"


class DocxFile:
    def __init__(self) -> None:
        self.body: list[str] = []

    def para(self, text: str) -> DocxFile:
        self.body.append(para_xml(text))
        return self

    def raw(self, xml: str) -> DocxFile:
        """Body content written as is (w: and r: prefixes are declared; others need their xmlns)."""
        self.body.append(xml)
        return self

    def table(self, rows: list[list[str | list[str]]], merges: tuple[tuple[int, int, int, int], ...] = ()) -> DocxFile:
        """A table; a cell is a text or a list of its paragraphs. A merge (row, col, last row, last col) keeps
        the texts of its cells in its top-left cell, as Word's 合并单元格 does."""
        self.body.append(table_xml(rows, merges))
        return self

    def save(self, path: Path) -> Path:
        document = part("document", "<w:body>" + "".join(self.body) + "<w:sectPr/></w:body>")
        write_package(path, document, EMPTY_STYLES, font_table([]))
        return path


def table_xml(rows: list[list[str | list[str]]], merges: tuple[tuple[int, int, int, int], ...] = ()) -> str:
    width = max(len(r) for r in rows)
    cells: list[list[list[str]]] = [
        [([c] if isinstance(c, str) else list(c)) for c in r] + [[""]] * (width - len(r)) for r in rows
    ]
    covered: dict[tuple[int, int], str] = {}  # (row, col) → 'span' (inside a merge, not its first column) or 'continue'
    spans: dict[tuple[int, int], tuple[int, str | None]] = {}  # first column of a merge in a row → (span, vMerge)
    for r0, c0, r1, c1 in merges:
        lines = [line for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) for line in cells[r][c] if line]
        cells[r0][c0] = lines or [""]
        for r in range(r0, r1 + 1):
            spans[(r, c0)] = (c1 - c0 + 1, None if r0 == r1 else ("restart" if r == r0 else "continue"))
            for c in range(c0 + 1, c1 + 1):
                covered[(r, c)] = "span"
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>']
    out += ['<w:gridCol w:w="2000"/>'] * width
    out.append("</w:tblGrid>")
    for r, row in enumerate(cells):
        out.append("<w:tr>")
        for c, lines in enumerate(row):
            if (r, c) in covered:
                continue
            span, merge = spans.get((r, c), (1, None))
            props = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
                f'<w:vMerge w:val="{merge}"/>' if merge else ""
            )
            content = "".join(para_xml(line) for line in lines) if merge != "continue" else "<w:p/>"
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
