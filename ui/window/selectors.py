"""计划 and 报告期: the two boxes above the tabs, and switching what the window shows."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from msdesk import recent
from msdesk.formatting import percent
from msdesk.periods import parse_period

from .. import strings


class Selectors:
    """A part of MainWindow (ui/main_window.py); uses its widgets and session."""

    def _build_selectors(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(strings.PLAN))
        self.plan_box = QComboBox()
        self.plan_box.setMinimumWidth(360)
        self.plan_box.setToolTip(strings.TIP_PLAN)
        self.plan_box.activated.connect(self._plan_chosen)
        row.addWidget(self.plan_box)
        row.addSpacing(16)
        row.addWidget(QLabel(strings.PERIOD))
        self.period_box = QComboBox()
        self.period_box.setMinimumWidth(200)
        self.period_box.setToolTip(strings.TIP_PERIOD)
        self.period_box.activated.connect(self._period_chosen)
        row.addWidget(self.period_box)
        self.expected_label = QLabel()
        self.expected_label.setObjectName("expected")
        row.addWidget(self.expected_label)
        row.addStretch(1)
        return row

    def _fill_plan_box(self) -> None:
        self.plan_box.clear()
        if self.store is None:
            return
        from msdesk import plans

        for plan in plans.plans(self.store):
            self.plan_box.addItem(strings.PLAN_ITEM.format(year=plan["year"], title=plan["title"]), plan["id"])
        self.plan_box.setCurrentIndex(max(0, self.plan_box.findData(self.plan_id)))

    def _fill_period_box(self) -> None:
        self.period_box.clear()
        if self.store is None:
            return
        periods = self.session.periods()
        for p in periods:
            self.period_box.addItem(p.label, p.code)
        index = self.period_box.findData(self.period)
        if index < 0:
            self.period = periods[0].code
            index = 0
        self.period_box.setCurrentIndex(index)
        self.expected_label.setText(
            strings.EXPECTED.format(percent=percent(parse_period(self.period).expected, digits=0))
        )

    def _plan_chosen(self, _index) -> None:
        plan_id = self.plan_box.currentData()
        if plan_id and plan_id != self.plan_id:
            if not self.may_leave_editors():
                with QSignalBlocker(self.plan_box):
                    self.plan_box.setCurrentIndex(self.plan_box.findData(self.plan_id))
                return
            self.plan_id = plan_id
            self.current_project_id = None
            self._fill_period_box()
            self.period = self.session.default_period()
            self.reload()

    def _period_chosen(self, _index) -> None:
        self.set_period(self.period_box.currentData())

    def set_period(self, code: str) -> None:
        """Show another 报告期 (chosen in the box, or after an import); remembered for next time."""
        if code and code != self.period and self.may_leave_editors():
            self.period = parse_period(code).code
            self._rebuild_entry = True  # its grid shows the period: build it again with the new rows
            if self.store is not None:
                recent.remember_period(self.store.path, self.period)
            self.reload()
        with QSignalBlocker(self.period_box):  # the box always says which period is shown
            self.period_box.setCurrentIndex(self.period_box.findData(self.period))
