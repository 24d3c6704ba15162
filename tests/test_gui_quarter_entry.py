"""Quarterly entry driven with the keyboard: typing, Tab/Enter, validation, undo/redo, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from msdesk import progress
from msdesk.store import open_store
from tests.gui_helpers import shot, type_text
from ui.main_window import TAB_ENTRY, MainWindow


def focused():
    return QApplication.focusWidget()


def type_into_focus(qtbot, text: str, key=Qt.Key_Return) -> None:
    widget = focused()
    assert widget is not None
    type_text(qtbot, widget, text)
    qtbot.keyClick(widget, key)


def open_by_search(qtbot, window, words: str) -> None:
    """Ctrl+F, type words, Enter to the table, Enter to open: the clerk's keyboard path."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    assert focused() is window.search
    type_text(qtbot, window.search, words)
    qtbot.keyClick(window.search, Qt.Key_Return)
    assert focused() is window.table
    qtbot.keyClick(window.table, Qt.Key_Return)
    assert window.tabs.currentIndex() == TAB_ENTRY


def stored(path, ids, seq="7", period="2023Q3"):
    with open_store(path) as s:
        row = progress.progress_row(s, ids["indicators"][(seq, 0)], period)
        report = progress.report(s, ids["projects"][seq], period) or {}
        return (row or {}).get("actual"), report


def test_keyboard_entry_saves_each_field_and_survives_reopen(qtbot, window, gui_file):
    path, ids = gui_file
    window.set_period("2023Q3")
    open_by_search(qtbot, window, "残疾人康复")
    entry = window.entry
    actual = entry.editor("actual", ids["indicators"][("7", 0)])
    assert focused() is actual
    type_into_focus(qtbot, "300")  # 本期累计, Enter moves on
    assert focused() is entry.editor("report", "progress_note")
    type_into_focus(qtbot, "已为300名残疾人提供康复救助")  # 进展情况, Enter moves on
    type_into_focus(qtbot, "部分乡镇进度偏慢", Qt.Key_Tab)  # 存在问题, Tab moves on
    type_into_focus(qtbot, "第四季度完成剩余任务")  # 下一步计划
    assert focused() is entry.editor("report", "funds_planned")
    type_into_focus(qtbot, "55.5", Qt.Key_Tab)
    type_into_focus(qtbot, "40", Qt.Key_Tab)
    type_into_focus(qtbot, "12.25", Qt.Key_Tab)

    value, report = stored(path, ids)
    assert value == 300
    assert report["progress_note"] == "已为300名残疾人提供康复救助"
    assert report["problems"] == "部分乡镇进度偏慢"
    assert report["next_steps"] == "第四季度完成剩余任务"
    assert (report["funds_planned"], report["funds_received"], report["funds_spent"]) == (55.5, 40, 12.25)
    # the completion shown is the core's: 300 / 559
    assert "53.7%" in entry.status_label.text()
    assert window.save_label.text().startswith("已保存")
    shot(window, "quarter_entry")

    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    again.open_path(path)
    qtbot.waitUntil(lambda: again.store is not None, timeout=10000)
    again.set_period("2023Q3")
    again.open_project(ids["projects"]["7"], TAB_ENTRY)
    assert again.entry.editor("actual", ids["indicators"][("7", 0)]).text() == "300"
    assert again.entry.editor("report", "problems").text() == "部分乡镇进度偏慢"
    assert again.entry.editor("report", "funds_spent").text() == "12.25"
    again.close_store()


