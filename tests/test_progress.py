"""Quarterly figures through the core: validation, narrative, funds, sign-off, overview."""

import pytest

from msdesk import overview, progress, status
from msdesk.errors import ValidationError


def put(store, indicator, period, raw):
    with store.transaction():
        return progress.set_actual(store, indicator, period, raw)


@pytest.mark.parametrize("raw, value", [("1,234", 1234.0), ("１２３", 123.0), (" 98.5 ", 98.5), ("", None)])
def test_numbers_as_clerks_type_them(raw, value):
    assert progress.parse_number(raw) == value


@pytest.mark.parametrize(
    "raw, message",
    [
        ("abc", "不是数字"),
        ("12a", "不是数字"),
        ("-5", "不能为负数"),
        ("20000", "超过目标值"),
        ("9" * 16, "过大"),
    ],
)
def test_invalid_actual_is_refused_and_nothing_written(store, small_plan, raw, message):
    ind = small_plan["indicators"][2]  # 残疾人康复救助, target 559
    with pytest.raises(ValidationError, match=message):
        put(store, ind, "2023Q1", raw)
    assert store.rows("progress") == []


def test_cumulative_may_not_fall_below_last_period(store, small_plan):
    ind = small_plan["indicators"][2]
    put(store, ind, "2023Q1", "200")
    with pytest.raises(ValidationError, match="小于上期已报的 200"):
        put(store, ind, "2023Q2", "150")
    assert progress.progress_row(store, ind, "2023Q2") is None
    assert put(store, ind, "2023Q2", "300") == 300
    assert progress.previous_actual(store, ind, "2023Q3") == 300


def test_narrative_funds_and_signoff(store, small_plan):
    project = small_plan["projects"][2]
    with store.transaction():
        progress.set_report_field(store, project, "2023Q3", "progress_note", "已救助 420 名")
        progress.set_report_field(store, project, "2023Q3", "funds_planned", "120.5")
        progress.set_signoff(store, "2023Q3", report_date="2023-10-08")
    rep = progress.report(store, project, "2023Q3")
    assert (rep["progress_note"], rep["funds_planned"]) == ("已救助 420 名", 120.5)
    with pytest.raises(ValidationError, match="计划投资不能为负数"):
        with store.transaction():
            progress.set_report_field(store, project, "2023Q3", "funds_planned", "-1")
    assert progress.report(store, project, "2023Q3")["funds_planned"] == 120.5
    block = progress.signoff(store, "2023Q3")
    assert block == {"head": "张主任", "preparer": "李干事", "phone": "0561-1234567", "report_date": "2023-10-08"}


def test_overview_rows_carry_derived_figures(store, small_plan):
    i1, i2, i3, i4 = small_plan["indicators"]
    put(store, i3, "2023Q2", "200")
    put(store, i3, "2023Q3", "220")
    put(store, i1, "2023Q3", "3750")
    put(store, i2, "2023Q3", "500")
    with store.transaction():
        progress.set_qualitative(store, i4, "2023Q3", "已全部纳入保障", done=True)
    rows = {r.project["seq"]: r for r in overview.project_rows(store, small_plan["plan"], "2023Q3")}
    assert rows["7"].assessment.status == status.LAGGING and rows["7"].assessment.level == status.RED
    assert rows["7"].indicators[0].previous == 200
    assert rows["3"].assessment.status == status.ON_TRACK  # one indicator done, one at pace
    assert rows["3"].assessment.completion == pytest.approx((1.0 + 500 / 650) / 2)
    assert rows["12"].assessment.status == status.NO_TASK
    assert rows["6"].assessment.status == status.DONE
    assert rows["6"].lead_units == ["区总工会", "区民政局"]
    lagging = overview.lagging(list(rows.values()))
    assert [r.project["seq"] for r in lagging] == ["7"]
    by_cat = {s["label"]: s for s in overview.summary(list(rows.values()), lambda r: r.category)}
    assert by_cat["困难群体救助"]["projects"] == 2 and by_cat["困难群体救助"][status.LAGGING] == 1
