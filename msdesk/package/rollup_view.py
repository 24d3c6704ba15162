"""What the 汇总 screen (and its printed table) shows, on top of msdesk.package.rollup.

* 已报 n/m: how many subordinates have an accepted 报送包 for the period.
* 未报送 (nothing yet, before the due date), 未报送（已逾期） (nothing, past it) and
  逾期报送 (sent, but after the due date) are told apart.
* a status resting on partial data says so: 据 2/3 个单位 (the offices expected to
  report an indicator are those with a share in the 目标任务分解表, or all
  subordinates when it was not split).
* rate indicators (%, 元/人, ceilings: not summed) show the reported rates, their
  range and mean and each office's figure, instead of 未启动 for an empty sum.

Statuses themselves still come from rollup.consolidated / msdesk.status.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .. import status
from ..breakdown import NO_TASK
from ..periods import Period, parse_period
from ..plans import describe_target, format_number
from ..status import NONE as NO_LIGHT
from ..store import Store
from . import rollup

NOT_YET = "未报送"
OVERDUE_NONE = "未报送（已逾期）"
LABELS = {
    rollup.ON_TIME: rollup.ON_TIME,
    rollup.LATE: rollup.LATE,
    rollup.RETURNED: rollup.RETURNED,
    rollup.PENDING: NOT_YET,
    rollup.MISSED: OVERDUE_NONE,
}
PARTIAL = "据 {n}/{m} 个单位"
NOT_SUMMED = "不求和"


@dataclass
class OfficeLine:
    name: str
    label: str  # 按时报送 / 逾期报送 / 未报送 / 未报送（已逾期） / 已退回
    sent_at: str  # 2023-10-08, or ""
    version: str  # 首次报送 / 第2次报送, or ""
    note: str  # return reason, revoked signer…; shown in full on demand

    @property
    def reported(self) -> bool:
        return self.label in (rollup.ON_TIME, rollup.LATE)


@dataclass
class Rates:
    """Reported values of an indicator that is not summed (rates, percentages, ceilings)."""

    unit: str
    values: list[tuple[str, float]]  # (office, value) in office order

    @property
    def low(self) -> float:
        return min(v for _, v in self.values)

    @property
    def high(self) -> float:
        return max(v for _, v in self.values)

    @property
    def mean(self) -> float:
        return sum(v for _, v in self.values) / len(self.values)

    def _fmt(self, value: float) -> str:
        return f"{format_number(round(value, 2))}{self.unit}"

    @property
    def text(self) -> str:
        """85%–98%（平均 91.5%）, or one office's figure alone."""
        if len(self.values) == 1:
            return self._fmt(self.values[0][1])
        span = self._fmt(self.low) if self.low == self.high else f"{self._fmt(self.low)}–{self._fmt(self.high)}"
        return f"{span}（平均 {self._fmt(self.mean)}）"

    @property
    def per_office(self) -> str:
        return "；".join(f"{name} {self._fmt(v)}" for name, v in self.values)


@dataclass
class ViewRow:
    project_seq: str
    project_name: str
    indicator: str
    unit: str
    target: str
    total: str  # the sum, the rates' range and mean, or the reported texts
    status: str  # 序时推进（绿灯）, 滞后（红灯）…, or each office's statuses for a rate
    partial: str  # "" or 据 2/3 个单位
    reporting: int
    expected: int
    rates: Rates | None = None
    level: str = NO_LIGHT  # the light, for the palette (status.NONE: the field status hides the module)

    @property
    def status_line(self) -> str:
        return f"{self.status}（{self.partial}）" if self.partial else self.status


@dataclass
class View:
    period: Period
    due_date: str
    offices: list[OfficeLine]
    rows: list[ViewRow] = field(default_factory=list)

    @property
    def reported(self) -> int:
        return sum(o.reported for o in self.offices)

    @property
    def headline(self) -> str:
        """已报 2/5（按时 1，逾期 1；未报送 3，其中已逾期 3）"""
        count = Counter(o.label for o in self.offices)
        late_none = count[OVERDUE_NONE]
        parts = [f"按时 {count[rollup.ON_TIME]}", f"逾期 {count[rollup.LATE]}"]
        missing = count[NOT_YET] + late_none
        tail = f"；未报送 {missing}" + (f"，其中已逾期 {late_none}" if late_none else "") if missing else ""
        returned = f"；已退回 {count[rollup.RETURNED]}" if count[rollup.RETURNED] else ""
        return f"已报 {self.reported}/{len(self.offices)}（{'，'.join(parts)}{tail}{returned}）"


