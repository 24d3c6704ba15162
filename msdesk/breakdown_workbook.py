"""目标任务分解表 in Excel: a district often fills the shares in a spreadsheet.

Sheet 目标分解: row 1 the title, row 2 the office and the plan, row 3 the headers
(序号 项目 指标 单位 目标, one column per subordinate office, 合计, 差额 and a hidden
指标编号 that ties each row to its indicator), data from row 4. Reading checks every
share cell and reports each bad one as “第5行 G列（古饶镇）：…”; a workbook with any
bad cell changes nothing. The notice importer's workbook helpers are reused.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import breakdown, offices
from .errors import MsdeskError, ValidationError
from .notice.workbook import NOT_XLSX, WorkbookError, _letter, _put, _save
from .store import Store
from .xlsx_cell import Value, write_cell, write_formula

if TYPE_CHECKING:  # openpyxl loads only when a workbook is written or read
    from openpyxl.worksheet.worksheet import Worksheet

K = TypeVar("K", bound=Hashable)

SHEET = "目标分解"
HEADER_ROW, FIRST_ROW = 3, 4
FIXED = ["序号", "项目", "指标", "单位", "目标"]
TOTAL, DIFFERENCE, ID_HEADER = "合计", "差额", "指标编号（勿改）"
FIRST_OFFICE = len(FIXED) + 1
HELP_LINES = [
    "目标任务分解表填写说明",
    "1. 只在各单位列中填写分解目标（数字，如 120、0.13）；不要修改第3行表头，不要增删或移动列。",
    "2. 某单位没有这项任务，填“无”；不分解到该单位，留空。",
    "3. “合计”“差额”两列由公式计算，填好后可核对：差额为负表示还有目标没有分下去。",
    "4. 最后一列“指标编号”用于对应台账中的指标，请勿修改。",
    "5. 填好后在“目标分解”页点“从Excel导入…”；有错误的单元格会逐个列出，改正前不会导入任何数据。",
]


@dataclass
class Change:
    indicator_id: str
    office_id: str
    new: breakdown.Cell | None


def write_breakdown(store: Store, plan_id: str, path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.properties import PageSetupProperties

    grid = breakdown.grid(store, plan_id)
    plan = store.get("plans", plan_id)
    if plan is None:
        raise MsdeskError("该计划已被删除。")
    me = offices.self_office(store) or {}
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = SHEET
    headers = FIXED + [o["name"] for o in grid.offices] + [TOTAL, DIFFERENCE, ID_HEADER]
    write_cell(ws.cell(1, 1), f"{plan['year']}年民生实事目标任务分解表").font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers) - 1)
    _put(ws, 2, 1, f"单位：{me.get('name') or ''}　　计划：{plan['title']}")
    ws.cell(2, 1).alignment = Alignment(wrap_text=False)
    fill = PatternFill("solid", fgColor="DDEBF7")
    one_line = Alignment(wrap_text=False, vertical="center")
    for col, header in enumerate(headers, 1):
        head = write_cell(ws.cell(HEADER_ROW, col), header)  # office names come from outside
        head.font, head.fill = Font(bold=True), fill
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for col, width in zip(range(1, len(FIXED) + 1), (6, 30, 30, 8, 10)):
        ws.column_dimensions[_letter(col)].width = width
    last_office = FIRST_OFFICE + len(grid.offices) - 1
    for n, row in enumerate(grid.rows):
        r = FIRST_ROW + n
        fixed: tuple[Value, ...] = (row.project_seq, row.project_name, row.name, row.unit, row.target)
        for col, value in enumerate(fixed, 1):
            _put(ws, r, col, value)
            ws.cell(r, col).alignment = one_line  # one row per indicator, like the screen
        for k, office in enumerate(grid.offices):
            cell = row.cells.get(office["id"])
            if cell is not None:
                _put(ws, r, FIRST_OFFICE + k, cell.target if cell.target is not None else cell.target_text)
        total_col, diff_col = last_office + 1, last_office + 2
        if not row.summable:
            _put(ws, r, diff_col, "比率不合计")
        elif grid.offices:
            span = f"{_letter(FIRST_OFFICE)}{r}:{_letter(last_office)}{r}"
            write_formula(ws.cell(r, total_col), f'=IF(COUNTA({span})=0,"",SUM({span}))')
            write_formula(ws.cell(r, diff_col), f'=IF({_letter(total_col)}{r}="","",{_letter(total_col)}{r}-E{r})')
        _put(ws, r, last_office + 3, row.indicator_id)
    id_col = _letter(last_office + 3)
    ws.column_dimensions[id_col].hidden = True
    ws.freeze_panes = f"{_letter(FIRST_OFFICE)}{FIRST_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    help_ws = wb.create_sheet("填写说明")
    for i, line in enumerate(HELP_LINES, 1):
        write_cell(help_ws.cell(i, 1), line)
    help_ws.column_dimensions["A"].width = 100
    return _save(wb, Path(path))


def _unique_index(rows: list[breakdown.Row], key: Callable[[breakdown.Row], K]) -> dict[K, breakdown.Row]:
    """key -> row, leaving out keys that more than one row has (which one is meant is not for us to guess)."""
    index: dict[K, breakdown.Row] = {}
    shared: set[K] = set()
    for row in rows:
        k = key(row)
        if k in index:
            shared.add(k)
        index[k] = row
    return {k: v for k, v in index.items() if k not in shared}


def read_breakdown(store: Store, plan_id: str, path: str | Path) -> list[Change]:
    """The shares in a filled workbook that differ from the file; WorkbookError lists every bad cell."""
    ws = _open_sheet(path)
    grid = breakdown.grid(store, plan_id)
    errors: list[str] = []
    columns, id_col = _office_columns(ws, grid, errors)
    by_id = {r.indicator_id: r for r in grid.rows}
    # without the id column, rows are found by 序号 and indicator name; 序号 restart in each category
    # (a second list), so a pair that two projects share needs the project name too
    by_name = _unique_index(grid.rows, lambda r: (r.project_seq, r.name))
    by_full = _unique_index(grid.rows, lambda r: (r.project_seq, r.project_name, r.name))
    changes: list[Change] = []
    seen: dict[str, int] = {}  # indicator id -> the first row that gave it
    for r in range(FIRST_ROW, ws.max_row + 1):
        key = str(ws.cell(r, id_col).value or "").strip() if id_col else ""
        seq, pname, name = (str(ws.cell(r, c).value or "").strip() for c in (1, 2, 3))
        row = by_id.get(key) or by_name.get((seq, name)) or by_full.get((seq, pname, name))
        if row is None:
            if key or seq or name:
                errors.append(f"第{r}行：台账中没有这项指标（序号 {seq or '空'}，“{name}”），请用本台账导出的表格填写")
            continue
        if row.indicator_id in seen:  # a copied row: which figures count is not for us to guess
            errors.append(
                f"第{r}行：与第{seen[row.indicator_id]}行是同一项指标（第{row.project_seq}项“{row.name}”），"
                "重复了，请删去其中一行"
            )
            continue
        seen[row.indicator_id] = r
        for col, office in columns:
            try:
                new = _share(ws.cell(r, col).value)
            except ValidationError as exc:
                errors.append(f"第{r}行 {_letter(col)}列（{office['name']}）：{exc.message}")
                continue
            if new != row.cells.get(office["id"]):
                changes.append(Change(row.indicator_id, office["id"], new))
    if errors:
        raise WorkbookError(errors)
    return changes


def _open_sheet(where: str | Path) -> Worksheet:
    from openpyxl import load_workbook
    from openpyxl.worksheet.worksheet import Worksheet

    path = Path(where)
    if not path.is_file():
        raise MsdeskError(f"找不到工作簿：{path}。")
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # zipfile/openpyxl raise many kinds for a damaged or foreign file
        raise MsdeskError(NOT_XLSX.format(path=path, detail=type(exc).__name__)) from exc
    if SHEET not in wb.sheetnames:
        raise MsdeskError(f"工作簿中没有“{SHEET}”工作表。请先在“目标分解”页导出 Excel，在导出的表格中填写。")
    ws = wb[SHEET]
    if not isinstance(ws, Worksheet):
        raise MsdeskError(f"工作簿中的“{SHEET}”不是工作表。请先在“目标分解”页导出 Excel，在导出的表格中填写。")
    return ws


def _office_columns(
    ws: Worksheet, grid: breakdown.Grid, errors: list[str]
) -> tuple[list[tuple[int, dict[str, Any]]], int | None]:
    """(column, office) for each office header; the 指标编号 column."""
    fixed = [str(ws.cell(HEADER_ROW, c).value or "").strip() for c in range(1, FIRST_OFFICE)]
    if fixed != FIXED:
        raise MsdeskError(f"第3行的表头与导出的表格不一致（前5列应为：{'、'.join(FIXED)}）。请不要增删或移动列。")
    by_name = {o["name"]: o for o in grid.offices}
    columns: list[tuple[int, dict[str, Any]]] = []
    id_col: int | None = None
    seen: dict[str, int] = {}  # office name -> its first column
    for col in range(FIRST_OFFICE, ws.max_column + 1):
        header = str(ws.cell(HEADER_ROW, col).value or "").strip()
        if header == ID_HEADER:
            id_col = col
        elif header in (TOTAL, DIFFERENCE, ""):
            continue
        elif header in seen:
            errors.append(
                f"第3行 {_letter(col)}列：“{header}”与 {_letter(seen[header])}列重复，"
                "每个单位只能有一列（请改回原来的单位名称，或删去多出的一列）"
            )
        elif header in by_name:
            seen[header] = col
            columns.append((col, by_name[header]))
        else:
            errors.append(
                f"第3行 {_letter(col)}列：“{header}”不是本单位的下级单位（请先在“下级单位…”中添加，或改回原名）"
            )
    return columns, id_col


def _share(raw: object) -> breakdown.Cell | None:
    if isinstance(raw, bool):
        raise ValidationError(f"分解目标“{raw}”不是数字。")
    return breakdown.parse_cell(raw)


def apply_changes(store: Store, changes: list[Change]) -> dict[tuple[str, str], breakdown.Cell | None]:
    """Write the shares (inside one transaction). Returns the old cells, for undo."""
    old: dict[tuple[str, str], breakdown.Cell | None] = {}
    for change in changes:  # a cell changed twice keeps its first old value, so undo puts the original back
        old.setdefault(
            (change.indicator_id, change.office_id), breakdown.cell(store, change.indicator_id, change.office_id)
        )
        breakdown.restore_cell(store, change.indicator_id, change.office_id, change.new)
    return old


class PasteError(MsdeskError):
    """Pasted cells that cannot be taken; .errors lists one Chinese message per cell."""

    def __init__(self, errors: list[str]) -> None:
        shown = errors[:10]
        more = f"\n……另有 {len(errors) - 10} 处错误" if len(errors) > 10 else ""
        super().__init__(f"粘贴的内容有 {len(errors)} 处错误，未做任何修改：\n" + "\n".join(shown) + more)
        self.errors = errors


def parse_block(text: str) -> list[list[str]]:
    """Cells copied from Excel/WPS: one line per row, cells separated by tabs; the copy's
    closing line break is not an extra row. A quoted cell (Excel quotes a cell holding a
    line break or a quote) is taken as its text."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text.strip():
        return []
    rows = []
    for line in text.split("\n"):
        cells = []
        for raw in line.split("\t"):
            if len(raw) >= 2 and raw[0] == raw[-1] == '"':
                raw = raw[1:-1].replace('""', '"')
            cells.append(raw)
        rows.append(cells)
    return rows


