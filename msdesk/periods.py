"""报告期: quarters (2026Q3) and months (2026-07), and their 序时进度."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from .errors import ValidationError

if TYPE_CHECKING:  # only named in annotations: parsing a period needs no database
    from .store import Store

_QUARTER = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*-\s*(\d{1,2})\s*$")
_CN_QUARTER = re.compile(r"^\s*(\d{4})\s*年\s*第\s*([1-4一二三四])\s*季度\s*$")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}

DEFAULT_DUE_DAYS = 10  # reports are due this many days after the period ends


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # 'quarter' | 'month'
    number: int

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}" if self.kind == "quarter" else f"{self.year}-{self.number:02d}"

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return f"{self.year}年第{self.number}季度"
        return f"{self.year}年{self.number}月"

    @property
    def end_month(self) -> int:
        return self.number * 3 if self.kind == "quarter" else self.number

    @property
    def end_date(self) -> date:
        nxt = date(self.year + (self.end_month == 12), self.end_month % 12 + 1, 1)
        return nxt - timedelta(days=1)

    @property
    def expected(self) -> float:
        """序时进度: the share of the year elapsed at the period's end."""
        return self.end_month / 12

    def due_date(self, days_after: int = DEFAULT_DUE_DAYS) -> date:
        return self.end_date + timedelta(days=days_after)

    def previous(self) -> Period | None:
        if self.number == 1:
            return None
        return Period(self.year, self.kind, self.number - 1)

    def __str__(self) -> str:
        return self.code


FIRST_YEAR, LAST_YEAR = 1990, 2199  # a programme year outside this is a typing slip, never a plan


def check_year(year: int, what: str = "年度") -> int:
    """The year, or a ValidationError for one no plan can have (0, -1, 99999 …)."""
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise ValidationError(f"{what}“{year}”不对：请写四位年份，如 2026。", field="year")
    return int(year)


def parse_period(text: str) -> Period:
    """Read '2026Q3', '2026-07' or '2026年第3季度'."""
    period = _parse_period(str(text))
    check_year(period.year, f"报告期“{text}”的年份")
    return period


def _parse_period(text: str) -> Period:
    m = _QUARTER.match(text)
    if m:
        return Period(int(m.group(1)), "quarter", int(m.group(2)))
    m = _CN_QUARTER.match(text)
    if m:
        q = m.group(2)
        return Period(int(m.group(1)), "quarter", _CN_DIGITS.get(q) or int(q))
    m = _MONTH.match(text)
    if m and 1 <= int(m.group(2)) <= 12:
        return Period(int(m.group(1)), "month", int(m.group(2)))
    raise ValidationError(f"报告期“{text}”格式不对：季度写作 2026Q3，月份写作 2026-07。", field="period")


def quarters(year: int) -> list[Period]:
    return [Period(year, "quarter", q) for q in range(1, 5)]


def months(year: int) -> list[Period]:
    return [Period(year, "month", m) for m in range(1, 13)]


# -- the periods table: one row per period a figure or a submission refers to --------


def ensure_period(store: Store, period: Period | str) -> str:
    period = parse_period(period) if isinstance(period, str) else period
    rows = store.rows("periods", "code = ?", [period.code], include_deleted=True)
    if rows:
        return str(rows[0]["id"])
    days = int(store.setting("due_days", "10") or 10)
    return store.insert(
        "periods",
        code=period.code,
        year=period.year,
        kind=period.kind,
        number=period.number,
        due_date=period.due_date(days).isoformat(),
    )


def period_id(store: Store, period: Period | str) -> str | None:
    code = period.code if isinstance(period, Period) else parse_period(period).code
    rows = store.rows("periods", "code = ?", [code])
    return rows[0]["id"] if rows else None
