"""Make resources/fonts/wqy-microhei.ttc from WenQuanYi Micro Hei 0.2.0-beta (Debian's fonts-wqy-microhei).

The original collection holds two faces (Micro Hei and Micro Hei Mono) and 11,172 Hangul syllables
among its 49,531 glyphs. msdesk uses only the proportional face (ui/fonts.py, msdesk/export/fonts.py)
and writes Chinese, so the bundled copy keeps face 0 with every code point except Korean, keeps hinting
and layout tables, and drops the PostScript glyph names: 5.2 MB → 3.3 MB. The family name is unchanged,
so Qt and reportlab find it as before. Modified under the Apache-2.0 licence of the font
(resources/fonts/COPYRIGHT-wqy-microhei.txt records the change).

    python scripts/subset_ui_font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc resources/fonts/wqy-microhei.ttc
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

# Hangul syllables, Jamo and compatibility Jamo (and their extensions): Korean script only.
KOREAN = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF)]


def is_korean(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in KOREAN)


def subset_face(source: Path, face: int = 0):
    options = subset.Options()
    options.font_number = face
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.glyph_names = False     # post table format 3: names are not needed to render or embed
    options.notdef_outline = True
    options.hinting = True          # keeps small UI text crisp on Windows
    options.legacy_kern = True
    font = subset.load_font(str(source), options)
    codes = [c for c in font.getBestCmap() if not is_korean(c)]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    return font


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    collection = TTCollection()
    collection.fonts = [subset_face(source)]
    collection.save(str(out))
    print(f"{source.name}: {source.stat().st_size / 1e6:.1f} MB → {out} {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
