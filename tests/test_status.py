"""The rules for completion, 序时进度, status and warning level (msdesk/status.py)."""

import pytest

from msdesk import status as st
from msdesk.errors import ValidationError
from msdesk.periods import parse_period


@pytest.mark.parametrize(
    "code, expected",
    [
        ("2026Q1", 0.25),
        ("2026Q2", 0.5),
        ("2026Q3", 0.75),
        ("2026Q4", 1.0),
        ("2026-01", 1 / 12),
        ("2026-07", 7 / 12),
        ("2026年第3季度", 0.75),
    ],
)
def test_expected_pace(code, expected):
    assert parse_period(code).expected == pytest.approx(expected)


def test_period_labels_and_due_date():
    p = parse_period("2026Q3")
    assert (p.code, p.label, p.end_date.isoformat(), p.due_date().isoformat()) == (
        "2026Q3",
        "2026年第3季度",
        "2026-09-30",
        "2026-10-10",
    )
    assert parse_period("2026-12").end_date.isoformat() == "2026-12-31"


@pytest.mark.parametrize("bad", ["2026Q5", "Q3", "2026-13", "三季度", ""])
def test_bad_period_is_refused_in_chinese(bad):
    with pytest.raises(ValidationError, match="报告期"):
        parse_period(bad)


@pytest.mark.parametrize(
    "actual, target, comparator, baseline, expected",
    [
        (280, 559, ">=", None, 280 / 559),
        (0.6, 1.15, "~", None, 0.6 / 1.15),
        (99.9847, 99.9850, "=", 99.9844, 0.5),  # 从 99.9844% 提高到 99.9850%
        (3.0, 5.0, "<=", None, 1.0),  # within a ceiling
        (8.0, 4.0, "<=", None, 0.5),  # ceiling exceeded
        (None, 559, ">=", None, None),
    ],
)
def test_completion(actual, target, comparator, baseline, expected):
    result = st.completion(actual, target, comparator, baseline)
    assert result == (pytest.approx(expected) if expected is not None else None)


Q3 = 0.75


@pytest.mark.parametrize(
    "actual, status, level",
    [
        (559, st.DONE, st.GREEN),  # 100 %
        (600, st.DONE, st.GREEN),  # over-achieved
        (420, st.ON_TRACK, st.GREEN),  # 75.1 % vs 75 %: at pace
        (380, st.ON_TRACK, st.GREEN),  # 68 %: 7 points below, inside the tolerance
        (300, st.LAGGING, st.YELLOW),  # 53.7 %: 21 points below
        (220, st.LAGGING, st.RED),  # 39 %: 36 points below
        (None, st.NOT_STARTED, st.RED),  # nothing reported by Q3
        (0, st.NOT_STARTED, st.RED),
    ],
)
def test_number_assessment_at_q3(actual, status, level):
    a = st.assess_number(actual, 559, ">=", Q3)
    assert (a.status, a.level) == (status, level)


def test_not_started_in_q1_is_yellow_not_red():
    assert st.assess_number(None, 100, ">=", 0.25).level == st.YELLOW


def test_thresholds_are_configurable():
    strict = st.Thresholds(yellow_gap=5, red_gap=15)
    assert st.assess_number(380, 559, ">=", Q3, strict).level == st.YELLOW
    assert st.assess_number(300, 559, ">=", Q3, strict).level == st.RED


def test_thresholds_come_from_the_file(store):
    with store.transaction():
        store.set_setting("warn.yellow_gap", "5")
        store.set_setting("warn.red_gap", "15")
    assert st.Thresholds.from_store(store) == st.Thresholds(5.0, 15.0)


@pytest.mark.parametrize(
    "actual, expected, status, level",
    [
        (3.0, Q3, st.ON_TRACK, st.GREEN),
        (3.0, 1.0, st.DONE, st.GREEN),
        (6.0, Q3, st.LAGGING, st.RED),
        (None, Q3, st.NOT_STARTED, st.RED),
    ],
)
def test_ceiling_targets(actual, expected, status, level):
    a = st.assess_number(actual, 5.0, "<=", expected)
    assert (a.status, a.level) == (status, level)


@pytest.mark.parametrize(
    "done, reported, expected, status, level",
    [
        (True, True, Q3, st.DONE, st.GREEN),
        (False, True, Q3, st.ON_TRACK, st.GREEN),
        (False, False, 0.25, st.NOT_STARTED, st.YELLOW),
        (False, False, Q3, st.NOT_STARTED, st.RED),
    ],
)
def test_qualitative_targets(done, reported, expected, status, level):
    a = st.assess_qualitative(done, reported, expected)
    assert (a.status, a.level) == (status, level)


def test_assess_indicator_reads_rows():
    qual = {"kind": "qualitative", "target": None, "target_text": "应保尽保"}
    assert st.assess_indicator(qual, {"actual_text": "已全部纳入保障", "done": 0}, Q3).status == st.ON_TRACK
    num = {"kind": "number", "target": 559, "comparator": ">=", "baseline": None}
    assert st.assess_indicator(num, {"actual": 559}, Q3).status == st.DONE


def test_project_combines_worst_status_and_mean_completion():
    parts = [st.assess_number(559, 559, ">=", Q3), st.assess_number(220, 559, ">=", Q3)]
    a = st.combine(parts, Q3)
    assert (a.status, a.level) == (st.LAGGING, st.RED)
    assert a.completion == pytest.approx((1.0 + 220 / 559) / 2)
    done = st.combine([st.assess_number(600, 559, ">=", Q3), st.assess_qualitative(True, True, Q3)], Q3)
    assert done.status == st.DONE and done.completion == 1.0


