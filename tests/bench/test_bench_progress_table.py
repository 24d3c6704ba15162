"""Importing 100 filled 进展表 of 50 projects each at the district (target: under 10 s).

The tables are our template filled with openpyxl, one per township, built once per
session; each round imports all 100 into a fresh copy of the district file (each
import reads and checks its table, backs the file up and writes one transaction).
"""

from __future__ import annotations

import os
import shutil

import pytest

from msdesk.progress_table import import_table, resolve_scope, write_template
from msdesk.store import open_store
from tests import _package_fixtures as F
from tests._progress_table_fixtures import fill

TOWNS = 100
PROJECTS = 50


@pytest.fixture(scope="session")
def tables(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("MSDESK_HOME")
    os.environ["MSDESK_HOME"] = str(home)
    root = tmp_path_factory.mktemp("offices")
    names = tuple(f"第{k:03d}镇" for k in range(TOWNS))
    net = F.build_district(root, names, projects=PROJECTS)
    numeric = [i for k, i in net.indicators.items() if k != "孤儿"]
    out = []
    for k, name in enumerate(names):
        scope = resolve_scope(net.district, None, F.PERIOD, name)
        blank = write_template(scope, root / "模板" / f"{name}.xlsx")
        values = {i: 1 + (k + n) % 7 for n, i in enumerate(numeric)}
        values[net.indicators["孤儿"]] = "已完成"
        out.append(
            (
                name,
                fill(
                    blank,
                    root / "填好" / f"{name}.xlsx",
                    values,
                    {net.indicators["培训"]: {"progress_note": f"{name}按计划推进"}},
                ),
            )
        )
    net.district.close()
    pristine = root / "烈山区-导入前.msdesk"
    shutil.copy(root / "烈山区.msdesk", pristine)
    yield dict(tables=out, pristine=pristine, root=root, numeric=numeric)
    if old is None:
        os.environ.pop("MSDESK_HOME", None)
    else:
        os.environ["MSDESK_HOME"] = old


def test_import_100_progress_tables(benchmark, tables):
    counter = {"n": 0}

    def fresh():
        counter["n"] += 1
        path = tables["root"] / f"烈山区-第{counter['n']}轮.msdesk"
        shutil.copy(tables["pristine"], path)
        return (open_store(path),), {}

    def run(store):
        written = 0
        for name, path in tables["tables"]:
            written += import_table(store, resolve_scope(store, None, F.PERIOD, name), path).written
        return store, written

    store, written = benchmark.pedantic(run, setup=fresh, rounds=2, iterations=1)
    try:
        assert written == TOWNS
        n = store.query("SELECT count(*) AS n FROM submissions WHERE source = 'table' AND status = 'accepted'")[0]["n"]
        assert n == TOWNS
        figures = store.query("SELECT count(*) AS n FROM progress WHERE deleted = 0")[0]["n"]
        assert figures == TOWNS * (len(tables["numeric"]) + 1)
    finally:
        store.close()
