"""修改记录 in a clerk's words: no field names, no UUIDs, the 填报人 rather than the account."""

from __future__ import annotations

import re

from msdesk import audit, file_settings, plans, progress

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


def _texts(store, period="2023Q3"):
    return [x.text for x in audit.clerk_lines(store, current_period=period)]


def test_figure_edit_reads_like_the_clerk_says_it(store, small_plan):
    i3 = small_plan["indicators"][2]
    with store.transaction():
        progress.set_actual(store, i3, "2023Q3", "3")
    with store.transaction():
        progress.set_actual(store, i3, "2023Q3", "5")
    texts = _texts(store)
    assert texts[0] == "第7项 指标“残疾人康复救助” 本期累计 由 3 改为 5"
    assert texts[1] == "第7项 指标“残疾人康复救助” 本期累计 填写为 3"
    # the same edit seen while another period is open names its period
    assert _texts(store, "2023Q4")[0] == "第7项 指标“残疾人康复救助” 2023年第3季度累计 由 3 改为 5"


def test_narrative_settings_and_project_fields(store, small_plan):
    p3 = small_plan["projects"][2]
    with store.transaction():
        progress.set_report_field(store, p3, "2023Q3", "progress_note", "已完成康复评估 320 人")
    with store.transaction():
        progress.set_report_field(store, p3, "2023Q3", "funds_spent", "12.5")
    with store.transaction():
        plans.update_project(store, p3, task_level="city")
    file_settings.write(store, {"warn.yellow_gap": 5})
    texts = _texts(store)
    assert "第7项 任务级别 由 本级任务 改为 市级任务" in texts
    assert "第7项 本期已支出资金（万元） 填写为 12.5" in texts
    assert "第7项 本期进展情况 填写为 已完成康复评估 320 人" in texts
    assert "文件设置 黄灯：落后序时进度（百分点）达到 由 10 改为 5" in texts


def test_who_is_the_preparer_and_nothing_internal_shows(store, small_plan):
    with store.transaction():
        progress.set_actual(store, small_plan["indicators"][0], "2023Q3", "1200")
    lines = audit.clerk_lines(store, limit=1000)
    assert lines and {x.who for x in lines} == {"李干事"}  # offices.preparer, not the OS account 测试员
    for x in lines:
        assert not UUID.search(x.text), x.text
        assert not re.search(r"[a-z]+_[a-z]+|=", x.text), x.text  # no indicator_id=…, no field names
    # the small plan's creation reads as a plan, its projects by 序号
    texts = [x.text for x in lines]
    assert "新建计划“烈山区2023年实施50项民生实事”" in texts and "新增项目 第7项" in texts
    assert "第6项 新增牵头单位“区民政局”" in texts
