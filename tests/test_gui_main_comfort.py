"""Issue 14 in the main window: it fits the screen and remembers where it was, F1 / 帮助 → 使用说明,
关于 says where everything is, a township sees a township's window (任务包 first, 未分解 targets,
no 目标分解 / 汇总), 需重新报送 shows while it is true, why 滞后 at 75 % against 75 % is said on
the page, 新建计划 copies last year, and Ctrl+P opens a sharp print preview of the table shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from msdesk import about, breakdown, edits, offices, progress, submissions
from msdesk.store import create_store
from tests._package_fixtures import add_township, build_district, send_tasks
from tests.gui_helpers import open_window, shot
from ui import geometry
from ui.main_window import TAB_BREAKDOWN, TAB_DETAIL, TAB_ENTRY, TAB_LIST, MainWindow
from ui.manual_window import ManualWindow
from ui.pdf_preview import PdfPreviewDialog
from ui.project_detail import IND_TARGET


def test_window_fits_the_screen_then_opens_where_the_clerk_left_it(qtbot, app_style):
    area = geometry.available()
    first = MainWindow()
    qtbot.addWidget(first)
    too_small = area.width() < 1280 or area.height() < 820
    assert first.open_maximised == too_small  # a 1366×768 laptop: maximised
    assert first.width() <= area.width() and first.height() <= area.height()
    first.show_first()
    first.showNormal()
    first.resize(700, 480)
    left = first.size()
    first.close()  # remembered per user (data folder)
    again = MainWindow()
    qtbot.addWidget(again)
    assert not again.open_maximised and again.height() == left.height() == 480
    assert again.width() <= area.width()  # restored, and never wider than the screen


def test_f1_opens_the_manual_and_help_lists_it_above_about(qtbot, window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("帮助"))
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["使用说明", "关于"]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key_F1)
    manual = window.findChild(ManualWindow)
    assert manual is not None and manual.isVisible() and manual.windowTitle() == "使用说明"
    assert "乡镇" in manual.browser.toPlainText() and "任务包" in manual.browser.toPlainText()
    manual.close()


def test_about_says_version_folders_and_fingerprint(qtbot, window, gui_file):
    path, _ids = gui_file
    window.actions_["about"].trigger()
    box = window.message_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text().splitlines() == about.lines(window.store, path)
    assert f"台账文件：{path.resolve()}" in box.text() and "自动备份：" in box.text()
    assert "签名密钥和证书：" in box.text() and "本单位证书指纹：" in box.text()
    shot(box, "main_about")
    box.close()


def test_an_empty_township_file_starts_from_the_task_package(qtbot, app_style, tmp_path):
    path = tmp_path / "宋疃镇.msdesk"
    with create_store(path, actor="x") as s, s.transaction():
        offices.set_self_office(s, "宋疃镇", "township")
    win = open_window_without_plan(qtbot, path)
    assert win.no_plan.isVisible() and "导入任务包" in win.no_plan.text()
    assert win.actions_["pkg_import"].text() == "导入任务包…"
    shown = [b.text() for b in win.first_step_buttons.values() if b.isVisible()]
    assert shown == ["导入任务包…"]  # the one first step, as a button
    assert not win.tabs.isTabVisible(TAB_BREAKDOWN) and not win.actions_["show_breakdown"].isVisible()
    assert not win.actions_["rollup"].isVisible()
    shot(win, "main_township_empty")
    win.close_store()


def test_a_district_sees_both(qtbot, window):
    assert window.tabs.isTabVisible(TAB_BREAKDOWN) and window.actions_["rollup"].isVisible()
    assert window.actions_["pkg_import"].text() == "导入下级报送…"
    assert not window.no_plan.isVisible()  # it has a plan: no first step to offer
    assert not any(b.isVisible() for b in window.first_step_buttons.values())


def test_an_empty_district_file_offers_the_notice_and_a_new_plan(qtbot, app_style, tmp_path):
    path = tmp_path / "烈山区.msdesk"
    with create_store(path, actor="x") as s, s.transaction():
        offices.set_self_office(s, "烈山区", "district")
    win = open_window_without_plan(qtbot, path)
    assert "导入通知" in win.no_plan.text()
    row = win.first_step_row
    shown = [w.text() for w in (row.itemAt(i).widget() for i in range(1, row.count())) if w.isVisible()]
    assert shown[:2] == ["导入通知(&I)…", "新建计划…"] and len(shown) == 3
    assert win.tabs.isTabVisible(TAB_BREAKDOWN)
    win.close_store()


def open_window_without_plan(qtbot, path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(path)
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    return win


def test_township_targets_not_split_read_未分解(qtbot, app_style, tmp_path):
    net = build_district(tmp_path)
    with net.district.transaction():  # 新增家政服务人员 not split at all
        for name in ("古饶镇", "宋疃镇", "烈山镇"):
            breakdown.set_cell(net.district, net.indicators["新增"], net.township_ids[name], "")
    add_township(net, "宋疃镇")
    send_tasks(net)
    path = net.townships["宋疃镇"].path
    net.close()
    win = open_window(qtbot, path)
    project = next(r.id for r in win.rows if r.project["seq"] == "3")
    win.open_project(project, TAB_ENTRY)
    labels = [w.text() for w in win.entry.grid_box.findChildren(type(win.no_plan))]
    assert "未分解" in labels and "≥1250人次" in labels and "≥650人" not in labels
    win.open_project(project, TAB_DETAIL)
    targets = [win.detail.indicators.item(r, IND_TARGET).text() for r in range(win.detail.indicators.rowCount())]
    assert targets == ["≥1250人次", "未分解"]
    assert not win.detail.indicators.item(1, IND_TARGET).flags() & Qt.ItemIsEditable
    assert not win.tabs.isTabVisible(TAB_BREAKDOWN)
    win.close_store()


def test_resubmission_is_shown_after_an_edit_and_follows_the_period(qtbot, window, gui_file):
    _path, ids = gui_file
    window.set_period("2023Q2")
    with window.store.transaction():
        submissions.mark_submitted(window.store, "2023Q2", 1)
    window.reload()
    assert not window.resubmit_label.isVisible()
    window.session.apply(edits.SetActual(window.store, ids["indicators"][("7", 0)], "2023Q2", "250", "改第7项"))
    qtbot.waitUntil(lambda: window.resubmit_label.isVisible())
    assert window.resubmit_label.text().startswith("需重新报送：2023年第2季度")
    window.set_period("2023Q3")  # another period was never sent: nothing to say
    assert not window.resubmit_label.isVisible()
    window.set_period("2023Q2")
    assert window.resubmit_label.isVisible()
    shot(window, "main_resubmission")


def test_why_lagging_at_75_against_75_is_said_on_the_row_and_in_the_entry(qtbot, window, gui_file):
    _path, ids = gui_file
    window.set_period("2023Q3")
    with window.store.transaction():
        progress.set_actual(window.store, ids["indicators"][("3", 0)], "2023Q3", "3750")  # 100 %
        progress.set_actual(window.store, ids["indicators"][("3", 1)], "2023Q3", "325")  # 50 %
    window.reload()
    window.tabs.setCurrentIndex(TAB_LIST)
    window.table.setCurrentIndex(window.model.index(window.model.row_of(ids["projects"]["3"]), 0))
    assert window.reason_label.isVisible()
    assert window.reason_label.text().startswith("第3项：完成率 75.0% 是各指标的平均值；指标“新增家政服务人员”")
    shot(window, "main_row_reason")
    window.open_project(ids["projects"]["3"], TAB_ENTRY)
    assert "新增家政服务人员" in window.entry.reason_label.text() and window.entry.reason_label.isVisible()
    window.tabs.setCurrentIndex(TAB_LIST)
    window.table.setCurrentIndex(window.model.index(window.model.row_of(ids["projects"]["7"]), 0))
    assert not window.reason_label.isVisible()  # 未启动 at 0 %: the row says it already


def test_new_plan_copies_last_year_and_ends_the_undo_history(qtbot, window, gui_file):
    _path, ids = gui_file
    window.session.apply(edits.SetActual(window.store, ids["indicators"][("7", 0)], "2023Q3", "300", "改第7项"))
    assert window.actions_["undo"].isEnabled()
    window.actions_["new_plan"].trigger()
    dialog = window.new_plan_dialog
    assert dialog.isVisible() and dialog.copy.isChecked()
    dialog.year.setValue(2024)
    assert dialog.name.text() == "烈山区2024年实施50项民生实事"
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.plan_id != ids["plan"])
    assert window.store.get("plans", window.plan_id)["year"] == 2024
    assert window.period.startswith("2024") and window.model.total() == 8
    assert all(r.assessment is None or r.assessment.completion in (None, 0) for r in window.rows)  # no figures
    assert not window.actions_["undo"].isEnabled()  # the copy ends the history, like an import
    assert "不能再撤销" in window.statusBar().currentMessage()


def test_ctrl_p_previews_the_table_shown(qtbot, window):
    window.set_period("2023Q2")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "print_preview", None) is not None, timeout=30000)
    preview = window.print_preview
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert "进展情况表" in preview.windowTitle() and "2023年第2季度" in preview.windowTitle()
    assert preview.page_count() >= 1
    shot(preview, "main_print_preview")
    preview.close()
    window.print_preview = None
    window.tabs.setCurrentIndex(TAB_BREAKDOWN)
    window.actions_["print"].trigger()
    qtbot.waitUntil(lambda: window.print_preview is not None, timeout=30000)
    assert "目标任务分解表" in window.print_preview.windowTitle()
    window.print_preview.close()


def test_a_closed_print_preview_leaves_no_copy_of_the_table_behind(qtbot, window):
    """Each Ctrl+P writes the table to a folder of its own in the temporary folder; closing the preview
    removes it (a clerk printing every day filled the temporary folder with old tables)."""
    window.actions_["print"].trigger()
    qtbot.waitUntil(lambda: getattr(window, "print_preview", None) is not None, timeout=30000)
    folder = window.print_preview.pdf.path.parent
    assert folder.is_dir() and folder.name.startswith("msdesk-print-")
    window.print_preview.reject()  # 关闭 or Esc
    qtbot.waitUntil(lambda: not folder.exists(), timeout=5000)
