"""msdesk.export.pdf_pages reads the PDFs msdesk writes into drawing items for the print preview:
every character with its place and face, every table rule, the page size and turn."""

from __future__ import annotations

import re

import pytest

from msdesk.cli import main
from msdesk.errors import MsdeskError
from msdesk.export import fonts
from msdesk.export.pdf_pages import PdfPages, Shape, TextRun, colour_of, font_key, read_pages
from msdesk.paths import resource_path
from tests._pdf_pages import export_ledgers


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    base = tmp_path_factory.mktemp("reader")
    out = export_ledgers(base)
    bulletin = base / "通报.docx"
    assert main(["report", "bulletin", "--db", str(base / "small.msdesk"), "--period", "2023Q3"]
                + ["--out", str(bulletin), "--pdf"]) == 0  # fmt: skip
    out["bulletin"] = bulletin.with_suffix(".pdf")
    yield out
    fonts.register_fonts(dirs=fonts.font_dirs())  # back to the machine's own faces for later tests


def test_a_table_page_has_its_title_rules_and_footer(pdfs):
    pages = read_pages(pdfs["small"])
    first = pages[0]
    assert first.landscape and round(first.width) == 842 and round(first.height) == 595
    text = first.text()
    assert "民生实事项目清单" in text and "填报单位（盖章）" in text
    assert re.search(r"第1页共\d+页", text)  # the footer (page of this table), its spaces left out
    assert "证书指纹：AB12CD34EF567890" in text
    title = max((i for i in first.items if isinstance(i, TextRun)), key=lambda r: r.size)
    assert "民生实事项目清单" in title.text and title.size == 18
    assert all(a < b for a, b in zip(title.xs, title.xs[1:]))  # left to right, one x per character
    rules = [i for i in first.items if isinstance(i, Shape) and i.stroke == (0.0, 0.0, 0.0)]
    across = [r for r in rules if r.segments[0][1][1] == r.segments[-1][1][1]]
    down = [r for r in rules if r.segments[0][1][0] == r.segments[-1][1][0]]
    assert len(across) > 5 and len(down) > 5 and all(r.width > 0 for r in rules)


def test_the_faces_named_in_our_pdfs_are_the_bundled_font_files(pdfs):
    names = {i.font for page in read_pages(pdfs["small"]) for i in page.items if isinstance(i, TextRun)}
    files = {fonts.face_file(name) for name in names}
    assert files == {
        (resource_path("fonts", "gbsn00lp.ttf"), 0),  # body (Song)
        (resource_path("fonts", "wqy-microhei.ttc"), 0),  # title and column headers (sans)
    }
    assert fonts.face_file("ABCDEF+NoSuchFace") == (resource_path("fonts", "gbsn00lp.ttf"), 0)


def test_the_bulletin_is_portrait_and_ends_with_its_signature(pdfs):
    with PdfPages(pdfs["bulletin"]) as pdf:
        assert len(pdf) >= 2
        assert all(not pdf.page(i).landscape for i in range(len(pdf)))
        last = pdf.page(len(pdf) - 1).text()
    assert "烈山区" in last and "年" in last and "月" in last and "日" in last


def test_pages_are_read_only_when_asked_for(pdfs):
    with PdfPages(pdfs["scaled"]) as pdf:
        assert len(pdf) > 3 and pdf.size(2) == (pytest.approx(841.89, abs=0.01), pytest.approx(595.28, abs=0.01))
        assert not pdf._read
        page = pdf.page(2)
        assert set(pdf._read) == {2} and pdf.page(2) is page


def test_a_missing_or_broken_file_is_said_in_chinese(tmp_path):
    with pytest.raises(MsdeskError, match="无法打开 PDF 文件.*进行预览"):
        PdfPages(tmp_path / "没有.pdf")
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot a pdf at all")
    with pytest.raises(MsdeskError, match="无法预览"):
        PdfPages(bad)


@pytest.mark.parametrize(
    "value, rgb",
    [
        ((0,), (0.0, 0.0, 0.0)),
        (0.5, (0.5, 0.5, 0.5)),
        ((1, 0, 0), (1.0, 0.0, 0.0)),
        ((0, 0, 0, 1), (0.0, 0.0, 0.0)),
        ((0, 0, 0, 0), (1.0, 1.0, 1.0)),
        ("pattern", (0.0, 0.0, 0.0)),
    ],
)
def test_colours_become_rgb(value, rgb):
    assert colour_of(value) == rgb


def test_subset_tags_and_collection_numbers_name_one_face():
    assert font_key("AAAAAB+BousungEG-Light-GB") == "BousungEG-Light-GB"
    assert font_key("AAAAAA+WenQuanYiMicroHei-0") == "WenQuanYiMicroHei"


def test_control_characters_in_a_cell_are_not_drawn(tmp_path):
    """A name pasted with control characters (\\x01, \\x1f from another program): the PDF holds them as
    empty glyphs, which a PDF viewer shows as nothing; the preview and its printout showed a box."""
    from msdesk.export import export_tables
    from msdesk.store import create_store
    from tests._export_fixtures import build_plan

    fonts.register_fonts(dirs=[])
    store = create_store(tmp_path / "控制字符.msdesk", actor="测试员")
    ids = build_plan(store)
    with store.transaction():
        store.conn.execute("UPDATE projects SET name = ? WHERE id = ?", ("A&B<桥>\x01\x1f改造", ids["projects"]["7"]))
    pdf = export_tables(store, ids["plan"], "2023Q3", tmp_path, formats=["pdf"])[0]
    store.close()
    text = "".join(page.text() for page in read_pages(pdf))
    assert "A&B<桥>改造" in text
    assert not any(ord(ch) < 32 for ch in text)
