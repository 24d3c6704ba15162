"""parse_notice on the real seed notices, item by item."""

from __future__ import annotations

import pytest

from msdesk.errors import MsdeskError
from msdesk.notice import parse_notice
from tests._notice_fixtures import JINAN, LIESHAN, YAOHAI, seed_text


@pytest.fixture(scope="module")
def lieshan():
    return parse_notice(seed_text(LIESHAN))


@pytest.fixture(scope="module")
def yaohai():
    return parse_notice(seed_text(YAOHAI))


def by_number(plan, n):
    found = [p for p in plan.projects if p.number == n]
    assert len(found) == 1, f"item {n}: {len(found)} projects"
    return found[0]


# -- Lieshan 2023 --------------------------------------------------------


def test_lieshan_masthead(lieshan):
    assert lieshan.title == "烈山区2023年实施50项民生实事"
    assert lieshan.notice_title == "烈山区民生工作领导小组办公室关于印发《烈山区2023年实施50项民生实事》的通知"
    assert lieshan.year == 2023
    assert lieshan.doc_number == "烈民生〔2023〕2号"
    assert lieshan.issuing_office == "淮北市烈山区民生工作领导小组办公室"


def test_lieshan_categories(lieshan):
    expected = [
        ("一", "促进就业", 3),
        ("二", "社会保障", 2),
        ("三", "困难群体救助", 11),
        ("四", "教育惠民", 5),
        ("五", "卫生健康", 6),
        ("六", "环境保护", 2),
        ("七", "交通出行", 2),
        ("八", "文体服务", 4),
        ("九", "城乡建设", 11),
        ("十", "公共安全", 4),
    ]
    assert [(c.seq, c.name, c.declared_count) for c in lieshan.categories] == expected
    assert [len(lieshan.projects_in(i)) for i in range(10)] == [c[2] for c in expected]
    assert not lieshan.notes  # declared counts all match


def test_lieshan_fifty_items_in_order(lieshan):
    assert [p.seq for p in lieshan.projects] == [str(n) for n in range(1, 51)]


LIESHAN_LEADS = {
    1: ["区人力资源和社会保障局"],
    2: ["区人力资源和社会保障局"],
    3: ["区商务局"],
    4: ["区民政局", "区财政局"],
    5: ["区民政局"],
    6: ["区总工会", "区民政局"],
    7: ["区残联"],
    8: ["区残联"],
    9: ["区残联"],
    10: ["区残联"],
    11: ["区民政局", "区卫生健康委员会", "区残联"],
    12: [],
    13: ["区民政局"],
    14: ["区司法局"],
    15: ["区退役军人事务局"],
    16: ["区残联"],
    17: [],
    18: ["区教育局", "区卫生健康委员会"],
    19: ["区教育局"],
    20: [],
    21: ["区教育局"],
    22: ["区卫生健康委员会"],
    23: ["区卫生健康委员会"],
    24: ["区妇联", "区卫生健康委员会"],
    25: ["区医保局"],
    26: ["区医保局"],
    27: [],
    28: ["区生态环境分局"],
    29: [],
    30: ["区住房和城乡建设局"],
    31: ["区住房和城乡建设局"],
    32: ["区委宣传部", "区文化旅游体育局"],
    33: ["区委宣传部", "区文化旅游体育局"],
    34: ["区文化旅游体育局"],
    35: ["区文化旅游体育局"],
    36: ["区发展和改革委员会"],
    37: ["区农业农村水利局"],
    38: ["区住房和城乡建设局"],
    39: [],
    40: [],
    41: ["区农业农村水利局"],
    42: ["区农业农村水利局"],
    43: [],
    44: [],
    45: ["区商务局"],
    46: ["区总工会"],
    47: [],
    48: [],
    49: ["市公安局烈山分局"],
    50: [],
}


@pytest.mark.parametrize("n", range(1, 51))
def test_lieshan_lead_units(lieshan, n):
    assert by_number(lieshan, n).lead_units == LIESHAN_LEADS[n]


LIESHAN_LEVELS = {
    12: ("city", "属市级任务"),
    17: ("city", "属市级任务"),
    20: ("province", "属省级任务"),
    27: ("province", "属省级任务"),
    29: ("city", "属市级任务"),
    37: ("city", "属市级任务"),
    39: ("none", "烈山区无任务"),
    40: ("none", "烈山区无任务"),
    43: ("none", "烈山区无任务"),
    44: ("city", "属市级任务"),
    47: ("city", "属市级任务"),
    48: ("none", "烈山区无任务"),
    50: ("city", "属市级任务"),
}


