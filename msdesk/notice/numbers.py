"""Chinese numerals and 序号 normalisation: （十二）, (12), 12. and 12 are the same item."""

from __future__ import annotations

import re

from ..numerals import CN_NUMERAL, cn_to_int

__all__ = ["CN_NUMERAL", "cn_to_int", "normalise_width", "parse_float", "seq_key", "seq_number", "to_int"]

_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_SEQ = re.compile(r"^[\s（(【\[]*([0-9０-９]{1,4}|[" + CN_NUMERAL + r"]{1,6})[\s）)】\]]*[.．、,，]?\s*$")


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
