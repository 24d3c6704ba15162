"""汇总 at the upper office: who submitted (on time, late, not yet) and the
consolidated figures per project and indicator.

Completion and status always come from msdesk.status: the sum over
subordinates is assessed against this office's own target, each subordinate's
figure against its share in the 目标任务分解表.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .. import offices, status, trust
from ..errors import ValidationError
from ..periods import Period, ensure_period, parse_period
from ..store import Store, now
from ..submissions import mark_changed

ON_TIME, LATE, RETURNED, PENDING, MISSED = "按时报送", "逾期报送", "已退回", "未报送", "未按时报送"
SIGNER_REVOKED = "签名证书已于 {at} 撤销（此包在撤销前接收）：请核实，必要时退回"
NON_ADDITIVE_UNITS = {"%", "％", "‰", "元/人", "元", "万元/人"}


@dataclass
class OfficeFigure:
    office: dict[str, Any]
    target: float | None
    actual: float | None
    actual_text: str | None
    done: bool
    assessment: status.Assessment


@dataclass
class ConsolidatedRow:
    project: dict[str, Any]
    indicator: dict[str, Any]
    additive: bool  # counts add up (人, 户, 个); rates and percentages do not
    total: float | None  # sum over submitting subordinates (None when not additive)
    own_target: float | None  # this office's own target
    assessment: status.Assessment
    offices: list[OfficeFigure] = field(default_factory=list)


def _period(period: Period | str) -> Period:
    return parse_period(period) if isinstance(period, str) else period


def check_plan_period(store: Store, plan_id: str, period: Period | str) -> Period:
    """The period, refused (before anything is written) when it lies outside the plan's year."""
    p = _period(period)
    plan = store.get("plans", plan_id)
    if plan is not None and p.year != plan["year"]:
        raise ValidationError(
            f"报告期“{p.label}”不在{plan['year']}年计划的年度内，请选择{plan['year']}年的报告期。未做任何修改。",
            field="period",
        )
    return p


def due_date_range(period: Period | str) -> tuple[date, date]:
    """The due dates that make sense for a period: from its last month to a year after its end (or
    after today, for a period set late); outside them is a typing slip such as 2032 for 2023."""
    p = _period(period)
    return p.end_date.replace(day=1), max(p.end_date, date.today()) + timedelta(days=366)


def set_due_date(store: Store, period: Period | str, due: str | date) -> None:
    """报送截止日期 of a period (default: 10 days after it ends, setting due_days)."""
    text = due.isoformat() if isinstance(due, date) else str(due).strip()
    try:
        when = date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError(f"截止日期“{due}”格式不对，请写作 2023-10-10。", field="due_date") from exc
    p = _period(period)
    first, last = due_date_range(p)
    if not first <= when <= last:
        raise ValidationError(
            f"截止日期 {text} 不合理：{p.label}的报送截止日期应在 {first.isoformat()} 至 {last.isoformat()} 之间"
            "（不早于该期最后一个月，不晚于期末或今天之后一年）。请检查是否输错。",
            field="due_date",
        )
    with store.transaction():
        pid = ensure_period(store, p)
        store.update("periods", pid, due_date=text)
        for row in store.rows("submissions", "period_id = ? AND created_at_package IS NOT NULL", [pid]):
            store.update("submissions", row["id"], on_time=int(row["created_at_package"][:10] <= text))


def due_date(store: Store, period: Period | str) -> str:
    p = _period(period)
    rows = store.rows("periods", "code = ?", [p.code])
    if rows and rows[0]["due_date"]:
        due: str = rows[0]["due_date"]
        return due
    return p.due_date(int(store.setting("due_days") or "10")).isoformat()


def submission_status(store: Store, period: Period | str, today: date | None = None) -> list[dict[str, Any]]:
    """One row per subordinate: its latest 报送 for the period and a status label."""
    p = _period(period)
    due = due_date(store, p)
    past_due = (today or date.today()).isoformat() > due
    out: list[dict[str, Any]] = []
    for office in offices.subordinates(store):
        subs = store.rows(
            "submissions",
            "kind = 'submission' AND office_id = ? AND period_code = ?",
            [office["id"], p.code],
            order_by="version DESC",
        )
        latest = next((s for s in subs if s["status"] != "superseded"), None)
        if latest is None:
            label = MISSED if past_due else PENDING
        elif latest["status"] == "returned":
            label = RETURNED
        else:
            made = (latest["created_at_package"] or latest["received_at"])[:10]
            label = ON_TIME if made <= due else LATE
        out.append(
            dict(
                office=office,
                submission=latest,
                history=subs,
                label=label,
                due_date=due,
                note=_note(store, latest),
                source=_source(store, office, latest, p),
            )
        )
    return out


