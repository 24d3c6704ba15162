"""Make resources/fonts/wqy-microhei.ttc from WenQuanYi Micro Hei 0.2.0-beta (Debian's fonts-wqy-microhei).

The original collection holds two faces (Micro Hei and Micro Hei Mono) and 49,531 glyphs, among them
11,172 Hangul syllables and the rare CJK extensions. msdesk uses only the proportional face
(ui/fonts.py, msdesk/export/fonts.py) and writes Chinese, so the bundled copy keeps face 0 with the
characters of GB18030's two-byte area (the GBK set: GB2312 levels 1 and 2 plus the 14,000 further
characters that names of people and places need, such as 喆 and 堃, which the PDF prints in this face
when the Song face lacks them) and every other character found in the app's own text (ui/, msdesk/,
db/, docs/, README, the demo notice, and any seed files given). Hinting and layout tables stay; the
PostScript glyph names go: 5.2 MB → 3.1 MB. The family name is unchanged, so Qt and reportlab find it
as before. Modified under the Apache-2.0 licence of the font (resources/fonts/COPYRIGHT-wqy-microhei.txt
records the change). The source may be the original or the committed copy (subsetting is repeatable).

    python scripts/subset_ui_font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc \
        resources/fonts/wqy-microhei.ttc [seed files...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
APP_TEXT = ["ui/**/*.py", "msdesk/**/*.py", "db/*.sql", "docs/*.md", "README.md", "resources/demo/*.txt"]


def gb18030_two_byte() -> set[int]:
    """Code points GB18030 encodes in one or two bytes (= GBK), and what Python's GB2312 codec maps
    onto the same bytes (・ for ·): the commonly used characters."""
    found = set()
    for c in range(0x20, 0x10000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        if len(chr(c).encode("gb18030")) <= 2:
            found.add(c)
            continue
        try:
            chr(c).encode("gb2312")
        except UnicodeEncodeError:
            continue
        found.add(c)
    return found


def app_characters(extra_files=()) -> set[int]:
    """Every character in the app's own text and the given files (seed notices)."""
    files = [p for pattern in APP_TEXT for p in ROOT.glob(pattern)] + [Path(f) for f in extra_files]
    found: set[int] = set()
    for path in files:
        found.update(map(ord, path.read_text(encoding="utf-8", errors="ignore")))
    return {c for c in found if c >= 0x20}


def subset_face(source: Path, wanted: set[int], face: int = 0):
    options = subset.Options()
    options.font_number = face
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.glyph_names = False  # post table format 3: names are not needed to render or embed
    options.notdef_outline = True
    options.hinting = True  # keeps small UI text crisp on Windows
    options.legacy_kern = True
    font = subset.load_font(str(source), options)
    codes = sorted(set(font.getBestCmap()) & wanted)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    return font


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    wanted = gb18030_two_byte() | app_characters(argv[2:])
    collection = TTCollection()
    collection.fonts = [subset_face(source, wanted)]
    collection.save(str(out))
    print(f"{source.name}: {source.stat().st_size / 1e6:.1f} MB → {out} {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
