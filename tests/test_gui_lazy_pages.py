"""The workbench and the 季度填报, 项目信息, 进展概览 and 目标分解 tabs are built when first needed
(ui/window/lazy_pages.py): the first window shows the same, and each tab, opened for the first
time, shows the file's current project or figures as it did when it was built at start."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui_helpers import open_window
from ui.main_window import TAB_BREAKDOWN, TAB_DETAIL, TAB_ENTRY, TAB_LIST, TAB_OVERVIEW, MainWindow
from ui.window.lazy_pages import PAGE_TABS, WORKBENCH

PAGES = set(PAGE_TABS)


def built_pages(win) -> set[str]:
    return {name for name in PAGES if win._built(name) is not None}


def select_seq(win, seq: str) -> str:
    """Select a project in the list as a clerk clicks it; returns its id."""
    row = next(n for n in range(win.model.rowCount()) if win.model.row(n).project["seq"] == seq)
    win.table.setCurrentIndex(win.model.index(row, 0))
    return win.model.row(row).id


def test_the_workbench_list_names_what_building_it_makes(qtbot, app_style):
    win = MainWindow()
    qtbot.addWidget(win)
    assert not WORKBENCH & set(win.__dict__)  # nothing of it exists before a file opens
    before = set(win.__dict__)
    win._workbench()
    assert set(win.__dict__) - before == WORKBENCH
    assert win.pages.count() == 2 and not built_pages(win)
    assert [win.tabs.tabText(n) for n in range(win.tabs.count())] == [
        "项目清单",
        "季度填报",
        "项目信息",
        "进度概览",
        "目标分解",
    ]


def test_first_window_builds_only_the_welcome_page_and_a_file_only_the_list(qtbot, app_style, gui_file):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.pages.currentWidget() is win.welcome and win.pages.count() == 1
    assert "tabs" not in win.__dict__ and not built_pages(win)
    win.open_path(gui_file[0])
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    assert win.tabs.currentIndex() == TAB_LIST and win.model.total() == 8
    assert not built_pages(win)  # the other tabs wait until the clerk opens them
    win.close_store()


def test_entry_built_on_first_show_shows_the_selected_project(qtbot, window):
    pid = select_seq(window, "9")
    assert window._built("entry") is None
    window.tabs.setCurrentIndex(TAB_ENTRY)
    entry = window._built("entry")
    assert entry is not None and entry.isVisible() and entry.isEnabled()
    assert window.current_project_id == pid
    assert entry.title.text().startswith("第9项")
    editor = entry.first_editor()
    assert editor is not None and editor.isEnabled()
    editor.setText("136")  # figures typed into a page built late are saved like any other
    editor.editingFinished.emit()
    assert window.undo_stack.canUndo()


def test_detail_built_on_first_show_shows_the_selected_project(qtbot, window):
    select_seq(window, "3")
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)  # 查看 → 项目信息
    assert window.tabs.currentIndex() == TAB_DETAIL
    detail = window._built("detail")
    assert detail is not None and detail.isVisible()
    assert detail.editor("seq").text() == "3"
    assert window._built("overview") is None and window._built("breakdown") is None


def test_overview_built_on_first_show_counts_the_file(qtbot, window):
    window.actions_["show_overview"].trigger()
    overview = window._built("overview")
    assert overview is not None and window.tabs.currentIndex() == TAB_OVERVIEW
    assert "共 8 个项目" in overview.headline.text()
    overview.lagging.cellDoubleClicked.emit(0, 0)  # wired to the window: opens the project in 季度填报
    assert window.tabs.currentIndex() == TAB_ENTRY and window._built("entry") is not None


def test_breakdown_built_on_first_show_reads_the_plan(qtbot, app_style, demo_path):
    win = open_window(qtbot, demo_path)
    assert win.tabs.isTabVisible(TAB_BREAKDOWN) and win._built("breakdown") is None
    win.actions_["show_breakdown"].trigger()
    page = win._built("breakdown")
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert (
        page.title.text().startswith("目标任务分解表")
        and win.store.get("plans", win.plan_id)["title"] in page.title.text()
    )
    assert page.model.grid.offices  # one column per subordinate office
    win.close_store()


def test_a_page_built_before_a_file_opens_is_given_the_file(qtbot, app_style, gui_file):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    entry, detail = win.entry, win.detail  # asked for by name: built at once, empty
    assert entry.store is None and detail.store is None
    win.open_path(gui_file[0])
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    win.open_project(select_seq(win, "9"), TAB_ENTRY)
    assert win.entry is entry and entry.store is win.store and detail.store is win.store
    assert entry.title.text().startswith("第9项")
    win.close_store()
