"""Background work keeps the window alive; bundled fonts are the application font."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from msdesk.errors import StoreError
from ui import fonts
from ui.ops import run_op


def test_work_runs_off_the_gui_thread_with_a_busy_dialog(qtbot, qapp):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    gui_thread = threading.current_thread()
    seen = {}
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)

    def work():
        seen["thread"] = threading.current_thread()
        time.sleep(0.8)
        return 42

    op = run_op(parent, work, success=lambda r: seen.setdefault("result", r), label="正在打开台账…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=3000)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    timer.stop()
    assert seen["result"] == 42 and seen["thread"] is not gui_thread
    assert len(ticks) >= 10  # the event loop kept running meanwhile
    assert op.finished and op.dialog is None


def test_failure_reaches_the_gui_thread_with_its_message(qtbot, qapp):
    got = []

    def work():
        raise StoreError("文件已损坏")

    run_op(None, work, failure=lambda exc: got.append((threading.current_thread(), exc.message)))
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    assert got == [(threading.main_thread(), "文件已损坏")]


def test_bundled_chinese_fonts_become_the_application_font(qapp):
    families = fonts.register_fonts()
    assert {"WenQuanYi Micro Hei", "AR PL SungtiL GB"} <= set(families)
    font = fonts.apply_app_font(QApplication.instance())
    assert font.family() == "WenQuanYi Micro Hei"
    assert QApplication.font().family() == "WenQuanYi Micro Hei"
    assert QFontDatabase.writingSystems("WenQuanYi Micro Hei").count(QFontDatabase.SimplifiedChinese) == 1


@pytest.fixture(autouse=True)
def _no_leftover_ops():
    yield
    from ui import ops

    assert ops.running() == 0


def test_progress_reaches_the_gui_thread_and_a_failure_is_shown_by_default(qtbot, qapp):
    class Parent(QWidget):
        errors: list = []

        def show_error(self, text):
            self.errors.append(text)

    parent = Parent()
    qtbot.addWidget(parent)
    gui_thread = threading.current_thread()
    steps = []

    def work(report):
        for n in range(3):
            report(n + 1, 3)
        return "ok"

    op = run_op(
        parent,
        work,
        success=lambda r: steps.append(r),
        progress=lambda done, total: steps.append((done, total, threading.current_thread() is gui_thread)),
    )
    qtbot.waitUntil(lambda: "ok" in steps, timeout=5000)
    op.wait()
    assert steps == [(1, 3, True), (2, 3, True), (3, 3, True), "ok"] and not op.running()

    def broken():
        raise StoreError("台账文件已损坏。")

    run_op(parent, broken)  # no failure handler: the clerk still sees why
    qtbot.waitUntil(lambda: parent.errors == ["台账文件已损坏。"], timeout=5000)
