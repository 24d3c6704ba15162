"""牵头单位 / 配合单位 as one line of text (区民政局、区财政局): the one rule that splits it, for
the notice reader, the project-list workbook, 项目信息 and the import preview."""
from __future__ import annotations

import re

# 、，,/；; and line breaks separate names; so do two or more spaces (columns in a PDF's text
# layer), while a single space may sit inside a name.
_SPLIT = re.compile(r"[、，,/；;\n]|\s{2,}")
_TRIM = " \t，,。"


def split_units(text: str | None) -> list[str]:
    return [u.strip(_TRIM) for u in _SPLIT.split(text or "") if u.strip(_TRIM)]
