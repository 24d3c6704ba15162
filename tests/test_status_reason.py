"""Why a row reads 滞后 at 75% against 75%, and one status palette for chart, list and tables."""

from __future__ import annotations

from msdesk import overview, palette, progress, status


def test_reason_names_the_indicator_behind_the_light(store, small_plan):
    i1, i2 = small_plan["indicators"][:2]
    with store.transaction():
        progress.set_actual(store, i1, "2023Q3", "3750")  # 100 %
        progress.set_actual(store, i2, "2023Q3", "325")  # 50 %: mean 75 % = 序时进度 75 %
    row = next(r for r in overview.project_rows(store, small_plan["plan"], "2023Q3") if r.project["seq"] == "3")
    assert round(row.assessment.completion, 3) == 0.75 and row.assessment.status == status.LAGGING
    why = status.reason(row.assessment, [(i.indicator["name"], i.assessment) for i in row.indicators])
    assert why == (
        "完成率 75.0% 是各指标的平均值；指标“新增家政服务人员”完成 50.0%（滞后（黄灯）），"
        "项目按最落后的指标计为滞后（黄灯）。"
    )


def test_reason_for_a_part_not_started(store, small_plan):
    i1 = small_plan["indicators"][0]
    with store.transaction():
        progress.set_actual(store, i1, "2023Q1", "3750")
    row = next(r for r in overview.project_rows(store, small_plan["plan"], "2023Q1") if r.project["seq"] == "3")
    why = status.reason(row.assessment, [(i.indicator["name"], i.assessment) for i in row.indicators])
    assert "指标“新增家政服务人员”尚未启动" in why and why.endswith(f"计为{status.status_text(row.assessment)}。")


def test_no_reason_when_the_figures_say_it(store, small_plan):
    i3 = small_plan["indicators"][2]
    with store.transaction():
        progress.set_actual(store, i3, "2023Q3", "100")  # one indicator, 17.9 % against 75 %
    rows = overview.project_rows(store, small_plan["plan"], "2023Q3")
    for row in rows:
        assert status.reason(row.assessment, [(i.indicator["name"], i.assessment) for i in row.indicators]) is None


def test_one_palette_and_no_light_colour_means_two_things():
    assert set(palette.LIGHT) == {status.RED, status.YELLOW, status.GREEN, status.NONE}
    assert set(palette.STATUS) == set(status.STATUSES)
    # 未启动 must not be drawn in the amber of 黄灯 (the list may say 红灯 for the same project)
    assert palette.STATUS[status.NOT_STARTED] not in (
        palette.LIGHT[status.YELLOW],
        palette.LIGHT[status.RED],
        palette.LIGHT[status.GREEN],
    )
    assert palette.xlsx_colour("#e53935") == "FFE53935"
    from ui import status_style  # the screens draw from the same palette

    assert status_style.STATUS_COLOURS is palette.STATUS and status_style.DOT is palette.LIGHT
