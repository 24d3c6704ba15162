"""The PDF tables print exactly as before the speed work: every page of a representative
ledger, rendered by poppler, equals the reference image made by the earlier writer."""

from __future__ import annotations

import pytest
from PIL import ImageChops

from msdesk.export import fonts
from tests._pdf_pages import export_ledgers, page_images, reference_images


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    pdfs = export_ledgers(tmp_path_factory.mktemp("pages"))
    yield {name: page_images(pdf) for name, pdf in pdfs.items()}
    fonts.register_fonts(dirs=fonts.font_dirs())  # back to the machine's own faces for later tests


@pytest.mark.parametrize("name", ["small", "scaled"])
def test_every_page_prints_as_the_reference(rendered, name):
    pages, reference = rendered[name], reference_images(name)
    assert len(reference) > 3
    assert len(pages) == len(reference), f"{name}: {len(pages)} 页，参考为 {len(reference)} 页"
    for n, (page, ref) in enumerate(zip(pages, reference), 1):
        assert page.size == ref.size, f"{name} 第 {n} 页尺寸不同"
        box = ImageChops.difference(page.convert("L"), ref.convert("L")).getbbox()
        assert box is None, f"{name} 第 {n} 页与参考图像不同，区域 {box}"


@pytest.mark.parametrize(
    "markup",
    [
        "第1项：新建 社区  服务",
        "1.制定方案<br/>2.加强调度",
        " 前后 空格 ",
        "a<br/>b<br/>c d",
        "a <br/> b",
        "<br/>开头换行",
        "空行<br/><br/>之后",
        "A&amp;B",
        "x",
    ],
)
def test_plain_text_fragments_are_what_the_markup_parser_makes(markup):
    from reportlab.platypus.paragraph import cleanBlockQuotedText
    from reportlab.platypus.paraparser import ParaParser

    from msdesk.export.pdf import _Styles, plain_frags

    fonts.register_fonts()
    style = _Styles().cell(9.5, "left")
    fast = plain_frags(markup, style)
    _style, parsed, _bullet = ParaParser().parse(cleanBlockQuotedText(markup), style)
    if fast is not None:  # None: this text goes through the parser itself
        assert [f.__dict__ for f in fast] == [f.__dict__ for f in parsed]
    else:
        assert " <" in markup or "<br/><" in markup or markup.startswith("<") or "&" in markup


@pytest.mark.parametrize("align", ["left", "center", "right"])
@pytest.mark.parametrize(
    "text",
    [
        "推进“三公里”就业圈提质增效，力争 7 个城市社区达到省级“三公里”充分就业社区标准。",
        "Latin words and 4.5% figures mixed with 中文 that wrap over several lines of a narrow cell",
        "many",  # 300 distinct characters: the font subsets (256 glyphs each) change mid-line
        "短",
    ],
)
def test_long_cell_paragraph_operators_are_reportlabs(align, text, monkeypatch):
    """The direct drawing of a one-face paragraph (pdf._plain_para_ops) writes exactly what
    reportlab's drawPara writes: same operators, same font subsets, same figures."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from msdesk.export import pdf

    fonts.register_fonts()
    if text == "many":
        text = "".join(c for c in map(chr, range(0x4E00, 0x5400)) if fonts.body_covers(c))[:300]
    style = pdf._Styles().cell(9.5, align)
    direct = pdf._plain_para_ops
    taken = []
    monkeypatch.setattr(pdf, "_plain_para_ops", lambda p: taken.append(direct(p)) or taken[-1])
    ours = Canvas(io.BytesIO())
    for width in (60, 137.3, 400):
        p = pdf.para(text, style)
        p.wrap(width, 1e6)
        p.drawOn(ours, 10, 20)
    assert len(taken) == 3 and None not in taken  # the direct path drew all three
    monkeypatch.setattr(pdf, "_plain_para_ops", lambda p: None)  # reportlab's own drawPara
    theirs = Canvas(io.BytesIO())
    for width in (60, 137.3, 400):
        p = pdf.para(text, style)
        p.wrap(width, 1e6)
        p.drawOn(theirs, 10, 20)
    assert ours._code == theirs._code


def test_row_heights_given_to_reportlab_are_its_own(tmp_path):
    """Each page's table is given the row heights the row planner measured (reportlab then skips
    measuring every cell again): they must be the heights reportlab itself computes."""
    from msdesk.export import pdf, prepare
    from msdesk.export.paging import Grid
    from msdesk.store import create_store
    from tests._export_fixtures import build_scaled

    fonts.register_fonts()
    store = create_store(tmp_path / "h.msdesk", actor="测试员")
    data = prepare(store, build_scaled(store, 12), "2023Q3")
    store.close()
    checked = 0
    for table in data.tables:
        for columns, header, spans, rows in pdf._column_groups(table):
            spec = pdf._grid(table, columns, header, spans, rows, pdf._Styles()).spec
            blank = [""] * len(spec.widths)  # a row of blank cells is one line high to reportlab too
            measured = Grid(
                spec.head + spec.body + [blank],
                colWidths=spec.widths,
                repeatRows=spec.nh,
                style=pdf.TableStyle(spec.cmds),
            )
            measured.wrap(sum(spec.widths), 1e9)
            ours = [spec.height(i) for i in range(len(spec.body))] + [spec.row_height(blank)]
            assert measured._rowHeights[spec.nh :] == ours
            checked += len(spec.body)
    assert checked > 30
