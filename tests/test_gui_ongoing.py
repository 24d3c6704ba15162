"""项目信息's 常态化开展 box: ticking it is one named undo step; the list, its 状态 filter and the
进展概览 counts follow."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from msdesk import status
from tests.gui_helpers import shot
from ui import strings
from ui.main_window import TAB_DETAIL, TAB_ENTRY, TAB_LIST, TAB_OVERVIEW
from ui.project_table_model import COL_STATUS


def _status_shown(window, pid) -> str:
    return window.model.data(window.model.index(window.model.row_of(pid), COL_STATUS))


def _filter(window, text) -> None:
    box = window.filter_boxes["status"]
    box.setCurrentIndex(box.findData(text))
    box.activated.emit(box.currentIndex())


def test_ticking_ongoing_unscores_the_project_and_undo_scores_it_again(qtbot, window):
    rows = [window.model.row(i) for i in range(window.model.rowCount())]
    lagging = [r for r in rows if r.assessment.status == status.LAGGING]
    target = lagging[0]
    pid = target.id
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    assert f"滞后 {len(lagging)} 个" in window.overview.headline.text()
    assert "常态化开展" not in window.overview.headline.text()

    window.open_project(pid, TAB_DETAIL)
    box = window.detail.ongoing
    assert box.text() == "常态化开展（不按序时进度评判，不亮灯）" and not box.isChecked()
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box, not the blank right
    QApplication.processEvents()
    assert window.store.get("projects", pid)["ongoing"] == 1 and box.isChecked()
    assert window.actions_["undo"].text() == f"撤销“修改第{target.project['seq']}项 {strings.ONGOING_ON}”"
    shot(window.detail, "project_detail_ongoing")

    window.open_project(pid, TAB_ENTRY)  # figures are still entered; no 序时进度 is shown against them
    labels = window.entry._labels[target.indicators[0].indicator["id"]]
    assert (labels["status"].text(), labels["expected"].text()) == ("常态化开展", "—")
    assert "常态化开展" in window.entry.status_label.text()

    window.tabs.setCurrentIndex(TAB_LIST)
    assert _status_shown(window, pid) == "常态化开展"
    assert window.model.row(window.model.row_of(pid)).assessment.level == status.NONE
    _filter(window, "常态化开展")
    assert [window.model.row(i).id for i in range(window.model.rowCount())] == [pid]
    shot(window, "project_list_ongoing")
    window.clear_filters()
    _filter(window, "滞后")
    assert window.model.rowCount() == len(lagging) - 1
    window.clear_filters()

    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    headline = window.overview.headline.text()
    assert f"滞后 {len(lagging) - 1} 个" in headline and "常态化开展 1 个" in headline
    lagging_list = [window.overview.lagging.item(r, 0).text() for r in range(window.overview.lagging.rowCount())]
    assert str(target.project["seq"]) not in lagging_list

    window.actions_["undo"].trigger()
    QApplication.processEvents()
    assert window.store.get("projects", pid)["ongoing"] == 0
    assert f"滞后 {len(lagging)} 个" in window.overview.headline.text()
    window.tabs.setCurrentIndex(TAB_LIST)
    assert _status_shown(window, pid).startswith("滞后")
    window.open_project(pid, TAB_DETAIL)
    assert not window.detail.ongoing.isChecked()


def test_the_import_preview_marks_standing_items(qtbot, store):
    from tests.test_ongoing import NOTICE
    from ui.import_dialog import ImportDialog

    dialog = ImportDialog(None, store, on_committed=lambda _plan_id: None)
    qtbot.addWidget(dialog)
    dialog.set_text(NOTICE)
    levels = {seq: dialog.project_item(seq).text(3) for seq in ("1", "2", "3", "4")}
    assert levels == {
        "1": "本级任务（常态化开展）",
        "2": "本级任务",
        "3": "本级任务（常态化开展）",
        "4": "本级任务（常态化开展）",
    }
    notes = [dialog.notes_list.item(i).text() for i in range(dialog.notes_list.count())]
    assert sum("按常态化开展处理" in n for n in notes) == 3
    # the clerk may say otherwise before importing: the box follows the item and is what is imported
    dialog.tree.setCurrentItem(dialog.project_item("4"))
    assert dialog.ongoing_check.isChecked()
    dialog.ongoing_check.click()
    assert dialog.project_item("4").text(3) == "本级任务"
    dialog.tree.setCurrentItem(dialog.project_item("2"))
    assert not dialog.ongoing_check.isChecked()
    assert [p.ongoing for p in dialog.plan.projects] == [True, False, True, False]
    dialog.tree.setCurrentItem(dialog.project_item("1"))
    shot(dialog, "import_preview_ongoing")


def test_overview_page_counts_ongoing_in_its_own_column(qtbot, window):
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    page = window.overview
    headers = [page.by_category.horizontalHeaderItem(c).text() for c in range(page.by_category.columnCount())]
    column = headers.index("常态化")
    assert page.by_category.horizontalHeaderItem(column).toolTip().startswith("常态化开展")
    assert page.by_category.isColumnHidden(column)  # a plan without such projects looks as before
    rows = [window.model.row(i) for i in range(window.model.rowCount())]
    pid = next(r.id for r in rows if r.assessment.status == status.LAGGING)
    window.open_project(pid, TAB_DETAIL)
    window.detail.ongoing.click()
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    assert not page.by_category.isColumnHidden(column)
    assert sum(int(page.by_category.item(r, column).text()) for r in range(page.by_category.rowCount())) == 1
    assert sum(g.get(status.ONGOING, 0) for g in page.chart.groups) == 1
    shot(window, "overview_ongoing")
