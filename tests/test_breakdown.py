"""目标任务分解表 core: the grid read model, cell writes with validation, subordinates."""

from __future__ import annotations

import pytest

from msdesk import breakdown, offices, plans, progress
from msdesk.errors import ValidationError


def _plan(s):
    return plans.current_plan(s)["id"]


def _office(s, name):
    return offices.find_by_name(s, name)["id"]


def _row(s, seq, name_part):
    g = breakdown.grid(s, _plan(s))
    return next(r for r in g.rows if r.project_seq == seq and name_part in r.name)


def test_grid_has_local_numeric_indicators_and_township_columns(demo):
    g = breakdown.grid(demo, _plan(demo))
    assert [o["name"] for o in g.offices] == ["杨庄街道", "任楼街道", "宋疃镇", "古饶镇", "烈山镇"]  # by 区划代码
    seqs = {r.project_seq for r in g.rows}
    city_projects = {p["seq"] for p in plans.projects(demo, _plan(demo)) if p["task_level"] != "local"}
    assert seqs and not (seqs & city_projects)
    assert all(r.target is not None for r in g.rows)
    row = _row(demo, "7", "康复")
    assert row.target == 559 and row.unit == "名"
    assert row.total == 559 and row.difference == 0 and row.state == "一致" and row.balanced
    assert _row(demo, "4", "农村低保").state == "比率不合计"
    assert _row(demo, "1", "城镇新增就业").state == "未分解"
    counts = g.counts()
    assert counts["rows"] == len(g.rows) and counts["bad"] == 0 == len(g.unbalanced)
    assert counts["ok"] == counts["split"] == sum(1 for r in g.rows if r.cells)


def test_set_cell_updates_sum_and_difference(demo):
    row = _row(demo, "7", "康复")
    town = _office(demo, "古饶镇")
    old = row.cells[town].target
    with demo.transaction():
        new = breakdown.set_cell(demo, row.indicator_id, town, f"{int(old) - 20}")
    assert new.target == old - 20 and new.target_text == str(int(old) - 20)
    row = _row(demo, "7", "康复")
    assert row.total == 539 and row.difference == -20 and row.state == "差 20" and not row.balanced
    with demo.transaction():
        breakdown.set_cell(demo, row.indicator_id, town, f"{int(old) + 5}")
    assert _row(demo, "7", "康复").state == "超 5"


@pytest.mark.parametrize("raw, message", [("abc", "不是数字"), ("-3", "不能为负数"), ("1O0", "不是数字")])
def test_bad_input_is_refused_and_changes_nothing(demo, raw, message):
    row = _row(demo, "7", "康复")
    town = _office(demo, "古饶镇")
    before = row.cells[town]
    audit = demo.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
    with pytest.raises(ValidationError) as err:
        with demo.transaction():
            breakdown.set_cell(demo, row.indicator_id, town, raw)
    assert message in err.value.message and "古饶镇" in err.value.message
    assert _row(demo, "7", "康复").cells[town] == before
    assert demo.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == audit


def test_clerk_formats_and_no_task_word(demo):
    row = _row(demo, "3", "培训")
    town = _office(demo, "宋疃镇")
    with demo.transaction():
        assert breakdown.set_cell(demo, row.indicator_id, town, "１,２００").target == 1200
    with demo.transaction():
        cell = breakdown.set_cell(demo, row.indicator_id, town, "无")
    assert cell.target is None and cell.target_text == breakdown.NO_TASK
    assert _row(demo, "3", "培训").cells[town].text == "—"


