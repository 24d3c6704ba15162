"""Read a progress table: ours, msdesk's exported 进展情况表 (alone or inside a 报送包),
or a reasonable hand-made one.

The header row is found by its labels (序号, 项目/实施内容, 指标, 目标, 累计完成,
完成率, 进展情况, 存在问题, 下一步计划, 资金…) in any order; a second header row
under a merged parent (资金情况 → 计划投资/到位资金/已支出资金) is read too. Merged
cells read as their top-left value in every cell they cover, so a 序号 merged over
a project's rows belongs to each of them. The 填报单位/牵头单位 and 报告期 stated
above the header are kept, with their cell, to refuse a table for someone else.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MsdeskError
from ..notice.workbook import _letter
from ..periods import Period
from .xlsx_values import Unsaved

MAX_HEADER_SCAN = 25
# (key, pattern on the normalised label). First match wins, so the specific ones come first.
HEADERS = [
    ("id", r"指标编号.*|指标id"),
    ("seq", r"序号|编号|项目序号|项目编号"),
    ("previous", r"上期累计(完成)?(数)?|上期完成(数)?|上期"),
    ("completion", r"(累计)?完成(率|比例|比率|百分比|进度)"),
    (
        "actual",
        r"(截至本期|本期|本季度|年度|全年)?累计(实际)?完成(数|值|量)?|(累计)?完成(数|值)|(累计)?实际完成(数)?"
        r"|本期累计|累计",
    ),
    ("indicator", r"(绩效|主要|任务|考核)?指标(名称|内容)?"),
    ("unit", r"(计量)?单位"),
    ("target", r"(年度|全年)?目标(值|数|任务|任务数)?|(年度)?任务数|年度任务|计划数|年度目标任务"),
    ("project", r"项目.{0,6}内容|项目(名称)?|实施内容|民生实事(项目)?(名称)?"),
    ("progress_note", r"(工作)?进展(情况)?(说明)?|推进情况"),
    ("problems", r"存在(的)?问题.*|问题|困难和问题"),
    ("next_steps", r"下一?步.*"),
    ("funds_planned", r"计划投资(额)?|总投资|计划资金"),
    ("funds_received", r"(已)?到位资金|资金到位"),
    ("funds_spent", r"(已)?支出(资金)?|资金支出|已拨付资金|实际支出|(已|累计)?投入资金|资金"),
    ("status", r"状态|完成状态|进度状态"),  # msdesk's export says 已完成 here for a qualitative target
]
_COMPILED = [(key, re.compile(f"^(?:{pattern})$")) for key, pattern in HEADERS]
_UNIT_NOTE = re.compile(r"[（(][^（）()]*[）)]")  # （万元） （%） (人)

OFFICE_LABEL = re.compile(r"(填报单位|报送单位|单位名称)\s*(?:[（(]盖章[）)])?\s*[:：]\s*([^\s　:：，,;；()（）]+)")
LEAD_LABEL = re.compile(r"(牵头单位)\s*[:：]\s*([^\s　:：，,;；()（）]+)")
PERIOD_LABEL = re.compile(r"报告期\s*[:：]\s*(\S+?)(?:[（(\s　]|$)")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4}
_QUARTER = re.compile(r"(\d{4})\s*年\s*(?:度)?\s*第?\s*([1-4一二三四])\s*季度")
_QUARTER_CODE = re.compile(r"(\d{4})\s*[Qq]\s*([1-4])")
_MONTH = re.compile(r"(\d{4})\s*年\s*(1[0-2]|[1-9])\s*月")
_MONTH_CODE = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


class TableFileError(MsdeskError):
    """The table's file cannot be opened or read as a workbook (CLI exit 3)."""

    exit_code = 3


@dataclass
class Stated:
    text: str
    ref: str  # the cell that says it, e.g. A2


@dataclass
class TableRow:
    number: int  # the Excel row
    cells: dict[str, tuple[Any, str]]  # key -> (value as the sheet holds it, ref)

    def value(self, key: str) -> Any:
        found = self.cells.get(key)
        return found[0] if found else None

    def ref(self, key: str) -> str | None:
        found = self.cells.get(key)
        return found[1] if found else None

    def text(self, key: str) -> str:
        return clean(self.value(key))


