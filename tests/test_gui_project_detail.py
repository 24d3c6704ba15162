"""Project detail: fields, units, measures and indicators edited in place, validated, undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from msdesk import plans
from msdesk.store import open_store
from tests.gui_helpers import shot, type_text
from ui.main_window import TAB_DETAIL
from ui.project_detail import IND_NAME, IND_TARGET


def project(path, pid):
    with open_store(path) as s:
        return s.get("projects", pid), plans.units(s, pid, "lead"), plans.indicators(s, pid), plans.measures(s, pid)


def test_edit_fields_and_units_then_undo(qtbot, window, gui_file):
    path, ids = gui_file
    pid = ids["projects"]["7"]
    window.open_project(pid, TAB_DETAIL)
    detail = window.detail
    name = detail.editor("name")
    type_text(qtbot, name, "残疾人康复工程")
    qtbot.keyClick(name, Qt.Key_Return)
    leads = detail.editor("lead_units")
    leads.selectAll()
    type_text(qtbot, leads, "区残联、区卫生健康委员会")
    qtbot.keyClick(leads, Qt.Key_Return)
    row, units, _inds, _m = project(path, pid)
    assert row["name"] == "残疾人康复工程"
    assert units == ["区残联", "区卫生健康委员会"]
    # the list shows the new name and units at once
    n = window.model.row_of(pid)
    assert window.model.data(window.model.index(n, 2)).startswith("残疾人康复工程：")
    assert window.model.data(window.model.index(n, 3)) == "区残联、区卫生健康委员会"
    assert window.actions_["undo"].text() == "撤销“修改第7项 牵头单位”"
    window.actions_["undo"].trigger()
    assert project(path, pid)[1] == ["区残联"]
    assert leads.text() == "区残联"
    shot(window, "project_detail")


def empty_seq(qtbot, window, pid):
    """项目信息 of a project: select the 序号, Delete, Enter. Returns the field."""
    window.open_project(pid, TAB_DETAIL)
    seq = window.detail.editor("seq")
    seq.selectAll()
    qtbot.keyClick(seq, Qt.Key_Delete)
    qtbot.keyClick(seq, Qt.Key_Return)
    return seq


def test_empty_seq_is_refused_with_a_message(qtbot, window, gui_file):
    path, ids = gui_file
    pid = ids["projects"]["7"]
    empty_seq(qtbot, window, pid)
    assert "序号不能为空" in window.detail.message("seq")
    assert project(path, pid)[0]["seq"] == "7"
    assert not window.undo_stack.canUndo()


def test_refused_detail_field_is_kept_or_given_up_never_dropped(qtbot, window, gui_file):
    """下一个项目 (Ctrl+PgDn) with an emptied 序号: the clerk is asked; 返回修改 keeps the field,
    Esc restores it."""
    from tests.test_gui_clerk_quarter import answer_held_value

    path, ids = gui_file
    pid = ids["projects"]["7"]
    seq = empty_seq(qtbot, window, pid)
    seen = []
    answer_held_value("返回修改", seen)
    window.actions_["next_project"].trigger()
    assert "“序号”中填写的“（空）”没有保存" in seen[0] and "序号不能为空" in seen[0]
    assert window.current_project_id == pid and window.tabs.currentIndex() == TAB_DETAIL and seq.text() == ""
    seq.setFocus()
    qtbot.keyClick(seq, Qt.Key_Escape)
    assert seq.text() == "7" and window.detail.message("seq") == ""
    window.actions_["next_project"].trigger()  # nothing held: no question, on to the next project
    assert len(seen) == 1 and window.current_project_id != pid
    assert project(path, pid)[0]["seq"] == "7"


def test_indicator_target_edit_and_invalid_target(qtbot, window, gui_file):
    path, ids = gui_file
    pid = ids["projects"]["7"]
    window.open_project(pid, TAB_DETAIL)
    table = window.detail.indicators
    table.item(0, IND_TARGET).setText("600")
    assert project(path, pid)[2][0]["target"] == 600
    # completion everywhere follows the new target: 200 / 600 in 2023Q2
    n = window.model.row_of(pid)
    assert window.model.data(window.model.index(n, 5)) == "33.3%"
    table.item(0, IND_TARGET).setText("很多")
    assert "不是数字" in window.detail.indicator_msg.text()
    assert project(path, pid)[2][0]["target"] == 600
    assert table.item(0, IND_TARGET).text() == "600"
    window.actions_["undo"].trigger()
    assert project(path, pid)[2][0]["target"] == 559


def test_add_measure_and_indicator_undo_redo(qtbot, window, gui_file):
    path, ids = gui_file
    pid = ids["projects"]["9"]
    window.open_project(pid, TAB_DETAIL)
    window.detail._add_measure()
    window.detail.measures.item(0, 1).setText("摸底建立改造台账")
    assert [m["text"] for m in project(path, pid)[3]] == ["摸底建立改造台账"]
    window.detail._add_indicator()
    window.detail.indicators.item(1, IND_NAME).setText("改造验收")
    assert [i["name"] for i in project(path, pid)[2]] == ["无障碍改造", "改造验收"]
    window.actions_["undo"].trigger()  # name
    window.actions_["undo"].trigger()  # the indicator itself
    assert [i["name"] for i in project(path, pid)[2]] == ["无障碍改造"]
    assert window.detail.indicators.rowCount() == 1
    window.actions_["redo"].trigger()
    assert [i["name"] for i in project(path, pid)[2]] == ["无障碍改造", "新指标"]


def test_indicator_kind_and_comparator_are_chosen_from_lists(qtbot, window, gui_file):
    path, ids = gui_file
    pid = ids["projects"]["7"]
    window.open_project(pid, TAB_DETAIL)
    table = window.detail.indicators
    from ui.project_detail import IND_COMP

    table.setCurrentCell(0, IND_COMP)
    table.editItem(table.item(0, IND_COMP))
    combo = table.findChild(type(window.plan_box))
    assert [combo.itemText(i) for i in range(combo.count())] == ["不少于", "不超过", "达到", "左右"]
    combo.setCurrentIndex(combo.findData("~"))
    qtbot.keyClick(combo, Qt.Key_Return)  # the delegate commits on the next event-loop turn
    qtbot.waitUntil(lambda: project(path, pid)[2][0]["comparator"] == "~")
    assert table.item(0, IND_COMP).text() == "左右"
    shot(window, "project_detail_indicators")


def test_next_project_keeps_the_detail_field_being_typed(qtbot, window, gui_file):
    path, ids = gui_file
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_project(ids["projects"]["7"], TAB_DETAIL)
    remarks = window.detail.editor("remarks")
    remarks.setFocus()
    type_text(qtbot, remarks, "省级重点")
    qtbot.keyClick(remarks, Qt.Key_PageDown, Qt.ControlModifier)
    assert window.current_project_id == ids["projects"]["9"]
    assert project(path, ids["projects"]["7"])[0]["remarks"] == "省级重点"
    assert window.detail.editor("remarks").text() == ""


def test_ctrl_z_in_a_fresh_detail_field_undoes_the_saved_edit(qtbot, window, gui_file):
    path, ids = gui_file
    pid = ids["projects"]["7"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_project(pid, TAB_DETAIL)
    remarks = window.detail.editor("remarks")
    remarks.setFocus()
    type_text(qtbot, remarks, "重点")
    qtbot.keyClick(remarks, Qt.Key_Return)
    assert project(path, pid)[0]["remarks"] == "重点"
    name = window.detail.editor("name")
    name.setFocus()
    qtbot.keyClick(name, Qt.Key_Z, Qt.ControlModifier)
    assert project(path, pid)[0]["remarks"] is None
