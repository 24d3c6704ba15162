"""The official tables as one print-ready workbook: one sheet per table.

A4 landscape, fit to page width, header rows repeated on every printed page,
page numbers in the footer, frozen header, wrapped text in sized rows, numbers
kept as numbers with number formats. Text a user typed is always written as
text, never as a formula (a cell starting with = + - @ would otherwise run).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .. import xlsx_cell
from .tables import ExportData, Num, Row, Table, Value, cell_align

BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
_THIN = Side(style="thin", color="000000")
_NONE = Side(style=None)
MAX_ROW_HEIGHT = 300  # points; Excel allows 409, but a row must fit on one printed page


def excel_width(mm: float) -> float:
    """Column width in Excel's character units for a width in millimetres."""
    return round((mm / 0.2646 - 5) / 7, 1)


def _glyph(ch: str) -> float:
    return 1.0 if ord(ch) > 0x2E7F else 0.55  # CJK glyphs are about two digits wide


def text_lines(text: str, width_chars: float, size: float) -> int:
    """How many lines wrapped text takes in a column (an estimate that errs on the tall side)."""
    per_line = max(1.0, (width_chars * 7 - 4) * 0.75)  # usable width in points
    lines = 0
    for para in str(text).split("\n"):
        lines += max(1, math.ceil(sum(map(_glyph, para)) * size / per_line))
    return lines


def split_text(text: str, width_chars: float, size: float, max_lines: int) -> list[str]:
    """Cut text into pieces of at most max_lines wrapped lines each (for rows Excel cannot hold)."""
    per_line = max(1.0, (width_chars * 7 - 4) * 0.75) / size
    pieces: list[str] = []
    current: list[str] = []
    lines, used = 1, 0.0
    for ch in text:
        w = _glyph(ch)
        if ch == "\n" or used + w > per_line:
            if lines == max_lines:
                pieces.append("".join(current))
                current, lines, used = [], 1, 0.0
                if ch == "\n":
                    continue
            else:
                lines += 1
                used = 0.0
        if ch != "\n":
            used += w
        current.append(ch)
    pieces.append("".join(current))
    return pieces


def put(cell: Cell | MergedCell, value: Value) -> tuple[str, bool]:
    """Write one value: Num as a number, text always as text (msdesk.xlsx_cell).

    Returns the cell's number format and whether it needs the text prefix."""
    if isinstance(value, Num):
        xlsx_cell.prepare(cell, value.value)  # a number: stored as is, never a quote prefix
        return value.excel_format(), False
    return "General", xlsx_cell.prepare(cell, value)


class _StyleCache:
    """Setting font/alignment/border per cell costs a hash lookup each (too slow for 5,000
    projects); openpyxl keeps a cell's style as a small index array, which we reuse."""

    def __init__(self) -> None:
        self._arrays: dict[tuple[int, int, int, str, bool], StyleArray] = {}

    def apply(
        self,
        cell: Cell | MergedCell,
        font: Font,
        align: Alignment,
        border: Border | None = None,
        number_format: str = "General",
        quote: bool = False,
    ) -> None:
        key = (id(font), id(align), id(border), number_format, quote)
        arr = self._arrays.get(key)
        if arr is not None:
            cell._style = copy(arr)  # type: ignore[union-attr]  # openpyxl-stubs omit StyleableObject._style
            return
        cell.font, cell.alignment, cell.number_format = font, align, number_format
        if border is not None:
            cell.border = border
        if quote:
            cell.quotePrefix = True
        self._arrays[key] = copy(cell._style)  # type: ignore[union-attr]  # (as above)


class _Styles:
    def __init__(self, size: float):
        self.title = Font(name=TITLE_FONT, size=16, bold=True)
        self.note = Font(name=BODY_FONT, size=10)
        self.header = Font(name=TITLE_FONT, size=size, bold=True)
        self.body = Font(name=BODY_FONT, size=size)
        self.total = Font(name=BODY_FONT, size=size, bold=True)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.aligns = {a: Alignment(horizontal=a, vertical="top", wrap_text=True) for a in ("left", "center", "right")}
        self.box = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
        self.open_top = Border(left=_THIN, right=_THIN, top=_NONE, bottom=_THIN)
        self.line_left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.line_right = Alignment(horizontal="right", vertical="center")
        self.title_align = Alignment(horizontal="center", vertical="center")
        # keyed by the identity of the objects above, so it lives exactly as long as they do
        self.cache = _StyleCache()


def write_xlsx(data: ExportData, path: Path, progress: Callable[[], None] | None = None) -> Path:
    wb = Workbook()
    if wb.active is not None:  # a new workbook starts with one empty sheet
        wb.remove(wb.active)
    for table in data.tables:
        _sheet(wb, data, table)
        if progress:
            progress()
    wb.save(path)
    # Each cell and row height points back at its sheet, and the sheet holds them: a reference
    # cycle of every cell, which waited for the cycle collector to walk them all (a tenth of
    # a large workbook). Emptied here, they go at once.
    for ws in wb.worksheets:
        ws._cells.clear()
        ws.row_dimensions.clear()
    return path


