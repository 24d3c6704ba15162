"""目标分解 ↔ Excel with a clerk's mistakes: a row copied twice, a township column twice, a renamed
township, a deleted row, text in number cells. Bad workbooks change nothing; undo restores exactly."""

from __future__ import annotations

from openpyxl import load_workbook

from tests.gui_helpers import indicator, show_breakdown, shown


def _sheet(path):
    wb = load_workbook(path)
    ws = wb["目标分解"]
    cols = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    return wb, ws, cols


def _row_of(ws, seq, part):
    return next(n for n in range(4, ws.max_row + 1) if ws.cell(n, 1).value == seq and part in ws.cell(n, 3).value)


def test_a_row_copied_twice_is_refused_not_half_undoable(qtbot, win, tmp_path):
    page = show_breakdown(qtbot, win)
    row = indicator(win, "7", "康复")
    path = page.export_xlsx(str(tmp_path / "分解表.xlsx"))
    wb, ws, cols = _sheet(path)
    r = _row_of(ws, "7", "康复")
    copy = ws.max_row + 1  # the clerk copies the row to the bottom ...
    for c in range(1, ws.max_column + 1):
        ws.cell(copy, c).value = ws.cell(r, c).value
    ws.cell(r, cols["古饶镇"]).value = 100  # ... and types different figures in each
    ws.cell(copy, cols["古饶镇"]).value = 200
    wb.save(path)
    steps = win.undo_stack.count()
    before = shown(page, row.indicator_id, page.cell_index(row.indicator_id, "古饶镇").column())
    assert page.import_xlsx(str(path)) == 0
    assert f"第{copy}行" in win.last_error and f"第{r}行" in win.last_error and "重复" in win.last_error
    assert win.undo_stack.count() == steps
    assert shown(page, row.indicator_id, page.cell_index(row.indicator_id, "古饶镇").column()) == before


def test_a_township_column_twice_is_refused(qtbot, win, tmp_path):
    page = show_breakdown(qtbot, win)
    path = page.export_xlsx(str(tmp_path / "分解表.xlsx"))
    wb, ws, cols = _sheet(path)
    ws.cell(3, cols["烈山镇"]).value = "古饶镇"  # two 古饶镇 columns: which one counts?
    ws.cell(_row_of(ws, "7", "康复"), cols["烈山镇"]).value = 1
    wb.save(path)
    steps = win.undo_stack.count()
    assert page.import_xlsx(str(path)) == 0
    assert "古饶镇" in win.last_error and "重复" in win.last_error
    assert win.undo_stack.count() == steps


def test_renamed_township_deleted_row_and_text_then_fixed_and_undone(qtbot, win, tmp_path):
    page = show_breakdown(qtbot, win)
    row = indicator(win, "7", "康复")
    col = page.cell_index(row.indicator_id, "烈山镇").column()
    path = page.export_xlsx(str(tmp_path / "分解表.xlsx"))
    wb, ws, cols = _sheet(path)
    ws.cell(3, cols["古饶镇"]).value = "古饶镇人民政府"
    ws.delete_rows(_row_of(ws, "5", "老年食堂"))
    r = _row_of(ws, "7", "康复")
    ws.cell(r, cols["烈山镇"]).value = "12人"
    wb.save(path)
    assert page.import_xlsx(str(path)) == 0
    assert "古饶镇人民政府" in win.last_error and f"第{r}行" in win.last_error and "12人" in win.last_error
    ws.cell(3, cols["古饶镇"]).value = "古饶镇"
    ws.cell(r, cols["烈山镇"]).value = "１２"  # full-width digits from a Chinese IME
    wb.save(path)
    assert page.import_xlsx(str(path)) == 1  # the deleted row changes nothing
    assert shown(page, row.indicator_id, col) == "12"
    win.actions_["undo"].trigger()
    assert shown(page, row.indicator_id, col) != "12"
    assert shown(page, row.indicator_id, page.model.col_difference) == "一致"
