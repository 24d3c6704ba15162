"""A .docx notice → blocks, read with zipfile and the standard library's XML parser (no python-docx/lxml).

What a person sees on the page is what is read:
- paragraphs and tables in body order, also inside content controls (w:sdt), custom XML, smart tags,
  hyperlinks, simple fields and tracked insertions (w:ins, w:moveTo); tracked deletions are left out;
- w:tab → a tab, a line break (w:br, w:cr) → a new line; page and column breaks → nothing;
- alternate content (mc:AlternateContent): the first choice only, as Word shows it, never both copies;
- a text box: its paragraphs after the paragraph it is anchored in;
- a frame round the notice or its parts (a one-column table holding a table, or one cell holding several
  paragraphs): its content read as if it stood outside;
- merged cells: gridSpan repeats a cell across, vMerge continues the cell above; a nested table's text
  stays in its cell, one line per paragraph; cells skipped by w:gridBefore are blank.
- automatic numbering (w:numPr, directly or through the paragraph's style): the numbers Word shows
  (一、 1. （1）) are put before the paragraph's text, as read from numbering.xml (docx_numbering.py).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from ..errors import MsdeskError
from ..safe_xml import parse, read_member
from .blocks import Block, cell_text, grid_rows
from .docx_numbering import Numbering, read_numbering

W_NS = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # strict OOXML (Word's "Strict Open XML" save)
)
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "/officeDocument"  # the end of the relationship type, transitional and strict alike
MAX_DOCUMENT = 64 << 20  # word/document.xml of a 5,000-row notice table is about 15 MB
MAX_RELS = 1 << 20
MAX_SPAN = 64  # Word allows 63 columns; a larger gridSpan is a damaged or hostile file

# containers whose children are read as if they were in the container's place
_WRAPPERS = {"sdt", "sdtContent", "customXml", "smartTag", "hyperlink", "ins", "moveTo", "fldSimple", "dir", "bdo"}
_SKIPPED = {"del", "moveFrom", "sdtPr", "sdtEndPr", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblGrid"}
# never built: formatting and marks that hold no text (w:del is built: a deleted row's mark is one, in w:trPr)
_NOT_BUILT = frozenset(
    {"rPr", "tblPr", "sectPr", "tblGrid", "sdtPr", "sdtEndPr", "proofErr", "bookmarkStart", "bookmarkEnd"}
    | {"lastRenderedPageBreak", "instrText", "delText", "moveFrom", "commentRangeStart", "commentRangeEnd"}
)
_ATTRIBUTES = frozenset({"val", "type", "Type", "Target"})  # all the reader looks at
_ONLY = {"pPr": frozenset({"pStyle", "numPr"})}  # of a paragraph's properties, only its numbering is built
NUMBERING = "/numbering"  # the ends of the relationship types of the parts the numbers come from
STYLES = "/styles"


def docx_blocks(path: Path) -> list[Block]:
    """Paragraphs and tables in document order; a table row's cells with merged cells resolved."""
    body, numbering = _body(path)
    return _blocks(body, numbering) if body is not None else []


def _body(path: Path) -> tuple[Element | None, Numbering]:
    with zipfile.ZipFile(path) as archive:
        part = _main_part(archive, path.name)
        data = read_member(archive, part, MAX_DOCUMENT, path.name)
        root = parse(data, part, path.name, skip=_NOT_BUILT, keep_attrs=_ATTRIBUTES, only=_ONLY)
        related = _related_parts(archive, part, path.name)
        numbering = read_numbering(related.get(NUMBERING), related.get(STYLES))
    return next((child for child in root if _w(child) == "body"), None), numbering


