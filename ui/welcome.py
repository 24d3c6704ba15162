"""The page shown when no file is open: 新建 / 打开 / 示例 and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from . import strings


class WelcomePage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        title = QLabel(strings.WELCOME_TITLE)
        title.setObjectName("welcomeTitle")
        title.setAlignment(Qt.AlignCenter)
        box.addWidget(title)
        text = QLabel(strings.WELCOME_TEXT)
        text.setAlignment(Qt.AlignCenter)
        box.addWidget(text)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for label, signal, tip in (
            (strings.WELCOME_NEW, self.new_requested, strings.ACTIONS["new"][1]),
            (strings.WELCOME_OPEN, self.open_requested, strings.ACTIONS["open"][1]),
            (strings.WELCOME_DEMO, self.demo_requested, strings.ACTIONS["demo"][1]),
        ):
            button = QPushButton(label)
            button.setObjectName("bigButton")
            button.setToolTip(tip)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.error = QLabel()
        self.error.setObjectName("fieldMessage")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignCenter)
        self.error.hide()
        box.addWidget(self.error)
        self.recent_title = QLabel(strings.WELCOME_RECENT)
        box.addWidget(self.recent_title)
        self.recent = QListWidget()
        self.recent.setMaximumHeight(180)
        self.recent.setToolTip(strings.TIP_RECENT_LIST)
        self.recent.itemActivated.connect(lambda item: self.recent_requested.emit(item.data(Qt.UserRole)))
        box.addWidget(self.recent)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(box, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def set_recent(self, files: list[Path]) -> None:
        self.recent.clear()
        for path in files:
            item = QListWidgetItem(f"{path.name}　—　{path.parent}")
            item.setData(Qt.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent_title.setVisible(bool(files))
        self.recent.setVisible(bool(files))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
