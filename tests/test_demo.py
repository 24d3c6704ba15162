"""The demo database: the real Lieshan notice with plausible progress, identical every time."""

import hashlib

from msdesk import offices, overview, plans, status
from msdesk.cli import main
from msdesk.store import open_store


def fingerprint(path):
    with open_store(path) as s:
        rows = s.query(
            "SELECT i.name, g.actual FROM progress g JOIN indicators i ON i.id = g.indicator_id"
            " ORDER BY i.name, g.actual"
        )
    return hashlib.sha256(repr([(r["name"], r["actual"]) for r in rows]).encode()).hexdigest()


def test_demo_holds_the_whole_notice_and_three_quarters(tmp_path, capsys):
    path = tmp_path / "demo.msdesk"
    assert main(["demo", "create", str(path)]) == 0
    assert "已生成示例台账" in capsys.readouterr().out
    with open_store(path) as s:
        plan = plans.current_plan(s)
        assert (plan["year"], plan["doc_number"]) == (2023, "烈民生〔2023〕2号")
        assert len(plans.categories(s, plan["id"])) == 10
        me = offices.self_office(s)
        assert me["name"] == "烈山区" and len(offices.subordinates(s)) == 5
        rows = overview.project_rows(s, plan["id"], "2023Q3")
        assert len(rows) == 50
        by_seq = {r.project["seq"]: r for r in rows}
        assert by_seq["7"].indicators[0].indicator["target"] == 559
        assert by_seq["12"].assessment.status == status.NO_TASK
        seen = {r.assessment.status for r in rows}
        assert {status.LAGGING, status.ON_TRACK, status.DONE, status.NO_TASK} <= seen
        assert s.query("SELECT count(DISTINCT code) AS n FROM periods")[0]["n"] == 3
        assert s.query("SELECT count(*) AS n FROM target_breakdowns")[0]["n"] > 50
        # reports carry narrative and funds for every local project
        local = [r for r in rows if r.project["task_level"] == "local"]
        assert all(r.report.get("progress_note") and r.report.get("funds_planned") for r in local)


def test_demo_is_deterministic(tmp_path):
    from msdesk.demo import create_demo

    assert fingerprint(create_demo(tmp_path / "a.msdesk")) == fingerprint(create_demo(tmp_path / "b.msdesk"))
