"""Screenshots of every main screen on the real demo file (Lieshan 2023, 50 projects),
for people to look at (MSDESK_SCREENSHOTS=docs refreshes the README's docs/screenshot-main.png)."""

from __future__ import annotations

from msdesk import plans, status
from msdesk.demo import create_demo
from msdesk.store import open_store
from tests.gui_helpers import shot
from ui.main_window import TAB_DETAIL, TAB_ENTRY, TAB_OVERVIEW, MainWindow


def test_demo_screens(qtbot, app_style, tmp_path):
    path = create_demo(tmp_path / "示例.msdesk")
    with open_store(path) as s:
        n_projects = len(plans.projects(s, plans.current_plan(s)["id"]))
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 860)
    win.show()
    win.open_path(path)
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    assert win.model.total() == n_projects
    assert "烈山区" in win.windowTitle() and path.name in win.windowTitle()
    statuses = {r.assessment.status for r in win.rows}
    assert status.LAGGING in statuses  # the demo shows something to act on
    win.statusBar().clearMessage()  # no temporary path in the README picture
    shot(win, "screenshot-main")
    lagging = (
        next(r for r in win.rows if r.assessment.level == status.RED)
        if any(r.assessment.level == status.RED for r in win.rows)
        else next(r for r in win.rows if r.assessment.status == status.LAGGING)
    )
    win.open_project(lagging.id, TAB_ENTRY)
    shot(win, "demo_quarter_entry")
    win.tabs.setCurrentIndex(TAB_DETAIL)
    shot(win, "demo_project_detail")
    win.tabs.setCurrentIndex(TAB_OVERVIEW)
    shot(win, "demo_overview")
    assert win.overview.lagging.rowCount() >= 1
    win.close_store()
