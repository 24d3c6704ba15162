"""The fast read behind a change of 报告期 gives what the plain read gives: the session's cached plan
frame, the per-period figure read and status.Assessor (which only memoises the status rules)."""

from __future__ import annotations

from dataclasses import asdict

from hypothesis import given
from hypothesis import strategies as hs

from msdesk import edits, overview, status
from msdesk.periods import Period, quarters
from msdesk.session import Session
from msdesk.store import open_store


def _plain(rows):
    """A row as a clerk sees it: every field, the indicators' figures and assessments."""
    return [asdict(r) for r in rows]


def test_every_period_through_the_session_equals_a_fresh_read(gui_file):
    path, ids = gui_file
    session = Session.open(path)
    try:
        for p in quarters(2023) + quarters(2023)[::-1]:
            cached = session.rows(period=p.code)
            with open_store(path) as fresh:
                expected = overview.project_rows(fresh, ids["plan"], p.code)
            assert _plain(cached) == _plain(expected)
        one = session.rows(project_ids={cached[3].id}, period="2023Q2")
        with open_store(path) as fresh:
            assert _plain(one) == _plain(
                overview.project_rows(fresh, ids["plan"], "2023Q2", project_ids={cached[3].id})
            )
    finally:
        session.close()


def test_the_cached_frame_is_read_again_after_any_write(gui_file):
    path, ids = gui_file
    session = Session.open(path)
    try:
        first = session.rows()
        pid = first[0].id
        session.apply(edits.UpdateRow(session.store, "projects", pid, {"content": "改过的实施内容"}, "改内容"))
        assert session.rows()[0].project["content"] == "改过的实施内容"
        session.undo()
        assert session.rows()[0].project["content"] == first[0].project["content"]
        # a write on another connection (a worker's import) is seen too
        with session.store.own_connection() as other, other.transaction():
            other.update("projects", pid, content="另一连接写入")
        assert session.rows()[0].project["content"] == "另一连接写入"
    finally:
        session.close()


def test_a_figure_typed_in_keeps_the_frame_and_shows_the_new_figure(gui_file):
    """One figure in a 20,000-project file must not re-read every project."""
    path, ids = gui_file
    session = Session.open(path)
    try:
        before = session.rows(period="2023Q2")
        iid = ids["indicators"][("7", 0)] if ("7", 0) in ids["indicators"] else next(iter(ids["indicators"].values()))
        session.apply(edits.SetActual(session.store, iid, "2023Q2", "321", "改累计"))
        after = session.rows(period="2023Q2")
        assert all(a.project is b.project for a, b in zip(before, after))
        shown = [i.actual for r in after for i in r.indicators if i.indicator["id"] == iid]
        assert shown == [321]
        with open_store(path) as fresh:
            assert _plain(after) == _plain(overview.project_rows(fresh, ids["plan"], "2023Q2"))
    finally:
        session.close()


def test_another_period_shares_the_project_texts_but_not_the_figures(gui_file):
    path, _ids = gui_file
    session = Session.open(path)
    try:
        q2, q3 = session.rows(period="2023Q2"), session.rows(period="2023Q3")
        assert all(a.project is b.project and a.lead_units is b.lead_units for a, b in zip(q2, q3))
        assert [r.assessment.expected for r in q2] != [r.assessment.expected for r in q3]
    finally:
        session.close()


def test_a_bulk_import_gets_the_big_page_cache_only_for_its_transaction(gui_file):
    path, ids = gui_file
    with open_store(path) as s:
        cache = lambda: s.conn.execute("PRAGMA cache_size").fetchone()[0]  # noqa: E731
        assert cache() == -8192
        with s.transaction():
            s.insert_many(
                "project_units",
                [
                    dict(project_id=ids["projects"]["1"], role="partner", position=9 + i, unit_name=f"单位{i}")
                    for i in range(1000)
                ],
            )
            assert cache() == -65536
        assert cache() == -8192


numbers = hs.one_of(hs.none(), hs.sampled_from([0, 0.0, 1, 50, 99.5, 100, 120]), hs.floats(-10, 500, allow_nan=False))
indicators = hs.fixed_dictionaries(
    dict(
        kind=hs.sampled_from(["number", "qualitative"]),
        target=hs.one_of(hs.none(), hs.sampled_from([0, 100, 50.0])),
        comparator=hs.sampled_from([">=", "<=", "=", None]),
        baseline=hs.one_of(hs.none(), hs.sampled_from([0, 20])),
    )
)
figures = hs.tuples(numbers, hs.sampled_from([None, "", "  ", "已开工"]), hs.sampled_from([0, 1, None]))
dues = hs.sampled_from([None, "2023-06-30", "2023-09-15", "2022-12-31", "坏日期"])


