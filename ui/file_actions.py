"""文件 menu of the main window: open (in the background), new, demo, recent files,
backup and restore. A mixin of MainWindow, kept apart so each file stays readable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog

from msdesk import recent
from msdesk.errors import MsdeskError, clerk_message
from msdesk.history import History

from . import gc_pauses, geometry, strings
from .ops import run_op
from .window.tabs import TAB_LIST

if TYPE_CHECKING:
    from msdesk.session import Session


def _open_work(path):
    """Worker-thread part of opening a file: checks, upgrade, backup, first read. No widgets."""
    from msdesk.session import Session  # loaded with the first file, not with the first window

    session = Session.open(path)
    try:
        return session, session.rows()
    except BaseException:
        session.close()
        raise


class FileActions:
    """Needs the MainWindow attributes (store, model, entry, pages, ...)."""

    def open_path(self, path, background: bool = True, notice: str | None = None) -> None:
        """Open a file off the GUI thread (integrity check and first read can be slow).
        `notice` replaces the status bar's 已打开 once the file is shown."""
        path = str(path)
        if not self.may_leave_editors():
            return

        def failed(exc):
            self.show_error(exc.message if isinstance(exc, MsdeskError) else f"{strings.CANNOT_OPEN}：{exc}")

        def opened(result):
            self._install(*result)
            if notice:
                self._notice(notice)

        if not background:
            try:
                opened(_open_work(path))
            except Exception as exc:  # shown on the welcome screen, never a crash
                failed(exc)
            return
        self.statusBar().showMessage(strings.OPENING)
        self._opening = run_op(self, lambda: _open_work(path), opened, failed, label=strings.OPENING)

    def _install(self, session: Session, rows) -> None:
        self.close_store()
        self.session = session
        store, period = session.store, session.period
        self.period = period
        session.subscribe(self._session_signal.changed.emit)
        self.undo_stack.set_history(session.history)
        self._workbench()
        if (entry := self._built("entry")) is not None:  # a page not built yet is given the file when it is
            entry.set_context(store, self.undo_stack, period)
        if (detail := self._built("detail")) is not None:
            detail.set_context(store, self.undo_stack)
        self.pages.setCurrentIndex(1)
        self._enable_file_actions(True)
        recent.add_recent(store.path)
        self.welcome.show_error("")
        self._fill_plan_box()
        self._fill_period_box()
        self._show_rows(rows, reset=True)
        self.tabs.setCurrentIndex(TAB_LIST)
        self.save_label.setText(strings.NOTHING_CHANGED)
        self.statusBar().showMessage(strings.OPENED.format(path=store.path), 5000)
        self._update_title()
        self.table.setFocus()
        if self.model.rowCount():
            self.table.selectRow(0)
        self._watch_file()
        self.opened.emit(str(store.path))

    def close_store(self) -> None:
        if self.store is None:
            return
        self.flush()
        self._stop_watching()
        session, self.session = self.session, None
        session.unsubscribe(self._session_signal.changed.emit)
        session.close()
        self.undo_stack.set_history(History())
        self._pending_tables = set()
        self.current_project_id = None
        self.rows = []
        self.model.set_rows([])
        gc_pauses.file_closed()
        if (entry := self._built("entry")) is not None:
            entry.set_context(None, None, None)
            entry.show_project(None)
        if (detail := self._built("detail")) is not None:
            detail.show_project(None)

    def close_file(self) -> None:
        if not self.may_leave_editors():
            return
        self.close_store()
        self.statusBar().clearMessage()
        self.save_label.setText("")
        self.pages.setCurrentIndex(0)
        self.welcome.set_recent(recent.recent_files())
        self._enable_file_actions(False)
        self._update_title()

    def open_file(self, path=None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, strings.ACTIONS["open"][0].split("(")[0], "", strings.FILE_FILTER
            )
            if not path:
                return
        self.open_path(path)

    def new_file(self, path=None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, strings.ACTIONS["new"][0].split("(")[0], strings.NEW_FILE_NAME, strings.FILE_FILTER
            )
            if not path:
                return
            if not path.endswith(".msdesk"):
                path += ".msdesk"
        from msdesk import offices
        from msdesk.session import Session

        try:
            session = Session.create(path)
        except MsdeskError as exc:
            self.show_error(exc.message)
            return
        self._install(session, [])
        if path and not offices.self_office(session.store):
            self.edit_office()

    def open_demo(self) -> None:
        from msdesk.paths import default_demo_path

        path = default_demo_path()

        def work():
            if not path.exists():
                from msdesk.demo import create_demo

                create_demo(path)
            return _open_work(path)

        run_op(
            self,
            work,
            lambda result: self._install(*result),
            lambda exc: self.show_error(getattr(exc, "message", None) or f"{strings.CANNOT_OPEN}：{exc}"),
            label=strings.OPENING,
        )

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent.recent_files()
        for path in files:
            action = self.recent_menu.addAction(path.name)
            action.setStatusTip(strings.TIP_OPEN_PATH.format(path=path))
            action.setToolTip(strings.TIP_OPEN_PATH.format(path=path))
            action.triggered.connect(lambda _=False, p=str(path): self.open_path(p))
        if not files:
            empty = self.recent_menu.addAction(strings.RECENT_NONE)
            empty.setEnabled(False)

    def backup_now(self) -> None:
        if self.store is None:
            return
        from msdesk.backup import backup_file

        self.flush()
        path = self.store.path
        run_op(
            self,
            lambda: backup_file(path, reason=strings.BACKUP_REASON),
            lambda target: self._notice(strings.BACKED_UP.format(path=target)),
            lambda exc: self.show_error(clerk_message(exc)),
            label=strings.WORKING,
        )

    def restore_from_backup(self, backup=None) -> None:
        if self.store is None:
            return
        from msdesk.backup import list_backups, restore_backup

        path = self.store.path
        if backup is None:
            found = list_backups(path)
            if not found:
                self.show_error(strings.NO_BACKUPS)
                return
            names = [p.name for p in found]
            name, ok = QInputDialog.getItem(self, strings.RESTORE_TITLE, strings.RESTORE_PROMPT, names, 0, False)
            if not ok:
                return
            backup = found[names.index(name)]
        if not self.may_leave_editors():
            return
        self.close_store()
        try:
            restore_backup(backup, path)
        except MsdeskError as exc:
            self.show_error(exc.message)
            self.open_path(path)
            return
        self.open_path(path, notice=strings.RESTORED.format(name=Path(backup).name))

    def closeEvent(self, event) -> None:
        if not self.may_leave_editors():
            event.ignore()
            return
        geometry.save(self, "main_window")
        self.close_store()
        super().closeEvent(event)
