"""Pausing Python's cycle collector around work that makes many objects and no reference cycles.

Reading a period's rows (20,000 projects) or writing a 5,000-project PDF makes millions of
short-lived objects; the collector walking them again and again was a tenth of a change of 报告期
and a sixth of the PDF. It is process-wide: another thread's collection waits meanwhile.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
