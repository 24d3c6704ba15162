"""A township's own target: its share, or 未分解 when the district did not split the target."""

from __future__ import annotations

from msdesk import breakdown, offices
from tests._package_fixtures import add_township, build_district, send_tasks


def test_district_side_share_or_none(store, small_plan):
    i1, i2 = small_plan["indicators"][:2]
    with store.transaction():
        town = offices.add_subordinate(store, "宋疃镇")
        breakdown.set_cell(store, i1, town, "1000")
    assert breakdown.office_target(store, i1, town).target == 1000
    assert breakdown.office_target(store, i2, town) is None  # not split: 未分解
    # a district file (no 任务包) shows its own targets
    assert not breakdown.from_task_package(store)
    assert breakdown.shown_target(store, store.get("indicators", i2)) == "≥650人"


def test_township_reads_its_share_or_未分解_never_the_district_figure(tmp_path):
    net = build_district(tmp_path)
    with net.district.transaction():  # 新增家政服务人员 not split at all; 康复 split to two townships only
        for name in ("古饶镇", "宋疃镇", "烈山镇"):
            breakdown.set_cell(net.district, net.indicators["新增"], net.township_ids[name], "")
        breakdown.set_cell(net.district, net.indicators["康复"], net.township_ids["宋疃镇"], "")
    t = add_township(net, "宋疃镇")
    send_tasks(net)
    ind = {k: t.get("indicators", v) for k, v in net.indicators.items()}
    assert breakdown.from_task_package(t)
    assert breakdown.shown_target(t, ind["培训"]) == "≥1250人次"
    assert breakdown.office_target(t, ind["新增"]["id"]) is None
    assert breakdown.shown_target(t, ind["新增"]) == breakdown.NOT_SPLIT == "未分解"
    assert ind["新增"]["target"] == 650  # stored as the district sent it; only the reading says 未分解
    assert breakdown.shown_target(t, ind["康复"]) == "—"  # split among the others: 无任务 here
    assert breakdown.shown_target(t, ind["孤儿"]) == "应保尽保"
    net.close()
