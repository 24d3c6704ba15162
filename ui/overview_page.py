"""进度概览: headline, a stacked-bar chart by category, summary tables, lagging list.

Figures come from msdesk.overview.summary / lagging; this page only draws them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msdesk import overview, palette, status
from msdesk.formatting import percent
from msdesk.periods import parse_period

from . import strings
from .status_style import FOREGROUND, STATUS_COLOURS, dot_icon, status_text

MAX_LEAD_WIDTH = 130  # px; the full list of lead units is in the cell's tooltip
MAX_LAGGING_SHOWN = 500  # a longer list is read through the project list's 状态 filter
CHART_ORDER = (status.DONE, status.ON_TRACK, status.LAGGING, status.NOT_STARTED, status.NO_TASK, status.ONGOING)


class StatusChart(QWidget):
    """Horizontal stacked bars: one per category, segments per status, counts written in."""

    BAR_H, GAP, LEGEND_H = 20, 7, 30

    def __init__(self, parent=None):
        super().__init__(parent)
        self.groups: list[dict] = []
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_groups(self, groups: list[dict]) -> None:
        self.groups = groups
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, self.LEGEND_H + 30 + max(1, len(self.groups)) * (self.BAR_H + self.GAP))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        fm = p.fontMetrics()
        p.drawText(QRectF(0, 0, self.width(), 22), Qt.AlignLeft | Qt.AlignVCenter, strings.OVERVIEW_CHART)
        x = 260.0
        for st in CHART_ORDER:  # legend: colour AND the status word
            p.fillRect(QRectF(x, 6, 14, 14), QColor(STATUS_COLOURS[st]))
            p.setPen(QColor("#333"))
            p.drawText(QRectF(x + 18, 0, 80, 26), Qt.AlignLeft | Qt.AlignVCenter, st)
            x += 26 + fm.horizontalAdvance(st)
        if not self.groups:
            return
        label_w = min(max(fm.horizontalAdvance(g["label"]) for g in self.groups) + 12, self.width() * 0.35)
        right_w = fm.horizontalAdvance(strings.CHART_COMPLETION.format(percent="100.0%")) + 12
        most = max(g["projects"] for g in self.groups) or 1
        bar_w = max(50.0, self.width() - label_w - right_w - 8)
        y = self.LEGEND_H + 4
        for g in self.groups:
            p.setPen(QColor("#222"))
            label = fm.elidedText(g["label"], Qt.ElideRight, int(label_w) - 8)
            p.drawText(QRectF(0, y, label_w - 8, self.BAR_H), Qt.AlignRight | Qt.AlignVCenter, label)
            x = label_w
            for st in CHART_ORDER:
                n = g.get(st, 0)
                if not n:
                    continue
                w = bar_w * n / most
                rect = QRectF(x, y, w, self.BAR_H)
                p.fillRect(rect, QColor(STATUS_COLOURS[st]))
                p.setPen(QPen(QColor("white"), 1))
                p.drawRect(rect)
                if w >= fm.horizontalAdvance(str(n)) + 4:
                    p.setPen(QColor(palette.STATUS_LABEL[st]))  # the one palette's label colour for each segment
                    p.drawText(rect, Qt.AlignCenter, str(n))
                x += w
            p.setPen(QColor("#222"))
            p.drawText(
                QRectF(x + 6, y, right_w, self.BAR_H),
                Qt.AlignLeft | Qt.AlignVCenter,
                strings.CHART_COMPLETION.format(percent=percent(g["completion"])),
            )
            y += self.BAR_H + self.GAP
        p.end()


class OverviewPage(QWidget):
    open_project = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        lay.addWidget(self.headline)
        self.chart = StatusChart()
        lay.addWidget(self.chart)
        split = QSplitter(Qt.Horizontal)
        self.tabs = QTabWidget()
        self.by_category = self._table(
            [h.format(label=strings.FILTER_CATEGORY) for h in strings.OVERVIEW_SUMMARY_HEADERS]
        )
        self.by_lead = self._table([h.format(label=strings.FILTER_LEAD) for h in strings.OVERVIEW_SUMMARY_HEADERS])
        for table in (self.by_category, self.by_lead):
            table.horizontalHeaderItem(strings.OVERVIEW_ONGOING_COLUMN).setToolTip(strings.OVERVIEW_ONGOING_COLUMN_TIP)
        self.tabs.addTab(self.by_category, strings.OVERVIEW_BY_CATEGORY)
        self.tabs.addTab(self.by_lead, strings.OVERVIEW_BY_LEAD)
        split.addWidget(self.tabs)
        lag_box = QWidget()
        lag_lay = QVBoxLayout(lag_box)
        lag_lay.setContentsMargins(0, 0, 0, 0)
        self.lagging_title = QLabel(strings.OVERVIEW_LAGGING)
        self.lagging_title.setObjectName("sectionTitle")
        self.lagging_title.setWordWrap(True)
        lag_lay.addWidget(self.lagging_title)
        self.lagging = self._table(strings.OVERVIEW_LAGGING_HEADERS)
        self.lagging.setToolTip(strings.TIP_LAGGING)
        self.lagging.cellDoubleClicked.connect(self._open_lagging)
        self.lagging.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.lagging.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        lag_lay.addWidget(self.lagging)
        split.addWidget(lag_box)
        split.setSizes([520, 520])
        lay.addWidget(split, 1)

    @staticmethod
    def _table(headers) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectRows)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        table.setAlternatingRowColors(True)
        return table

    def show_rows(self, rows: list[overview.ProjectRow], period_code: str) -> None:
        by_cat = overview.summary(rows, lambda r: r.category or strings.UNCATEGORISED)
        positions = {r.category or strings.UNCATEGORISED: r.category_position for r in rows}
        by_cat.sort(key=lambda g: positions.get(g["label"], 0))
        by_lead = sorted(overview.summary(rows, lambda r: r.lead_units), key=lambda g: g["label"])
        counts = overview.status_counts(rows)
        lag = overview.lagging(rows)
        period = parse_period(period_code)
        late = counts["red_not_started"]
        self.headline.setText(
            strings.OVERVIEW_HEADLINE.format(
                period=period.label,
                expected=percent(period.expected),
                total=len(rows),
                done=counts[status.DONE],
                on_track=counts[status.ON_TRACK],
                lagging=counts[status.LAGGING],
                red=counts["red_lagging"],
                not_started=counts[status.NOT_STARTED],
                no_task=counts[status.NO_TASK],
                not_started_red=strings.OVERVIEW_NOT_STARTED_RED.format(n=late) if late else "",
            )
            + (strings.OVERVIEW_ONGOING.format(n=counts[status.ONGOING]) if counts[status.ONGOING] else "")
        )
        self.chart.set_groups(by_cat)
        self.layout().activate()  # the chart's height depends on the number of categories
        for table in (self.by_category, self.by_lead):  # the column only where a plan has such projects
            # before sizing: a hidden column is not sized
            table.setColumnHidden(strings.OVERVIEW_ONGOING_COLUMN, not counts[status.ONGOING])
        self._fill_summary(self.by_category, by_cat)
        self._fill_summary(self.by_lead, by_lead)
        self._fill_lagging(lag)

    @staticmethod
    def _fill_summary(table: QTableWidget, groups: list[dict]) -> None:
        table.setRowCount(len(groups))
        for r, g in enumerate(groups):
            values = [
                g["label"],
                g["projects"],
                g[status.DONE],
                g[status.ON_TRACK],
                g[status.LAGGING],
                g[status.NOT_STARTED],
                g[status.NO_TASK],
                g[status.ONGOING],
                percent(g["completion"]),
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                if c:
                    item.setTextAlignment(Qt.AlignCenter)
                if c == 4 and g[status.LAGGING]:
                    item.setForeground(QColor(FOREGROUND[status.RED]))
                table.setItem(r, c, item)
        for c in range(1, table.columnCount()):
            table.resizeColumnToContents(c)

    def _fill_lagging(self, rows) -> None:
        table = self.lagging
        self.lagging_title.setText(
            strings.OVERVIEW_LAGGING
            if len(rows) <= MAX_LAGGING_SHOWN
            else strings.OVERVIEW_LAGGING_MANY.format(shown=MAX_LAGGING_SHOWN, total=len(rows))
        )
        rows = rows[:MAX_LAGGING_SHOWN]
        table.setRowCount(max(1, len(rows)))
        if not rows:
            table.setSpan(0, 0, 1, table.columnCount())
            table.setItem(0, 0, QTableWidgetItem(strings.OVERVIEW_NONE_LAGGING))
            return
        table.clearSpans()
        for r, row in enumerate(rows):
            a = row.assessment
            p = row.project
            values = [
                p["seq"],
                p.get("name") or p.get("content") or "",
                "、".join(row.lead_units),
                percent(a.completion),
                percent(status.judged_expected(a)),
                status_text(a),
            ]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.UserRole, row.id)
                if c == 1:
                    item.setToolTip(p.get("content") or "")
                if c == 2:
                    item.setToolTip(v)  # a long list of lead units is elided in its narrow column
                if c == 5:
                    item.setForeground(QColor(FOREGROUND[a.level]))
                    item.setIcon(dot_icon(a.level))
                table.setItem(r, c, item)
        for c in (2, 3, 4, 5):
            table.resizeColumnToContents(c)
        # the project name (stretched) must keep room: several lead units would otherwise push it to nothing
        table.setColumnWidth(2, min(table.columnWidth(2), MAX_LEAD_WIDTH))

    def _open_lagging(self, row: int, _col: int) -> None:
        item = self.lagging.item(row, 0)
        project_id = item.data(Qt.UserRole) if item else None
        if project_id:
            self.open_project.emit(project_id)
