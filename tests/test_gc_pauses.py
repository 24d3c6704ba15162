"""ui/gc_pauses: rows frozen after a read, and garbage cycles frozen with them do not pile up."""

from __future__ import annotations

import gc
import weakref

from ui import gc_pauses


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_cycles_that_die_while_a_file_stays_open_are_collected_before_they_pile_up():
    gc_pauses.file_closed()
    rows = [[n] for n in range(20_000)]  # what a read leaves alive
    try:
        gc_pauses.after_reading()
        first = gc.get_freeze_count()
        dead = Node()
        watch = weakref.ref(dead)
        del dead  # dies now, but a freeze before any collection keeps it
        for _read in range(40):
            garbage = [Node() for _ in range(3_000)]
            del garbage
            gc_pauses.after_reading()
            assert gc.get_freeze_count() <= gc_pauses.GROWTH * first + 3_000 * 2
        assert watch() is None  # collected while the file stayed open
        assert gc.get_freeze_count() > len(rows)  # the live rows stay frozen
    finally:
        gc_pauses.file_closed()
    assert gc.get_freeze_count() == 0