def _source(store: Store, office: dict[str, Any], submission: dict[str, Any] | None, p: Period) -> str:
    """签名报送包 / Excel 进展表（未签名） / 本单位录入 / '' (see msdesk.progress_table.sources)."""
    from ..progress_table import sources

    if submission and submission["status"] != "returned":
        return sources.source_label(submission)
    return sources.OWN if sources.typed_figures(store, office["id"], p.code) else ""


def _note(store: Store, submission: dict[str, Any] | None) -> str:
    """Why a row needs a look: the return reason, or a signer revoked after the package came in
    (revoking refuses new packages; one already accepted stays until the clerk returns it)."""
    if submission is None:
        return ""
    if submission["status"] == "returned":
        return submission["return_reason"] or ""
    if submission.get("source") == "table":
        return "Excel 进展表，未签名"
    signer = trust.find(store, submission["signer_fingerprint"] or "")
    if signer and signer["revoked_at"]:
        return SIGNER_REVOKED.format(at=signer["revoked_at"][:16].replace("T", " "))
    return ""


def completeness(store: Store, period: Period | str, today: date | None = None) -> list[dict[str, Any]]:
    """Subordinates with no accepted 报送包 for the period."""
    return [r for r in submission_status(store, period, today) if r["label"] in (PENDING, MISSED, RETURNED)]


def reporting_offices(store: Store, period: Period | str) -> list[dict[str, Any]]:
    return [r["office"] for r in submission_status(store, period) if r["label"] in (ON_TIME, LATE)]


def is_additive(indicator: dict[str, Any]) -> bool:
    return (
        indicator.get("kind") == "number"
        and indicator.get("comparator") in (">=", "=", "~", None)
        and (indicator.get("unit") or "") not in NON_ADDITIVE_UNITS
    )


def consolidated(store: Store, plan_id: str, period: Period | str) -> list[ConsolidatedRow]:
    p = _period(period)
    th = status.Thresholds.from_store(store)
    subs = reporting_offices(store, p)
    ids = [o["id"] for o in subs]
    progress = _progress(store, plan_id, p, ids)
    shares = _breakdowns(store, plan_id)
    out = []
    for row in store.query(
        "SELECT i.*, p.due_date AS _project_due, p.ongoing AS _ongoing FROM indicators i"
        " JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND i.deleted = 0 AND p.deleted = 0 ORDER BY p.position, i.position",
        [plan_id],
    ):
        ind = {k: v for k, v in row.items() if k not in ("_project_due", "_ongoing")}
        ongoing = bool(row["_ongoing"])  # 常态化开展: shown, not scored
        expected = status.expected_share(p, status.indicator_due_date(ind, {"due_date": row["_project_due"]}))
        figures = []
        for office in subs:
            prog = progress.get((ind["id"], office["id"]))
            share = shares.get((ind["id"], office["id"]), ind["target"] if ind["id"] not in shares["split"] else None)
            assessed = status.assess_indicator({**ind, "target": share, "baseline": None}, prog, expected, th, ongoing)
            figures.append(
                OfficeFigure(
                    office,
                    share,
                    (prog or {}).get("actual"),
                    (prog or {}).get("actual_text"),
                    bool((prog or {}).get("done")),
                    assessed,
                )
            )
        additive = is_additive(ind)
        reported = [f.actual for f in figures if f.actual is not None]
        total = sum(reported) if additive and reported else None
        done_all = bool(figures) and all(f.done for f in figures)
        texts = "；".join(f.actual_text for f in figures if f.actual_text)
        figures_all = {"actual": total, "done": done_all, "actual_text": texts}
        assessed = status.assess_indicator(ind, figures_all, expected, th, ongoing)
        # the project is joined in the query above, so present
        out.append(
            ConsolidatedRow(
                store.get("projects", ind["project_id"]) or {},
                ind,
                additive,
                total,
                ind.get("target"),
                assessed,
                figures,
            )
        )
    return out


