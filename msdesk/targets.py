"""A target typed by a clerk (the import preview's 目标值 and 基数): read as progress.parse_number
reads every figure, and never negative."""

from __future__ import annotations

from .errors import ValidationError
from .progress import parse_number


def parse_target(text: str | float | int | None, label: str = "目标值") -> float | None:
    value = parse_number(text, label)
    if value is not None and value < 0:
        raise ValidationError(f"{label}“{text}”不能为负数。")
    return value
