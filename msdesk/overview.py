"""Read models: one row per project with its derived figures, for tables,
exports and roll-up. Set-based queries so 20,000 projects stay fast."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import offices, status
from .cycles import no_cycle_collection
from .periods import Period, parse_period
from .plans import TASK_LEVELS
from .store import Store


@dataclass(slots=True)  # slots: 20,000 of each are kept for the open file
class IndicatorRow:
    indicator: dict[str, Any]
    actual: float | None
    actual_text: str | None
    done: bool
    previous: float | None
    assessment: status.Assessment


@dataclass(slots=True)
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


Figures = dict[str, tuple[Any, Any, Any]]  # indicator id -> (actual, actual_text, done)
_NO_FIGURE = (None, None, 0)  # the same for an indicator without a figure


class _PeriodFigures:
    """One period's figures as project_rows read them, shared by all the rows of that read: each
    row makes its indicator rows from them when first asked (PeriodRow.indicators)."""

    __slots__ = ("current", "previous", "assessor")

    def __init__(self, current: Figures, previous: dict[str, Any], assessor: status.Assessor):
        self.current, self.previous, self.assessor = current, previous, assessor

    def indicator_rows(self, inds: tuple[tuple[Any, ...], ...]) -> list[IndicatorRow]:
        cur, prev, assess = self.current.get, self.previous.get, self.assessor.indicator
        rows = []
        for ind, ind_id, target, due in inds:
            actual, text, done = cur(ind_id) or _NO_FIGURE
            rows.append(
                IndicatorRow(ind, actual, text, bool(done), prev(ind_id), assess(ind, target, actual, text, done, due))
            )
        return rows


_INDICATORS = ProjectRow.__dict__["indicators"]  # the slot that PeriodRow.indicators fills on first use


class PeriodRow(ProjectRow):
    """A ProjectRow of project_rows. Its indicator rows (figures, previous figure, assessment) are
    made when first asked for: a change of 报告期 at 20,000 projects needs each project's assessment
    for the list, but the indicator rows of only the project on the entry screen (or of all of them
    for an export, which then asks for them all). Equal, field by field, to the row made at once."""

    __slots__ = ("_inds", "_figures")

    def __init__(
        self,
        project: dict[str, Any],
        category: str,
        category_position: int,
        lead_units: list[str],
        partner_units: list[str],
        inds: tuple[tuple[Any, ...], ...],
        figures: _PeriodFigures,
        assessment: status.Assessment,
    ):
        self.project, self.category, self.category_position = project, category, category_position
        self.lead_units, self.partner_units = lead_units, partner_units
        self.report = {}
        self.assessment = assessment
        self._inds, self._figures = inds, figures

    @property
    def indicators(self) -> list[IndicatorRow]:
        try:
            made: list[IndicatorRow] = _INDICATORS.__get__(self, PeriodRow)
        except AttributeError:  # not asked for yet
            made = self._figures.indicator_rows(self._inds)
            _INDICATORS.__set__(self, made)
        return made

    @indicators.setter
    def indicators(self, rows: list[IndicatorRow]) -> None:
        _INDICATORS.__set__(self, rows)


@dataclass
class PlanFrame:
    """What the project list needs that does not change with the 报告期, one entry per project in
    order: (project, category name, category position, lead units, partner units, indicators,
    case), each indicator as (indicator, its id, Assessor.target_key, due date); `case` is what
    besides the figures decides the project's assessment (project_rows), one object for projects
    alike. Read once per file state (Session caches it), so a change of 报告期 reads only that
    period's figures."""

    projects: list[tuple[Any, ...]]

    def only(self, project_ids: Iterable[str]) -> PlanFrame:
        ids = set(project_ids)
        return PlanFrame([e for e in self.projects if e[0]["id"] in ids])


def plan_frame(store: Store, plan_id: str, project_ids: Iterable[str] | None = None) -> PlanFrame:
    only, only_params = _only(project_ids)
    cats = {c["id"]: c for c in store.rows("categories", "plan_id = ?", [plan_id])}
    units = _units(store, plan_id, only, only_params)
    projects = store.rows(
        "projects", "plan_id = ?" + only.replace("p.id", "id"), [plan_id, *only_params], order_by="position"
    )
    by_id = {p["id"]: p for p in projects}
    indicators: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for ind in store.query(
        "SELECT i.* FROM indicators i JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND i.deleted = 0 AND p.deleted = 0" + only + " ORDER BY i.position",
        [plan_id, *only_params],
    ):
        project = by_id.get(ind["project_id"])
        if project is not None:
            target = status.Assessor.target_key(ind, bool(project.get("ongoing")))
            indicators[project["id"]].append((ind, ind["id"], target, status.indicator_due_date(ind, project)))
    _share_texts(*projects, *(i for inds in indicators.values() for i, *_rest in inds))
    entries = []
    heads: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # one object per case: 20,000 projects, few cases
    for p in projects:
        cat = cats.get(p["category_id"]) or {}
        inds = tuple(indicators.get(p["id"], ()))
        head = (p["task_level"], p.get("due_date"), bool(p.get("ongoing")), *((t, due) for _i, _id, t, due in inds))
        entries.append(
            (
                p,
                cat.get("name", ""),
                cat.get("position", 0),
                units[(p["id"], "lead")],
                units[(p["id"], "partner")],
                inds,
                heads.setdefault(head, head),
            )
        )
    return PlanFrame(entries)


