"""Build-time copies of the bundled fonts without the tables nothing here reads (used by build.spec).

The committed fonts in resources/fonts stay as they are; the bundle gets lean copies:
- both faces lose the vertical metrics (vhea/vmtx) and the old Apple layout table (mort): the tables and
  the window set Chinese horizontally only;
- the Song face (gbsn00lp.ttf, the PDF body) also loses its TrueType hinting (the instructions inside
  556 KB of its glyphs, and fpgm/prep/cvt). Hinting snaps outlines to a screen's pixel grid at small
  sizes; a PDF viewer or printer draws the outlines unhinted (poppler and pdfium load glyphs without
  hinting), and reportlab embeds these tables only when they are there. tests/test_bundle_fonts.py
  prints the reference tables with the lean copies and compares every page with the reference images.
  The UI face keeps its few hinted glyphs: Qt may hint on screen.

    python scripts/bundle_fonts.py SOURCE DEST     # one font file; prints the sizes
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables import ttProgram

# Both licences ask for a notice in each modified file saying how and when it was changed (Arphic Public
# Licence 2a; Apache-2.0 4b): written into the name table's description (ID 10), the source stays in
# resources/fonts and this script in the repository.
NOTICE = "Modified 2026-12 by the msdesk build (scripts/bundle_fonts.py): removed {what}."
VERTICAL_AND_LEGACY = ("vhea", "vmtx", "mort", "morx")
HINTING = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX")
UNHINTED = {"gbsn00lp.ttf"}  # the PDF body face, printed only


def _lean(font: TTFont, unhinted: bool) -> None:
    for tag in VERTICAL_AND_LEGACY + (HINTING if unhinted else ()):
        if tag in font:
            del font[tag]
    what = "vertical metrics" + (" and TrueType hinting" if unhinted else "")
    font["name"].setName(NOTICE.format(what=what), 10, 3, 1, 0x409)
    if unhinted:
        glyf = font["glyf"]
        for name in font.getGlyphOrder():
            glyph = glyf[name]
            if hasattr(glyph, "program"):
                glyph.program = ttProgram.Program()
                glyph.program.fromBytecode(b"")
        maxp = font["maxp"]
        for field in ("maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions"):
            setattr(maxp, field, 0)
        maxp.maxZones = 1
        maxp.maxTwilightPoints = maxp.maxStorage = 0


def lean_font(source: Path, dest: Path) -> Path:
    """A copy of one .ttf/.ttc with the tables above removed (a .ttc keeps all its faces)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    unhinted = source.name in UNHINTED
    if source.suffix.lower() == ".ttc":
        collection = TTCollection(str(source))
        for face in collection.fonts:
            _lean(face, unhinted)
        collection.save(str(dest))
    else:
        font = TTFont(str(source))
        _lean(font, unhinted)
        font.save(str(dest))
    return dest


def lean_fonts_folder(source: Path, dest: Path) -> Path:
    """resources/fonts copied to dest with every .ttf/.ttc made lean (licence files and folders as they are)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        if path.is_dir():
            shutil.copytree(path, dest / path.name)
        elif path.suffix.lower() in (".ttf", ".ttc"):
            lean_font(path, dest / path.name)
        else:
            shutil.copy2(path, dest / path.name)
    return dest


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    source, dest = Path(argv[0]), Path(argv[1])
    lean_font(source, dest)
    print(f"{source.name}：{source.stat().st_size / 1e6:.2f} MB → {dest.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
