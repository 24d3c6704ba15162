"""The notice pipeline on the shapes notices take: 一、 items with 推进措施, tables flattened one cell per line,
task tables extracted from a PDF, labelled lines — and nothing lost: coverage and unread lines."""

from __future__ import annotations

import pytest

from msdesk.errors import MsdeskError
from msdesk.notice import parse_notice
from msdesk.notice.deadlines import phrases
from msdesk.notice.parse import NotANoticeError

YI_ITEMS = """\
2026年民生实事落实方案
一、实施城乡居民增收行动，城镇新增就业 1.2 万人。（牵头单位：市人社局）
推进措施：
1.3月底前下达各县区就业目标。
2.8月底前完成求职创业补贴发放。
3.每季度通报进度。
二、实施老年助餐行动，新增助餐点 30 个。（牵头单位：市民政局
推进措施：
1.4月底前下达建设任务。
2.10月底前完成验收。三、实施便民停车行动，新增公共泊位 2000 个。（牵头单位：市城管局）
推进措施：
1.11月底前完成泊位施划。
"""


def test_yi_items_with_measures():
    plan = parse_notice(YI_ITEMS)
    assert [(p.seq, p.lead_units) for p in plan.projects] == [
        ("一", ["市人社局"]),
        ("二", ["市民政局"]),
        ("三", ["市城管局"]),
    ]
    first = plan.projects[0]
    assert [(m.seq, m.text) for m in first.measures] == [
        ("1", "3月底前下达各县区就业目标。"),
        ("2", "8月底前完成求职创业补贴发放。"),
        ("3", "每季度通报进度。"),
    ]
    assert plan.projects[1].measures[-1].text == "10月底前完成验收。"  # the glued next item is cut off
    assert plan.projects[2].indicators[0].target == 2000
    assert plan.categories == [] and plan.unplaced_lines == []


def test_yi_heading_with_items_under_it_stays_a_category():
    plan = parse_notice(
        "一、促进就业\n1.新增就业 300 人。（牵头单位：县人社局）\n2.培训 900 人次。（牵头单位：县人社局）\n"
    )
    assert [c.name for c in plan.categories] == ["促进就业"]
    assert [(p.seq, p.category) for p in plan.projects] == [("1", 0), ("2", 0)]


BREAKDOWN_ONE_CELL_PER_LINE = """\
2026年民生实事目标任务分解表

序号

民生实事

责任单位

完成时限

1

新建人行天桥 3 座。

县住建局

9月投入使用

2

开工建设社会福利中心养护楼。

县民政局

县代建中心

5月底前动工

建成老年大学。

12月底前

3

改造老旧小区 12 个。

县住建局

年底前
"""


def test_table_rebuilt_from_one_cell_per_line():
    plan = parse_notice(BREAKDOWN_ONE_CELL_PER_LINE)
    got = [(p.seq, p.lead_units, p.deadline) for p in plan.projects]
    assert got == [
        ("1", ["县住建局"], "9月投入使用"),
        ("2", ["县民政局", "县代建中心"], "12月底前"),
        ("3", ["县住建局"], "年底前"),
    ]
    second = plan.projects[1]
    assert second.content.startswith("开工建设社会福利中心养护楼。") and "建成老年大学" in second.content
    # each sub-task keeps its own 完成时限
    assert [i.deadline for i in second.indicators] == ["5月底前动工", "12月底前"]
    assert plan.coverage > 0.9 and plan.unread_lines == []


PDF_TASK_TABLE = """\
附件

某区2026年民生实事任务清单

序号\t牵头单位\t实 施 内 容\t推 进 措 施\t备注

1\t区人社局\t新增城镇就业 4200 人。\t(1)每月组织专场招聘。

(2)开发公益性岗位 260 个。
(3)募集见习岗位 120 个。\t

\t区商务局\t培训家政服务人员 2100 人次。\t(1)实施技能升级行动。(2)推动家政进社区。\t

3\t\t实施农村敬老院运营补助。\t\t无任务

4\t区卫生健康 委员会\t新生儿听力筛查率达到 95%以上。\t(1)落实免费筛查政策。

—6—

序号\t牵头单位\t实 施 内 容\t推 进 措 施\t备注

\t\t\t(2)加强随访管理。\t

5\t区教体局\t实施乡村教师培训。\t(1)按省统一部署组织参训。\t省级任务为乡村教师全员培训

区级重点民生实事（2项）

序号\t项目名称\t实 施 内 容\t牵头单位\t完成时限

1\t城南中学扩建\t新增学位 900 个。\t区教体局\t8月底前

2\t口袋公园建设\t建设口袋公园 6 个。\t区城管局\t6月30日前
"""


