"""Export benchmarks. Targets: a 50-project quarterly export (xlsx + pdf) < 1.5 s;
5,000 projects < 30 s with cost growing linearly (1,000 vs 5,000); and our PDF export
against the route a clerk takes today, LibreOffice converting the same xlsx, as a ratio.

Run: .venv/bin/python -m pytest tests/bench/test_bench_export.py -p no:cacheprovider \\
         --override-ini addopts= -s
"""
from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from msdesk.export import export_tables, prepare, write_files
from msdesk.store import create_store
from tests._export_fixtures import build_scaled

RESULTS: dict = {}


def _plan_file(tmp_path_factory, n: int):
    store = create_store(tmp_path_factory.mktemp(f"p{n}") / f"{n}.msdesk", actor="bench")
    return store, build_scaled(store, n)


@pytest.fixture(scope="module")
def plan50(tmp_path_factory):
    store, plan = _plan_file(tmp_path_factory, 50)
    yield store, plan
    store.close()


def test_export_50_projects_xlsx_and_pdf(benchmark, plan50, tmp_path):
    store, plan = plan50
    t = time.perf_counter()
    export_tables(store, plan, "2023Q3", tmp_path / "first")  # includes loading the fonts, once per session
    first = time.perf_counter() - t
    files = benchmark.pedantic(lambda: export_tables(store, plan, "2023Q3", tmp_path), rounds=10)
    assert [f.suffix for f in files] == [".xlsx", ".pdf"]
    mean = benchmark.stats.stats.mean
    benchmark.extra_info.update(target_s=1.5, first_export_s=round(first, 3))
    print(f"\n50 个项目（xlsx+pdf）：首次 {first:.3f} s（含加载字体），之后平均 {mean:.3f} s")
    assert first < 1.5 and mean < 1.5


def _timed_export(store, plan, out) -> dict:
    t0 = time.perf_counter()
    data = prepare(store, plan, "2023Q3")
    t1 = time.perf_counter()
    write_files(data, out, ["xlsx"])
    t2 = time.perf_counter()
    write_files(data, out, ["pdf"])
    t3 = time.perf_counter()
    return dict(read=t1 - t0, xlsx=t2 - t1, pdf=t3 - t2, total=t3 - t0)


def test_export_grows_linearly_1000_vs_5000(benchmark, tmp_path_factory):
    timings = {}
    for n in (1000, 5000):
        store, plan = _plan_file(tmp_path_factory, n)
        timings[n] = _timed_export(store, plan, tmp_path_factory.mktemp(f"out{n}"))
        store.close()
    benchmark.pedantic(lambda: None, rounds=1)  # the figures are in extra_info
    ratio = timings[5000]["total"] / timings[1000]["total"]
    benchmark.extra_info.update({f"{n}_{k}": round(v, 3) for n, t in timings.items() for k, v in t.items()})
    benchmark.extra_info["ratio_5000_to_1000"] = round(ratio, 2)
    for n, t in timings.items():
        print(f"\n{n} 个项目：读取 {t['read']:.2f} s，xlsx {t['xlsx']:.2f} s，pdf {t['pdf']:.2f} s，"
              f"合计 {t['total']:.2f} s")
    print(f"5000/1000 = {ratio:.2f}（线性增长应约为 5）")
    assert timings[5000]["total"] < 30
    assert ratio < 6.5  # 5 is linear; quadratic growth would be about 25


def test_pdf_export_vs_libreoffice_converting_the_xlsx(benchmark, plan50, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "需要安装 LibreOffice（apt-get install libreoffice-calc）才能做这项对比"
    store, plan = plan50
    data = prepare(store, plan, "2023Q3")
    xlsx = write_files(data, tmp_path / "xlsx", ["xlsx"])[0]
    profile = (tmp_path / "lo-profile").as_uri()

    def convert():
        subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path / "lo"), str(xlsx)], check=True, capture_output=True, timeout=300)

    convert()  # first run creates the LibreOffice profile; not counted
    lo_runs = []
    for _ in range(3):
        t = time.perf_counter()
        convert()
        lo_runs.append(time.perf_counter() - t)
    ours = benchmark(lambda: write_files(data, tmp_path / "pdf", ["pdf"]))
    assert ours[0].stat().st_size > 0 and (tmp_path / "lo" / f"{xlsx.stem}.pdf").stat().st_size > 0
    lo = min(lo_runs)
    mine = benchmark.stats.stats.mean
    benchmark.extra_info.update(libreoffice_s=round(lo, 3), ours_s=round(mine, 3), ratio=round(lo / mine, 1))
    print(f"\nPDF：本程序 {mine:.3f} s；LibreOffice 转换同一 xlsx {lo:.3f} s；LibreOffice/本程序 = {lo / mine:.1f} 倍")