def test_undo_and_redo_across_fields(qtbot, window, gui_file):
    path, ids = gui_file
    window.set_period("2023Q3")
    open_by_search(qtbot, window, "残疾人康复")
    type_into_focus(qtbot, "300")
    type_into_focus(qtbot, "进展顺利")
    undo = window.actions_["undo"]
    assert undo.text() == "撤销“修改第7项 进展情况”"
    qtbot.keyClick(focused(), Qt.Key_Z, Qt.ControlModifier)  # fresh field: Ctrl+Z undoes the saved edit
    assert stored(path, ids)[1].get("progress_note") is None
    assert window.entry.editor("report", "progress_note").text() == ""
    assert undo.text() == "撤销“修改第7项 累计完成”"
    undo.trigger()
    assert stored(path, ids)[0] is None
    assert window.entry.editor("actual", ids["indicators"][("7", 0)]).text() == ""
    assert window.actions_["redo"].text() == "重做“修改第7项 累计完成”"
    window.actions_["redo"].trigger()
    qtbot.keyClick(focused(), Qt.Key_Y, Qt.ControlModifier)
    value, report = stored(path, ids)
    assert (value, report["progress_note"]) == (300, "进展顺利")
    assert window.entry.editor("actual", ids["indicators"][("7", 0)]).text() == "300"


def test_undo_shows_the_project_and_period_it_changes(qtbot, window, gui_file):
    """Type 300 for 第7项 in 第3季度, move to 第14项 in 第4季度, press Ctrl+Z: the window goes
    back to 第7项 / 第3季度 so the clerk sees the figure return to empty."""
    path, ids = gui_file
    window.set_period("2023Q3")
    open_by_search(qtbot, window, "残疾人康复")
    type_into_focus(qtbot, "300")
    window.set_period("2023Q4")
    window.open_project(ids["projects"]["14"], TAB_ENTRY)
    qtbot.keyClick(focused(), Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            window.current_project_id == ids["projects"]["7"]
            and window.entry.row is not None
            and window.entry.row.id == ids["projects"]["7"]
        ),
        timeout=10000,
    )
    assert window.period == "2023Q3" and window.period_box.currentText() == "2023年第3季度"
    assert window.entry.editor("actual", ids["indicators"][("7", 0)]).text() == ""
    assert window.statusBar().currentMessage() == "已撤销：修改第7项 累计完成"
    assert stored(path, ids)[0] is None
    window.open_project(ids["projects"]["14"], TAB_ENTRY)
    window.actions_["redo"].trigger()
    assert window.current_project_id == ids["projects"]["7"] and window.tabs.currentIndex() == TAB_ENTRY
    assert window.entry.editor("actual", ids["indicators"][("7", 0)]).text() == "300"
    assert window.statusBar().currentMessage() == "已重做：修改第7项 累计完成"


def test_invalid_figures_are_refused_with_a_message_and_kept_in_the_field(qtbot, window, gui_file):
    path, ids = gui_file
    window.set_period("2023Q3")
    open_by_search(qtbot, window, "残疾人康复")
    iid = ids["indicators"][("7", 0)]
    actual = window.entry.editor("actual", iid)
    cases = [("abc", "不是数字"), ("-5", "不能为负数"), ("150", "小于上期已报的 200"), ("5000", "倍")]
    for text, words in cases:
        actual.selectAll()
        qtbot.keyClicks(actual, text)
        qtbot.keyClick(actual, Qt.Key_Return)
        message = window.entry.message("actual", iid)
        assert words in message, (text, message)
        assert window.entry._fields[("actual", iid)][1].isVisible()
        assert actual.property("invalid") is True
        assert stored(path, ids)[0] is None  # nothing invalid written
    shot(window, "quarter_entry_invalid")
    # a valid edit elsewhere refreshes the screen but keeps the refused text for fixing
    note = window.entry.editor("report", "progress_note")
    type_text(qtbot, note, "已开展")
    qtbot.keyClick(note, Qt.Key_Return)
    assert actual.text() == "5000"
    assert "倍" in window.entry.message("actual", iid)
    actual.selectAll()
    qtbot.keyClicks(actual, "420")
    qtbot.keyClick(actual, Qt.Key_Return)
    assert window.entry.message("actual", iid) == ""
    assert actual.property("invalid") is False
    assert stored(path, ids)[0] == 420


