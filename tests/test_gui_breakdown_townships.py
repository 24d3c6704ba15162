"""目标分解 open while the clerk adds / deletes a township in 下级单位…: the cell being worked on and a
refused figure still waiting to be fixed are kept; a refused figure of a deleted township goes with its message."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui_helpers import fill, indicator, names, open_dialog, pick, shot, show_breakdown, type_into


def test_township_added_and_deleted_while_a_figure_waits_to_be_fixed(qtbot, win):
    page = show_breakdown(qtbot, win)
    row = indicator(win, "9", "无障碍")
    cell = page.cell_index(row.indicator_id, "烈山镇")
    type_into(qtbot, page, cell, "abc")  # refused: red, message shown
    assert "不是数字" in page.message.text()

    dialog = open_dialog(qtbot, win)
    fill(qtbot, dialog, "新城街道", "340604003")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert "新城街道" in names(dialog)
    moved = page.cell_index(row.indicator_id, "烈山镇")  # one column further right now
    assert moved.column() == cell.column() + 1
    assert moved.data() == "abc" and moved.data(Qt.BackgroundRole) is not None  # still there to fix
    assert page.message.isVisible() and "abc" in page.message.text()
    assert page.view.currentIndex().row() == cell.row()  # not thrown back to the first row
    shot(win, "breakdown_township_added")

    pick(dialog, "任楼街道")  # another township goes: the figure stays
    qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)
    assert page.cell_index(row.indicator_id, "烈山镇").data() == "abc"
    assert page.view.currentIndex().row() == cell.row()

    pick(dialog, "烈山镇")  # its own township goes: so do figure and message
    qtbot.mouseClick(dialog.delete_button, Qt.LeftButton)
    assert "烈山镇" not in names(dialog)
    assert not page.model.pending and not page.message.isVisible()
    assert page.view.currentIndex().row() == cell.row()  # same indicator, first township
    dialog.accept()