def test_task_table_extracted_from_a_pdf():
    plan = parse_notice(PDF_TASK_TABLE)
    got = [(p.seq, p.lead_units, p.task_level) for p in plan.projects]
    assert got == [
        ("1", ["区人社局"], "local"),
        ("2", ["区商务局"], "local"),
        ("3", [], "none"),
        ("4", ["区卫生健康委员会"], "local"),
        ("5", ["区教体局"], "province"),
        ("1", ["区教体局"], "local"),
        ("2", ["区城管局"], "local"),
    ]
    first, second, _third, fourth, fifth = plan.projects[:5]
    assert [m.seq for m in first.measures] == ["1", "2", "3"]  # (1)(2)(3) are measures, never items
    assert [m.text for m in second.measures] == ["实施技能升级行动。", "推动家政进社区。"]
    assert any("序号在原文中缺失" in n for n in second.notes)  # the lost number is renumbered, and said so
    assert [m.text for m in fourth.measures] == ["落实免费筛查政策。", "加强随访管理。"]  # across the page break
    assert fifth.task_level_text == "省级任务为乡村教师全员培训"
    # the second list is its own category and keeps its names and deadlines
    assert [(c.name, c.declared_count) for c in plan.categories] == [("区级重点民生实事", 2)]
    assert [(p.name, p.deadline, p.category) for p in plan.projects[5:]] == [
        ("城南中学扩建", "8月底前", 0),
        ("口袋公园建设", "6月30日前", 0),
    ]
    assert plan.unread_lines == [] and plan.coverage == 1.0  # the page number and repeated header are furniture


LABELLED = """\
1.新开通公交线路 12 条。
牵头领导：张三  责任单位：市交通运输局  项目责任人：李四  配合单位：市公安局、市财政局
2.建成城市书房 20 家。
责任单位：
市文广旅游局
时间节点：10月底前
"""


def test_labelled_lines():
    plan = parse_notice(LABELLED)
    assert [(p.lead_units, p.partner_units, p.deadline) for p in plan.projects] == [
        (["市交通运输局"], ["市公安局", "市财政局"], None),
        (["市文广旅游局"], [], "10月底前"),
    ]
    assert plan.unplaced_lines == [] and plan.coverage == 1.0


def test_first_listed_unit_leads_when_the_notice_says_so():
    text = (
        "（一）幼有善育\n1.新增普惠性托位 1500 个。\n责任单位：市卫生健康委、市教育局（列第一位者为牵头单位，下同）\n"
        "2.新建公办幼儿园 8 所。\n责任单位：市教育局、市发展改革委\n"
    )
    plan = parse_notice(text)
    assert [c.name for c in plan.categories] == ["幼有善育"]
    assert [(p.lead_units, p.partner_units) for p in plan.projects] == [
        (["市卫生健康委"], ["市教育局"]),
        (["市教育局"], ["市发展改革委"]),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年完成，12月底前建成。", ["12月底前建成"]),
        ("9月投入使用", ["9月投入使用"]),
        ("5月底前动工", ["5月底前动工"]),
        ("6月30日前完成验收", ["6月30日前完成"]),
        ("年底前完成改造", ["年底前完成"]),
        ("开展 3 次培训", []),
    ],
)
def test_deadline_phrases(text, expected):
    assert phrases(text) == expected


def test_sub_tasks_in_one_item_keep_their_deadlines():
    plan = parse_notice("1.新建养护楼 1 栋，5月底前动工；改造老年大学 2 所，12月底前完成。（牵头单位：县民政局）\n")
    project = plan.projects[0]
    assert [(i.target, i.deadline) for i in project.indicators] == [(1, "5月底前动工"), (2, "12月底前完成")]
    assert project.deadline == "12月底前完成"


def test_deadline_label_in_the_item():
    plan = parse_notice("①新建社区服务中心 2 个。责任单位：社区建设办；完成时限：9月底前。\n")
    assert (plan.projects[0].lead_units, plan.projects[0].deadline) == (["社区建设办"], "9月底前")
    assert plan.projects[0].content == "新建社区服务中心 2 个。"


