"""打印预览 benchmarks (ui/pdf_preview.py, no QtPdf). Targets: the preview of the demo ledger's
tables and of 1,000 projects' tables (339 pages) shows its first sheet within 1 s; floor:
poppler (pdftoppm) drawing that first page at the same size, measured in the same run.
Printing reads and draws every page; its time per page is reported, not targeted (a progress
dialog with 取消 shows while it runs).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/bench/test_bench_preview.py \\
         -p no:cacheprovider -p no:randomly --override-ini addopts= -s
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtPrintSupport import QPrinter

from msdesk import demo
from msdesk.export import export_tables
from msdesk.store import create_store, open_store
from tests._export_fixtures import build_scaled

TARGET_S = 1.0


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    base = tmp_path_factory.mktemp("preview")
    demo_file = base / "示例.msdesk"
    demo.create_demo(demo_file)
    store = open_store(demo_file)
    plan = store.query("SELECT id FROM plans")[0]["id"]
    out = {"demo": export_tables(store, plan, "2023Q3", base / "demo", formats=["pdf"])[0]}
    store.close()
    store = create_store(base / "1000.msdesk", actor="bench")
    plan = build_scaled(store, 1000)
    out["1000"] = export_tables(store, plan, "2023Q3", base / "1000", formats=["pdf"])[0]
    store.close()
    return out


def _first_sheet(qtbot, pdf: Path) -> tuple[float, int, QSize]:
    from ui.export_dialog import preview_pdf

    t = time.perf_counter()
    dialog = preview_pdf(None, pdf)
    qtbot.waitUntil(lambda: 0 in dialog.strip.painted, timeout=30000)
    seconds = time.perf_counter() - t
    pages, size = dialog.page_count(), dialog.strip.page_rect(0).size()
    dialog.close()
    dialog.deleteLater()
    return seconds, pages, size


def _poppler(pdf: Path, width: int, tmp: Path) -> float:
    command = ["pdftoppm", "-png", "-f", "1", "-l", "1", "-scale-to-x", str(width), "-scale-to-y", "-1"]
    t = time.perf_counter()
    subprocess.run([*command, str(pdf), str(tmp / "p")], check=True)
    return time.perf_counter() - t


@pytest.mark.parametrize("name", ["demo", "1000"])
def test_preview_shows_the_first_sheet_at_once(qtbot, tables, tmp_path, name):
    _first_sheet(qtbot, tables[name])  # fonts and modules loaded once, as after the first export
    seconds, pages, size = _first_sheet(qtbot, tables[name])
    floor = _poppler(tables[name], size.width(), tmp_path)
    print(f"\n{name}：{pages} 页，预览显示第一页 {seconds:.3f} s；", end="")
    print(f"poppler 画同样大小的第一页 {floor:.3f} s（{seconds / floor:.1f} 倍）")
    assert seconds <= TARGET_S


def test_printing_every_page(qtbot, tables, tmp_path):
    from msdesk.export.pdf_pages import PdfPages
    from ui.pdf_preview import paint_pdf

    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with PdfPages(tables["demo"]) as pdf:
        t = time.perf_counter()
        pages = paint_pdf(pdf, printer)
        seconds = time.perf_counter() - t
    t = time.perf_counter()
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tables["demo"]), str(tmp_path / "all")], check=True)
    floor = time.perf_counter() - t
    print(f"\n打印示例台账报表 {pages} 页：{seconds:.2f} s（每页 {seconds / pages * 1000:.0f} ms）；"
          f"poppler 以 150 dpi 画全部页 {floor:.2f} s")  # fmt: skip
    assert pages > 10