def _related_parts(archive: zipfile.ZipFile, part: str, name: str) -> dict[str, Element]:
    """The document's numbering and styles parts, found from its relationships (else where Word puts them)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    names = set(archive.namelist())
    where = {NUMBERING: posixpath.join(folder, "numbering.xml"), STYLES: posixpath.join(folder, "styles.xml")}
    if rels_name in names:
        rels = parse(read_member(archive, rels_name, MAX_RELS, name), rels_name, name)
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            kind, target = rel.get("Type", ""), rel.get("Target", "")
            for end in where:
                if kind.endswith(end) and rel.get("TargetMode") != "External":
                    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                    where[end] = posixpath.normpath(path)
    found = {}
    for end, member in where.items():
        if member in names:
            try:
                found[end] = parse(read_member(archive, member, MAX_RELS * 16, name), member, name, skip=_NOT_BUILT)
            except MsdeskError:  # damaged or hostile: the text is still read, only without its numbers
                continue
    return found


def _main_part(archive: zipfile.ZipFile, name: str) -> str:
    """The document part named by the package's relationships (word/document.xml nearly always)."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        rels = parse(read_member(archive, "_rels/.rels", MAX_RELS, name), "_rels/.rels", name)
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
            if rel.get("Type", "").endswith(OFFICE_DOCUMENT) and target in names:
                return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise ValueError("no word/document.xml")  # the reader explains a damaged .docx in Chinese


def _w(el: Element) -> str:
    """The local name of a WordprocessingML element, 'mc:' + name for markup compatibility, else ''."""
    ns, _, local = el.tag[1:].partition("}")
    if ns in W_NS:
        return local
    return "mc:" + local if ns == MC_NS else ""


def _chosen(alternate: Element) -> Element | None:
    """The branch of mc:AlternateContent that Word shows: the first Choice, else the Fallback."""
    branches = [child for child in alternate if _w(child) in ("mc:Choice", "mc:Fallback")]
    return branches[0] if branches else None


def _children(el: Element) -> Iterator[Element]:
    """Children with wrappers (content controls, smart tags, insertions, alternate content) opened."""
    for child in el:
        name = _w(child)
        if name in _WRAPPERS:
            yield from _children(child)
        elif name == "mc:AlternateContent":
            branch = _chosen(child)
            if branch is not None:
                yield from _children(branch)
        elif name not in _SKIPPED:
            yield child


def _blocks(container: Element, numbering: Numbering) -> list[Block]:
    blocks: list[Block] = []
    for el in _children(container):
        name = _w(el)
        if name == "p":
            text, boxes = _paragraph(el, numbering)
            blocks.append(Block("para", text))
            for box in boxes:
                blocks += _blocks(box, numbering)
        elif name == "tbl":
            frame = _frame_cells(el)
            if frame is None:
                blocks += _table(el, numbering)
            for cell in frame or ():
                blocks += _blocks(cell, numbering)
    return blocks


def _frame_cells(tbl: Element) -> list[Element] | None:
    """The cells of a frame drawn round the notice or its parts: a one-column table holding a table, or
    one cell holding several paragraphs. What is in them is read as if it stood outside; None for any
    other table (a one-column list of units stays one row per cell)."""
    cells = []
    for tr in _rows(tbl):
        row = _cells(tr)
        if len(row) != 1 or _count(_property(tr, "trPr", "gridBefore")):
            return None
        cells += row
    kinds = [[_w(el) for el in _children(cell)] for cell in cells]
    if any("tbl" in names for names in kinds) or (len(cells) == 1 and kinds[0].count("p") > 1):
        return cells
    return None


def _paragraph(p: Element, numbering: Numbering) -> tuple[str, list[Element]]:
    """The paragraph's text, its automatic number first, and the text boxes (w:txbxContent) anchored in it."""
    parts: list[str] = [_number(p, numbering)]
    boxes: list[Element] = []
    for el in _children(p):
        if _w(el) == "r":
            _run(el, parts, boxes)
    return "".join(parts), boxes


def _number(p: Element, numbering: Numbering) -> str:
    props = next((child for child in p if _w(child) == "pPr"), None)
    if props is None:
        return ""
    style = _val(_property(p, "pPr", "pStyle"))
    num = _property(p, "pPr", "numPr")
    if num is None and style is None:
        return ""
    level = _val(next((c for c in num if _w(c) == "ilvl"), None)) if num is not None else None
    num_id = _val(next((c for c in num if _w(c) == "numId"), None)) if num is not None else None
    try:
        return numbering.label(num_id, int(level) if level is not None else None, style)
    except ValueError:  # a damaged level counts as none
        return numbering.label(num_id, None, style)