@pytest.mark.parametrize("n", range(1, 51))
def test_lieshan_task_levels(lieshan, n):
    project = by_number(lieshan, n)
    assert (project.task_level, project.task_level_text) == LIESHAN_LEVELS.get(n, ("local", None))


def test_lieshan_attachment_marker_merge_is_explained(lieshan):
    # 37: the main list gives a lead unit, 附件1 says 属市级任务 → city task, lead unit kept, note says why.
    p37 = by_number(lieshan, 37)
    assert p37.lead_units == ["区农业农村水利局"]
    assert any("属市级任务" in note for note in p37.notes)
    # 39: main list 属市级任务, 附件1 烈山区无任务 → 无任务.
    assert any("正文为“属市级任务”" in note and "烈山区无任务" in note for note in by_number(lieshan, 39).notes)


LIESHAN_MEASURES = {
    1: 3,
    2: 3,
    3: 6,
    4: 3,
    5: 3,
    6: 3,
    7: 3,
    8: 4,
    9: 3,
    10: 3,
    11: 3,
    12: 0,
    13: 2,
    14: 2,
    15: 2,
    16: 3,
    17: 0,
    18: 3,
    19: 3,
    20: 0,
    21: 3,
    22: 3,
    23: 2,
    24: 2,
    25: 3,
    26: 3,
    27: 0,
    28: 1,
    29: 0,
    30: 3,
    31: 3,
    32: 3,
    33: 3,
    34: 2,
    35: 3,
    36: 1,
    37: 0,
    38: 2,
    39: 0,
    40: 0,
    41: 5,
    42: 3,
    43: 0,
    44: 0,
    45: 4,
    46: 3,
    47: 0,
    48: 0,
    49: 4,
    50: 0,
}


@pytest.mark.parametrize("n", range(1, 51))
def test_lieshan_measures_attached_by_number(lieshan, n):
    measures = by_number(lieshan, n).measures
    assert len(measures) == LIESHAN_MEASURES[n]
    numbered = [m.seq for m in measures if m.seq]
    assert numbered == [str(i) for i in range(1, len(numbered) + 1)]


def test_lieshan_measure_text_joined_across_page_breaks(lieshan):
    assert by_number(lieshan, 5).measures[0].text == (
        "对经民政部门认定的老年食堂、老年助餐点且符合建设标准的给予一次性 10 万元、3 万元建设补贴，实际建"
        "设支出低于补贴标准的，据实补贴。"
    )
    assert by_number(lieshan, 28).measures[0].text == "制定农村黑臭水体治理方案，定期督查。"
    assert by_number(lieshan, 7).measures[2].text == "为430名困难精神残疾人提供药费补助，补助标准为每人每年1000元。"


def test_lieshan_content_verbatim_and_joined(lieshan):
    assert by_number(lieshan, 7).content == "实施困难残疾人康复工程，为 559 名残疾人提供康复救助。"
    assert by_number(lieshan, 16).content.endswith("托养服务不少于 100人。")
    assert by_number(lieshan, 32).lead_units == ["区委宣传部", "区文化旅游体育局"]  # "区委宣传" / "部、…" split
    assert "牵头" not in by_number(lieshan, 24).content


def numbers(project):
    return [(i.target, i.unit, i.comparator) for i in project.indicators if i.kind == "number"]


def test_lieshan_indicators(lieshan):
    assert numbers(by_number(lieshan, 7)) == [(559, "名", ">=")]
    assert numbers(by_number(lieshan, 22)) == [(1740, "名", ">="), (30, "%", "="), (86, "%", "=")]
    assert by_number(lieshan, 22).rates == []  # 30% / 86% are coverage targets, not subsidy rates
    assert numbers(by_number(lieshan, 19)) == [(0.5, "万人", "~"), (1.19, "万人", "~")]
    assert numbers(by_number(lieshan, 23)) == [(98, "%", ">="), (95, "%", ">=")]
    assert numbers(by_number(lieshan, 3)) == [(3750, "人次", ">="), (650, "人", ">=")]
    assert numbers(by_number(lieshan, 30)) == [(24.807, "公里", ">="), (10.998, "公里", ">="), (32.771, "公里", ">=")]
    assert numbers(by_number(lieshan, 42)) == [(5, "个", ">=")]  # "24 小时" is not a target
    assert [i.name for i in by_number(lieshan, 18).indicators] == ["新增托位", "新增公办幼儿园学位"]
    assert by_number(lieshan, 6).indicators[0].target_text == "不少于 14 人次"


