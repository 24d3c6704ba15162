"""The clerk's workbench: project list, quarterly entry, project detail and overview.

Other dialogs (import, export, packages) get `self.store`, `self.plan_id`,
`self.period` and call `self.reload()` after changing the file. Every edit goes
through `self.undo_stack`; after each commit the store's listener refreshes
what the screens show, so screens never call each other to redraw.
"""
from __future__ import annotations

import importlib
from datetime import datetime

from PySide6.QtCore import QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QLineEdit, QMainWindow, QMessageBox, QStackedWidget,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from msdesk import __version__, edits, offices, plans, recent
from msdesk.errors import MsdeskError
from msdesk.formatting import percent
from msdesk.periods import parse_period
from msdesk.session import Changes, Session

from . import strings
from .file_actions import FileActions
from .ops import on_own_connection, run_op
from .breakdown_page import BreakdownPage
from .overview_page import OverviewPage
from .project_detail import ProjectDetail
from .project_table_model import COL_CATEGORY, COL_COMPLETION, COL_LEAD, COL_LEVEL, COL_NAME, COL_SEQ, \
    COL_STATUS, ProjectTableModel
from .quarter_entry import QuarterEntry
from .welcome import WelcomePage
from .undo import UndoStack, push

TAB_LIST, TAB_ENTRY, TAB_DETAIL, TAB_OVERVIEW, TAB_BREAKDOWN = range(5)
BACKGROUND_ROWS = 3000   # from this many projects a full re-read (~0.15 s per 1000) runs on a worker
FIGURE_TABLES = {"progress", "project_reports", "periods", "signoffs", "submitted_periods"}  # an edit here changes figures only
# (action key, module, function): dialogs written by other helpers, imported when used
EXTERNAL = {
    "import_notice": ("ui.import_dialog", "run"), "export_report": ("ui.export_dialog", "run"),
    "keys": ("ui.package_dialogs", "run_keys"), "pkg_export": ("ui.package_dialogs", "run_export"),
    "pkg_verify": ("ui.package_dialogs", "run_verify"), "pkg_import": ("ui.package_dialogs", "run_import"),
    "rollup": ("ui.package_dialogs", "run_rollup"),
    "file_settings": ("ui.file_settings_dialog", "run"), "audit": ("ui.audit_dialog", "run"),
}
SHORTCUTS = {
    "new": QKeySequence.New, "open": QKeySequence.Open, "quit": QKeySequence.Quit,
    "undo": QKeySequence.Undo, "redo": "Ctrl+Y", "find": QKeySequence.Find,
    "import_notice": "Ctrl+I", "export_report": "Ctrl+E", "backup": "Ctrl+B",
    "next_project": "Ctrl+PgDown", "prev_project": "Ctrl+PgUp", "refresh": "F5",
    "show_list": "Ctrl+1", "show_entry": "Ctrl+2", "show_detail": "Ctrl+3", "show_overview": "Ctrl+4",
    "show_breakdown": "Ctrl+5",
    "add_project": "Ctrl+Shift+N", "clear_filters": "Ctrl+Shift+F", "office": "Ctrl+,",
}


class _SessionSignal(QObject):
    """Carries the session's Changes to the GUI thread (a commit may happen in a worker op)."""
    changed = Signal(object)


