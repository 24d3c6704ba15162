"""Start-up: fonts, style, icon, the main window, and which file to open first."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from msdesk import APP_NAME, APP_TITLE, recent
from msdesk.paths import resource_path

from .fonts import apply_app_font


def make_app(argv=None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    apply_app_font(app)
    _install_chinese_translation(app)
    qss = resource_path("styles", "app.qss")
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    icon = resource_path("icons", "msdesk.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _install_chinese_translation(app: QApplication) -> None:
    """Qt's own texts (standard buttons 确定/取消, file dialogs) in Simplified Chinese."""
    if getattr(app, "_msdesk_translator", None) is not None:
        return
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        app._msdesk_translator = translator  # kept alive with the application


def start_window(db: str | None = None, demo: bool = False):
    """Create and show the main window, then open the right file in the background."""
    from .main_window import MainWindow
    window = MainWindow()
    window.show()
    if db:
        window.open_path(db)
    elif demo:
        window.open_demo()
    else:
        last = next((p for p in recent.recent_files() if Path(p).is_file()), None)
        if last is not None:
            window.open_path(last)
    return window


def run_gui(db: str | None = None, demo: bool = False) -> int:
    app = make_app()
    window = start_window(db, demo)  # noqa: F841 - kept alive while the loop runs
    return app.exec()
