"""目标分解 workbook without its id column: 序号 that restart in a second list still find their row."""

from __future__ import annotations

from openpyxl import load_workbook

from msdesk import offices, plans
from msdesk.breakdown_workbook import FIRST_ROW, HEADER_ROW, read_breakdown, write_breakdown


def test_restarting_seqs_are_told_apart_by_project_name(store, tmp_path):
    with store.transaction():
        me = offices.set_self_office(store, "某区", "district")
        offices.add_office(store, "甲镇", "township", parent_id=me)
        plan = plans.add_plan(store, 2026, "某区2026年民生实事")
        first = plans.add_category(store, plan, "促进就业", 0, seq="一")
        second = plans.add_category(store, plan, "区级重点民生实事", 1, seq="二")
        a = plans.add_project(store, plan, "1", "新增就业。", 0, first, name="新增就业")
        b = plans.add_project(store, plan, "1", "建口袋公园。", 1, second, name="口袋公园")
        ia = plans.add_indicator(store, a, "目标任务", 0, target=100, unit="人")
        ib = plans.add_indicator(store, b, "目标任务", 0, target=3, unit="个")
    path = write_breakdown(store, plan, tmp_path / "分解表.xlsx")
    wb = load_workbook(path)
    ws = wb["目标分解"]
    cols = {ws.cell(HEADER_ROW, c).value: c for c in range(1, ws.max_column + 1)}
    for r in range(FIRST_ROW, ws.max_row + 1):
        ws.cell(r, cols["指标编号（勿改）"]).value = None  # a clerk's copy lost the hidden id column
        if ws.cell(r, 2).value == "口袋公园":
            ws.cell(r, cols["甲镇"]).value = 2
        elif ws.cell(r, 2).value == "新增就业":
            ws.cell(r, cols["甲镇"]).value = 60
    wb.save(path)
    changes = {c.indicator_id: c for c in read_breakdown(store, plan, path)}
    assert set(changes) == {ia, ib}
    assert (changes[ia].new.target, changes[ib].new.target) == (60, 2)
