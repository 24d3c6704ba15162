"""Windows that fit the screen: per-user window geometry, and dialogs capped to the screen
with their body scrolling and their buttons always in view.

On a 1366×768 office laptop a 1280×820 window put its status bar below the screen and the
760 px 导入通知 dialog its 导入/取消 on the edge. Geometry is remembered in the user's data
folder (like the recent-files list), so tests and portable installs keep their own.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget, QWidgetItem

from msdesk.paths import data_dir

SCREEN_SHARE = 0.92  # a new window takes at most this share of the available screen
DIALOG_MARGIN = 32  # px kept free above and below a capped dialog (title bar, taskbar)


def _file() -> Path:
    return data_dir() / "window_geometry.json"


def _saved() -> dict:
    try:
        found = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def available(widget: QWidget | None = None) -> QRect:
    """The available area (without taskbar) of the widget's screen, else the primary one."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def initial_rect(area: QRect, preferred: QSize) -> tuple[QRect, bool]:
    """Where a window opens the first time: its preferred size, shrunk to fit the area, centred.
    True as second value when the preferred size does not fit: open maximised instead."""
    w = min(preferred.width(), int(area.width() * SCREEN_SHARE))
    h = min(preferred.height(), int(area.height() * SCREEN_SHARE))
    rect = QRect(0, 0, w, h)
    rect.moveCenter(area.center())
    too_big = preferred.width() > area.width() or preferred.height() > area.height()
    return rect, too_big


def restore(widget: QWidget, key: str, preferred: QSize) -> bool:
    """Put a top-level window where this user left it; the first time (or when the saved place is
    off every screen now) size it to the screen. Returns True when it should be shown maximised."""
    raw = _saved().get(key)
    if isinstance(raw, dict) and raw.get("geometry"):
        if widget.restoreGeometry(QByteArray.fromBase64(raw["geometry"].encode("ascii"))) and _on_a_screen(
            widget.frameGeometry()
        ):
            return bool(raw.get("maximized"))
    rect, maximise = initial_rect(available(widget), preferred)
    widget.setGeometry(rect)
    return maximise


def _on_a_screen(rect: QRect) -> bool:
    return any(s.availableGeometry().intersects(rect) for s in QGuiApplication.screens())


def save(widget: QWidget, key: str) -> None:
    """Remember the window's place and size (call from closeEvent)."""
    known = _saved()
    known[key] = {
        "geometry": bytes(widget.saveGeometry().toBase64()).decode("ascii"),
        "maximized": widget.isMaximized(),
    }
    try:
        _file().write_text(json.dumps(known), encoding="utf-8")
    except OSError:
        pass  # a read-only data folder must not stop the window from closing


def cap_to_screen(widget: QWidget, margin: int = DIALOG_MARGIN) -> QSize:
    """Never taller or wider than the available screen; returns the size now set."""
    area = available(widget)
    limit = QSize(area.width() - margin, area.height() - 2 * margin)
    widget.setMaximumSize(limit)
    hint = widget.sizeHint().expandedTo(widget.size())
    size = hint.boundedTo(limit)
    widget.resize(size)
    return size


def scrolling_layout(dialog: QWidget) -> tuple[QVBoxLayout, QVBoxLayout]:
    """A new dialog's layout: (body, footer). The body scrolls when the screen is short; the
    footer (the 确定/取消 buttons) stays visible below it."""
    outer = QVBoxLayout(dialog)
    scroll = QScrollArea(dialog)
    scroll.setObjectName("dialogBody")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.NoFrame)
    inner = QWidget()
    body = QVBoxLayout(inner)
    body.setContentsMargins(0, 0, 0, 0)
    scroll.setWidget(inner)
    outer.addWidget(scroll, 1)
    footer = QVBoxLayout()
    outer.addLayout(footer)
    return body, footer


def make_scrollable(dialog: QWidget) -> QScrollArea:
    """An existing dialog's layout moved into a scroll area, its QDialogButtonBox kept below,
    then capped to the screen. For dialogs built before this helper existed."""
    old = dialog.layout()
    if old is None:
        raise ValueError("dialog has no layout")
    items = []
    while old.count():
        stretch = old.stretch(0) if hasattr(old, "stretch") else 0
        items.append((old.takeAt(0), stretch))
    QWidget().setLayout(old)  # the old layout goes with a throw-away parent (Qt's way to drop it)
    body, footer = scrolling_layout(dialog)
    for item, stretch in items:
        widget, layout = item.widget(), item.layout()
        if isinstance(widget, QDialogButtonBox):
            footer.addWidget(widget)
        elif widget is not None:
            body.addWidget(widget, stretch)
        elif isinstance(layout, QLayout):
            layout.setParent(None)
            body.addLayout(layout, stretch)
        elif not isinstance(item, QWidgetItem):
            body.addItem(item)
    cap_to_screen(dialog)
    return dialog.findChild(QScrollArea, "dialogBody")