def test_coverage_and_unread_lines():
    text = (
        "各县直单位：\n今年以来民生投入持续加大。\n现将项目清单印发给你们，请认真落实。\n"
        "1.新增就业 300 人。（牵头单位：县人社局）\n— 2 —\n抄送：县委办。\n县政府办公室\n2026年3月1日\n"
    )
    plan = parse_notice(text)
    # the letter (salutation, 现将…印发给你们, signature, date), page number and 抄送 are read; the prose is not
    assert plan.unread_lines == [2]
    total = sum(len(line.replace(" ", "")) for line in text.splitlines())
    assert plan.coverage == pytest.approx(1 - len("今年以来民生投入持续加大。") / total, abs=1e-3)
    assert plan.to_dict()["coverage"] == plan.coverage
    assert "今年以来民生投入持续加大。" in plan.unplaced_lines


def test_every_line_is_read_or_unplaced():
    plan = parse_notice(PDF_TASK_TABLE + "\n各单位要按时报送进展。\n")
    assert "各单位要按时报送进展。" in plan.unplaced_lines
    lines = PDF_TASK_TABLE.splitlines() + ["", "各单位要按时报送进展。"]
    assert plan.unread_lines == [len(lines)]


@pytest.mark.parametrize(
    "text",
    [
        "序号\t项目名称\t目标任务\t累计完成\t完成率\n1\t新增就业\t300\t330\t110%\n",
        "祁山县1-9月民生工程进度表\n序号 |\n项目名称 |\n目标任务 |\n累计完成 |\n累计进度 |\n1 |\n新增就业 |\n300 |\n330 |\n",
        "截至9月底，全区民生实事累计完成投资 3 亿元。\n1.新增就业累计完成 330 人，完成率 110%。\n"
        "2.培训累计完成 900 人次，完成率 100%。\n3.改造累计完成 12 个，完成率 100%。\n",
    ],
)
def test_progress_tables_and_reports_are_refused(text):
    with pytest.raises(NotANoticeError, match="msdesk import progress") as caught:
        parse_notice(text)
    assert isinstance(caught.value, MsdeskError) and caught.value.exit_code == 4


def test_a_notice_with_a_completion_rate_target_is_not_refused():
    plan = parse_notice("1.城乡居民医保参保率达到 95%，按时完成率 100%。（牵头单位：区医保局）\n")
    assert len(plan.projects) == 1


def test_rows_pasted_from_excel_with_quoted_multiline_cells():
    text = (
        "序号\t项目名称\t建设内容\t牵头单位\t推进措施\n"
        '1\t卫生院改扩建\t"新建门诊楼 1 栋，\n改造病房 40 间。"\t镇卫健办\t"(1)3月底前完成设计。\n(2)5月底前动工。"\n'
        '2\t"颐养之家\n建设"\t新建颐养之家 5 个。\t"镇民政办\n镇财政所"\t(1)年底前投入使用。\n'
    )
    plan = parse_notice(text)
    first, second = plan.projects
    assert (first.name, first.lead_units, [m.text for m in first.measures]) == (
        "卫生院改扩建",
        ["镇卫健办"],
        ["3月底前完成设计。", "5月底前动工。"],
    )
    assert [i.target for i in first.indicators] == [1, 40]
    assert (second.name, second.lead_units) == ("颐养之家建设", ["镇民政办", "镇财政所"])
    assert plan.unread_lines == [] and plan.coverage == 1.0


def test_sub_row_led_by_another_unit_adds_its_lead():
    text = (
        "序号\t项目名称\t主要内容\t牵头单位\n3\t老街区复兴\t完成街区修缮 1 处。\t区文体旅局\n"
        "\t\t完成道路整治 5 条。\t区住建局\n4\t养老服务\t改造 260 户。\t区民政局\n"
    )
    plan = parse_notice(text)
    assert [(p.seq, p.lead_units) for p in plan.projects] == [("3", ["区文体旅局", "区住建局"]), ("4", ["区民政局"])]
    assert [i.target for i in plan.projects[0].indicators] == [1, 5]


def test_inline_task_marker_and_remarks_column():
    plan = parse_notice("6、推进县域医共体建设，省级任务为全省县域医共体全覆盖。\n")
    assert (plan.projects[0].task_level, plan.projects[0].task_level_text) == (
        "province",
        "省级任务为全省县域医共体全覆盖",
    )
    rows = (
        "序号 |\n项目名称 |\n目标任务 |\n牵头单位 |\n备注 |\n1 |\n公墓建设 |\n新建公墓 6 个 |\n县民政局 |\n"
        "按照工程进度测算 |\n2 |\n长期护理保险 |\n制定实施方案 |\n县医保局 |\n省级任务 |\n"
    )
    plan = parse_notice(rows)
    assert [(p.seq, p.name, p.task_level) for p in plan.projects] == [
        ("1", "公墓建设", "local"),
        ("2", "长期护理保险", "province"),
    ]


