"""Helpers for the GUI tests: the small realistic sample plan, screenshots, typing like a clerk,
and the steps several GUI test files share (the fixtures themselves are in conftest.py).

Screenshots go to a temporary folder, or to the folder named by MSDESK_SCREENSHOTS
(`MSDESK_SCREENSHOTS=docs pytest tests/test_gui_screens.py` refreshes docs/screenshot-main.png).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from msdesk.periods import quarters
from msdesk.session import Session
from tests._package_fixtures import PERIOD

_SHOTS: list[Path] = []


def shots_dir() -> Path:
    """MSDESK_SCREENSHOTS if set, else one temporary folder for the whole run: a test run never
    overwrites a tracked picture unless asked to."""
    if not _SHOTS:
        wanted = os.environ.get("MSDESK_SCREENSHOTS")
        _SHOTS.append(Path(wanted) if wanted else Path(tempfile.mkdtemp(prefix="msdesk-shots-")))
        _SHOTS[0].mkdir(parents=True, exist_ok=True)
    return _SHOTS[0]


def shot(widget, name: str) -> Path:
    """Save a screenshot of a widget for people to look at."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # let pending layout requests settle, as a visible window would
    target = shots_dir() / f"{name}.png"
    assert widget.grab().save(str(target)), target
    return target


def type_text(qtbot, widget, text: str) -> None:
    """Type like a clerk: ASCII as key presses, Chinese as an input-method commit (how a
    pinyin IME delivers it; QTest's key clicks only know ASCII)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    run = ""
    for ch in text + "\0":
        if ch != "\0" and ord(ch) < 128:
            if run:
                event = QInputMethodEvent()
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
                run = ""
            qtbot.keyClicks(widget, ch)
        elif ch != "\0":
            run += ch
        elif run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def click_in_box(button_text: str, seen: list | None = None, shot_name: str | None = None) -> None:
    """Click `button_text` in the next modal QMessageBox once it is up (exec() blocks the test).
    `seen` collects the box's text. Gives up after about 2 s, so a box that never comes fails
    the test on its assertions instead of hanging the run."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    tries = []

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries.append(1)
            if len(tries) < 100:
                QTimer.singleShot(20, click)
            return
        if shot_name and seen is not None and not seen:
            shot(box, shot_name)
        if seen is not None:
            seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


# -- the main window on a file ----------------------------------------------


def open_window(qtbot, path):
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(path)
    qtbot.waitUntil(lambda: win.store is not None and win.plan_id is not None, timeout=10000)
    return win


# -- the 目标分解 tab ---------------------------------------------------------


def show_breakdown(qtbot, win):
    win.actions_["show_breakdown"].trigger()
    page = win.breakdown
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def indicator(win, seq, part):
    return next(r for r in win.breakdown.model.grid.rows if r.project_seq == seq and part in r.name)


def shown(page, row_id, col):
    model = page.model
    r = next(n for n, row in enumerate(model.grid.rows) if row.indicator_id == row_id)
    return model.index(r, col).data()


def type_into(qtbot, page, index, text, key=Qt.Key_Return):
    view = page.view
    view.setFocus()
    view.setCurrentIndex(index)
    if text[0].isascii():
        qtbot.keyClicks(view, text[0])  # the first key opens the cell's editor ...
        editor = QApplication.focusWidget()
        assert editor is not view
        type_text(qtbot, editor, text[1:])  # ... which gets the rest, as with a real keyboard
    else:  # Chinese: F2 opens the editor, the IME commits into it
        qtbot.keyClick(view, Qt.Key_F2)
        editor = QApplication.focusWidget()
        assert editor is not view
        qtbot.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
        type_text(qtbot, editor, text)
    qtbot.keyClick(editor, key)
    QApplication.processEvents()  # Qt commits an Enter on the next event-loop turn


# -- the 下级单位 dialog ------------------------------------------------------


def open_dialog(qtbot, win):
    win.actions_["subordinates"].trigger()
    dialog = win.subordinates_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def names(dialog):
    return [dialog.table.item(n, 0).text() for n in range(dialog.table.rowCount())]


def pick(dialog, name):
    dialog.table.selectRow(names(dialog).index(name))


def fill(qtbot, dialog, name, code):
    for field, text in ((dialog.name, name), (dialog.code, code)):
        field.selectAll()
        field.del_()
        type_text(qtbot, field, text)


# -- a stand-in for the main window, for dialogs tested alone ------------------


class Window(QWidget):
    """A parent for dialogs tested alone: the open file's session, and what the main window would
    do with its notifications (re-read: `reloads`; show another 报告期: `period_box`)."""

    def __init__(self, store, plan_id=None, period=PERIOD):
        super().__init__()
        self.session = Session(store, plan_id, period)
        self.store = store
        self.reloads = 0
        self.undo_forgotten = False
        self.period_box = QComboBox(self)  # the main window's 报告期 box
        for p in quarters(2023):
            self.period_box.addItem(p.label, p.code)
        self.period_box.setCurrentIndex(self.period_box.findData(period))
        self.session.subscribe(self._changed)

    @property
    def plan_id(self):
        return self.session.plan_id

    @property
    def period(self):
        return self.session.period

    def _changed(self, changes) -> None:
        if changes.reread or changes.plan:
            self.reloads += 1
        if changes.history_cleared:
            self.undo_forgotten = True
        if changes.plan:
            self.period_box.setCurrentIndex(self.period_box.findData(self.session.period))


def press_in_dialog(cls, button: str, seen: list | None = None) -> None:
    """Press the button held in attribute `button` (e.g. "go_on") of the next modal dialog of type
    `cls` once it is up (exec() blocks the test); `seen` gets the dialog. Gives up after about 2 s."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    tries = []

    def press():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, cls):
            tries.append(1)
            if len(tries) < 100:
                QTimer.singleShot(20, press)
            return
        if seen is not None:
            seen.append(dialog)
        getattr(dialog, button).click()

    QTimer.singleShot(0, press)
