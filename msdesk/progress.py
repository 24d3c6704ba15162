"""Quarterly entry: cumulative actuals, narrative, funds and the sign-off block.

Validation lives here, so the GUI, the CLI and imports refuse the same input
with the same Chinese message. Nothing invalid is written.
"""

from __future__ import annotations

from typing import Any

from . import offices, submissions
from .errors import ValidationError
from .formatting import format_number
from .numbers import MAX_FIGURE as MAX_FIGURE  # re-exported: progress.MAX_FIGURE
from .numbers import parse_figure
from .periods import Period, ensure_period, parse_period, period_id
from .store import Store

REPORT_TEXT_FIELDS = {"progress_note": "进展情况", "problems": "存在问题", "next_steps": "下一步计划"}
FUNDS_FIELDS = {"funds_planned": "计划投资", "funds_received": "到位资金", "funds_spent": "已支出资金"}
REPORT_FIELDS = {**REPORT_TEXT_FIELDS, **FUNDS_FIELDS}
SIGNOFF_FIELDS = {"head": "负责人", "preparer": "填报人", "phone": "联系电话", "report_date": "填报日期"}
DEFAULT_MAX_RATIO = 3.0  # an actual above 3× the target is almost surely a typo (an extra 0 is 10×)


def parse_number(raw: object, label: str = "数值", unit: str | None = None) -> float | None:
    """A figure as a clerk types it (see msdesk.numbers.parse_figure). Empty means none."""
    return parse_figure(raw, label, unit)


def _office_id(store: Store, office_id: str | None) -> str:
    if office_id:
        return office_id
    me = offices.self_office(store)
    if not me:
        raise ValidationError("请先在“单位设置”中填写填报单位。")
    own: str = me["id"]
    return own


def progress_row(
    store: Store, indicator_id: str, period: Period | str, office_id: str | None = None
) -> dict[str, Any] | None:
    pid = period_id(store, period)
    if not pid:
        return None
    rows = store.rows(
        "progress",
        "indicator_id = ? AND period_id = ? AND office_id = ?",
        [indicator_id, pid, _office_id(store, office_id)],
    )
    return rows[0] if rows else None


def previous_actual(
    store: Store, indicator_id: str, period: Period | str, office_id: str | None = None
) -> float | None:
    """The latest cumulative actual reported for an earlier period of the same year."""
    period = parse_period(period) if isinstance(period, str) else period
    rows = store.query(
        "SELECT p.actual FROM progress p JOIN periods d ON d.id = p.period_id"
        " WHERE p.indicator_id = ? AND p.office_id = ? AND p.deleted = 0 AND p.actual IS NOT NULL"
        " AND d.year = ? AND d.kind = ? AND d.number < ? ORDER BY d.number DESC LIMIT 1",
        [indicator_id, _office_id(store, office_id), period.year, period.kind, period.number],
    )
    return rows[0]["actual"] if rows else None


def validate_actual(
    store: Store, indicator: dict[str, Any], period: Period | str, raw: object, office_id: str | None = None
) -> float | None:
    """Parse and check a cumulative actual; raises ValidationError with a Chinese message."""
    value = parse_number(raw, "累计完成", indicator.get("unit"))
    if value is None:
        return None
    if value < 0:
        raise ValidationError("累计完成不能为负数。")
    prev = previous_actual(store, indicator["id"], period, office_id)
    if prev is not None and value < prev:
        raise ValidationError(
            f"累计完成 {format_number(value)} 小于上期已报的 {format_number(prev)}。累计数只增不减，请核对。"
        )
    target = indicator.get("target")
    ratio = float(store.setting("validate.max_ratio") or DEFAULT_MAX_RATIO)
    if target and indicator.get("comparator") != "<=" and value > target * ratio:
        raise ValidationError(
            f"累计完成 {format_number(value)} 超过目标值 {format_number(target)} 的 {format_number(ratio)} 倍，"
            "可能多输了位数，请核对。"
        )
    return value


def set_actual(
    store: Store, indicator_id: str, period: Period | str, raw: object, office_id: str | None = None
) -> float | None:
    """Record a cumulative actual (validated). Returns the stored value."""
    indicator = store.get("indicators", indicator_id)
    if indicator is None:
        raise ValidationError("该指标已被删除。")
    value = validate_actual(store, indicator, period, raw, office_id)
    _upsert_progress(store, indicator_id, period, office_id, actual=value)
    return value


