"""新建计划: the year, the name, and optionally an earlier plan to start from (its categories,
projects, lead units, measures and indicators are copied by msdesk.plans.copy_plan, without
figures). The dialog only collects the choice; the caller makes the plan."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox

from msdesk.plans import copy_title

TITLE = "新建计划"
DEFAULT_NAME = "{year}年民生实事项目"
COPY_LABEL = "从以前的计划复制类别、项目、牵头单位和指标（不带完成数）"
EMPTY_NAME = "请填写计划名称。"


@dataclass
class NewPlan:
    year: int
    title: str
    source_plan_id: str | None  # copy from this plan, or None for an empty plan


class NewPlanDialog(QDialog):
    def __init__(self, earlier_plans: list[dict], year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self._plans = sorted(earlier_plans, key=lambda p: -p["year"])
        self._name_edited = False
        form = QFormLayout(self)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        form.addRow("年度：", self.year)
        self.copy = QCheckBox(COPY_LABEL)
        self.source = QComboBox()
        for plan in self._plans:
            self.source.addItem(f"{plan['year']}年　{plan['title']}", plan["id"])
        self.copy.setChecked(bool(self._plans))
        self.copy.setEnabled(bool(self._plans))
        self.source.setEnabled(bool(self._plans))
        form.addRow(self.copy)
        form.addRow("复制自：", self.source)
        self.name = QLineEdit()
        form.addRow("计划名称：", self.name)
        self.message = QLabel()
        self.message.setObjectName("fieldMessage")
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText("新建")
        self.buttons.button(QDialogButtonBox.Cancel).setText("取消")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.textEdited.connect(lambda _t: setattr(self, "_name_edited", True))
        for signal in (self.year.valueChanged, self.copy.toggled, self.source.currentIndexChanged):
            signal.connect(self._suggest_name)
        self.copy.toggled.connect(self.source.setEnabled)
        self._suggest_name()
        self.resize(560, self.sizeHint().height())

    def _source(self) -> dict | None:
        if not self.copy.isChecked() or self.source.currentIndex() < 0:
            return None
        return self._plans[self.source.currentIndex()]

    def _suggest_name(self, *_args) -> None:
        """The name follows the year and the source until the clerk types one."""
        if self._name_edited:
            return
        source = self._source()
        year = self.year.value()
        self.name.setText(copy_title(source, year) if source else DEFAULT_NAME.format(year=year))

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.message.setText(EMPTY_NAME)
            self.name.setFocus()
            return
        self.accept()

    def choice(self) -> NewPlan:
        source = self._source()
        return NewPlan(self.year.value(), self.name.text().strip(), source["id"] if source else None)