def _run(r: Element, parts: list[str], boxes: list[Element]) -> None:
    for el in _children(r):
        name = _w(el)
        if name == "t":
            parts.append(el.text or "")
        elif name in ("tab", "ptab"):
            parts.append("\t")
        elif name == "br":
            kind = next((v for k, v in el.attrib.items() if k.endswith("}type")), "textWrapping")
            parts.append("\n" if kind == "textWrapping" else "")  # a page or column break ends no line
        elif name == "cr":
            parts.append("\n")
        elif name == "noBreakHyphen":
            parts.append("-")
        elif name in ("drawing", "pict", "object"):
            boxes += _text_boxes(el)


def _text_boxes(el: Element) -> Iterator[Element]:
    """The outermost w:txbxContent under a drawing, one copy of each (alternate content opened once)."""
    for child in el:
        name = _w(child)
        if name == "txbxContent":
            yield child
        elif name == "mc:AlternateContent":
            branch = _chosen(child)
            if branch is not None:
                yield from _text_boxes(branch)
        else:
            yield from _text_boxes(child)


def _cell_lines(tc: Element, numbering: Numbering) -> list[str]:
    """A cell's lines: each paragraph split at its line breaks, a nested table's cells one after another."""
    lines: list[str] = []
    for el in _children(tc):
        name = _w(el)
        if name == "p":
            text, boxes = _paragraph(el, numbering)
            lines += text.split("\n")
            for box in boxes:
                lines += _cell_lines(box, numbering)
        elif name == "tbl":
            for row in _rows(el):
                for cell in _cells(row):
                    lines += _cell_lines(cell, numbering)
    return lines


def _rows(tbl: Element) -> list[Element]:
    """The table's rows, rows deleted as a tracked change left out."""
    rows = []
    for tr in _children(tbl):
        if _w(tr) != "tr":
            continue
        props = next((child for child in tr if _w(child) == "trPr"), None)
        if props is None or not any(_w(child) == "del" for child in props):
            rows.append(tr)
    return rows


def _cells(tr: Element) -> list[Element]:
    return [tc for tc in _children(tr) if _w(tc) == "tc"]


def _property(el: Element, props: str, name: str) -> Element | None:
    holder = next((child for child in el if _w(child) == props), None)
    if holder is None:
        return None
    return next((child for child in holder if _w(child) == name), None)


def _val(el: Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return next((v for k, v in el.attrib.items() if k.endswith("}val")), default)


def _count(el: Element | None) -> int:
    """A gridSpan/gridBefore count, bounded: a damaged value counts as one column, a huge one as MAX_SPAN."""
    try:
        return max(0, min(int(_val(el, "0") or "0"), MAX_SPAN))
    except ValueError:
        return 1


def _table(tbl: Element, numbering: Numbering) -> list[Block]:
    grid: list[list[tuple[str, object]]] = []
    texts: dict[int, str] = {}
    above: dict[int, Element] = {}  # grid column → the cell (the top of its vertical merge) there in the last row
    for tr in _rows(tbl):
        row: list[tuple[str, object]] = [("", None)] * _count(_property(tr, "trPr", "gridBefore"))
        owners: dict[int, Element] = {}
        for tc in _cells(tr):
            span = max(_count(_property(tc, "tcPr", "gridSpan")), 1)
            merge = _property(tc, "tcPr", "vMerge")
            root = tc
            if merge is not None and _val(merge, "continue") == "continue":
                root = above.get(len(row), tc)  # nothing above to continue: the cell stands alone
            if id(root) not in texts:
                texts[id(root)] = cell_text(_cell_lines(root, numbering))
            for _ in range(span):
                owners[len(row)] = root
                row.append((texts[id(root)], root))  # the element itself: merged positions share it
        grid.append(row)
        above = owners
    return [Block("row", cells=cells) for cells in grid_rows(grid)]
