"""The clerk's workbench: 项目清单, 季度填报, 项目信息, 进展概览 and 目标分解 tabs under one window.

The window shows one open file, its session (msdesk/session.py): the plan and 报告期 shown, the
rows, the undo history. Every edit is a named edit (msdesk/edits.py) applied through the session;
the session's one "what changed" notification redraws what the screens show, so screens never
call each other to redraw. Dialogs take the session and a parent, never the window's insides.
Each job of the window is one part in ui/window/ (menus, selectors, project list, projects,
undo menu, refresh) and ui/file_actions.py (文件 menu); this file puts them together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msdesk import recent

from . import geometry, strings
from .file_actions import FileActions
from .undo import UndoStack
from .welcome import WelcomePage
from .window.file_state import FileState
from .window.lazy_pages import LazyPages
from .window.menus import MenuActions
from .window.project_list import ProjectList
from .window.projects import Projects
from .window.refresh import Refresh
from .window.selectors import Selectors
from .window.tabs import TAB_BREAKDOWN, TAB_DETAIL, TAB_ENTRY, TAB_LIST, TAB_OVERVIEW
from .window.undo_menu import UndoMenu

if TYPE_CHECKING:
    from msdesk.session import Session

GEOMETRY_KEY = "main_window"
PAGE_ACTIONS = {
    TAB_ENTRY: "show_entry",
    TAB_DETAIL: "show_detail",
    TAB_OVERVIEW: "show_overview",
    TAB_BREAKDOWN: "show_breakdown",
}
PREFERRED_SIZE = QSize(1280, 820)


class _SessionSignal(QObject):
    """Carries the session's Changes to the GUI thread (a commit may happen in a worker op)."""

    changed = Signal(object)


class MainWindow(
    LazyPages, FileActions, FileState, MenuActions, Selectors, ProjectList, Projects, UndoMenu, Refresh, QMainWindow
):
    opened = Signal(str)

    def __init__(self):
        super().__init__()
        self.session: Session | None = None  # the open file (msdesk/session.py); None on the welcome page
        self.rows: list = []
        self.current_project_id: str | None = None
        self.last_error: str | None = None
        self.message_box: QMessageBox | None = None
        self.undo_stack = UndoStack(parent=self)
        self._pending_tables: set = set()
        self._load_generation = 0
        self._rebuild_entry = False
        self.loading = None
        self._entry_enabled = True
        self._session_signal = _SessionSignal()
        self._session_signal.changed.connect(self._session_changed)
        self.actions_: dict[str, QAction] = {}
        self._build_pages()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.undo_stack.changed.connect(self._after_edits)
        self.undo_stack.failed.connect(self._edit_failed)
        self._update_title()
        self._enable_file_actions(False)
        self.welcome.set_recent(recent.recent_files())
        # sized to the screen the first time, then where this user left it (ui/geometry.py)
        self.open_maximised = geometry.restore(self, GEOMETRY_KEY, PREFERRED_SIZE)

    def show_first(self) -> None:
        """Show the window as this user left it (maximised when the screen is smaller than the window)."""
        if self.open_maximised:
            self.showMaximized()
        else:
            self.show()

    def _build_pages(self) -> None:
        self.pages = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(lambda: self.new_file())
        self.welcome.open_requested.connect(lambda: self.open_file())
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_requested.connect(self.open_path)
        self.pages.addWidget(self.welcome)  # the workbench (page 1) is built when a file opens (lazy_pages.py)
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
        lay.addLayout(self._build_banners())
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_table(), strings.ACTIONS["show_list"][0])
        self._holders = self._page_holders()  # each page is built when first shown (lazy_pages.py)
        for tab, key in PAGE_ACTIONS.items():
            self.tabs.addTab(self._holders[tab], strings.ACTIONS[key][0])
        self.tabs.currentChanged.connect(self._tab_changed)
        lay.addWidget(self.tabs, 1)
        return page

    def _build_banners(self) -> QVBoxLayout:
        """Above the tabs: the file's state (read-only, changed elsewhere, first step with its
        buttons) and 需重新报送 (ui/window/file_state.py fills them)."""
        box = QVBoxLayout()
        box.setSpacing(4)
        row = QHBoxLayout()
        self.no_plan = QLabel(strings.NO_PLAN)
        self.no_plan.setObjectName("banner")
        self.no_plan.setWordWrap(True)
        self.no_plan.hide()
        row.addWidget(self.no_plan, 1)
        self.first_step_buttons = {}
        for key in ("pkg_import", "import_notice", "new_plan"):  # the township's 任务包 first
            button = QPushButton()
            button.clicked.connect(lambda _=False, k=key: self.actions_[k].trigger())
            button.hide()
            self.first_step_buttons[key] = button
            row.addWidget(button, 0, Qt.AlignVCenter)
        self.first_step_row = row
        box.addLayout(row)
        self.resubmit_label = QLabel()
        self.resubmit_label.setObjectName("banner")
        self.resubmit_label.setWordWrap(True)
        self.resubmit_label.hide()
        box.addWidget(self.resubmit_label)
        return box

    def _build_status_bar(self) -> None:
        self.save_label = QLabel(strings.NOTHING_CHANGED)
        self.save_label.setObjectName("saveState")
        self.statusBar().addPermanentWidget(self.save_label)

    # -- what is shown: the session's file, plan and 报告期 --------------------------------
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
        if (entry := self._built("entry")) is not None:
            entry.period = code

    # -- messages and title --------------------------------------------------------------
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
        from msdesk import offices

        me = offices.self_office(self.store)
        office = me["name"] if me else strings.NO_OFFICE
        self.setWindowTitle(f"{self.store.path.name} — {office} — {strings.APP}")


def __getattr__(name: str):
    """The list's column numbers, named here for callers; their module loads with the list (PEP 562)."""
    if name in ("COL_STATUS", "COL_LEAD", "COL_LEVEL", "COL_COMPLETION"):
        from . import project_table_model

        return getattr(project_table_model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MainWindow",
    "TAB_LIST",
    "TAB_ENTRY",
    "TAB_DETAIL",
    "TAB_OVERVIEW",
    "TAB_BREAKDOWN",
]