def test_next_project_by_shortcut_and_by_enter_on_last_field(qtbot, window, gui_file):
    _path, ids = gui_file
    window.set_period("2023Q3")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_project(ids["projects"]["1"], TAB_ENTRY)
    qtbot.keyClick(focused(), Qt.Key_PageDown, Qt.ControlModifier)
    assert window.current_project_id == ids["projects"]["3"]
    assert focused() is window.entry.editor("actual", ids["indicators"][("3", 0)])
    assert "第 2 / 8 个项目" in window.entry.position_label.text()
    # Enter through every field of project 3: two figures, three notes, three funds -> project 5
    for _ in range(8):
        qtbot.keyClick(focused(), Qt.Key_Return)
    assert window.current_project_id == ids["projects"]["5"]
    qtbot.keyClick(focused(), Qt.Key_PageUp, Qt.ControlModifier)
    assert window.current_project_id == ids["projects"]["3"]
    window.entry.editor("report", "problems").setFocus()  # also from inside a note
    qtbot.keyClick(focused(), Qt.Key_PageDown, Qt.ControlModifier)
    assert window.current_project_id == ids["projects"]["5"]


def test_qualitative_indicator_done_box(qtbot, window, gui_file):
    path, ids = gui_file
    window.set_period("2023Q3")
    window.open_project(ids["projects"]["6"], TAB_ENTRY)
    iid = ids["indicators"][("6", 1)]
    text = window.entry.editor("text", iid)
    type_text(qtbot, text, "已应保尽保")
    qtbot.keyClick(text, Qt.Key_Return)
    box = window.entry.editor("done", iid)
    qtbot.keyClick(box, Qt.Key_Space)
    with open_store(path) as s:
        row = progress.progress_row(s, iid, "2023Q3")
    assert (row["actual_text"], row["done"]) == ("已应保尽保", 1)
    window.actions_["undo"].trigger()
    assert not box.isChecked()


def test_closing_the_window_keeps_the_field_being_typed(qtbot, window, gui_file):
    path, ids = gui_file
    window.set_period("2023Q3")
    open_by_search(qtbot, window, "残疾人康复")
    qtbot.keyClicks(focused(), "321")  # no Enter, no Tab: the clerk just closes the window
    window.close()
    assert stored(path, ids)[0] == 321


def test_editing_a_submitted_period_asks_first(qtbot, window, gui_file):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from msdesk import submissions

    path, ids = gui_file
    with window.store.transaction():
        submissions.mark_submitted(window.store, "2023Q3", 1)
    window.set_period("2023Q3")
    open_by_search(qtbot, window, "残疾人康复")
    iid = ids["indicators"][("7", 0)]
    asked = []

    def answer(button):
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(50, lambda: answer(QMessageBox.No))
    type_into_focus(qtbot, "300")
    assert "已于" in asked[0] and "报送" in asked[0]
    assert "未保存" in window.entry.message("actual", iid)
    assert stored(path, ids)[0] is None
    editor = window.entry.editor("actual", iid)
    editor.setFocus()
    QTimer.singleShot(50, lambda: answer(QMessageBox.Yes))
    qtbot.keyClick(editor, Qt.Key_Return)
    assert stored(path, ids)[0] == 300
    assert submissions.is_changed(window.store, "2023Q3")


def test_clicking_the_entry_tab_shows_the_project_selected_in_the_list(qtbot, window, gui_file):
    """Select a row with the mouse, click 季度填报 (or 项目信息): that project is shown, not a placeholder."""
    from ui.main_window import TAB_DETAIL

    _path, ids = gui_file
    bar = window.tabs.tabBar()
    for seq in ("7", "14"):
        row = window.model.row_of(ids["projects"][seq])
        qtbot.mouseClick(
            window.table.viewport(), Qt.LeftButton, pos=window.table.visualRect(window.model.index(row, 2)).center()
        )
        qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(TAB_ENTRY).center())
        assert window.tabs.currentIndex() == TAB_ENTRY
        assert window.entry.title.text().startswith(f"第{seq}项"), window.entry.title.text()
        assert window.entry.first_editor() is not None
        qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(TAB_DETAIL).center())
        assert window.detail.editor("seq").text() == seq
        qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(0).center())
