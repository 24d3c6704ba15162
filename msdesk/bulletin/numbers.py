"""Figures written the way bulletins write them: 19项, 50%, 1.2万人, 完成率200%,
and dates in Chinese numerals (二〇二三年十月八日)."""

from __future__ import annotations

from datetime import date

_DIGITS = "〇一二三四五六七八九"
# Units that count people or things: 12000人 reads 1.2万人 in a bulletin.
_COUNTABLE = ("人", "人次", "户", "名", "个", "件", "场", "次", "家", "套", "间", "所", "批次", "册", "张", "辆")


def trim(value: float, decimals: int) -> str:
    """value with at most `decimals` places, no trailing zeros: 50, 62.5, 1.19."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def count(n: int, unit: str = "项") -> str:
    return f"{n}{unit}"


def percent(ratio: float | None) -> str:
    """0.5 -> 50%, 0.625 -> 62.5%, 2.0 -> 200% (one decimal at most, as the tables round)."""
    if ratio is None:
        return "—"
    return f"{trim(ratio * 100, 1)}%"


def quantity(value: float | None, unit: str | None) -> str:
    """An indicator's figure with its unit: 650人, 24.807公里, 1.2万人 (from 12000人)."""
    if value is None:
        return "—"
    unit = unit or ""
    if unit in _COUNTABLE and abs(value) >= 10000:
        return f"{trim(value / 10000, 2)}万{unit}"
    return f"{trim(value, 4)}{unit}"


def money(value: float | None) -> str:
    """万元 with at most two decimals: 1234.5万元."""
    return f"{trim(value or 0.0, 2)}万元"


def chinese_year(year: int) -> str:
    return "".join(_DIGITS[int(d)] for d in str(year))


def chinese_small(n: int) -> str:
    """1..31 in Chinese numerals: 十, 十二, 二十, 三十一."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def chinese_date(d: date) -> str:
    """2023-10-08 -> 二〇二三年十月八日 (the 成文日期 of an official document)."""
    return f"{chinese_year(d.year)}年{chinese_small(d.month)}月{chinese_small(d.day)}日"


def chinese_ordinal(n: int) -> str:
    """Heading numbers: 1 -> 一, 12 -> 十二, 21 -> 二十一 (up to 99)."""
    return chinese_small(n)