@dataclass
class SheetTable:
    source: str  # the file (and member) read
    sheet: str
    header_row: int
    columns: dict[str, int]  # key -> column number
    ignored: list[str]  # header labels not read (序时进度, 状态…)
    rows: list[TableRow] = field(default_factory=list)
    office: Stated | None = None  # 填报单位 stated above the header
    lead: Stated | None = None  # 牵头单位 stated above the header
    period: Stated | None = None
    period_value: Period | None = None
    raw: bytes = field(default=b"", repr=False)  # the workbook as read (its sha256 is recorded)


def clean(value: object) -> str:
    if value is None or isinstance(value, Unsaved):  # an unsaved formula has no value (preview names the cell)
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).replace("\u00a0", " ").strip()


def header_key(label: object) -> str | None:
    text = re.sub(r"\s+", "", clean(label))
    text = _UNIT_NOTE.sub("", text).rstrip("%：:")
    if not text:
        return None
    for key, pattern in _COMPILED:
        if pattern.match(text):
            return key
    return None


def parse_stated_period(text: str) -> Period | None:
    text = clean(text)
    for rx, kind in ((_QUARTER, "quarter"), (_QUARTER_CODE, "quarter"), (_MONTH, "month"), (_MONTH_CODE, "month")):
        m = rx.search(text)
        if m:
            number = _CN.get(m.group(2)) or int(m.group(2))
            return Period(int(m.group(1)), kind, number)
    return None


# -- opening ---------------------------------------------------------------


def load(path: str | Path) -> tuple[bytes, str]:
    """The workbook's bytes: the file itself, or the 进展情况表 inside a 报送包 (.zip)."""
    path = Path(path)
    if not path.is_file():
        raise TableFileError(f"找不到文件：{path}。")
    raw = path.read_bytes()
    if path.suffix.lower() != ".zip":
        return raw, path.name
    from ..package.zipio import read_members  # the package reader's checks against zip bombs and odd names

    members = read_members(raw, path.name)
    books = sorted((n for n in members if n.lower().endswith(".xlsx")), key=lambda n: "进展情况表" not in n)
    if not books:
        raise TableFileError(f"“{path.name}”中没有 Excel 报表（.xlsx），无法读取进展情况表。")
    return members[books[0]], f"{path.name} › {books[0]}"


def read_table(path: str | Path) -> SheetTable:
    raw, source = load(path)
    sheets = _sheets(raw, source)
    best = None
    for name, grid in sheets:
        found = _header(grid)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], name, grid, found[1])
    if best is None:
        raise MsdeskError(
            f"“{source}”中找不到进展表的表头行：表头应有“累计完成”（或“完成数”）一列，以及“序号”“指标”或“项目”等列。"
        )
    _score, name, grid, header_row = best
    table = _table(grid, header_row, source, name)
    table.raw = raw
    return table


def _sheets(raw: bytes, source: str) -> list[tuple[str, list[list[Any]]]]:
    """Each sheet's values with merged ranges filled in. The quick XML reader first; openpyxl
    for a workbook it cannot read (it knows more of the format's corners)."""
    from .xlsx_values import read_sheets

    try:
        return [(name, _fill_merged(rows, merges)) for name, rows, merges in read_sheets(raw)]
    except Exception:  # anything odd in the XML: let openpyxl try, it names the problem
        pass
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # zipfile/openpyxl raise many kinds for a damaged or foreign file
        raise TableFileError(
            f"“{source}”不是 .xlsx 工作簿（或已损坏，或是改了扩展名的其他文件）。"
            "请在 Excel/WPS 中另存为 .xlsx 后再导入。"
        ) from exc
    out = []
    for ws in wb.worksheets:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        out.append((ws.title, _fill_merged(rows, merges)))
    return out


