"""目标任务分解表: each numeric target of the plan allocated to the subordinate offices.

Read model for the grid (rows = numeric indicators of 本级任务 projects, columns
= subordinate offices) and the cell writes the GUI and the Excel import share.
Every write must run inside store.transaction(); one cell edit is one user action.
The task package (msdesk.package) sends each subordinate its share from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from . import offices, plans
from .errors import ValidationError
from .formatting import format_number
from .progress import parse_number
from .store import Store

NO_TASK = "—"  # the township has no share of this indicator (task package: 本单位无任务)
NO_TASK_WORDS = {"—", "——", "无", "无任务", "/", "／"}
RATIO_UNITS = {"%", "‰"}  # a rate is not split by adding up: no 合计 / 差额


@dataclass
class Cell:
    target: float | None
    target_text: str | None

    @property
    def text(self) -> str:
        if self.target is not None:
            return format_number(self.target)
        return self.target_text or ""


@dataclass
class Row:
    indicator_id: str
    project_id: str
    project_seq: str
    project_name: str
    name: str
    unit: str
    comparator: str | None
    target: float
    cells: dict[str, Cell] = field(default_factory=dict)  # office id -> Cell

    @property
    def summable(self) -> bool:
        return self.unit not in RATIO_UNITS

    @cached_property  # rows are read fresh after every edit, never changed in place
    def total(self) -> float | None:
        if not self.summable or not self.cells:
            return None
        return round(sum(c.target for c in self.cells.values() if c.target is not None), 6)

    @property
    def ceiling(self) -> bool:
        """≤ target (不超过): shares below it are fine, only going over is a mismatch."""
        return self.comparator == "<="

    @property
    def target_label(self) -> str:
        """The target as the grid shows it: “≤10” for a ceiling, “约0.5” for a range, else the figure."""
        sign = {"<=": "≤", "~": "约"}.get(self.comparator or "", "")
        return sign + format_number(self.target)

    @property
    def difference(self) -> float | None:
        """合计 − 目标: negative means some of the target is not yet given to anyone."""
        total = self.total
        return None if total is None else round(total - self.target, 6)

    @property
    def state(self) -> str:
        """The 差额 column as words, so a mismatch never depends on colour alone."""
        if not self.summable:
            return "比率不合计"
        if not self.cells:
            return "未分解"
        diff = self.difference
        if diff is None or diff == 0:
            return "一致"
        if diff < 0:
            return f"低于 {format_number(-diff)}" if self.ceiling else f"差 {format_number(-diff)}"
        return f"超 {format_number(diff)}"

    @property
    def balanced(self) -> bool:
        """False when shares were given but do not add up to the target (highlighted);
        a ceiling's shares only need to stay within it."""
        diff = self.difference
        if diff is None:  # a ratio, or no shares given
            return True
        return diff <= 0 if self.ceiling else diff == 0


@dataclass
class Grid:
    plan_id: str
    offices: list[dict[str, Any]]  # subordinate offices, in column order
    rows: list[Row]

    def row(self, indicator_id: str) -> Row | None:
        return next((r for r in self.rows if r.indicator_id == indicator_id), None)

    @property
    def unbalanced(self) -> list[Any]:
        return [r for r in self.rows if not r.balanced]

    def counts(self) -> dict[str, Any]:
        """rows / split (has shares) / ok (adds up) / bad (shares that do not add up), in one pass."""
        split = ok = bad = 0
        for r in self.rows:
            if not r.cells:
                continue
            split += 1
            if r.summable:
                if r.balanced:
                    ok += 1
                else:
                    bad += 1
        return dict(rows=len(self.rows), split=split, ok=ok, bad=bad)


def columns(store: Store) -> list[dict[str, Any]]:
    """Subordinate offices in their official order (区划代码), then by name."""
    return sorted(offices.subordinates(store), key=lambda o: (o.get("region_code") or "~", o["name"]))


def grid(store: Store, plan_id: str, project_ids: Iterable[str] | None = None) -> Grid:
    """The whole table, or only the rows of some projects (a re-read after one edit stays instant)."""
    subs = columns(store)
    ids = {o["id"] for o in subs}
    rows: list[Row] = []
    by_id: dict[str, Row] = {}
    only, params = "", [plan_id]
    if project_ids is not None:
        wanted = list(project_ids)
        only = f" AND p.id IN ({','.join('?' * len(wanted))})"
        params += wanted
    for ind in store.query(
        "SELECT i.id, i.name, i.unit, i.comparator, i.target, p.id AS project_id, p.seq, p.name AS pname,"
        " p.content FROM indicators i JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND p.task_level = 'local' AND i.kind = 'number' AND i.target IS NOT NULL"
        f" AND i.deleted = 0 AND p.deleted = 0{only} ORDER BY p.position, i.position",
        params,
    ):
        row = Row(
            ind["id"],
            ind["project_id"],
            ind["seq"],
            ind["pname"] or _short(ind["content"]),
            ind["name"],
            ind["unit"] or "",
            ind["comparator"],
            ind["target"],
        )
        rows.append(row)
        by_id[row.indicator_id] = row
    for b in store.query(
        "SELECT b.indicator_id, b.office_id, b.target, b.target_text FROM target_breakdowns b"
        " JOIN indicators i ON i.id = b.indicator_id JOIN projects p ON p.id = i.project_id"
        f" WHERE p.plan_id = ? AND b.deleted = 0{only}",
        params,
    ):
        shared = by_id.get(b["indicator_id"])
        if shared is not None and b["office_id"] in ids:
            shared.cells[b["office_id"]] = Cell(b["target"], b["target_text"])
    return Grid(plan_id, subs, rows)


