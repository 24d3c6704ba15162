"""Background work: run a core call on a worker thread, report back on the GUI thread.

Like Anki's CollectionOp/QueryOp: `run_op(parent, work, success=..., failure=...)`.
`work` runs on a worker thread and must never touch a widget; it only calls the
core. `success(result)` / `failure(exc)` run on the GUI thread; without a
`failure`, the error is shown to the clerk (the window's show_error, else a message
box), never lost. With a `label`, a modal busy dialog shows while the work runs
(after a short delay, so quick work does not flash a dialog), and keeps the user
from editing meanwhile. With `progress=fn`, `work` is called as work(report) and
report(done, total) reaches fn(done, total) on the GUI thread: no dialog needs a
thread class of its own. Op.wait() blocks until the work has ended.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from msdesk.errors import MsdeskError, clerk_message

_running: set[Op] = set()  # keeps ops (and their signal bridges) alive until they finish


ERROR_TITLE = "出错了"


class _Bridge(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], bridge: _Bridge, ended: threading.Event):
        super().__init__()
        self.setAutoDelete(True)
        self.work, self.bridge, self.ended = work, bridge, ended

    def run(self) -> None:  # worker thread: no widgets here
        try:
            result = self.work()
        except BaseException as exc:  # handed to the GUI thread, never lost
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.bridge.failed.emit(exc)
        else:
            self.bridge.done.emit(result)
        finally:
            self.ended.set()


class Op:
    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[..., Any],
        success=None,
        failure=None,
        label: str | None = None,
        delay_ms: int = 300,
        progress=None,
    ):
        self.parent, self.work = parent, work
        self._success, self._failure = success, failure
        self.label, self.delay_ms = label, delay_ms
        self.finished = False
        self.dialog: QProgressDialog | None = None
        self.bridge = _Bridge()
        self.bridge.done.connect(self._on_done, Qt.QueuedConnection)
        self.bridge.failed.connect(self._on_failed, Qt.QueuedConnection)
        self.ended = threading.Event()
        if progress is not None:
            self.bridge.progressed.connect(progress, Qt.QueuedConnection)
            self.work = lambda: work(self.bridge.progressed.emit)

    def start(self) -> Op:
        _running.add(self)
        if self.label:
            self.dialog = QProgressDialog(self.label, None, 0, 0, self.parent)  # 0..0 = busy indicator
            self.dialog.setWindowTitle(self.label)
            self.dialog.setWindowModality(Qt.WindowModal)
            self.dialog.setMinimumDuration(self.delay_ms)
            self.dialog.setAutoClose(False)
            self.dialog.setValue(0)
        QThreadPool.globalInstance().start(_Job(self.work, self.bridge, self.ended))
        return self

    def _close(self) -> None:
        self.finished = True
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        _running.discard(self)

    def _on_done(self, result) -> None:
        self._close()
        if self._success:
            self._success(result)

    def _on_failed(self, exc) -> None:
        self._close()
        if self._failure:
            self._failure(exc)
        else:
            show_failure(self.parent, exc)

    def running(self) -> bool:
        return not self.ended.is_set()

    def wait(self) -> None:
        """Block until the work has ended (its result may still be on its way to the GUI thread)."""
        self.ended.wait()


def show_failure(parent, exc: BaseException) -> None:
    """A failed op as the clerk sees it: the core's Chinese message, or what went wrong."""
    text = clerk_message(exc)
    if not isinstance(exc, MsdeskError):
        print(getattr(exc, "__traceback_text__", exc))
    if hasattr(parent, "show_error"):
        parent.show_error(text)
    else:
        QMessageBox.warning(parent, ERROR_TITLE, text)


def run_op(parent, work, success=None, failure=None, label=None, progress=None) -> Op:
    return Op(parent, work, success, failure, label, progress=progress).start()


def on_own_connection(store, fn: Callable[[Any], Any]) -> Callable[[], Any]:
    """Work that reads or writes the open file: fn(store) runs on a connection of its own,
    so the GUI thread never shares a transaction with it (see Store.own_connection)."""

    def work():
        with store.own_connection() as own:
            return fn(own)

    return work


def running() -> int:
    return len(_running)


def later(fn: Callable[[], None], ms: int = 0) -> None:
    QTimer.singleShot(ms, fn)
