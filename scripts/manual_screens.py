"""Screenshots of the real screens for the manual (resources/manual/images) at 1366×768.

Opens the demo ledger in the main window offscreen (as ui/screenshot.py does), shows each
tab and the dialogs the manual talks about, and saves them. Run it again after the screens
change; nothing here is drawn by hand.

    QT_QPA_PLATFORM=offscreen python scripts/manual_screens.py [--full docs/screens]

Manual pictures are scaled to MANUAL_WIDTH and stored with a 256-colour palette, so the
bundle grows by well under 1 MB; --full also writes the 1366×768 originals to a folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1366, 768)
MANUAL_WIDTH = 960
TABS = [("main_list", 0), ("entry", 1), ("detail", 2), ("overview", 3), ("breakdown", 4)]
# (picture, main-window action that opens the dialog)
DIALOGS = [
    ("export", "export_report"),
    ("package", "pkg_export"),
    ("rollup", "rollup"),
    ("keys", "keys"),
    ("import_package", "pkg_import"),
    ("audit", "audit"),
]


def _settle(app, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(image, name: str, out: Path, full: Path | None) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    if full is not None:
        full.mkdir(parents=True, exist_ok=True)
        image.save(str(full / f"{name}.png"))
    if image.width() > MANUAL_WIDTH:
        image = image.scaledToWidth(MANUAL_WIDTH, Qt.SmoothTransformation)
    image = image.convertToFormat(QImage.Format_Indexed8, Qt.ThresholdDither)
    target = out / f"{name}.png"
    if not image.save(str(target)):
        raise SystemExit(f"无法保存截图“{target}”。")
    return target


def _grab_dialog(app, window, action: str, wait_ms: int = 800):
    """Trigger a menu action, grab the dialog it opens (modal exec() or not), then close it.

    A modal dialog blocks trigger() in its own event loop, so the grab runs from a timer."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    grabbed = {}

    def take():
        _settle(app)
        found = QApplication.activeModalWidget() or next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if w.isVisible() and isinstance(w, QDialog) and id(w) not in before
            ),
            None,
        )
        grabbed["image"] = found.grab().toImage() if found is not None else None
        if found is not None:
            found.reject() if isinstance(found, QDialog) else found.close()

    QTimer.singleShot(wait_ms, take)
    window.actions_[action].trigger()
    if "image" not in grabbed:  # a non-modal dialog returned at once: wait for the timer
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: "image" in grabbed and loop.quit())
        poll.start(20)
        QTimer.singleShot(wait_ms * 5, loop.quit)
        loop.exec()
        poll.stop()
    return grabbed.get("image")


def capture(out: Path, full: Path | None = None) -> list[Path]:
    from msdesk.demo import create_demo
    from ui.app import make_app, start_window
    from ui.manual_window import ManualWindow
    from ui.screenshot import _wait

    app = make_app()
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    # a fixed folder, so the path in the status bar and dialogs is the same on every run
    work = Path(tempfile.gettempdir()) / "msdesk-使用说明截图"
    shutil.rmtree(work, ignore_errors=True)
    try:
        os.environ["MSDESK_HOME"] = str(work / "程序数据")
        db = create_demo(work / "台账" / "烈山区2023.msdesk")
        window = start_window(str(db))
        window.showNormal()  # it may open maximised (ui/geometry.py); the pictures are taken at SIZE
        window.resize(*SIZE)
        _wait(window, 60)
        if window.store is None:
            raise SystemExit(f"示例台账没有打开：{window.last_error}")
        window.table.selectRow(0)
        window.actions_["open_project"].trigger()
        for name, tab in TABS:
            window.tabs.setCurrentIndex(tab)
            _settle(app, 30)
            saved.append(_save(window.grab().toImage(), name, out, full))
        window.tabs.setCurrentIndex(0)
        for name, action in DIALOGS:
            if action not in window.actions_:
                print(f"跳过 {name}：主窗口没有“{action}”")
                continue
            image = _grab_dialog(app, window, action)
            if image is None:
                print(f"跳过 {name}：对话框没有打开")
                continue
            saved.append(_save(image, name, out, full))
        manual = ManualWindow()
        manual.resize(900, 680)
        manual.show()
        _settle(app, 20)
        if full is not None:
            full.mkdir(parents=True, exist_ok=True)
            manual.grab().save(str(full / "manual.png"))
        manual.close()
        window.close_store()
        window.close()
        _settle(app)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return saved


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="为使用说明重新截取程序界面（1366×768）")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "manual" / "images")
    parser.add_argument("--full", type=Path, help="另存 1366×768 原尺寸截图的文件夹（如 docs/screens）")
    args = parser.parse_args(argv)
    for path in capture(args.out, args.full):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path, path.stat().st_size // 1024, "KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
