"""Work around a reference-count bug in the PySide6 6.12.0 wheels on CPython 3.11.

Each call of a C++ method that returns void (QLabel.setText, QTableWidgetItem.setData, ...)
drops one reference to None too many (the abi3 wheel seems built on the assumption, true
from Python 3.12, that None is immortal). After a few thousand such calls None's count
reaches zero and Python aborts with "none_dealloc: deallocating None". We detect the bug
at import and, only if present, give None a large permanent cushion of references, which
is what an immortal None has anyway. Remove this once PySide6 is fixed or Python >= 3.12.
"""

from __future__ import annotations

import ctypes
import sys

CUSHION = 1 << 40  # far more void calls than any session makes


def none_leaks_per_call() -> int:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return (before - sys.getrefcount(None)) // 100


def apply() -> bool:
    """Returns True when the workaround was needed and applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False  # None is immortal there; nothing can go wrong
    if none_leaks_per_call() <= 0:
        return False
    refcnt = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field of every object
    refcnt.value += CUSHION
    return True


APPLIED = apply()
