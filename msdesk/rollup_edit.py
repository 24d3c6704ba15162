"""写入本级累计完成 as one named edit: the subordinates' sums written over this office's own
figures (rollup.apply_sums: backup first, one transaction) and put back in one 撤销 step
(rollup.undo_apply). It goes on the open file's history like any clerk edit, so Ctrl+Z in
the main window undoes the whole roll-up."""

from __future__ import annotations

from .edits import Edit
from .package import rollup
from .store import Store


class ApplySums(Edit):
    """allow_decrease: the clerk saw preview_apply().question() and agreed to the totals that
    fall below last period's."""

    def __init__(self, store: Store, plan_id: str, period: str, allow_decrease: bool = False):
        super().__init__(store, "写入本级累计完成")
        self.plan_id, self.period, self.sums_period = plan_id, period, period
        self.allow_decrease = allow_decrease
        self.applied: rollup.AppliedSums | None = None

    def changed(self) -> bool:
        return bool(self.applied and self.applied.count)

    # apply_sums and undo_apply open their own transaction (and take the backup outside it)
    def apply(self) -> None:
        self.applied = rollup.apply_sums(self.store, self.plan_id, self.sums_period, self.allow_decrease)

    def redo(self) -> None:
        self.applied = rollup.apply_sums(self.store, self.plan_id, self.sums_period, allow_decrease=True)

    def undo(self) -> None:
        if self.applied is not None:
            rollup.undo_apply(self.store, self.applied)
