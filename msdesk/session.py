"""One open ledger as the GUI and the CLI see it: the file, the plan and 报告期 shown, the
periods this office reports, the project rows, the undo history, and one "what changed"
notification that every screen subscribes to (Anki's op changes).

Nothing here knows Qt. Listeners may be called on a worker thread (a store commit made by a
background op); the GUI hands them to its own thread with a signal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import overview, plans, recent, reporting
from .backup import auto_backup
from .edits import Edit
from .history import History
from .periods import Period, parse_period
from .store import Store, create_store, open_store

# what the cached plan frame (overview.plan_frame) is read from
FRAME_TABLES = frozenset({"plans", "categories", "projects", "project_units", "indicators"})


@dataclass(frozen=True)
class Changes:
    """What one step changed. Screens redraw only what they show of it."""

    tables: frozenset[Any] = frozenset()  # tables a commit wrote
    edits: tuple[Any, ...] = ()  # the edits just applied, undone or redone
    plan: bool = False  # another plan or 报告期 is shown
    reread: bool = False  # written outside the editors (import, roll-up): read it all again
    history_cleared: bool = False  # earlier edits can no longer be undone


@dataclass
class Session:
    store: Store
    plan_id: str | None = None
    period: str | None = None
    history: History = field(default_factory=History)
    listeners: list[Callable[[Changes], None]] = field(default_factory=list)
    # (plan_id, generation, the frame)
    _frame: tuple[str, int, overview.PlanFrame] | None = field(default=None, repr=False)
    _frame_generation: int = field(default=0, repr=False)  # bumped by every commit to FRAME_TABLES

    def __post_init__(self) -> None:
        self.store.listeners.append(self._committed)
        self.history.listeners.append(self._moved)

    # -- open and close ---------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> Session:
        """Check, upgrade (after a backup), back up at most every 12 hours, and choose the plan
        and the 报告期 the clerk had open."""
        store = open_store(path)
        try:
            auto_backup(store)  # keeps the file's 'backup.keep' newest
            plan = plans.current_plan(store)
            plan_id = plan["id"] if plan else None
            return cls(store, plan_id, reporting.default_period(store, plan_id))
        except BaseException:
            store.close()
            raise

    @classmethod
    def create(cls, path: str | Path) -> Session:
        store = create_store(path)
        return cls(store, None, reporting.default_period(store, None))

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.history.clear()
        if self._committed in self.store.listeners:
            self.store.listeners.remove(self._committed)
        self.store.close()

    # -- what is shown ----------------------------------------------------------------------
    def periods(self) -> list[Period]:
        """The 报告期 this office reports in the plan's year (months for 按月填报)."""
        return reporting.reported_periods(self.store, reporting.plan_year(self.store, self.plan_id, self.period))

    def default_period(self) -> str:
        return reporting.default_period(self.store, self.plan_id)

    def set_period(self, code: str) -> None:
        """Show another 报告期; remembered for the next time this file is opened."""
        self.period = parse_period(code).code
        recent.remember_period(self.store.path, self.period)
        self._tell(Changes(plan=True))

    def rows(
        self,
        project_ids: Iterable[str] | None = None,
        store: Store | None = None,
        plan_id: str | None = None,
        period: str | None = None,
    ) -> list[overview.ProjectRow]:
        """The project list for the plan and 报告期 shown, or those given (a worker reading on its own
        connection `store` keeps the plan and period it was started for)."""
        plan_id, period = plan_id or self.plan_id, period or self.period
        if not plan_id or not period:
            return []
        store = store or self.store
        return overview.project_rows(
            store, plan_id, period, project_ids=project_ids, frame=self._plan_frame(store, plan_id)
        )

    def _plan_frame(self, store: Store, plan_id: str) -> overview.PlanFrame:
        """The plan's projects, units and indicators, read again only after a commit wrote one of
        FRAME_TABLES (figures typed in do not): a change of 报告期 then reads that period's figures
        alone. Commits on a worker's connection reach _committed too (Store.own_connection)."""
        generation = self._frame_generation
        cached = self._frame
        if cached is not None and cached[0] == plan_id and cached[1] == generation:
            return cached[2]
        frame = overview.plan_frame(store, plan_id)
        if not store.conn.in_transaction:  # uncommitted writes may still roll back
            self._frame = (plan_id, generation, frame)  # one assignment: safe from a worker thread
        return frame

    def overview(self, rows: list[overview.ProjectRow] | None = None) -> dict[str, Any]:
        """The 进展概览 figures: counts per status, by category, by lead unit, the lagging list."""
        rows = self.rows() if rows is None else rows
        return dict(
            counts=overview.status_counts(rows),
            lagging=overview.lagging(rows),
            by_category=overview.summary(rows, lambda r: r.category or "（未分类）"),
            by_lead=overview.summary(rows, lambda r: r.lead_units),
        )

    # -- edits ------------------------------------------------------------------------------
    def apply(self, edit: Edit) -> bool:
        """Apply a named edit and keep it for undo (ValidationError: nothing written)."""
        return self.history.push(edit)

    def undo(self) -> Edit | None:
        return self.history.undo()

    def redo(self) -> Edit | None:
        return self.history.redo()

    def file_rewritten(self, forget_undo: bool = True, plan_id: str | None = None, period: str | None = None) -> None:
        """An import or a roll-up wrote outside the edits: every screen reads again (once), showing
        `plan_id` / `period` if given, and earlier edits can no longer be undone safely (their old
        values may belong to replaced projects)."""
        self._frame_generation += 1  # also when written outside this store's transactions
        cleared = forget_undo and bool(self.history.edits)
        if cleared:
            self.history.clear()
        if plan_id:
            self.plan_id = plan_id
        if period:
            self.period = parse_period(period).code
            recent.remember_period(self.store.path, self.period)
        self._tell(Changes(reread=True, plan=bool(plan_id or period), history_cleared=cleared))

    # -- notification -------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self.listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changes], None]) -> None:
        if listener in self.listeners:
            self.listeners.remove(listener)

    def _committed(self, tables: Iterable[str]) -> None:
        if FRAME_TABLES & set(tables):
            self._frame_generation += 1
        self._tell(Changes(tables=frozenset(tables)))

    def _moved(self, edits: list[Edit]) -> None:
        self._tell(Changes(edits=tuple(edits)))

    def _tell(self, changes: Changes) -> None:
        for listener in list(self.listeners):
            listener(changes)
