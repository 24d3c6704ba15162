"""Verifying and importing 100 township 报送包 of 50 projects each (target: under 10 s).

The packages are built once per session (each one carries PDF tables signed
with pyHanko, which is the slow part and not what is measured here).
"""

from __future__ import annotations

import os
import shutil

import pytest

from msdesk.package import import_folder, rollup
from msdesk.store import open_store
from tests import _package_fixtures as F

TOWNS = 100
PROJECTS = 50


@pytest.fixture(scope="session")
def inbox(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("MSDESK_HOME")
    os.environ["MSDESK_HOME"] = str(home)
    root = tmp_path_factory.mktemp("offices")
    names = tuple(f"第{k:03d}镇" for k in range(TOWNS))
    net = F.build_district(root, names, projects=PROJECTS)
    for name in names:
        F.add_township(net, name)
    F.send_tasks(net)
    numeric = [i for k, i in net.indicators.items() if k != "孤儿"]
    for k, name in enumerate(names):
        t = net.townships[name]
        F.enter_progress(t, net.plan_id, {i: 5 + (k + n) % 7 for n, i in enumerate(numeric)})
        F.submit(net, name, root / "收件箱")
        t.close()
    net.district.close()
    pristine = root / "烈山区-导入前.msdesk"
    shutil.copy(root / "烈山区.msdesk", pristine)
    yield dict(folder=root / "收件箱", pristine=pristine, plan=net.plan_id, numeric=numeric, root=root)
    if old is None:
        os.environ.pop("MSDESK_HOME", None)
    else:
        os.environ["MSDESK_HOME"] = old


def test_verify_and_import_100_submissions(benchmark, inbox):
    counter = {"n": 0}

    def fresh():
        counter["n"] += 1
        path = inbox["root"] / f"烈山区-第{counter['n']}轮.msdesk"
        shutil.copy(inbox["pristine"], path)
        return (open_store(path),), {}

    def run(store):
        results = import_folder(store, inbox["folder"])
        store.close()
        return results

    results = benchmark.pedantic(run, setup=fresh, rounds=3, iterations=1)
    assert len(results) == TOWNS and all(r.action == "accepted" for r in results)
    with open_store(inbox["root"] / f"烈山区-第{counter['n']}轮.msdesk") as store:
        rows = rollup.consolidated(store, inbox["plan"], F.PERIOD)
        by_id = {r.indicator["id"]: r for r in rows}
        first = inbox["numeric"][0]
        assert by_id[first].total == sum(5 + k % 7 for k in range(TOWNS))