def set_qualitative(
    store: Store,
    indicator_id: str,
    period: Period | str,
    actual_text: str | None = None,
    done: bool | int | None = None,
    office_id: str | None = None,
) -> None:
    fields: dict[str, str | int | None] = {}
    if actual_text is not None:
        fields["actual_text"] = actual_text.strip() or None
    if done is not None:
        fields["done"] = 1 if done else 0
    _upsert_progress(store, indicator_id, period, office_id, **fields)


def _note_change(store: Store, period: Period | str, office_id: str | None) -> None:
    """An edit to this office's own figures of a submitted period flags it (changed after submission)."""
    me = offices.self_office(store)
    if me and office_id in (None, me["id"]):
        submissions.mark_changed(store, period)


def _upsert_progress(
    store: Store, indicator_id: str, period: Period | str, office_id: str | None, **fields: object
) -> str:
    oid = _office_id(store, office_id)
    pid = ensure_period(store, period)
    rows = store.rows(
        "progress",
        "indicator_id = ? AND period_id = ? AND office_id = ?",
        [indicator_id, pid, oid],
        include_deleted=True,
    )
    if rows:
        if store.update("progress", rows[0]["id"], deleted=0, **fields):
            _note_change(store, period, oid)
        found: str = rows[0]["id"]
        return found
    _note_change(store, period, oid)
    return store.insert("progress", indicator_id=indicator_id, period_id=pid, office_id=oid, **fields)


def report(store: Store, project_id: str, period: Period | str, office_id: str | None = None) -> dict[str, Any] | None:
    pid = period_id(store, period)
    if not pid:
        return None
    rows = store.rows(
        "project_reports",
        "project_id = ? AND period_id = ? AND office_id = ?",
        [project_id, pid, _office_id(store, office_id)],
    )
    return rows[0] if rows else None


def set_report_field(
    store: Store,
    project_id: str,
    period: Period | str,
    field: str,
    raw: str | float | None,
    office_id: str | None = None,
) -> str | float | None:
    """Set one narrative or funds field of a project's report for the period."""
    if field not in REPORT_FIELDS:
        raise ValueError(field)
    value: str | float | None
    if field in FUNDS_FIELDS:
        value = parse_number(raw, FUNDS_FIELDS[field], "万元")
        if value is not None and value < 0:
            raise ValidationError(f"{FUNDS_FIELDS[field]}不能为负数。")
    else:
        value = str(raw or "").strip() or None  # text fields are text (str() only for the type)
    oid = _office_id(store, office_id)
    pid = ensure_period(store, period)
    rows = store.rows(
        "project_reports",
        "project_id = ? AND period_id = ? AND office_id = ?",
        [project_id, pid, oid],
        include_deleted=True,
    )
    if rows:
        if store.update("project_reports", rows[0]["id"], deleted=0, **{field: value}):
            _note_change(store, period, oid)
    else:
        store.insert("project_reports", project_id=project_id, period_id=pid, office_id=oid, **{field: value})
        _note_change(store, period, oid)
    return value


def signoff(store: Store, period: Period | str, office_id: str | None = None) -> dict[str, Any]:
    """The sign-off block for a period, falling back to the office's defaults."""
    oid = _office_id(store, office_id)
    office = store.get("offices", oid) or {}
    block = {k: office.get(k) for k in ("head", "preparer", "phone")}
    block["report_date"] = None
    pid = period_id(store, period)
    if pid:
        rows = store.rows("signoffs", "period_id = ? AND office_id = ?", [pid, oid])
        if rows:
            block.update({k: v for k, v in rows[0].items() if k in SIGNOFF_FIELDS and v})
    return block


def set_signoff(store: Store, period: Period | str, office_id: str | None = None, **fields: object) -> None:
    unknown = set(fields) - set(SIGNOFF_FIELDS)
    if unknown:
        raise ValueError(unknown)
    oid = _office_id(store, office_id)
    pid = ensure_period(store, period)
    rows = store.rows("signoffs", "period_id = ? AND office_id = ?", [pid, oid], include_deleted=True)
    if rows:
        if store.update("signoffs", rows[0]["id"], deleted=0, **fields):
            _note_change(store, period, oid)
    else:
        store.insert("signoffs", period_id=pid, office_id=oid, **fields)
        _note_change(store, period, oid)


def restore_actual(
    store: Store, indicator_id: str, period: Period | str, actual: float | None, office_id: str | None = None
) -> None:
    """Put back a figure that was stored before (undo/redo). Not re-validated: it passed
    when it was entered, and a later period's figures must not block undoing it."""
    _upsert_progress(store, indicator_id, period, office_id, actual=actual)
