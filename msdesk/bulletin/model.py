"""The bulletin as a plain structured document, and its plain-text form.

A bulletin is a title, a 文号 line, blocks (headings, paragraphs, tables) and
the 落款 (office and date). Heading levels are read from the numbering the
text itself carries (一、 （一） 1.), so a clerk who edits the plain text keeps
the structure without any markup beyond table rows written as | a | b |.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..xlsx_cell import clean_text

H1, H2, H3, PARA, TABLE = "h1", "h2", "h3", "p", "table"

_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^（[一二三四五六七八九十]+）")
_H3 = re.compile(r"^\d+[.．、]")
_DATE = re.compile(r"^[〇一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$")


@dataclass
class Block:
    kind: str  # h1 | h2 | h3 | p | table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # a table's rows; the first is the header


@dataclass
class Bulletin:
    title: str
    doc_number: str
    blocks: list[Block]
    signature: str  # the issuing office, printed above the date
    date_text: str  # 二〇二三年十月八日
    facts: dict[str, Any] = field(default_factory=dict)  # the figures behind the text (tests, GUI); not printed


def kind_of(line: str) -> str:
    if line.startswith("|"):
        return TABLE
    if _H1.match(line):
        return H1
    if _H2.match(line):
        return H2
    if _H3.match(line):
        return H3
    return PARA


def to_text(b: Bulletin) -> str:
    """The plain text a clerk edits: one paragraph per line, tables as | a | b | rows."""
    lines = [b.title, b.doc_number, ""]
    for block in b.blocks:
        if block.kind == TABLE:
            lines += ["| " + " | ".join(cell or "" for cell in row) + " |" for row in block.rows]
            lines.append("")
        else:
            lines.append(block.text)
    if lines[-1]:
        lines.append("")
    lines += [b.signature, b.date_text]
    return "\n".join(lines) + "\n"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def from_text(text: str) -> Bulletin:
    """Read an edited draft back: the first line is the title, the second the 文号 line,
    and the last two lines the 落款 when the last is a date in Chinese."""
    # an edited text may carry control characters (a paste, a form feed) that no .docx can hold
    lines = [ln.strip() for ln in clean_text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    title = lines.pop(0) if lines else ""
    doc_number = lines.pop(0) if lines else ""
    signature = date_text = ""
    if lines and _DATE.match(lines[-1]):
        date_text = lines.pop()
        if lines and lines[-1] and kind_of(lines[-1]) == PARA and len(lines[-1]) <= 30:
            signature = lines.pop()
    blocks: list[Block] = []
    joined = False  # the line above was a table row: a following row continues that table
    for line in lines:
        kind = kind_of(line) if line else ""
        if kind == TABLE:
            if joined:
                blocks[-1].rows.append(_cells(line))
            else:
                blocks.append(Block(TABLE, rows=[_cells(line)]))
        elif line:
            blocks.append(Block(kind, line))
        joined = kind == TABLE
    return Bulletin(title, doc_number, blocks, signature, date_text)
