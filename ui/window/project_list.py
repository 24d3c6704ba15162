"""项目清单: the table of projects, its search and filters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import strings
from .tabs import TAB_ENTRY, TAB_LIST


class ProjectList:
    """A part of MainWindow (ui/main_window.py); uses its widgets and session."""

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()  # first: the search is what a clerk uses most
        self.search.setPlaceholderText(strings.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(strings.TIP_SEARCH)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(lambda text: self._set_filter(text=text.strip()))
        self.search.returnPressed.connect(self._focus_table)
        row.addWidget(self.search, 2)
        self.filter_boxes: dict[str, QComboBox] = {}
        for key, label in (
            ("category", strings.FILTER_CATEGORY),
            ("lead", strings.FILTER_LEAD),
            ("status", strings.FILTER_STATUS),
            ("level", strings.FILTER_LEVEL),
        ):
            row.addSpacing(6)
            row.addWidget(QLabel(label + "："))
            box = QComboBox()
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            # shrinks on small screens; 状态 holds 常态化开展, five Chinese characters (ten Latin widths)
            box.setMinimumContentsLength({"status": 9, "level": 5}.get(key, 8))
            box.setToolTip(strings.TIP_FILTER.format(label=label))
            box.activated.connect(lambda _i, k=key: self._filter_chosen(k))
            self.filter_boxes[key] = box
            row.addWidget(box, 1)
        self.count_label = QLabel()
        row.addSpacing(6)
        row.addWidget(self.count_label)
        return row

    def _build_table(self) -> QTableView:
        # the list and its rows' modules load with the workbench, when a file opens (lazy_pages.py)
        from msdesk import palette, status

        from ..project_table_model import (
            COL_CATEGORY,
            COL_COMPLETION,
            COL_LEAD,
            COL_LEVEL,
            COL_NAME,
            COL_SEQ,
            COL_STATUS,
            ProjectTableModel,
        )

        self.model = ProjectTableModel(self)
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
        header = view.horizontalHeader()
        for col, width in (
            (COL_CATEGORY, 130),
            (COL_SEQ, 56),
            (COL_LEAD, 200),
            (COL_LEVEL, 100),
            (COL_COMPLETION, 80),
            (COL_STATUS, 150),
        ):
            view.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_NAME, QHeaderView.Stretch)
        header.setSortIndicator(COL_SEQ, Qt.AscendingOrder)
        view.setSortingEnabled(True)
        view.setToolTip(strings.TIP_TABLE)
        view.activated.connect(lambda index: self.open_project(self.model.row(index.row()).id, TAB_ENTRY))
        self.table = view
        # why the selected row is 滞后 at 75 % against 75 % (status.reason), said on the page, not in a tooltip
        self.reason_label = QLabel()
        self.reason_label.setObjectName("statusReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet(f"color: {palette.TEXT[status.RED]}; padding: 2px 4px;")  # 滞后 red
        self.reason_label.hide()
        view.selectionModel().currentRowChanged.connect(lambda *_: self._show_row_reason())
        self.model.dataChanged.connect(lambda *_: self._show_row_reason())
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(view, 1)
        lay.addWidget(self.reason_label)
        return page

    def _show_row_reason(self) -> None:
        index = self.table.currentIndex()
        text = None
        if index.isValid() and index.row() < self.model.rowCount():
            text = row_reason(self.model.row(index.row()))
        self.reason_label.setText(text or "")
        self.reason_label.setVisible(bool(text))

    def _fill_filter_boxes(self) -> None:
        opts = self.model.options()
        current = self.model.filters()
        stale = {}
        for key, box in self.filter_boxes.items():
            box.clear()
            box.addItem(strings.ALL, None)
            for value in opts[key]:
                code, text = value if isinstance(value, tuple) else (value, value)
                box.addItem(text, code)
            index = box.findData(current[key])
            if index < 0:  # e.g. a category of the previous plan: show all again
                stale[key] = None
            box.setCurrentIndex(max(0, index))
        if stale:
            self._set_filter(**stale)

    def _filter_chosen(self, key: str) -> None:
        self._set_filter(**{key: self.filter_boxes[key].currentData()})

    def _set_filter(self, **changes) -> None:
        self.model.set_filter(**changes)
        self._update_count()

    def clear_filters(self) -> None:
        for box in self.filter_boxes.values():
            box.setCurrentIndex(0)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._set_filter(category=None, lead=None, status=None, level=None, text="")

    def _update_count(self) -> None:
        self.count_label.setText(strings.ROWS_SHOWN.format(shown=self.model.rowCount(), total=self.model.total()))

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(TAB_LIST)
        self.search.setFocus()
        self.search.selectAll()

    def _select_in_table(self, project_id: str | None) -> None:
        """Keep a current row in the list so Enter always opens something."""
        row = self.model.row_of(project_id) if project_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)


def row_reason(row) -> str | None:
    """第7项 …: why this row's status does not follow from its completion and 序时进度 (or None)."""
    from msdesk import status

    a = row.assessment
    if a is None:
        return None
    why = status.reason(a, [(i.indicator["name"], i.assessment) for i in row.indicators])
    return strings.ROW_REASON.format(seq=row.project["seq"], reason=why) if why else None