def _merge_line(
    ws: Worksheet,
    st: _Styles,
    row: int,
    ncols: int,
    text: str,
    font: Font,
    align: Alignment,
    height: float | None = None,
    first: int = 1,
    last: int | None = None,
) -> None:
    last = last or ncols
    cell = ws.cell(row, first)
    fmt, quote = put(cell, text)
    st.cache.apply(cell, font, align, None, fmt, quote)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    if height:
        ws.row_dimensions[row].height = height


def _sheet(wb: Workbook, data: ExportData, table: Table) -> None:
    ws = wb.create_sheet(table.sheet_name)
    st = _Styles(table.font_size)
    ncols = len(table.columns)
    widths = [excel_width(c.width_mm) for c in table.columns]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    left, right = st.line_left, st.line_right
    _merge_line(ws, st, 1, ncols, table.title, st.title, st.title_align, 32)
    r = 2
    for note in table.notes:  # a long filter line wraps inside the merged row
        _merge_line(ws, st, r, ncols, note, st.note, left, 18 * text_lines(note, sum(widths), 10))
        r += 1
    half = max(1, ncols // 2)
    _merge_line(ws, st, r, ncols, data.header_left, st.note, left, 22, 1, half)
    _merge_line(ws, st, r, ncols, data.header_right, st.note, right, 22, half + 1, ncols)
    r += 1
    first_header = r
    for hrow in table.header:
        for c, label in enumerate(hrow, 1):
            cell = ws.cell(r, c)
            fmt, quote = put(cell, label) if label is not None else ("General", False)
            st.cache.apply(cell, st.header, st.center, st.box, fmt, quote)
        ws.row_dimensions[r].height = 20 * max(
            text_lines(label or "", widths[c], table.font_size) for c, label in enumerate(hrow)
        )
        r += 1
    for c0, r0, c1, r1 in table.spans:
        ws.merge_cells(start_row=first_header + r0, start_column=c0 + 1, end_row=first_header + r1, end_column=c1 + 1)
    last_header = r - 1
    for row in table.rows:
        for part in _fit_rows(row, table, widths):
            _data_row(ws, r, part, table, widths, st)
            r += 1
    if not table.rows:
        _merge_line(ws, st, r, ncols, table.empty_text or "（无符合条件的项目）", st.body, st.center, 24)
        r += 1
    _merge_line(ws, st, r + 1, ncols, data.signoff_text, st.note, left, 24)
    _page_setup(ws, data, first_header, last_header)


def _fit_rows(row: Row, table: Table, widths: list[float]) -> list[Row]:
    """A row whose text is taller than a row may be is continued in the rows below it,
    so a long 进展情况 prints whole instead of being cut off at the cell's edge."""
    max_lines = int((MAX_ROW_HEIGHT - 6) / (table.font_size * 1.35))
    pieces = [
        split_text(v, widths[c], table.font_size, max_lines)
        if isinstance(v, str) and text_lines(v, widths[c], table.font_size) > max_lines
        else [v]
        for c, v in enumerate(row.cells)
    ]
    count = max(len(p) for p in pieces)
    if count == 1:
        return [row]
    out = [Row([p[0] for p in pieces], row.kind, row.continues)]
    for n in range(1, count):
        out.append(Row([p[n] if n < len(p) else "" for p in pieces], "overflow", True))
    return out


def _data_row(ws: Worksheet, r: int, row: Row, table: Table, widths: list[float], st: _Styles) -> None:
    lines = 1
    font = st.total if row.kind == "total" else st.body
    for c, (col, value) in enumerate(zip(table.columns, row.cells)):
        cell = ws.cell(r, c + 1)
        fmt, quote = put(cell, value)
        # A project's continuation rows read as one merged cell: no line above them.
        open_top = row.kind == "overflow" or (row.continues and col.project_level)
        st.cache.apply(cell, font, st.aligns[cell_align(col, value)], st.open_top if open_top else st.box, fmt, quote)
        if isinstance(value, str) and value:
            lines = max(lines, text_lines(value, widths[c], table.font_size))
    # Explicit heights: Excel does not grow rows for wrapped text written by a program.
    ws.row_dimensions[r].height = min(MAX_ROW_HEIGHT, lines * table.font_size * 1.35 + 6)


def _page_setup(ws: Worksheet, data: ExportData, first_header: int, last_header: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_setup.firstPageNumber = 1  # each table numbers its own pages, as in the PDF
    ws.page_setup.useFirstPageNumber = True
    if ws.sheet_properties.pageSetUpPr is None:  # openpyxl makes one with every sheet; the type allows none
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{first_header}:{last_header}"
    ws.freeze_panes = ws.cell(last_header + 1, 1).coordinate
    pages = "第 &P 页 共 &N 页"
    footer = ws.oddFooter
    if footer is None:  # openpyxl makes the footer with every sheet; the type allows none
        raise ValueError("worksheet without a footer")
    if data.footer_note:
        # Excel footers cannot break lines (openpyxl escapes them), so the note takes the
        # left section and the page number moves right, where the two cannot run together.
        footer.left.text = data.footer_note.replace("&", "&&")
        footer.left.size = 8
        footer.right.text = pages
        footer.right.size = 9
    else:
        footer.center.text = pages
        footer.center.size = 9
