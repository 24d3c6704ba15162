"""Test data for the export tests and benchmarks, built with the core API only.

build_plan(store) makes a small 烈山区 plan in the style of the 2023 notice: three
categories, eight projects (one 无任务, one 属市级任务), several lead units,
measures, numeric and qualitative indicators, breakdowns to two townships,
progress for 2023Q1..Q3 with a long narrative, and a sign-off block.
build_scaled(store, n) makes n generated projects for the benchmarks.
"""

from __future__ import annotations

from msdesk import offices, plans, progress

LONG_NOTE = (
    "已完成第三季度康复救助对象的摸底登记和评估工作，全区各镇街共排查有康复需求的残疾人 612 名，"
    "经专家评估符合救助条件 571 名；与 3 家定点康复机构签订服务协议，落实康复训练、辅具适配、药费补助等救助措施。"
) * 14 + "本段结尾标记：进展文字完整。"
INJECTION = '=HYPERLINK("http://example.invalid","点此")'

PROJECTS = [
    # (category index, seq, name, content, lead units, task_level, task_level_text, measures, indicators)
    (
        0,
        "1",
        "重点群体稳定就业",
        "促进重点群体稳定就业，城镇新增就业 0.67 万人；力争 7 个城市社区达到省级“三公里”充分就业社区标准。",
        ["区人力资源和社会保障局"],
        "local",
        None,
        ["开展稳就业提质扩量服务“家门口”就业行动，多措并举稳定和扩大就业岗位。", "推进“三公里”就业圈提质增效。"],
        [("城镇新增就业", 0.67, "万人", ">="), ("省级“三公里”充分就业社区", 7, "个", ">=")],
    ),
    (
        0,
        "3",
        "培训家政服务人员",
        "培训家政服务人员 3750 人次，新增家政服务人员 650 人。",
        ["区商务局"],
        "local",
        None,
        ["提高从业人员职业素养，实施家政服务员技能升级行动，整合培训资源。"],
        [("培训家政服务人员", 3750, "人次", ">="), ("新增家政服务人员", 650, "人", ">=")],
    ),
    (
        1,
        "6",
        "困难职工帮扶和孤儿保障",
        "开展困难职工帮扶不少于 14 人次。基本实现孤儿和事实无人抚养儿童应保尽保。",
        ["区总工会", "区民政局"],
        "local",
        None,
        [],
        [("困难职工帮扶", 14, "人次", ">="), ("孤儿和事实无人抚养儿童保障", None, None, "应保尽保")],
    ),
    (
        1,
        "7",
        "困难残疾人康复工程",
        "实施困难残疾人康复工程，为 559 名残疾人提供康复救助。",
        ["区残联"],
        "local",
        None,
        [
            "为120名有康复需求的残疾儿童提供康复训练救助，补助标准按每人1.5万元实施。",
            "为430名困难精神残疾人提供药费补助，补助标准为每人每年1000元。",
        ],
        [("残疾人康复救助", 559, "名", ">=")],
    ),
    (
        1,
        "12",
        None,
        "救助血友病、恶性肿瘤、心脏大血管疾病、再生障碍性贫血等重大疾病困难患者。",
        [],
        "city",
        "属市级任务",
        [],
        [],
    ),
    (
        1,
        "14",
        "法律援助",
        "全区办理法律援助案件不少于 380 件，实现刑事法律援助案件全覆盖。",
        ["区司法局"],
        "local",
        None,
        [],
        [("法律援助案件", 380, "件", ">="), ("刑事法律援助案件", None, None, "全覆盖")],
    ),
    (2, "40", "改善城镇人居环境", "新建口袋公园。", [], "none", "烈山区无任务", [], []),
    (
        2,
        "45",
        "文明菜市场行动",
        "整治和改造提升城乡菜市场 3 个。",
        ["区商务局", "区市场监管局"],
        "local",
        None,
        ["- 按“一场一策”制定改造方案", "@各镇街 负责场地协调"],
        [("整治和改造提升城乡菜市场", 3, "个", ">=")],
    ),
]
REMARKS = {"14": "@区法院 配合"}  # user text that a spreadsheet would take for a formula
CATEGORIES = [("一", "促进就业"), ("三", "困难群体救助"), ("九", "城乡建设")]
# cumulative actuals per indicator (by name) for Q1..Q3
ACTUALS = {
    "城镇新增就业": (0.2, 0.41, 0.55),
    "省级“三公里”充分就业社区": (1, 2, 2),
    "培训家政服务人员": (900, 2000, 3900),
    "新增家政服务人员": (100, 260, 470),
    "困难职工帮扶": (2, 5, 6),
    "残疾人康复救助": (120, 300, 420),
    "法律援助案件": (80, 150, 200),
    "整治和改造提升城乡菜市场": (0, 1, 1),
}
BREAKDOWN = {
    "残疾人康复救助": (300, 259),
    "培训家政服务人员": (2000, 1750),
    "新增家政服务人员": (350, 280),
    "法律援助案件": (200, 180),
}


