"""The project list: columns, status shown in words and colour, filters, search, sort."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from msdesk import overview
from msdesk.store import open_store
from tests.gui_helpers import click_in_box, shot, type_text
from ui.project_table_model import COL_COMPLETION, COL_LEAD, COL_NAME, COL_SEQ, COL_STATUS, SORT_ROLE, ProjectTableModel


@pytest.fixture
def model(gui_file, qapp):
    path, ids = gui_file
    with open_store(path) as s:
        rows = overview.project_rows(s, ids["plan"], "2023Q2")
    m = ProjectTableModel()
    m.set_rows(rows)
    return m


def column(m, col):
    return [m.data(m.index(r, col)) for r in range(m.rowCount())]


def test_rows_show_the_core_figures_and_status_in_words(model):
    assert column(model, COL_SEQ) == ["1", "3", "5", "6", "7", "9", "12", "14"]
    by_seq = dict(zip(column(model, COL_SEQ), range(model.rowCount())))
    seven = by_seq["7"]
    assert model.data(model.index(seven, COL_COMPLETION)) == "35.8%"  # 200 / 559
    assert model.data(model.index(seven, COL_STATUS)) == "滞后（黄灯）"
    assert model.data(model.index(by_seq["9"], COL_STATUS)) == "未启动（红灯）"
    assert model.data(model.index(by_seq["12"], COL_STATUS)) == "无任务"
    assert model.data(model.index(by_seq["6"], COL_LEAD)) == "区总工会、区民政局"
    red = model.data(model.index(by_seq["9"], COL_STATUS), Qt.ForegroundRole).color().name()
    green = model.data(model.index(by_seq["1"], COL_STATUS), Qt.ForegroundRole).color().name()
    assert red != green
    assert model.headerData(COL_NAME, Qt.Horizontal) == "项目名称 / 实施内容"


@pytest.mark.parametrize(
    "filters, seqs",
    [
        (dict(category="促进就业"), ["1", "3"]),
        (dict(lead="区残联"), ["7", "9"]),
        (dict(lead="区民政局"), ["5", "6"]),
        (dict(status="滞后"), ["3", "7", "14"]),
        (dict(status="无任务"), ["12"]),
        (dict(level="city"), ["12"]),
        (dict(category="困难群体救助", status="未启动"), ["6", "9"]),
        (dict(text="残疾人"), ["7", "9"]),
        (dict(text="残疾人 康复"), ["7"]),
        (dict(text="区司法局"), ["14"]),
        (dict(text="不存在的词"), []),
    ],
)
def test_filters_and_search_give_the_right_rows(model, filters, seqs):
    model.set_filter(**filters)
    assert column(model, COL_SEQ) == seqs
    model.set_filter(category=None, lead=None, status=None, level=None, text="")
    assert model.rowCount() == 8


def test_sort_by_completion_uses_raw_values(model):
    model.sort(COL_COMPLETION, Qt.DescendingOrder)
    values = [model.data(model.index(r, COL_COMPLETION), SORT_ROLE)[0] for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    assert column(model, COL_SEQ)[0] == "5"  # 12 / 17 = 70.6 %
    model.sort(COL_STATUS, Qt.DescendingOrder)
    assert column(model, COL_STATUS)[:2] == ["未启动（红灯）", "未启动（红灯）"]


def test_search_box_and_filter_boxes_in_the_window(qtbot, window):
    type_text(qtbot, window.search, "残联")
    assert window.model.rowCount() == 2
    assert window.count_label.text() == "显示 2 / 共 8 个项目"
    window.clear_filters()
    box = window.filter_boxes["status"]
    box.setCurrentIndex(box.findData("滞后"))
    box.activated.emit(box.currentIndex())
    assert window.model.rowCount() == 3
    shot(window, "project_list_filtered")
    window.clear_filters()
    assert window.model.rowCount() == 8
    shot(window, "project_list")


def test_enter_and_double_click_open_the_project(qtbot, window, gui_file):
    _path, ids = gui_file
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.table
    view.setFocus()
    view.setCurrentIndex(window.model.index(2, 0))
    qtbot.keyClick(view, Qt.Key_Return)
    assert window.current_project_id == ids["projects"]["5"]
    assert "新增17个城乡老年食堂" in window.entry.title.text()
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(window.model.index(4, COL_NAME))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center())  # a real double-click starts
    qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=rect.center())  # with a first click
    assert window.current_project_id == ids["projects"]["7"]
    assert QApplication.focusWidget() is window.entry.first_editor()


def test_delete_project_from_the_list_and_undo(qtbot, window, gui_file):
    """删除项目 asks first (plans.deletion_question: what goes with it, Ctrl+Z brings it back);
    取消 keeps the project, 删除 deletes it as one undoable edit."""
    _path, ids = gui_file
    window.table.setCurrentIndex(window.model.index(window.model.row_of(ids["projects"]["9"]), 0))
    seen: list = []
    click_in_box("取消", seen)
    window.actions_["delete_project"].trigger()
    assert "删除项目“第9项" in seen[0] and "条推进措施" in seen[0] and "撤销" in seen[0]
    assert window.model.total() == 8
    click_in_box("删除")
    window.actions_["delete_project"].trigger()
    assert window.model.total() == 7 and window.model.row_of(ids["projects"]["9"]) == -1
    assert window.actions_["undo"].text() == "撤销“删除第9项”"
    window.actions_["undo"].trigger()
    assert window.model.total() == 8 and window.model.row_of(ids["projects"]["9"]) >= 0


def test_header_click_sorts_the_view_by_completion(qtbot, window):
    header = window.table.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(COL_COMPLETION) + 10, header.height() // 2)
    ascending = ["6", "9", "12", "3", "7", "14", "1", "5"]  # no figure first, then 35.4 % … 70.6 %
    orders = []
    for _ in range(2):
        qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=pos)
        orders.append(column(window.model, COL_SEQ))
    assert sorted(orders) == sorted([ascending, ascending[::-1]])


def test_typing_a_seq_puts_that_project_first(model):
    model.set_filter(text="7")  # '7' also appears in other projects' text (e.g. 新增17个…)
    seqs = column(model, COL_SEQ)
    assert seqs[0] == "7" and len(seqs) > 1
    model.set_filter(text="")
    assert column(model, COL_SEQ)[0] == "1"


def test_typing_on_and_deleting_back_give_the_same_rows_as_a_fresh_search(model):
    steps = ["区", "区残", "区残联", "区残", "区", "区民", "区民政局", ""]
    seen = []
    for text in steps:
        model.set_filter(text=text)
        seen.append(column(model, COL_SEQ))
    fresh = []
    for text in steps:
        model.set_filter(text="")
        model.set_filter(text=text)
        fresh.append(column(model, COL_SEQ))
    assert seen == fresh
    assert seen[2] == ["7", "9"] and seen[6] == ["5", "6"] and len(seen[-1]) == 8


def test_other_filters_combine_with_a_narrowing_search(model):
    model.set_filter(text="区")
    model.set_filter(status="滞后")
    model.set_filter(text="区残")
    assert column(model, COL_SEQ) == ["7"]
