"""新建计划 can start from last year: the dialog's choice, then the core copies the plan."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from msdesk import plans
from ui.new_plan_dialog import NewPlanDialog


def test_new_plan_from_last_year(qtbot, store, small_plan, tmp_path):
    dialog = NewPlanDialog(plans.plans(store), 2024)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.copy.isChecked() and dialog.name.text() == "烈山区2024年实施50项民生实事"
    dialog.year.setValue(2025)
    assert dialog.name.text() == "烈山区2025年实施50项民生实事"
    dialog.grab().save(str(tmp_path / "new_plan.png"))
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    choice = dialog.choice()
    assert (choice.year, choice.source_plan_id) == (2025, small_plan["plan"])
    new = plans.copy_plan(store, choice.source_plan_id, choice.year, choice.title)
    assert store.get("plans", new)["title"] == "烈山区2025年实施50项民生实事"
    assert len(plans.projects(store, new)) == 4


def test_empty_plan_and_typed_name(qtbot, store, small_plan):
    dialog = NewPlanDialog(plans.plans(store), 2024)
    qtbot.addWidget(dialog)
    dialog.copy.setChecked(False)
    assert dialog.name.text() == "2024年民生实事项目" and not dialog.source.isEnabled()
    dialog.name.end(False)
    qtbot.keyClicks(dialog.name, "-B")  # QTest types ASCII only
    dialog.year.setValue(2026)  # a typed name is kept
    assert dialog.name.text() == "2024年民生实事项目-B"
    dialog.name.clear()
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.message.text() == "请填写计划名称。" and not dialog.result()
    dialog.name.setText("空白计划")
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.choice().source_plan_id is None and dialog.result()


def test_first_plan_has_nothing_to_copy(qtbot):
    dialog = NewPlanDialog([], 2024)
    qtbot.addWidget(dialog)
    assert not dialog.copy.isChecked() and not dialog.copy.isEnabled()
    assert dialog.choice().source_plan_id is None
