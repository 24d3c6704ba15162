"""The demo plan (the real Lieshan 2023 notice, 50 projects) exported and read back against the core's figures."""

from __future__ import annotations

import re

import openpyxl
import pytest
from pypdf import PdfReader

from msdesk import overview, plans
from msdesk.demo import create_demo
from msdesk.export import export_tables
from msdesk.export.tables import status_text
from msdesk.store import open_store


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo")
    store = open_store(create_demo(base / "示例.msdesk"))
    plan = plans.current_plan(store)["id"]
    files = export_tables(store, plan, "2023Q3", base / "out", footer_note="证书指纹：DEMO")
    yield dict(store=store, plan=plan, xlsx=files[0], pdf=files[1], base=base)
    store.close()


def progress_rows(ws):
    """(序号, 指标) -> row cells keyed by the column labels of the two-row header."""
    rows = list(ws.iter_rows())
    start = next(n for n, r in enumerate(rows) if r[0].value == "序号")
    labels = [b.value if b.value is not None else a.value for a, b in zip(rows[start], rows[start + 1])]
    out, seq = {}, None
    for row in rows[start + 2 :]:
        cells = dict(zip(labels, row))
        if cells["序号"].value not in (None, ""):
            seq = cells["序号"].value
        if cells["指标"].value:
            out[(seq, cells["指标"].value)] = cells
    return out


def test_every_figure_and_status_matches_the_core(demo):
    ws = openpyxl.load_workbook(demo["xlsx"])["第3季度进展情况表"]
    printed = progress_rows(ws)
    rows = overview.project_rows(demo["store"], demo["plan"], "2023Q3")
    checked = 0
    for r in rows:
        seq = int(r.project["seq"]) if r.project["seq"].isdigit() else r.project["seq"]
        for ir in r.indicators:
            if r.assessment.status == "无任务":
                continue
            cells = printed[(seq, ir.indicator["name"])]
            if ir.indicator.get("kind") == "number" and ir.actual is not None:
                assert cells["累计完成"].value == pytest.approx(ir.actual)
            if ir.assessment.completion is not None:
                assert cells["完成率"].value == pytest.approx(ir.assessment.completion)
            assert cells["状态"].value == status_text(ir.assessment)
            checked += 1
    assert checked > 30  # the loop really compared the plan's indicators


def test_all_fifty_projects_are_in_every_table(demo):
    wb = openpyxl.load_workbook(demo["xlsx"])
    for ws in wb.worksheets:
        seqs = {row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)}
        assert seqs == set(range(1, 51)), ws.title
    pages = [p.extract_text() for p in PdfReader(demo["pdf"]).pages]
    text = flat("".join(pages))
    for p in plans.projects(demo["store"], demo["plan"]):
        assert flat(p["content"])[:8] in text


def test_pdf_pages_are_numbered_per_table_with_header_and_signoff(demo):
    pages = [p.extract_text() for p in PdfReader(demo["pdf"]).pages]
    totals = [int(m.group(2)) for m in (re.search(r"第 (\d+) 页 共 (\d+) 页", t) for t in pages)]
    firsts = [n for n, t in enumerate(pages) if re.search(r"第 1 页 共", t)]
    assert len(firsts) == 3 and firsts[0] == 0
    bounds = firsts + [len(pages)]
    for a, b in zip(bounds, bounds[1:]):
        assert set(totals[a:b]) == {b - a}
        assert all("序号" in pages[n] and "证书指纹：DEMO" in pages[n] for n in range(a, b))
        assert "负责人：王建国" in flat(pages[b - 1]) and "填报日期：2023年10月9日" in flat(pages[a])


def test_filtered_demo_export(demo):
    files = export_tables(
        demo["store"], demo["plan"], "2023Q3", demo["base"] / "filtered", category="困难群体救助", formats=["xlsx"]
    )
    ws = openpyxl.load_workbook(files[0])["项目清单"]
    seqs = [row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert seqs == list(range(6, 17))
    assert all(row[1] == "困难群体救助" for row in ws.iter_rows(values_only=True) if isinstance(row[0], int))


@pytest.mark.parametrize("category, lead_unit", [("困难群体救助", "区残联"), (None, None)])
def test_the_column_header_is_printed_once_per_page(demo, category, lead_unit):
    """A table continued on the next page starts at its top: the header never appears a second
    time half way down a page (the filtered 困难群体救助/区残联 清单 printed it twice on page 1)."""
    files = export_tables(
        demo["store"],
        demo["plan"],
        "2023Q3",
        demo["base"] / f"once-{category}",
        category=category,
        lead_unit=lead_unit,
        formats=["pdf"],
    )
    pages = [p.extract_text() for p in PdfReader(files[0]).pages]
    assert [n for n, text in enumerate(pages, 1) if text.count("序号") != 1] == []
