"""How figures, percents and stored times read for a clerk: one wording on every screen,
in the CLI and in the package messages."""
from __future__ import annotations


def format_number(value: float | int | str | None) -> str:
    """3750, 0.67, 12.5: no trailing zeros, at most four decimals; '' for no figure."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def percent(value: float | None, digits: int = 1) -> str:
    """A share (0.755) as 75.5%; — when there is none."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def when(stamp: str | None, seconds: bool = False) -> str:
    """A stored time as a clerk reads it: 2023-10-08 09:30 (no ISO “T”; seconds only if asked)."""
    return (stamp or "")[:19 if seconds else 16].replace("T", " ")
