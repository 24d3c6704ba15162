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
