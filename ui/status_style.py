"""How a status looks: colour AND words (never colour alone). The status itself
comes from msdesk.status; this only maps its level to a colour."""
from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from msdesk import status

FOREGROUND = {status.RED: "#c62828", status.YELLOW: "#8a5a00", status.GREEN: "#1b6e2a", status.NONE: "#6b6b6b"}
BACKGROUND = {status.RED: "#fde3e1", status.YELLOW: "#fff4d6", status.GREEN: None, status.NONE: None}
DOT = {status.RED: "#e53935", status.YELLOW: "#f4b400", status.GREEN: "#34a853", status.NONE: "#b0b0b0"}
# chart / summary colours per status (same hues as the lights)
STATUS_COLOURS = {status.DONE: "#2e7d32", status.ON_TRACK: "#81c784", status.LAGGING: "#e53935",
                  status.NOT_STARTED: "#f4b400", status.NO_TASK: "#bdbdbd"}


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
