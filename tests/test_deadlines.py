"""完成时限: reading deadline texts, storing them (migration) and editing them through msdesk.plans."""

import shutil
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from msdesk import audit, migrations, plans
from msdesk.deadlines import due_date, normalise
from msdesk.store import create_store, open_store


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12月底前", date(2026, 12, 31)),
        ("9月投入使用", date(2026, 9, 30)),
        ("5月底前动工", date(2026, 5, 31)),
        ("6月30日前", date(2026, 6, 30)),
        ("6月30号以前完成", date(2026, 6, 30)),
        ("年底前", date(2026, 12, 31)),
        ("年内完成", date(2026, 12, 31)),
        ("上半年", date(2026, 6, 30)),
        ("下半年", date(2026, 12, 31)),
        ("三季度末", date(2026, 9, 30)),
        ("第一季度", date(2026, 3, 31)),
        ("2026年10月", date(2026, 10, 31)),
        ("2027年6月底前", date(2027, 6, 30)),
        ("２０２６年１０月", date(2026, 10, 31)),
        ("１２月底前", date(2026, 12, 31)),
        ("十二月底前", date(2026, 12, 31)),
        ("六月三十日前", date(2026, 6, 30)),
        ("二〇二七年三月", date(2027, 3, 31)),
        ("次年3月底前", date(2027, 3, 31)),
        ("2026年底前", date(2026, 12, 31)),
        ("6月上旬", date(2026, 6, 10)),
        ("6月中旬", date(2026, 6, 20)),
        ("6月下旬", date(2026, 6, 30)),
        ("3—6月", date(2026, 6, 30)),
        ("5月底前动工，12月底前完工", date(2026, 12, 31)),
        ("2月底", date(2026, 2, 28)),
        ("1 0 月 底 前", date(2026, 10, 31)),
    ],
)
def test_deadline_texts_are_read_in_the_plans_year(text, expected):
    assert due_date(text, 2026) == expected


def test_leap_year_february_ends_on_the_29th():
    assert due_date("2月底前", 2028) == date(2028, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "长期坚持",
        "常态化开展",
        "两个月内",
        "按计划推进",
        "2月30日前",
        "13月底",
        "0月",
        "四季常青",
        "每月",
        "30日内",
        "3000年底",
    ],
)
def test_unreadable_deadlines_are_none_never_a_guess(text):
    assert due_date(text, 2026) is None


def test_without_a_plan_year_only_a_written_year_is_read():
    assert due_date("12月底前", None) is None
    assert due_date("年底前", None) is None
    assert due_date("2027年5月", None) == date(2027, 5, 31)


def test_chinese_numerals_become_digits_only_before_date_words():
    assert normalise("十二月底前、一季度") == "12月底前、1季度"
    assert normalise("四季常青") == "4季常青"  # 季 alone is not 季度: read as nothing below
    assert due_date("四季常青", 2026) is None


@given(hs.text(max_size=40), hs.one_of(hs.none(), hs.integers(min_value=-5000, max_value=99999)))
def test_reading_never_crashes_on_any_text(text, year):
    found = due_date(text, year)
    assert found is None or isinstance(found, date)


_PIECES = [
    "12",
    "６",
    "十二",
    "三",
    "二〇二六",
    "2026",
    "99",
    "0",
    "年",
    "月",
    "日",
    "号",
    "底",
    "前",
    "季度",
    "末",
    "上半年",
    "下半年",
    "次年",
    "上旬",
    "中旬",
    "下旬",
    "初",
    "中",
    "—",
    "-",
    "，",
    "年底",
]


@given(hs.lists(hs.sampled_from(_PIECES), max_size=10), hs.integers(min_value=1, max_value=9999))
def test_date_like_pieces_never_crash_and_stay_in_range(pieces, year):
    found = due_date("".join(pieces), year)
    assert found is None or isinstance(found, date)


# -- storage ------------------------------------------------------------------


def _our_migration() -> migrations.Migration:
    return next(m for m in migrations.available() if m.name == "deadlines")


