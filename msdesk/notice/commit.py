"""ParsedPlan → rows, in ONE store transaction, through msdesk.plans.

mode='new' refuses when the file already holds a plan of that year (PlanExistsError:
the GUI then asks 替换 / 按序号合并 / 取消); 'replace' soft-deletes that plan and
imports a fresh one; 'merge' keeps the plan and its ids, matches projects by 序号
((十二) = 12 = （12）) and updates them, adds the new ones and leaves the others.
Indicators that already hold progress are never deleted by a merge.
"""

from __future__ import annotations

from typing import Any

from .. import plans
from ..errors import MsdeskError, ValidationError
from ..periods import check_year
from ..store import Store
from .model import ParsedIndicator, ParsedPlan, ParsedProject
from .numbers import seq_key, to_int

MODES = ("new", "replace", "merge")
NO_YEAR = "未能识别计划年度：请在预览中填写年度后再导入。"
NO_PROJECTS = "没有识别到任何民生实事项目，未做任何修改。请检查通知内容，或在预览中补充项目。"
BAD_MODE = "导入方式“{mode}”无效，应为 new（新建）、replace（替换）或 merge（按序号合并）。"
PLAN_EXISTS = "台账中已有 {year} 年的计划“{title}”。请选择“替换”（原计划移入已删除）或“按序号合并”，未做任何修改。"


class PlanExistsError(MsdeskError):
    """A plan of that year is already in the file; .plan holds its row."""

    exit_code = 5

    def __init__(self, plan: dict[str, Any]):
        super().__init__(PLAN_EXISTS.format(year=plan["year"], title=plan["title"]))
        self.plan = plan


def existing_plan(store: Store, year: int) -> dict[str, Any] | None:
    rows = store.rows("plans", "year = ?", [int(year)], order_by="created_at")
    return rows[0] if rows else None


def import_plan(store: Store, parsed: ParsedPlan, mode: str = "new") -> str:
    """Write the parsed plan; returns the id of the plan written (new or merged into)."""
    if mode not in MODES:
        raise MsdeskError(BAD_MODE.format(mode=mode))
    year = parsed.year
    if not year:
        raise ValidationError(NO_YEAR, field="year")
    check_year(year, "计划年度")
    if not parsed.projects:
        raise ValidationError(NO_PROJECTS)
    with store.transaction():
        old = existing_plan(store, year)
        if old and mode == "new":
            raise PlanExistsError(old)
        if old and mode == "merge":
            plan_id = _merge(store, old, parsed)
        else:
            if old:
                _delete_plan(store, old["id"])
            plan_id = _insert(store, parsed, year)
        store.set_setting("current_plan_id", plan_id)
    return plan_id


def _insert(store: Store, parsed: ParsedPlan, year: int) -> str:
    plan_id = plans.add_plan(
        store,
        year,
        parsed.title or f"{year}年民生实事",
        issuing_office=parsed.issuing_office,
        doc_number=parsed.doc_number,
        issued_date=parsed.issued_date,
        source_text=parsed.source_text,
    )
    cat_ids = [
        plans.add_category(store, plan_id, c.name, i, seq=c.seq, declared_count=c.declared_count)
        for i, c in enumerate(parsed.categories)
    ]
    for position, project in enumerate(parsed.projects):
        cat_id = cat_ids[project.category] if project.category is not None else None
        _add_project(store, plan_id, project, position, cat_id)
    return plan_id


def _add_project(store: Store, plan_id: str, project: ParsedProject, position: int, cat_id: str | None) -> str:
    """A parsed project as a new project of the plan, with its indicators, measures and standards."""
    pid = plans.add_project(
        store,
        plan_id,
        project.seq,
        project.content,
        position,
        cat_id,
        name=project.name,
        task_level=project.task_level,
        task_level_text=project.task_level_text,
        lead_units=project.lead_units,
        partner_units=project.partner_units,
        remarks=project.remarks,
        deadline=project.deadline,
        ongoing=project.ongoing,
    )
    _write_details(store, pid, project)
    return pid


def _write_details(store: Store, pid: str, project: ParsedProject) -> None:
    for i, ind in enumerate(_indicators(project)):
        _add_indicator(store, pid, ind, i)
    _write_measures_and_rates(store, pid, project)


def _write_measures_and_rates(store: Store, pid: str, project: ParsedProject) -> None:
    """A project's measures, then its standards (标准), each tied to the measure it was read from."""
    measure_ids = [plans.add_measure(store, pid, m.text, i, seq=m.seq) for i, m in enumerate(project.measures)]
    for i, rate in enumerate(project.rates):
        mid = (
            measure_ids[rate.measure_index]
            if rate.measure_index is not None and rate.measure_index < len(measure_ids)
            else None
        )
        plans.add_rate(
            store,
            pid,
            rate.text,
            i,
            value_low=rate.value_low,
            value_high=rate.value_high,
            unit=rate.unit,
            measure_id=mid,
        )


def _indicators(project: ParsedProject) -> list[ParsedIndicator]:
    """Every project gets at least one indicator, so every project can be reported."""
    if project.indicators:
        return project.indicators
    from .indicators import fallback_indicator

    return [fallback_indicator(project.content)]