def build_plan(store) -> dict:
    """One user action per step, as the GUI would; returns the ids the tests need."""
    ids: dict = {"indicators": {}, "projects": {}}
    with store.transaction():
        me = offices.set_self_office(store, "烈山区", "district", head="张明", preparer="李芳", phone="0561-3012345")
        towns = [offices.add_office(store, name, "township", parent_id=me) for name in ("宋疃镇", "古饶镇")]
        plan = plans.add_plan(
            store, 2023, "烈山区2023年实施50项民生实事", issuing_office="烈山区民生办", doc_number="烈民生〔2023〕2号"
        )
        cats = [plans.add_category(store, plan, name, i, seq=seq) for i, (seq, name) in enumerate(CATEGORIES)]
        for pos, (ci, seq, name, content, leads, level, level_text, measures, inds) in enumerate(PROJECTS):
            pid = plans.add_project(
                store,
                plan,
                seq,
                content,
                pos,
                cats[ci],
                name=name,
                task_level=level,
                task_level_text=level_text,
                lead_units=leads,
                remarks=REMARKS.get(seq),
            )
            ids["projects"][seq] = pid
            for m, text in enumerate(measures):
                plans.add_measure(store, pid, text, m, seq=f"{m + 1}.")
            for n, (iname, target, unit, comp) in enumerate(inds):
                if target is None:
                    iid = plans.add_indicator(store, pid, iname, n, kind="qualitative", target_text=comp)
                else:
                    iid = plans.add_indicator(store, pid, iname, n, target=target, unit=unit, comparator=comp)
                ids["indicators"][iname] = iid
                if iname in BREAKDOWN:
                    for town, value in zip(towns, BREAKDOWN[iname]):
                        plans.set_breakdown(store, iid, town, target=value)
    ind = ids["indicators"]
    for q in (1, 2, 3):
        period = f"2023Q{q}"
        with store.transaction():
            for iname, values in ACTUALS.items():
                progress.set_actual(store, ind[iname], period, values[q - 1])
            if q >= 2:
                progress.set_qualitative(
                    store, ind["孤儿和事实无人抚养儿童保障"], period, "已全部纳入保障", done=q == 3
                )
            for seq, pid in ids["projects"].items():
                progress.set_report_field(store, pid, period, "funds_planned", "120.5")
                progress.set_report_field(store, pid, period, "funds_received", str(30 * q))
                progress.set_report_field(store, pid, period, "funds_spent", str(20.25 * q))
                progress.set_report_field(store, pid, period, "progress_note", f"第{q}季度按计划推进（项目{seq}）。")
            progress.set_report_field(store, ids["projects"]["7"], period, "progress_note", LONG_NOTE)
            progress.set_report_field(store, ids["projects"]["7"], period, "problems", INJECTION)
            progress.set_report_field(store, ids["projects"]["45"], period, "next_steps", "+加快改造进度")
            progress.set_report_field(store, ids["projects"]["3"], period, "problems", "-2 人次待补录")
            progress.set_signoff(store, period, report_date=f"2023-{q * 3 + 1:02d}-08")
    ids.update(plan=plan, office=me, towns=towns, categories=cats)
    return ids


def build_scaled(store, n_projects: int, period: str = "2023Q3") -> str:
    """n generated projects (2 indicators each, one broken down to two townships) with Q3 progress."""
    with store.transaction():
        me = offices.set_self_office(store, "烈山区", "district", head="张明", preparer="李芳", phone="0561-3012345")
        towns = [offices.add_office(store, name, "township", parent_id=me) for name in ("宋疃镇", "古饶镇")]
        plan = plans.add_plan(store, 2023, f"烈山区2023年实施{n_projects}项民生实事", doc_number="烈民生〔2023〕2号")
        cats = [plans.add_category(store, plan, f"类别{c + 1}", c, seq=str(c + 1)) for c in range(10)]
    batch = 500
    for start in range(0, n_projects, batch):
        with store.transaction():
            for i in range(start, min(n_projects, start + batch)):
                pid = plans.add_project(
                    store,
                    plan,
                    str(i + 1),
                    f"第{i + 1}项民生实事：新建社区服务设施并完成改造提升，惠及辖区居民。",
                    i,
                    cats[i % 10],
                    name=f"社区服务提升{i + 1}",
                    lead_units=[f"区直单位{i % 17 + 1}"],
                )
                plans.add_measure(store, pid, "制定实施方案，明确责任分工和时间节点。", 0, seq="1.")
                plans.add_measure(store, pid, "加强调度督导，按月通报进展。", 1, seq="2.")
                a = plans.add_indicator(store, pid, "新建服务站点", 0, target=10 + i % 7, unit="个")
                b = plans.add_indicator(store, pid, "惠及居民", 1, target=1000 + i, unit="人")
                plans.set_breakdown(store, a, towns[0], target=5)
                plans.set_breakdown(store, a, towns[1], target=5 + i % 7)
                progress.set_actual(store, a, period, i % 9)
                progress.set_actual(store, b, period, (i * 37) % (1000 + i))
                progress.set_report_field(
                    store, pid, period, "progress_note", "已完成选址和方案设计，正在组织施工，预计年底前全面完成。" * 2
                )
                progress.set_report_field(store, pid, period, "funds_planned", 50 + i % 11)
                progress.set_report_field(store, pid, period, "funds_received", 20 + i % 5)
    return plan
