"""Fonts for the PDF tables (reportlab), embedded so a table prints the same anywhere.

Official tables use 仿宋/宋体 for the body and a heavier face (小标宋/黑体) for the
title. We prefer the system's own TrueType files where present (Windows
C:\\Windows\\Fonts, Linux fontconfig folders) and fall back to the bundled Song
(AR PL SungtiL GB) and sans (WenQuanYi Micro Hei) faces. Only TrueType outlines
can be embedded by reportlab, so OpenType/CFF files are skipped.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace

from ..paths import resource_path

# (file name, subfont index, label) in order of preference.
BODY_CANDIDATES = (
    ("simfang.ttf", 0, "仿宋"),
    ("STFANGSO.TTF", 0, "华文仿宋"),
    ("simsun.ttc", 0, "宋体"),
    ("simsun.ttf", 0, "宋体"),
)
TITLE_CANDIDATES = (("FZXBSJW.TTF", 0, "方正小标宋"), ("simhei.ttf", 0, "黑体"), ("STZHONGS.TTF", 0, "华文中宋"))
BUNDLED_BODY = ("gbsn00lp.ttf", 0, "文鼎简报宋（内置）")
BUNDLED_TITLE = ("wqy-microhei.ttc", 0, "文泉驿微米黑（内置）")

Candidate = tuple[str, int, str]  # (file name, subfont index, label)

BODY_FONT = "MsdeskBody"
TITLE_FONT = "MsdeskTitle"


@dataclass(frozen=True)
class FontChoice:
    body_path: Path
    body_label: str
    title_path: Path
    title_label: str
    body_index: int = 0  # the face's index in a collection (.ttc)
    title_index: int = 0


def font_dirs() -> list[Path]:
    """Folders where the system keeps fonts (Windows, then the fontconfig defaults)."""
    dirs = []
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        home = Path.home()
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local" / "share" / "fonts",
            home / ".fonts",
        ]
    return [d for d in dirs if d.is_dir()]


def _index(dirs: Iterable[Path]) -> dict[str, Path]:
    """Lower-cased file name -> path, first found wins."""
    found: dict[str, Path] = {}
    for base in dirs:
        for root, _subdirs, files in os.walk(base):
            for name in files:
                found.setdefault(name.lower(), Path(root) / name)
    return found


def _usable(path: Path, index: int) -> bool:
    try:
        TTFont("_probe", str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError, KeyError, AssertionError):
        return False
    return True


def _pick(candidates: Iterable[Candidate], index: dict[str, Path], bundled: Candidate) -> tuple[Path, int, str]:
    for name, sub, label in candidates:
        path = index.get(name.lower())
        if path and _usable(path, sub):
            return path, sub, label
    name, sub, label = bundled
    return resource_path("fonts", name), sub, label


_choice: FontChoice | None = None


def register_fonts(dirs: Iterable[Path] | None = None) -> FontChoice:
    """Register BODY_FONT and TITLE_FONT with reportlab once (or again when dirs is given)."""
    global _choice
    if _choice is not None and dirs is None:
        return _choice
    index = _index(font_dirs() if dirs is None else dirs)
    body, body_sub, body_label = _pick(BODY_CANDIDATES, index, BUNDLED_BODY)
    title, title_sub, title_label = _pick(TITLE_CANDIDATES, index, BUNDLED_TITLE)
    pdfmetrics.registerFont(TTFont(BODY_FONT, str(body), subfontIndex=body_sub))
    pdfmetrics.registerFont(TTFont(TITLE_FONT, str(title), subfontIndex=title_sub))
    _choice = FontChoice(body, body_label, title, title_label, body_sub, title_sub)
    return _choice


_covered: dict[TTFontFace, frozenset[str]] = {}


def _body_face() -> TTFontFace:
    font = pdfmetrics.getFont(BODY_FONT)
    if not isinstance(font, TTFont):  # register_fonts puts a TrueType font under BODY_FONT
        raise TypeError(f"{BODY_FONT} is not a TrueType font")
    return font.face


def body_covers(text: str) -> bool:
    """True when the body face has a glyph for every character (AR PL SungtiL covers GB2312 only)."""
    face = _body_face()
    covered = _covered.get(face)
    if covered is None:  # asked for every cell of a long export: a set test instead of a loop per character
        covered = _covered[face] = frozenset(map(chr, face.charToGlyph)) | frozenset("\n\t ")
    return covered.issuperset(text)


def with_fallback(markup: str) -> str:
    """Paragraph markup with characters the body face lacks (喆, 堃…) set in the title face,
    which covers far more, instead of printing as blank boxes."""
    cmap = _body_face().charToGlyph
    out, inside = [], False
    for ch in markup:
        missing = ord(ch) > 0x7F and ord(ch) not in cmap
        if missing and not inside:
            out.append(f'<font name="{TITLE_FONT}">')
        elif not missing and inside:
            out.append("</font>")
        inside = missing
        out.append(ch)
    if inside:
        out.append("</font>")
    return "".join(out)


_faces: dict[str, tuple[Path, int]] = {}
_faces_for: list[FontChoice | None] = []  # the choice _faces was built for


def _face_name(path: Path, index: int) -> str | None:
    try:
        name = TTFontFace(str(path), subfontIndex=index).name
    except (TTFError, OSError, ValueError, KeyError, AssertionError):
        return None
    return name.decode("latin-1") if isinstance(name, bytes) else str(name)


def face_file(pdf_font: str) -> tuple[Path, int]:
    """The font file (and index in a collection) of a face named in a PDF msdesk wrote, for the
    print preview to draw its text with: the bundled faces and the faces register_fonts chose
    are known by their PostScript names. A name not among them (a PDF from another machine's
    fonts) is drawn in the bundled body face, which is the closest for a table."""
    choice = _choice or register_fonts()
    if _faces_for != [choice]:
        _faces.clear()
        _faces_for[:] = [choice]
        known = [
            (resource_path("fonts", BUNDLED_BODY[0]), BUNDLED_BODY[1]),
            (resource_path("fonts", BUNDLED_TITLE[0]), BUNDLED_TITLE[1]),
        ]
        known += [(choice.body_path, choice.body_index), (choice.title_path, choice.title_index)]  # the machine's own
        for path, index in known:
            name = _face_name(path, index)
            if name:
                _faces.setdefault(name, (path, index))
    key = re.sub(r"-\d+$", "", pdf_font.split("+", 1)[-1])  # "AAAAAB+Face-0": a subset of face 0 of a collection
    return _faces.get(key) or (resource_path("fonts", BUNDLED_BODY[0]), BUNDLED_BODY[1])