class MainWindow(FileActions, QMainWindow):
    opened = Signal(str)

    def __init__(self):
        super().__init__()
        self.session: Session | None = None   # the open file (msdesk/session.py); None on the welcome page
        self.rows: list = []
        self.current_project_id: str | None = None
        self.last_error: str | None = None
        self.message_box: QMessageBox | None = None
        self.undo_stack = UndoStack(parent=self)
        self._pending_tables: set = set()
        self._load_generation = 0
        self._rebuild_entry = False
        self.loading = None
        self._session_signal = _SessionSignal()
        self._session_signal.changed.connect(self._session_changed)
        self.actions_: dict[str, QAction] = {}
        self.resize(1280, 820)
        self._build_pages()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.undo_stack.changed.connect(self._after_edits)
        self._update_title()
        self._enable_file_actions(False)
        self.welcome.set_recent(recent.recent_files())

    # ======================================================================= building
    def _build_pages(self) -> None:
        self.pages = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(lambda: self.new_file())
        self.welcome.open_requested.connect(lambda: self.open_file())
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_requested.connect(self.open_path)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self._build_workbench())
        self.setCentralWidget(self.pages)

    def _build_workbench(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(8, 6, 8, 4)
        lay.addLayout(self._build_selectors())
        self.filter_bar = QWidget()
        self.filter_bar.setLayout(self._build_filters())
        self.filter_bar.layout().setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.filter_bar)
        self.no_plan = QLabel(strings.NO_PLAN)
        self.no_plan.setObjectName("banner")
        self.no_plan.setWordWrap(True)
        self.no_plan.hide()
        lay.addWidget(self.no_plan)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_table(), strings.ACTIONS["show_list"][0])
        self.entry = QuarterEntry()
        self.entry.advance_project.connect(self.step_project)
        self.entry.confirm_edit = self._confirm_edit_submitted
        self.tabs.addTab(self.entry, strings.ACTIONS["show_entry"][0])
        self.detail = ProjectDetail()
        self.tabs.addTab(self.detail, strings.ACTIONS["show_detail"][0])
        self.overview = OverviewPage()
        self.overview.open_project.connect(lambda pid: self.open_project(pid, TAB_ENTRY))
        self.tabs.addTab(self.overview, strings.ACTIONS["show_overview"][0])
        self.breakdown = BreakdownPage(self)   # 目标分解: useful above all to a district or city office
        self.tabs.addTab(self.breakdown, strings.ACTIONS["show_breakdown"][0])
        self.tabs.currentChanged.connect(self._tab_changed)
        lay.addWidget(self.tabs, 1)
        return page

    def _build_selectors(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(strings.PLAN))
        self.plan_box = QComboBox()
        self.plan_box.setMinimumWidth(360)
        self.plan_box.setToolTip(strings.TIP_PLAN)
        self.plan_box.activated.connect(self._plan_chosen)
        row.addWidget(self.plan_box)
        row.addSpacing(16)
        row.addWidget(QLabel(strings.PERIOD))
        self.period_box = QComboBox()
        self.period_box.setMinimumWidth(200)
        self.period_box.setToolTip(strings.TIP_PERIOD)
        self.period_box.activated.connect(self._period_chosen)
        row.addWidget(self.period_box)
        self.expected_label = QLabel()
        self.expected_label.setObjectName("expected")
        row.addWidget(self.expected_label)
        row.addStretch(1)
        return row

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()           # first: the search is what a clerk uses most
        self.search.setPlaceholderText(strings.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(strings.TIP_SEARCH)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(lambda text: self._set_filter(text=text.strip()))
        self.search.returnPressed.connect(self._focus_table)
        row.addWidget(self.search, 2)
        self.filter_boxes: dict[str, QComboBox] = {}
        for key, label in (("category", strings.FILTER_CATEGORY), ("lead", strings.FILTER_LEAD),
                           ("status", strings.FILTER_STATUS), ("level", strings.FILTER_LEVEL)):
            row.addSpacing(6)
            row.addWidget(QLabel(label + "："))
            box = QComboBox()
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(5 if key in ("status", "level") else 8)   # shrinks on small screens
            box.setToolTip(strings.TIP_FILTER.format(label=label))
            box.activated.connect(lambda _i, k=key: self._filter_chosen(k))
            self.filter_boxes[key] = box
            row.addWidget(box, 1)
        self.count_label = QLabel()
        row.addSpacing(6)
        row.addWidget(self.count_label)
        return row

    def _build_table(self) -> QTableView:
        self.model = ProjectTableModel(self)
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
        view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTabKeyNavigation(False)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
        header = view.horizontalHeader()
        for col, width in ((COL_CATEGORY, 130), (COL_SEQ, 56), (COL_LEAD, 200), (COL_LEVEL, 100),
                           (COL_COMPLETION, 80), (COL_STATUS, 150)):
            view.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_NAME, QHeaderView.Stretch)
        header.setSortIndicator(COL_SEQ, Qt.AscendingOrder)
        view.setSortingEnabled(True)
        view.setToolTip(strings.TIP_TABLE)
        view.activated.connect(lambda index: self.open_project(self.model.row(index.row()).id, TAB_ENTRY))
        self.table = view
        return view

    def _build_actions(self) -> None:
        slots = {
            "new": lambda: self.new_file(), "open": lambda: self.open_file(), "demo": self.open_demo,
            "backup": self.backup_now, "restore": lambda: self.restore_from_backup(),
            "close_file": self.close_file, "quit": self.close,
            "undo": lambda: self._undo_redo(-1), "redo": lambda: self._undo_redo(1), "find": self._focus_search,
            "add_project": lambda: self.add_project(), "delete_project": self.delete_project,
            "new_plan": lambda: self.new_plan(), "next_project": lambda: self.step_project(1),
            "prev_project": lambda: self.step_project(-1), "open_project": self._open_selected,
            "show_list": lambda: self.tabs.setCurrentIndex(TAB_LIST),
            "show_entry": lambda: self._show_tab(TAB_ENTRY), "show_detail": lambda: self._show_tab(TAB_DETAIL),
            "show_overview": lambda: self.tabs.setCurrentIndex(TAB_OVERVIEW),
            "show_breakdown": lambda: self.tabs.setCurrentIndex(TAB_BREAKDOWN),
            "subordinates": self.edit_subordinates,
            "refresh": self.reload, "clear_filters": self.clear_filters, "office": self.edit_office,
            "about": self.about,
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
        self._add(file_menu, None, "import_notice", "export_report", None, "backup", "restore", None,
                  "close_file", "quit")
        self._add(bar.addMenu(strings.MENU_EDIT), "undo", "redo", None, "find", "clear_filters", None,
                  "new_plan", "add_project", "delete_project", None, "audit")
        self._add(bar.addMenu(strings.MENU_VIEW), "show_list", "show_entry", "show_detail", "show_overview",
                  "show_breakdown", None, "open_project", "prev_project", "next_project", None, "refresh")
        self._add(bar.addMenu(strings.MENU_REPORT), "keys", None, "pkg_export", "pkg_verify", None,
                  "pkg_import", "rollup")
        self._add(bar.addMenu(strings.MENU_SETTINGS), "office", "subordinates", "file_settings")
        self._add(bar.addMenu(strings.MENU_HELP), "about")

    def _add(self, menu, *keys) -> None:
        menu.setToolTipsVisible(True)
        for key in keys:
            if key is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_[key])

    def _build_status_bar(self) -> None:
        self.save_label = QLabel(strings.NOTHING_CHANGED)
        self.save_label.setObjectName("saveState")
        self.statusBar().addPermanentWidget(self.save_label)

    # ======================================================================= data
    def reload(self) -> None:
        """Re-read everything (after an import or any change made outside the editors)."""
        if self.store is None:
            return
        self.flush()
        self._pending_tables = set()   # read again below: a commit waiting to be shown needs no second read
        current = plans.current_plan(self.store)
        if self.plan_id is None or self.store.get("plans", self.plan_id) is None:
            self.plan_id = current["id"] if current else None
        plan = self.store.get("plans", self.plan_id) if self.plan_id else None
        if plan and (not self.period or parse_period(self.period).year != plan["year"]):
            self.period = self.session.default_period()   # e.g. a newly imported year
        self._fill_plan_box()
        self._fill_period_box()
        self._update_title()
        self.breakdown.mark_stale()
        self._load_generation += 1
        if self.model.total() < BACKGROUND_ROWS:
            self._show_rows(self.session.rows(), reset=True)
            return
        # a big file: read on a worker so the window never freezes; the newest request wins
        generation, store, session = self._load_generation, self.store, self.session
        plan_id, period = self.plan_id, self.period

        def loaded(rows):
            if generation == self._load_generation and store is self.store:
                self.entry.setEnabled(True)
                self._show_rows(rows, reset=True)

        def failed(exc):
            self.entry.setEnabled(True)
            self.show_error(getattr(exc, "message", None) or str(exc))

        self.entry.setEnabled(False)   # no typing against the previous period's figures meanwhile
        self.loading = run_op(self, on_own_connection(store, lambda own: session.rows(store=own, plan_id=plan_id, period=period)), loaded, failed,
                              label=strings.LOADING)

    def _show_rows(self, rows, reset: bool) -> None:
        self.rows = rows
        by_id = {r.id: r for r in rows}
        if reset:
            self.model.set_rows(rows)
            self._fill_filter_boxes()
            self._select_in_table(self.current_project_id)
        else:
            self.model.refresh_rows(rows)
        self.no_plan.setVisible(self.plan_id is None)
        self._update_count()
        row = by_id.get(self.current_project_id)
        if row is None and self.current_project_id:
            self.current_project_id = None
        if row and self._rebuild_entry:
            self._show_project_in_entry(row.id)
        elif row:
            self.entry.refresh(row)
        else:
            self.entry.show_project(None)
        self._rebuild_entry = False
        if self.tabs.currentIndex() == TAB_DETAIL or reset:
            self.detail.show_project(self.current_project_id)
        if self.tabs.currentIndex() == TAB_OVERVIEW:
            self.overview.show_rows(rows, self.period)

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
        self._pending_tables |= set(tables)
        QTimer.singleShot(0, self._apply_pending)

    def _apply_pending(self, touched: set | None = None) -> None:
        tables, self._pending_tables = self._pending_tables, set()
        if not tables or self.store is None:
            return
        self.breakdown.store_changed(tables, touched)
        if tables <= FIGURE_TABLES and touched and None not in touched:
            self._refresh_projects(touched)
            return
        if "plans" in tables:   # a plan added, or its adding undone: choose a plan that exists
            self.reload()
            return
        if "offices" in tables:
            self._update_title()
            self._fill_period_box()
        if tables - {"settings", "audit_log", "target_breakdowns"}:   # shares are not in the project list
            self._show_rows(self.session.rows(), reset=False)
        if self.tabs.currentIndex() == TAB_DETAIL:
            self.detail.refresh()

    def _refresh_projects(self, project_ids: set) -> None:
        """Re-read only the edited projects: one figure typed into a 20,000-project file stays instant."""
        fresh = self.session.rows(project_ids=project_ids)
        by_id = {r.id: r for r in fresh}
        self.rows = [by_id.get(r.id, r) for r in self.rows]
        self.model.update_rows(fresh)
        if self.current_project_id in by_id:
            self.entry.refresh(by_id[self.current_project_id])
        if self.tabs.currentIndex() == TAB_OVERVIEW:
            self.overview.show_rows(self.rows, self.period)

    def flush(self) -> None:
        """Save the field being typed in before anything switches context."""
        if self.store is not None:
            self.entry.flush()
            self.detail.flush()

    def may_leave_editors(self) -> bool:
        """Before 季度填报 or 项目信息 shows another project, period or file: a refused value
        is corrected or given up by the clerk, never dropped silently."""
        self.flush()
        if self.store is None:
            return True
        held, pane, tab = self.entry.refused(), self.entry, TAB_ENTRY
        if held is None:
            held, pane, tab = self.detail.refused(), self.detail, TAB_DETAIL
        if held is None:
            return True
        editor, label, typed, reason = held
        box = QMessageBox(QMessageBox.Warning, strings.HELD_VALUE_TITLE,
                          strings.HELD_VALUE_TEXT.format(label=label, typed=typed or strings.EMPTY_VALUE, reason=reason), parent=self)
        back = box.addButton(strings.HELD_VALUE_BACK, QMessageBox.RejectRole)
        drop = box.addButton(strings.HELD_VALUE_DROP, QMessageBox.DestructiveRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        if box.clickedButton() is drop:
            pane.revert(editor)
            return True
        self.tabs.setCurrentIndex(tab)
        self.activateWindow()          # some window managers leave the focus with nobody after a box
        editor.setFocus(Qt.OtherFocusReason)
        editor.selectAll()
        return False

    # ======================================================================= selectors & filters
    @property
    def store(self):
        return self.session.store if self.session is not None else None

    @property
    def plan_id(self) -> str | None:
        return self.session.plan_id if self.session is not None else None

    @plan_id.setter
    def plan_id(self, plan_id: str | None) -> None:
        if self.session is not None:
            self.session.plan_id = plan_id

    @property
    def period(self) -> str | None:
        """The chosen 报告期 code ('2023Q3'); the entry screen always writes to this one."""
        return self.session.period if self.session is not None else None

    @period.setter
    def period(self, code: str | None) -> None:
        if self.session is not None:
            self.session.period = code
        if hasattr(self, "entry"):
            self.entry.period = code

    def _fill_plan_box(self) -> None:
        self.plan_box.clear()
        if self.store is None:
            return
        for plan in plans.plans(self.store):
            self.plan_box.addItem(strings.PLAN_ITEM.format(year=plan["year"], title=plan["title"]), plan["id"])
        self.plan_box.setCurrentIndex(max(0, self.plan_box.findData(self.plan_id)))

    def _fill_period_box(self) -> None:
        self.period_box.clear()
        if self.store is None:
            return
        periods = self.session.periods()
        for p in periods:
            self.period_box.addItem(p.label, p.code)
        index = self.period_box.findData(self.period)
        if index < 0:
            self.period = periods[0].code
            index = 0
        self.period_box.setCurrentIndex(index)
        self.expected_label.setText(strings.EXPECTED.format(percent=percent(parse_period(self.period).expected, digits=0)))

    def _plan_chosen(self, _index) -> None:
        plan_id = self.plan_box.currentData()
        if plan_id and plan_id != self.plan_id:
            if not self.may_leave_editors():
                with QSignalBlocker(self.plan_box):
                    self.plan_box.setCurrentIndex(self.plan_box.findData(self.plan_id))
                return
            self.plan_id = plan_id
            self.current_project_id = None
            self._fill_period_box()
            self.period = self.session.default_period()
            self.reload()

    def _period_chosen(self, _index) -> None:
        self.set_period(self.period_box.currentData())

    def set_period(self, code: str) -> None:
        """Show another 报告期 (chosen in the box, or after an import); remembered for next time."""
        if code and code != self.period and self.may_leave_editors():
            self.period = parse_period(code).code
            self._rebuild_entry = True   # its grid shows the period: build it again with the new rows
            if self.store is not None:
                recent.remember_period(self.store.path, self.period)
            self.reload()
        with QSignalBlocker(self.period_box):   # the box always says which period is shown
            self.period_box.setCurrentIndex(self.period_box.findData(self.period))

    def _fill_filter_boxes(self) -> None:
        opts = self.model.options()
        current = self.model.filters()
        stale = {}
        for key, box in self.filter_boxes.items():
            box.clear()
            box.addItem(strings.ALL, None)
            for value in opts[key]:
                code, text = value if isinstance(value, tuple) else (value, value)
                box.addItem(text, code)
            index = box.findData(current[key])
            if index < 0:          # e.g. a category of the previous plan: show all again
                stale[key] = None
            box.setCurrentIndex(max(0, index))
        if stale:
            self._set_filter(**stale)

    def _filter_chosen(self, key: str) -> None:
        self._set_filter(**{key: self.filter_boxes[key].currentData()})

    def _set_filter(self, **changes) -> None:
        self.model.set_filter(**changes)
        self._update_count()

    def clear_filters(self) -> None:
        for box in self.filter_boxes.values():
            box.setCurrentIndex(0)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._set_filter(category=None, lead=None, status=None, level=None, text="")

    def _update_count(self) -> None:
        self.count_label.setText(strings.ROWS_SHOWN.format(shown=self.model.rowCount(), total=self.model.total()))

    # ======================================================================= projects
    def open_project(self, project_id: str, tab: int = TAB_ENTRY) -> None:
        if project_id != self.current_project_id and not self.may_leave_editors():
            self._select_in_table(self.current_project_id)
            return
        self.current_project_id = project_id
        row = self.model.row_of(project_id)
        if row >= 0:
            self.table.selectRow(row)
        self._show_project_in_entry(project_id)
        self.detail.show_project(project_id)
        self.tabs.setCurrentIndex(tab)
        target = self.entry.first_editor() if tab == TAB_ENTRY else self.detail.editor("seq")
        if target is not None:
            target.setFocus(Qt.TabFocusReason)
            if hasattr(target, "selectAll"):
                target.selectAll()

    def _show_project_in_entry(self, project_id: str) -> None:
        row = next((r for r in self.rows if r.id == project_id), None)
        n = self.model.row_of(project_id)
        self.entry.show_project(row, (n + 1 if n >= 0 else 0, self.model.rowCount()))

    def step_project(self, step: int) -> None:
        ids = self.model.visible_ids()
        if not ids:
            return
        if self.current_project_id in ids:
            n = ids.index(self.current_project_id) + step
        else:
            n = 0
        if 0 <= n < len(ids):
            tab = self.tabs.currentIndex()
            self.open_project(ids[n], tab if tab in (TAB_ENTRY, TAB_DETAIL) else TAB_ENTRY)
        else:
            self.statusBar().showMessage(strings.LAST_PROJECT if step > 0 else strings.FIRST_PROJECT, 4000)

    def _open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_project(self.model.row(index.row()).id)

    def _show_tab(self, tab: int) -> None:
        if self.current_project_id is None:
            self._open_selected()
        self.tabs.setCurrentIndex(tab)

    def _tab_changed(self, tab: int) -> None:
        self.flush()
        self.filter_bar.setVisible(tab == TAB_LIST)  # filters act on the list only
        if tab in (TAB_ENTRY, TAB_DETAIL):
            self._follow_list_selection()
        if tab == TAB_OVERVIEW and self.store is not None:
            self.overview.show_rows(self.rows, self.period)
        elif tab == TAB_DETAIL:
            self.detail.show_project(self.current_project_id)

    def _follow_list_selection(self) -> None:
        """Clicking the 季度填报 / 项目信息 tab shows the project selected in the list, as Enter does."""
        index = self.table.currentIndex()
        if not index.isValid() or self.store is None:
            return
        project_id = self.model.row(index.row()).id
        if project_id != self.current_project_id:
            self.current_project_id = project_id
            self._show_project_in_entry(project_id)

    def add_project(self, content: str | None = None) -> None:
        if self.store is None or self.plan_id is None:
            self.show_error(strings.NO_PLAN)
            return
        if content is None:
            content, ok = QInputDialog.getMultiLineText(self, strings.NEW_PROJECT_TITLE, strings.NEW_PROJECT_PROMPT)
            if not ok or not content.strip():
                return
        category = self.filter_boxes["category"].currentData()
        cat_id = next((c["id"] for c in plans.categories(self.store, self.plan_id) if c["name"] == category), None)
        cmd = edits.add_project(self.store, self.plan_id, content.strip(), cat_id, strings.ADD_PROJECT_LABEL)
        if self._push(cmd):
            self.open_project(cmd.row_id, TAB_DETAIL)

    def delete_project(self) -> None:
        project_id = self.current_project_id if self.tabs.currentIndex() != TAB_LIST else None
        index = self.table.currentIndex()
        if project_id is None and index.isValid():
            project_id = self.model.row(index.row()).id
        if self.store is None or project_id is None:
            return
        p = self.store.get("projects", project_id)
        self._push(edits.Delete(self.store, "project", project_id, strings.DELETE_PROJECT_LABEL.format(seq=p["seq"])))

    def new_plan(self, year: int | None = None, title: str | None = None) -> None:
        if self.store is None:
            return
        if year is None:
            year, ok = QInputDialog.getInt(self, strings.NEW_PLAN_TITLE, strings.NEW_PLAN_YEAR,
                                           datetime.now().year, 2000, 2100)
            if not ok:
                return
        if title is None:
            title, ok = QInputDialog.getText(self, strings.NEW_PLAN_TITLE, strings.NEW_PLAN_NAME,
                                             text=strings.NEW_PLAN_DEFAULT.format(year=year))
            if not ok:
                return
        cmd = edits.add_plan(self.store, year, title, f"{strings.NEW_PLAN_TITLE}“{title}”")
        if self._push(cmd):
            self.plan_id = cmd.row_id
            self.period = self.session.default_period()
            self.reload()

    def _push(self, cmd) -> bool:
        try:
            return push(self.undo_stack, cmd)
        except MsdeskError as exc:
            self.show_error(exc.message)
            return False

    # ======================================================================= undo, other dialogs
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
            self.current_project_id = project_id   # shown once the other period's rows are read
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

    def _confirm_edit_submitted(self, period: str) -> bool:
        """Ask before changing figures of a period already sent upward (package_dialogs owns the wording)."""
        from .package_dialogs import confirm_edit_submitted   # imported when used; a failure shows, never skips the question
        return confirm_edit_submitted(self, self.store, period)

    def edit_office(self) -> None:
        if self.store is None:
            return
        from .office_settings import OfficeSettingsDialog
        self.office_dialog = OfficeSettingsDialog(self.session, self)
        self.office_dialog.open()

    def edit_subordinates(self) -> None:
        if self.store is None:
            return
        from .subordinates_dialog import SubordinatesDialog
        self.subordinates_dialog = SubordinatesDialog(self.session, self)
        self.subordinates_dialog.open()

    def run_external(self, key: str) -> None:
        """Open a dialog from another module, imported only when used."""
        module_name, func = EXTERNAL[key]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            self.show_error(strings.MISSING_MODULE.format(name=strings.ACTIONS[key][0].split("(")[0].rstrip("…"),
                                                          module=module_name))
            return
        self.flush()
        getattr(module, func)(self)

    def about(self) -> None:
        box = QMessageBox(QMessageBox.Information, strings.ACTIONS["about"][0], strings.ABOUT_TEXT.format(
            version=__version__), QMessageBox.Ok, self)
        box.open()
        self.message_box = box

    # ======================================================================= small helpers
    def show_error(self, text: str) -> None:
        """Show a message without blocking (non-modal box, status bar, welcome page)."""
        self.last_error = text
        self.statusBar().showMessage(text, 10000)
        if self.pages.currentIndex() == 0:
            self.welcome.show_error(text)
        box = QMessageBox(QMessageBox.Warning, strings.ERROR_TITLE, text, QMessageBox.Ok, self)
        box.setWindowModality(Qt.WindowModal)
        box.open()
        self.message_box = box

    def _notice(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _update_title(self) -> None:
        if self.store is None:
            self.setWindowTitle(f"{strings.APP} — {strings.UNSAVED_TITLE}")
            return
        me = offices.self_office(self.store)
        office = me["name"] if me else strings.NO_OFFICE
        self.setWindowTitle(f"{self.store.path.name} — {office} — {strings.APP}")

    def _enable_file_actions(self, on: bool) -> None:
        for key in ("import_notice", "export_report", "backup", "restore", "close_file", "find", "add_project",
                    "delete_project", "new_plan", "next_project", "prev_project", "open_project", "show_list",
                    "show_entry", "show_detail", "show_overview", "show_breakdown", "refresh", "clear_filters",
                    "office", "subordinates", "keys",
                    "pkg_export", "pkg_verify", "pkg_import", "rollup", "file_settings", "audit"):
            self.actions_[key].setEnabled(on)

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(TAB_LIST)
        self.search.setFocus()
        self.search.selectAll()

    def _select_in_table(self, project_id: str | None) -> None:
        """Keep a current row in the list so Enter always opens something."""
        row = self.model.row_of(project_id) if project_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _focus_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)


__all__ = ["MainWindow", "COL_STATUS", "COL_LEAD", "COL_LEVEL", "COL_COMPLETION"]
