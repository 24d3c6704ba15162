"""How a status looks: colour AND words (never colour alone). The status itself
comes from msdesk.status; this only maps its level to a colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from msdesk import palette, status

# one palette for the chart, the list and the printed tables lives in the core (msdesk.palette)
FOREGROUND = palette.TEXT
BACKGROUND = palette.FILL
DOT = palette.LIGHT
STATUS_COLOURS = palette.STATUS


status_text = status.status_text  # one wording for screens and printed tables


@cache
def dot_icon(level: str, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(Qt.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setBrush(QColor(DOT[level]))
    painter.setPen(QColor(DOT[level]).darker(130))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pix)
