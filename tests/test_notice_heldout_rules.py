"""The general rules added when the pipeline was tried on notice shapes it had not seen (held-out files in
tests/data/notices: qiantou-suffix-paren, division-label-lines, small-stop-lead-labels, keyword-blocks-schedule,
bullet-news-list, inline-numbered-resolution, investment-plan-table). Each test uses text of its own, not the
corpus file, so the rule is shown to hold beyond the file that prompted it."""

from __future__ import annotations

from msdesk.notice import parse_notice
from msdesk.unit_names import split_units


def _by_seq(plan):
    return {p.seq: p for p in plan.projects}


def test_units_named_by_verb_in_a_bracket_and_in_a_division_label():
    plan = parse_notice(
        "2026年民生实事\n一、教育\n"
        "1.新建学校2所。（县教育局、县财政局牵头，县住建局配合，各镇按职责分工负责）\n"
        "2.新增托位300个。\n部门分工：县卫健委牵头，县妇联协助。\n"
    )
    one, two = _by_seq(plan)["1"], _by_seq(plan)["2"]
    assert one.lead_units == ["县教育局", "县财政局"] and one.partner_units == ["县住建局"]
    assert "牵头" not in one.content and one.content.startswith("新建学校2所")
    assert two.lead_units == ["县卫健委"] and two.partner_units == ["县妇联"]


def test_small_full_stop_numbers_items_and_lead_labels_read_with_their_full_stop():
    plan = parse_notice(
        "2026年民生实事\n1﹒新建公厕12座。\n牵头负责领导：张三。\n牵头责任单位：县城管局。\n"
        "协同责任单位：各乡镇、县财政局等。\n2﹒改造路灯300盏。\n牵头责任单位：县住建局。\n"
    )
    assert [p.seq for p in plan.projects] == ["1", "2"]
    first = plan.projects[0]
    assert first.lead_units == ["县城管局"] and first.partner_units == ["各乡镇", "县财政局"]
    assert plan.coverage == 1.0


def test_unnumbered_items_above_their_labels_take_the_schedule_as_deadline_and_stop_at_the_next_item():
    plan = parse_notice(
        "2026年十件实事分解\n就业\n新增城镇就业800人。\n主管领导：李四\n责任单位：县人社局\n"
        "进度安排：6月底前完成一半；12月底前全部完成。\n新建社区食堂5个。\n主管领导：王五\n"
        "责任单位：县民政局\n进度安排：10月底前建成。\n（记者 赵六）\n"
    )
    assert [(p.seq, p.lead_units, p.deadline) for p in plan.projects] == [
        ("1", ["县人社局"], "6月底前完成一半；12月底前全部完成"),
        ("2", ["县民政局"], "10月底前建成"),
    ]
    assert plan.projects[1].content == "新建社区食堂5个。"  # the byline below is not the item's text
    assert [c.name for c in plan.categories] == ["就业"]
    assert "（记者 赵六）" in plan.unplaced_lines


def test_bullets_are_items_numbered_in_order_under_their_short_titles():
    plan = parse_notice(
        "2026年民生实事项目出炉\n教育\n- 新建学校1所。\n- 新增学位900个。\n交通\n• 新建公交站台40个。\n"
        "(来源：县融媒体中心)\n"
    )
    assert [(p.seq, plan.categories[p.category].name) for p in plan.projects] == [
        ("1", "教育"),
        ("2", "教育"),
        ("3", "交通"),
    ]
    assert plan.projects[2].content == "新建公交站台40个。" and "按顺序编号" in plan.projects[0].notes[0]


def test_a_page_number_with_dashes_is_not_a_bullet():
    plan = parse_notice("2026年民生实事\n1.新建学校1所。\n- 2 -\n2.新增学位900个。\n- 3 -\n")
    assert [p.seq for p in plan.projects] == ["1", "2"] and plan.categories == []