def test_lieshan_rates_kept_apart(lieshan):
    item2 = by_number(lieshan, 2)
    assert [(r.text, r.value_low, r.unit) for r in item2.rates if r.measure_index is None] == [
        ("1500 元/人", 1500, "元/人")
    ]
    assert all(i.kind == "qualitative" for i in item2.indicators)
    item7_rates = {(r.text, r.measure_index) for r in by_number(lieshan, 7).rates}
    assert ("每人每年1000元", 2) in item7_rates
    assert "80 元/月" in by_number(lieshan, 13).rates[0].text


def test_lieshan_every_project_reportable(lieshan):
    for project in lieshan.projects:
        assert project.indicators, project.seq
    assert [(i.kind, i.target_text) for i in by_number(lieshan, 12).indicators] == [("qualitative", "按期完成")]
    qual6 = [i for i in by_number(lieshan, 6).indicators if i.kind == "qualitative"]
    assert [i.target_text for i in qual6] == ["应保尽保"]


def test_lieshan_unplaced_lines_listed(lieshan):
    unplaced = lieshan.unplaced_lines
    assert "各镇、街道办，区直各单位，各驻烈单位：" in unplaced
    assert any(line.startswith("烈山区\t0.67\t7") for line in unplaced)  # the breakdown table is not lost
    assert any("把各项民生实事的工作举措" in line for line in unplaced)
    # … and none of the items or measures leaked there
    assert not any(line.startswith(("推进举措", "（一）", "1.开展稳就业")) for line in unplaced)


# -- Yaohai 2024 ---------------------------------------------------------


def test_yaohai_masthead(yaohai):
    assert yaohai.title == "瑶海区2024年50项民生实事"
    assert (yaohai.year, yaohai.doc_number, yaohai.issued_date) == (2024, "瑶民生办〔2024〕1号", "2024-04-24")
    assert yaohai.issuing_office == "瑶海区民生工作领导小组办公室"


def test_yaohai_categories_once_despite_repeats(yaohai):
    names = [c.name for c in yaohai.categories]
    assert names == [
        "促进就业",
        "社会保障",
        "困难群体救助",
        "教育惠民",
        "卫生健康",
        "环境保护",
        "交通出行",
        "文体服务",
        "城乡建设",
        "公共安全",
        "市级民生实事",
        "瑶海区无任务",
    ]
    assert [len(yaohai.projects_in(i)) for i in range(12)] == [2, 2, 12, 3, 2, 1, 1, 2, 7, 3, 2, 15]


def test_yaohai_numbered_items_each_once(yaohai):
    numbered = [p for p in yaohai.projects if p.number is not None]
    assert [p.seq for p in numbered] == [f"（{n}）" for n in range(1, 38)]
    assert len(yaohai.projects) == 52


def test_yaohai_no_task_list(yaohai):
    none = yaohai.projects_in(11)
    assert [p.content for p in none] == [
        "支持毕业生求职创业补贴",
        "对公建公营敬老院补助",
        "推进城乡公益性公墓新建改扩建或配套设施改造",
        "推进长期护理保险制度建设",
        "农村义务教育学生营养改善",
        "中小学教室光环境改造",
        "农村地区适龄妇女“两癌”免费筛查",
        "农村黑臭水体治理",
        "“四好农村路”建设",
        "“送戏进万村”活动",
        "乡村振兴风电项目",
        "新增保障性租赁住房",
        "皖北地区群众喝上引调水工程和淮河以南地区农村供水保障提升工程",
        "“惠民菜篮子”",
        "培育“食安名坊”",
    ]
    assert {(p.task_level, p.task_level_text) for p in none} == {("none", "瑶海区无任务")}
    assert len({p.seq for p in yaohai.projects}) == 52


