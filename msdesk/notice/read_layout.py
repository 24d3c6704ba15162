"""PDF and OFD notices → blocks, from the positions of their characters.

PDF (pdfplumber): ruled tables are found from their drawn lines and read cell by cell;
a cell's characters are rejoined without the spaces justification put between CJK
characters. Text outside the tables is read line by line. OFD (GB/T 33190) is a zip of
XML pages whose TextObjects carry their position: read the same way, with no
dependency beyond the standard library.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias
from xml.etree import ElementTree

from .blocks import Block, Glyph, cell_text, glyph_lines

if TYPE_CHECKING:
    from pdfplumber.page import Page

# pdfplumber's character object (its T_obj): a dict of x0, x1, top, bottom, text and more, values of any type
Char: TypeAlias = dict[str, Any]
BBox: TypeAlias = tuple[float, float, float, float]  # x0, top, x1, bottom

TABLE_SETTINGS: dict[str, str | int] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


def pdf_blocks(path: Path) -> list[Block]:
    import pdfplumber

    blocks: list[Block] = []
    with pdfplumber.open(str(path)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            blocks += _page_blocks(page, number)
    return blocks


def _glyph(ch: Char) -> Glyph:
    return Glyph(ch["x0"], ch["x1"], ch["top"], ch["bottom"], ch["text"])


def _inside(ch: Char, bbox: BBox) -> bool:
    x: float = (ch["x0"] + ch["x1"]) / 2
    y: float = (ch["top"] + ch["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _page_blocks(page: Page, number: int) -> list[Block]:
    chars = [ch for ch in page.chars if ch.get("text")]
    tables = [t for t in page.find_tables(TABLE_SETTINGS) if len(t.rows) >= 1 and len(t.rows[0].cells) >= 2]
    placed: list[tuple[float, list[Block]]] = []
    loose = [ch for ch in chars if not any(_inside(ch, t.bbox) for t in tables)]
    for line_top, text in _lines_with_top(loose):
        placed.append((line_top, [Block("para", text, page=number)]))
    for table in tables:
        rows = []
        in_table = [ch for ch in chars if _inside(ch, table.bbox)]
        for row in table.rows:
            cells = []
            in_row = [ch for ch in in_table if _inside(ch, row.bbox)]
            for bbox in row.cells:
                if bbox is None:  # the position is covered by a cell merged from the left or above
                    cells.append("")
                    continue
                inner = [_glyph(ch) for ch in in_row if _inside(ch, bbox)]
                cells.append(cell_text(glyph_lines(inner)))
            rows.append(Block("row", cells=cells, page=number))
        placed.append((table.bbox[1], rows))
    placed.sort(key=lambda item: item[0])
    return [block for _top, blocks in placed for block in blocks]


def _lines_with_top(chars: list[Char]) -> list[tuple[float, str]]:
    """Lines of the text outside tables, each with its top (to put tables and paragraphs in page order)."""
    out: list[tuple[float, str]] = []
    bands: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"], 0), c["x0"])):
        height = max(ch["bottom"] - ch["top"], 1.0)
        if bands and abs(bands[-1][0]["top"] - ch["top"]) <= height * 0.5:
            bands[-1].append(ch)
        else:
            bands.append([ch])
    for band in bands:
        for text in glyph_lines([_glyph(ch) for ch in band]):
            out.append((band[0]["top"], text))
    return out


# -- OFD --
_NS = re.compile(r"^\{[^}]*\}")


def _local(tag: str) -> str:
    return _NS.sub("", tag)


def ofd_blocks(path: Path) -> list[Block]:
    with zipfile.ZipFile(str(path)) as archive:
        names = set(archive.namelist())
        pages = _ofd_pages(archive, names)
        blocks: list[Block] = []
        for number, name in enumerate(pages, 1):
            root = ElementTree.fromstring(archive.read(name))
            glyphs = list(_ofd_glyphs(root))
            blocks += [Block("para", text, page=number) for text in glyph_lines(glyphs)]
    return blocks


def _ofd_pages(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    """Page content files in document order: OFD.xml → DocRoot → Pages; else every Content.xml by number."""
    try:
        ofd = ElementTree.fromstring(archive.read("OFD.xml"))
        doc_root = next(e.text.strip() for e in ofd.iter() if _local(e.tag) == "DocRoot" and e.text)
        doc_root = doc_root.lstrip("/")
        document = ElementTree.fromstring(archive.read(doc_root))
        base = posixpath.dirname(doc_root)
        pages = []
        for element in document.iter():
            base_loc = element.get("BaseLoc")
            if _local(element.tag) == "Page" and base_loc:
                loc = base_loc.lstrip("/")
                candidate = posixpath.normpath(posixpath.join(base, loc)) if not loc.startswith(base) else loc
                if candidate in names:
                    pages.append(candidate)
                elif loc in names:
                    pages.append(loc)
        if pages:
            return pages
    except (KeyError, StopIteration, ElementTree.ParseError):
        pass
    found = [n for n in names if n.lower().endswith("content.xml") and "page" in n.lower()]
    return sorted(found, key=lambda n: [int(d) for d in re.findall(r"\d+", n)] or [0])


def _floats(text: str | None) -> list[float]:
    try:
        return [float(v) for v in (text or "").split()]
    except ValueError:
        return []


def _ofd_glyphs(root: ElementTree.Element) -> Iterator[Glyph]:
    """Each TextCode's characters, placed from its TextObject's Boundary, X/Y and DeltaX."""
    for obj in root.iter():
        if _local(obj.tag) != "TextObject":
            continue
        box = _floats(obj.get("Boundary")) + [0.0, 0.0, 0.0, 0.0]
        size = _floats(obj.get("Size"))[:1] or [box[3] or 3.5]
        for code in obj:
            if _local(code.tag) != "TextCode" or not code.text:
                continue
            x = box[0] + (_floats(code.get("X"))[:1] or [0.0])[0]
            y = box[1] + (_floats(code.get("Y"))[:1] or [size[0]])[0]
            deltas = _deltas(code.get("DeltaX"), len(code.text), size[0])
            for ch, dx in zip(code.text, deltas):
                yield Glyph(x, x + size[0], y - size[0], y, ch)
                x += dx


def _deltas(spec: str | None, count: int, size: float) -> list[float]:
    """OFD's DeltaX: plain numbers, or 'g N d' meaning N times d."""
    values: list[float] = []
    tokens = (spec or "").split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            try:
                values += [float(tokens[i + 2])] * int(float(tokens[i + 1]))
            except ValueError:
                pass
            i += 3
            continue
        try:
            values.append(float(tokens[i]))
        except ValueError:
            pass
        i += 1
    return (values + [values[-1] if values else size] * count)[:count]
