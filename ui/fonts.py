"""Bundled CJK fonts, so Chinese renders on a PC with no Chinese fonts installed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from msdesk.paths import resource_path

FONT_FILES = ("wqy-microhei.ttc", "gbsn00lp.ttf")
UI_FAMILY = "WenQuanYi Micro Hei"  # sans face for the interface
UI_POINT_SIZE = 10

_registered: list[str] | None = None


def register_fonts() -> list[str]:
    """Add the bundled fonts to Qt's database once. Returns the family names found."""
    global _registered
    if _registered is None:
        families: list[str] = []
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)
        _registered = families
    return _registered


def apply_app_font(app: QApplication) -> QFont:
    families = register_fonts()
    font = QFont(UI_FAMILY if UI_FAMILY in families else (families[0] if families else app.font().family()))
    font.setPointSize(UI_POINT_SIZE)
    app.setFont(font)
    return font