def _share_texts(*records: dict[str, Any]) -> None:
    """One string object per distinct value (plan and category ids, units, time stamps repeat on
    every row): a frame of 20,000 projects is kept open for the session, and this saves a tenth of
    its memory."""
    seen: dict[str, str] = {}
    for rec in records:
        for k, v in rec.items():
            if type(v) is str:
                rec[k] = seen.setdefault(v, v)


def project_rows(
    store: Store,
    plan_id: str,
    period: Period | str,
    office_id: str | None = None,
    th: status.Thresholds | None = None,
    project_ids: Iterable[str] | None = None,
    frame: PlanFrame | None = None,
) -> list[ProjectRow]:
    """project_ids limits the read to those projects (the GUI refreshing one edited row); `frame`
    is the plan's period-independent part if the caller has it already (plan_frame)."""
    period = parse_period(period) if isinstance(period, str) else period
    only, only_params = _only(project_ids)
    if frame is None:
        frame = plan_frame(store, plan_id, project_ids)
    elif project_ids is not None:
        frame = frame.only(project_ids)
    assessor = status.Assessor(period, th or status.Thresholds.from_store(store))
    if office_id is None:
        me = offices.self_office(store)
        office_id = me["id"] if me else ""
    # one assessment per distinct case: projects with the same task level, due dates, targets and
    # figures (most of a plan) share it, so most projects cost a key and a look-up
    cases: dict[tuple[Any, ...], status.Assessment] = {}
    rows: list[ProjectRow] = []
    with no_cycle_collection():
        current, previous = _actuals(store, plan_id, period, office_id, only, only_params)
        figures = _PeriodFigures(current, previous, assessor)
        cur = current.get
        for p, category, category_position, lead, partner, inds, head in frame.projects:
            case = (head, cur(inds[0][1])) if len(inds) == 1 else (head, *[cur(i[1]) for i in inds])
            a = cases.get(case)
            if a is None:
                a = cases[case] = _assess_case(p, inds, cur, assessor)
            rows.append(PeriodRow(p, category, category_position, lead, partner, inds, figures, a))
    reports = _reports(store, plan_id, period, office_id, only, only_params)
    if reports:
        by_id = {r.id: r for r in rows}
        for rep in reports:
            if rep["project_id"] in by_id:
                by_id[rep["project_id"]].report = rep
    return rows


def _assess_case(
    project: dict[str, Any],
    inds: tuple[tuple[Any, ...], ...],
    figure: Callable[[str], tuple[Any, ...] | None],
    assessor: status.Assessor,
) -> status.Assessment:
    """A project's assessment from its indicators' figures (figure(indicator id))."""
    parts, reported = [], False
    for ind, ind_id, target, due in inds:
        actual, text, done = figure(ind_id) or _NO_FIGURE
        reported = reported or actual is not None or bool(text) or bool(done)
        parts.append(assessor.indicator(ind, target, actual, text, done, due))
    expected = assessor.expected(project.get("due_date"))
    return _project_assessment(project["task_level"], reported, parts, expected, assessor, bool(project.get("ongoing")))


def deciding_indicator(row: ProjectRow) -> IndicatorRow | None:
    """With several indicators, the one whose light the project shows: its completion is a mean,
    so 75% can still be 滞后（红灯） when one indicator is far behind."""
    if len(row.indicators) < 2:
        return None
    worst = status.worst_of([i.assessment for i in row.indicators])
    return next(i for i in row.indicators if i.assessment is worst)


def _assess_project(row: ProjectRow, expected: float) -> status.Assessment:
    reported = any(i.actual is not None or i.actual_text or i.done for i in row.indicators)
    parts = [i.assessment for i in row.indicators]
    return _project_assessment(
        row.project["task_level"], reported, parts, expected, None, bool(row.project.get("ongoing"))
    )


def _project_assessment(
    level: str,
    reported: bool,
    parts: list[status.Assessment],
    expected: float,
    assessor: status.Assessor | None = None,
    ongoing: bool = False,
) -> status.Assessment:
    """无任务 for a project without a local task (and a 市级/省级 one with nothing reported here);
    otherwise its indicators' assessments combined; 常态化开展 (not scored, its completion kept)
    for an ongoing project."""
    if level == "none" or (level in ("city", "province") and not reported):
        return assessor.no_task(expected) if assessor else status.no_task(expected)
    combined = assessor.combine(tuple(parts), expected) if assessor else status.combine(parts, expected)
    if ongoing:
        return assessor.ongoing(combined) if assessor else status.ongoing(combined)
    return combined


def _only(project_ids: Iterable[str] | None) -> tuple[str, list[Any]]:
    if project_ids is None:
        return "", []
    ids = list(project_ids)
    return f" AND p.id IN ({', '.join('?' * len(ids)) or 'NULL'})", ids


