"""菜单 and shortcuts: every action of the main window, the menus that hold them, and the
dialogs they open (imported when used, so a dialog's module loads only when a clerk asks for it).

To add a menu action: its text and tip in strings.ACTIONS[key]; a dialog in its own module goes in
EXTERNAL as key: (module, function taking the window), anything else in slots; put the key in a
menu in _build_menus; keys that need an open file are in NEEDS_FILE."""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from msdesk import __version__

from .. import strings
from ..manual_window import install_f1
from .tabs import TAB_BREAKDOWN, TAB_DETAIL, TAB_ENTRY, TAB_LIST, TAB_OVERVIEW

SHORTCUTS = {
    "new": QKeySequence.New,
    "open": QKeySequence.Open,
    "quit": QKeySequence.Quit,
    "undo": QKeySequence.Undo,
    "redo": "Ctrl+Y",
    "find": QKeySequence.Find,
    "import_notice": "Ctrl+I",
    "export_report": "Ctrl+E",
    "backup": "Ctrl+B",
    "next_project": "Ctrl+PgDown",
    "prev_project": "Ctrl+PgUp",
    "refresh": "F5",
    "show_list": "Ctrl+1",
    "show_entry": "Ctrl+2",
    "show_detail": "Ctrl+3",
    "show_overview": "Ctrl+4",
    "show_breakdown": "Ctrl+5",
    "add_project": "Ctrl+Shift+N",
    "clear_filters": "Ctrl+Shift+F",
    "office": "Ctrl+,",
    "print": QKeySequence.Print,
}
EXTERNAL = {
    "import_notice": ("ui.import_dialog", "run"),
    "export_report": ("ui.export_dialog", "run"),
    "keys": ("ui.package.keys", "run_keys"),
    "pkg_export": ("ui.package.export", "run_export"),
    "pkg_verify": ("ui.package.verify", "run_verify"),
    "pkg_import": ("ui.package.receive", "run_import"),
    "rollup": ("ui.package.rollup", "run_rollup"),
    "progress_import": ("ui.progress_import_dialog", "run_import"),
    "progress_template": ("ui.progress_import_dialog", "run_template"),
    "bulletin": ("ui.bulletin_dialog", "run"),
    "file_settings": ("ui.file_settings_dialog", "run"),
    "audit": ("ui.audit_dialog", "run"),
}
# enabled only while a file is open
NEEDS_FILE = {
    "import_notice",
    "export_report",
    "backup",
    "restore",
    "close_file",
    "find",
    "add_project",
    "delete_project",
    "new_plan",
    "next_project",
    "prev_project",
    "open_project",
    "show_list",
    "show_entry",
    "show_detail",
    "show_overview",
    "show_breakdown",
    "refresh",
    "clear_filters",
    "office",
    "subordinates",
    "keys",
    "pkg_export",
    "pkg_verify",
    "pkg_import",
    "rollup",
    "file_settings",
    "audit",
    "progress_import",
    "progress_template",
    "bulletin",
    "print",
}


