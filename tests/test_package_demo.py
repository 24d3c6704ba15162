"""The exchange on the real demo plan (烈山区 2023, 50 projects from the notice)."""

from __future__ import annotations

import pytest

from msdesk import identity, offices, plans, progress, trust
from msdesk.demo import create_demo
from msdesk.package import export_submission, export_tasks, import_folder, import_tasks, rollup
from msdesk.store import create_store, open_store

PASS = "演示口令2023"
PERIOD = "2023Q3"


def test_demo_district_and_two_townships(tmp_path):
    district = open_store(create_demo(tmp_path / "烈山区.msdesk"))
    d_ident = identity.create_identity(district, PASS)
    plan_id = plans.current_plan(district)["id"]
    down = export_tasks(district, tmp_path / "下发", PASS).path
    own_before = district.query(
        "SELECT count(*) AS n, total(actual) AS s FROM progress WHERE office_id = ?",
        [offices.self_office(district)["id"]],
    )[0]

    entered = {}
    for k, name in enumerate(("宋疃镇", "古饶镇")):
        t = create_store(tmp_path / f"{name}.msdesk")
        with t.transaction():
            offices.set_self_office(t, name, "township")
        ident = identity.create_identity(t, PASS)
        trust.add_certificate(t, d_ident.cert_pem, role="parent", confirm_fingerprint=d_ident.fingerprint)
        trust.add_certificate(district, ident.cert_pem, confirm_fingerprint=ident.fingerprint)
        result = import_tasks(t, down)
        assert result.ok, result.message
        assert len(plans.projects(t, plan_id)) == len(plans.projects(district, plan_id))
        with t.transaction():
            for ind in t.query(
                "SELECT i.* FROM indicators i JOIN projects p ON p.id = i.project_id"
                " WHERE p.plan_id = ? AND i.deleted = 0 AND i.target > 0",
                [plan_id],
            ):
                value = round(ind["target"] * (0.4 + 0.2 * k), 2)
                progress.set_actual(t, ind["id"], PERIOD, value)
                entered.setdefault(ind["id"], []).append(value)
        export_submission(t, PERIOD, tmp_path / "收件", PASS)
        t.close()

    assert entered, "the demo breakdown gives the townships numeric targets"
    results = import_folder(district, tmp_path / "收件")
    assert [r.action for r in results] == ["accepted", "accepted"], [r.message for r in results]
    rows = {r.indicator["id"]: r for r in rollup.consolidated(district, plan_id, PERIOD)}
    additive = [i for i in entered if rows[i].additive]
    assert additive
    for ind in additive:
        assert rows[ind].total == pytest.approx(sum(entered[ind]))
    # the district's own figures are untouched until it applies the sums
    own_after = district.query(
        "SELECT count(*) AS n, total(actual) AS s FROM progress WHERE office_id = ?",
        [offices.self_office(district)["id"]],
    )[0]
    assert own_after == own_before
    names = {s["office"]["name"]: s["label"] for s in rollup.submission_status(district, PERIOD)}
    assert names["宋疃镇"] != rollup.PENDING and names["古饶镇"] != rollup.PENDING
    assert names["烈山镇"] in (rollup.PENDING, rollup.MISSED)
    district.close()