def paste_changes(
    grid: breakdown.Grid, rows: list[Any], offices_from: list[Any], block: list[list[str]]
) -> list[Change]:
    """The shares a pasted block sets, top-left at rows[0] × offices_from[0]. rows are the
    indicator rows from the current one down (as shown), offices_from the office columns
    from the current one right. Every bad cell is listed (PasteError); nothing is taken then."""
    errors: list[str] = []
    if len(block) > len(rows):
        errors.append(f"粘贴了 {len(block)} 行，但当前行往下只有 {len(rows)} 项指标。")
    width = max((len(line) for line in block), default=0)
    if width > len(offices_from):
        errors.append(
            f"粘贴了 {width} 列，但当前列往右只有 {len(offices_from)} 个单位"
            "（合计、差额两列不能粘贴，请只复制各单位的分解目标）。"
        )
    if errors:
        raise PasteError(errors)
    changes: list[Change] = []
    for r, line in enumerate(block):
        row = rows[r]
        for c, raw in enumerate(line):
            office = offices_from[c]
            try:
                new = breakdown.parse_cell(raw, "分解目标")
            except ValidationError as exc:
                errors.append(f"第{row.project_seq}项“{row.name}”（{office['name']}）：{exc.message}")
                continue
            if new != row.cells.get(office["id"]):
                changes.append(Change(row.indicator_id, office["id"], new))
    if errors:
        raise PasteError(errors)
    return changes
