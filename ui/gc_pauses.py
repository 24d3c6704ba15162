"""Keeping Python's cycle collector out of a keystroke at city scale.

With 20,000 projects open the process holds some 200,000 container objects (project rows, the
plan frame, Qt wrappers). Every full collection walks all of them: 30 to 130 ms on the machines
measured, and the collector starts one whenever enough objects survived since the last one, which
is right after a list was read, that is during the clerk's next keystrokes or the next change of
报告期. What a read leaves behind lives until the next read and holds no reference cycles, so the
collector need not walk it: after each read it is moved out of the collector's sight (gc.freeze);
reference counting still frees it when the next read replaces it. Closing the file hands
everything back to the collector (gc.unfreeze), so a cycle that died meanwhile is collected then.
A cycle that dies while the file stays open (a closed dialog's wrappers) would be frozen with the
rest at the next read; so that a long day of reads cannot pile them up, once the frozen objects
outgrow what the first read of the file left by half, they are collected once and frozen again.
"""

from __future__ import annotations

import gc

GROWTH = 1.5  # frozen objects beyond this many times the first read's: collect once
_baseline: int | None = None


def after_reading() -> None:
    """The rows of a whole read are shown: stop walking them (and what else lives now) on every
    collection. Collecting first would walk the new rows once more, for garbage that is rare."""
    global _baseline
    gc.freeze()
    frozen = gc.get_freeze_count()
    if _baseline is None:
        _baseline = frozen
    elif frozen > GROWTH * _baseline:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _baseline = gc.get_freeze_count()


def file_closed() -> None:
    global _baseline
    _baseline = None
    gc.unfreeze()
