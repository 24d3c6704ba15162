"""Small keyboard-friendly editors shared by the entry and detail screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy


def leave_undo_to_window(event, can_undo: bool, can_redo: bool) -> bool:
    """True when Ctrl+Z / Ctrl+Y should reach the window's undo stack instead of the field.

    A text field claims the undo keys for its own typing; once there is nothing of its
    own to undo (e.g. the field just reached by Enter), the keys undo the last saved edit.
    """
    if event.type() != QEvent.ShortcutOverride:
        return False
    if event.matches(QKeySequence.Undo):
        return not can_undo
    if event.matches(QKeySequence.Redo) or (event.key() == Qt.Key_Y and event.modifiers() == Qt.ControlModifier):
        return not can_redo
    return False


class NoteEdit(QPlainTextEdit):
    """Multi-line note where Enter/Tab move on (Shift+Enter makes a new line).

    `finished` fires when the user leaves the field or presses Enter, like
    QLineEdit.editingFinished; `advance` asks the screen to focus the next field.
    """

    finished = Signal()
    advance = Signal()

    def __init__(self, parent=None, lines: int = 3):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not (event.modifiers() & Qt.ShiftModifier):
            self.finished.emit()
            self.advance.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self.finished.emit()
        super().focusOutEvent(event)

    def event(self, event) -> bool:
        doc = self.document()
        if leave_undo_to_window(event, doc.isUndoAvailable(), doc.isRedoAvailable()):
            event.ignore()
            return False
        return super().event(event)


class EntryLine(QLineEdit):
    """A figure field; Enter commits (editingFinished) and asks to move on; Esc gives up
    a refused value and shows the stored one again."""

    advance = Signal()
    revert = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.returnPressed.connect(self.advance.emit)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and event.modifiers() == Qt.NoModifier:
            self.revert.emit()
            return
        super().keyPressEvent(event)

    def event(self, event) -> bool:
        if leave_undo_to_window(event, self.isUndoAvailable(), self.isRedoAvailable()):
            event.ignore()
            return False
        return super().event(event)


class EntryCheck(QCheckBox):
    """A tick box in the entry flow: Space ticks it, Enter moves on like in the other fields."""

    advance = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.advance.emit()
            return
        super().keyPressEvent(event)


class FieldMessage(QLabel):
    """The inline Chinese message shown next to a field whose input was refused."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("fieldMessage")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText("⚠ " + text)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def mark_invalid(widget, invalid: bool) -> None:
    """Toggle the red frame (styled in app.qss via the `invalid` property)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
