"""文件 menu of the main window: open (in the background), new, demo, recent files,
backup and restore. A mixin of MainWindow, kept apart so each file stays readable."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from msdesk import offices, overview, plans
from msdesk.errors import MsdeskError
from msdesk.periods import months, parse_period, quarters

from . import recent, strings
from .ops import run_op

TAB_LIST = 0   # the project list tab (main_window.TAB_LIST)


def load_rows(store, plan_id, period) -> list:
    return overview.project_rows(store, plan_id, period) if plan_id else []


def default_period(store, plan_id) -> str:
    """The period this user last had open in the file; else the file's own choice (the demo
    sets one); else the latest period of the plan's year with figures; else its first."""
    plan = store.get("plans", plan_id) if plan_id else None
    year = plan["year"] if plan else datetime.now().year
    me = offices.self_office(store) or {}
    kind = "month" if me.get("reports_monthly") else "quarter"
    for saved in (recent.last_period(store.path), store.setting("current_period")):
        try:
            chosen = parse_period(saved) if saved else None
        except MsdeskError:
            continue
        if chosen and chosen.year == year and chosen.kind == kind:
            return chosen.code
    found = store.query("SELECT d.code FROM progress g JOIN periods d ON d.id = g.period_id WHERE g.deleted = 0"
                        " AND d.year = ? AND d.kind = ? ORDER BY d.number DESC LIMIT 1", [year, kind])
    if found:
        return found[0]["code"]
    return (months(year) if kind == "month" else quarters(year))[0].code


def open_work(path):
    """Worker-thread part of opening a file: checks, upgrade, first read. No widgets."""
    from msdesk.backup import auto_backup
    from msdesk.store import open_store
    store = open_store(path)
    try:
        auto_backup(store)  # at most one every 12 hours; keeps the file's 'backup.keep' newest
        plan = plans.current_plan(store)
        plan_id = plan["id"] if plan else None
        period = default_period(store, plan_id)
        return store, plan_id, period, load_rows(store, plan_id, period)
    except BaseException:
        store.close()
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
                opened(open_work(path))
            except Exception as exc:  # noqa: BLE001
                failed(exc)
            return
        self.statusBar().showMessage(strings.OPENING)
        self._opening = run_op(self, lambda: open_work(path), opened, failed, label=strings.OPENING)

    def _opened_ok(self, result) -> None:
        self._install(*result)

    def _install(self, store, plan_id, period, rows) -> None:
        self.close_store()
        self.store, self.plan_id, self.period = store, plan_id, period
        store.listeners.append(self._store_signal.changed.emit)
        self.entry.set_context(store, self.undo_stack, period)
        self.detail.set_context(store, self.undo_stack)
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
        self.opened.emit(str(store.path))

    def close_store(self) -> None:
        if self.store is None:
            return
        self.flush()
        self.undo_stack.clear()
        self._stack_index = 0
        self._pending_tables = set()
        try:
            self.store.listeners.remove(self._store_signal.changed.emit)
        except ValueError:
            pass
        self.store.close()
        self.store = None
        self.plan_id = self.current_project_id = None
        self.rows = []
        self.model.set_rows([])
        self.entry.set_context(None, None, None)
        self.entry.show_project(None)
        self.detail.show_project(None)

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
            path, _ = QFileDialog.getOpenFileName(self, strings.ACTIONS["open"][0].split("(")[0], "",
                                                  strings.FILE_FILTER)
            if not path:
                return
        self.open_path(path)

    def new_file(self, path=None) -> None:
        from msdesk.store import create_store
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, strings.ACTIONS["new"][0].split("(")[0], strings.NEW_FILE_NAME,
                                                  strings.FILE_FILTER)
            if not path:
                return
            if not path.endswith(".msdesk"):
                path += ".msdesk"
        try:
            store = create_store(path)
        except MsdeskError as exc:
            self.show_error(exc.message)
            return
        self._install(store, None, default_period(store, None), [])
        if path and not offices.self_office(store):
            self.edit_office()

    def open_demo(self) -> None:
        from msdesk.paths import default_demo_path
        path = default_demo_path()

        def work():
            if not path.exists():
                from msdesk.demo import create_demo
                create_demo(path)
            return open_work(path)

        run_op(self, work, self._opened_ok,
               lambda exc: self.show_error(getattr(exc, "message", None) or f"{strings.CANNOT_OPEN}：{exc}"),
               label=strings.OPENING)

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
        run_op(self, lambda: backup_file(path, reason=strings.BACKUP_REASON),
               lambda target: self._notice(strings.BACKED_UP.format(path=target)),
               lambda exc: self.show_error(getattr(exc, "message", None) or str(exc)), label=strings.WORKING)

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
        self.close_store()
        super().closeEvent(event)
