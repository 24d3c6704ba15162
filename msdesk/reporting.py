"""Which 报告期 this office reports (quarters, or months for an office set to 按月填报) and
which one a file opens on. The screens, the export and the package dialogs all ask here."""

from __future__ import annotations

from datetime import datetime

from . import offices, recent
from .errors import MsdeskError
from .periods import Period, months, parse_period, quarters
from .store import Store


def period_kind(store: Store) -> str:
    """'month' for an office that reports monthly, else 'quarter'."""
    me = offices.self_office(store) or {}
    return "month" if me.get("reports_monthly") else "quarter"


def reported_periods(store: Store, year: int) -> list[Period]:
    return months(year) if period_kind(store) == "month" else quarters(year)


def plan_year(store: Store, plan_id: str | None, fallback: str | None = None) -> int:
    """The plan's year; without a plan, the year of `fallback` (a period code) or this year."""
    plan = store.get("plans", plan_id) if plan_id else None
    if plan:
        return int(plan["year"])
    return parse_period(fallback).year if fallback else datetime.now().year


def latest_with_figures(store: Store, year: int, kind: str) -> str | None:
    found = store.query(
        "SELECT d.code FROM progress g JOIN periods d ON d.id = g.period_id WHERE g.deleted = 0"
        " AND d.year = ? AND d.kind = ? ORDER BY d.number DESC LIMIT 1",
        [year, kind],
    )
    return found[0]["code"] if found else None


def default_period(store: Store, plan_id: str | None) -> str:
    """The period this user last had open in the file; else the file's own choice (the demo
    sets one); else the latest period of the plan's year with figures; else its first."""
    year = plan_year(store, plan_id)
    kind = period_kind(store)
    for saved in (recent.last_period(store.path), store.setting("current_period")):
        try:
            chosen = parse_period(saved) if saved else None
        except MsdeskError:
            continue
        if chosen and chosen.year == year and chosen.kind == kind:
            return chosen.code
    return latest_with_figures(store, year, kind) or reported_periods(store, year)[0].code
