"""Overview page: headline counts, chart groups, summary tables and the lagging list."""

from __future__ import annotations

from tests.gui_helpers import shot
from ui.main_window import TAB_ENTRY, TAB_OVERVIEW
from ui.status_style import FOREGROUND


def cells(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_overview_shows_counts_chart_and_lagging_projects(qtbot, window, gui_file):
    _path, ids = gui_file
    window.actions_["show_overview"].trigger()
    assert window.tabs.currentIndex() == TAB_OVERVIEW
    page = window.overview
    assert "共 8 个项目" in page.headline.text()
    assert "滞后 3 个" in page.headline.text() and "未启动 2 个" in page.headline.text()
    assert [g["label"] for g in page.chart.groups] == ["促进就业", "社会保障", "困难群体救助"]
    assert cells(page.by_category, 0) == ["促进就业", "社会保障", "困难群体救助"]
    assert cells(page.by_category, 1) == ["2", "1", "5"]
    assert "区残联" in cells(page.by_lead, 0)
    # red lights first, each with its words, not only a colour
    assert cells(page.lagging, 0) == ["6", "9", "3", "7", "14"]
    assert cells(page.lagging, 5)[:2] == ["未启动（红灯）", "未启动（红灯）"]
    shot(window, "overview")
    page.lagging.cellDoubleClicked.emit(1, 0)
    assert window.current_project_id == ids["projects"]["9"]
    assert window.tabs.currentIndex() == TAB_ENTRY


def test_overview_follows_the_period_and_new_figures(qtbot, window, gui_file):
    _path, ids = gui_file
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    window.set_period("2023Q1")
    assert "2023年第1季度" in window.overview.headline.text()
    first = window.overview.headline.text()
    window.set_period("2023Q2")
    window.open_project(ids["projects"]["9"])
    editor = window.entry.editor("actual", ids["indicators"][("9", 0)])
    editor.setText("136")
    editor.editingFinished.emit()
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    assert "已完成 1 个" in window.overview.headline.text()
    assert "9" not in cells(window.overview.lagging, 0)
    assert first != window.overview.headline.text()
    red = window.overview.lagging.item(0, 5)
    assert red.text() == "未启动（红灯）"
    assert red.foreground().color().name() == FOREGROUND["red"]
