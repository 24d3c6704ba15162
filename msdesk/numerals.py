"""Reading Chinese numerals (十二, 二〇二三). A rule of its own: 完成时限 (deadlines.py) and the
notice reader (notice/numbers.py) both read them, and rules must not reach up into notice/."""

from __future__ import annotations

_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100}
CN_NUMERAL = "〇零○一二两三四五六七八九十百"


def cn_to_int(text: str) -> int | None:
    """十二 → 12, 二十三 → 23, 一百零五 → 105, 二〇二三 → 2023 (digit by digit). None if not a numeral."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):  # 二〇二三: read digit by digit
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _UNITS[ch]
            current = 0
    return total + current
