"""Speed of the notice import: ≤ 50 ms to parse a notice text, ≤ 1 s to read and parse a 10-page PDF table."""

from __future__ import annotations

from msdesk.notice import parse_notice
from tests._notice_fixtures import LIESHAN, YAOHAI, seed_text


def test_parse_lieshan_50_items(benchmark):
    text = seed_text(LIESHAN)
    plan = benchmark(parse_notice, text)
    assert len(plan.projects) == 50


def test_parse_yaohai_repeated_attachments(benchmark):
    text = seed_text(YAOHAI)
    plan = benchmark(parse_notice, text)
    assert len(plan.projects) == 52


def test_parse_pdf_task_table_text(benchmark):
    """A task table extracted from a PDF as text: cells split by tabs and blank lines, headers repeated."""
    from tests.test_notice_pipeline import PDF_TASK_TABLE

    plan = benchmark(parse_notice, PDF_TASK_TABLE * 5)
    assert len(plan.projects) >= 7


def test_parse_table_one_cell_per_line(benchmark):
    from tests.test_notice_pipeline import BREAKDOWN_ONE_CELL_PER_LINE

    rows = BREAKDOWN_ONE_CELL_PER_LINE.split("1\n\n新建", 1)
    text = rows[0] + "".join(
        f"{n}\n\n新建人行天桥 {n} 座。\n\n县住建局\n\n县代建中心\n\n12月底前\n\n" for n in range(1, 101)
    )
    plan = benchmark(parse_notice, text)
    assert len(plan.projects) == 100


def test_read_and_parse_10_page_pdf_table(benchmark, tmp_path):
    """≤ 1 s for a 10-page ruled PDF table: pdfplumber finds the tables and reads them cell by cell."""
    from msdesk.notice import read_notice_file
    from tests.test_notice_readers import _pdf

    path = _pdf(tmp_path / "十页.pdf", pages=10, rows_per_page=12)
    plan = benchmark.pedantic(lambda: parse_notice(read_notice_file(path)), rounds=3, iterations=1)
    assert len(plan.projects) == 120
