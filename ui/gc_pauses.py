"""Keeping Python's cycle collector out of a keystroke at city scale.

With 20,000 projects open the process holds some 200,000 container objects (project rows, the
plan frame, Qt wrappers). Every full collection walks all of them: 30 to 130 ms on the machines
measured, and the collector starts one whenever enough objects survived since the last one, which
is right after a list was read, that is during the clerk's next keystrokes or the next change of
报告期. What a read leaves behind lives until the next read and holds no reference cycles, so the
collector need not walk it: after each read it is moved out of the collector's sight (gc.freeze);
reference counting still frees it when the next read replaces it. Closing the file hands
everything back to the collector (gc.unfreeze), so a cycle that died meanwhile is collected then.
"""

from __future__ import annotations

import gc


def after_reading() -> None:
    """The rows of a whole read are shown: stop walking them (and what else lives now) on every
    collection. Collecting first would walk the new rows once more, for garbage that is rare."""
    gc.freeze()


def file_closed() -> None:
    gc.unfreeze()
