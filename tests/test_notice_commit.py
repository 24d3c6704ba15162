"""import_plan: one transaction, through msdesk.plans; new / replace / merge."""

from __future__ import annotations

import pytest

from msdesk import offices, plans, progress
from msdesk.errors import MsdeskError
from msdesk.notice import import_plan, parse_notice
from msdesk.notice.commit import PlanExistsError
from tests._notice_fixtures import LIESHAN, YAOHAI, seed_text


@pytest.fixture(scope="module")
def lieshan():
    return parse_notice(seed_text(LIESHAN))


def count(store, table):
    return store.query(f"SELECT count(*) AS n FROM {table} WHERE deleted = 0")[0]["n"]


def snapshot(store):
    return {
        t: store.query(f"SELECT * FROM {t} ORDER BY id")
        for t in ("plans", "categories", "projects", "project_units", "measures", "indicators", "rates")
    }


def project(store, plan_id, seq):
    return next(p for p in plans.projects(store, plan_id) if p["seq"] == seq)


def test_import_lieshan(store, lieshan):
    changed = []
    store.listeners.append(changed.append)
    plan_id = import_plan(store, lieshan)
    assert len(changed) == 1  # one transaction
    plan = store.get("plans", plan_id)
    assert (plan["year"], plan["title"], plan["doc_number"]) == (
        2023,
        "烈山区2023年实施50项民生实事",
        "烈民生〔2023〕2号",
    )
    assert plan["source_text"] == seed_text(LIESHAN)
    assert [c["name"] for c in plans.categories(store, plan_id)][:3] == ["促进就业", "社会保障", "困难群体救助"]
    rows = plans.projects(store, plan_id)
    assert [r["seq"] for r in rows] == [str(n) for n in range(1, 51)]
    p11 = project(store, plan_id, "11")
    assert plans.units(store, p11["id"]) == ["区民政局", "区卫生健康委员会", "区残联"]
    p39 = project(store, plan_id, "39")
    assert (p39["task_level"], p39["task_level_text"]) == ("none", "烈山区无任务")
    p7 = project(store, plan_id, "7")
    ind = plans.indicators(store, p7["id"])
    assert [(i["name"], i["target"], i["unit"], i["kind"]) for i in ind] == [
        ("残疾人提供康复救助", 559, "名", "number")
    ]
    assert plans.describe_target(ind[0]) == "≥559名"
    assert len(plans.measures(store, p7["id"])) == 3
    rate_rows = plans.rates(store, p7["id"])
    assert any(r["text"] == "每人每年1000元" and r["measure_id"] for r in rate_rows)
    for row in rows:  # every project can be reported
        assert plans.indicators(store, row["id"]), row["seq"]
    p12 = plans.indicators(store, project(store, plan_id, "12")["id"])
    assert [(i["kind"], i["target_text"]) for i in p12] == [("qualitative", "按期完成")]
    assert store.setting("current_plan_id") == plan_id


def test_new_refuses_when_year_exists_and_changes_nothing(store, lieshan):
    import_plan(store, lieshan)
    before = snapshot(store)
    with pytest.raises(PlanExistsError) as err:
        import_plan(store, lieshan, mode="new")
    assert "已有 2023 年的计划" in err.value.message
    assert snapshot(store) == before


def test_replace_soft_deletes_old_plan(store, lieshan):
    old_id = import_plan(store, lieshan)
    new_id = import_plan(store, lieshan, mode="replace")
    assert new_id != old_id
    assert store.get("plans", old_id) is None and store.get("plans", old_id, include_deleted=True)["deleted"] == 1
    assert count(store, "plans") == 1 and count(store, "projects") == 50
    assert store.rows("projects", "plan_id = ?", [old_id]) == []


