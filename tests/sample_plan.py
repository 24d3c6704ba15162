"""A small realistic plan (8 projects of the 烈山区 2023 notice, figures for Q1/Q2), built with
the core API only: shared by core and GUI tests."""

from __future__ import annotations

from msdesk import offices, plans, progress

# (category, seq, content, lead units, task level, [(indicator, target, unit)], {period: [actuals]})
SAMPLE = [
    (
        "促进就业",
        "1",
        "促进重点群体稳定就业，城镇新增就业0.67万人；力争7个城市社区达到省级“三公里”充分就业社区标准。",
        ["区人力资源和社会保障局"],
        "local",
        [("城镇新增就业", 0.67, "万人"), ("充分就业社区", 7, "个")],
        {"2023Q1": [0.2, 1], "2023Q2": [0.41, 3]},
    ),
    (
        "促进就业",
        "3",
        "培训家政服务人员3750人次，新增家政服务人员650人。",
        ["区商务局"],
        "local",
        [("培训家政服务人员", 3750, "人次"), ("新增家政服务人员", 650, "人")],
        {"2023Q1": [1000, 120], "2023Q2": [1500, 200]},
    ),
    (
        "社会保障",
        "5",
        "新增17个城乡老年食堂（助餐点）。",
        ["区民政局"],
        "local",
        [("新增老年食堂", 17, "个")],
        {"2023Q1": [5], "2023Q2": [12]},
    ),
    (
        "困难群体救助",
        "6",
        "开展困难职工帮扶不少于14人次。基本实现孤儿和事实无人抚养儿童应保尽保。",
        ["区总工会", "区民政局"],
        "local",
        [("困难职工帮扶", 14, "人次"), ("孤儿保障", None, "应保尽保")],
        {"2023Q1": [14, None]},
    ),
    (
        "困难群体救助",
        "7",
        "实施困难残疾人康复工程，为559名残疾人提供康复救助。",
        ["区残联"],
        "local",
        [("残疾人康复救助", 559, "名")],
        {"2023Q1": [100], "2023Q2": [200]},
    ),
    (
        "困难群体救助",
        "9",
        "持续优化无障碍环境，为136户困难重度残疾人家庭实施无障碍改造。",
        ["区残联"],
        "local",
        [("无障碍改造", 136, "户")],
        {},
    ),
    (
        "困难群体救助",
        "12",
        "救助血友病、恶性肿瘤、心脏大血管疾病、再生障碍性贫血等重大疾病困难患者。",
        [],
        "city",
        [],
        {},
    ),
    (
        "困难群体救助",
        "14",
        "全区办理法律援助案件不少于380件，实现刑事法律援助案件全覆盖。",
        ["区司法局"],
        "local",
        [("法律援助案件", 380, "件")],
        {"2023Q1": [90], "2023Q2": [150]},
    ),
]
PLAN_TITLE = "烈山区2023年实施50项民生实事"


def build_sample(store) -> dict:
    """One transaction per part, like a clerk would have entered it. Returns ids by seq."""
    ids: dict = {"projects": {}, "indicators": {}}
    with store.transaction():
        ids["office"] = offices.set_self_office(
            store, "烈山区", "district", head="张主任", preparer="李干事", phone="0561-1234567"
        )
        plan = plans.add_plan(
            store, 2023, PLAN_TITLE, issuing_office="烈山区民生工作领导小组办公室", doc_number="烈民生〔2023〕2号"
        )
        ids["plan"] = plan
        cats: dict = {}
        for pos, (cat, seq, content, leads, level, inds, _figs) in enumerate(SAMPLE):
            if cat not in cats:
                cats[cat] = plans.add_category(store, plan, cat, len(cats), seq="一二三"[len(cats)])
            pid = plans.add_project(
                store,
                plan,
                seq,
                content,
                pos,
                cats[cat],
                lead_units=leads,
                task_level=level,
                task_level_text="属市级任务" if level == "city" else None,
            )
            ids["projects"][seq] = pid
            for n, (name, target, unit) in enumerate(inds):
                if target is None:
                    iid = plans.add_indicator(store, pid, name, n, kind="qualitative", target_text=unit)
                else:
                    iid = plans.add_indicator(store, pid, name, n, target=target, unit=unit)
                ids["indicators"][(seq, n)] = iid
    for _c, seq, _t, _l, _lv, _inds, figs in SAMPLE:
        for period, values in figs.items():
            with store.transaction():
                for n, value in enumerate(values):
                    if value is not None:
                        progress.set_actual(store, ids["indicators"][(seq, n)], period, value)
    return ids
