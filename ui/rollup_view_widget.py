"""The 汇总 screen's content, drawn from msdesk.package.rollup_view.View: 已报 n/m, each
subordinate's 报送情况 (long reasons wrap, and show in full as a tooltip), and one row per
indicator with its sum or reported rates, its status and whether it rests on partial data.
Holds no rules: it only shows the View it is given (set_view)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msdesk import palette
from msdesk.package import rollup
from msdesk.package.rollup_view import OVERDUE_NONE, View

OFFICE_COLUMNS = ("下级单位", "报送情况", "报送次数", "制作日期", "说明")
ROW_COLUMNS = ("序号", "项目", "指标", "计量单位", "年度目标", "汇总完成", "状态", "数据来源")
LABEL_COLOURS = {
    rollup.ON_TIME: palette.TEXT["green"],
    rollup.LATE: palette.TEXT["yellow"],
    rollup.RETURNED: palette.TEXT["red"],
    OVERDUE_NONE: palette.TEXT["red"],
}


def _item(text: str, tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(tip if tip is not None else text)
    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
    return item


class RollupViewWidget(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        lay.addWidget(self.headline)
        split = QSplitter(Qt.Vertical)
        self.offices = self._table(OFFICE_COLUMNS)
        self.offices.setWordWrap(True)  # a return reason is read in full, not cut off
        self.offices.horizontalHeader().setSectionResizeMode(len(OFFICE_COLUMNS) - 1, QHeaderView.Stretch)
        split.addWidget(self.offices)
        self.rows = self._table(ROW_COLUMNS)
        self.rows.setWordWrap(False)  # one line per indicator; long names elide, tooltips hold them
        self.rows.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        split.addWidget(self.rows)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        self.view: View | None = None

    @staticmethod
    def _table(columns) -> QTableWidget:
        table = QTableWidget(0, len(columns))
        table.setHorizontalHeaderLabels(list(columns))
        table.verticalHeader().setVisible(False)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        return table

    def set_view(self, view: View) -> None:
        self.view = view
        self.headline.setText(f"{view.period.label}　报送截止 {view.due_date}　{view.headline}")
        self._fill_offices(view)
        self._fill_rows(view)

    def _fill_offices(self, view: View) -> None:
        t = self.offices
        t.setRowCount(len(view.offices))
        for r, o in enumerate(view.offices):
            cells = (o.name, o.label, o.version, o.sent_at, o.note)
            for c, text in enumerate(cells):
                item = _item(text)
                if c == 1 and o.label in LABEL_COLOURS:
                    item.setForeground(QColor(LABEL_COLOURS[o.label]))
                t.setItem(r, c, item)
        t.resizeColumnsToContents()
        t.horizontalHeader().setSectionResizeMode(len(OFFICE_COLUMNS) - 1, QHeaderView.Stretch)
        t.resizeRowsToContents()

    def _fill_rows(self, view: View) -> None:
        t = self.rows
        t.setRowCount(len(view.rows))
        italic = QFont(t.font())
        italic.setItalic(True)
        for r, row in enumerate(view.rows):
            total_tip = f"{row.total}\n各单位：{row.rates.per_office}" if row.rates else row.total
            source = row.partial or (f"全部 {row.expected} 个单位" if row.expected else "—")
            cells = [
                _item(row.project_seq),
                _item(row.project_name),
                _item(row.indicator),
                _item(row.unit),
                _item(row.target),
                _item(row.total, total_tip),
                _item(row.status),
                _item(source),
            ]
            cells[6].setForeground(QColor(palette.TEXT[row.level]))
            if row.partial:  # a status on partial data is marked, in words and in type
                for cell in (cells[6], cells[7]):
                    cell.setFont(italic)
                cells[6].setToolTip(f"{row.status}：{row.partial}报送了数据，其余单位尚未报送，状态可能变化。")
            for c, item in enumerate(cells):
                t.setItem(r, c, item)
        t.resizeColumnsToContents()
        for c in (5, 6, 7):  # italic text is measured a little short
            t.setColumnWidth(c, t.columnWidth(c) + 12)
        t.setColumnWidth(1, min(t.columnWidth(1), 260))
        t.setColumnWidth(2, min(t.columnWidth(2), 220))  # a long 指标 name must not squeeze 项目 to nothing
        t.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
