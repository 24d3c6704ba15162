"""Read models: one row per project with its derived figures, for tables,
exports and roll-up. Set-based queries so 20,000 projects stay fast."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import offices, status
from .periods import Period, parse_period
from .plans import TASK_LEVELS
from .store import Store


@dataclass
class IndicatorRow:
    indicator: dict[str, Any]
    actual: float | None
    actual_text: str | None
    done: bool
    previous: float | None
    assessment: status.Assessment


@dataclass
class ProjectRow:
    project: dict[str, Any]
    category: str
    category_position: int
    lead_units: list[str]
    partner_units: list[str]
    indicators: list[IndicatorRow] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    assessment: status.Assessment | None = None

    @property
    def id(self) -> str:
        return str(self.project["id"])

    @property
    def task_level_label(self) -> str:
        return self.project.get("task_level_text") or TASK_LEVELS[self.project["task_level"]]


def project_rows(store: Store, plan_id: str, period: Period | str, office_id: str | None = None,
                 th: status.Thresholds | None = None, project_ids: Iterable[str] | None = None) -> list[ProjectRow]:
    """project_ids limits the read to those projects (the GUI refreshing one edited row)."""
    period = parse_period(period) if isinstance(period, str) else period
    only, only_params = _only(project_ids)
    th = th or status.Thresholds.from_store(store)
    if office_id is None:
        me = offices.self_office(store)
        office_id = me["id"] if me else ""
    cats = {c["id"]: c for c in store.rows("categories", "plan_id = ?", [plan_id])}
    units = _units(store, plan_id, only, only_params)
    rows: dict[str, ProjectRow] = {}
    for p in store.rows("projects", "plan_id = ?" + only.replace("p.id", "id"), [plan_id, *only_params],
                        order_by="position"):
        cat = cats.get(p["category_id"]) or {}
        rows[p["id"]] = ProjectRow(p, cat.get("name", ""), cat.get("position", 0),
                                   units[(p["id"], "lead")], units[(p["id"], "partner")])
    actuals = _actuals(store, plan_id, period, office_id, only, only_params)
    for ind in store.query(
            "SELECT i.* FROM indicators i JOIN projects p ON p.id = i.project_id"
            " WHERE p.plan_id = ? AND i.deleted = 0 AND p.deleted = 0" + only + " ORDER BY i.position",
            [plan_id, *only_params]):
        row = rows.get(ind["project_id"])
        if row is None:
            continue
        cur, prev = actuals.get((ind["id"], "cur"), {}), actuals.get((ind["id"], "prev"), {})
        expected = status.expected_share(period, status.indicator_due_date(ind, row.project))
        row.indicators.append(IndicatorRow(
            ind, cur.get("actual"), cur.get("actual_text"), bool(cur.get("done")), prev.get("actual"),
            status.assess_indicator(ind, cur, expected, th)))
    for rep in _reports(store, plan_id, period, office_id, only, only_params):
        if rep["project_id"] in rows:
            rows[rep["project_id"]].report = rep
    for row in rows.values():
        row.assessment = _assess_project(row, status.expected_share(period, row.project.get("due_date")))
    return list(rows.values())


def deciding_indicator(row: ProjectRow) -> IndicatorRow | None:
    """With several indicators, the one whose light the project shows: its completion is a mean,
    so 75% can still be 滞后（红灯） when one indicator is far behind."""
    if len(row.indicators) < 2:
        return None
    worst = status.worst_of([i.assessment for i in row.indicators])
    return next(i for i in row.indicators if i.assessment is worst)


def _assess_project(row: ProjectRow, expected: float) -> status.Assessment:
    level = row.project["task_level"]
    reported = any(i.actual is not None or i.actual_text or i.done for i in row.indicators)
    if level == "none" or (level in ("city", "province") and not reported):
        return status.no_task(expected)
    return status.combine([i.assessment for i in row.indicators], expected)


def _only(project_ids: Iterable[str] | None) -> tuple[str, list[Any]]:
    if project_ids is None:
        return "", []
    ids = list(project_ids)
    return f" AND p.id IN ({', '.join('?' * len(ids)) or 'NULL'})", ids


def _units(store: Store, plan_id: str, only: str = "",
           only_params: Sequence[Any] = ()) -> defaultdict[tuple[str, str], list[str]]:
    out: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for u in store.query(
            "SELECT u.project_id, u.role, u.unit_name FROM project_units u JOIN projects p ON p.id = u.project_id"
            " WHERE p.plan_id = ? AND u.deleted = 0" + only + " ORDER BY u.position", [plan_id, *only_params]):
        out[(u["project_id"], u["role"])].append(u["unit_name"])
    return out


def _actuals(store: Store, plan_id: str, period: Period, office_id: str, only: str = "",
             only_params: Sequence[Any] = ()) -> dict[tuple[str, str], dict[str, Any]]:
    """This period's progress and the latest earlier one in the same year, per indicator."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in store.query(
            "SELECT g.indicator_id, g.actual, g.actual_text, g.done, d.number FROM progress g"
            " JOIN periods d ON d.id = g.period_id JOIN indicators i ON i.id = g.indicator_id"
            " JOIN projects p ON p.id = i.project_id"
            " WHERE p.plan_id = ? AND g.office_id = ? AND g.deleted = 0 AND d.year = ? AND d.kind = ?"
            " AND d.number <= ?" + only + " ORDER BY d.number",
            [plan_id, office_id, period.year, period.kind, period.number, *only_params]):
        if r["number"] == period.number:
            out[(r["indicator_id"], "cur")] = r
        elif r["actual"] is not None:
            out[(r["indicator_id"], "prev")] = r
    return out


