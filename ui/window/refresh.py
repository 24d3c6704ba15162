"""Keeping every screen up to date: the session's one "what changed" notification, a full
re-read (on a worker for a big file) and the re-read of only the projects an edit touched."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from msdesk.errors import clerk_message
from msdesk.periods import parse_period

from .. import gc_pauses, strings
from ..ops import on_own_connection, run_op
from .tabs import TAB_DETAIL, TAB_OVERVIEW

if TYPE_CHECKING:
    from msdesk.session import Changes

MODAL_RETRY_MS = 100  # how often a re-read put off while a dialog is open looks again
BACKGROUND_ROWS = 3000  # from this many projects a full re-read (~0.15 s per 1000) runs on a worker
FIGURE_TABLES = {
    "progress",
    "project_reports",
    "periods",
    "signoffs",
    "submitted_periods",
}  # an edit here changes figures only


class Refresh:
    """A part of MainWindow (ui/main_window.py); uses its widgets and session."""

    def reload(self) -> None:
        """Re-read everything (after an import or any change made outside the editors)."""
        if self.store is None:
            return
        from msdesk import plans

        self.flush()
        self._pending_tables = set()  # read again below: a commit waiting to be shown needs no second read
        current = plans.current_plan(self.store)
        if self.plan_id is None or self.store.get("plans", self.plan_id) is None:
            self.plan_id = current["id"] if current else None
        plan = self.store.get("plans", self.plan_id) if self.plan_id else None
        if plan and (not self.period or parse_period(self.period).year != plan["year"]):
            self.period = self.session.default_period()  # e.g. a newly imported year
        self._fill_plan_box()
        self._fill_period_box()
        self._update_title()
        if (breakdown := self._built("breakdown")) is not None:
            breakdown.mark_stale()
        self._load_generation += 1
        if self.model.total() < BACKGROUND_ROWS:
            self._show_rows(self.session.rows(), reset=True)
            return
        # a big file: read on a worker so the window never freezes; the newest request wins
        generation, store, session = self._load_generation, self.store, self.session
        plan_id, period = self.plan_id, self.period

        def loaded(rows):
            if generation == self._load_generation and store is self.store:
                self._set_entry_enabled(True)
                self._show_rows(rows, reset=True)

        def failed(exc):
            self._set_entry_enabled(True)
            self.show_error(clerk_message(exc))

        self._set_entry_enabled(False)  # no typing against the previous period's figures meanwhile
        rows = on_own_connection(store, lambda own: session.rows(store=own, plan_id=plan_id, period=period))
        self.loading = run_op(self, rows, loaded, failed, label=strings.LOADING)

    def _show_rows(self, rows, reset: bool) -> None:
        self.rows = rows
        if reset:
            # the row the clerk last clicked in the list stays selected (季度填报/项目信息 open it next)
            keep = self._selected_in_list() or self.current_project_id
            self.model.set_rows(rows)
            self._fill_filter_boxes()
            self._select_in_table(keep)
        else:
            self.model.refresh_rows(rows)
        self._update_banner()
        self._update_resubmission()
        self._update_count()
        row = self.model.project(self.current_project_id)  # the model holds these rows, by id
        if row is None and self.current_project_id:
            self.current_project_id = None
        entry, detail = self._built("entry"), self._built("detail")  # a page not built yet reads when it is
        if entry is not None and row and self._rebuild_entry:
            self._show_project_in_entry(row.id)
        elif entry is not None and row:
            entry.refresh(row)
        elif entry is not None:
            entry.show_project(None)
        self._rebuild_entry = False
        if detail is not None and (self.tabs.currentIndex() == TAB_DETAIL or reset):
            detail.show_project(self.current_project_id)
        if self.tabs.currentIndex() == TAB_OVERVIEW:
            self.overview.show_rows(rows, self.period)
        if reset:
            gc_pauses.after_reading()

    def _selected_in_list(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row(index.row()).id

    def _session_changed(self, changes: Changes) -> None:
        """The one "what changed" notification: a commit, or a dialog that imported, rolled up
        or chose another 报告期 (edits are redrawn by _after_edits, which knows their projects)."""
        if changes.tables:
            self._on_store_changed(changes.tables)
        if changes.history_cleared:
            self._notice(strings.UNDO_FORGOTTEN)
        if changes.plan:
            self._rebuild_entry = True
        if changes.plan or changes.reread:
            self.reload()

    def _on_store_changed(self, tables) -> None:
        """A commit happened. Undo-stack edits are redrawn right after, in _after_undo_redo,
        which knows which projects they touched; anything else on the next loop turn."""
        self.save_label.setText(strings.SAVED_AT.format(time=datetime.now().strftime("%H:%M:%S")))
        self._own_commit()
        self._pending_tables |= set(tables)
        QTimer.singleShot(0, self._apply_pending)

    def _apply_pending(self, touched: set | None = None) -> None:
        tables, self._pending_tables = self._pending_tables, set()
        if not tables or self.store is None:
            return
        self._update_resubmission()
        if (breakdown := self._built("breakdown")) is not None:
            breakdown.store_changed(tables, touched)
        if tables <= FIGURE_TABLES and touched and None not in touched:
            self._refresh_projects(touched)
            return
        if "plans" in tables:  # a plan added, or its adding undone: choose a plan that exists
            if QApplication.activeModalWidget() is not None:
                # a dialog (an import) wrote the plan on its own connection and asks for the one
                # re-read itself when its worker is done, which may be after this notice: read
                # again only if it has not by the time the clerk is back at the window
                self._pending_tables |= tables
                QTimer.singleShot(MODAL_RETRY_MS, self._apply_pending)
                return
            self.reload()
            return
        if "offices" in tables:
            self._apply_role()
            self._update_title()
            self._fill_period_box()
        if tables - {"settings", "audit_log", "target_breakdowns"}:  # shares are not in the project list
            self._show_rows(self.session.rows(), reset=False)
        if self.tabs.currentIndex() == TAB_DETAIL:
            self.detail.refresh()

    def _refresh_projects(self, project_ids: set) -> None:
        """Re-read only the edited projects: one figure typed into a 20,000-project file stays instant."""
        fresh = self.session.rows(project_ids=project_ids)
        by_id = {r.id: r for r in fresh}
        self.rows = [by_id.get(r.id, r) for r in self.rows]
        self.model.update_rows(fresh)
        if self.current_project_id in by_id and (entry := self._built("entry")) is not None:
            entry.refresh(by_id[self.current_project_id])
        if self.tabs.currentIndex() == TAB_OVERVIEW:
            self.overview.show_rows(self.rows, self.period)
