"""下级单位 dialog on the demo file: add, rename, refuse duplicates and deleting an office with data, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from msdesk import offices, progress
from tests.gui_helpers import fill, names, open_dialog, pick, shot, show_breakdown


def test_add_and_rename_a_township_shows_in_the_breakdown(qtbot, win):
    page = show_breakdown(qtbot, win)
    dialog = open_dialog(qtbot, win)
    assert names(dialog) == ["杨庄街道", "任楼街道", "宋疃镇", "古饶镇", "烈山镇"]
    fill(qtbot, dialog, "新城街道", "340604003")
    qtbot.keyClick(dialog.name, Qt.Key_Return)  # Enter in the name field adds
    assert names(dialog) == ["杨庄街道", "任楼街道", "新城街道", "宋疃镇", "古饶镇", "烈山镇"]
    assert dialog.name.text() == "" and not dialog.message.isVisible()
    assert [o["name"] for o in page.model.grid.offices][2] == "新城街道"  # a new column in 目标分解

    fill(qtbot, dialog, "古饶镇", "")
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    assert "不能重复" in dialog.message.text() and names(dialog).count("古饶镇") == 1
    fill(qtbot, dialog, "东城", "34060")
    qtbot.mouseClick(dialog.add_button, Qt.LeftButton)
    assert "区划代码" in dialog.message.text() and "东城" not in names(dialog)

    pick(dialog, "新城街道")
    assert dialog.name.text() == "新城街道" and dialog.code.text() == "340604003"
    fill(qtbot, dialog, "新城社区", "340604003")
    qtbot.mouseClick(dialog.rename_button, Qt.LeftButton)
    assert "新城社区" in names(dialog) and "新城街道" not in names(dialog)
    assert "新城社区" in [o["name"] for o in page.model.grid.offices]
    shot(dialog, "subordinates_dialog")
    dialog.accept()

    undo = win.actions_["undo"]
    assert undo.text() == "撤销“修改下级单位“新城街道””"
    undo.trigger()
    assert offices.find_by_name(win.store, "新城街道") is not None
    undo.trigger()
    assert offices.find_by_name(win.store, "新城街道") is None
    assert "新城街道" not in [o["name"] for o in page.model.grid.offices]


def test_delete_refused_when_township_has_data_allowed_otherwise_and_undone(qtbot, win):
    page = show_breakdown(qtbot, win)
    store = win.store
    town = offices.find_by_name(store, "古饶镇")["id"]
    ind = page.model.grid.rows[2].indicator_id
    with store.transaction():  # figures rolled up from 古饶镇's 报送包
        progress.set_actual(store, ind, "2023Q3", 10, office_id=town)
    dialog = open_dialog(qtbot, win)
    assert dialog.table.item(names(dialog).index("古饶镇"), 3).text() == "进度 1 条"
    steps = win.undo_stack.count()
    pick(dialog, "古饶镇")
    qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)
    assert "不能删除" in dialog.message.text() and "古饶镇" in names(dialog)
    assert win.undo_stack.count() == steps
    shot(dialog, "subordinates_delete_refused")

    pick(dialog, "烈山镇")
    qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)
    assert "烈山镇" not in names(dialog) and "已删除" in dialog.message.text()
    assert "烈山镇" not in [o["name"] for o in page.model.grid.offices]
    assert any(r.state.startswith("差 ") for r in page.model.grid.rows)  # its shares left the sums
    dialog.accept()
    win.actions_["undo"].trigger()
    assert "烈山镇" in [o["name"] for o in page.model.grid.offices]
    assert not page.model.grid.unbalanced  # its shares came back with it
