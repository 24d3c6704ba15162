"""完成时限 travel in packages: a township receiving the 任务包 gets the deadlines, its 报送包 carries
them back, the roll-up measures against them; packages made before 完成时限 still import."""

from __future__ import annotations

import json
import zipfile

import pytest

from msdesk import plans
from msdesk.package import data as package_data
from msdesk.package import import_folder, rollup
from tests import _package_fixtures as F


def _set_deadlines(net):
    with net.district.transaction():
        plans.update_project(net.district, net.projects["3"], deadline="6月底前")
        plans.update_indicator(net.district, net.indicators["康复"], deadline="10月底前")


def test_task_package_brings_deadlines_to_the_township_and_back(tmp_path):
    net = F.build_district(tmp_path / "办公室")
    try:
        _set_deadlines(net)
        for name in F.TOWNSHIPS:
            F.add_township(net, name)
        F.send_tasks(net)
        t = net.townships["古饶镇"]
        project = t.get("projects", net.projects["3"])
        assert (project["deadline"], project["due_date"]) == ("6月底前", "2023-06-30")
        rehab = t.get("indicators", net.indicators["康复"])
        assert (rehab["deadline"], rehab["due_date"]) == ("10月底前", "2023-10-31")
        assert t.get("projects", net.projects["7"])["deadline"] is None

        i = net.indicators
        for name in F.TOWNSHIPS:
            F.enter_progress(
                net.townships[name], net.plan_id, {i["培训"]: 1000, i["新增"]: 200, i["康复"]: 100, i["孤儿"]: True}
            )
        inbox = tmp_path / "邮件附件"
        built = F.submit(net, "古饶镇", inbox)
        with zipfile.ZipFile(built.path) as z:
            sent = json.loads(z.read("data.json"))
        assert {p["id"]: p["deadline"] for p in sent["projects"]}[net.projects["3"]] == "6月底前"

        for name in ("宋疃镇", "烈山镇"):
            F.submit(net, name, inbox)
        rollup.set_due_date(net.district, F.PERIOD, F.DUE_AHEAD)
        assert all(r.action == "accepted" for r in import_folder(net.district, inbox))
        rows = {r.indicator["id"]: r for r in rollup.consolidated(net.district, net.plan_id, F.PERIOD)}
        # 2023Q3: project 3 was due by 30 June (100% expected), 康复 by 31 October (9/10), 孤儿 plain (75%)
        assert rows[i["培训"]].assessment.expected == 1.0
        assert rows[i["培训"]].offices[0].assessment.expected == 1.0
        assert rows[i["康复"]].assessment.expected == pytest.approx(0.9)
        assert rows[i["孤儿"]].assessment.expected == 0.75
    finally:
        net.close()


def test_a_task_package_made_before_deadlines_still_imports(tmp_path, monkeypatch):
    """An older msdesk sends plan rows without deadline/due_date: the township imports them."""
    real_tree = package_data.plan_tree

    def old_tree(store, plan_id):
        tree = real_tree(store, plan_id)
        for table in ("projects", "indicators"):
            for row in tree[table]:
                row.pop("deadline"), row.pop("due_date")
        return tree

    monkeypatch.setattr(package_data, "plan_tree", old_tree)
    net = F.build_district(tmp_path / "办公室")
    try:
        _set_deadlines(net)
        F.add_township(net, "古饶镇")
        F.send_tasks(net)
        t = net.townships["古饶镇"]
        project = t.get("projects", net.projects["3"])
        assert project["content"].startswith("培训家政服务人员")
        assert (project["deadline"], project["due_date"]) == (None, None)
    finally:
        net.close()


def test_a_deadline_without_its_date_is_read_on_arrival():
    data = {
        "projects": [
            {"id": "a", "deadline": "9月投入使用"},
            {"id": "b", "deadline": None, "due_date": "x"},
            {"id": "c", "deadline": 12, "due_date": "2023-01-01"},
            {"id": "d"},
        ],
        "indicators": [{"id": "e", "deadline": "三季度末", "due_date": "not a date"}],
    }
    package_data.fill_due_dates(data, 2023)
    assert data["projects"] == [
        {"id": "a", "deadline": "9月投入使用", "due_date": "2023-09-30"},
        {"id": "b", "deadline": None, "due_date": None},
        {"id": "c"},
        {"id": "d"},
    ]
    assert data["indicators"][0]["due_date"] == "2023-09-30"
