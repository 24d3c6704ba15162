"""What a clerk sees in the project list after a change of 报告期 and while typing in the search box,
in a file big enough that the window reads on a worker (3,200 projects, several indicators, ceilings,
qualitative targets, due dates, 市级/无任务 projects): every row's 完成率, status and colour, the
order, the count above the list and the 进展概览 headline are those of a plain read of the file,
computed here from the status rules one project at a time."""

from __future__ import annotations

import gc
import sqlite3

import pytest
from PySide6.QtCore import Qt

from msdesk import edits, offices, plans, progress, status
from msdesk.formatting import percent
from msdesk.periods import Period, parse_period
from msdesk.store import create_store, open_store
from ui import strings
from ui.project_table_model import COL_COMPLETION, COL_SEQ, COL_STATUS
from ui.status_style import FOREGROUND
from ui.window.refresh import BACKGROUND_ROWS
from ui.window.tabs import TAB_LIST, TAB_OVERVIEW

N = BACKGROUND_ROWS + 200  # read on a worker, as a city's file is
YEAR = 2023
LEVELS = ["local", "local", "local", "city", "province", "none", "local"]


def _fill(path) -> str:
    store = create_store(path, actor="测试员")
    with store.transaction():
        offices.set_self_office(store, "测试区", "district")
        plan = plans.add_plan(store, YEAR, "测试计划")
        cats = [plans.add_category(store, plan, name, n) for n, name in enumerate(["就业", "教育", "养老"])]
        periods = [progress.ensure_period(store, Period(YEAR, "quarter", q)) for q in (1, 2, 3)]
        office = offices.self_office(store)["id"]
        projects = [
            dict(
                plan_id=plan,
                category_id=cats[i % 3],
                position=i,
                seq=str(i + 1),
                name=f"项目{i + 1}" if i % 5 else None,
                content=f"第{i + 1}项 {'康复' if i % 7 == 0 else '就业'}服务",
                task_level=LEVELS[i % len(LEVELS)],
                due_date=("2023-06-30", None, "2023-09-15", None)[i % 4],
            )
            for i in range(N)
        ]
        store.insert_many("projects", projects)
        store.insert_many(
            "project_units",
            [
                dict(project_id=p["id"], role=role, position=0, unit_name=f"单位{(i * k) % 37}")
                for i, p in enumerate(projects)
                for role, k in (("lead", 1), ("partner", 3))
                if role == "lead" or i % 4 == 0
            ],
        )
        indicators, figures = [], []
        for i, p in enumerate(projects):
            for k in range(1 + i % 3):
                kind = ("number", "number", "qualitative", "number")[(i + k) % 4]
                comparator = "<=" if (i + k) % 9 == 0 else ">="
                ind = dict(
                    project_id=p["id"],
                    position=k,
                    name=f"指标{k + 1}",
                    kind=kind,
                    comparator=comparator if kind == "number" else None,
                    target=float(50 + (i % 4) * 50) if kind == "number" else None,
                    due_date="2023-03-31" if (i + k) % 11 == 0 else None,
                )
                indicators.append(ind)
        store.insert_many("indicators", indicators)
        for n, ind in enumerate(indicators):
            for q, period_id in enumerate(periods, 1):
                if (n + q) % 5 == 0:
                    continue  # not reported this quarter
                qualitative = ind["kind"] == "qualitative"
                figures.append(
                    dict(
                        indicator_id=ind["id"],
                        period_id=period_id,
                        office_id=office,
                        actual=None if qualitative or (n + q) % 6 == 0 else float((n * 7 + q * 30) % 260),
                        actual_text="已开工" if qualitative and (n + q) % 3 == 0 else None,
                        done=1 if qualitative and (n + q) % 4 == 0 else 0,
                    )
                )
        store.insert_many("progress", figures)
    store.close()
    return plan


@pytest.fixture(scope="module")
def city_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("city") / "市级.msdesk"
    return path, _fill(path)


