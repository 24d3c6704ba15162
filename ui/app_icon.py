"""Draws the application icon (a ledger page with 民 and a green tick).

Run `python -m ui.app_icon` to regenerate resources/icons/msdesk.png and msdesk.ico;
the generated files are committed, so the app itself never draws it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

from msdesk.paths import resource_path


def draw_icon(size: int = 256) -> QImage:
    from .fonts import register_fonts

    register_fonts()
    img = QImage(size, size, QImage.Format_ARGB32)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    s = size / 256
    p.setPen(Qt.NoPen)
    p.setBrush(QColor("#1f4e8c"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    p.setBrush(QColor("#ffffff"))
    p.drawRoundedRect(QRectF(46 * s, 34 * s, 164 * s, 188 * s), 14 * s, 14 * s)
    p.setPen(QPen(QColor("#c9d6e8"), 6 * s))
    for y in (176, 196):
        p.drawLine(QPointF(70 * s, y * s), QPointF(186 * s, y * s))
    font = QFont("WenQuanYi Micro Hei")
    font.setPixelSize(int(112 * s))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#c62828"))
    p.drawText(QRectF(46 * s, 34 * s, 164 * s, 140 * s), Qt.AlignCenter, "民")
    tick = QPainterPath(QPointF(150 * s, 196 * s))
    tick.lineTo(176 * s, 222 * s)
    tick.lineTo(232 * s, 150 * s)
    p.setPen(QPen(QColor("#2e9d48"), 20 * s, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    p.setBrush(Qt.NoBrush)
    p.drawPath(tick)
    p.end()
    return img


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - painting needs a live app
    folder = resource_path("icons")
    folder.mkdir(parents=True, exist_ok=True)
    draw_icon(256).save(str(folder / "msdesk.png"))
    draw_icon(256).save(str(folder / "msdesk.ico"))
    draw_icon(48).save(str(folder / "msdesk-48.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
