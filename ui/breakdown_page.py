"""目标分解 tab: the upper office allocates each numeric target to its subordinate offices.

Keyboard entry like a spreadsheet: type a figure, Enter goes down to the next
indicator, Tab to the next office; Delete clears a cell. Each cell is one
transaction and one undo step on the window's stack. A refused figure stays in
its cell (red) with the core's message above the table until it is fixed or
Escape is pressed. The task package sends each township its column.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from msdesk import breakdown, edits
from msdesk.errors import MsdeskError

from . import strings
from .breakdown_table_model import (
    COL_INDICATOR,
    COL_PROJECT,
    COL_SEQ,
    COL_TARGET,
    COL_UNIT,
    FIRST_OFFICE,
    BreakdownTableModel,
)
from .editors import FieldMessage
from .undo import push

WATCHED = {"plans", "projects", "indicators", "offices", "target_breakdowns"}
SHARE_TABLES = {"target_breakdowns", "audit_log", "settings"}


class BreakdownView(QTableView):
    """Tab / Shift+Tab visit only the office cells; Enter commits and goes down one row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.refused_at: QModelIndex | None = None
        self.on_paste = None  # callable(): Ctrl+V on the grid (a block copied from Excel)

    def _step(self, index: QModelIndex, forward: bool) -> QModelIndex:
        m = self.model()
        last = m.col_total - 1
        if last < FIRST_OFFICE or not index.isValid():
            return index
        r, c = index.row(), index.column()
        while True:
            if forward:
                r, c = (r, max(c + 1, FIRST_OFFICE)) if c < last else (r + 1, FIRST_OFFICE)
            else:
                r, c = (r, c - 1) if c > FIRST_OFFICE else (r - 1, last)
            if not 0 <= r < m.rowCount():
                return index
            if not self.isRowHidden(r):
                return m.index(r, c)

    def _down(self, index: QModelIndex) -> QModelIndex:
        r = index.row() + 1
        while r < self.model().rowCount() and self.isRowHidden(r):
            r += 1
        return self.model().index(r, index.column()) if r < self.model().rowCount() else index

    def moveCursor(self, action, modifiers):
        if action == QAbstractItemView.MoveNext:
            return self._step(self.currentIndex(), True)
        if action == QAbstractItemView.MovePrevious:
            return self._step(self.currentIndex(), False)
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor, hint):
        index = self.currentIndex()
        if self.refused_at is not None:  # refused: stay in the cell with the typed text
            self.refused_at = None
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            if hint != QAbstractItemDelegate.NoHint:  # Enter/Tab: edit again; focus left: keep it red, no loop
                self.edit(index)
            return
        if hint == QAbstractItemDelegate.RevertModelCache:
            self.model().drop_pending(index)
            super().closeEditor(editor, hint)
            return
        if hint == QAbstractItemDelegate.SubmitModelCache:  # Enter: next indicator, same office
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            self.setCurrentIndex(self._down(index))
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event):
        index = self.currentIndex()
        if (
            event.matches(QKeySequence.Paste)
            and self.state() != QAbstractItemView.EditingState
            and self.on_paste is not None
        ):
            self.on_paste()
            return
        if (
            event.key() in (Qt.Key_Delete, Qt.Key_Backspace)
            and self.state() != QAbstractItemView.EditingState
            and self.model().is_editable(index)
        ):
            self.model().setData(index, "")
            return
        super().keyPressEvent(event)


