"""Undo commands on their own: push, assert, undo, assert, redo (orange-canvas-core style)."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from msdesk import offices, plans, progress
from msdesk.errors import ValidationError
from tests.gui_helpers import build_sample
from ui import commands


@pytest.fixture
def sample(store, qapp):
    return store, build_sample(store), QUndoStack()


def test_set_actual_push_undo_redo(sample):
    store, ids, stack = sample
    iid = ids["indicators"][("7", 0)]
    assert commands.push(stack, commands.SetActual(store, iid, "2023Q3", "300", "修改第7项 累计完成"))
    assert progress.progress_row(store, iid, "2023Q3")["actual"] == 300
    stack.undo()
    assert progress.progress_row(store, iid, "2023Q3")["actual"] is None
    stack.redo()
    assert progress.progress_row(store, iid, "2023Q3")["actual"] == 300
    assert stack.undoText() == "修改第7项 累计完成"


def test_refused_value_writes_nothing_and_is_not_pushed(sample):
    store, ids, stack = sample
    iid = ids["indicators"][("7", 0)]
    audit_before = store.query("SELECT count(*) n FROM audit_log")[0]["n"]
    with pytest.raises(ValidationError, match="小于上期"):
        commands.push(stack, commands.SetActual(store, iid, "2023Q3", "150", "x"))
    assert stack.count() == 0
    assert store.query("SELECT count(*) n FROM audit_log")[0]["n"] == audit_before


def test_same_value_is_not_an_undo_step(sample):
    store, ids, stack = sample
    iid = ids["indicators"][("7", 0)]
    assert not commands.push(stack, commands.SetActual(store, iid, "2023Q2", "200", "x"))
    assert stack.count() == 0


def test_undo_of_an_earlier_figure_is_not_blocked_by_later_periods(sample):
    store, ids, stack = sample
    iid = ids["indicators"][("7", 0)]
    commands.push(stack, commands.SetActual(store, iid, "2023Q2", "250", "Q2"))
    commands.push(stack, commands.SetActual(store, iid, "2023Q3", "260", "Q3"))
    stack.undo()
    stack.undo()
    assert progress.progress_row(store, iid, "2023Q2")["actual"] == 200
    assert stack.command(0).error is None


def test_report_fields_units_and_project_fields(sample):
    store, ids, stack = sample
    pid = ids["projects"]["7"]
    commands.push(stack, commands.SetReportField(store, pid, "2023Q3", "funds_spent", "１２.５", "资金"))
    commands.push(stack, commands.SetUnits(store, pid, "lead", ["区残联", "区民政局"], "单位"))
    commands.push(stack, commands.UpdateRow(store, "projects", pid, {"remarks": "重点"}, "备注"))
    assert progress.report(store, pid, "2023Q3")["funds_spent"] == 12.5
    assert plans.units(store, pid) == ["区残联", "区民政局"]
    assert store.get("projects", pid)["remarks"] == "重点"
    for _ in range(3):
        stack.undo()
    assert progress.report(store, pid, "2023Q3")["funds_spent"] is None
    assert plans.units(store, pid) == ["区残联"]
    assert store.get("projects", pid)["remarks"] is None


def test_office_command_on_an_empty_file(store, qapp):
    stack = QUndoStack()
    cmd = commands.SetOffice(store, dict(name="古饶镇", level="township", head=None, preparer=None, phone=None,
                                         reports_monthly=0), "烈山区", "单位设置")
    commands.push(stack, cmd)
    me = offices.self_office(store)
    assert me["name"] == "古饶镇" and store.get("offices", me["parent_id"])["level"] == "district"
    stack.undo()
    assert offices.self_office(store) is None
    stack.redo()
    assert offices.self_office(store)["name"] == "古饶镇"
