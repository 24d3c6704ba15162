"""The bundle's lean font copies (scripts/bundle_fonts.py) print the tables exactly as the committed fonts.

The reference images in tests/data/pdf_pages/ were made with resources/fonts; here the same ledgers are
printed with the copies build.spec puts into the bundle and every page is compared pixel for pixel.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection, TTFont
from PIL import ImageChops

from msdesk.export import fonts
from tests._pdf_pages import export_ledgers, page_images, reference_images

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_FONTS = runpy.run_path(str(ROOT / "scripts" / "bundle_fonts.py"))
SOURCE = ROOT / "resources" / "fonts"


@pytest.fixture(scope="module")
def lean(tmp_path_factory):
    return BUNDLE_FONTS["lean_fonts_folder"](SOURCE, tmp_path_factory.mktemp("fonts"))


@pytest.fixture(scope="module")
def rendered(lean, tmp_path_factory):
    real = fonts.resource_path
    fonts.resource_path = lambda *parts: lean.joinpath(*parts[1:]) if parts[0] == "fonts" else real(*parts)
    try:
        pdfs = export_ledgers(tmp_path_factory.mktemp("pages"))
        choice = fonts.register_fonts(dirs=[])
        assert choice.body_path.parent == lean and choice.title_path.parent == lean
    finally:
        fonts.resource_path = real
        fonts.register_fonts(dirs=fonts.font_dirs())  # back to the machine's own faces for later tests
    return {name: page_images(pdf) for name, pdf in pdfs.items()}


def test_lean_copies_are_smaller_and_keep_every_glyph_and_the_licences(lean):
    assert (lean / "gbsn00lp.ttf").stat().st_size < (SOURCE / "gbsn00lp.ttf").stat().st_size - 500_000
    assert (lean / "wqy-microhei.ttc").stat().st_size < (SOURCE / "wqy-microhei.ttc").stat().st_size
    licences = [p.relative_to(SOURCE) for p in SOURCE.rglob("*") if p.is_file() and p.suffix not in (".ttf", ".ttc")]
    assert len(licences) > 2  # COPYRIGHT-*.txt and the Arphic licence texts (arphic-license/)
    for name in licences:
        assert (lean / name).read_bytes() == (SOURCE / name).read_bytes(), name
    song, song_lean = TTFont(SOURCE / "gbsn00lp.ttf"), TTFont(lean / "gbsn00lp.ttf")
    assert song_lean.getBestCmap() == song.getBestCmap()
    assert "fpgm" not in song_lean and "vmtx" not in song_lean
    assert "Modified" in song_lean["name"].getDebugName(10)  # the notice the Arphic licence asks for
    assert song_lean["name"].getDebugName(1) == song["name"].getDebugName(1)  # same family name
    ui, ui_lean = TTCollection(str(SOURCE / "wqy-microhei.ttc")), TTCollection(str(lean / "wqy-microhei.ttc"))
    assert [f.getBestCmap() for f in ui_lean.fonts] == [f.getBestCmap() for f in ui.fonts]
    assert "fpgm" in ui_lean.fonts[0]  # the UI face keeps its hinting (Qt may hint on screen)


@pytest.mark.parametrize("name", ["small", "scaled"])
def test_every_page_prints_as_the_reference_with_the_lean_fonts(rendered, name):
    pages, reference = rendered[name], reference_images(name)
    assert len(reference) > 3 and len(pages) == len(reference)
    for n, (page, ref) in enumerate(zip(pages, reference), 1):
        assert page.size == ref.size, f"{name} 第 {n} 页尺寸不同"
        box = ImageChops.difference(page.convert("L"), ref.convert("L")).getbbox()
        assert box is None, f"{name} 第 {n} 页与参考图像不同，区域 {box}"
