"""A whole quarter typed without the mouse: every field of every project of the real demo file,
moving only with Enter, then the figures are all in the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from msdesk.demo import create_demo
from msdesk.plans import format_number
from msdesk.store import open_store
from tests.gui_helpers import shot, type_text
from ui.editors import EntryCheck, EntryLine, FieldMessage, NoteEdit
from ui.main_window import MainWindow


def figure_for(window, editor) -> str:
    """A valid cumulative figure: the target, or last period's figure if that is higher."""
    for row in window.rows:
        for ind in row.indicators:
            if window.entry.editor("actual", ind.indicator["id"]) is editor:
                value = max(ind.indicator["target"], ind.previous or 0)
                return format_number(value)
    raise AssertionError("not a figure field")


def test_type_a_whole_quarter_with_enter_only(qtbot, app_style, tmp_path):
    path = create_demo(tmp_path / "示例.msdesk")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(path)
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.set_period("2023Q4")
    win.table.setFocus()
    qtbot.keyClick(win.table, Qt.Key_Return)  # opens the first project
    visited, fields = [], 0
    while win.current_project_id not in visited:
        visited.append(win.current_project_id)
        for _ in range(len(win.entry.editors)):
            widget = QApplication.focusWidget()
            if isinstance(widget, EntryLine) and widget.accessibleName().startswith("累计完成"):
                type_text(qtbot, widget, figure_for(win, widget))
            elif isinstance(widget, EntryLine) and widget.accessibleName().startswith("完成情况"):
                type_text(qtbot, widget, "已落实")
            elif isinstance(widget, EntryCheck):
                qtbot.keyClick(widget, Qt.Key_Space)
            elif isinstance(widget, NoteEdit):
                type_text(qtbot, widget, "第四季度按计划推进")
            else:  # funds
                type_text(qtbot, widget, "10")
            fields += 1
            qtbot.keyClick(widget, Qt.Key_Return)
            refused = [m.text() for m in win.entry.findChildren(FieldMessage) if m.isVisible()]
            assert refused == []
    assert len(visited) == win.model.total() == 50
    shot(win, "keyboard_run_last_project")
    rows = win.rows
    win.close_store()
    with open_store(path) as s:
        q4 = s.query(
            "SELECT count(*) n FROM progress g JOIN periods d ON d.id = g.period_id WHERE d.code = '2023Q4'"
            " AND g.deleted = 0"
        )[0]["n"]
        reports = s.query(
            "SELECT count(*) n FROM project_reports r JOIN periods d ON d.id = r.period_id"
            " WHERE d.code = '2023Q4' AND r.progress_note = '第四季度按计划推进'"
            " AND r.funds_spent = 10"
        )[0]["n"]
        n_indicators = s.query(
            "SELECT count(*) n FROM indicators i JOIN projects p ON p.id = i.project_id"
            " WHERE i.deleted = 0 AND p.deleted = 0"
        )[0]["n"]
    assert reports == 50
    assert q4 == n_indicators
    qualitative = sum(
        1 for r in rows for i in r.indicators if i.indicator["kind"] == "qualitative" or i.indicator["target"] is None
    )
    assert fields == n_indicators + qualitative + 6 * 50  # a 已完成 box each, 3 notes and 3 funds