def test_yaohai_measures_from_attachment_2(yaohai):
    counts = {p.number: len(p.measures) for p in yaohai.projects if p.number}
    assert counts[1] == 2 and counts[2] == 4 and counts[6] == 3 and counts[7] == 4 and counts[37] == 3
    assert counts[26] == 2  # announced as 推进举措： instead of 推进措施：
    assert counts[24] == 2  # no heading at all, numbered lines right after the item
    assert all(counts[n] > 0 for n in range(1, 38))
    assert by_number(yaohai, 4).measures[0].text.startswith("进一步完善“企业职工退休一件事一次办”线下办理流程")


def test_yaohai_indicators(yaohai):
    p30 = by_number(yaohai, 30).indicators[0]
    assert (p30.target, p30.baseline, p30.unit) == (99.985, 99.9844, "%")
    assert p30.target_text == "从 99.9844%提高到 99.9850%"
    p5 = by_number(yaohai, 5).indicators[0]
    assert (p5.target, p5.unit, p5.comparator, p5.target_text) == (45, "人次", ">=", "不少于 45 人次")
    assert numbers(by_number(yaohai, 1)) == [(1.15, "万人", "~"), (75, "%", "=")]
    assert numbers(by_number(yaohai, 7)) == [(85, "人次", ">="), (600, "人", ">=")]
    assert numbers(by_number(yaohai, 21)) == [(98, "%", ">="), (95, "%", ">=")]
    assert numbers(by_number(yaohai, 23)) == [(1.265, "万个", ">="), (0.2586, "万个", ">=")]


def test_yaohai_rates(yaohai):
    rates6 = by_number(yaohai, 6).rates
    rng = [r for r in rates6 if r.value_high is not None]
    assert [(r.value_low, r.value_high, r.unit, r.measure_index) for r in rng] == [(1.8, 2.1, "万元", 0)]
    assert numbers(by_number(yaohai, 6)) == [(856, "名", ">=")]
    p15 = by_number(yaohai, 15)
    assert [r.value_low for r in p15.rates] == [80, 75, 60]  # 救助比例, not targets
    assert numbers(p15) == [(99, "%", ">=")]
    assert {r.unit for r in by_number(yaohai, 11).rates} == {"元/月/人"}


def test_yaohai_unplaced_is_the_cover_letter(yaohai):
    assert any(line.startswith("一、提高政治站位。") for line in yaohai.unplaced_lines)
    assert "各街镇、龙岗片区，区有关单位：" in yaohai.unplaced_lines


# -- the same family in another layout ------------------------------------


def test_jinan_items_under_target_section():
    plan = parse_notice(seed_text(JINAN))
    assert (plan.year, plan.doc_number) == (2022, "金人社〔2022〕97号")
    assert [p.seq for p in plan.projects] == ["(一)", "(二)", "(三)", "(四)"]
    assert [p.name for p in plan.projects] == [
        "就业困难人员就业兜底计划",
        "高校毕业生等青年群体就业见习帮扶计划",
        "求职用工精准对接计划",
        "高质量就业技能提升计划",
    ]
    assert numbers(plan.projects[2]) == [(76, "场次", ">="), (750, "户次", ">="), (1260, "人次", ">=")]
    assert numbers(plan.projects[1]) == [(255, "名", ">=")]  # 6 个月, 2 年, 16-24 岁 are not targets
    assert [len(p.measures) for p in plan.projects] == [3, 3, 3, 3]
    assert any(line.startswith("(一) 强化政策宣传解读") for line in plan.unplaced_lines)  # 保障措施 is not an item


# -- small formats ---------------------------------------------------------


def test_half_width_and_split_lead_units():
    text = (
        "一、促进就业(2项)\n1.新增就业 100 人。(牵头单位: 区人社局,区财政局)\n"
        "2.培训家政服务人员 50 人次。（牵头\n单位：区商务局；配合单位：区妇联）\n"
    )
    plan = parse_notice(text)
    assert [(p.lead_units, p.partner_units) for p in plan.projects] == [
        (["区人社局", "区财政局"], []),
        (["区商务局"], ["区妇联"]),
    ]
    assert plan.categories[0].declared_count == 2


def test_empty_text_is_a_clear_error():
    with pytest.raises(MsdeskError, match="通知内容为空"):
        parse_notice("  \n\u3000\n")


def test_to_dict_is_json_ready(lieshan):
    import json

    data = json.loads(json.dumps(lieshan.to_dict(), ensure_ascii=False))
    assert data["projects"][6]["indicators"][0]["target"] == 559
    assert data["projects"][6]["number"] == 7
    assert "source_text" not in data