def _reports(store: Store, plan_id: str, period: Period, office_id: str, only: str = "",
             only_params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return store.query(
        "SELECT r.* FROM project_reports r JOIN periods d ON d.id = r.period_id"
        " JOIN projects p ON p.id = r.project_id"
        " WHERE p.plan_id = ? AND r.office_id = ? AND r.deleted = 0 AND d.code = ?" + only,
        [plan_id, office_id, period.code, *only_params])


def summary(rows: list[ProjectRow], key: Callable[[ProjectRow], str | list[str]]) -> list[dict[str, Any]]:
    """Counts and mean completion grouped by key(row) -> label (category, lead unit)."""
    groups: dict[str, list[ProjectRow]] = defaultdict(list)
    for row in rows:
        value = key(row)
        for label in (value or ["（未指定）"]) if isinstance(value, list) else [value]:
            groups[label].append(row)
    out = []
    for label, members in groups.items():
        comps = [min(r.assessment.completion, 1.0) for r in members
                 if r.assessment and r.assessment.completion is not None]
        counts: defaultdict[str, int] = defaultdict(int)
        for r in members:
            if r.assessment:
                counts[r.assessment.status] += 1
        out.append(dict(label=label, projects=len(members), completion=sum(comps) / len(comps) if comps else None,
                        **{s: counts[s] for s in status.STATUSES}))
    return out


def lagging(rows: list[ProjectRow]) -> list[ProjectRow]:
    bad = [r for r in rows if r.assessment and r.assessment.status in (status.LAGGING, status.NOT_STARTED)
           and r.assessment.level in (status.YELLOW, status.RED)]
    return sorted(bad, key=lambda r: (r.assessment is None or r.assessment.level != status.RED, r.project["position"]))


def status_counts(rows: list[ProjectRow]) -> dict[str, int]:
    """Projects per status, plus the red ones among 滞后 (red_lagging) and 未启动 (red_not_started):
    the 进展概览 headline."""
    counts = {s: sum(1 for r in rows if r.assessment and r.assessment.status == s) for s in status.STATUSES}
    late = [r.assessment for r in lagging(rows) if r.assessment]
    counts["red_lagging"] = sum(1 for a in late if a.level == status.RED and a.status == status.LAGGING)
    counts["red_not_started"] = sum(1 for a in late if a.level == status.RED and a.status == status.NOT_STARTED)
    return counts


def lead_units(store: Store, plan_id: str) -> list[str]:
    """Every 牵头单位 named in the plan, sorted (the export dialog's filter)."""
    rows = store.query(
        "SELECT DISTINCT u.unit_name FROM project_units u JOIN projects p ON p.id = u.project_id"
        " WHERE p.plan_id = ? AND u.role = 'lead' AND u.deleted = 0 AND p.deleted = 0 ORDER BY u.unit_name",
        [plan_id])
    return [r["unit_name"] for r in rows]
