"""Chinese numerals and 序号 normalisation: （十二）, (12), 12. and 12 are the same item."""
from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}
CN_NUMERAL = "〇零○一二两三四五六七八九十百"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_SEQ = re.compile(r"^[\s（(【\[]*([0-9０-９]{1,4}|[" + CN_NUMERAL + r"]{1,6})[\s）)】\]]*[.．、,，]?\s*$")


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


def to_int(text: str) -> int | None:
    text = text.translate(_FULLWIDTH).strip()
    if text.isdigit():
        return int(text)
    return cn_to_int(text)


def seq_number(seq: str | None) -> int | None:
    """The number of a 序号 as written: '（十二）', '(12)', '12.', '12' → 12; other forms → None."""
    if not seq:
        return None
    m = _SEQ.match(str(seq))
    return to_int(m.group(1)) if m else None


def seq_key(seq: str | None) -> str:
    """Key used to match projects by 序号 when merging."""
    number = seq_number(seq)
    if number is not None:
        return str(number)
    return re.sub(r"\s+", "", str(seq or ""))


def parse_float(text: str) -> float:
    return float(text.translate(_FULLWIDTH).replace(",", ""))


def normalise_width(text: str) -> str:
    """Full-width digits, dot and percent to half-width (brackets and colons stay as written)."""
    return text.translate(_FULLWIDTH)
