"""目标分解: a clerk copies a block of shares from Excel and pastes it with Ctrl+V."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui_helpers import indicator, shot, show_breakdown, shown


def test_ctrl_v_pastes_an_excel_block_as_one_undo_step(qtbot, win):
    page = show_breakdown(qtbot, win)
    first = indicator(win, "1", "城镇新增就业")  # 0.67 万人, not yet split
    second = indicator(win, "1", "充分就业社区")  # 7 个, split 1/1/3/1/1
    start = page.cell_index(first.indicator_id, page.model.grid.offices[0]["name"])
    page.view.setFocus()
    page.view.setCurrentIndex(start)
    steps = win.undo_stack.count()
    QApplication.clipboard().setText("0.1\t0.2\t0.1\t0.17\t0.1\r\n2\t1\t2\t1\t1\r\n")  # as Excel copies it
    qtbot.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    assert [page.model.index(start.row(), c).data() for c in range(start.column(), start.column() + 5)] == [
        "0.1",
        "0.2",
        "0.1",
        "0.17",
        "0.1",
    ]
    assert shown(page, first.indicator_id, page.model.col_total) == "0.67"
    assert shown(page, first.indicator_id, page.model.col_difference) == "一致"
    assert shown(page, second.indicator_id, page.model.col_difference) == "一致"
    assert win.undo_stack.count() == steps + 1
    assert win.actions_["undo"].text() == "撤销“粘贴目标分解（7 格）”"  # 1/1 unchanged cells not counted
    assert "已粘贴 7 个单元格" in win.statusBar().currentMessage()
    shot(win, "breakdown_pasted")
    win.actions_["undo"].trigger()
    assert shown(page, first.indicator_id, page.model.col_difference) == "未分解"
    assert shown(page, second.indicator_id, page.model.col_total) == "7"


def test_a_bad_pasted_block_is_refused_whole_with_every_bad_cell_named(qtbot, win):
    page = show_breakdown(qtbot, win)
    row = indicator(win, "7", "康复")
    model = page.model
    start = page.cell_index(row.indicator_id, "宋疃镇")
    before = [model.index(start.row() + k, c).data() for k in range(2) for c in range(model.columnCount())]
    page.view.setFocus()
    page.view.setCurrentIndex(start)
    steps = win.undo_stack.count()
    QApplication.clipboard().setText("100\t约50\t20\n30\t-4\t无\n")
    qtbot.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    text = page.message.text()
    assert page.message.isVisible() and "2 处错误" in text and "未做任何修改" in text
    assert "古饶镇" in text and "不是数字" in text and "不能为负数" in text
    assert [model.index(start.row() + k, c).data() for k in range(2) for c in range(model.columnCount())] == before
    assert win.undo_stack.count() == steps
    shot(win, "breakdown_paste_refused")

    QApplication.clipboard().setText("1\t2\t3\t4\n")  # 古饶镇 onwards: 3 offices, then 合计
    qtbot.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    assert "4 列" in page.message.text() and "3 个单位" in page.message.text()
    assert win.undo_stack.count() == steps

    page.view.setCurrentIndex(model.index(start.row(), model.col_total))  # not an office column
    qtbot.keyClick(page.view, Qt.Key_V, Qt.ControlModifier)
    assert "单位列" in page.message.text()
    assert win.undo_stack.count() == steps