def _add_indicator(store: Store, pid: str, ind: ParsedIndicator, position: int) -> str:
    return plans.add_indicator(
        store,
        pid,
        ind.name or "目标任务",
        position,
        target=ind.target,
        unit=ind.unit,
        comparator=ind.comparator or ">=",
        target_text=ind.target_text or None,
        baseline=ind.baseline,
        kind=ind.kind,
        deadline=ind.deadline,
    )


def _delete_plan(store: Store, plan_id: str) -> None:
    """Soft delete, children first, so nothing of the old plan shows up in lists."""
    for project in plans.projects(store, plan_id):
        _delete_project_children(store, project["id"], keep_indicators=False)
        store.delete("projects", project["id"])
    for cat in plans.categories(store, plan_id):
        store.delete("categories", cat["id"])
    store.delete("plans", plan_id)


def _delete_project_children(store: Store, pid: str, keep_indicators: bool) -> None:
    for table in ("measures", "rates", "project_units"):
        for row in store.rows(table, "project_id = ?", [pid]):
            store.delete(table, row["id"])
    if not keep_indicators:
        for row in store.rows("indicators", "project_id = ?", [pid]):
            store.delete("indicators", row["id"])


def _merge(store: Store, old: dict[str, Any], parsed: ParsedPlan) -> str:
    plan_id: str = old["id"]
    store.update(
        "plans",
        plan_id,
        title=parsed.title or old["title"],
        issuing_office=parsed.issuing_office or old["issuing_office"],
        doc_number=parsed.doc_number or old["doc_number"],
        issued_date=parsed.issued_date or old["issued_date"],
        source_text=parsed.source_text,
    )
    cat_ids = _merge_categories(store, plan_id, parsed)
    # 序号 that start again under each category ((一) in 一、 and in 二、) are matched within their category
    scoped = len({seq_key(p.seq) for p in parsed.projects}) < len(parsed.projects)
    existing = {(p["category_id"] if scoped else None, seq_key(p["seq"])): p for p in plans.projects(store, plan_id)}
    next_position = max((p["position"] for p in existing.values()), default=-1) + 1
    for project in parsed.projects:
        cat_id = cat_ids[project.category] if project.category is not None else None
        row = existing.get((cat_id if scoped else None, seq_key(project.seq)))
        if row is None:
            _add_project(store, plan_id, project, next_position, cat_id)
            next_position += 1
            continue
        pid = row["id"]
        store.update(
            "projects",
            pid,
            content=project.content,
            name=project.name or row["name"],
            category_id=cat_id or row["category_id"],
            task_level=project.task_level,
            task_level_text=project.task_level_text,
            **({"ongoing": 1} if project.ongoing else {}),  # a clerk's own tick is never taken away
        )
        if project.deadline or project.remarks:  # through plans so that due_date is read again
            plans.update_project(
                store, pid, **{k: v for k, v in (("deadline", project.deadline), ("remarks", project.remarks)) if v}
            )
        plans.set_units(store, pid, "lead", project.lead_units)
        plans.set_units(store, pid, "partner", project.partner_units)
        _merge_details(store, pid, project)
    return plan_id


def _merge_categories(store: Store, plan_id: str, parsed: ParsedPlan) -> list[str]:
    current = plans.categories(store, plan_id)
    by_key = {(to_int(c["seq"] or ""), c["name"]): c for c in current}
    by_name = {c["name"]: c for c in current}
    position = max((c["position"] for c in current), default=-1) + 1
    ids = []
    for cat in parsed.categories:
        row = by_key.get((to_int(cat.seq or ""), cat.name)) or by_name.get(cat.name)
        if row:
            store.update("categories", row["id"], declared_count=cat.declared_count, seq=cat.seq)
            ids.append(row["id"])
        else:
            ids.append(
                plans.add_category(store, plan_id, cat.name, position, seq=cat.seq, declared_count=cat.declared_count)
            )
            position += 1
    return ids


def _merge_details(store: Store, pid: str, project: ParsedProject) -> None:
    """Measures and rates are replaced; indicators are updated in place (their progress stays attached)."""
    _delete_project_children(store, pid, keep_indicators=True)
    plans.set_units(store, pid, "lead", project.lead_units)
    plans.set_units(store, pid, "partner", project.partner_units)
    current = plans.indicators(store, pid)
    by_name = {row["name"]: row for row in current}
    matched = set()
    wanted = _indicators(project)
    for i, ind in enumerate(wanted):
        row = by_name.get(ind.name)
        if (
            row is None
            and i < len(current)
            and current[i]["id"] not in matched
            and current[i]["name"] not in {w.name for w in wanted}
        ):
            row = current[i]
        if row is None:
            _add_indicator(store, pid, ind, i)
            continue
        matched.add(row["id"])
        store.update(
            "indicators",
            row["id"],
            name=ind.name or row["name"],
            position=i,
            kind=ind.kind,
            unit=ind.unit,
            comparator=(ind.comparator or ">=") if ind.kind == "number" else None,
            target=ind.target,
            target_text=ind.target_text or None,
            baseline=ind.baseline,
        )
        if ind.deadline:
            plans.update_indicator(store, row["id"], deadline=ind.deadline)
    for row in current:
        if row["id"] not in matched and not store.rows("progress", "indicator_id = ?", [row["id"]]):
            store.delete("indicators", row["id"])
    _write_measures_and_rates(store, pid, project)
