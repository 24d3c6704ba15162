"""Open the main window, wait for the file, save a picture of it and quit (`msdesk screenshot`).

Used by scripts/build_bundle.sh to prove the frozen GUI starts on a machine without a display
(QT_QPA_PLATFORM=offscreen) and to measure how long the window takes to appear.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from msdesk.errors import MsdeskError

_IMPORTED = time.perf_counter()


@dataclass
class Shot:
    path: Path
    width: int
    height: int
    window_shown: float  # seconds from process start (or from this module's import, see clock)
    file_opened: float
    clock: str


def process_age() -> tuple[float, str]:
    """Seconds since the process started (Linux /proc), else since this module was imported."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK"), "自进程启动"
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _IMPORTED, "自界面模块载入"


def _wait(window, timeout: float) -> None:
    """Run the event loop until the file is on screen, an error is shown, or timeout."""
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: (window.store is not None or window.last_error) and loop.quit())
    poll.start(20)
    QTimer.singleShot(int(timeout * 1000), loop.quit)
    loop.exec()
    poll.stop()


def save_preview(window, out: Path) -> Path:
    """Export the open period's PDF table and save a picture of its print preview (ui.pdf_painter + QtPrintSupport)."""
    import tempfile

    from msdesk.export import export_tables

    from .export_dialog import preview_pdf

    app = QApplication.instance()
    with tempfile.TemporaryDirectory(prefix="msdesk-preview-") as tmp:
        [pdf] = export_tables(window.store, window.plan_id, window.period, tmp, formats=("pdf",))
        dialog = preview_pdf(window, pdf)
        try:
            for _ in range(20):  # the preview paints its pages on the first few passes
                app.processEvents()
            image = dialog.grab()
            if not image.save(str(out)):
                raise MsdeskError(f"无法保存截图“{out}”。")
        finally:
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
    return out.resolve()


def save_screenshot(out: Path, db: Path | None = None, timeout: float = 60.0, preview: Path | None = None) -> Shot:
    """Without db the demo file is created in the (temporary) data folder and opened."""
    from .app import make_app, start_window

    app = make_app()
    window = start_window(str(db) if db else None, demo=db is None)
    app.processEvents()  # first layout and paint
    shown, clock = process_age()
    _wait(window, timeout)
    opened, _ = process_age()
    try:
        if window.last_error:
            raise MsdeskError(f"主窗口未能打开文件：{window.last_error}")
        if window.store is None:
            raise MsdeskError(f"{timeout:g} 秒内没有打开文件。")
        for _ in range(5):
            app.processEvents()
        image = window.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out)):
            raise MsdeskError(f"无法保存截图“{out}”。")
        if preview is not None:
            save_preview(window, preview)
        return Shot(out.resolve(), image.width(), image.height(), shown, opened, clock)
    finally:
        window.close_store()
        window.close()
        window.deleteLater()
        app.processEvents()


if __name__ == "__main__":  # python -m ui.screenshot out.png [db]
    args = sys.argv[1:]
    print(save_screenshot(Path(args[0]), Path(args[1]) if len(args) > 1 else None))
