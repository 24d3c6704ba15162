"""完成时限 as written in a notice: a column, a 完成时限：… label, or a date phrase in a sub-task.

Only the text is read here (12月底前, 9月投入使用, 5月底前动工, 6月30日前, 年底前); the month and
day behind it are worked out where deadlines are stored and measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import ParsedIndicator

LABEL = re.compile(r"(?:完成时限|时间节点|完成时间|时限要求)\s*[:：]\s*([^。；;）)\n]{1,30})")
_WHEN = r"(?:(?:20\d{2}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末|中旬|上旬|下旬|份)?|(?:20\d{2}\s*)?年底|年末)"
_VERB = r"(?:完成|建成|投入使用|投用|动工|开工|竣工|开放|运营|交付|启用|建成投用|完工|实现|上线|到位)"
PHRASE = re.compile(
    rf"({_WHEN}\s*(?:前|以前)(?:[\u4e00-\u9fff]{{0,3}}?{_VERB}(?:并投入使用)?)?|{_WHEN}\s*{_VERB}(?:并投入使用)?)"
)
_CLAUSE = re.compile(r"[^。；;]+[。；;]?")


def tidy(text: str) -> str:
    return re.sub(r"\s+", "", text).strip("，,。；; ")


def labelled(text: str) -> str | None:
    """完成时限：12月底前 written in the item's text or a measure."""
    m = LABEL.search(text)
    return tidy(m.group(1)) if m else None


def phrases(text: str) -> list[str]:
    """Every date phrase that reads as a deadline (年底前, 5月底前动工, 9月投入使用), in order."""
    return [tidy(m.group(1)) for m in PHRASE.finditer(text)]


def for_indicators(content: str, indicators: Iterable[ParsedIndicator]) -> None:
    """A sub-task's own deadline: the date phrase in the same clause as the indicator's target."""
    clauses = _CLAUSE.findall(content)
    if len(clauses) < 2:
        return
    with_dates = [c for c in clauses if PHRASE.search(c)]
    if len(with_dates) < 2:
        return  # one deadline for the whole item: it is the project's, not a sub-task's
    for indicator in indicators:
        key = (indicator.target_text or indicator.name or "").replace(" ", "")
        if not key:
            continue
        for clause in clauses:
            if key and key in clause.replace(" ", ""):
                found = phrases(clause)
                if found:
                    indicator.deadline = found[0]
                break


def project_deadline(column: str | None, content: str, measures: list[str]) -> str | None:
    """The project's 完成时限: its column, else a label, else the only (or last) date phrase of the item."""
    if column and column.strip():
        return tidy(column)
    for text in [content, *measures]:
        found = labelled(text)
        if found:
            return found
    dated = phrases(content)
    return dated[-1] if dated else None
