"""Word and Excel notices → blocks: .docx by read_docx (standard library only), openpyxl sheets."""

from __future__ import annotations

from pathlib import Path

from .blocks import Block, cell_text, grid_rows
from .read_docx import docx_blocks

__all__ = ["docx_blocks", "xlsx_blocks"]


def xlsx_blocks(path: Path) -> list[Block]:
    """Every sheet's rows in order; merged ranges resolved like Word's merged cells."""
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), data_only=True, read_only=False)
    blocks: list[Block] = []
    for index, sheet in enumerate(workbook.worksheets, 1):
        owner: dict[tuple[int, int], tuple[int, int]] = {}
        for rng in sheet.merged_cells.ranges:
            origin = (rng.min_row, rng.min_col)  # one object per range: grid_rows compares identities
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    owner[(r, c)] = origin
        values: dict[tuple[int, int], object] = {}
        for sheet_row in sheet.iter_rows():
            for cell in sheet_row:
                if cell.value is not None:
                    values[(cell.row, cell.column)] = cell.value
        if not values:
            continue
        width = max(c for _r, c in values)
        grid: list[list[tuple[str, object]]] = []
        for r in range(1, max(r for r, _c in values) + 1):
            row: list[tuple[str, object]] = []
            for c in range(1, width + 1):
                found = owner.get((r, c))
                value = values.get(found if found else (r, c))
                row.append((cell_text(_cell_string(value).split("\n")), found))
            grid.append(row)
        blocks += [Block("row", cells=cells, page=index) for cells in grid_rows(grid)]
    return blocks


def _cell_string(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "month") and hasattr(value, "day"):  # a date typed as a 完成时限
        return f"{value.month}月{value.day}日前" if hasattr(value, "year") else str(value)
    return str(value)
