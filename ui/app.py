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


# Texts Qt's own zh_CN catalogues leave in English (its non-native file dialog: "Look in",
# "Files of type"); found by opening the dialogs, checked by tests/test_gui_translation.py.
MISSING_ZH = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Computer"): "计算机",
    ("QFileSystemModel", "Size"): "大小",  # Qt's catalogue says 体积 (volume)
    ("QPlatformTheme", "&Yes"): "是(&Y)",
    ("QPlatformTheme", "&No"): "否(&N)",
}


class _MissingChinese(QTranslator):
    """Answers only the few texts above; every other text falls through to Qt's catalogues."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return MISSING_ZH.get((context, source))  # None (a null string): ask the next catalogue

    def isEmpty(self) -> bool:
        return False


def qt_catalogues(folder: str) -> list[str]:
    """Every Qt zh_CN catalogue present (the bundle keeps qt_zh_CN and qtbase_zh_CN)."""
    found = sorted(p.stem for p in Path(folder).glob("qt*_zh_CN.qm"))
    return sorted(found, key=lambda name: name != "qtbase_zh_CN")  # the dialogs' catalogue first


def _install_chinese_translation(app: QApplication) -> None:
    """Qt's own texts (standard buttons 确定/取消, file dialogs) in Simplified Chinese: all of Qt's
    zh_CN catalogues that are present, then our own few texts they leave in English."""
    if getattr(app, "_msdesk_translators", None) is not None:
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    kept = []
    for name in qt_catalogues(folder):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            kept.append(translator)
    missing = _MissingChinese(app)
    app.installTranslator(missing)  # installed last, so asked first
    app._msdesk_translators = kept + [missing]  # kept alive with the application


def start_window(db: str | None = None, demo: bool = False):
    """Create and show the main window, then open the right file in the background."""
    from .main_window import MainWindow

    window = MainWindow()
    window.show_first()
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
