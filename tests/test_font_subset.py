"""The bundled interface font, subset by scripts/subset_ui_font.py, still has every character the
app writes and every character of GB18030's two-byte area (GB2312 and GBK, names included)."""

from __future__ import annotations

import runpy
from pathlib import Path

from fontTools.ttLib import TTCollection

from msdesk.paths import resource_path

ROOT = Path(__file__).resolve().parent.parent
SUBSET = runpy.run_path(str(ROOT / "scripts" / "subset_ui_font.py"))


def bundled_cmap() -> set[int]:
    return set(TTCollection(str(resource_path("fonts", "wqy-microhei.ttc"))).fonts[0].getBestCmap())


def test_every_character_of_the_apps_text_and_gb2312_is_in_the_bundled_font():
    cmap = bundled_cmap()
    app = {c for c in SUBSET["app_characters"]() if c >= 0x2E80}  # Chinese and full-width punctuation
    gb2312 = {c for c in range(0x2E80, 0x10000) if not 0xD800 <= c <= 0xDFFF and _in(c, "gb2312")}
    assert len(app) > 1000 and len(gb2312) > 7000
    assert sorted(chr(c) for c in app - cmap) == []
    assert sorted(chr(c) for c in gb2312 - cmap) == []
    assert {ord(c) for c in "喆堃玥镕"} <= cmap  # names outside GB2312, inside GBK


def test_rare_extension_and_korean_characters_are_left_out():
    cmap = bundled_cmap()
    assert ord("한") not in cmap and 0x20000 not in cmap and len(cmap) < 23000


def _in(code: int, codec: str) -> bool:
    try:
        chr(code).encode(codec)
    except UnicodeEncodeError:
        return False
    return True