def test_partly_started_project_is_lagging_not_not_started():
    parts = [st.assess_number(5, 7, ">=", Q3), st.assess_number(None, 0.67, "~", Q3)]
    a = st.combine(parts, Q3)
    assert (a.status, a.level) == (st.LAGGING, st.RED)
    assert st.combine([st.assess_number(None, 7, ">=", Q3)] * 2, Q3).status == st.NOT_STARTED


# -- 完成时限: measured against the due date -------------------------------------------


@pytest.mark.parametrize(
    "code, due, expected",
    [
        ("2026Q1", "2026-06-30", 0.5),
        ("2026Q2", "2026-06-30", 1.0),
        ("2026Q3", "2026-06-30", 1.0),
        ("2026Q4", "2026-06-30", 1.0),
        ("2026Q2", "2026-09-30", 6 / 9),
        ("2026Q3", "2026-09-30", 1.0),
        ("2026Q1", "2026-12-31", 0.25),
        ("2026Q3", "2026-12-31", 0.75),
        ("2026Q4", "2027-06-30", 12 / 18),
        ("2026Q1", "2025-12-31", 1.0),
        ("2026Q1", "2026-06-15", 3 / 5.5),
        ("2026-01", "2026-06-30", 1 / 6),
        ("2026-04", "2026-06-30", 4 / 6),
        ("2026-06", "2026-06-30", 1.0),
        ("2026-07", "2026-06-30", 1.0),
        ("2026-05", "2026-05-31", 1.0),
        ("2026-02", "2026-03-31", 2 / 3),
        ("2026-07", "2026-12-31", 7 / 12),
        ("2026-03", None, 0.25),
        ("2026Q2", "", 0.5),
    ],
)
def test_expected_share_against_a_due_date(code, due, expected):
    assert st.expected_share(parse_period(code), due) == pytest.approx(expected)


def test_due_date_at_the_end_of_december_is_plain_schedule():
    for code in ["2026Q1", "2026Q2", "2026Q3", "2026Q4", *(f"2026-{m:02d}" for m in range(1, 13))]:
        p = parse_period(code)
        assert st.expected_share(p, "2026-12-31") == pytest.approx(p.expected)


def test_an_unreadable_stored_date_falls_back_to_the_plain_rule():
    assert st.expected_share(parse_period("2026Q1"), "not-a-date") == 0.25


def test_indicator_due_date_is_its_own_else_its_projects():
    assert st.indicator_due_date({"due_date": "2026-05-31"}, {"due_date": "2026-12-31"}) == "2026-05-31"
    assert st.indicator_due_date({"due_date": None}, {"due_date": "2026-12-31"}) == "2026-12-31"
    assert st.indicator_due_date({}, None) is None


def _deadline_plan(store):
    from msdesk import offices, plans, progress

    with store.transaction():
        office = offices.set_self_office(store, "相山区", "district")
        plan = plans.add_plan(store, 2026, "相山区2026年民生实事")
        due_june = plans.add_project(store, plan, "1", "6月底前建成社区食堂10个", 0, deadline="6月底前")
        canteens = plans.add_indicator(store, due_june, "社区食堂", 0, target=10, unit="个")
        plain = plans.add_project(store, plan, "2", "培训家政服务人员100人次", 1)
        trained = plans.add_indicator(store, plain, "培训", 0, target=100, unit="人次")
        staged = plans.add_project(store, plan, "3", "新建幼儿园2所", 2, deadline="12月底前")
        started = plans.add_indicator(store, staged, "动工", 0, target=2, unit="所", deadline="3月底前动工")
        for ind, value in ((canteens, 3), (trained, 25), (started, 1)):
            progress.set_actual(store, ind, "2026Q1", value)
    return dict(office=office, plan=plan, projects=[due_june, plain, staged])


def test_every_consumer_uses_the_due_date_rule(store):
    """Q1, 30% done: 滞后 against 6月底 (expected 50%), on schedule for a plain project (25%)."""
    from msdesk import overview
    from msdesk.export import tables

    ids = _deadline_plan(store)
    rows = {r.project["seq"]: r for r in overview.project_rows(store, ids["plan"], "2026Q1")}
    june, plain, staged = rows["1"], rows["2"], rows["3"]
    assert june.assessment.expected == pytest.approx(0.5)
    assert june.indicators[0].assessment.expected == pytest.approx(0.5)
    assert (june.assessment.status, june.assessment.level) == (st.LAGGING, st.YELLOW)
    assert (plain.assessment.expected, plain.assessment.status) == (0.25, st.ON_TRACK)
    # the sub-task due by 3月底 is measured against its own date (100% at Q1), not the project's
    assert staged.indicators[0].assessment.expected == 1.0
    assert staged.indicators[0].assessment.level == st.RED
    data = tables.collect(store, ids["plan"], parse_period("2026Q1"), tables=("progress",))
    by_seq = {row.cells[0]: row for row in data.tables[0].rows if row.kind == "data"}
    assert by_seq[1].cells[7].value == pytest.approx(0.5)
    assert by_seq[2].cells[7].value == pytest.approx(0.25)
    assert by_seq[3].cells[7].value == pytest.approx(1.0)
    monthly = {r.project["seq"]: r for r in overview.project_rows(store, ids["plan"], "2026-04")}
    assert monthly["1"].assessment.expected == pytest.approx(4 / 6)
