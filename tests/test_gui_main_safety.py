"""Issue 12 in the main window: a read-only ledger says so and saves nothing (never 已保存), a
write lock held by another program fails after a short wait with a Chinese message and the
typed value stays, a change made by another program is noticed, and deleting an indicator or a
measure asks first and can be undone."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from msdesk import edits, errors, plans, progress
from msdesk.store import open_store
from tests.gui_helpers import click_in_box, open_window, shot, type_text
from ui.main_window import TAB_DETAIL, TAB_ENTRY


def _type_actual(qtbot, win, ids, text, seq="7"):
    win.set_period("2023Q3")
    win.open_project(ids["projects"][seq], TAB_ENTRY)
    editor = win.entry.editor("actual", ids["indicators"][(seq, 0)])
    editor.setFocus()
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    return editor


def _stored_actual(path, ids, seq="7"):
    with open_store(path, read_only=True) as s:
        return (progress.progress_row(s, ids["indicators"][(seq, 0)], "2023Q3") or {}).get("actual")


def test_read_only_ledger_opens_with_a_banner_and_every_edit_fails_with_the_reason(
    qtbot, app_style, gui_file, monkeypatch
):
    path, ids = gui_file
    # the tests run as root, whom file permissions do not stop: the store's permission probe
    # answers as it does for a clerk's read-only file (the store then opens it read-only for real)
    import msdesk.store as store_module

    monkeypatch.setattr(store_module, "unwritable_reason", lambda p: errors.READ_ONLY_FILE.format(path=p))
    win = open_window(qtbot, path)
    assert win.store.read_only
    assert win.no_plan.isVisible() and win.no_plan.text().startswith("只读：")
    assert "只读文件" in win.no_plan.text() and "损坏" not in win.no_plan.text()
    editor = _type_actual(qtbot, win, ids, "300")
    message = win.entry.message("actual", ids["indicators"][("7", 0)])
    assert "本次修改未保存" in message and "只读" in message
    assert editor.text() == "300"  # what was typed stays in the editor
    assert win.save_label.text() == "未保存" and "已保存" not in win.statusBar().currentMessage()
    assert _stored_actual(path, ids) is None
    shot(win, "main_read_only")
    win.entry.revert(editor)
    win.close_store()


def test_a_write_lock_held_elsewhere_fails_quickly_with_a_message_then_saves(qtbot, window, gui_file):
    path, ids = gui_file
    assert window.store.lock_wait <= 1.0  # a short wait, not the 10 s freeze
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        editor = _type_actual(qtbot, window, ids, "300")
        message = window.entry.message("actual", ids["indicators"][("7", 0)])
        assert "正被其他程序写入" in message and "未保存" in message
        assert editor.text() == "300" and window.save_label.text() == "未保存"
    finally:
        other.execute("ROLLBACK")
        other.close()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_Return)  # the lock is gone: Enter again saves it
    assert window.save_label.text().startswith("已保存")
    assert window.entry.message("actual", ids["indicators"][("7", 0)]) == ""
    assert _stored_actual(path, ids) == 300


def test_a_change_by_another_program_is_noticed_and_shown(qtbot, window, gui_file):
    path, ids = gui_file
    assert not window.check_file_changed()  # its own state is no change
    other = sqlite3.connect(str(path))
    other.execute("UPDATE projects SET name = '外部程序改的名称' WHERE id = ?", [ids["projects"]["9"]])
    other.commit()
    other.close()
    qtbot.waitUntil(lambda: "其他程序修改" in window.statusBar().currentMessage(), timeout=6000)  # the 2 s watch
    assert "其他程序修改" in window.no_plan.text() and window.no_plan.isVisible()
    row = window.model.row_of(ids["projects"]["9"])
    assert window.model.row(row).project["name"] == "外部程序改的名称"


def test_deleting_an_indicator_or_measure_asks_first_and_is_undone(qtbot, window, gui_file):
    _path, ids = gui_file
    window.open_project(ids["projects"]["1"], TAB_DETAIL)
    detail = window.detail
    detail.indicators.setCurrentCell(1, 0)
    seen: list = []
    click_in_box("取消", seen)
    detail._delete_indicator()
    assert seen and seen[0].startswith("删除指标“充分就业社区”，连同它的 2 条已填报的进度")
    assert detail.indicators.rowCount() == 2
    click_in_box("删除")
    detail._delete_indicator()
    assert detail.indicators.rowCount() == 1
    assert len(plans.indicators(window.store, ids["projects"]["1"])) == 1
    window.actions_["undo"].trigger()
    QApplication.processEvents()
    assert len(plans.indicators(window.store, ids["projects"]["1"])) == 2
    window.session.apply(edits.add_measure(window.store, ids["projects"]["1"], "开展专场招聘会", "新增措施"))
    detail.show_project(ids["projects"]["1"])
    detail.measures.setCurrentCell(0, 1)
    seen.clear()
    click_in_box("删除", seen)
    detail._delete_measure()
    assert seen[0].startswith("删除推进措施“开展专场招聘会”") and "Ctrl+Z" in seen[0]
    assert plans.measures(window.store, ids["projects"]["1"]) == [] and detail.measures.rowCount() == 0
    assert "删除措施" in window.actions_["undo"].text()


def test_a_file_changed_elsewhere_keeps_the_project_the_clerk_selected_in_the_list(qtbot, app_style, gui_file):
    """The clerk clicks 第7项 in the list; another program writes the file; the window reads it again. The
    list still has 第7项 selected, and 项目信息 then shows 第7项, not 第1项 (whose fields the clerk
    would otherwise overwrite believing they are 第7项's)."""
    path, ids = gui_file
    win = open_window(qtbot, path)
    pid = ids["projects"]["7"]
    row = next(n for n in range(win.model.rowCount()) if win.model.row(n).id == pid)
    win.table.setCurrentIndex(win.model.index(row, 0))  # a click in the list: 项目信息 not opened yet
    with open_store(path, actor="别人") as other, other.transaction():
        other.conn.execute("UPDATE projects SET name = '别人改的名称' WHERE id = ?", (pid,))
    assert win.check_file_changed()
    qtbot.waitUntil(lambda: "别人改的名称" in win.model.data(win.model.index(win.model.row_of(pid), 2)))
    assert win.model.row(win.table.currentIndex().row()).id == pid
    win.tabs.setCurrentIndex(TAB_DETAIL)
    assert (win.detail.editor("seq").text(), win.detail.editor("name").text()) == ("7", "别人改的名称")
    win.close_store()