@given(
    cases=hs.lists(hs.tuples(indicators, figures, dues), min_size=1, max_size=30),
    quarter=hs.integers(1, 4),
    yellow=hs.sampled_from([5.0, 10.0]),
    red=hs.sampled_from([20.0, 30.0]),
    ongoing=hs.booleans(),
)
def test_assessor_gives_exactly_the_rules_results(cases, quarter, yellow, red, ongoing):
    period, th = Period(2023, "quarter", quarter), status.Thresholds(yellow, red)
    assessor = status.Assessor(period, th)
    parts, plain_parts = [], []
    for ind, (actual, text, done), due in cases:
        expected = status.expected_share(period, due)
        plain = status.assess_indicator(ind, dict(actual=actual, actual_text=text, done=done), expected, th, ongoing)
        got = assessor.indicator(ind, status.Assessor.target_key(ind, ongoing), actual, text, done, due)
        assert got == plain
        parts.append(got)
        plain_parts.append(plain)
    expected = assessor.expected(cases[0][2])
    assert assessor.combine(tuple(parts), expected) == status.combine(plain_parts, expected)
    if ongoing:  # 常态化开展: never a light, whatever the figures
        assert {(a.status, a.level) for a in parts} == {(status.ONGOING, status.NONE)}
        combined = assessor.ongoing(assessor.combine(tuple(parts), expected))
        assert combined == status.ongoing(status.combine(plain_parts, expected))


def _plain_rows(store, plan_id, code):
    """The rows built the plain way, one query per figure: each indicator row with its figure, the
    latest earlier actual of the year and its assessment; the project's from status.combine."""
    period = quarters(2023)[int(code[-1]) - 1]
    me = store.query("SELECT id FROM offices WHERE deleted = 0 LIMIT 1")[0]["id"]
    th = status.Thresholds.from_store(store)

    def figure(ind, number):
        return store.conn.execute(
            "SELECT g.actual, g.actual_text, g.done FROM progress g JOIN periods d ON d.id = g.period_id"
            " WHERE g.indicator_id = ? AND g.office_id = ? AND g.deleted = 0 AND d.year = ? AND d.kind = ?"
            " AND d.number = ?",
            [ind["id"], me, period.year, period.kind, number],
        ).fetchone()

    out = []
    for p in store.rows("projects", "plan_id = ?", [plan_id], order_by="position"):
        items, reported = [], False
        for ind in store.rows("indicators", "project_id = ?", [p["id"]], order_by="position"):
            actual, text, done = figure(ind, period.number) or (None, None, 0)
            earlier = [figure(ind, n) for n in range(period.number - 1, 0, -1)]
            previous = next((f[0] for f in earlier if f and f[0] is not None), None)
            expected = status.expected_share(period, status.indicator_due_date(ind, p))
            a = status.assess_indicator(ind, dict(actual=actual, actual_text=text, done=done), expected, th)
            reported = reported or actual is not None or bool(text) or bool(done)
            items.append(overview.IndicatorRow(ind, actual, text, bool(done), previous, a))
        expected = status.expected_share(period, p.get("due_date"))
        level = p["task_level"]
        if level == "none" or (level in ("city", "province") and not reported):
            assessment = status.no_task(expected)
        else:
            assessment = status.combine([i.assessment for i in items], expected)
        out.append((p["id"], items, assessment))
    return out


def test_rows_with_indicators_made_on_demand_equal_rows_built_the_plain_way(gui_file):
    path, ids = gui_file
    with open_store(path) as store:
        for p in quarters(2023):
            rows = overview.project_rows(store, ids["plan"], p.code)
            plain = _plain_rows(store, ids["plan"], p.code)
            assert [r.id for r in rows] == [pid for pid, _items, _a in plain]
            for row, (_pid, items, assessment) in zip(rows, plain):
                assert row.assessment == assessment
                assert [asdict(i) for i in row.indicators] == [asdict(i) for i in items]
                assert row.indicators is row.indicators  # made once, then kept
