"""修改记录 in a clerk's words: 第7项 指标“城镇新增就业” 本期累计 由 3 改为 5.

Turns audit_log rows into lines that name the project by its 序号, the
indicator by its name and the field by its label, by the 填报人 of the office
(offices.preparer) rather than the computer's account. Internal fields
(ids, positions, dates derived from text, bookkeeping settings) are not shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import offices
from .formatting import format_number
from .periods import Period, parse_period
from .plans import COMPARATORS, TASK_LEVELS
from .store import Store

REPORT_FIELDS = {
    "progress_note": "进展情况",
    "problems": "存在问题",
    "next_steps": "下一步计划",
    "funds_planned": "计划投资（万元）",
    "funds_received": "到位资金（万元）",
    "funds_spent": "已支出资金（万元）",
}
PROJECT_FIELDS = {
    "seq": "序号",
    "name": "项目名称",
    "content": "实施内容",
    "task_level": "任务级别",
    "task_level_text": "任务级别说明",
    "remarks": "备注",
    "category_id": "类别",
    "deadline": "完成时限",
}
INDICATOR_FIELDS = {
    "name": "名称",
    "kind": "类型",
    "unit": "计量单位",
    "comparator": "目标要求",
    "target": "目标值",
    "target_text": "目标（原文）",
    "baseline": "基数",
    "deadline": "完成时限",
}
OFFICE_FIELDS = {
    "name": "单位名称",
    "head": "负责人",
    "preparer": "填报人",
    "phone": "联系电话",
    "level": "级别",
    "region_code": "区划代码",
}
SIGNOFF_FIELDS = {"head": "负责人", "preparer": "填报人", "phone": "联系电话", "report_date": "填报日期"}
LEVELS = {"township": "乡镇（街道）", "district": "区（县）", "city": "市", "province": "省", "other": "其他"}
KINDS = {"number": "数值", "qualitative": "定性"}
MAX_TEXT = 40
# Turns a stored value (audit_log old_value / new_value) into the word a clerk reads.
Translate = Callable[[str | None], str | None]


@dataclass(frozen=True)
class Line:
    at: str  # 2026-11-23 10:02
    who: str  # the 填报人, else the account that made the change
    text: str  # 第7项 指标“城镇新增就业” 本期累计 由 3 改为 5
    seq: int  # audit_log.seq, for paging


def _short(value: object) -> str:
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def _value(value: str | float | None) -> str:
    if value in (None, ""):
        return "（空）"
    try:
        return format_number(float(value)) if re.fullmatch(r"-?\d+(\.\d+)?", str(value)) else _short(value)
    except ValueError:
        return _short(value)


def _change(label: str, entry: dict[str, Any], translate: Translate | None = None) -> str:
    old, new = entry["old_value"], entry["new_value"]
    if translate:
        old, new = translate(old), translate(new)
    if old in (None, ""):
        return f"{label} 填写为 {_value(new)}"
    if new in (None, ""):
        return f"{label} 由 {_value(old)} 改为 （空）"
    return f"{label} 由 {_value(old)} 改为 {_value(new)}"


def _summary_field(summary: str | None, key: str) -> str | None:
    """One field of an insert's summary ('indicator_id=…, actual=5')."""
    m = re.search(rf"(?:^|, ){re.escape(key)}=(.*?)(?=, [a-z_]+=|$)", summary or "")
    return m.group(1) if m else None


class _Context:
    """Cached look-ups of the rows an audit line refers to (deleted ones too)."""

    def __init__(self, store: Store, current: Period | None):
        self.store, self.current = store, current
        self._cache: dict[tuple[str, str], dict[str, Any]] = {}

    def get(self, table: str, row_id: str | None) -> dict[str, Any]:
        if not row_id:
            return {}
        key = (table, row_id)
        if key not in self._cache:
            self._cache[key] = self.store.get(table, row_id, include_deleted=True) or {}
        return self._cache[key]

    def project(self, project_id: str | None) -> str:
        p = self.get("projects", project_id)
        return f"第{p['seq']}项" if p else "（已删除的项目）"

    def indicator(self, indicator_id: str | None) -> str:
        ind = self.get("indicators", indicator_id)
        return f"{self.project(ind.get('project_id'))} 指标“{ind.get('name', '')}”"

    def period(self, period_id: str | None, word: str = "本期") -> str:
        d = self.get("periods", period_id)
        if not d:
            return word
        p = parse_period(d["code"])
        return word if self.current == p else p.label

    def office_suffix(self, office_id: str | None) -> str:
        me = offices.self_office(self.store)
        if me and office_id == me["id"]:
            return ""
        o = self.get("offices", office_id)
        return f"（{o['name']}）" if o else ""


