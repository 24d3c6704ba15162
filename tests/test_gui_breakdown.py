"""目标分解 tab on the demo file, driven with the keyboard: type shares, see 合计/差额,
bad input refused with its message, undo/redo, reopen; then the task package carries the share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from msdesk import offices, plans
from msdesk.store import open_store
from tests.gui_helpers import indicator, open_window, shot, show_breakdown, shown, type_into

TAB_BREAKDOWN = 4


def test_type_shares_with_keys_totals_undo_redo_and_reopen(qtbot, win, demo_path):
    page = show_breakdown(qtbot, win)
    row = indicator(win, "7", "康复")
    model = page.model
    before = {o["name"]: row.cells[o["id"]].target for o in model.grid.offices}
    assert shown(page, row.indicator_id, model.col_total) == "559"
    assert shown(page, row.indicator_id, model.col_difference) == "一致"

    cell = page.cell_index(row.indicator_id, "古饶镇")
    new = int(before["古饶镇"]) - 20
    type_into(qtbot, page, cell, str(new))
    assert shown(page, row.indicator_id, cell.column()) == str(new)
    assert shown(page, row.indicator_id, model.col_total) == "539"
    assert shown(page, row.indicator_id, model.col_difference) == "差 20"  # words, not colour alone
    assert page.view.currentIndex().row() == cell.row() + 1  # Enter: next indicator
    assert page.view.currentIndex().column() == cell.column()
    assert "不一致 1 项" in page.summary.text()
    page.only_bad.setChecked(True)
    assert [n for n in range(model.rowCount()) if not page.view.isRowHidden(n)] == [cell.row()]
    shot(win, "breakdown_mismatch")
    page.only_bad.setChecked(False)

    # Tab goes to the next office and saves as it goes
    left = page.cell_index(row.indicator_id, "宋疃镇")
    type_into(qtbot, page, left, str(int(before["宋疃镇"]) + 20), key=Qt.Key_Tab)
    assert shown(page, row.indicator_id, model.col_difference) == "一致"
    assert page.view.currentIndex().column() == left.column() + 1
    assert page.view.state() == QAbstractItemView.EditingState  # Tab opened the next office's editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)

    undo = win.actions_["undo"]
    assert undo.text() == "撤销“分解第7项 残疾人提供康复救助（宋疃镇）”"
    undo.trigger()
    assert shown(page, row.indicator_id, model.col_difference) == "差 20"
    win.actions_["redo"].trigger()
    assert shown(page, row.indicator_id, model.col_difference) == "一致"
    undo.trigger()
    assert shown(page, row.indicator_id, model.col_difference) == "差 20"

    win.close_store()
    again = open_window(qtbot, demo_path)
    try:
        page = show_breakdown(qtbot, again)
        row = indicator(again, "7", "康复")
        assert shown(page, row.indicator_id, page.cell_index(row.indicator_id, "古饶镇").column()) == str(new)
        assert shown(page, row.indicator_id, page.cell_index(row.indicator_id, "宋疃镇").column()) == str(
            int(before["宋疃镇"])
        )
        assert shown(page, row.indicator_id, page.model.col_difference) == "差 20"
    finally:
        again.close_store()


def test_bad_input_is_refused_with_the_message_and_nothing_written(qtbot, win):
    page = show_breakdown(qtbot, win)
    row = indicator(win, "9", "无障碍")
    cell = page.cell_index(row.indicator_id, "烈山镇")
    stored = cell.data()
    steps = win.undo_stack.count()
    type_into(qtbot, page, cell, "abc")
    assert page.message.isVisible() and "不是数字" in page.message.text() and "烈山镇" in page.message.text()
    assert page.view.state() == QAbstractItemView.EditingState and page.view.currentIndex() == cell  # stays to fix
    assert QApplication.focusWidget().text() == "abc"  # nothing typed is lost
    shot(win, "breakdown_refused")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "-5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Return)
    QApplication.processEvents()
    assert "不能为负数" in page.message.text()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert cell.data() == stored and not page.message.isVisible()
    assert win.undo_stack.count() == steps
    assert plans.breakdowns(win.store, row.indicator_id)[0]["target"] is not None
    check = {b["office_id"]: b["target"] for b in plans.breakdowns(win.store, row.indicator_id)}
    assert check[offices.find_by_name(win.store, "烈山镇")["id"]] == float(stored)


def test_delete_key_clears_a_share_and_split_evenly(qtbot, win):
    page = show_breakdown(qtbot, win)
    row = indicator(win, "9", "无障碍")
    cell = page.cell_index(row.indicator_id, "古饶镇")
    page.view.setFocus()
    page.view.setCurrentIndex(cell)
    qtbot.keyClick(page.view, Qt.Key_Delete)
    assert cell.data() == ""
    assert shown(page, row.indicator_id, page.model.col_difference).startswith("差 ")
    page.split_button.click()  # current row: 136 户 over 5
    assert sorted(int(page.cell_index(row.indicator_id, o["name"]).data()) for o in page.model.grid.offices) == [
        27,
        27,
        27,
        27,
        28,
    ]
    assert shown(page, row.indicator_id, page.model.col_difference) == "一致"
    win.actions_["undo"].trigger()
    assert cell.data() == ""


def test_township_gets_its_share_in_the_task_package(qtbot, win, demo_path, tmp_path):
    """Edit in the GUI, close; the district exports the 任务包; 古饶镇 imports its share, 烈山镇 gets 无任务."""
    from msdesk import identity
    from tests import _package_fixtures as F

    page = show_breakdown(qtbot, win)
    care = indicator(win, "7", "康复")
    helpers = indicator(win, "6", "困难职工")
    type_into(qtbot, page, page.cell_index(care.indicator_id, "古饶镇"), "123")
    type_into(qtbot, page, page.cell_index(helpers.indicator_id, "烈山镇"), "无")
    assert page.cell_index(helpers.indicator_id, "烈山镇").data() == "—"
    win.close_store()

    district = open_store(demo_path, actor="区民生办")
    identity.create_identity(district, F.PASS)
    towns = {o["name"]: o["id"] for o in offices.subordinates(district)}
    net = F.Network(tmp_path / "办公室", district, plans.current_plan(district)["id"], {}, {}, towns)
    net.root.mkdir()
    try:
        for name in ("古饶镇", "烈山镇"):
            F.add_township(net, name)
        F.send_tasks(net)
        guraos = net.townships["古饶镇"].get("indicators", care.indicator_id)
        assert guraos["target"] == 123 and guraos["target_text"] == "123"
        none_here = net.townships["烈山镇"].get("indicators", helpers.indicator_id)
        assert none_here["target"] is None and none_here["target_text"] == "—"  # “无”: no such task here
        theirs = net.townships["古饶镇"].get("indicators", helpers.indicator_id)
        assert theirs["target"] == helpers.cells[towns["古饶镇"]].target
    finally:
        net.close()


def test_excel_round_trip_from_the_page_with_cell_errors(qtbot, win, tmp_path):
    from openpyxl import load_workbook

    page = show_breakdown(qtbot, win)
    row = indicator(win, "7", "康复")
    path = page.export_xlsx(str(tmp_path / "分解表.xlsx"))
    assert path.is_file() and "已导出" in win.statusBar().currentMessage()
    wb = load_workbook(path)
    ws = wb["目标分解"]
    r = next(n for n in range(4, ws.max_row + 1) if ws.cell(n, 1).value == "7")
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(r, cols["古饶镇"]).value = ws.cell(r, cols["古饶镇"]).value - 20
    kept = ws.cell(r, cols["烈山镇"]).value
    ws.cell(r, cols["烈山镇"]).value = "abc"
    wb.save(path)
    steps = win.undo_stack.count()
    assert page.import_xlsx(str(path)) == 0  # one bad cell: nothing imported
    assert f"第{r}行" in win.last_error and "烈山镇" in win.last_error and "不是数字" in win.last_error
    assert win.undo_stack.count() == steps
    assert shown(page, row.indicator_id, page.model.col_difference) == "一致"

    ws.cell(r, cols["烈山镇"]).value = kept
    wb.save(path)
    assert page.import_xlsx(str(path)) == 1
    assert shown(page, row.indicator_id, page.model.col_difference) == "差 20"
    assert win.actions_["undo"].text() == "撤销“从Excel导入目标分解（1 格）”"
    win.actions_["undo"].trigger()
    assert shown(page, row.indicator_id, page.model.col_difference) == "一致"
    assert page.import_xlsx(str(path)) == 1
    assert page.import_xlsx(str(path)) == 0 and "没有需要导入" in page.message.text()