def _fill_merged(rows: list[list[Any]], merges: list[tuple[int, int, int, int]]) -> list[list[Any]]:
    """Each merged range's value copied into every cell it covers (rows padded to one width)."""
    width = max([len(r) for r in rows] + [m[3] for m in merges if m[0] <= len(rows)] + [0])
    for cells in rows:
        cells.extend([None] * (width - len(cells)))
    for r0, c0, r1, c1 in merges:
        if r0 > len(rows):
            continue
        top = rows[r0 - 1][c0 - 1]
        for r in range(r0, min(r1, len(rows)) + 1):
            for c in range(c0, c1 + 1):
                rows[r - 1][c - 1] = top
    return rows


def _keys(row: list[Any]) -> dict[int, str]:
    out: dict[int, str] = {}
    for c, value in enumerate(row, 1):
        key = header_key(value)
        if key and key not in out.values():
            out[c] = key
    return out


def _header(grid: list[list[Any]]) -> tuple[int, int] | None:
    """(score, row number) of the header row: the one naming most columns, with 累计完成."""
    best = None
    for r, row in enumerate(grid[:MAX_HEADER_SCAN], 1):
        keys = set(_keys(row).values())
        if "actual" not in keys or not keys & {"seq", "indicator", "project", "id"}:
            continue
        below = set(_keys(grid[r]).values()) if r < len(grid) and _is_subheader(grid, r) else set()
        score = len(keys | below)
        if best is None or score > best[0]:
            best = (score, r)
    return best


def _is_subheader(grid: list[list[Any]], r: int) -> bool:
    """Row r+1 (1-based r) is a second header row: each of its cells is a label or repeats
    the (merged) cell above, and at least one is a label the row above lacks."""
    top, below = grid[r - 1], grid[r]
    new = False
    for c, value in enumerate(below):
        if value in (None, ""):
            continue
        above = top[c] if c < len(top) else None
        if value == above:
            continue
        if header_key(value) is None:
            return False
        new = True
    return new


def _table(grid: list[list[Any]], header_row: int, source: str, sheet: str) -> SheetTable:
    top = grid[header_row - 1]
    sub = header_row < len(grid) and _is_subheader(grid, header_row)
    columns: dict[str, int] = {}
    ignored: list[str] = []
    width = max(len(top), len(grid[header_row]) if sub else 0)
    for c in range(1, width + 1):
        label = grid[header_row][c - 1] if sub and c <= len(grid[header_row]) else None
        key = header_key(label) if label not in (None, "") else None
        if key is None:
            label = top[c - 1] if c <= len(top) else None
            key = header_key(label)
        if key and key not in columns:
            columns[key] = c
        elif label not in (None, "") and not key and clean(label) not in ignored:
            ignored.append(clean(label))
    table = SheetTable(source, sheet, header_row, columns, ignored)
    _stated(table, grid[: header_row - 1])
    first = header_row + (2 if sub else 1)
    for r in range(first, len(grid) + 1):
        row = grid[r - 1]
        cells = {key: (row[c - 1] if c <= len(row) else None, f"{_letter(c)}{r}") for key, c in columns.items()}
        if any(clean(v) for v, _ref in cells.values()) or any(clean(v) for v in row):
            table.rows.append(TableRow(r, cells))
    return table


def _stated(table: SheetTable, rows: list[list[Any]]) -> None:
    titles = []
    for r, row in enumerate(rows, 1):
        seen = set()
        for c, value in enumerate(row, 1):
            text = clean(value)
            if not text or text in seen:  # a merged line repeats its text
                continue
            seen.add(text)
            ref = f"{_letter(c)}{r}"
            m = OFFICE_LABEL.search(text)
            if m and table.office is None:
                table.office = Stated(m.group(2), ref)
            m = LEAD_LABEL.search(text)
            if m and table.lead is None:
                table.lead = Stated(m.group(2), ref)
            m = PERIOD_LABEL.search(text)
            if m and table.period is None and parse_stated_period(m.group(1)):
                table.period = Stated(m.group(1), ref)
                table.period_value = parse_stated_period(m.group(1))
            if re.search(r"进展|季度|月", text):
                titles.append((text, ref))
    if table.period is None:
        for text, ref in titles:  # a title such as “2026年第三季度民生实事进展情况表”
            found = parse_stated_period(text)
            if found:
                table.period, table.period_value = Stated(text, ref), found
                break
