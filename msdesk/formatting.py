"""How figures, percents and stored times read for a clerk: one wording on every screen,
in the CLI and in the package messages."""

from __future__ import annotations

import math


def format_number(value: float | int | str | None, words: bool = False) -> str:
    """100000000 → '100000000' (words=True: '1亿'); 0.5 → '0.5'; 1234.5 → '1234.5'; None → ''.
    At most 4 decimals, no exponent, no thousands separators (a clerk copies it back into a cell)."""
    if value is None:
        return ""
    value = float(value)
    if not math.isfinite(value):
        return "—"
    if words:
        for size, name in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万")):
            if abs(value) >= size and (value / size * 10000).is_integer():
                return format_number(value / size) + name
    if value.is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def percent(value: float | None, digits: int = 1) -> str:
    """A share (0.755) as 75.5%; — when there is none."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def when(stamp: str | None, seconds: bool = False) -> str:
    """A stored time as a clerk reads it: 2023-10-08 09:30 (no ISO “T”; seconds only if asked)."""
    return (stamp or "")[: 19 if seconds else 16].replace("T", " ")
