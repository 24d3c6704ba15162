"""完成时限: read a deadline as written (12月底前, 9月投入使用, 三季度末) into the date it means.

The plan's year fills in what the text leaves out. A text that names no month, quarter,
half-year or year end (长期坚持, 常态化开展, 两个月内) is unreadable and gives None: a wrong
date would colour a project red or green for no reason, so nothing is ever guessed.

What a text means, when it names:
* a day (6月30日前, 6月30号): that day;
* a month (9月投入使用, 5月底前动工, 10月底, 2026年10月): the month's last day; 上旬 / 初 the
  10th, 中旬 the 20th, 月中 the 15th;
* a quarter (三季度末, 第一季度, 一季度前): the quarter's last day;
* 上半年: 30 June; 下半年, 年底, 年末, 年内, 全年, 年度内: 31 December;
* a year alone (2026年底前, 2027年): 31 December of that year; 次年/明年/翌年 is the plan's year + 1.
Several dates (3—6月, 5月底前动工、12月底前完工) mean the latest: the work is due when its
last stage is.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from .numerals import cn_to_int

_CN = "〇零○一二两三四五六七八九十"
_CN_NUMBER = re.compile(f"[{_CN}]+(?=[年月日号]|季|个)")
_NEXT_YEAR = "次年|明年|翌年|下一年"
_MONTH = re.compile(
    rf"(?:(\d{{4}})年|({_NEXT_YEAR}))?(?<!\d)(\d{{1,2}})月(?:份)?"
    r"(?:(\d{1,2})[日号]|(上旬|初)|(中旬)|(中)|(下旬|底|末))?"
)
_QUARTER = re.compile(rf"(?:(\d{{4}})年|({_NEXT_YEAR}))?(?<!\d)第?([1-4])季度(?:末|底)?")
_HALF = re.compile(rf"(?:(\d{{4}})年|({_NEXT_YEAR}))?([上下])半年")
_YEAR_ONLY = re.compile(r"(?<!\d)(\d{4})年(?!\d|[上下]半年)")
_YEAR_END = re.compile(rf"(?:({_NEXT_YEAR}))?(?<![\d个])(?:年底|年末|年内|全年|年度内|本年度|年终)")
MIN_YEAR, MAX_YEAR = 1990, 2100


def normalise(text: str) -> str:
    """Full-width to half-width, no spaces, Chinese numerals before 年/月/日/季 as digits."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))

    def digits(m: re.Match[str]) -> str:
        value = cn_to_int(m.group(0))
        return m.group(0) if value is None else str(value)

    return _CN_NUMBER.sub(digits, text)


def due_date(text: str | None, year: int | None) -> date | None:
    """The date a deadline text means in the plan's year, or None when it cannot be read."""
    if not text or not str(text).strip():
        return None
    try:
        found = _dates(normalise(text), year)
    except ValueError:  # 2月30日, 13月: a text that names an impossible date is unreadable
        return None
    dates = [d for d in found if d is not None]
    if not dates or len(dates) < len(found):
        return None
    return max(dates)


# a standing task (常态化开展): kept up all year, every year, with nothing that is ever "done"
_STANDING = re.compile(
    r"常态化|长效(?:化|机制|管理)?|长期(?:坚持|开展|推进|实施|执行)|持续(?:推进|开展|实施|做好|落实)|常年(?:开展|坚持)?"
    r"|每年(?:开展|坚持)|久久为功"
)


def is_standing(text: str | None) -> bool:
    """Whether a 完成时限 or a target says the work is a standing task (常态化开展, 长期坚持,
    持续推进, 全年常态化开展) rather than one due by a date: it names no month, quarter or half-year
    (全年/年内 may go with it: they do not set a point the work is done by)."""
    if not text:
        return False
    plain = normalise(text)
    if not _STANDING.search(plain):
        return False
    return not (_MONTH.search(plain) or _QUARTER.search(plain) or _HALF.search(plain))


def opens_standing(text: str | None) -> bool:
    """Whether an item's text opens with a standing verb (常态化开展送戏下乡, 持续推进环境整治): the
    work itself is a standing service. Said later in the text (形成长效机制) it is an outcome."""
    return bool(text) and bool(_STANDING.match(normalise(text or ""))) and is_standing(text)


def due_date_iso(text: str | None, year: int | None) -> str | None:
    found = due_date(text, year)
    return found.isoformat() if found else None


def _year(explicit: str | None, next_year: str | None, year: int | None) -> int | None:
    if explicit:
        value = int(explicit)
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise ValueError(explicit)
        return value
    if year is None:
        return None
    return year + 1 if next_year else year


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _dates(text: str, year: int | None) -> list[date | None]:
    found: list[date | None] = []
    taken: list[tuple[int, int]] = []  # spans already read, so 2026年 in 2026年10月 is not a year alone
    for m in _MONTH.finditer(text):
        y = _year(m.group(1), m.group(2), year)
        month = int(m.group(3))
        taken.append(m.span())
        if y is None:
            found.append(None)
            continue
        if m.group(4):
            found.append(date(y, month, int(m.group(4))))
        elif m.group(5):
            found.append(date(y, month, 10))
        elif m.group(6):
            found.append(date(y, month, 20))
        elif m.group(7):
            found.append(date(y, month, 15))
        else:
            found.append(_month_end(y, month))
    for m in _QUARTER.finditer(text):
        if _inside(m.span(), taken):
            continue
        taken.append(m.span())
        y = _year(m.group(1), m.group(2), year)
        found.append(None if y is None else _month_end(y, int(m.group(3)) * 3))
    for m in _HALF.finditer(text):
        taken.append(m.span())
        y = _year(m.group(1), m.group(2), year)
        found.append(None if y is None else _month_end(y, 6 if m.group(3) == "上" else 12))
    for m in _YEAR_ONLY.finditer(text):
        if not _inside(m.span(), taken):
            taken.append(m.span())
            y = _year(m.group(1), None, year)
            found.append(None if y is None else date(y, 12, 31))
    for m in _YEAR_END.finditer(text):
        if _inside(m.span(), taken):
            continue
        y = _year(None, m.group(1), year)
        found.append(None if y is None else date(y, 12, 31))
    return found


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b for a, b in taken)