def test_numbers_inside_one_paragraph_are_items_and_the_paragraph_ends_the_last_one():
    plan = parse_notice(
        "县人大决议\n经表决，确定2026年民生实事项目3件，分别是：(1)新建学校1所。(2)新增学位900个。"
        "(3)改造道路12公里。\n会议要求县政府抓好落实。\n"
    )
    assert [(p.seq, p.content) for p in plan.projects] == [
        ("(1)", "新建学校1所。"),
        ("(2)", "新增学位900个。"),
        ("(3)", "改造道路12公里。"),
    ]
    assert 0 < plan.coverage < 1  # the preamble and the closing paragraph are not read


def test_two_inline_numbers_are_not_a_list():
    plan = parse_notice("2026年民生实事\n1.新建学校1所，其中(1)小学。(2)初中。\n")
    assert len(plan.projects) == 1


def test_a_table_row_cut_inside_a_cell_is_joined():
    plan = parse_notice(
        "2026年项目计划表\n序号\t项目名称\t建设内容\t总投资（万元）\t责任单位\t完成时间\n"
        "1\t城北学校\t新建学校1所，\n新增学位900个。\t5000\t县教育局\t2026年8月\n"
        "2\t道路改造\t改造道路12公里。\t800\t县交通局\t2026年10月\n"
    )
    one = _by_seq(plan)["1"]
    assert one.content.startswith("新建学校1所，新增学位900个") and one.lead_units == ["县教育局"]
    assert one.deadline == "2026年8月" and plan.unplaced_lines == []
    assert [(i.target, i.unit) for i in one.indicators] == [(1, "所"), (900, "个")]  # 总投资 is not a target


def test_a_separator_inside_brackets_does_not_split_a_unit_name():
    assert split_units("各县（市、区）政府、市财政局等") == ["各县（市、区）政府", "市财政局"]
    assert split_units("区民政局、区财政局") == ["区民政局", "区财政局"]
    assert split_units("县水务局\n县住建局") == ["县水务局", "县住建局"]


def _hard_wrap(text: str, width: int) -> str:
    """What a PDF's text layer does: every line broken at the page width, page numbers in between."""
    out, count = [], 0
    for line in text.splitlines():
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
            count += 1
            if count % 5 == 0:
                out.append(f"— {count // 5} —")
        out.append(line)
    return "\n".join(out)


def test_hard_wrapped_unnumbered_items_and_their_schedules_read_as_unwrapped():
    text = (
        "2026年十件实事任务分解表公布，主管领导和责任单位一并公开\n就业\n"
        "新增城镇就业800人，开展职业技能培训1200人次。\n主管领导：李四\n责任单位：县人力资源社会保障局\n"
        "进度安排：6月底前完成全年任务的一半；12月底前全部完成。\n"
        "新建社区食堂5个，为困难老人送餐300人。\n主管领导：王五\n责任单位：县民政局、县财政局\n"
        "进度安排：5月底前完成选址；10月底前全部建成投用。\n"
    )
    expected = [(p.seq, p.content, p.lead_units, p.deadline) for p in parse_notice(text).projects]
    assert len(expected) == 2
    for width in (16, 19, 23):
        assert [
            (p.seq, p.content, p.lead_units, p.deadline) for p in parse_notice(_hard_wrap(text, width)).projects
        ] == expected, width


def test_a_hard_wrapped_paragraph_of_numbered_items():
    text = (
        "县人大决议\n经全体代表投票表决，确定2026年县政府民生实事项目4件，分别是：(1)新建城北学校，新增学位1800个。"
        "(2)改造提升农贸市场5个。(3)新建城市公共停车泊位1200个。(4)新改建农村公路60公里。\n会议要求县政府抓好落实。\n"
    )
    plan = parse_notice(_hard_wrap(text, 20))
    assert [(p.seq, p.content) for p in plan.projects] == [
        ("(1)", "新建城北学校，新增学位1800个。"),
        ("(2)", "改造提升农贸市场5个。"),
        ("(3)", "新建城市公共停车泊位1200个。"),
        ("(4)", "新改建农村公路60公里。"),
    ]
