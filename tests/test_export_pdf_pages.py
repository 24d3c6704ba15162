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
