"""Every change a clerk makes, as a named edit that can be undone and redone (Anki's
operations, orange-canvas-core's commands; no Qt here).

An edit only calls the core, one store.transaction() per apply/undo/redo, so each edit is saved
at once. apply() is the first run: the core validates, and a ValidationError means nothing was
written and the edit goes on no history. changed() is False when applying it changed nothing.
History (msdesk/history.py) keeps the applied edits; the GUI's undo stack only shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from . import breakdown, offices, plans, progress
from .store import Store

if TYPE_CHECKING:
    from .breakdown_workbook import Change


class Edit:
    error: Exception | None = None  # set when an undo or redo of it failed (History keeps going)
    project_id: str | None = None  # the one project whose figures this changes, if any
    period: str | None = None  # the 报告期 it changes, if any

    def __init__(self, store: Store, text: str) -> None:
        self.store = store
        self.label = text

    def text(self) -> str:
        """What the clerk did, for 撤销“…” / 重做“…”."""
        return self.label

    # subclasses implement these two (inside a transaction already)
    def do(self, first: bool) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def changed(self) -> bool:
        """False when applying it turned out to change nothing (then it is not kept)."""
        return True

    def apply(self) -> None:
        with self.store.transaction():
            self.do(first=True)

    def redo(self) -> None:
        with self.store.transaction():
            self.do(first=False)

    def undo(self) -> None:
        with self.store.transaction():
            self.revert()


# -- quarterly progress -------------------------------------------------------------


def _project_of(store: Store, indicator_id: str) -> str | None:
    indicator = store.get("indicators", indicator_id)
    return indicator["project_id"] if indicator else None


class SetActual(Edit):
    period: str

    def __init__(self, store: Store, indicator_id: str, period: str, raw: str | float | None, text: str) -> None:
        super().__init__(store, text)
        self.indicator_id, self.period, self.raw = indicator_id, period, raw
        self.project_id = _project_of(store, indicator_id)
        row = progress.progress_row(store, indicator_id, period)
        self.old: float | None = row["actual"] if row else None
        self.new: float | None = None

    def do(self, first: bool) -> None:
        if first:
            self.new = progress.set_actual(self.store, self.indicator_id, self.period, self.raw)
        else:
            progress.restore_actual(self.store, self.indicator_id, self.period, self.new)

    def revert(self) -> None:
        progress.restore_actual(self.store, self.indicator_id, self.period, self.old)

    def changed(self) -> bool:
        return self.old != self.new


class SetQualitative(Edit):
    period: str

    def __init__(
        self,
        store: Store,
        indicator_id: str,
        period: str,
        text: str,
        actual_text: str | None = None,
        done: bool | None = None,
    ) -> None:
        super().__init__(store, text)
        self.indicator_id, self.period = indicator_id, period
        self.project_id = _project_of(store, indicator_id)
        row = progress.progress_row(store, indicator_id, period) or {}
        self.old: dict[str, Any] = dict(actual_text=row.get("actual_text") or "", done=bool(row.get("done")))
        self.new: dict[str, Any] = dict(self.old)
        if actual_text is not None:
            self.new["actual_text"] = actual_text.strip()
        if done is not None:
            self.new["done"] = bool(done)

    def do(self, first: bool) -> None:
        progress.set_qualitative(self.store, self.indicator_id, self.period, **self.new)

    def revert(self) -> None:
        progress.set_qualitative(self.store, self.indicator_id, self.period, **self.old)

    def changed(self) -> bool:
        return self.old != self.new


class SetReportField(Edit):
    period: str
    project_id: str

    def __init__(
        self, store: Store, project_id: str, period: str, field: str, raw: str | float | None, text: str
    ) -> None:
        super().__init__(store, text)
        self.project_id, self.period, self.field, self.raw = project_id, period, field, raw
        rep = progress.report(store, project_id, period) or {}
        self.old: Any = rep.get(field)  # a figure or a text, as the field holds
        self.new: Any = None

    def do(self, first: bool) -> None:
        value = self.raw if first else self.new
        self.new = progress.set_report_field(self.store, self.project_id, self.period, self.field, value)

    def revert(self) -> None:
        progress.set_report_field(self.store, self.project_id, self.period, self.field, self.old)

    def changed(self) -> bool:
        return bool(self.old != self.new)


# -- plan, projects, measures, indicators ----------------------------------------------


class UpdateRow(Edit):
    """Change fields of a project / indicator / measure through plans.update_*."""

    UPDATERS: dict[str, Callable[..., dict[str, Any]]] = {
        "projects": plans.update_project,
        "indicators": plans.update_indicator,
        "measures": plans.update_measure,
    }

    def __init__(self, store: Store, table: str, row_id: str, fields: Mapping[str, Any], text: str) -> None:
        super().__init__(store, text)
        self.update = self.UPDATERS[table]
        self.row_id, self.new = row_id, dict(fields)
        self.old: dict[str, Any] = {}

    def do(self, first: bool) -> None:
        old = self.update(self.store, self.row_id, **self.new)
        if first:
            self.old = old

    def revert(self) -> None:
        self.update(self.store, self.row_id, **self.old)

    def changed(self) -> bool:
        return bool(self.old)


class SetOngoing(UpdateRow):
    """Mark a project 常态化开展 (reported on, not scored: msdesk.status) or score it again."""

    def __init__(self, store: Store, project_id: str, ongoing: bool, text: str) -> None:
        super().__init__(store, "projects", project_id, {"ongoing": int(bool(ongoing))}, text)
        self.project_id = project_id

    def changed(self) -> bool:
        return bool(self.old) and bool(self.old.get("ongoing")) != bool(self.new["ongoing"])


class SetUnits(Edit):
    project_id: str

    def __init__(self, store: Store, project_id: str, role: str, names: Iterable[str | None], text: str) -> None:
        super().__init__(store, text)
        self.project_id, self.role = project_id, role
        self.old = plans.units(store, project_id, role)
        self.new = [n.strip() for n in names if n and n.strip()]

    def do(self, first: bool) -> None:
        plans.set_units(self.store, self.project_id, self.role, self.new)

    def revert(self) -> None:
        plans.set_units(self.store, self.project_id, self.role, self.old)

    def changed(self) -> bool:
        return self.old != self.new


# Records an AddRow creates (soft delete: the record stays for undo and the audit log).
RECORDS = {
    "plan": "plans",
    "project": "projects",
    "indicator": "indicators",
    "measure": "measures",
    "office": "offices",
}


def _take_back(store: Store, kind: str, row_id: str) -> None:
    """Undo of an AddRow: the record just added goes again (not a clerk's deletion)."""
    store.delete(RECORDS[kind], row_id)


def _bring_back(store: Store, kind: str, row_id: str) -> None:
    store.restore(RECORDS[kind], row_id)


class AddRow(Edit):
    """Add a measure, indicator, project, plan or office; undo deletes it, redo brings back the same record."""

    def __init__(self, store: Store, kind: str, create: Callable[[Store], str], text: str) -> None:
        super().__init__(store, text)
        self.kind, self.create = kind, create
        self.row_id = ""  # known once applied

    def do(self, first: bool) -> None:
        if first:
            self.row_id = self.create(self.store)
        else:
            _bring_back(self.store, self.kind, self.row_id)

    def revert(self) -> None:
        _take_back(self.store, self.kind, self.row_id)


class Delete(Edit):
    """The one way a clerk deletes a project, indicator or measure: plans' checks
    (plans.delete_record), asked first with plans.deletion_question (see question()); undo brings it back."""

    def __init__(self, store: Store, kind: str, row_id: str, text: str) -> None:
        super().__init__(store, text)
        self.kind, self.row_id = kind, row_id
        self.table = RECORDS[kind]

    def question(self) -> str:
        """What the clerk is asked before this deletion (what goes with it, and that Ctrl+Z brings it back)."""
        return plans.deletion_question(self.store, self.table, self.row_id)

    def do(self, first: bool) -> None:
        plans.delete_record(self.store, self.table, self.row_id)

    def revert(self) -> None:
        plans.restore_record(self.store, self.table, self.row_id)


def add_measure(store: Store, project_id: str, text: str, label: str) -> AddRow:
    position = len(plans.measures(store, project_id))
    return AddRow(
        store, "measure", lambda s: plans.add_measure(s, project_id, text, position, seq=str(position + 1)), label
    )


def add_indicator(store: Store, project_id: str, name: str, label: str) -> AddRow:
    position = len(plans.indicators(store, project_id))
    return AddRow(
        store, "indicator", lambda s: plans.add_indicator(s, project_id, name, position, kind="qualitative"), label
    )


def add_project(store: Store, plan_id: str, content: str, category_id: str | None, label: str) -> AddRow:
    existing = plans.projects(store, plan_id)
    position = max((p["position"] for p in existing), default=-1) + 1
    seq = str(len(existing) + 1)
    return AddRow(
        store,
        "project",
        lambda s: plans.add_project(s, plan_id, seq, content, position, category_id=category_id),
        label,
    )


def add_plan(store: Store, year: int, title: str, label: str) -> AddRow:
    def create(s: Store) -> str:
        plan_id = plans.add_plan(s, year, title)
        s.set_setting("current_plan_id", plan_id)
        return plan_id

    return AddRow(store, "plan", create, label)


# -- office ------------------------------------------------------------------------------

OFFICE_KEYS = ("name", "level", "head", "preparer", "phone", "reports_monthly")


class SetOffice(Edit):
    def __init__(self, store: Store, values: dict[str, Any], parent_name: str, text: str) -> None:
        super().__init__(store, text)
        self.new = {k: values.get(k) for k in OFFICE_KEYS}
        self.new_parent = (parent_name or "").strip()
        me = offices.self_office(store)
        self.old = {k: me[k] for k in OFFICE_KEYS} if me else None
        parent = store.get("offices", me["parent_id"]) if me and me.get("parent_id") else None
        self.old_parent = parent["name"] if parent else ""
        self.created_id = ""  # the office this edit created, if there was none

    def _write(self, values: dict[str, Any], parent: str) -> str:
        values = dict(values)
        office_id = offices.set_self_office(self.store, values.pop("name"), values.pop("level"), **values)
        offices.set_parent(self.store, parent)
        return office_id

    def do(self, first: bool) -> None:
        if self.old is None and not first:
            _bring_back(self.store, "office", self.created_id)
        office_id = self._write(self.new, self.new_parent)
        if self.old is None:
            self.created_id = office_id

    def revert(self) -> None:
        if self.old is None:
            _take_back(self.store, "office", self.created_id)
        else:
            self._write(self.old, self.old_parent)

    def changed(self) -> bool:
        return self.old != self.new or self.old_parent != self.new_parent


# -- 目标任务分解表 and 下级单位 ---------------------------------------------------------------


class SetBreakdownCell(Edit):
    """One township's share of one indicator (typed into the 目标分解 grid)."""

    def __init__(self, store: Store, indicator_id: str, office_id: str, raw: str | float | None, text: str) -> None:
        super().__init__(store, text)
        self.indicator_id, self.office_id, self.raw = indicator_id, office_id, raw
        self.project_id = _project_of(store, indicator_id)  # only its rows are read again
        self.old = breakdown.cell(store, indicator_id, office_id)
        self.new: breakdown.Cell | None = None

    def do(self, first: bool) -> None:
        if first:
            self.new = breakdown.set_cell(self.store, self.indicator_id, self.office_id, self.raw)
        else:
            breakdown.restore_cell(self.store, self.indicator_id, self.office_id, self.new)

    def revert(self) -> None:
        breakdown.restore_cell(self.store, self.indicator_id, self.office_id, self.old)

    def changed(self) -> bool:
        return self.old != self.new


class SplitEvenly(Edit):
    def __init__(self, store: Store, indicator_id: str, text: str) -> None:
        super().__init__(store, text)
        self.indicator_id = indicator_id
        self.old: dict[str, breakdown.Cell | None] = {}
        self.project_id = _project_of(store, indicator_id)

    def do(self, first: bool) -> None:
        old = breakdown.split_evenly(self.store, self.indicator_id)
        if first:
            self.old = old

    def revert(self) -> None:
        for office_id, cell in self.old.items():
            breakdown.restore_cell(self.store, self.indicator_id, office_id, cell)

    def changed(self) -> bool:
        return any(breakdown.cell(self.store, self.indicator_id, o) != c for o, c in self.old.items())


class ImportBreakdown(Edit):
    """Shares read from a filled Excel 目标分解表, written as one step."""

    def __init__(self, store: Store, changes: list[Change], text: str) -> None:
        super().__init__(store, text)
        self.changes = changes
        self.old: dict[tuple[str, str], breakdown.Cell | None] = {}

    def do(self, first: bool) -> None:
        from msdesk.breakdown_workbook import apply_changes  # openpyxl loads only when a workbook is read

        old = apply_changes(self.store, self.changes)
        if first:
            self.old = old

    def revert(self) -> None:
        for (indicator_id, office_id), cell in self.old.items():
            breakdown.restore_cell(self.store, indicator_id, office_id, cell)

    def changed(self) -> bool:
        return bool(self.changes)


def add_subordinate(store: Store, name: str, region_code: str | None, level: str | None, label: str) -> AddRow:
    return AddRow(store, "office", lambda s: offices.add_subordinate(s, name, region_code, level), label)


class RenameOffice(Edit):
    def __init__(
        self, store: Store, office_id: str, name: str, region_code: str | None, text: str, level: str | None = None
    ) -> None:
        super().__init__(store, text)
        self.office_id = office_id
        self.old: dict[str, Any] = {}
        self.name, self.region_code, self.level = name, region_code, level

    def do(self, first: bool) -> None:
        old = offices.rename_office(
            self.store, self.office_id, self.name, region_code=self.region_code, level=self.level
        )
        if first:
            self.old = old

    def revert(self) -> None:
        self.store.update("offices", self.office_id, **self.old)

    def changed(self) -> bool:
        return bool(self.old)


class DeleteOffice(Edit):
    """Refused by the core once the office has sent data; undo brings back its shares too."""

    def __init__(self, store: Store, office_id: str, text: str) -> None:
        super().__init__(store, text)
        self.office_id = office_id
        self.shares: list[str] = []

    def do(self, first: bool) -> None:
        self.shares = offices.delete_office(self.store, self.office_id)

    def revert(self) -> None:
        offices.restore_office(self.store, self.office_id, self.shares)
