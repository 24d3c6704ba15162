"""Blocks: what every reader yields, whatever the file was.

A block is a paragraph or a table row (its cells, in column order) with the page it
came from. The parser reads text, so blocks are written out as text with one rule:
a table row is one line of tab-separated cells. That text is also what the import
preview shows and lets the clerk edit, so a table read from a .docx/.pdf/.xlsx keeps
its columns through the round trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CJK = "\u4e00-\u9fff"
# a line of a cell that ends a unit's name: the next line is another unit, not the rest of this one
_UNIT_END = re.compile(
    r"(局|委|办|院|会|部|处|厅|站|所|队|中心|公司|政府|街道|镇|乡|社|馆|团|联|司|署|行|集团|办事处|管委会)$"
)
_SPREAD = re.compile(rf"(?<=[{_CJK}（）《》“”、，。：；])[ \u3000]+(?=[{_CJK}（）《》“”、，。：；])")


@dataclass
class Block:
    kind: str  # 'para' | 'row'
    text: str = ""  # a paragraph's text ('' for a row)
    cells: list[str] = field(default_factory=list)  # a row's cells; a cell's own lines are already joined
    page: int | None = None  # 1-based page (PDF/OFD), sheet index (xlsx), else None


def rejoin_cjk(text: str) -> str:
    """区卫生健康 委员会 → 区卫生健康委员会: justification spreads CJK text with spaces that mean nothing."""
    return _SPREAD.sub("", text)


def units_text(text: str) -> str:
    """A units cell with spaces: 区卫生健康 委员会 is one unit (a justified gap), 区民政局 区财政局 are two."""
    out: list[str] = []
    for piece in text.split():
        if out and not _UNIT_END.search(out[-1]):
            out[-1] += piece
        else:
            out.append(piece)
    return "、".join(out)


def cell_text(lines: list[str]) -> str:
    """A cell's lines → one string. Units one per line stay apart (、); a word broken by the cell's width
    (市场监 / 管局) is joined back."""
    parts = [rejoin_cjk(" ".join(line.split())) for line in lines]
    parts = [p for p in parts if p]
    out = ""
    for i, part in enumerate(parts):
        if (
            i
            and _UNIT_END.search(parts[i - 1])
            and _UNIT_END.search(part)
            and len(parts[i - 1]) <= 20
            and len(part) <= 20
            and not re.search(r"[，。；：,;:]", parts[i - 1] + part)
        ):
            out += "、"
        elif i and out[-1:].isascii() and part[:1].isascii() and out[-1:].isalnum() and part[:1].isalnum():
            out += " "
        out += part
    return out


def render(blocks: list[Block]) -> str:
    """Blocks → the text the parser reads: a row is one line of tab-separated cells."""
    lines = []
    for block in blocks:
        if block.kind == "row":
            cells = [c.replace("\t", " ").replace("\n", "") for c in block.cells]
            filled = [c for c in cells if c.strip()]
            if not filled:
                continue
            if len(filled) == 1 and len(cells) < 3:
                lines.append(filled[0])  # a one-cell row of a narrow table is a paragraph
            else:
                lines.append("\t".join(cells) + ("\t\t" if len(filled) == 1 else ""))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def grid_rows(grid: list[list[tuple[str, object]]]) -> list[list[str]]:
    """Cells as (text, identity of the merged cell it belongs to) → rows of texts.

    A merged cell shows up once per grid position it covers. Across a row it is written once (the other
    positions blank, so the columns stay aligned with the header). Down the rows it is repeated — a lead unit
    merged over three items leads all three — except when the row's first cell (序号) is itself merged from
    the row above: that row is the same item's next sub-task, and every repeated cell is left blank.
    """
    rows = []
    previous: list[tuple[str, object]] = []
    for row in grid:
        out = []
        same_item = bool(row) and bool(previous) and row[0][1] is not None and row[0][1] is previous[0][1]
        for col, (text, ident) in enumerate(row):
            left = row[col - 1][1] if col else None
            above = previous[col][1] if col < len(previous) else None
            if ident is not None and ident is left:
                out.append("")
            elif ident is not None and ident is above and same_item:
                out.append("")
            else:
                out.append(text)
        rows.append(out)
        previous = row
    return rows


@dataclass
class Glyph:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def glyph_lines(glyphs: list[Glyph]) -> list[str]:
    """Positioned characters (PDF, OFD) → lines of text.

    Characters on one baseline form a line, in x order. Spaces that justification put between CJK characters
    are not written (only real space characters are); a wide gap inside a line that is otherwise set tight
    is a column gap and becomes a tab, so an unruled table keeps its cells.
    """
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (round(g.top, 0), g.x0)):
        height = max(g.bottom - g.top, 1.0)
        if rows and abs(rows[-1][0].top - g.top) <= height * 0.5:
            rows[-1].append(g)
        else:
            rows.append([g])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        size = max(1.0, sorted(g.bottom - g.top for g in row)[len(row) // 2])
        gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:])]
        wide = [gap > size * 2 for gap in gaps]
        letter_spaced = len(gaps) >= 2 and sum(wide) * 2 > len(gaps)  # a title set 关 于 印 发
        text = row[0].text
        for gap, is_wide, g in zip(gaps, wide, row[1:]):
            if is_wide and not letter_spaced:
                text = text.rstrip() + "\t"
            elif (
                gap > size * 0.4 and text[-1:].isascii() and g.text[:1].isascii() and text[-1:] != " " and g.text != " "
            ):
                text += " "  # Latin words placed without a space character
            text += g.text
        text = rejoin_cjk(text)
        if text.strip():
            lines.append(text.strip(" "))
    return lines
