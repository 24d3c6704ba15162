"""Labelled lines: 责任单位：… 完成时限：… 项目名称：… written as fields under an item.

Notices that are not tables often give each item's fields as labelled lines: on one
line (牵头领导：A  责任单位：B  配合单位：C), one label per line, or the label on a line
and its value on the next. Every label is read, even those msdesk keeps nowhere
(牵头领导, 项目责任人), so that no line is left over.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FIELDS = {
    "lead": ("牵头单位", "牵头部门", "主办单位", "主责单位", "牵头责任单位"),
    "resp": ("责任单位", "责任部门", "实施单位", "承办单位"),
    "partner": ("配合单位", "协办单位", "配合部门", "参与单位", "协同责任单位", "协同单位"),
    # 部门分工：A牵头，B、C配合 — units named by what they do, read by verb_units
    "division": ("部门分工", "责任分工", "职责分工"),
    "name": ("项目名称",),
    "content": ("项目内容", "实施内容", "建设内容", "目标任务", "主要内容", "工作内容", "建设规模及内容", "年度目标"),
    "deadline": ("完成时限", "时间节点", "完成时间", "时限要求", "进度安排"),
    "remark": ("备注",),
    "people": (
        "牵头领导",
        "责任领导",
        "分管领导",
        "牵头区领导",
        "牵头市领导",
        "包保领导",
        "项目责任人",
        "责任人",
        "联系人",
        "牵头负责领导",
        "主管领导",
        "主要责任人",
        "分管省领导",
        "分管市领导",
        "分管区领导",
        "分管县领导",
        "联系电话",
    ),
}
_BY_LABEL = {label: key for key, labels in FIELDS.items() for label in labels}
_ALT = "|".join(sorted(_BY_LABEL, key=len, reverse=True))
# a label followed by a colon anywhere on the line (牵头领导：A  责任单位：B), or alone on its line
ANY = re.compile(rf"(?:^|(?<=[\s，,；;。]))({_ALT})\s*[:：]")
START = re.compile(rf"^\s*({_ALT})\s*(?:[:：]|$)")
NUMBERED = re.compile(rf"^(\d{{1,3}})\s+(?=(?:{_ALT})\s*[:：])")
_FIRST_LISTED = re.compile(
    r"(?:列|排)(?:在)?(?:第一|首)(?:位|个|家)?(?:者|的)?(?:单位)?(?:为|是)牵头|第一(?:位|个|家)(?:单位)?(?:为|是)牵头"
)
_NOTE = re.compile(r"[（(][^（）()]*(?:牵头|下同|为准)[^（）()]*[）)]")


def split(line: str) -> list[tuple[str, str]] | None:
    """A line that starts with a label → [(field key, value)], else None."""
    start = START.match(line)
    if not start:
        return None
    marks = list(ANY.finditer(line))
    if not marks or marks[0].start(1) != len(line) - len(line.lstrip()):
        label = start.group(1)
        return [(_BY_LABEL[label], line.strip()[len(label) :].strip(" ：:"))]
    out = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        value = line[m.end() : nxt.start(1) if nxt else len(line)]
        out.append((_BY_LABEL[m.group(1)], value.strip(" \u3000，,；;")))
    return out


def first_listed_leads(text: str) -> bool:
    """The notice says the first unit named is the lead unit (列第一位者为牵头单位)."""
    return bool(_FIRST_LISTED.search(text))


def clean_units(value: str) -> str:
    """Drop an explanatory bracket (列第一位者为牵头单位，下同) from a unit list."""
    return _NOTE.sub("", value).strip(" 。.；;")


_TAIL_KEYS = ("lead", "resp", "partner", "division", "deadline", "remark", "people")
_TAIL = re.compile(rf"(?:(?<=[。；;，,\s])|^)({_ALT})\s*[:：]")


def tail(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Item text ending in labelled fields (…2个。责任单位：社区建设办；完成时限：9月底前。) → text, fields."""
    marks = [
        m for m in _TAIL.finditer(text) if _BY_LABEL[m.group(1)] in _TAIL_KEYS and _outside_brackets(text, m.start())
    ]
    if not marks or marks[0].start() == 0:
        return text, []
    fields = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        value = text[m.end() : nxt.start(1) if nxt else len(text)]
        value = re.split(r"[。；;]", value.strip(" \u3000，,；;。"))[0]  # a field ends with its sentence
        fields.append((_BY_LABEL[m.group(1)], value.strip(" \u3000，,；;。")))
    return text[: marks[0].start(1)].rstrip(" \u3000，,；;"), fields


def _outside_brackets(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("（") + before.count("(") <= before.count("）") + before.count(")")


_BRACKET = re.compile(r"[（(]([^（）()]*)[）)]")
_OTHER_KEYS = ("deadline", "remark", "people")


def bracket_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """（责任单位：县教育局，完成时限：8月底前）: the 完成时限 (and 备注, people) inside a units bracket are taken
    out as fields; the units stay for the lead-unit reader."""
    fields: list[tuple[str, str]] = []

    def take(m: re.Match[str]) -> str:
        body = m.group(1)
        marks = [k for k in ANY.finditer(body) if _BY_LABEL[k.group(1)] in _OTHER_KEYS]
        if not marks:
            return m.group(0)
        kept = body
        for k in reversed(marks):
            nxt = next((n for n in ANY.finditer(body, k.end())), None)
            end = nxt.start(1) if nxt else len(body)
            fields.insert(0, (_BY_LABEL[k.group(1)], body[k.end() : end].strip(" \u3000，,；;。")))
            kept = kept[: k.start(1)] + kept[end:]
        kept = kept.strip(" \u3000，,；;")
        return f"（{kept}）" if kept else ""

    return _BRACKET.sub(take, text), fields


_LEADS_VERB = re.compile(r"^(.+?)(?:共同)?牵头(?:负责|抓总|实施)?$")
_HELPS_VERB = re.compile(r"^(.+?)(?:配合|协助|协同|参与|协办)(?:实施)?$")
VERB_BRACKET = re.compile(r"[（(]([^（）()]*?[\u4e00-\u9fff)]牵头[^（）()]*)(?:[）)]|$)")


def verb_units(text: str, split: Callable[[str], list[str]]) -> tuple[list[str], list[str]]:
    """Units named by what they do (A、B牵头，C配合，各县区政府按职责分工负责): those before 牵头 lead, those
    before 配合/协助/参与 help; a clause that names no unit by such a verb (按职责分工负责) is not a unit."""
    leads: list[str] = []
    helps: list[str] = []
    for clause in re.split(r"[，,；;。]|(?<=牵头)(?!负责|抓总|实施)", text):  # 牵头 ends a clause even with no comma
        clause = clause.strip(" \u3000")
        m = _LEADS_VERB.match(clause)
        if m:
            leads += [u for u in split(m.group(1)) if u not in leads]
            continue
        m = _HELPS_VERB.match(clause)
        if m:
            helps += [u for u in split(m.group(1)) if u not in helps]
    return leads, helps