# -- other layouts of the same family ---------------------------------------


def test_numbering_with_chinese_comma_and_lead_line_without_brackets():
    plan = parse_notice(
        "2025年民生实事项目\n一、就业（共2项）\n1、新增城镇就业 500 人。\n牵头单位：县人社局、县财政局\n"
        "2、开展技能培训 800 人次。\n责任单位：县人社局\n"
    )
    assert plan.categories[0].declared_count == 2
    assert [(p.seq, p.lead_units, p.content) for p in plan.projects] == [
        ("1", ["县人社局", "县财政局"], "新增城镇就业 500 人。"),
        ("2", ["县人社局"], "开展技能培训 800 人次。"),
    ]
    assert plan.year == 2025


def test_partner_units_after_a_comma_and_chinese_count():
    plan = parse_notice(
        "一、教育（二项）\n1.新增学位 300 个。（牵头单位：区教育局，配合单位：区财政局、区住建局）\n"
        "2.资助学生 40 人。（牵头单位：区教育局）\n"
    )
    assert plan.categories[0].declared_count == 2
    assert plan.projects[0].lead_units == ["区教育局"]
    assert plan.projects[0].partner_units == ["区财政局", "区住建局"]


def test_page_numbers_do_not_break_an_item():
    plan = parse_notice("一、救助（1项）\n1.为 559 名残疾人提供康\n\n— 3 —\n\n复救助。（牵头单位：区残联）\n")
    assert plan.projects[0].content == "为 559 名残疾人提供康复救助。"
    assert plan.unplaced_lines == ["— 3 —"]


def test_items_and_measures_numbered_alike():
    text = (
        "一、就业（2项）\n1.新增就业 100 人。（牵头单位：区人社局）\n推进措施：\n1.开展招聘会。\n2.落实补贴。\n"
        "2.培训 50 人次。（牵头单位：区商务局）\n推进措施：\n1.组织培训。\n"
    )
    plan = parse_notice(text)
    assert [(p.seq, [m.text for m in p.measures]) for p in plan.projects] == [
        ("1", ["开展招聘会。", "落实补贴。"]),
        ("2", ["组织培训。"]),
    ]


def test_measures_numbered_in_brackets_under_cn_items():
    text = "一、就业（1项）\n（一）新增就业 100 人。（牵头单位：区人社局）\n推进措施：\n（1）开展招聘会；\n（2）落实补贴。\n"
    plan = parse_notice(text)
    assert [(m.seq, m.text) for m in plan.projects[0].measures] == [("1", "开展招聘会；"), ("2", "落实补贴。")]


def test_no_categories_plain_list():
    plan = parse_notice(
        "2024年十件民生实事\n1.新建公厕 20 座。（牵头单位：城管局）\n2.改造老旧小区 5 个。（牵头单位：住建局）\n"
    )
    assert plan.categories == [] and [p.category for p in plan.projects] == [None, None]
    assert [i.target for p in plan.projects for i in p.indicators] == [20, 5]


def test_prose_heading_without_items_is_given_back():
    plan = parse_notice(
        "一、提高政治站位\n各单位要高度重视。\n二、就业（1项）\n1.新增就业 10 人。（牵头单位：人社局）\n"
    )
    assert [c.name for c in plan.categories] == ["就业"]
    assert plan.projects[0].category == 0
    assert "一、提高政治站位" in plan.unplaced_lines and "各单位要高度重视。" in plan.unplaced_lines


def test_chinese_numeral_date_and_signature():
    plan = parse_notice(
        "某某区民生办关于印发2024年民生实事的通知\n某某区民生工作领导小组办公室\n二〇二四年三月五日\n"
        "一、就业（1项）\n1.新增就业 10 人。（牵头单位：人社局）\n"
    )
    assert plan.issued_date == "2024-03-05"
    assert (
        plan.issuing_office == "某某区民生工作领导小组办公室"
    )  # the signature above the date, not the title's short form