def _units(
    store: Store, plan_id: str, only: str = "", only_params: Sequence[Any] = ()
) -> defaultdict[tuple[str, str], list[str]]:
    out: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for u in store.query(
        "SELECT u.project_id, u.role, u.unit_name FROM project_units u JOIN projects p ON p.id = u.project_id"
        " WHERE p.plan_id = ? AND u.deleted = 0" + only + " ORDER BY u.position",
        [plan_id, *only_params],
    ):
        out[(u["project_id"], u["role"])].append(u["unit_name"])
    return out


def _actuals(
    store: Store, plan_id: str, period: Period, office_id: str, only: str = "", only_params: Sequence[Any] = ()
) -> tuple[Figures, dict[str, Any]]:
    """This period's figures and the latest earlier actual in the same year, per indicator, as two
    dicts by indicator id. Plain tuples as SQLite returns them: 80,000 progress rows are read on
    every change of 报告期."""
    if only:
        return _actuals_of(store, plan_id, period, office_id, only, only_params)
    current: Figures = {}
    previous: dict[str, Any] = {}
    # the whole plan: one indexed read per period (progress_period), oldest first so that a later
    # actual replaces an earlier one, instead of joining every figure of the year to its indicator
    # and project; rows of another plan's indicators are never looked up
    for period_id, number in store.conn.execute(
        "SELECT id, number FROM periods WHERE year = ? AND kind = ? AND number <= ? ORDER BY number",
        [period.year, period.kind, period.number],
    ).fetchall():
        where = " WHERE period_id = ? AND office_id = ? AND deleted = 0"
        if number == period.number:
            read = store.conn.execute(
                "SELECT indicator_id, actual, actual_text, done FROM progress" + where, [period_id, office_id]
            )
            current = {ind: (actual, text, done) for ind, actual, text, done in read}
        else:
            previous.update(
                store.conn.execute(
                    "SELECT indicator_id, actual FROM progress" + where + " AND actual IS NOT NULL",
                    [period_id, office_id],
                )
            )
    return current, previous


def _actuals_of(
    store: Store, plan_id: str, period: Period, office_id: str, only: str, only_params: Sequence[Any]
) -> tuple[Figures, dict[str, Any]]:
    """The same for a few projects (one edited row)."""
    current: Figures = {}
    previous: dict[str, Any] = {}
    for ind, actual, text, done, number in store.conn.execute(
        "SELECT g.indicator_id, g.actual, g.actual_text, g.done, d.number FROM progress g"
        " JOIN periods d ON d.id = g.period_id JOIN indicators i ON i.id = g.indicator_id"
        " JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND g.office_id = ? AND g.deleted = 0 AND d.year = ? AND d.kind = ?"
        " AND d.number <= ?" + only + " ORDER BY d.number",
        [plan_id, office_id, period.year, period.kind, period.number, *only_params],
    ):
        if number == period.number:
            current[ind] = (actual, text, done)
        elif actual is not None:
            previous[ind] = actual
    return current, previous


def _reports(
    store: Store, plan_id: str, period: Period, office_id: str, only: str = "", only_params: Sequence[Any] = ()
) -> list[dict[str, Any]]:
    return store.query(
        "SELECT r.* FROM project_reports r JOIN periods d ON d.id = r.period_id"
        " JOIN projects p ON p.id = r.project_id"
        " WHERE p.plan_id = ? AND r.office_id = ? AND r.deleted = 0 AND d.code = ?" + only,
        [plan_id, office_id, period.code, *only_params],
    )


def summary(rows: list[ProjectRow], key: Callable[[ProjectRow], str | list[str]]) -> list[dict[str, Any]]:
    """Counts and mean completion grouped by key(row) -> label (category, lead unit)."""
    groups: dict[str, list[ProjectRow]] = defaultdict(list)
    for row in rows:
        value = key(row)
        for label in (value or ["（未指定）"]) if isinstance(value, list) else [value]:
            groups[label].append(row)
    out = []
    for label, members in groups.items():
        comps = [  # 常态化开展 projects are not scored: their completion is shown, not averaged
            min(r.assessment.completion, 1.0)
            for r in members
            if r.assessment and r.assessment.completion is not None and r.assessment.status != status.ONGOING
        ]
        counts: defaultdict[str, int] = defaultdict(int)
        for r in members:
            if r.assessment:
                counts[r.assessment.status] += 1
        out.append(
            dict(
                label=label,
                projects=len(members),
                completion=sum(comps) / len(comps) if comps else None,
                **{s: counts[s] for s in status.STATUSES},
            )
        )
    return out


def lagging(rows: list[ProjectRow]) -> list[ProjectRow]:
    bad = [
        r
        for r in rows
        if r.assessment
        and r.assessment.status in (status.LAGGING, status.NOT_STARTED)
        and r.assessment.level in (status.YELLOW, status.RED)
    ]
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
        [plan_id],
    )
    return [r["unit_name"] for r in rows]