def test_merge_matches_by_seq_and_keeps_progress(store, lieshan):
    with store.transaction():
        office = offices.set_self_office(store, "烈山区", "district")
    plan_id = import_plan(store, lieshan)
    p7 = project(store, plan_id, "7")
    ind_id = plans.indicators(store, p7["id"])[0]["id"]
    with store.transaction():
        progress.set_actual(store, ind_id, "2023Q1", "120", office_id=office)
    # The re-issued notice numbers items （七） and changes item 7's target.
    text = seed_text(LIESHAN).replace(
        "7.实施困难残疾人康复工程，为 559 名", "（七）实施困难残疾人康复工程，为 600 名", 1
    )
    merged = parse_notice(text)
    assert import_plan(store, merged, mode="merge") == plan_id
    assert count(store, "projects") == 50
    p7_after = project(store, plan_id, "7")
    assert p7_after["id"] == p7["id"]
    ind = plans.indicators(store, p7["id"])
    assert [(i["id"], i["target"]) for i in ind] == [(ind_id, 600)]
    assert store.rows("progress", "indicator_id = ?", [ind_id])[0]["actual"] == 120
    assert len(plans.measures(store, p7["id"])) == 3  # replaced, not doubled


def test_merge_adds_new_items(store, lieshan):
    plan_id = import_plan(store, lieshan)
    extra = parse_notice(
        "一、新增类别（1项）\n51.新建口袋公园 3 个。（牵头单位：区住建局）\n烈山区2023年实施50项民生实事\n"
    )
    extra.year = 2023
    import_plan(store, extra, mode="merge")
    p51 = project(store, plan_id, "51")
    assert plans.units(store, p51["id"]) == ["区住建局"]
    assert count(store, "projects") == 51


def test_failure_midway_rolls_back(store, lieshan, monkeypatch):
    before = snapshot(store)
    calls = {"n": 0}
    real = plans.add_measure

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 40:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "add_measure", failing)
    with pytest.raises(RuntimeError):
        import_plan(store, lieshan)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda p: setattr(p, "year", None), "未能识别计划年度"),
        (lambda p: p.projects.clear(), "没有识别到任何民生实事项目"),
    ],
)
def test_unusable_plan_is_refused(store, mutate, message):
    parsed = parse_notice(seed_text(YAOHAI))
    mutate(parsed)
    with pytest.raises(MsdeskError, match=message):
        import_plan(store, parsed)
    assert count(store, "plans") == 0


def test_bad_mode(store, lieshan):
    with pytest.raises(MsdeskError, match="导入方式"):
        import_plan(store, lieshan, mode="append")


def test_yaohai_no_task_items_imported(store):
    plan_id = import_plan(store, parse_notice(seed_text(YAOHAI)))
    rows = plans.projects(store, plan_id)
    assert len(rows) == 52
    none = [r for r in rows if r["task_level"] == "none"]
    assert len(none) == 15 and none[0]["seq"] == "十二-1" and none[0]["content"] == "支持毕业生求职创业补贴"
    assert none[0]["name"] is None  # the list's one text is the content, not also a 项目名称 (shown “X：X”)
    p30 = plans.indicators(store, project(store, plan_id, "（30）")["id"])[0]
    assert (p30["target"], p30["baseline"]) == (99.985, 99.9844)


def test_merge_with_numbering_restarting_per_category(store):
    text = (
        "一、就业（2项）\n（一）新增就业 100 人。（牵头单位：人社局）\n（二）培训 50 人次。（牵头单位：商务局）\n"
        "二、社保（1项）\n（一）低保提标。（牵头单位：民政局）\n"
    )
    first = parse_notice(text)
    first.year = 2025
    plan_id = import_plan(store, first)
    again = parse_notice(text.replace("新增就业 100 人", "新增就业 120 人").replace("低保提标", "低保提标，应保尽保"))
    again.year = 2025
    import_plan(store, again, mode="merge")
    rows = plans.projects(store, plan_id)
    assert [(r["seq"], r["content"]) for r in rows] == [
        ("（一）", "新增就业 120 人。"),
        ("（二）", "培训 50 人次。"),
        ("（一）", "低保提标，应保尽保。"),
    ]
    assert plans.indicators(store, rows[0]["id"])[0]["target"] == 120