def _progress(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("progress", e["row_id"])
    head = f"{c.indicator(row.get('indicator_id'))}{c.office_suffix(row.get('office_id'))}"
    when = c.period(row.get("period_id"))
    if e["action"] == "insert":
        actual = _summary_field(e["new_value"], "actual")
        text = _summary_field(e["new_value"], "actual_text")
        if actual is None and text is None:
            return f"{head} {when}累计 已填写" if _summary_field(e["new_value"], "done") else None
        return f"{head} {when}累计 填写为 {_value(actual if actual is not None else text)}"
    if e["action"] in ("delete", "restore"):
        return f"{head} {when}累计 {'已清除' if e['action'] == 'delete' else '已恢复'}"
    labels = {"actual": f"{when}累计", "actual_text": f"{when}完成情况", "done": f"{when}是否完成"}
    if e["field"] not in labels:
        return None
    yes_no = (lambda v: {"1": "已完成", "0": "未完成"}.get(v, v)) if e["field"] == "done" else None
    return f"{head} {_change(labels[e['field']], e, yes_no)}"


def _report(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("project_reports", e["row_id"])
    head = f"{c.project(row.get('project_id'))}{c.office_suffix(row.get('office_id'))} {c.period(row.get('period_id'))}"
    if e["action"] == "insert":
        parts = [
            f"{label} 填写为 {_value(v)}"
            for k, label in REPORT_FIELDS.items()
            if (v := _summary_field(e["new_value"], k)) not in (None, "")
        ]
        return f"{head}{'，'.join(parts)}" if parts else None
    if e["action"] in ("delete", "restore"):
        return f"{head}进展情况 {'已清除' if e['action'] == 'delete' else '已恢复'}"
    return f"{head}{_change(REPORT_FIELDS[e['field']], e)}" if e["field"] in REPORT_FIELDS else None


def _project(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("projects", e["row_id"])
    head = f"第{row.get('seq', '?')}项"
    if e["action"] == "insert":
        return f"新增项目 {head}"
    if e["action"] in ("delete", "restore"):
        return f"{'删除' if e['action'] == 'delete' else '恢复'}项目 {head}"
    if e["field"] not in PROJECT_FIELDS:
        return None
    translate = None
    if e["field"] == "task_level":
        translate = lambda v: TASK_LEVELS.get(v, v)  # noqa: E731
    elif e["field"] == "category_id":
        translate = lambda v: c.get("categories", v).get("name") if v else v  # noqa: E731
    if e["field"] == "seq":
        head = "项目"
    return f"{head} {_change(PROJECT_FIELDS[e['field']], e, translate)}"


def _indicator(c: _Context, e: dict[str, Any]) -> str | None:
    head = c.indicator(e["row_id"])
    if e["action"] in ("insert", "delete", "restore"):
        ind = c.get("indicators", e["row_id"])
        verb = {"insert": "新增", "delete": "删除", "restore": "恢复"}[e["action"]]
        return f"{c.project(ind.get('project_id'))} {verb}指标“{ind.get('name', '')}”"
    if e["field"] not in INDICATOR_FIELDS:
        return None
    translate = {"kind": lambda v: KINDS.get(v, v), "comparator": lambda v: COMPARATORS.get(v, v)}.get(e["field"])
    return f"{head} {_change(INDICATOR_FIELDS[e['field']], e, translate)}"


def _measure(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("measures", e["row_id"])
    head = f"{c.project(row.get('project_id'))} 推进措施"
    if e["action"] == "insert":
        return f"{head} 新增“{_short(row.get('text', ''))}”"
    if e["action"] in ("delete", "restore"):
        return f"{head}“{_short(row.get('text', ''))}” {'已删除' if e['action'] == 'delete' else '已恢复'}"
    labels = {"text": "内容", "seq": "编号"}
    return f"{head} {_change(labels[e['field']], e)}" if e["field"] in labels else None


def _unit(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("project_units", e["row_id"])
    role = "牵头单位" if row.get("role") == "lead" else "配合单位"
    head = c.project(row.get("project_id"))
    if e["action"] == "insert":
        return f"{head} 新增{role}“{row.get('unit_name', '')}”"
    if e["action"] == "delete":
        return f"{head} 删除{role}“{row.get('unit_name', '')}”"
    if e["field"] == "unit_name":
        return f"{head} {_change(role, e)}"
    return None  # position: the order changed, nothing a clerk reads


def _breakdown(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("target_breakdowns", e["row_id"])
    office = c.get("offices", row.get("office_id")).get("name", "")
    head = f"{c.indicator(row.get('indicator_id'))} {office}的分解目标"
    if e["action"] == "insert":
        value = _summary_field(e["new_value"], "target_text") or _summary_field(e["new_value"], "target")
        return f"{head} 填写为 {_value(value)}"
    if e["action"] in ("delete", "restore"):
        return f"{head} {'已清除' if e['action'] == 'delete' else '已恢复'}"
    return f"{head} {_change('', e).strip()}" if e["field"] in ("target_text",) else None


def _office(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("offices", e["row_id"])
    head = "本单位" if row.get("is_self") else f"下级单位“{row.get('name', '')}”"
    if e["action"] == "insert":
        return f"新增{head}" if not row.get("is_self") else f"设置本单位“{row.get('name', '')}”"
    if e["action"] in ("delete", "restore"):
        return f"{'删除' if e['action'] == 'delete' else '恢复'}{head}"
    translate = (lambda v: LEVELS.get(v, v)) if e["field"] == "level" else None
    return f"{head} {_change(OFFICE_FIELDS[e['field']], e, translate)}" if e["field"] in OFFICE_FIELDS else None


def _signoff(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("signoffs", e["row_id"])
    head = f"{c.period(row.get('period_id'))}签发信息"
    if e["action"] == "insert":
        parts = [
            f"{label} {_value(v)}"
            for k, label in SIGNOFF_FIELDS.items()
            if (v := _summary_field(e["new_value"], k)) not in (None, "")
        ]
        return f"{head} 填写：{'，'.join(parts)}" if parts else None
    return f"{head} {_change(SIGNOFF_FIELDS[e['field']], e)}" if e["field"] in SIGNOFF_FIELDS else None


def _setting(c: _Context, e: dict[str, Any]) -> str | None:
    from .file_settings import BY_KEY

    setting = BY_KEY.get(e["row_id"])
    if setting is None:
        return None  # the current plan, package counters…: bookkeeping, not the clerk's edit
    if e["old_value"] is None:  # first change from the default, which is not stored
        e = {**e, "old_value": f"{setting.default:g}"}
    return f"文件设置 {_change(setting.label, e)}"


def _plan(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("plans", e["row_id"])
    if e["action"] == "insert":
        return f"新建计划“{row.get('title', '')}”"
    if e["action"] in ("delete", "restore"):
        return f"{'删除' if e['action'] == 'delete' else '恢复'}计划“{row.get('title', '')}”"
    labels = {"title": "标题", "year": "年度", "doc_number": "文号", "issuing_office": "印发单位"}
    return f"计划 {_change(labels[e['field']], e)}" if e["field"] in labels else None


def _category(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("categories", e["row_id"])
    if e["action"] in ("insert", "delete", "restore"):
        verb = {"insert": "新增", "delete": "删除", "restore": "恢复"}[e["action"]]
        return f"{verb}类别“{row.get('name', '')}”"
    return f"类别 {_change('名称', e)}" if e["field"] == "name" else None


def _submitted(c: _Context, e: dict[str, Any]) -> str | None:
    row = c.get("submitted_periods", e["row_id"])
    label = parse_period(row["period_code"]).label if row.get("period_code") else ""
    if e["action"] == "insert" or e["field"] == "submitted_at":
        return f"生成{label}报送包"
    return None


RENDERERS = {
    "progress": _progress,
    "project_reports": _report,
    "projects": _project,
    "indicators": _indicator,
    "measures": _measure,
    "project_units": _unit,
    "target_breakdowns": _breakdown,
    "offices": _office,
    "signoffs": _signoff,
    "settings": _setting,
    "plans": _plan,
    "categories": _category,
    "submitted_periods": _submitted,
}


def who(store: Store, entry: dict[str, Any]) -> str:
    """The 填报人 of the office keeping the file; the account only when no 填报人 is set."""
    me = offices.self_office(store)
    name: str = (me or {}).get("preparer") or entry["actor"]
    return name


def line(
    store: Store, entry: dict[str, Any], current_period: Period | str | None = None, _ctx: _Context | None = None
) -> Line | None:
    """One audit row in words, or None for bookkeeping a clerk need not see."""
    current = parse_period(current_period) if isinstance(current_period, str) else current_period
    ctx = _ctx or _Context(store, current)
    render = RENDERERS.get(entry["table_name"])
    text = render(ctx, entry) if render else None
    if not text:
        return None
    return Line(entry["at"][:16].replace("T", " "), who(store, entry), re.sub(r"\s{2,}", " ", text), entry["seq"])


def lines(store: Store, entries: list[dict[str, Any]], current_period: Period | str | None = None) -> list[Line]:
    """Audit rows (e.g. from audit.entries) in words, bookkeeping rows left out, same order."""
    current = parse_period(current_period) if isinstance(current_period, str) else current_period
    ctx = _Context(store, current)
    return [x for e in entries if (x := line(store, e, current, ctx)) is not None]
