"""完成时限 as written in a notice: a column, a 完成时限：… label, or a date phrase in a sub-task.

Only the text is read here (12月底前, 9月投入使用, 5月底前动工, 6月30日前, 年底前); the month and
day behind it are worked out where deadlines are stored and measured.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from ..deadlines import is_standing, opens_standing
from .model import ParsedIndicator, ParsedPlan, ParsedProject

STANDING_NOTE = "“{text}”是常态化任务：按常态化开展处理（照常填报，不亮灯、不按序时进度评判），可在项目信息中更改。"

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


def standing_wording(project: ParsedProject) -> str | None:
    """The wording that makes an item a standing task (常态化开展), or None: its 完成时限 says so
    (长期坚持, 常态化推进, 全年常态化开展), or, when it has no figure to reach at all, a target says
    so (目标 持续推进) or its text opens with it (常态化开展送戏下乡活动)."""
    if is_standing(project.deadline):
        return project.deadline
    if any(i.kind == "number" for i in project.indicators):
        return None  # a yearly figure to reach: scored, whatever words go with it
    for text in [i.target_text for i in project.indicators]:
        if is_standing(text):
            return tidy(text)
    if opens_standing(project.content):
        text = tidy(project.content)
        return text if len(text) <= 20 else text[:20] + "…"
    return None


def mark_standing(plan: ParsedPlan, skip: Collection[int] = ()) -> None:
    """Set ongoing on every standing item, with a note the preview shows; skip: id() of projects
    whose flag was given outright (a workbook's 常态化开展 column)."""
    for project in plan.projects:
        if id(project) in skip:
            continue
        wording = standing_wording(project)
        project.ongoing = wording is not None
        if wording is not None:
            project.notes.append(STANDING_NOTE.format(text=wording))
