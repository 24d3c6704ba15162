"""The one way any msdesk xlsx gets a value into a cell.

Text reaches our workbooks from outside: notices, other offices' packages, what a
clerk pasted. openpyxl turns a string that starts with "=" into a live formula and
refuses control characters with IllegalCharacterError. So every text is cleaned
first (control characters and unpaired surrogates removed) and the *cleaned* text
is what is checked: if it still starts with = + - @ (after any tab, CR or LF) it
is stored as a string with Excel's quote prefix, so it stays text even when a
clerk edits the cell. Numbers stay numbers. The program's own formulas (the
目标分解 SUM columns) go through write_formula, never through text.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias, cast

if TYPE_CHECKING:  # openpyxl is loaded by whoever writes a workbook, not with this module (the first window)
    from openpyxl.cell.cell import Cell, MergedCell

# What msdesk writes into a cell (openpyxl accepts more; nothing here writes rich text or formulas objects).
Value: TypeAlias = "str | float | Decimal | date | datetime | None"

FORMULA_START = ("=", "+", "-", "@")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # what Excel and openpyxl refuse
_LEAD = "\t\r\n"


def clean_text(value: str) -> str:
    """The text without characters an xlsx cannot hold."""
    return _ILLEGAL.sub("", value)


def looks_like_formula(text: str) -> bool:
    """Would Excel, or a CSV/DDE reader, take this (already cleaned) text as a formula?"""
    return text.lstrip(_LEAD).startswith(FORMULA_START)


def prepare(cell: Cell | MergedCell, value: Value) -> bool:
    """Put value into cell; True when the cell must carry the quote prefix (callers that
    manage styles themselves apply it; write_cell does it directly)."""
    # A covered cell of a merge (MergedCell) refuses the write itself: openpyxl raises AttributeError.
    cell = cast("Cell", cell)
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"  # a string, never a formula, whatever it starts with
        return looks_like_formula(text)
    cell.value = value
    return False


def write_cell(cell: Cell | MergedCell, value: Value) -> Cell | MergedCell:
    """Write a value safely and set the quote prefix where needed. Returns the cell."""
    if prepare(cell, value):
        cell.quotePrefix = True
    return cell


def write_formula(cell: Cell | MergedCell, formula: str) -> Cell | MergedCell:
    """A formula the program itself composed (cell references and functions only)."""
    cell.value = formula
    return cell
