"""The Qt face of the open file's undo history (msdesk/history.py): the menu's 撤销/重做 labels
and enabled states follow its signals. No undo logic lives here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from msdesk.history import History

if TYPE_CHECKING:
    from msdesk.edits import Edit


class UndoStack(QObject):
    """QUndoStack's few calls the window uses, over a plain History."""

    changed = Signal(list)  # the edits just applied, undone or redone ([] after clear)
    indexChanged = Signal(int)
    failed = Signal(object)  # an edit that could not be applied (its exception): nothing was written

    def __init__(self, history: History | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.history = history or History()
        self.history.listeners.append(self._moved)

    def set_history(self, history: History) -> None:
        """Show another file's history (a session opened or closed)."""
        if self._moved in self.history.listeners:
            self.history.listeners.remove(self._moved)
        self.history = history
        history.listeners.append(self._moved)
        self._moved([])

    def _moved(self, edits: list[Edit]) -> None:
        self.changed.emit(edits)
        self.indexChanged.emit(self.history.index)

    def push(self, edit: Edit) -> bool:
        try:
            return self.history.push(edit)
        except Exception as exc:
            self.failed.emit(exc)  # the window says 未保存; the caller shows the message at the field
            raise

    def undo(self) -> None:
        self.history.undo()

    def redo(self) -> None:
        self.history.redo()

    def clear(self) -> None:
        self.history.clear()

    def count(self) -> int:
        return len(self.history.edits)

    def index(self) -> int:
        return self.history.index

    def command(self, n: int) -> Edit:
        return self.history.edits[n]

    def canUndo(self) -> bool:
        return self.history.can_undo()

    def canRedo(self) -> bool:
        return self.history.can_redo()

    def undoText(self) -> str:
        return self.history.undo_text()

    def redoText(self) -> str:
        return self.history.redo_text()


def push(stack: UndoStack, edit: Edit) -> bool:
    """Apply an edit and keep it for undo (may raise ValidationError, writing nothing)."""
    return stack.push(edit)
