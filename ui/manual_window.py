"""使用说明: the bundled Chinese manual (resources/manual/index.html) in a window, offline,
searchable; F1 opens it from any window that installs the shortcut."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from msdesk.paths import resource_path

from . import geometry

TITLE = "使用说明"
SEARCH_HINT = "输入要查找的词，按回车查找下一处"
NOT_FOUND = "没有找到“{text}”。"
FOUND = "已找到“{text}”，再按回车查找下一处。"
MISSING = "找不到使用说明文件（{path}）。请重新安装程序。"


def manual_file():
    return resource_path("manual", "index.html")


class ManualWindow(QWidget):
    """A top-level window (not modal): the clerk can read and work at the same time."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(TITLE)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("查找："))
        self.search = QLineEdit()
        self.search.setPlaceholderText(SEARCH_HINT)
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        top.addWidget(self.search, 1)
        self.next_button = QPushButton("查找下一处")
        self.next_button.clicked.connect(self.find_next)
        top.addWidget(self.next_button)
        self.home_button = QPushButton("目录")
        self.home_button.setToolTip("回到使用说明的开头")
        self.home_button.clicked.connect(self.go_home)
        top.addWidget(self.home_button)
        lay.addLayout(top)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # offline: no links leave the manual
        lay.addWidget(self.browser, 1)
        self.message = QLabel()
        self.message.setObjectName("hint")
        lay.addWidget(self.message)
        find = QAction(self)
        find.setShortcut(QKeySequence.Find)
        find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(find)
        self.load()
        if geometry.restore(self, "manual", self._preferred()):
            self.setWindowState(self.windowState() | Qt.WindowMaximized)

    @staticmethod
    def _preferred() -> QSize:
        return QSize(900, 700)

    def go_home(self) -> None:
        self.browser.home()
        self.browser.verticalScrollBar().setValue(0)

    def load(self) -> bool:
        path = manual_file()
        if not path.is_file():
            self.browser.setPlainText(MISSING.format(path=path))
            return False
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        return True

    def find_next(self) -> bool:
        """Find the next place the word appears, from the top again after the last one."""
        text = self.search.text().strip()
        if not text:
            return False
        found = self.browser.find(text)
        if not found:  # wrap round once
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text)
        self.message.setText((FOUND if found else NOT_FOUND).format(text=text))
        return found

    def closeEvent(self, event) -> None:
        geometry.save(self, "manual")
        super().closeEvent(event)


def show_manual(parent: QWidget | None = None) -> ManualWindow:
    """Open the manual (one window per parent; raised again when already open)."""
    window = getattr(parent, "_manual_window", None) if parent is not None else None
    if window is None:
        window = ManualWindow(parent)
        if parent is not None:
            parent._manual_window = window
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def install_f1(window: QWidget) -> QAction:
    """F1 anywhere in this window opens the manual. Returns the action (for a 帮助 menu entry)."""
    action = QAction(TITLE, window)
    action.setShortcut(QKeySequence(Qt.Key_F1))  # F1 on every platform (HelpContents is not F1 on all)
    action.setShortcutContext(Qt.WindowShortcut)
    action.setStatusTip("打开使用说明（F1）")
    action.setToolTip("打开使用说明（F1）")
    action.triggered.connect(lambda: show_manual(window))
    window.addAction(action)
    return action
