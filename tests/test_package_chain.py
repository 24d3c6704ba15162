"""Township -> district -> city with the same code: the district is a subordinate upward
and an upper office downward; the city's roll-up equals the townships' sums."""

from __future__ import annotations

from msdesk import identity, offices, plans, trust
from msdesk.package import export_submission, export_tasks, import_folder, import_submission, import_tasks, rollup
from msdesk.store import create_store
from tests import _package_fixtures as F


def test_three_levels(tmp_path):
    city = create_store(tmp_path / "淮北市.msdesk")
    with city.transaction():
        me = offices.set_self_office(city, "淮北市", "city")
        dist_id = offices.add_office(city, "烈山区", "district", parent_id=me)
        other_id = offices.add_office(city, "杜集区", "district", parent_id=me)
        plan = plans.add_plan(city, 2023, "淮北市2023年民生实事")
        cat = plans.add_category(city, plan, "社会保障", 0)
        proj = plans.add_project(city, plan, "1", "新增城乡老年食堂60个。", 0, cat)
        ind = plans.add_indicator(city, proj, "新增老年食堂", 0, target=60, unit="个")
        plans.set_breakdown(city, ind, dist_id, target=34)
        plans.set_breakdown(city, ind, other_id, target=26)
    identity.create_identity(city, F.PASS)

    district = create_store(tmp_path / "烈山区.msdesk")
    with district.transaction():
        me_d = offices.set_self_office(district, "烈山区", "district")
        towns = {n: offices.add_office(district, n, "township", parent_id=me_d) for n in ("古饶镇", "宋疃镇")}
    d_ident = identity.create_identity(district, F.PASS)
    trust.add_certificate(district, identity.certificate(city).cert_pem, role="parent")
    trust.add_certificate(city, d_ident.cert_pem, confirm_fingerprint=d_ident.fingerprint)

    down = export_tasks(city, tmp_path / "市下发", F.PASS).path
    assert import_tasks(district, down).ok
    assert district.get("indicators", ind)["target"] == 34  # the district's share of the city's 60
    with district.transaction():
        plans.set_breakdown(district, ind, towns["古饶镇"], target=20)
        plans.set_breakdown(district, ind, towns["宋疃镇"], target=14)
    down2 = export_tasks(district, tmp_path / "区下发", F.PASS).path

    stores = {}
    for k, name in enumerate(towns):
        t = create_store(tmp_path / f"{name}.msdesk")
        with t.transaction():
            offices.set_self_office(t, name, "township")
        ident = identity.create_identity(t, F.PASS)
        trust.add_certificate(t, d_ident.cert_pem, role="parent")
        trust.add_certificate(district, ident.cert_pem)
        assert import_tasks(t, down2).ok
        assert t.get("indicators", ind)["target"] == (20, 14)[k]
        F.enter_progress(t, plan, {ind: (11, 6)[k]})
        export_submission(t, F.PERIOD, tmp_path / "区收件", F.PASS)
        stores[name] = t

    assert all(r.ok for r in import_folder(district, tmp_path / "区收件"))
    assert rollup.apply_consolidated(district, plan, F.PERIOD) == 1
    up = export_submission(district, F.PERIOD, tmp_path / "市收件", F.PASS)
    res = import_submission(city, up.path)
    assert res.ok, res.message
    row = rollup.consolidated(city, plan, F.PERIOD)[0]
    assert row.total == 17 and row.own_target == 60
    assert [(f.office["name"], f.actual, f.target) for f in row.offices] == [("烈山区", 17, 34)]
    labels = {s["office"]["name"]: s["label"] for s in rollup.submission_status(city, F.PERIOD)}
    assert labels["烈山区"] in (rollup.ON_TIME, rollup.LATE) and labels["杜集区"] in (rollup.PENDING, rollup.MISSED)
    for s in [city, district, *stores.values()]:
        s.close()