def test_project_table_from_a_docx():
    rows = [
        "2024年民生实事项目清单",
        "序号\t项目名称\t目标任务\t牵头单位\t配合单位",
        "一、促进就业（2项）\t一、促进就业（2项）\t一、促进就业（2项）\t\t",
        "1\t稳定就业\t城镇新增就业 1.2 万人。\t区人社局\t区财政局、区工商联",
        "2\t家政培训\t培训家政服务人员 600 人次，\t区商务局\t",
        "\t\t新增家政服务人员 100 人。\t\t",
        "二、社会保障（1项）\t二、社会保障（1项）\t二、社会保障（1项）\t\t",
        "3\t低保提标\t低保应保尽保。\t区民政局\t",
    ]
    plan = parse_notice("\n".join(rows))
    assert [(c.name, c.declared_count) for c in plan.categories] == [("促进就业", 2), ("社会保障", 1)]
    assert [(p.seq, p.name, p.category, p.lead_units, p.partner_units) for p in plan.projects] == [
        ("1", "稳定就业", 0, ["区人社局"], ["区财政局", "区工商联"]),
        ("2", "家政培训", 0, ["区商务局"], []),
        ("3", "低保提标", 1, ["区民政局"], []),
    ]
    assert plan.projects[1].content == "培训家政服务人员 600 人次，新增家政服务人员 100 人。"
    assert numbers(plan.projects[1]) == [(600, "人次", ">="), (100, "人", ">=")]
    assert plan.projects[2].indicators[0].target_text == "应保尽保"
    assert plan.year == 2024 and plan.unplaced_lines == []


def test_bracketed_category_headings_and_bare_units_at_the_end():
    plan = parse_notice(
        "（一）促进就业（2项）\n1.新增就业 100 人。责任单位：区人社局。\n"
        "2.培训 50 人次，牵头单位：区商务局、区妇联\n（二）社会保障（1项）\n3.低保提标。（牵头单位：区民政局）\n"
    )
    assert [c.name for c in plan.categories] == ["促进就业", "社会保障"]
    assert [(p.content, p.lead_units) for p in plan.projects] == [
        ("新增就业 100 人。", ["区人社局"]),
        ("培训 50 人次", ["区商务局", "区妇联"]),
        ("低保提标。", ["区民政局"]),
    ]


def test_money_amounts_are_neither_targets_nor_rates():
    plan = parse_notice(
        "一、建设（1项）\n1.新建5G基站 300 个，完成投资 2.5 亿元；投资10亿元以上项目10个。（牵头单位：发改委）\n"
    )
    project = plan.projects[0]
    assert [(i.name, i.target, i.unit) for i in project.indicators] == [
        ("新建5G基站", 300, "个"),
        ("投资10亿元以上项目", 10, "个"),
    ]
    assert project.rates == []


def test_numbering_restarting_under_each_category():
    text = (
        "一、就业（2项）\n（一）新增就业 100 人。（牵头单位：人社局）\n（二）培训 50 人次。（牵头单位：商务局）\n"
        "二、社保（1项）\n（一）低保提标。（牵头单位：民政局）\n"
        "附件1\n推进措施\n一、就业（2项）\n（一）新增就业 100 人。（牵头单位：人社局）\n推进措施：\n1.招聘会。\n"
        "二、社保（1项）\n（一）低保提标。（牵头单位：民政局）\n推进措施：\n1.提标。\n"
    )
    plan = parse_notice(text)
    assert [(p.seq, p.category, [m.text for m in p.measures]) for p in plan.projects] == [
        ("（一）", 0, ["招聘会。"]),
        ("（二）", 0, []),
        ("（一）", 1, ["提标。"]),
    ]
    assert not plan.notes


def test_category_of_city_tasks():
    plan = parse_notice(
        "一、就业（1项）\n1.新增就业 10 人。（牵头单位：人社局）\n二、属市级任务（1项）\n2.快递进村。\n"
        "三、市级民生实事（1项）\n3.新增健身场所 3 个。（牵头单位：教体局）\n"
    )
    assert [(p.task_level, p.task_level_text) for p in plan.projects] == [
        ("local", None),
        ("city", "属市级任务"),
        ("local", None),
    ]


def test_attachment_pasted_alone():
    text = seed_text(LIESHAN)
    plan = parse_notice(text[text.index("附件 1\n") :])
    assert (plan.title, plan.year, len(plan.projects), len(plan.categories)) == ("2023年50项民生实事", 2023, 50, 10)
    assert [p.seq for p in plan.projects][:2] == ["（一）", "（二）"]
    assert by_number(plan, 39).task_level_text == "烈山区无任务"
    assert sum(len(p.measures) for p in plan.projects) == sum(LIESHAN_MEASURES.values())