def _progress(store: Store, plan_id: str, p: Period, office_ids: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    if not office_ids:
        return {}
    marks = ",".join("?" * len(office_ids))
    rows = store.query(
        f"SELECT g.* FROM progress g JOIN periods d ON d.id = g.period_id JOIN indicators i ON i.id = g.indicator_id"
        f" JOIN projects p ON p.id = i.project_id WHERE p.plan_id = ? AND d.code = ? AND g.deleted = 0"
        f" AND g.office_id IN ({marks})",
        [plan_id, p.code, *office_ids],
    )
    return {(r["indicator_id"], r["office_id"]): r for r in rows}


def _breakdowns(store: Store, plan_id: str) -> dict[str | tuple[str, str], Any]:
    # "split" -> ids of the indicators broken down; (indicator id, office id) -> that office's share
    out: dict[str | tuple[str, str], Any] = {"split": set()}
    for b in store.query(
        "SELECT b.* FROM target_breakdowns b JOIN indicators i ON i.id = b.indicator_id"
        " JOIN projects p ON p.id = i.project_id WHERE p.plan_id = ? AND b.deleted = 0",
        [plan_id],
    ):
        out[(b["indicator_id"], b["office_id"])] = b["target"]
        out["split"].add(b["indicator_id"])
    return out


def unapplied(store: Store, plan_id: str, period: Period | str) -> int:
    """How many subordinate sums differ from this office's own 累计完成 for the period: the district
    should write them (apply_consolidated) before signing its own 报送包, or it reports stale figures."""
    p = _period(period)
    me = offices.self_office(store)
    if me is None:
        return 0
    own = {
        r["indicator_id"]: r["actual"]
        for r in store.query(
            "SELECT g.indicator_id, g.actual FROM progress g JOIN periods d ON d.id = g.period_id"
            " WHERE d.code = ? AND g.office_id = ? AND g.deleted = 0",
            [p.code, me["id"]],
        )
    }
    return sum(
        1 for r in consolidated(store, plan_id, p) if r.total is not None and own.get(r.indicator["id"]) != r.total
    )


@dataclass
class SumChange:
    project: dict[str, Any]
    indicator: dict[str, Any]
    old: float | None  # this office's own 累计完成 for the period now
    new: float  # the subordinates' sum that would replace it
    previous: float | None  # this office's own figure of the last period (the sum may not fall below it)

    @property
    def label(self) -> str:
        from ..numbers import format_number

        return (
            f"第{self.project['seq']}项 {self.indicator['name']}：{format_number(self.old) or '（空）'}"
            f" → {format_number(self.new)}"
        )


@dataclass
class ApplyPreview:
    """What 写入本级累计完成 would do; the GUI shows question() before calling apply_sums."""

    period: Period
    reported: int  # subordinates whose 报送包 is accepted for the period
    expected: int  # all subordinates
    changes: list[SumChange]
    decreases: list[SumChange]  # sums below this office's figure of the last period

    @property
    def reported_label(self) -> str:
        return f"已报 {self.reported}/{self.expected}"

    def question(self) -> str:
        from ..numbers import format_number

        lines = [
            f"{self.period.label}下级单位{self.reported_label}。把下级合计写入本单位累计完成，"
            f"将修改 {len(self.changes)} 项（写入前自动备份，可撤销）："
        ]
        lines += [f"  {c.label}" for c in self.changes[:12]]
        if len(self.changes) > 12:
            lines.append(f"  …… 另有 {len(self.changes) - 12} 项")
        if self.reported < self.expected:
            lines.append(f"注意：还有 {self.expected - self.reported} 个单位未报送，合计只含已报单位的数字。")
        if self.decreases:
            lines.append("以下合计小于本单位上期已报的累计数（累计数只增不减，手工填报会被拒绝）：")
            lines += [f"  {c.label}（上期 {format_number(c.previous)}）" for c in self.decreases]
        lines.append("确定写入吗？")
        return "\n".join(lines)


@dataclass
class AppliedSums:
    """What apply_sums wrote, enough for undo_apply to put every figure back in one step."""

    period: Period
    count: int
    backup: object  # Path of the backup taken first
    before: list[dict[str, Any]]  # {"id", "existed", "actual", "deleted"} per progress row touched
    setting_before: str | None = None


def preview_apply(store: Store, plan_id: str, period: Period | str) -> ApplyPreview:
    from ..progress import previous_actual

    p = _period(period)
    me = offices.self_office(store)
    status_rows = submission_status(store, p)
    own = (
        {
            r["indicator_id"]: r["actual"]
            for r in store.query(
                "SELECT g.indicator_id, g.actual FROM progress g JOIN periods d ON d.id = g.period_id"
                " WHERE d.code = ? AND g.office_id = ? AND g.deleted = 0",
                [p.code, me["id"]],
            )
        }
        if me
        else {}
    )
    changes, decreases = [], []
    for r in consolidated(store, plan_id, p):
        if r.total is None or own.get(r.indicator["id"]) == r.total:
            continue
        prev = previous_actual(store, r.indicator["id"], p, me["id"]) if me else None
        change = SumChange(r.project, r.indicator, own.get(r.indicator["id"]), r.total, prev)
        changes.append(change)
        if prev is not None and r.total < prev:
            decreases.append(change)
    return ApplyPreview(
        p, sum(1 for r in status_rows if r["label"] in (ON_TIME, LATE)), len(status_rows), changes, decreases
    )


def apply_sums(store: Store, plan_id: str, period: Period | str, allow_decrease: bool = False) -> AppliedSums:
    """Write the sums as this office's own 累计完成 (to report upward), after a backup, in one
    transaction. Sums below last period's figure are refused (ValidationError listing them)
    unless allow_decrease — the clerk confirmed them after preview_apply().question()."""
    from ..backup import backup_file

    p = check_plan_period(store, plan_id, period)
    me = offices.self_office(store)
    if me is None:
        raise ValidationError("请先在“单位设置”中填写填报单位。")
    preview = preview_apply(store, plan_id, p)
    if preview.decreases and not allow_decrease:
        from ..numbers import format_number

        raise ValidationError(
            "以下下级合计小于本单位上期已报的累计数，未写入："
            + "；".join(f"{c.label}（上期 {format_number(c.previous)}）" for c in preview.decreases)
        )
    backup = backup_file(
        store.path, reason="汇总写入前", conn=store.conn, keep=int(store.setting("backup.keep") or "10")
    )
    before, key = [], f"rollup.applied.{p.code}"
    setting_before = store.setting(key)
    with store.transaction():
        pid = ensure_period(store, p)
        for c in preview.changes:
            cur = store.rows(
                "progress",
                "indicator_id = ? AND period_id = ? AND office_id = ?",
                [c.indicator["id"], pid, me["id"]],
                include_deleted=True,
            )
            if cur:
                before.append(
                    {"id": cur[0]["id"], "existed": True, "actual": cur[0]["actual"], "deleted": cur[0]["deleted"]}
                )
                store.update("progress", cur[0]["id"], actual=c.new, deleted=0)
            else:
                rid = store.insert(
                    "progress", indicator_id=c.indicator["id"], period_id=pid, office_id=me["id"], actual=c.new
                )
                before.append({"id": rid, "existed": False, "actual": None, "deleted": 0})
        if preview.changes:
            mark_changed(store, p)
            store.set_setting(key, now())
    return AppliedSums(p, len(preview.changes), backup, before, setting_before)


def undo_apply(store: Store, applied: AppliedSums) -> None:
    """Put back every figure apply_sums changed, as one transaction (one 撤销 step)."""
    with store.transaction():
        for row in applied.before:
            if row["existed"]:
                store.update("progress", row["id"], actual=row["actual"], deleted=row["deleted"])
            else:
                store.delete("progress", row["id"])
        store.set_setting(f"rollup.applied.{applied.period.code}", applied.setting_before)


def apply_consolidated(store: Store, plan_id: str, period: Period | str) -> int:
    """Older entry point (the current 汇总 dialog): apply_sums without the decrease check.
    Returns how many sums were written. New callers: preview_apply, then apply_sums."""
    return apply_sums(store, plan_id, period, allow_decrease=True).count
