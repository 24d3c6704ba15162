"""Whose progress table it is, and the projects and indicators it covers.

A subordinate office's table covers every project it has a task in, each
indicator with its share from the 目标任务分解表 where the target is broken down.
A 牵头单位's table covers the projects it leads, with the plan's own targets;
its figures are this office's own progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import offices, overview, plans
from ..errors import MsdeskError, ValidationError
from ..periods import Period, parse_period
from ..store import Store


@dataclass
class ScopeIndicator:
    indicator: dict[str, Any]
    target: float | None  # this office's target (its share where broken down)
    target_text: str | None
    previous: float | None  # the latest earlier figure of the year, for this office
    actual: float | None
    actual_text: str | None
    done: bool

    @property
    def id(self) -> str:
        return str(self.indicator["id"])

    @property
    def numeric(self) -> bool:
        return self.indicator.get("kind") == "number" and self.target is not None

    def checked(self) -> dict[str, Any]:
        """The indicator as progress.validate_actual reads it: with this office's target."""
        return {**self.indicator, "target": self.target}


@dataclass
class ScopeProject:
    project: dict[str, Any]
    category: str
    lead_units: list[str]
    indicators: list[ScopeIndicator] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.project["id"])

    @property
    def label(self) -> str:
        return self.project.get("name") or self.project.get("content") or ""


@dataclass
class Scope:
    plan: dict[str, Any]
    period: Period
    office: dict[str, Any]  # whose figures: the subordinate, or this office for a lead unit
    lead_unit: str | None
    projects: list[ScopeProject]

    @property
    def name(self) -> str:
        return self.lead_unit or self.office["name"]

    @property
    def kind_label(self) -> str:
        return "牵头单位" if self.lead_unit else "填报单位"

    @property
    def indicators(self) -> dict[str, ScopeIndicator]:
        return {i.id: i for p in self.projects for i in p.indicators}


def lead_units(store: Store, plan_id: str) -> list[str]:
    rows = store.query(
        "SELECT DISTINCT u.unit_name FROM project_units u JOIN projects p ON p.id = u.project_id"
        " WHERE p.plan_id = ? AND u.role = 'lead' AND u.deleted = 0 AND p.deleted = 0 ORDER BY u.unit_name",
        [plan_id],
    )
    return [r["unit_name"] for r in rows]


def resolve_scope(
    store: Store, plan_id: str | None, period: Period | str, office: str | None = None, lead_unit: str | None = None
) -> Scope:
    """The table's scope; ValidationError (in Chinese) for an unknown office, lead unit or period."""
    period = parse_period(period) if isinstance(period, str) else period
    plan = store.get("plans", plan_id) if plan_id else plans.current_plan(store)
    if plan is None:
        raise MsdeskError("台账中还没有年度计划，请先导入民生实事通知。")
    if period.year != plan["year"]:
        raise ValidationError(f"报告期“{period.label}”不在{plan['year']}年计划的年度内。", field="period")
    if bool(office) == bool(lead_unit):
        raise ValidationError("请指定一个下级单位或一个牵头单位（二选一）。")
    me = offices.self_office(store)
    if me is None:
        raise ValidationError("请先在“单位设置”中填写填报单位。")
    if lead_unit:
        lead_unit = lead_unit.strip()
        known = lead_units(store, plan["id"])
        if lead_unit not in known:
            raise ValidationError(
                f"本计划中没有牵头单位“{lead_unit}”。本计划的牵头单位有：{'、'.join(known) or '（无）'}。",
                field="lead_unit",
            )
        return Scope(plan, period, me, lead_unit, _projects(store, plan["id"], period, me["id"], lead_unit, None))
    subs = offices.subordinates(store, me["id"])
    found = next((o for o in subs if o["name"] == (office or "").strip()), None)
    if found is None:
        names = "、".join(o["name"] for o in subs) or "（尚未添加下级单位）"
        raise ValidationError(f"“{office}”不是本单位的下级单位。下级单位有：{names}。", field="office")
    return Scope(plan, period, found, None, _projects(store, plan["id"], period, found["id"], None, found["id"]))


def _shares(store: Store, plan_id: str, office_id: str) -> dict[str, Any]:
    """indicator id -> {office id: share}: the office's own shares, and which indicators are split at all."""
    out: dict[str, Any] = {}
    for b in store.query(
        "SELECT b.indicator_id, b.office_id, b.target, b.target_text FROM target_breakdowns b"
        " JOIN indicators i ON i.id = b.indicator_id JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND b.deleted = 0 AND (b.office_id = ? OR b.id IN"
        " (SELECT min(id) FROM target_breakdowns WHERE deleted = 0 GROUP BY indicator_id))",
        [plan_id, office_id],
    ):
        out.setdefault(b["indicator_id"], {})[b["office_id"]] = b
    return out


def _projects(
    store: Store, plan_id: str, period: Period, figures_office: str, lead_unit: str | None, share_office: str | None
) -> list[ScopeProject]:
    shares = _shares(store, plan_id, share_office) if share_office else {}
    out = []
    for row in overview.project_rows(store, plan_id, period, office_id=figures_office):
        if lead_unit and lead_unit not in row.lead_units:
            continue
        if row.project["task_level"] == "none":
            continue
        project = ScopeProject(row.project, row.category, row.lead_units, report=row.report or {})
        for ir in row.indicators:
            ind = ir.indicator
            target, text = ind.get("target"), ind.get("target_text")
            split = shares.get(ind["id"])
            if split:
                mine = split.get(share_office)
                if mine is None or (mine["target"] is None and (mine["target_text"] or "—") in ("—", "无")):
                    continue  # broken down, but not to this office: nothing to report
                target, text = mine["target"], mine["target_text"] or text
            project.indicators.append(
                ScopeIndicator(ind, target, text, ir.previous, ir.actual, ir.actual_text, ir.done)
            )
        if project.indicators or not row.indicators:
            out.append(project)
    return out


def refreshed(store: Store, scope: Scope) -> Scope:
    """The same scope read again (figures change with every import)."""
    office = None if scope.lead_unit else scope.office["name"]
    return resolve_scope(store, scope.plan["id"], scope.period, office, scope.lead_unit)