def office_lines(store: Store, period: Period | str, today: date | None = None) -> list[OfficeLine]:
    out = []
    for r in rollup.submission_status(store, period, today):
        sub = r["submission"] or {}
        sent = (sub.get("created_at_package") or sub.get("received_at") or "")[:10]
        version = f"第{sub['version']}次报送" if sub.get("version", 1) > 1 else ("首次报送" if sub else "")
        out.append(OfficeLine(r["office"]["name"], LABELS[r["label"]], sent, version, r["note"]))
    return out


def _expected_offices(store: Store, plan_id: str, subordinate_ids: list[str]) -> dict[str, set[str]]:
    """indicator id -> ids of subordinates expected to report it (those with a share)."""
    out: dict[str, set[str]] = {}
    for b in store.query(
        "SELECT b.indicator_id, b.office_id, b.target, b.target_text FROM target_breakdowns b"
        " JOIN indicators i ON i.id = b.indicator_id JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND b.deleted = 0",
        [plan_id],
    ):
        ids = out.setdefault(b["indicator_id"], set())
        if b["office_id"] in subordinate_ids and not (b["target"] is None and b["target_text"] == NO_TASK):
            ids.add(b["office_id"])
    return out


def view(store: Store, plan_id: str, period: Period | str, today: date | None = None) -> View:
    p = parse_period(period) if isinstance(period, str) else period
    lines = office_lines(store, p, today)
    subs = [r["office"]["id"] for r in rollup.submission_status(store, p, today)]
    expected_by = _expected_offices(store, plan_id, subs)
    result = View(p, rollup.due_date(store, p), lines)
    for row in rollup.consolidated(store, plan_id, p):
        ind = row.indicator
        if row.project.get("task_level") == "none":
            continue
        expected = expected_by.get(ind["id"], set(subs))
        with_figure = [
            f for f in row.offices if f.office["id"] in expected and (f.actual is not None or f.actual_text or f.done)
        ]
        partial = PARTIAL.format(n=len(with_figure), m=len(expected)) if len(with_figure) < len(expected) else ""
        result.rows.append(_row(row, with_figure, partial, len(expected)))
    return result


def _row(row: rollup.ConsolidatedRow, with_figure: list[rollup.OfficeFigure], partial: str, expected: int) -> ViewRow:
    ind, project = row.indicator, row.project
    name = project.get("name") or (project.get("content") or "")[:24]
    base = dict(
        project_seq=project["seq"],
        project_name=name,
        indicator=ind["name"],
        unit=ind.get("unit") or "",
        target=describe_target(ind),
        partial=partial,
        reporting=len(with_figure),
        expected=expected,
    )
    numeric = ind.get("kind") == "number" and ind.get("target") is not None
    if numeric and not row.additive:
        values = [(f.office["name"], f.actual) for f in with_figure if f.actual is not None]
        if not values:
            return ViewRow(**base, total=NOT_SUMMED, status="未报", level=status.NONE)
        rates = Rates(ind.get("unit") or "", values)
        tally = Counter(status.status_text(f.assessment) for f in with_figure if f.actual is not None)
        worst = status.worst_of([f.assessment for f in with_figure if f.actual is not None])
        return ViewRow(
            **base,
            total=rates.text,
            rates=rates,
            level=worst.level,
            status="各单位：" + "，".join(f"{k} {n}" for k, n in tally.items()),
        )
    if numeric:
        total = format_number(row.total) if row.total is not None else "—"
    else:
        total = (
            "；".join(f"{f.office['name']}：{f.actual_text or ('已完成' if f.done else '')}" for f in with_figure)
            or "—"
        )
    return ViewRow(**base, total=total, status=status.status_text(row.assessment), level=row.assessment.level)
