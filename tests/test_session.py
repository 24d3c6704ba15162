"""The Qt-free session: opening with a backup, the periods an office reports, rows, undo, and the
one "what changed" notification."""

from __future__ import annotations

from msdesk import edits, offices, progress
from msdesk.backup import list_backups
from msdesk.session import Session
from msdesk.store import create_store
from tests.sample_plan import build_sample


def sample_file(tmp_path):
    path = tmp_path / "烈山区2023.msdesk"
    store = create_store(path, actor="测试员")
    ids = build_sample(store)
    store.close()
    return path, ids


def test_open_backs_up_and_shows_the_latest_period_with_figures(tmp_path):
    path, ids = sample_file(tmp_path)
    session = Session.open(path)
    try:
        assert [b.name for b in list_backups(path)][0].endswith("自动.msdesk")
        assert session.plan_id == ids["plan"] and session.period == "2023Q2"
        assert [p.code for p in session.periods()] == ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]
        rows = session.rows()
        assert len(rows) == 8 and session.overview(rows)["counts"]["无任务"] >= 1
    finally:
        session.close()


def test_a_monthly_office_reports_months(tmp_path):
    path, _ids = sample_file(tmp_path)
    session = Session.open(path)
    with session.store.transaction():
        offices.set_self_office(session.store, "烈山区", "district", reports_monthly=1)
    assert [p.code for p in session.periods()][:2] == ["2023-01", "2023-02"]
    assert session.default_period() == "2023-01"  # no monthly figures yet: the first month
    session.close()


def test_edits_undo_and_one_notification_per_step(tmp_path):
    path, ids = sample_file(tmp_path)
    session = Session.open(path)
    heard = []
    session.subscribe(heard.append)
    iid = ids["indicators"][("7", 0)]
    assert session.apply(edits.SetActual(session.store, iid, "2023Q3", "300", "修改第7项 累计完成"))
    assert [bool(c.tables) for c in heard] == [True, False] and heard[1].edits[0].text() == "修改第7项 累计完成"
    session.undo()
    assert progress.progress_row(session.store, iid, "2023Q3")["actual"] is None
    heard.clear()
    session.file_rewritten(period="2023Q1")  # e.g. township figures of 第1季度 were imported
    assert [c.reread for c in heard] == [False, True] and heard[-1].history_cleared and heard[-1].plan
    assert session.period == "2023Q1" and not session.history.can_redo()
    session.close()
