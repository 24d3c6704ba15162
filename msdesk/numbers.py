"""Figures as a clerk types them and as a clerk reads them.

parse_figure is forgiving but never guesses: full-width digits (９８), a trailing
unit that is the indicator's own (98人 for 人), a percent sign and thousands
separators in their proper places (12,500) are accepted; a comma anywhere else
(12,5 — a decimal comma? a slip?) is refused, because 125 and 12.5 are both
plausible and saving the wrong one silently marks a project 已完成.

format_number (msdesk/formatting.py, re-exported here) writes a figure the way the clerk
would: 100000000 or 1亿, never 1e+08. Every message in msdesk/ and the GUI uses it.
"""

from __future__ import annotations

import math
import re
import unicodedata

from .errors import ValidationError
from .formatting import format_number as format_number  # re-exported: numbers.format_number

# No livelihood figure (人数、户数、万元) comes near 10^15; beyond it SQLite's 64-bit integers overflow.
MAX_FIGURE = 10**15

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SUFFIX = re.compile(r"^(?P<num>[+-]?[\d.,]*\d[\d.,]*)\s*(?P<unit>[^\d.,\s]+)$")

NOT_A_NUMBER = "{label}“{raw}”不是数字，请只填写阿拉伯数字（可带小数点）。"
AMBIGUOUS = (
    "{label}“{raw}”中的逗号含义不明确：小数请用小数点（如 12.5），千位分隔请每三位一个逗号（如 12,500），或不写逗号。"
)
WRONG_UNIT = "{label}“{raw}”的单位“{got}”与指标的单位“{want}”不一致，请只填写数字（单位为{want}）。"
NO_UNIT = "{label}“{raw}”带有单位“{got}”，请只填写数字。"
INVALID = "{label}“{raw}”不是有效数字。"
TOO_BIG = "{label}“{raw}”过大（不能超过 {limit}），请检查是否多输了数字。"


def parse_figure(raw: object, label: str = "数值", unit: str | None = None) -> float | None:
    """A figure as typed: '1,234', '９８', ' 98.5 ', '98.5%', '98人' (unit 人). Empty means none.
    Raises ValidationError with a Chinese message naming the field."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValidationError(INVALID.format(label=label, raw=raw))
    if isinstance(raw, int) and abs(raw) >= MAX_FIGURE:  # float() of 10^400 would overflow
        raise ValidationError(TOO_BIG.format(label=label, raw=raw, limit=format_number(MAX_FIGURE, words=True)))
    if isinstance(raw, (int, float)):
        return _checked(float(raw), raw, label)
    text = unicodedata.normalize("NFKC", str(raw)).strip().replace(" ", "")
    if text == "":
        return None
    text = text.rstrip("%").strip()
    match = _SUFFIX.match(text)
    want = unicodedata.normalize("NFKC", unit or "").strip()
    if match and (match.group("unit") == want or _CJK.search(match.group("unit"))):  # 98人, not 12a
        got = match.group("unit")
        if not want:
            raise ValidationError(NO_UNIT.format(label=label, raw=raw, got=got))
        if got != want:
            raise ValidationError(WRONG_UNIT.format(label=label, raw=raw, got=got, want=unit))
        text = match.group("num")
    if "," in text:
        if not _GROUPED.match(text):
            raise ValidationError(AMBIGUOUS.format(label=label, raw=raw))
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise ValidationError(NOT_A_NUMBER.format(label=label, raw=raw))
    if len(text.lstrip("+-").split(".")[0].lstrip("0")) > 16:  # never build a float from 400 digits
        raise ValidationError(TOO_BIG.format(label=label, raw=raw, limit=format_number(MAX_FIGURE, words=True)))
    return _checked(float(text), raw, label)


def _checked(value: float, raw: object, label: str) -> float:
    if not math.isfinite(value):
        raise ValidationError(INVALID.format(label=label, raw=raw))
    if abs(value) >= MAX_FIGURE:
        raise ValidationError(TOO_BIG.format(label=label, raw=raw, limit=format_number(MAX_FIGURE, words=True)))
    return value