class BreakdownPage(QWidget):
    def __init__(self, main, parent=None):
        super().__init__(parent)
        self.main = main  # the MainWindow: store, plan_id, undo_stack
        self._stale = True
        self._rows_hidden = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        lay.addWidget(self.title)
        hint = QLabel(strings.BREAKDOWN_HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        bar = QHBoxLayout()
        self.summary = QLabel()
        bar.addWidget(self.summary, 1)
        self.only_bad = QCheckBox(strings.BREAKDOWN_ONLY_BAD)
        self.only_bad.setToolTip(strings.TIP_BREAKDOWN_ONLY_BAD)
        self.only_bad.toggled.connect(self._apply_row_filter)
        bar.addWidget(self.only_bad)
        self.split_button = QPushButton(strings.BREAKDOWN_SPLIT)
        self.split_button.setToolTip(strings.TIP_BREAKDOWN_SPLIT)
        self.split_button.clicked.connect(self.split_current)
        bar.addWidget(self.split_button)
        self.export_button = QPushButton(strings.BREAKDOWN_EXPORT)
        self.export_button.setToolTip(strings.TIP_BREAKDOWN_EXPORT)
        self.export_button.clicked.connect(lambda: self.export_xlsx())
        bar.addWidget(self.export_button)
        self.import_button = QPushButton(strings.BREAKDOWN_IMPORT)
        self.import_button.setToolTip(strings.TIP_BREAKDOWN_IMPORT)
        self.import_button.clicked.connect(lambda: self.import_xlsx())
        bar.addWidget(self.import_button)
        self.subs_button = QPushButton(strings.ACTIONS["subordinates"][0])
        self.subs_button.setToolTip(strings.ACTIONS["subordinates"][1])
        self.subs_button.clicked.connect(lambda: self.main.edit_subordinates())
        bar.addWidget(self.subs_button)
        lay.addLayout(bar)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        lay.addWidget(self.banner)
        self.message = FieldMessage()
        lay.addWidget(self.message)
        self.model = BreakdownTableModel(self)
        self.model.commit = self._commit
        self.model.refused.connect(self._refused)
        self.model.accepted.connect(lambda _i: self.message.clear_message())
        self.view = BreakdownView()
        self.view.setModel(self.model)
        self.view.on_paste = lambda: self.paste()
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed | QAbstractItemView.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 12)
        lay.addWidget(self.view, 1)

    # -- data ------------------------------------------------------------------------------
    def store_changed(self, tables, touched=None) -> None:
        """After a commit: shares of known projects re-read only their rows; anything else, all."""
        tables = set(tables)
        if not tables & WATCHED:
            return
        if (
            tables <= SHARE_TABLES
            and touched
            and None not in touched
            and self.isVisible()
            and self.model.grid is not None
            and not self._stale
        ):
            self._refresh_rows(touched)
        else:
            self.mark_stale()

    def _refresh_rows(self, project_ids) -> None:
        fresh = breakdown.grid(self.main.store, self.main.plan_id, project_ids=project_ids)
        if [o["id"] for o in fresh.offices] != [o["id"] for o in self.model.grid.offices]:
            self.refresh()
            return
        self.model.update_rows(fresh.rows)
        self._show_summary(self.model.grid)
        self._apply_row_filter()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        store, plan_id = self.main.store, self.main.plan_id
        if store is None or plan_id is None or store.get("plans", plan_id) is None:
            self.model.set_grid(None)
            self.title.setText(strings.BREAKDOWN_TITLE.format(plan=""))
            self.summary.setText("")
            return
        current = self.view.currentIndex()
        where = self.model.key_at(current)  # the share the clerk is on, to come back to after a reset
        grid = breakdown.grid(store, plan_id)
        reset = self.model.grid is None or self.model._shape(self.model.grid) != self.model._shape(grid)
        self.model.set_grid(grid)
        plan = store.get("plans", plan_id)
        self.title.setText(
            strings.BREAKDOWN_TITLE.format(plan=strings.PLAN_ITEM.format(year=plan["year"], title=plan["title"]))
        )
        self._show_summary(grid)
        if reset:
            self._size_columns()
            back = self.model.find(*where) if where else QModelIndex()
            if where and not back.isValid():  # its township went: same indicator, first township
                r = next((n for n, row in enumerate(grid.rows) if row.indicator_id == where[0]), None)
                back = self.model.index(r, FIRST_OFFICE) if r is not None else QModelIndex()
            first = back if back.isValid() else self.model.index(0, FIRST_OFFICE)
            self.view.setCurrentIndex(first if first.isValid() else QModelIndex())
            if not self.model.pending:  # a refused figure that went with its township
                self.message.clear_message()
        elif current.isValid():
            self.view.setCurrentIndex(current)
        self._apply_row_filter()

    def _show_summary(self, grid: breakdown.Grid) -> None:
        self.summary.setText(strings.BREAKDOWN_SUMMARY.format(**grid.counts()))
        banner = strings.BREAKDOWN_NO_SUBS if not grid.offices else (strings.BREAKDOWN_NO_ROWS if not grid.rows else "")
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        for button in (self.split_button, self.export_button, self.import_button):
            button.setEnabled(bool(grid.offices and grid.rows))

    def _size_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        # narrow enough that 合计 and 差额 stay in view with five townships on a 1024 px screen
        for col, width in ((COL_SEQ, 40), (COL_PROJECT, 110), (COL_INDICATOR, 200), (COL_UNIT, 46), (COL_TARGET, 64)):
            self.view.setColumnWidth(col, width)
        for col in range(FIRST_OFFICE, self.model.columnCount()):
            self.view.setColumnWidth(col, 68)
        self.view.setColumnWidth(self.model.col_difference, 84)

    def _apply_row_filter(self) -> None:
        only_bad = self.only_bad.isChecked()
        if not only_bad and not self._rows_hidden:
            return  # nothing to show again: skip touching every row of a big plan
        for n in range(self.model.rowCount()):
            self.view.setRowHidden(n, only_bad and self.model.row_at(n).balanced)
        self._rows_hidden = only_bad

    # -- edits -----------------------------------------------------------------------------
    def _commit(self, indicator_id: str, office_id: str, raw: str) -> None:
        row = self.model.grid.row(indicator_id)
        office = next(o for o in self.model.grid.offices if o["id"] == office_id)
        label = strings.BREAKDOWN_CELL_LABEL.format(seq=row.project_seq, name=row.name, office=office["name"])
        push(self.main.undo_stack, edits.SetBreakdownCell(self.main.store, indicator_id, office_id, raw, label))

    def _refused(self, message: str, index: QModelIndex) -> None:
        self.message.show_message(message)
        self.view.refused_at = index

    def split_current(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or self.model.grid is None:
            return
        row = self.model.row_at(index.row())
        cmd = edits.SplitEvenly(
            self.main.store, row.indicator_id, strings.BREAKDOWN_SPLIT_LABEL.format(seq=row.project_seq, name=row.name)
        )
        try:
            push(self.main.undo_stack, cmd)
        except MsdeskError as exc:
            self.message.show_message(exc.message)
            return
        self.message.clear_message()

    def paste(self, text: str | None = None) -> int:
        """Ctrl+V: a block copied from Excel/WPS goes in from the current cell right and down,
        as one undo step; any bad cell is listed and nothing changes. Returns cells written."""
        from PySide6.QtWidgets import QApplication

        from msdesk import breakdown_workbook  # the Excel side loads when first used

        index = self.view.currentIndex()
        grid = self.model.grid
        if grid is None or self.main.store is None:
            return 0
        if not self.model.is_editable(index):
            self.message.show_message(strings.BREAKDOWN_PASTE_WHERE)
            return 0
        block = breakdown_workbook.parse_block(QApplication.clipboard().text() if text is None else text)
        if not block:
            self.message.show_message(strings.BREAKDOWN_PASTE_EMPTY)
            return 0
        rows = [grid.rows[n] for n in range(index.row(), len(grid.rows)) if not self.view.isRowHidden(n)]
        offices_from = grid.offices[index.column() - FIRST_OFFICE :]
        try:
            changes = breakdown_workbook.paste_changes(grid, rows, offices_from, block)
            covered = [
                self.model.index(self.model.grid.rows.index(rows[r]), index.column() + c)
                for r, line in enumerate(block)
                for c in range(len(line))
            ]
            if changes:
                push(
                    self.main.undo_stack,
                    edits.ImportBreakdown(
                        self.main.store, changes, strings.BREAKDOWN_PASTE_LABEL.format(n=len(changes))
                    ),
                )
        except MsdeskError as exc:
            self.message.show_message(exc.message)
            return 0
        for cell in covered:  # a pasted figure replaces a refused one still shown in red
            self.model.drop_pending(cell)
        if not changes:
            self.message.show_message(strings.BREAKDOWN_PASTE_SAME)
            return 0
        self.message.clear_message()
        self.main.statusBar().showMessage(strings.BREAKDOWN_PASTED.format(n=len(changes)), 8000)
        return len(changes)

    # -- Excel --------------------------------------------------------------------------------
    def export_xlsx(self, path: str | None = None) -> Path | None:
        from msdesk import breakdown_workbook  # the Excel side loads when first used

        store, plan_id = self.main.store, self.main.plan_id
        if store is None or plan_id is None:
            return None
        if path is None:
            year = store.get("plans", plan_id)["year"]
            start = str(store.path.parent / strings.BREAKDOWN_XLSX_NAME.format(year=year))
            path, _ = QFileDialog.getSaveFileName(
                self, strings.BREAKDOWN_EXPORT.rstrip("…"), start, strings.BREAKDOWN_XLSX_FILTER
            )
            if not path:
                return None
        try:
            written = breakdown_workbook.write_breakdown(store, plan_id, path)
        except MsdeskError as exc:
            self.main.show_error(exc.message)
            return None
        self.main.statusBar().showMessage(strings.BREAKDOWN_EXPORTED.format(path=written), 8000)
        return written

    def import_xlsx(self, path: str | None = None) -> int:
        """Read a filled workbook; every bad cell is listed and nothing changes. Returns cells written."""
        from msdesk import breakdown_workbook  # the Excel side loads when first used

        store, plan_id = self.main.store, self.main.plan_id
        if store is None or plan_id is None:
            return 0
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, strings.BREAKDOWN_IMPORT.rstrip("…"), str(store.path.parent), strings.BREAKDOWN_XLSX_FILTER
            )
            if not path:
                return 0
        try:
            changes = breakdown_workbook.read_breakdown(store, plan_id, path)
            if not changes:
                self.message.show_message(strings.BREAKDOWN_IMPORT_SAME)
                return 0
            push(
                self.main.undo_stack,
                edits.ImportBreakdown(store, changes, strings.BREAKDOWN_IMPORT_LABEL.format(n=len(changes))),
            )
        except MsdeskError as exc:
            self.main.show_error(exc.message)
            return 0
        self.message.clear_message()
        self.main.statusBar().showMessage(strings.BREAKDOWN_IMPORTED.format(n=len(changes)), 8000)
        return len(changes)

    def cell_index(self, indicator_id: str, office_name: str) -> QModelIndex:
        """The model index of one share (for tests and for jumping to a refused cell)."""
        grid = self.model.grid
        r = next(n for n, row in enumerate(grid.rows) if row.indicator_id == indicator_id)
        c = next(n for n, o in enumerate(grid.offices) if o["name"] == office_name)
        return self.model.index(r, FIRST_OFFICE + c)


__all__ = ["BreakdownPage", "BreakdownView"]
