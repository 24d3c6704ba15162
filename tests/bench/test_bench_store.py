"""Store benchmarks: 20,000 projects and 80,000 progress rows (targets: each under 2 s, < 200 MB).

Run: .venv/bin/python -m pytest tests/bench -p no:cacheprovider --override-ini addopts= -k store
"""

import subprocess
import sys

from msdesk import offices, overview, plans, progress
from msdesk.periods import Period
from msdesk.store import create_store, new_id, open_store

N_PROJECTS = 20_000
PERIODS = [Period(2026, "quarter", q) for q in (1, 2, 3, 4)]


def fill(path, bulk=True):
    """bulk=True uses insert_many as imports do; bulk=False one audited insert per record."""
    store = create_store(path, actor="bench")
    with store.transaction():
        offices.set_self_office(store, "基准区", "district")
        plan = plans.add_plan(store, 2026, "基准计划")
        cat = plans.add_category(store, plan, "类别", 0, seq="一")
        period_ids = [progress.ensure_period(store, p) for p in PERIODS]
        office = offices.self_office(store)["id"]
        if bulk:
            _bulk(store, plan, cat, period_ids, office)
        else:
            for i in range(N_PROJECTS):
                pid = plans.add_project(
                    store, plan, str(i + 1), f"第{i + 1}项民生实事内容", i, cat, lead_units=[f"单位{i % 40}"]
                )
                ind = plans.add_indicator(store, pid, "指标", 0, target=1000, unit="人")
                for q, period_id in enumerate(period_ids, 1):
                    store.insert("progress", indicator_id=ind, period_id=period_id, office_id=office, actual=q * 200.0)
    store.close()
    return plan


def _bulk(store, plan, cat, period_ids, office):
    projects = [
        dict(
            id=new_id(),
            plan_id=plan,
            category_id=cat,
            position=i,
            seq=str(i + 1),
            content=f"第{i + 1}项民生实事内容",
            task_level="local",
        )
        for i in range(N_PROJECTS)
    ]
    store.insert_many("projects", projects)
    store.insert_many(
        "project_units",
        [dict(project_id=p["id"], role="lead", position=0, unit_name=f"单位{i % 40}") for i, p in enumerate(projects)],
    )
    indicators = [
        dict(
            id=new_id(),
            project_id=p["id"],
            position=0,
            name="指标",
            kind="number",
            unit="人",
            comparator=">=",
            target=1000.0,
        )
        for p in projects
    ]
    store.insert_many("indicators", indicators)
    store.insert_many(
        "progress",
        [
            dict(indicator_id=ind["id"], period_id=period_id, office_id=office, actual=q * 200.0)
            for ind in indicators
            for q, period_id in enumerate(period_ids, 1)
        ],
    )


def test_create_and_fill_20k_projects_80k_progress(benchmark, tmp_path):
    counter = iter(range(1000))
    benchmark.pedantic(lambda: fill(tmp_path / f"b{next(counter)}.msdesk"), rounds=3, iterations=1)


def test_create_and_fill_per_record_path(benchmark, tmp_path):
    """The same data through one audited insert per record (how the GUI writes)."""
    counter = iter(range(1000))
    benchmark.pedantic(lambda: fill(tmp_path / f"r{next(counter)}.msdesk", bulk=False), rounds=1, iterations=1)


def test_open_20k_file_and_read_overview(benchmark, tmp_path):
    path = tmp_path / "big.msdesk"
    plan = fill(path)

    def open_and_read():
        with open_store(path) as s:
            return len(overview.project_rows(s, plan, "2026Q3"))

    assert benchmark.pedantic(open_and_read, rounds=3, iterations=1) == N_PROJECTS


def _peak_mb(code):
    # VmHWM, not ru_maxrss: Linux carries the parent's (pytest's) peak into a child's ru_maxrss.
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            code + "\nimport re\n"
            "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) // 1024)",
        ],
        capture_output=True,
        text=True,
        cwd=".",
    )
    assert out.returncode == 0, out.stderr
    return int(out.stdout.strip().splitlines()[-1])


def test_memory_fill_and_open_under_200mb(tmp_path):
    path = tmp_path / "m.msdesk"
    fill_mb = _peak_mb(
        f"from tests.bench.test_bench_store import fill\nfill(__import__('pathlib').Path({str(path)!r}))"
    )
    open_mb = _peak_mb(
        "from msdesk import overview, plans\nfrom msdesk.store import open_store\n"
        f"s = open_store({str(path)!r})\n"
        "overview.project_rows(s, plans.plans(s)[0]['id'], '2026Q3')"
    )
    print(f"peak RSS: fill {fill_mb} MB, open + overview {open_mb} MB")
    assert fill_mb < 200 and open_mb < 200
