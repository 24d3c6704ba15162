"""撤销 / 重做: the menu labels, and showing the project and 报告期 an undone edit changed."""

from __future__ import annotations

from .. import strings
from .tabs import TAB_DETAIL, TAB_ENTRY


class UndoMenu:
    """A part of MainWindow (ui/main_window.py); uses its widgets and session."""

    def _update_undo_actions(self, *_args) -> None:
        s = self.undo_stack
        undo, redo = self.actions_["undo"], self.actions_["redo"]
        undo.setEnabled(s.canUndo())
        redo.setEnabled(s.canRedo())
        undo.setText(strings.UNDO_PREFIX.format(text=s.undoText()) if s.canUndo() else strings.UNDO)
        redo.setText(strings.REDO_PREFIX.format(text=s.redoText()) if s.canRedo() else strings.REDO)

    def forget_undo(self) -> None:
        """After an import or a roll-up wrote records outside the editors: earlier edits can no
        longer be undone safely (their old values may belong to projects the import replaced)."""
        if self.session is not None:
            self.session.file_rewritten()

    def _undo_redo(self, step: int) -> None:
        """Ctrl+Z / Ctrl+Y, then show where it happened: an undone figure of another project or
        报告期 would otherwise change out of sight."""
        stack = self.undo_stack
        n = stack.index() - 1 if step < 0 else stack.index()
        if not 0 <= n < stack.count() or not self.may_leave_editors():
            return
        cmd = stack.command(n)
        text = (strings.UNDONE if step < 0 else strings.REDONE).format(text=cmd.text())
        if step < 0:
            stack.undo()
        else:
            stack.redo()
        self._go_to_change(getattr(cmd, "project_id", None), getattr(cmd, "period", None))
        self.statusBar().showMessage(text, 8000)

    def _go_to_change(self, project_id: str | None, period: str | None) -> None:
        if self.store is None or project_id is None or self.model.row_of(project_id) < 0:
            return
        if period and period != self.period:
            self.current_project_id = project_id  # shown once the other period's rows are read
            self.set_period(period)
        elif project_id != self.current_project_id:
            tab = self.tabs.currentIndex()
            if tab in (TAB_ENTRY, TAB_DETAIL):
                self.open_project(project_id, tab)
            else:
                self.current_project_id = project_id
                self._select_in_table(project_id)

    def _after_edits(self, done: list) -> None:
        """Runs after every push, undo and redo: show errors, redraw what the edits touched."""
        for cmd in done:
            error = getattr(cmd, "error", None)
            if error is not None:
                cmd.error = None
                self.show_error(getattr(error, "message", None) or str(error))
        self._apply_pending({getattr(cmd, "project_id", None) for cmd in done})
