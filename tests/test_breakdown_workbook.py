"""目标任务分解表 to Excel and back: unchanged round trip, edited shares, every bad cell named."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from msdesk import breakdown, plans
from msdesk.breakdown_workbook import FIRST_ROW, HEADER_ROW, apply_changes, read_breakdown, write_breakdown
from msdesk.errors import MsdeskError
from msdesk.notice.workbook import WorkbookError


def _plan(s):
    return plans.current_plan(s)["id"]


def _locate(ws, seq, name_part, office):
    cols = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(FIRST_ROW, ws.max_row + 1):
        if str(ws.cell(r, 1).value) == seq and name_part in str(ws.cell(r, 3).value):
            return r, cols[office]
    raise AssertionError((seq, name_part))


def test_written_workbook_reads_back_unchanged(demo, tmp_path):
    path = write_breakdown(demo, _plan(demo), tmp_path / "分解表")
    assert path.suffix == ".xlsx"
    ws = load_workbook(path)["目标分解"]
    headers = [ws.cell(HEADER_ROW, c).value for c in range(1, ws.max_column + 1)]
    assert headers[:10] == [
        "序号",
        "项目",
        "指标",
        "单位",
        "目标",
        "杨庄街道",
        "任楼街道",
        "宋疃镇",
        "古饶镇",
        "烈山镇",
    ]
    assert headers[10:12] == ["合计", "差额"]
    r, c = _locate(ws, "7", "康复", "古饶镇")
    assert ws.cell(r, 5).value == 559 and ws.cell(r, c).value == 143
    assert ws.cell(r, 11).value.startswith("=IF(COUNTA(F")  # 合计 as a formula the clerk can check
    assert read_breakdown(demo, _plan(demo), path) == []


def test_edited_shares_are_applied_and_can_be_put_back(demo, tmp_path):
    path = write_breakdown(demo, _plan(demo), tmp_path / "分解表.xlsx")
    wb = load_workbook(path)
    ws = wb["目标分解"]
    r, c = _locate(ws, "7", "康复", "古饶镇")
    ws.cell(r, c).value = 123
    r2, c2 = _locate(ws, "6", "困难职工", "烈山镇")
    ws.cell(r2, c2).value = "无"
    r3, c3 = _locate(ws, "9", "无障碍", "宋疃镇")
    ws.cell(r3, c3).value = None
    r4, c4 = _locate(ws, "1", "城镇新增就业", "杨庄街道")
    ws.cell(r4, c4).value = "0.13"
    wb.save(path)
    changes = read_breakdown(demo, _plan(demo), path)
    assert len(changes) == 4
    with demo.transaction():
        old = apply_changes(demo, changes)
    grid = breakdown.grid(demo, _plan(demo))
    town = {o["name"]: o["id"] for o in grid.offices}
    care = next(r for r in grid.rows if r.project_seq == "7")
    assert care.cells[town["古饶镇"]].target == 123 and care.state == "差 20"
    helpers = next(r for r in grid.rows if r.project_seq == "6")
    assert helpers.cells[town["烈山镇"]].target_text == "—"
    ramps = next(r for r in grid.rows if r.project_seq == "9")
    assert town["宋疃镇"] not in ramps.cells
    jobs = next(r for r in grid.rows if r.project_seq == "1" and "城镇新增就业" in r.name)
    assert jobs.cells[town["杨庄街道"]].target == 0.13
    with demo.transaction():
        for (ind, office), cell in old.items():
            breakdown.restore_cell(demo, ind, office, cell)
    assert read_breakdown(demo, _plan(demo), path) != []  # the file again differs from the workbook
    assert next(r for r in breakdown.grid(demo, _plan(demo)).rows if r.project_seq == "7").state == "一致"


def test_every_bad_cell_is_listed_and_nothing_is_written(demo, tmp_path):
    path = write_breakdown(demo, _plan(demo), tmp_path / "分解表.xlsx")
    wb = load_workbook(path)
    ws = wb["目标分解"]
    r, c = _locate(ws, "7", "康复", "古饶镇")
    ws.cell(r, c).value = "一百"
    r2, c2 = _locate(ws, "3", "培训", "宋疃镇")
    ws.cell(r2, c2).value = -5
    ws.cell(HEADER_ROW, c2 + 2).value = "新镇"  # 烈山镇 renamed in Excel: not a subordinate
    wb.save(path)
    with pytest.raises(WorkbookError) as err:
        read_breakdown(demo, _plan(demo), path)
    errors = err.value.errors
    assert any(e.startswith(f"第{r}行 I列（古饶镇）：") and "不是数字" in e for e in errors)
    assert any(e.startswith(f"第{r2}行 H列（宋疃镇）：") and "不能为负数" in e for e in errors)
    assert any(e.startswith("第3行 J列：“新镇”不是本单位的下级单位") for e in errors)
    assert "未做任何修改" in err.value.message


def test_not_a_workbook_or_wrong_sheet(demo, tmp_path):
    bad = tmp_path / "假的.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    with pytest.raises(MsdeskError, match="不是 .xlsx"):
        read_breakdown(demo, _plan(demo), bad)
    from openpyxl import Workbook

    other = tmp_path / "别的.xlsx"
    Workbook().save(other)
    with pytest.raises(MsdeskError, match="没有“目标分解”工作表"):
        read_breakdown(demo, _plan(demo), other)
