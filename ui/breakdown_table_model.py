"""The 目标任务分解表 as a table: one row per indicator, one editable column per subordinate.

The model owns no rules: it shows msdesk.breakdown's Grid and hands typed text to
`commit(indicator_id, office_id, raw)` (the page pushes an undo command). A refused
entry keeps its text in the cell (`pending`) so the clerk can fix it, and the core's
Chinese message goes out through `refused`.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from msdesk import breakdown
from msdesk.errors import MsdeskError
from msdesk.formatting import format_number

from . import strings

FIXED = strings.BREAKDOWN_HEADERS  # 序号, 项目, 指标, 单位, 目标
COL_SEQ, COL_PROJECT, COL_INDICATOR, COL_UNIT, COL_TARGET = range(len(FIXED))
FIRST_OFFICE = len(FIXED)
MISMATCH_BG = QColor("#fde2c8")  # with the words “差 20”, never colour alone
MISMATCH_FG = QColor("#9a3412")


class BreakdownTableModel(QAbstractTableModel):
    refused = Signal(str, QModelIndex)  # message, cell
    accepted = Signal(QModelIndex)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid: breakdown.Grid | None = None
        self.commit = None  # callable(indicator_id, office_id, raw) -> None, may raise
        self.pending: dict = {}  # (indicator id, office id) -> refused text

    # -- shape ---------------------------------------------------------------------------
    def set_grid(self, grid: breakdown.Grid | None) -> None:
        same_shape = self.grid is not None and grid is not None and self._shape(self.grid) == self._shape(grid)
        if same_shape:  # an edit or undo: keep the current cell and any open editor
            self.grid = grid
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self.grid = grid
        # a township added/removed elsewhere: a refused figure stays in its cell while that cell exists
        rows = {r.indicator_id for r in grid.rows} if grid else set()
        offices = {o["id"] for o in grid.offices} if grid else set()
        self.pending = {k: v for k, v in self.pending.items() if k[0] in rows and k[1] in offices}
        self.endResetModel()

    def update_rows(self, rows) -> None:
        """New figures for some rows (after one edit): the rest of the grid is not read again."""
        where = {r.indicator_id: n for n, r in enumerate(self.grid.rows)}
        for row in rows:
            n = where.get(row.indicator_id)
            if n is not None:
                self.grid.rows[n] = row
                self.dataChanged.emit(self.index(n, 0), self.index(n, self.columnCount() - 1))

    @staticmethod
    def _shape(grid):
        return [r.indicator_id for r in grid.rows], [o["id"] for o in grid.offices]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else len(self.grid.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        if parent.isValid() or self.grid is None:
            return 0
        return FIRST_OFFICE + len(self.grid.offices) + 2

    @property
    def col_total(self) -> int:
        return FIRST_OFFICE + len(self.grid.offices) if self.grid else -1

    @property
    def col_difference(self) -> int:
        return self.col_total + 1 if self.grid else -1

    def office_at(self, col: int) -> dict | None:
        if self.grid and FIRST_OFFICE <= col < self.col_total:
            return self.grid.offices[col - FIRST_OFFICE]
        return None

    def find(self, indicator_id: str, office_id: str) -> QModelIndex:
        """The cell of one share, wherever its row and column are now (invalid when gone)."""
        if self.grid is None:
            return QModelIndex()
        r = next((n for n, row in enumerate(self.grid.rows) if row.indicator_id == indicator_id), None)
        c = next((n for n, o in enumerate(self.grid.offices) if o["id"] == office_id), None)
        return QModelIndex() if r is None or c is None else self.index(r, FIRST_OFFICE + c)

    def key_at(self, index: QModelIndex) -> tuple | None:
        office = self.office_at(index.column()) if index.isValid() else None
        return (self.grid.rows[index.row()].indicator_id, office["id"]) if office else None

    def row_at(self, row: int) -> breakdown.Row:
        return self.grid.rows[row]

    def is_editable(self, index: QModelIndex) -> bool:
        return index.isValid() and self.office_at(index.column()) is not None

    # -- reading -------------------------------------------------------------------------
    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or self.grid is None:
            return None
        if role == Qt.DisplayRole:
            if section < FIRST_OFFICE:
                return FIXED[section]
            office = self.office_at(section)
            if office:
                return office["name"]
            return strings.BREAKDOWN_TOTAL if section == self.col_total else strings.BREAKDOWN_DIFFERENCE
        if role == Qt.ToolTipRole:
            office = self.office_at(section)
            if office:
                return strings.TIP_BREAKDOWN_OFFICE.format(name=office["name"], code=office.get("region_code") or "—")
            if section == self.col_difference:
                return strings.TIP_BREAKDOWN_DIFFERENCE
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or self.grid is None:
            return None
        row, col = self.grid.rows[index.row()], index.column()
        office = self.office_at(col)
        if role in (Qt.DisplayRole, Qt.EditRole):
            if office is not None:
                key = (row.indicator_id, office["id"])
                if key in self.pending:
                    return self.pending[key]
                cell = row.cells.get(office["id"])
                return cell.text if cell else ""
            return self._fixed_text(row, col)
        if role == Qt.TextAlignmentRole:
            if col >= COL_TARGET:
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return int(Qt.AlignLeft | Qt.AlignVCenter)
        if role == Qt.BackgroundRole:
            if office is not None and (row.indicator_id, office["id"]) in self.pending:
                return QBrush(QColor("#fecaca"))
            if col == self.col_difference and not row.balanced:
                return QBrush(MISMATCH_BG)
        if role == Qt.ForegroundRole and col == self.col_difference and not row.balanced:
            return QBrush(MISMATCH_FG)
        if role == Qt.FontRole and col == self.col_difference and not row.balanced:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole:
            if col == COL_PROJECT:
                return row.project_name
            if col == self.col_difference:
                return self._difference_tip(row)
            if office is not None:
                return strings.TIP_BREAKDOWN_CELL
        return None

    def _fixed_text(self, row: breakdown.Row, col: int) -> str:
        if col == COL_SEQ:
            return row.project_seq
        if col == COL_PROJECT:
            return row.project_name
        if col == COL_INDICATOR:
            return row.name
        if col == COL_UNIT:
            return row.unit
        if col == COL_TARGET:
            return row.target_label
        if col == self.col_total:
            return "" if row.total is None else format_number(row.total)
        if col == self.col_difference:
            return row.state
        return ""

    def _difference_tip(self, row: breakdown.Row) -> str:
        if not row.summable:
            return strings.TIP_BREAKDOWN_RATIO
        if row.difference is None:
            return strings.TIP_BREAKDOWN_EMPTY
        tip = strings.TIP_BREAKDOWN_STATE.format(
            total=format_number(row.total), target=row.target_label, state=row.state
        )
        return tip + strings.TIP_BREAKDOWN_CEILING if row.ceiling else tip

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if self.is_editable(index):
            return base | Qt.ItemIsEditable
        return base

    # -- writing -------------------------------------------------------------------------
    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not self.is_editable(index) or self.commit is None:
            return False
        row, office = self.grid.rows[index.row()], self.office_at(index.column())
        key = (row.indicator_id, office["id"])
        raw = "" if value is None else str(value)
        cell = row.cells.get(office["id"])
        if key not in self.pending and raw.strip() == (cell.text if cell else ""):
            return True  # left unchanged: no undo step
        try:
            self.commit(row.indicator_id, office["id"], raw)
        except MsdeskError as exc:
            self.pending[key] = raw
            self.dataChanged.emit(index, index)
            self.refused.emit(exc.message, index)
            return False
        self.pending.pop(key, None)
        self.dataChanged.emit(index, index)
        self.accepted.emit(index)
        return True

    def drop_pending(self, index: QModelIndex) -> None:
        """Escape on a refused cell: show the stored value again."""
        office = self.office_at(index.column())
        if office and self.pending.pop((self.grid.rows[index.row()].indicator_id, office["id"]), None) is not None:
            self.dataChanged.emit(index, index)
            self.accepted.emit(index)  # nothing refused any more: the message goes