class MenuActions:
    """A part of MainWindow (ui/main_window.py); uses its widgets and session."""

    def _build_actions(self) -> None:
        slots = {
            "new": lambda: self.new_file(),
            "open": lambda: self.open_file(),
            "demo": self.open_demo,
            "backup": self.backup_now,
            "restore": lambda: self.restore_from_backup(),
            "close_file": self.close_file,
            "quit": self.close,
            "undo": lambda: self._undo_redo(-1),
            "redo": lambda: self._undo_redo(1),
            "find": self._focus_search,
            "add_project": lambda: self.add_project(),
            "delete_project": self.delete_project,
            "new_plan": lambda: self.new_plan(),
            "next_project": lambda: self.step_project(1),
            "prev_project": lambda: self.step_project(-1),
            "open_project": self._open_selected,
            "show_list": lambda: self.tabs.setCurrentIndex(TAB_LIST),
            "show_entry": lambda: self._show_tab(TAB_ENTRY),
            "show_detail": lambda: self._show_tab(TAB_DETAIL),
            "show_overview": lambda: self.tabs.setCurrentIndex(TAB_OVERVIEW),
            "show_breakdown": lambda: self.tabs.setCurrentIndex(TAB_BREAKDOWN),
            "subordinates": self.edit_subordinates,
            "refresh": self.reload,
            "clear_filters": self.clear_filters,
            "office": self.edit_office,
            "about": self.about,
            "print": self.print_current,
        }
        for key, (text, tip) in strings.ACTIONS.items():
            action = QAction(text, self)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            if key in SHORTCUTS:
                action.setShortcut(QKeySequence(SHORTCUTS[key]))
                action.setToolTip(f"{tip}（{action.shortcut().toString(QKeySequence.NativeText)}）")
            if key in EXTERNAL:
                action.triggered.connect(lambda _=False, k=key: self.run_external(k))
            else:
                action.triggered.connect(lambda _=False, f=slots[key]: f())
            self.actions_[key] = action
            self.addAction(action)  # shortcuts work on every page
        self.actions_["manual"] = install_f1(self)  # 帮助 → 使用说明, F1 anywhere in the window
        self.actions_["redo"].setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.actions_["undo"].setEnabled(False)
        self.actions_["redo"].setEnabled(False)
        self.undo_stack.changed.connect(self._update_undo_actions)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        a = self.actions_
        file_menu = bar.addMenu(strings.MENU_FILE)
        file_menu.setToolTipsVisible(True)
        for key in ("new", "open"):
            file_menu.addAction(a[key])
        self.recent_menu = file_menu.addMenu(strings.MENU_RECENT)
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.menuAction().setStatusTip(strings.TIP_RECENT)
        self.recent_menu.menuAction().setToolTip(strings.TIP_RECENT)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(a["demo"])
        self._add(file_menu, None, "import_notice", None, "backup", "restore", None, "close_file", "quit")
        self._add(
            bar.addMenu(strings.MENU_EDIT),
            "undo",
            "redo",
            None,
            "find",
            "clear_filters",
            None,
            "new_plan",
            "add_project",
            "delete_project",
            None,
            "audit",
        )
        self._add(
            bar.addMenu(strings.MENU_VIEW),
            "show_list",
            "show_entry",
            "show_detail",
            "show_overview",
            "show_breakdown",
            None,
            "open_project",
            "prev_project",
            "next_project",
            None,
            "refresh",
        )
        self._add(bar.addMenu(strings.MENU_TABLES), "export_report", "print", None, "bulletin")
        self._add(
            bar.addMenu(strings.MENU_REPORT),
            "keys",
            None,
            "pkg_export",
            "pkg_verify",
            None,
            "pkg_import",
            "progress_import",
            "rollup",
            None,
            "progress_template",
        )
        self._add(bar.addMenu(strings.MENU_SETTINGS), "office", "subordinates", "file_settings")
        self._add(bar.addMenu(strings.MENU_HELP), "manual", None, "about")

    def _add(self, menu, *keys) -> None:
        menu.setToolTipsVisible(True)
        for key in keys:
            if key is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_[key])

    def _enable_file_actions(self, on: bool) -> None:
        for key in NEEDS_FILE:
            self.actions_[key].setEnabled(on)

    def run_external(self, key: str) -> None:
        """Open a dialog from another module, imported only when used."""
        module_name, func = EXTERNAL[key]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            self.show_error(
                strings.MISSING_MODULE.format(
                    name=strings.ACTIONS[key][0].split("(")[0].rstrip("…"), module=module_name
                )
            )
            return
        self.flush()
        getattr(module, func)(self)

    def edit_office(self) -> None:
        if self.store is None:
            return
        from ..office_settings import OfficeSettingsDialog

        self.office_dialog = OfficeSettingsDialog(self.session, self)
        self.office_dialog.open()

    def edit_subordinates(self) -> None:
        if self.store is None:
            return
        from ..subordinates_dialog import SubordinatesDialog

        self.subordinates_dialog = SubordinatesDialog(self.session, self)
        self.subordinates_dialog.open()

    def about(self) -> None:
        """Version, where this file's data, backups, outputs and keys are, the certificate's
        fingerprint (about.lines), then the fonts' licence note. The text can be selected and copied."""
        from msdesk import about

        lines = about.lines(self.store, self.store.path if self.store is not None else None)
        box = QMessageBox(QMessageBox.Information, strings.ABOUT_TITLE, "\n".join(lines), QMessageBox.Ok, self)
        box.setInformativeText(strings.ABOUT_TEXT.format(version=__version__).split("\n\n", 1)[-1])
        box.setTextInteractionFlags(Qt.TextSelectableByMouse)
        box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 560px; }")  # folder paths on one line each
        box.open()
        self.message_box = box

    def print_current(self) -> None:
        """Ctrl+P: the table of the page shown (目标分解 → 目标任务分解表, 项目清单 and the rest →
        进展情况表 of the 报告期 shown) in the print preview."""
        if self.store is None:
            return
        from ..print_current import print_table

        self.flush()
        print_table(self, "breakdown" if self.tabs.currentIndex() == TAB_BREAKDOWN else "progress")
