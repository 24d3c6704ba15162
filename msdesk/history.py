"""Undo and redo in plain Python: the applied edits of one open file, newest last.

push() applies an edit (a ValidationError writes nothing and keeps nothing); undo()/redo()
move through the list. An edit that fails on undo/redo keeps its error in `error` for the
screen to show, and the history stays where it was. Listeners hear every move."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named in annotations: the GUI's first window needs no edits module
    from .edits import Edit


class History:
    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self.index = 0  # edits[:index] are applied
        self.listeners: list[Callable[[list[Edit]], None]] = []  # called with the edits just (un)done

    def push(self, edit: Edit) -> bool:
        """Apply the edit (may raise ValidationError, writing nothing) and keep it. False when it
        changed nothing."""
        edit.apply()
        if not edit.changed():
            return False
        del self.edits[self.index :]
        self.edits.append(edit)
        self.index += 1
        self._tell([edit])
        return True

    def can_undo(self) -> bool:
        return self.index > 0

    def can_redo(self) -> bool:
        return self.index < len(self.edits)

    def undo_text(self) -> str:
        return self.edits[self.index - 1].text() if self.can_undo() else ""

    def redo_text(self) -> str:
        return self.edits[self.index].text() if self.can_redo() else ""

    def undo(self) -> Edit | None:
        if not self.can_undo():
            return None
        edit = self.edits[self.index - 1]
        if self._run(edit, edit.undo):
            self.index -= 1
        self._tell([edit])
        return edit

    def redo(self) -> Edit | None:
        if not self.can_redo():
            return None
        edit = self.edits[self.index]
        if self._run(edit, edit.redo):
            self.index += 1
        self._tell([edit])
        return edit

    def clear(self) -> None:
        self.edits, self.index = [], 0
        self._tell([])

    def _run(self, edit: Edit, step: Callable[[], None]) -> bool:
        try:
            step()
        except Exception as exc:  # kept on the edit for the screen to show
            edit.error = exc
            return False
        edit.error = None
        return True

    def _tell(self, edits: list[Edit]) -> None:
        for listener in list(self.listeners):
            listener(edits)