def test_table_typed_with_spaces_and_a_units_bracket_with_its_deadline():
    plan = parse_notice(
        "序 号  项目名称  实施内容  牵头单位\n1  城北公园  新建公园 1 个  区城管局\n"
        "2  助餐点  新增助餐点 20 个  区民政局\n"
    )
    assert [(p.seq, p.name, p.lead_units) for p in plan.projects] == [
        ("1", "城北公园", ["区城管局"]),
        ("2", "助餐点", ["区民政局"]),
    ]
    plan = parse_notice("1、新建公办幼儿园 2 所（责任单位：县教育局，完成时限：2026年8月底前）\n")
    assert (plan.projects[0].lead_units, plan.projects[0].deadline) == (["县教育局"], "2026年8月底前")


def test_table_without_a_seq_column_is_numbered_in_order():
    plan = parse_notice(
        "项目名称\t建设内容\t责任单位\t完成时间\n城北公园\t新建公园 1 个\t区城管局\t10月底前\n"
        "助餐点\t新增助餐点 20 个\t区民政局\t年底前\n"
    )
    assert [(p.seq, p.name, p.lead_units, p.deadline) for p in plan.projects] == [
        ("1", "城北公园", ["区城管局"], "10月底前"),
        ("2", "助餐点", ["区民政局"], "年底前"),
    ]


def _laid_out(*rows) -> str:
    """Lines as pdftotext -layout writes them: each piece of text at its column's position."""
    starts = [0, 6, 17, 45, 70]
    out = []
    for row in rows:
        line = ""
        for start, text in zip(starts, row):
            if text:
                line = line.ljust(start) + text
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


HEADER_ROW = ("序号", "牵头单位", "实施内容", "推进措施", "备注")
LAYOUT = _laid_out(
    HEADER_ROW,
    (),
    ("", "", "", "(1)3月底前下达任务。"),
    ("", "", "新增托位 450 个，公办园在园"),
    ("1", "区教体局", "", "(2)9月底前完成验收。"),
    ("", "", "幼儿占比达到 60%。"),
    (),
    ("", "区卫生健康委员", "新生儿听力筛查率达到 95%", "(1)落实免费筛查政策。"),
    ("2",),
    ("", "会", "以上。"),
    (),
    (),
    ("", "", "", "—1—"),
    HEADER_ROW,
    (),
    ("", "", "", "(2)加强随访管理。"),
    (),
    ("3", "", "推动“快递进村”。", "", "属市级任务"),
)


def test_table_laid_out_with_spaces_as_pdftotext_writes_it():
    plan = parse_notice(LAYOUT)
    got = [(p.seq, p.lead_units, p.task_level, [m.text for m in p.measures]) for p in plan.projects]
    assert got == [
        ("1", ["区教体局"], "local", ["3月底前下达任务。", "9月底前完成验收。"]),
        ("2", ["区卫生健康委员会"], "local", ["落实免费筛查政策。", "加强随访管理。"]),
        ("3", [], "city", []),
    ]
    assert [i.target for i in plan.projects[0].indicators] == [450, 60]
    assert plan.unread_lines == []


def test_layout_sub_tasks_with_their_own_deadlines_and_a_crowded_unit():
    text = (
        "序号   民生实事                      责任单位       完成时限\n\n"
        "                            县水务局\n"
        "1    启动建设城北河道综合治理工程和湿地公园。 县住建局          12月底前\n\n"
        "     开工建设县社会福利中心养护楼。                      5月底前动工\n"
        "2                              县民政局\n"
        "     开工建设县老年大学。                           12月底前\n"
    )
    plan = parse_notice(text)
    first, second = plan.projects
    assert (first.lead_units, first.deadline) == (["县水务局", "县住建局"], "12月底前")
    assert first.content == "启动建设城北河道综合治理工程和湿地公园。"
    assert (second.seq, second.lead_units, second.deadline) == ("2", ["县民政局"], "12月底前")
    assert [i.deadline for i in second.indicators] == ["5月底前动工", "12月底前"]
