"""Named edits and the plain-Python undo history on their own, no Qt: push, assert, undo, assert,
redo (orange-canvas-core style)."""

from __future__ import annotations

import pytest

from msdesk import edits, offices, plans, progress
from msdesk.errors import ValidationError
from msdesk.history import History
from tests.sample_plan import build_sample


@pytest.fixture
def sample(store):
    return store, build_sample(store), History()


def test_set_actual_push_undo_redo(sample):
    store, ids, stack = sample
    iid = ids["indicators"][("7", 0)]
    assert stack.push(edits.SetActual(store, iid, "2023Q3", "300", "修改第7项 累计完成"))
    assert progress.progress_row(store, iid, "2023Q3")["actual"] == 300
    stack.undo()
    assert progress.progress_row(store, iid, "2023Q3")["actual"] is None
    stack.redo()
    assert progress.progress_row(store, iid, "2023Q3")["actual"] == 300
    assert stack.undo_text() == "修改第7项 累计完成"


def test_refused_value_writes_nothing_and_is_not_pushed(sample):
    store, ids, stack = sample
    iid = ids["indicators"][("7", 0)]
    audit_before = store.query("SELECT count(*) n FROM audit_log")[0]["n"]
    with pytest.raises(ValidationError, match="小于上期"):
        stack.push(edits.SetActual(store, iid, "2023Q3", "150", "x"))
    assert len(stack.edits) == 0
    assert store.query("SELECT count(*) n FROM audit_log")[0]["n"] == audit_before


def test_same_value_is_not_an_undo_step(sample):
    store, ids, stack = sample
    iid = ids["indicators"][("7", 0)]
    assert not stack.push(edits.SetActual(store, iid, "2023Q2", "200", "x"))
    assert len(stack.edits) == 0


def test_undo_of_an_earlier_figure_is_not_blocked_by_later_periods(sample):
    store, ids, stack = sample
    iid = ids["indicators"][("7", 0)]
    stack.push(edits.SetActual(store, iid, "2023Q2", "250", "Q2"))
    stack.push(edits.SetActual(store, iid, "2023Q3", "260", "Q3"))
    stack.undo()
    stack.undo()
    assert progress.progress_row(store, iid, "2023Q2")["actual"] == 200
    assert stack.edits[0].error is None


def test_report_fields_units_and_project_fields(sample):
    store, ids, stack = sample
    pid = ids["projects"]["7"]
    stack.push(edits.SetReportField(store, pid, "2023Q3", "funds_spent", "１２.５", "资金"))
    stack.push(edits.SetUnits(store, pid, "lead", ["区残联", "区民政局"], "单位"))
    stack.push(edits.UpdateRow(store, "projects", pid, {"remarks": "重点"}, "备注"))
    assert progress.report(store, pid, "2023Q3")["funds_spent"] == 12.5
    assert plans.units(store, pid) == ["区残联", "区民政局"]
    assert store.get("projects", pid)["remarks"] == "重点"
    for _ in range(3):
        stack.undo()
    assert progress.report(store, pid, "2023Q3")["funds_spent"] is None
    assert plans.units(store, pid) == ["区残联"]
    assert store.get("projects", pid)["remarks"] is None


def test_office_edit_on_an_empty_file(store):
    stack = History()
    cmd = edits.SetOffice(
        store,
        dict(name="古饶镇", level="township", head=None, preparer=None, phone=None, reports_monthly=0),
        "烈山区",
        "单位设置",
    )
    stack.push(cmd)
    me = offices.self_office(store)
    assert me["name"] == "古饶镇" and store.get("offices", me["parent_id"])["level"] == "district"
    stack.undo()
    assert offices.self_office(store) is None
    stack.redo()
    assert offices.self_office(store)["name"] == "古饶镇"


def test_delete_and_add_are_core_edits(sample):
    store, ids, stack = sample
    pid = ids["projects"]["7"]
    stack.push(edits.Delete(store, "project", pid, "删除第7项"))
    assert store.get("projects", pid) is None
    stack.undo()
    assert store.get("projects", pid)["seq"] == "7"
    add = edits.add_project(store, ids["plan"], "新增项目", None, "新增项目")
    stack.push(add)
    assert store.get("projects", add.row_id)["content"] == "新增项目"
    stack.undo()
    assert store.get("projects", add.row_id) is None and stack.can_redo()
    assert stack.redo_text() == "新增项目"


def test_history_tells_listeners_and_a_new_edit_drops_the_redo_tail(sample):
    store, ids, stack = sample
    heard = []
    stack.listeners.append(lambda done: heard.append([e.text() for e in done]))
    iid = ids["indicators"][("7", 0)]
    stack.push(edits.SetActual(store, iid, "2023Q3", "300", "a"))
    stack.undo()
    stack.push(edits.SetActual(store, iid, "2023Q3", "310", "b"))
    assert heard == [["a"], ["a"], ["b"]]
    assert [e.text() for e in stack.edits] == ["b"] and not stack.can_redo()
