"""Word's automatic numbering (w:numPr) → the numbers a person sees on the page: 一、 1. （1） ①.

A notice numbered by Word, WPS or LibreOffice keeps no digits in its text: numbering.xml defines each list
(w:abstractNum: per level a number format, a start and a text such as "%1、") and its instances (w:num,
which may restart a level with w:lvlOverride/w:startOverride). As in Word, instances of one list carry on
its count, and a level starts again after an item of a level above it. A paragraph style may carry the
numbering too (styles.xml), as Word's 标题 styles with a multilevel list do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

MAX_LEVEL = 8  # Word's levels are 0..8
MAX_TEXT = 40  # a number's text ("第%1条", "%1.%2.%3"): longer is a hostile file, cut
MAX_LETTERS = 780  # Word counts A…Z, AA…ZZ up to ZZZ…: beyond, a plain number (a hostile start stays short)
_PLACEHOLDER = re.compile(r"%([1-9])")
_NO_GAP = "、.．，,)）]】:："  # a label ending so needs no space before the text
_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"


@dataclass
class Numbering:
    lists: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId → its levels
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (list, restarts)
    styles: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # styleId → (numId, level)
    _counts: dict[str, dict[int, int]] = field(default_factory=dict)  # list → level → the last number given
    _started: set[str] = field(default_factory=set)  # instances whose restarts were applied

    def label(self, num_id: str | None, level: int | None, style: str | None) -> str:
        """The number to put before a paragraph's text ('' for none, a bullet or an unknown list)."""
        style_num, style_level = self.styles.get(style or "", (None, None))
        num_id = num_id if num_id is not None else style_num
        level = level if level is not None else (style_level or 0)
        if not num_id or num_id == "0" or num_id not in self.instances:
            return ""
        list_id, restarts = self.instances[num_id]
        levels = self.lists.get(list_id, {})
        level = max(0, min(level, MAX_LEVEL))
        counts = self._counts.setdefault(list_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl, start in restarts.items():
                _forget_from(counts, lvl)
                counts[lvl] = start - 1
        this = levels.get(level, Level())
        counts[level] = counts.get(level, this.start - 1) + 1
        _forget_from(counts, level + 1)
        if this.fmt in ("bullet", "none"):
            return ""

        def number(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            shown = levels.get(lvl, Level())
            return format_number(counts.get(lvl, shown.start), shown.fmt)

        text = _PLACEHOLDER.sub(number, this.text[:MAX_TEXT])
        if text and this.suffix != "nothing" and text[-1] not in _NO_GAP:
            text += " "
        return text


def _forget_from(counts: dict[int, int], level: int) -> None:
    for lvl in [lvl for lvl in counts if lvl >= level]:
        del counts[lvl]


def format_number(n: int, fmt: str) -> str:
    """n in one of Word's number formats (w:numFmt); an unknown one as a plain number."""
    if n <= 0 and fmt != "decimal":
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese(n)
    if fmt in ("japaneseCounting", "koreanCounting"):
        return chinese(n)
    if fmt == "chineseLegalSimplified":
        return chinese(n).translate(str.maketrans(_CN_DIGITS + "十百千", _CN_LEGAL + "拾佰仟"))
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt == "ideographZodiac" and n <= len(_BRANCHES):
        return _BRANCHES[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)  # ① … ⑳
    if fmt == "decimalEnclosedParen" and n <= 20:
        return chr(0x2474 + n - 1)  # ⑴ … ⒇
    if fmt == "decimalEnclosedFullstop" and n <= 20:
        return chr(0x2488 + n - 1)  # ⒈ … ⒛
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and n <= MAX_LETTERS:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def chinese(n: int) -> str:
    """12 → 十二, 20 → 二十, 105 → 一百零五, as 一、二、… count in a notice."""
    if n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + (
                "" if value == 10 and digit == 1 and not out else _CN_DIGITS[digit]
            )
            out += unit
            zero = False
        elif out:
            zero = True
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L")):
        out += letters * (n // value)
        n %= value
    for value, letters in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        out += letters * (n // value)
        n %= value
    return out


def _local(el: Element) -> str:
    return el.tag.rpartition("}")[2]


def _val(el: Element | None, name: str = "val") -> str | None:
    if el is None:
        return None
    return next((v for k, v in el.attrib.items() if k.rpartition("}")[2] == name), None)


def _child(el: Element | None, name: str) -> Element | None:
    if el is None:
        return None
    return next((c for c in el if _local(c) == name), None)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def read_numbering(root: Element | None, styles: Element | None) -> Numbering:
    """numbering.xml and styles.xml (either may be missing) → the lists, their instances and styles."""
    numbering = Numbering()
    for el in root if root is not None else ():
        if _local(el) == "abstractNum":
            levels = numbering.lists.setdefault(_val(el, "abstractNumId") or "", {})
            for lvl in el:
                if _local(lvl) == "lvl":
                    levels[_int(_val(lvl, "ilvl"), 0)] = Level(
                        fmt=_val(_child(lvl, "numFmt")) or "decimal",
                        text=_val(_child(lvl, "lvlText")) or "",
                        start=_int(_val(_child(lvl, "start")), 1),
                        suffix=_val(_child(lvl, "suff")) or "tab",
                    )
        elif _local(el) == "num":
            restarts = {}
            for override in el:
                start = _child(override, "startOverride") if _local(override) == "lvlOverride" else None
                if start is not None:
                    restarts[_int(_val(override, "ilvl"), 0)] = _int(_val(start), 1)
            numbering.instances[_val(el, "numId") or ""] = (_val(_child(el, "abstractNumId")) or "", restarts)
    if styles is not None:
        numbering.styles = _style_numbering(styles)
    return numbering


def _style_numbering(styles: Element) -> dict[str, tuple[str | None, int | None]]:
    """Each paragraph style's numbering, its own or the one of the style it is based on."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles:
        if _local(style) != "style" or (_val(style, "type") or "paragraph") != "paragraph":
            continue
        style_id = _val(style, "styleId") or ""
        num = _child(_child(style, "pPr"), "numPr")
        if num is not None:
            level = _val(_child(num, "ilvl"))
            own[style_id] = (_val(_child(num, "numId")), _int(level, 0) if level is not None else None)
        parent = _val(_child(style, "basedOn"))
        if parent:
            based[style_id] = parent
    found = {}
    for style_id in set(own) | set(based):
        seen, at = set(), style_id
        while at not in own and at in based and at not in seen:  # a loop in basedOn ends the walk
            seen.add(at)
            at = based[at]
        if at in own:
            found[style_id] = own[at]
    return found
