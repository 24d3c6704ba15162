"""牵头单位 / 配合单位 as one line of text (区民政局、区财政局): the one rule that splits it, for
the notice reader, the project-list workbook, 项目信息 and the import preview."""

from __future__ import annotations

import re

# 、，,/；; and line breaks separate names; so do two or more spaces (columns in a PDF's text
# layer), while a single space may sit inside a name.
_SPLIT = re.compile(r"[、，,/；;\n]|\s{2,}")
_TRIM = " \t，,。"


# a list that ends in 等 (市财政局、市教育局等): the 等 is not part of the last name
_ETC = re.compile(r"(?<=[局委办厅府部心会院司队所站行社室处团联])等$")


def split_units(text: str | None) -> list[str]:
    """Names in a list; a separator inside brackets (各县(市、区)政府) does not split a name."""
    pieces, start, text = [], 0, text or ""
    for m in _SPLIT.finditer(text):
        before = text[start : m.start()]
        if m.group(0) in "、，," and before.count("（") + before.count("(") > before.count("）") + before.count(")"):
            continue
        pieces.append(before)
        start = m.end()
    pieces.append(text[start:])
    return [_ETC.sub("", u.strip(_TRIM)) for u in pieces if u.strip(_TRIM)]