def test_file_made_before_deadlines_opens_without_loss(tmp_path, monkeypatch):
    """A file at the schema version before this migration: upgraded in place, nothing lost."""
    old_dir = tmp_path / "db"
    old_dir.mkdir()
    for mig in migrations.available():
        if mig.number < _our_migration().number:
            shutil.copy(mig.path, old_dir / mig.path.name)
    real = migrations.migrations_dir
    monkeypatch.setattr(migrations, "migrations_dir", lambda: old_dir)
    path = tmp_path / "旧台账.msdesk"
    with create_store(path) as s:
        with s.transaction():
            plan = plans.add_plan(s, 2026, "旧计划")
            cols = {r["name"] for r in s.query("PRAGMA table_info(projects)")}
            assert "deadline" not in cols
            s.insert("projects", plan_id=plan, position=0, seq="1", content="建设养老服务中心")
        old_version = s.schema_version
    monkeypatch.setattr(migrations, "migrations_dir", real)
    with open_store(path) as s:
        assert s.schema_version == migrations.latest_version() > old_version
        project = plans.projects(s, plan)[0]
        assert (project["content"], project["deadline"], project["due_date"]) == ("建设养老服务中心", None, None)
        with s.transaction():
            plans.update_project(s, project["id"], deadline="9月投入使用")
        assert s.get("projects", project["id"])["due_date"] == "2026-09-30"
        assert {"deadline", "due_date"} <= {r["name"] for r in s.query("PRAGMA table_info(indicators)")}


# -- plans API ------------------------------------------------------------------


def test_add_project_and_indicator_store_text_and_date(store):
    with store.transaction():
        plan = plans.add_plan(store, 2026, "计划")
        pid = plans.add_project(store, plan, "1", "新建2所幼儿园", 0, deadline=" 12月底前 ")
        first = plans.add_indicator(store, pid, "1所幼儿园动工", 0, target=1, unit="所", deadline="5月底前动工")
        second = plans.add_indicator(store, pid, "1所幼儿园投用", 1, target=1, unit="所")
        other = plans.add_project(store, plan, "2", "长期开展文化下乡", 1, deadline="长期坚持")
    project = store.get("projects", pid)
    assert (project["deadline"], project["due_date"]) == ("12月底前", "2026-12-31")
    assert store.get("indicators", first)["due_date"] == "2026-05-31"
    assert (store.get("indicators", second)["deadline"], store.get("indicators", second)["due_date"]) == (None, None)
    assert (store.get("projects", other)["deadline"], store.get("projects", other)["due_date"]) == ("长期坚持", None)


def test_updates_set_due_date_and_are_audited_and_undoable(store):
    with store.transaction():
        plan = plans.add_plan(store, 2026, "计划")
        pid = plans.add_project(store, plan, "1", "改造老旧小区", 0)
        ind = plans.add_indicator(store, pid, "改造小区", 0, target=10, unit="个")
    with store.transaction():
        old = plans.update_project(store, pid, deadline="6月30日前")
    assert old == {"deadline": None}  # what an undo passes back: the text, never due_date
    assert store.get("projects", pid)["due_date"] == "2026-06-30"
    with store.transaction():
        old_ind = plans.update_indicator(store, ind, deadline="三季度末")
    assert store.get("indicators", ind)["due_date"] == "2026-09-30"
    with store.transaction():  # undo
        plans.update_project(store, pid, **old)
        plans.update_indicator(store, ind, **old_ind)
    assert (store.get("projects", pid)["deadline"], store.get("projects", pid)["due_date"]) == (None, None)
    assert store.get("indicators", ind)["due_date"] is None
    trail = [
        (r["field"], r["old_value"], r["new_value"])
        for r in audit.entries(store, "projects", pid)
        if r["field"] in ("deadline", "due_date")
    ]
    assert ("deadline", None, "6月30日前") in trail
    assert ("due_date", None, "2026-06-30") in trail
    assert ("deadline", "6月30日前", None) in trail


def test_blank_deadline_clears_it(store):
    with store.transaction():
        plan = plans.add_plan(store, 2026, "计划")
        pid = plans.add_project(store, plan, "1", "x", 0, deadline="年底前")
        plans.update_project(store, pid, deadline="  ")
    assert (store.get("projects", pid)["deadline"], store.get("projects", pid)["due_date"]) == (None, None)
