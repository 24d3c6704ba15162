"""What the clerk must know about the open file itself (issues 12 and 14): it is read-only
(and why), a write failed (nothing saved, the value stays in its editor), another program
changed or replaced it, it needs sending again (需重新报送), and what to do first in an empty
file. Shown as the banner above the tabs and in the status bar; never 已保存 for a failed write."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from msdesk.errors import StoreError

from .. import strings
from .tabs import TAB_BREAKDOWN, TAB_LIST

LOCK_WAIT = 1.0  # seconds a write waits for another program's lock: a short wait, then a message
WATCH_MS = 2000  # how often the window looks whether the file changed under it


class FileState:
    """A part of MainWindow (ui/main_window.py); uses its widgets and session."""

    def _watch_file(self) -> None:
        """After a file is shown: short lock wait, the read-only banner, the change watch."""
        store = self.store
        self._file_note = None
        self._own_commit_seen = False
        self.session.subscribe(self._note_commit)
        self._file_identity = _identity(store.path)
        store.set_lock_wait(LOCK_WAIT)
        store.changed_elsewhere()  # start from what is shown now
        if not hasattr(self, "_watch_timer"):
            self._watch_timer = QTimer(self)
            self._watch_timer.setInterval(WATCH_MS)
            self._watch_timer.timeout.connect(self.check_file_changed)
        self._watch_timer.start()
        self._apply_role()
        self._update_resubmission()

    def _apply_role(self) -> None:
        """A township sees township actions and tables; a district (or an office with
        subordinates) sees both (roles.can)."""
        store = self.store
        if store is None:
            return
        from msdesk import roles

        upper = {cap: roles.can(store, cap) for cap in (roles.BREAKDOWN, roles.ROLLUP, roles.RECEIVE)}
        self.tabs.setTabVisible(TAB_BREAKDOWN, upper[roles.BREAKDOWN])
        self.actions_["show_breakdown"].setVisible(upper[roles.BREAKDOWN])
        self.actions_["rollup"].setVisible(upper[roles.ROLLUP])
        text, tip = strings.ACTIONS["pkg_import"] if upper[roles.RECEIVE] else strings.PKG_IMPORT_TOWNSHIP
        self.actions_["pkg_import"].setText(text)
        self.actions_["pkg_import"].setStatusTip(tip)
        self.actions_["pkg_import"].setToolTip(tip)
        if not upper[roles.BREAKDOWN] and self.tabs.currentIndex() == TAB_BREAKDOWN:
            self.tabs.setCurrentIndex(TAB_LIST)
        self._update_banner()

    def _stop_watching(self) -> None:
        if hasattr(self, "_watch_timer"):
            self._watch_timer.stop()
        if self.session is not None:
            self.session.unsubscribe(self._note_commit)

    def check_file_changed(self) -> bool:
        """Another program wrote the file (data_version moved) or put another file in its place:
        say so, and read it again when it can be read. True when something changed."""
        if self.store is None or QApplication.activeModalWidget() is not None or self._own_commit_seen:
            # a dialog (an import, a roll-up) may be writing on its own connection: its commits are
            # this window's own; look again once the clerk is back at the window
            self._own_commit_seen = False
            return False
        identity = _identity(self.store.path)
        if identity != self._file_identity:
            self._file_identity = identity
            self._file_note = strings.FILE_REPLACED.format(path=self.store.path)
            if not self.store.read_only:  # writes would go to the file that is no longer there
                self.store.read_only_reason = self._file_note
            self._update_banner()
            self.statusBar().showMessage(self._file_note, 15000)
            return True
        if not self.store.changed_elsewhere():
            return False
        self._file_note = strings.FILE_CHANGED_ELSEWHERE
        self.statusBar().showMessage(strings.FILE_CHANGED_ELSEWHERE, 15000)
        # read everything again, cached plan frame included; earlier edits may no longer undo cleanly
        self.session.file_rewritten(forget_undo=True)
        self._update_banner()
        return True

    def _edit_failed(self, exc) -> None:
        """A write did not reach the file: the status says 未保存, never 已保存."""
        if isinstance(exc, StoreError):
            self.save_label.setText(strings.NOT_SAVED)
            self.statusBar().showMessage(exc.message, 15000)

    def _note_commit(self, changes) -> None:
        """Called on the committing thread itself (a worker's too), before the GUI hears of it."""
        if changes.tables:
            self._own_commit_seen = True

    def _own_commit(self) -> None:
        """A commit of this window (or its worker) is no change from elsewhere."""
        if self.store is not None:
            self.store.changed_elsewhere()
            self._file_identity = _identity(self.store.path)

    def _update_banner(self) -> None:
        """One banner above the tabs: read-only reason, the file changed elsewhere, or the first step."""
        store = self.store
        if store is None:
            self.no_plan.hide()
            for button in self.first_step_buttons.values():
                button.hide()
            return
        from msdesk import roles

        parts = []
        if store.read_only_reason:
            parts.append(strings.READ_ONLY_BANNER.format(reason=store.read_only_reason))
        if getattr(self, "_file_note", None):
            parts.append(self._file_note)
        empty = self.plan_id is None
        if empty:
            parts.append(roles.first_step(store))
        self.no_plan.setText("\n".join(parts))
        self.no_plan.setVisible(bool(parts))
        # an empty file offers its first step as buttons: a township's 任务包 first, a district's notice
        upper = roles.is_upper(store)
        wanted = ("import_notice", "new_plan", "pkg_import") if upper else ("pkg_import",)
        for n, key in enumerate(wanted):  # in the order offered
            self.first_step_row.removeWidget(self.first_step_buttons[key])
            self.first_step_row.insertWidget(1 + n, self.first_step_buttons[key], 0, Qt.AlignVCenter)
        for key, button in self.first_step_buttons.items():
            action = self.actions_[key]
            button.setText(action.text())
            button.setToolTip(action.toolTip())
            button.setVisible(empty and key in wanted and not store.read_only)

    def _update_resubmission(self) -> None:
        """需重新报送 in the status bar while the shown 报告期 was edited after it was sent."""
        from msdesk import submissions

        text = None
        if self.store is not None and self.period:
            try:
                text = submissions.resubmission_notice(self.store, self.period)
            except StoreError:
                text = None
        self.resubmit_label.setText(text or "")
        self.resubmit_label.setToolTip(text or "")
        self.resubmit_label.setVisible(bool(text))


def _identity(path) -> tuple | None:
    """The file's identity on disk: another file copied or restored in its place has another."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