def _short(content: str | None, limit: int = 24) -> str:
    text = (content or "").strip()
    return text if len(text) <= limit else text[:limit] + "…"


# -- writes --------------------------------------------------------------------------------


def cell(store: Store, indicator_id: str, office_id: str) -> Cell | None:
    """The cell as stored (None when empty), to remember before an edit for undo."""
    rows = store.rows("target_breakdowns", "indicator_id = ? AND office_id = ?", [indicator_id, office_id])
    return Cell(rows[0]["target"], rows[0]["target_text"]) if rows else None


def parse_cell(raw: object, label: str = "分解目标") -> Cell | None:
    """A share as typed: a number ≥ 0, “—”/“无” for no task, empty for none."""
    text = "" if raw is None else str(raw).strip()
    if text in NO_TASK_WORDS:
        return Cell(None, NO_TASK)
    value = parse_number(raw, label)
    if value is None:
        return None
    if value < 0:
        raise ValidationError(f"{label}不能为负数（填写的是“{text}”）。")
    return Cell(value, format_number(value))


def set_cell(store: Store, indicator_id: str, office_id: str, raw: str | float | None) -> Cell | None:
    """Write one share (validated); empty clears it (soft delete). Returns the new cell."""
    ind = store.get("indicators", indicator_id)
    if ind is None:
        raise ValidationError("该指标已被删除，请刷新后再填写。")
    office = store.get("offices", office_id)
    if office is None:
        raise ValidationError("该单位已被删除，请刷新后再填写。")
    new = parse_cell(raw, f"{office['name']}的分解目标")
    restore_cell(store, indicator_id, office_id, new)
    return new


def restore_cell(store: Store, indicator_id: str, office_id: str, value: Cell | None) -> None:
    """Put a cell back to a remembered state (undo / redo); None empties it."""
    if value is None:
        for row in store.rows("target_breakdowns", "indicator_id = ? AND office_id = ?", [indicator_id, office_id]):
            store.delete("target_breakdowns", row["id"])
        return
    plans.set_breakdown(store, indicator_id, office_id, target=value.target, target_text=value.target_text)


def even_shares(target: float, count: int) -> list[float]:
    """Split a target into count shares that add up exactly: whole numbers stay whole
    (the remainder goes to the first offices), otherwise two decimals."""
    if count <= 0:
        return []
    if float(target).is_integer():
        base, extra = divmod(int(target), count)
        return [float(base + (1 if k < extra else 0)) for k in range(count)]
    cents = round(target * 100)
    base, extra = divmod(cents, count)
    return [(base + (1 if k < extra else 0)) / 100 for k in range(count)]


def split_evenly(store: Store, indicator_id: str) -> dict[str, Cell | None]:
    """平均分解: every subordinate gets an equal share. Returns the old cells (for undo)."""
    ind = store.get("indicators", indicator_id)
    if ind is None or ind["kind"] != "number" or ind["target"] is None:
        raise ValidationError("只有数值指标才能平均分解。")
    if (ind["unit"] or "") in RATIO_UNITS:
        raise ValidationError("比率指标（%）不能平均分解，请逐个填写各单位的目标。")
    subs = columns(store)
    if not subs:
        raise ValidationError("还没有下级单位，请先在“设置→下级单位…”中添加。")
    old = {o["id"]: cell(store, indicator_id, o["id"]) for o in subs}
    for office, share in zip(subs, even_shares(ind["target"], len(subs))):
        plans.set_breakdown(store, indicator_id, office["id"], target=share, target_text=format_number(share))
    return old


# -- a township's own target ------------------------------------------------------------------

NOT_SPLIT = "未分解"  # the upper office did not break this target down to the townships


def office_target(store: Store, indicator_id: str, office_id: str | None = None) -> Cell | None:
    """An office's share of an indicator's target, None when the target was not split.

    office_id defaults to the office keeping the file (a township reading its 任务包). On the
    township's side an indicator split among other townships only arrives as “—” (无任务)."""
    if office_id is None:
        me = offices.self_office(store)
        office_id = me["id"] if me else None
    found = cell(store, indicator_id, office_id) if office_id else None
    if found is not None:
        return found
    ind = store.get("indicators", indicator_id)
    if ind is not None and ind.get("target") is None and (ind.get("target_text") or "").strip() == NO_TASK:
        return Cell(None, NO_TASK)
    return None


def from_task_package(store: Store) -> bool:
    """Whether this file's plan came down in a 任务包 (a township's file, not the district's)."""
    return bool(store.query("SELECT 1 FROM submissions WHERE kind = 'tasks' AND deleted = 0 LIMIT 1"))


def shown_target(store: Store, indicator: dict[str, Any]) -> str:
    """The target a screen or table shows for this office: in a file filled from a 任务包, the
    township's share, or 未分解 when the district did not split it (never the district's whole
    figure); elsewhere the indicator's own target (plans.describe_target)."""
    if indicator.get("kind") == "qualitative" or not from_task_package(store):
        return plans.describe_target(indicator)
    share = office_target(store, indicator["id"])
    if share is None:
        return NOT_SPLIT
    if share.target is None:
        return share.text or NO_TASK
    return plans.describe_target({**indicator, "target": share.target})
