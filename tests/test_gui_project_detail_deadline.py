"""项目信息 shows and edits 完成时限, for the project and for each indicator (sub-task); undo
restores it like any other field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from msdesk import overview, plans
from msdesk.store import open_store
from tests.gui_helpers import shot, type_text
from ui.project_detail import IND_DEADLINE, IND_NAME, ProjectDetail
from ui.undo import UndoStack


@pytest.fixture
def detail(qtbot, app_style, gui_file):
    path, ids = gui_file
    store = open_store(path)
    stack = UndoStack()
    pane = ProjectDetail()
    qtbot.addWidget(pane)
    pane.set_context(store, stack)
    stack.indexChanged.connect(lambda _i: pane.refresh())  # as the main window redraws after each step
    pane.resize(900, 760)
    pane.show()
    pane.show_project(ids["projects"]["7"])
    yield pane, store, stack, ids
    stack.indexChanged.disconnect()
    store.close()


def stored(store, pid):
    return store.get("projects", pid)


def test_project_deadline_is_saved_read_as_a_date_and_undone(qtbot, detail):
    pane, store, stack, ids = detail
    pid = ids["projects"]["7"]
    field = pane.editor("deadline")
    assert field.text() == "" and pane.due_label.text() == ""
    field.setFocus()
    type_text(qtbot, field, "6月30日前")
    qtbot.keyClick(field, Qt.Key_Return)
    assert (stored(store, pid)["deadline"], stored(store, pid)["due_date"]) == ("6月30日前", "2023-06-30")
    assert pane.due_label.text() == "即 2023年6月30日前：序时进度按此日期计算"
    assert stack.undoText() == "修改第7项 完成时限"
    # the status is now measured against 30 June: everything expected at the end of Q2
    row = overview.project_rows(store, stored(store, pid)["plan_id"], "2023Q2", project_ids=[pid])[0]
    assert row.assessment.expected == 1.0
    shot(pane, "project_detail_deadline")
    stack.undo()
    assert (stored(store, pid)["deadline"], stored(store, pid)["due_date"]) == (None, None)
    assert field.text() == "" and pane.due_label.text() == ""
    stack.redo()
    assert field.text() == "6月30日前"


def test_an_unreadable_deadline_is_kept_and_said_so(qtbot, detail):
    pane, store, _stack, ids = detail
    field = pane.editor("deadline")
    field.setFocus()
    type_text(qtbot, field, "长期坚持")
    qtbot.keyClick(field, Qt.Key_Return)
    assert stored(store, ids["projects"]["7"])["deadline"] == "长期坚持"
    assert pane.due_label.text() == "未能识别出日期：序时进度按全年计算"


def test_indicator_deadline_is_edited_in_its_column_and_undone(qtbot, detail):
    pane, store, stack, ids = detail
    pid = ids["projects"]["7"]
    table = pane.indicators
    assert table.horizontalHeaderItem(IND_DEADLINE).text() == "完成时限"
    ind = plans.indicators(store, pid)[0]
    item = table.item(0, IND_DEADLINE)
    assert table.item(0, IND_NAME).text() == ind["name"] and item.text() == ""
    item.setText("三季度末")
    assert store.get("indicators", ind["id"])["due_date"] == "2023-09-30"
    assert table.item(0, IND_DEADLINE).text() == "三季度末"
    assert "2023年9月30日" in table.item(0, IND_DEADLINE).toolTip()
    assert stack.undoText() == f"修改第7项 完成时限（{ind['name']}）"
    stack.undo()
    assert store.get("indicators", ind["id"])["deadline"] is None
    assert table.item(0, IND_DEADLINE).text() == ""