def plain_read(path, plan_id: str, code: str) -> list[tuple[dict, status.Assessment]]:
    """Each project (in plan order) with its assessment, one query per figure and the rules of
    status.py applied one by one: no frame, no shared cases, no batched read."""
    period = parse_period(code)
    out = []
    with open_store(path) as s:
        me = offices.self_office(s)["id"]
        th = status.Thresholds.from_store(s)
        for p in s.rows("projects", "plan_id = ?", [plan_id], order_by="position"):
            parts, reported = [], False
            for ind in s.rows("indicators", "project_id = ?", [p["id"]], order_by="position"):
                fig = s.conn.execute(
                    "SELECT g.actual, g.actual_text, g.done FROM progress g JOIN periods d ON d.id = g.period_id"
                    " WHERE g.indicator_id = ? AND g.office_id = ? AND g.deleted = 0 AND d.code = ?",
                    [ind["id"], me, period.code],
                ).fetchone()
                figure = dict(zip(("actual", "actual_text", "done"), fig)) if fig else None
                reported = reported or bool(fig and (fig[0] is not None or fig[1] or fig[2]))
                due = status.expected_share(period, status.indicator_due_date(ind, p))
                parts.append(status.assess_indicator(ind, figure, due, th))
            expected = status.expected_share(period, p.get("due_date"))
            if p["task_level"] == "none" or (p["task_level"] in ("city", "province") and not reported):
                out.append((p, status.no_task(expected)))
            else:
                out.append((p, status.combine(parts, expected)))
    return out


def shown(win) -> list[tuple[str, str, str, str]]:
    """Every row of the list as the clerk reads it: 序号, 完成率, status, the status colour."""
    m = win.model
    return [
        (
            m.data(m.index(r, COL_SEQ)),
            m.data(m.index(r, COL_COMPLETION)),
            m.data(m.index(r, COL_STATUS)),
            m.data(m.index(r, COL_STATUS), Qt.ForegroundRole).color().name(),
        )
        for r in range(m.rowCount())
    ]


def expected_rows(plain) -> list[tuple[str, str, str, str]]:
    return [(p["seq"], percent(a.completion), status.status_text(a), _colour(a.level)) for p, a in plain]


def headline(plain, code: str) -> str:
    """The 进展概览 headline for these assessments, counted here."""
    n = {s: sum(1 for _p, a in plain if a.status == s) for s in status.STATUSES}
    red = {s: sum(1 for _p, a in plain if a.status == s and a.level == status.RED) for s in status.STATUSES}
    late = red[status.NOT_STARTED]
    period = parse_period(code)
    return strings.OVERVIEW_HEADLINE.format(
        period=period.label,
        expected=percent(period.expected),
        total=len(plain),
        done=n[status.DONE],
        on_track=n[status.ON_TRACK],
        lagging=n[status.LAGGING],
        red=red[status.LAGGING],
        not_started=n[status.NOT_STARTED],
        no_task=n[status.NO_TASK],
        not_started_red=strings.OVERVIEW_NOT_STARTED_RED.format(n=late) if late else "",
    )


def _colour(level: str) -> str:
    from PySide6.QtGui import QColor

    return QColor(FOREGROUND[level]).name()


@pytest.fixture
def city_window(qtbot, app_style, city_file):
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(city_file[0], background=False)
    assert win.model.total() == N
    yield win
    win.close_store()


def change_period(qtbot, win, code: str) -> None:
    win.set_period(code)
    qtbot.waitUntil(
        lambda: (win.loading is None or win.loading.finished) and win.entry.isEnabled() and win.period == code,
        timeout=20000,
    )


def test_every_period_shows_the_plain_reads_rows_statuses_colours_and_counts(qtbot, city_window, city_file):
    win = city_window
    path, plan = city_file
    for code in ("2023Q3", "2023Q1", "2023Q2", "2023Q3"):
        change_period(qtbot, win, code)
        plain = plain_read(path, plan, code)
        assert shown(win) == expected_rows(plain)
        assert win.count_label.text() == strings.ROWS_SHOWN.format(shown=N, total=N)
        win.tabs.setCurrentIndex(TAB_OVERVIEW)  # 进展概览, filled when opened
        assert win.overview.headline.text() == headline(plain, code)
        win.tabs.setCurrentIndex(TAB_LIST)
    assert win.loading is not None  # read on a worker, as at city scale


def test_sorted_by_completion_the_list_is_sorted_again_for_the_new_period(qtbot, city_window, city_file):
    win = city_window
    path, plan = city_file
    win.table.horizontalHeader().setSortIndicator(COL_COMPLETION, Qt.DescendingOrder)
    for code in ("2023Q1", "2023Q3"):
        change_period(qtbot, win, code)
        plain = plain_read(path, plan, code)
        order = sorted(
            plain,
            key=lambda pa: (-1.0 if pa[1].completion is None else pa[1].completion, pa[0]["position"]),
            reverse=True,
        )
        assert shown(win) == expected_rows(order)


