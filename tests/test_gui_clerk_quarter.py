"""A township clerk's quarter on the demo file: keyboard entry of 2023年第4季度, refused values,
undo/redo across projects, reopen, project edits, file menu and the Q4 tables."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from msdesk import progress
from msdesk.demo import create_demo
from msdesk.store import open_store
from tests.gui_helpers import click_in_box, shot
from ui.main_window import TAB_ENTRY, MainWindow


def focused():
    return QApplication.focusWidget()


@pytest.fixture
def demo_path(tmp_path):
    return create_demo(tmp_path / "烈山区2023示例.msdesk")


@pytest.fixture
def demo_window(qtbot, app_style, demo_path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(demo_path)
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close_store()


def choose_q4(qtbot, win) -> None:
    """The clerk tabs to the 报告期 box and presses Down: 第3季度 -> 第4季度."""
    assert win.period == "2023Q3"
    win.period_box.setFocus()
    qtbot.keyClick(win.period_box, Qt.Key_Down)
    assert win.period == "2023Q4"
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key_Return)
    assert win.tabs.currentIndex() == TAB_ENTRY


def stored_report(path, project_id, period="2023Q4") -> dict:
    with open_store(path) as s:
        return progress.report(s, project_id, period) or {}


def test_refused_value_on_the_last_field_keeps_the_clerk_on_the_project(qtbot, demo_window, demo_path):
    win = demo_window
    choose_q4(qtbot, win)
    first = win.current_project_id
    spent = win.entry.editor("report", "funds_spent")
    spent.setFocus()
    spent.selectAll()
    qtbot.keyClicks(spent, "abc")
    qtbot.keyClick(spent, Qt.Key_Return)  # Enter on the last field normally goes on
    assert win.current_project_id == first  # ... but not past a refused value
    assert focused() is spent and spent.text() == "abc"
    assert "不是数字" in win.entry.message("report", "funds_spent")
    assert stored_report(demo_path, first).get("funds_spent") is None  # nothing stored
    shot(win, "clerk_q4_refused_last_field")
    spent.selectAll()
    qtbot.keyClicks(spent, "12.5")
    qtbot.keyClick(spent, Qt.Key_Return)  # corrected: saved, then the next project
    assert stored_report(demo_path, first)["funds_spent"] == 12.5
    assert win.current_project_id != first


def test_refused_figure_keeps_the_focus_in_its_field(qtbot, demo_window, demo_path):
    win = demo_window
    choose_q4(qtbot, win)
    actual = focused()
    iid = next(k[1] for k, v in win.entry._fields.items() if v[0] is actual)
    assert actual is win.entry.editor("actual", iid)
    for text, words in (("abc", "不是数字"), ("-3", "不能为负数"), ("99999999", "倍")):
        actual.selectAll()
        qtbot.keyClicks(actual, text)
        qtbot.keyClick(actual, Qt.Key_Return)
        assert words in win.entry.message("actual", iid), text
        with open_store(demo_path) as s:
            assert (progress.progress_row(s, iid, "2023Q4") or {}).get("actual") is None
        assert focused() is actual, text  # the next field's value is not typed over
        assert actual.selectedText() == text  # typing again replaces the refused value


def answer_held_value(button_text, seen):
    """Answer the 有数值未保存 box (返回修改 / 放弃该数值) once it is up."""
    click_in_box(button_text, seen, shot_name="clerk_q4_held_value")


def test_refused_value_is_never_dropped_by_moving_on(qtbot, demo_window, demo_path):
    """Ctrl+PgDn, another 报告期 or closing the window with a refused value asks first:
    返回修改 keeps the clerk and the typed text; 放弃该数值 shows the stored value and goes on."""
    from ui.main_window import TAB_ENTRY

    win = demo_window
    choose_q4(qtbot, win)
    first, actual = win.current_project_id, focused()
    iid = next(k[1] for k, v in win.entry._fields.items() if v[0] is actual)
    actual.selectAll()
    qtbot.keyClicks(actual, "abc")
    seen = []
    answer_held_value("返回修改", seen)
    qtbot.keyClick(actual, Qt.Key_PageDown, Qt.ControlModifier)
    assert "“abc”没有保存" in seen[0] and "不是数字" in seen[0]
    assert win.current_project_id == first and actual.text() == "abc"
    qtbot.waitUntil(lambda: focused() is actual)  # once the window is active again

    answer_held_value("返回修改", seen)
    win.period_box.setFocus()
    qtbot.keyClick(win.period_box, Qt.Key_Up)  # 第4季度 -> 第3季度
    assert len(seen) == 2 and win.period == "2023Q4" and win.period_box.currentData() == "2023Q4"
    assert actual.text() == "abc"

    answer_held_value("返回修改", seen)
    assert not win.close() and len(seen) == 3 and win.store is not None  # the window stays open

    qtbot.waitUntil(lambda: focused() is actual)
    answer_held_value("放弃该数值", seen)
    qtbot.keyClick(actual, Qt.Key_PageDown, Qt.ControlModifier)
    assert len(seen) == 4 and win.current_project_id != first and win.tabs.currentIndex() == TAB_ENTRY
    with open_store(demo_path) as s:
        assert (progress.progress_row(s, iid, "2023Q4") or {}).get("actual") is None


def test_escape_gives_up_a_refused_value(qtbot, demo_window):
    win = demo_window
    choose_q4(qtbot, win)
    actual = focused()
    iid = next(k[1] for k, v in win.entry._fields.items() if v[0] is actual)
    before = actual.text()
    actual.selectAll()
    qtbot.keyClicks(actual, "-3")
    qtbot.keyClick(actual, Qt.Key_Return)
    assert "不能为负数" in win.entry.message("actual", iid)
    qtbot.keyClick(actual, Qt.Key_Escape)
    assert actual.text() == before and win.entry.message("actual", iid) == ""
    assert win.entry.refused() is None


def test_reopening_the_file_returns_to_the_period_the_clerk_left(qtbot, app_style, demo_window, demo_path):
    """The demo suggests 第3季度; a clerk who worked on 第4季度 finds 第4季度 again next time."""
    choose_q4(qtbot, demo_window)
    demo_window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.open_path(demo_path)
    qtbot.waitUntil(lambda: again.store is not None, timeout=10000)
    assert again.period == "2023Q4" and again.period_box.currentText() == "2023年第4季度"
    again.close_store()


def test_status_tooltip_names_the_indicator_behind_a_red_light(qtbot, demo_window):
    """第19项 shows 75.0% against 序时进度 75% yet 滞后（红灯）: hovering the status says why."""
    from PySide6.QtCore import Qt as _Qt

    from ui.project_table_model import COL_COMPLETION, COL_SEQ, COL_STATUS

    model = demo_window.model
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_SEQ).data() == "19")
    assert model.index(row, COL_COMPLETION).data() == "75.0%"
    assert model.index(row, COL_STATUS).data() == "滞后（红灯）"
    tip = model.index(row, COL_STATUS).data(_Qt.ToolTipRole)
    assert tip == (
        "完成率 75.0%，序时进度 75.0%\n完成率是各指标的平均；"
        "状态按最落后的指标“参与学习教育活动的老年人”：完成 —，未启动（红灯）"
    )
