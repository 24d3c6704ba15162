"""Core functions added for the GUI's editors (no Qt): plans.update_*, progress.restore_actual,
offices.set_parent, overview.project_rows(project_ids=...)."""

from __future__ import annotations

import pytest

from msdesk import offices, overview, plans, progress
from msdesk.errors import ValidationError
from tests.sample_plan import build_sample


@pytest.fixture
def sample(store):
    return store, build_sample(store)


def test_update_project_cleans_and_checks(sample):
    store, ids = sample
    pid = ids["projects"]["7"]
    with store.transaction():
        old = plans.update_project(store, pid, name="  康复工程 ", remarks="", seq=" 7 ")
    assert old == {"name": None}  # seq " 7 " is "7" already, remarks was empty: unchanged
    row = store.get("projects", pid)
    assert (row["name"], row["remarks"], row["seq"]) == ("康复工程", None, "7")
    for fields, words in ((dict(seq=" "), "序号不能为空"), (dict(task_level="county"), "任务级别")):
        with pytest.raises(ValidationError, match=words), store.transaction():
            plans.update_project(store, pid, **fields)
    with pytest.raises(ValueError):
        plans.update_project(store, pid, plan_id="x")


def test_update_indicator_rules(sample):
    store, ids = sample
    iid = ids["indicators"][("7", 0)]
    cases = [
        (dict(target=None), "必须填写目标值"),
        (dict(target=-1.0), "不能为负数"),
        (dict(comparator="≥"), "比较方式"),
        (dict(name=" "), "名称不能为空"),
        (dict(kind="x"), "类型"),
    ]
    for fields, words in cases:
        with pytest.raises(ValidationError, match=words), store.transaction():
            plans.update_indicator(store, iid, **fields)
    with store.transaction():
        plans.update_indicator(store, iid, kind="qualitative", target_text="全覆盖")
    ind = store.get("indicators", iid)
    assert (ind["kind"], ind["comparator"], ind["target_text"]) == ("qualitative", None, "全覆盖")


def test_update_measure_refuses_empty_text(sample):
    store, ids = sample
    with store.transaction():
        mid = plans.add_measure(store, ids["projects"]["7"], "摸底", 0, seq="1")
    with pytest.raises(ValidationError, match="不能为空"), store.transaction():
        plans.update_measure(store, mid, text="  ")
    with store.transaction():
        plans.update_measure(store, mid, text=" 建台账 ", seq="（一）")
    assert (store.get("measures", mid)["text"], store.get("measures", mid)["seq"]) == ("建台账", "（一）")


def test_restore_actual_skips_validation(sample):
    store, ids = sample
    iid = ids["indicators"][("7", 0)]
    with store.transaction():
        progress.restore_actual(store, iid, "2023Q3", 150.0)  # below Q2's 200: only undo may do this
    assert progress.progress_row(store, iid, "2023Q3")["actual"] == 150


def test_set_parent_finds_or_adds_the_office_one_level_up(sample):
    store, _ids = sample
    with store.transaction():
        parent = offices.set_parent(store, "淮北市")
    assert store.get("offices", parent)["level"] == "city"
    with store.transaction():
        assert offices.set_parent(store, "淮北市") == parent
        assert offices.set_parent(store, "") is None
    assert offices.self_office(store)["parent_id"] is None
    with pytest.raises(ValidationError, match="本单位"), store.transaction():
        offices.set_parent(store, "烈山区")


def test_project_rows_for_some_projects_equal_the_full_read(sample):
    store, ids = sample
    full = {r.id: r for r in overview.project_rows(store, ids["plan"], "2023Q2")}
    some = [ids["projects"]["6"], ids["projects"]["14"]]
    part = overview.project_rows(store, ids["plan"], "2023Q2", project_ids=some)
    assert [r.id for r in part] == some
    assert all(r == full[r.id] for r in part)
    assert overview.project_rows(store, ids["plan"], "2023Q2", project_ids=[]) == []
