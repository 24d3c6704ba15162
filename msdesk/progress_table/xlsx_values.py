"""Cell values and merged ranges of every sheet of an .xlsx, read straight from its XML.

A progress table needs values only. openpyxl, even read-only, builds every cell's
style objects, which made reading 100 tables several times slower than checking
and storing them. This reader takes shared strings, inline strings, numbers,
booleans, errors and formulas' saved results; sheet.py falls back to openpyxl
for anything it cannot read.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

_REF = re.compile(r"^([A-Z]+)(\d+)$")
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STRICT_REL_NS = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _text(node: ET.Element) -> str:
    """All <t> text under a node (a rich-text string is several runs)."""
    return "".join(t.text or "" for t in node.iter() if _local(t.tag) == "t")


def read_sheets(raw: bytes) -> list[tuple[str, list[list[Any]], list[tuple[int, int, int, int]]]]:
    """[(sheet name, rows of values, merged ranges as (row0, col0, row1, col1))], in workbook order."""
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        names = set(zf.namelist())
        shared = _shared_strings(zf.read("xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in names else []
        out = []
        for title, target in _sheet_targets(zf):
            out.append((title, *_sheet(zf.read(target), shared)))
    return out


def _shared_strings(xml: bytes) -> list[str]:
    root = ET.fromstring(xml)
    return [_text(si) for si in root if _local(si.tag) == "si"]


def _sheet_targets(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    where = {}
    for rel in rels:
        target = rel.get("Target", "")
        where[rel.get("Id")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    out = []
    for node in book.iter():
        if _local(node.tag) == "sheet":
            rid = node.get(_REL_NS) or node.get(_STRICT_REL_NS)
            if rid in where:
                out.append((node.get("name", ""), where[rid]))
    return out


class Unsaved(str):
    """A formula cell whose result was never saved (a file written by a program and not opened in
    Excel/WPS since): it has no value to read, and reading it as empty would lose a figure silently.
    The string is the formula, so a message can show it."""


def _value(cell: ET.Element, shared: list[str]) -> str | bool | int | float | None:
    kind = cell.get("t", "n")
    v = next((c for c in cell if _local(c.tag) == "v"), None)
    if kind == "inlineStr":
        node = next((c for c in cell if _local(c.tag) == "is"), None)
        return _text(node) if node is not None else None
    if v is None or v.text is None:
        f = next((c for c in cell if _local(c.tag) == "f"), None)
        return Unsaved("=" + (f.text or "")) if f is not None else None
    text = v.text
    if kind == "s":
        return shared[int(text)]
    if kind in ("str", "e"):
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    number = float(text)
    return int(number) if number.is_integer() and "." not in text and "E" not in text.upper() else number


def _sheet(xml: bytes, shared: list[str]) -> tuple[list[list[Any]], list[tuple[int, int, int, int]]]:
    root = ET.fromstring(xml)
    cells: dict[tuple[int, int], object] = {}
    merges = []
    for node in root.iter():
        tag = _local(node.tag)
        if tag == "row":
            r = int(node.get("r") or (max((k[0] for k in cells), default=0) + 1))
            c = 0
            for cell in node:
                if _local(cell.tag) != "c":
                    continue
                m = _REF.match(cell.get("r", ""))
                c = _col(m.group(1)) if m else c + 1
                value = _value(cell, shared)
                if value is not None:
                    cells[(r, c)] = value
        elif tag == "mergeCell":
            a, _sep, b = node.get("ref", "").partition(":")
            ma, mb = _REF.match(a), _REF.match(b or a)
            if ma and mb:
                merges.append((int(ma.group(2)), _col(ma.group(1)), int(mb.group(2)), _col(mb.group(1))))
    height = max((k[0] for k in cells), default=0)
    width = max((k[1] for k in cells), default=0)
    rows = [[cells.get((r, c)) for c in range(1, width + 1)] for r in range(1, height + 1)]
    return rows, merges