def test_empty_clears_by_soft_delete_and_restore_brings_it_back(demo):
    row = _row(demo, "9", "无障碍")
    town = _office(demo, "烈山镇")
    kept = breakdown.cell(demo, row.indicator_id, town)
    with demo.transaction():
        assert breakdown.set_cell(demo, row.indicator_id, town, "  ") is None
    assert town not in _row(demo, "9", "无障碍").cells
    stored = demo.rows(
        "target_breakdowns", "indicator_id = ? AND office_id = ?", [row.indicator_id, town], include_deleted=True
    )
    assert len(stored) == 1 and stored[0]["deleted"] == 1
    with demo.transaction():
        breakdown.restore_cell(demo, row.indicator_id, town, kept)
    again = demo.rows("target_breakdowns", "indicator_id = ? AND office_id = ?", [row.indicator_id, town])
    assert again[0]["id"] == stored[0]["id"] and again[0]["target"] == kept.target


def test_split_evenly_adds_up_exactly(demo):
    row = _row(demo, "1", "城镇新增就业")  # 0.67 万人 over 5: cents
    with demo.transaction():
        old = breakdown.split_evenly(demo, row.indicator_id)
    assert all(v is None for v in old.values())
    row = _row(demo, "1", "城镇新增就业")
    assert sorted(c.target for c in row.cells.values()) == [0.13, 0.13, 0.13, 0.14, 0.14]
    assert row.state == "一致"
    assert breakdown.even_shares(17, 5) == [4, 4, 3, 3, 3]
    with pytest.raises(ValidationError, match="比率"):
        with demo.transaction():
            breakdown.split_evenly(demo, _row(demo, "4", "农村低保").indicator_id)


def test_add_rename_subordinate_with_checks(demo):
    with demo.transaction():
        oid = offices.add_subordinate(demo, " 新城街道 ", "340604003")
    g = breakdown.grid(demo, _plan(demo))
    assert [o["name"] for o in g.offices][:4] == ["杨庄街道", "任楼街道", "新城街道", "宋疃镇"]
    for name, code, message in (
        ("古饶镇", None, "不能重复"),
        ("烈山区", None, "本单位"),
        ("", None, "不能为空"),
        ("东区", "34060", "区划代码"),
    ):
        with pytest.raises(ValidationError, match=message):
            with demo.transaction():
                offices.add_subordinate(demo, name, code)
    with demo.transaction():
        old = offices.rename_office(demo, oid, "新城社区街道")
    assert old == {"name": "新城街道"} and demo.get("offices", oid)["name"] == "新城社区街道"
    with pytest.raises(ValidationError, match="不能重复"):
        with demo.transaction():
            offices.rename_office(demo, oid, "宋疃镇")
    with demo.transaction():  # keeping its own name is not a duplicate
        assert offices.rename_office(demo, oid, "新城社区街道", region_code="340604004") == {"region_code": "340604003"}


def test_delete_refused_when_the_office_sent_data(demo):
    town = _office(demo, "古饶镇")
    ind = _row(demo, "7", "康复").indicator_id
    with demo.transaction():
        progress.set_actual(demo, ind, "2023Q3", 50, office_id=town)  # as a roll-up import writes it
    with pytest.raises(ValidationError) as err:
        with demo.transaction():
            offices.delete_office(demo, town)
    assert "古饶镇" in err.value.message and "进度数据 1 条" in err.value.message
    assert demo.get("offices", town) is not None


def test_delete_takes_shares_with_it_and_restore_returns_them(demo):
    town = _office(demo, "烈山镇")
    shares = demo.rows("target_breakdowns", "office_id = ?", [town])
    assert shares
    with demo.transaction():
        deleted = offices.delete_office(demo, town)
    assert sorted(deleted) == sorted(s["id"] for s in shares)
    g = breakdown.grid(demo, _plan(demo))
    assert "烈山镇" not in [o["name"] for o in g.offices]
    assert _row(demo, "7", "康复").state.startswith("差 ")
    with demo.transaction():
        offices.restore_office(demo, town, deleted)
    assert _row(demo, "7", "康复").state == "一致"
    with pytest.raises(ValidationError, match="本单位"):
        with demo.transaction():
            offices.delete_office(demo, offices.self_office(demo)["id"])