def test_typing_and_deleting_shows_what_a_plain_search_shows(qtbot, city_window, city_file):
    win = city_window
    path, plan = city_file
    rows = {r.id: r for r in win.rows}

    def plain_search(text: str) -> set[str]:
        words = text.lower().split()
        found = set()
        for r in rows.values():
            p = r.project
            hay = " ".join(
                filter(None, (p["seq"], p.get("name"), p.get("content"), r.category, *r.lead_units, *r.partner_units))
            ).lower()
            if all(w in hay for w in words):
                found.add(r.id)
        return found

    steps = ["第", "第1", "第12", "第123", "第12", "第1", "", "康复", "康复 单位1", "康复 单位", "单位3", "第", ""]
    for text in steps:
        win.search.setText(text)
        ids = win.model.visible_ids()
        assert set(ids) == plain_search(text), text
        assert len(ids) == len(set(ids))
        if text.strip() in {r.project["seq"] for r in rows.values()}:
            assert rows[ids[0]].project["seq"] == text.strip()  # a typed 序号 comes first
        assert win.count_label.text() == strings.ROWS_SHOWN.format(shown=len(ids), total=N)
    # with a filter box set, the search narrows within it, and widening again restores it
    win.model.set_filter(category="教育")
    for text in ("康复", "康复 单位", ""):
        win.search.setText(text)
        want = {i for i in plain_search(text) if rows[i].category == "教育"}
        assert set(win.model.visible_ids()) == want


def test_the_search_keeps_its_rows_across_a_period_change(qtbot, city_window, city_file):
    win = city_window
    path, plan = city_file
    win.search.setText("康复")
    before = win.model.visible_ids()
    change_period(qtbot, win, "2023Q1")
    assert win.model.visible_ids() == before
    plain = {p["id"]: a for p, a in plain_read(path, plan, "2023Q1")}
    m = win.model
    for r in range(m.rowCount()):
        assert m.data(m.index(r, COL_STATUS)) == status.status_text(plain[m.row(r).id])


def test_closing_the_file_gives_its_rows_back_to_the_collector(qtbot, city_window):
    change_period(qtbot, city_window, "2023Q1")
    assert gc.get_freeze_count() > 0  # what the read left is out of the collector's walk while shown
    city_window.close_store()
    assert gc.get_freeze_count() == 0


# -- the small sample file: edits between period changes --------------------------------------


def _row_of_seq(win, seq: str) -> int:
    return next(r for r in range(win.model.rowCount()) if win.model.data(win.model.index(r, COL_SEQ)) == seq)


def test_a_figure_typed_then_the_period_changed_back_shows_the_figure(qtbot, window, gui_file):
    path, ids = gui_file
    win = window
    win.set_period("2023Q2")
    iid = ids["indicators"][("7", 0)]
    win.session.apply(edits.SetActual(win.store, iid, "2023Q2", "559", "改累计"))  # the whole target
    qtbot.waitUntil(lambda: win.model.data(win.model.index(_row_of_seq(win, "7"), COL_STATUS)) == "已完成（绿灯）")
    win.set_period("2023Q3")
    win.set_period("2023Q2")
    seven = _row_of_seq(win, "7")
    assert win.model.data(win.model.index(seven, COL_COMPLETION)) == "100.0%"
    assert win.model.data(win.model.index(seven, COL_STATUS)) == "已完成（绿灯）"
    assert shown(win) == expected_rows(plain_read(path, ids["plan"], "2023Q2"))


def test_edits_made_on_another_connection_are_shown(qtbot, window, gui_file):
    """A worker's write (same program, its own connection) and another program's write."""
    path, ids = gui_file
    win = window
    win.set_period("2023Q3")
    iid = ids["indicators"][("7", 0)]
    with win.store.own_connection() as other, other.transaction():
        progress.set_actual(other, iid, "2023Q2", 559)
        other.update("projects", ids["projects"]["9"], content="改名后的残疾人托养服务")
    qtbot.waitUntil(lambda: not win._pending_tables)
    win.set_period("2023Q2")
    assert shown(win) == expected_rows(plain_read(path, ids["plan"], "2023Q2"))
    win.search.setText("改名后")
    assert [win.model.row(r).project["seq"] for r in range(win.model.rowCount())] == ["9"]
    win.search.setText("")
    # another program (no listener here): seen by the window's file watch
    win.check_file_changed()  # the watch's turn after the worker's commit: that one was the window's own
    raw = sqlite3.connect(str(path))
    with raw:
        raw.execute("UPDATE progress SET actual = 0 WHERE indicator_id = ?", [iid])
    raw.close()
    assert win.check_file_changed()
    qtbot.waitUntil(lambda: win.model.data(win.model.index(_row_of_seq(win, "7"), COL_STATUS)).startswith("未启动"))
    assert shown(win) == expected_rows(plain_read(path, ids["plan"], "2023Q2"))
