"""This office's submitted periods (已报送).

Once a period's 报送包 is exported the period is submitted; an edit after that
is flagged as changed after submission (the GUI asks for confirmation first,
using is_submitted), and the next package for the period is a numbered
resubmission (第2次报送, 第3次报送, …).
"""

from __future__ import annotations

from typing import Any

from .periods import Period, ensure_period, parse_period
from .store import Store, now


def _code(period: Period | str) -> str:
    return period.code if isinstance(period, Period) else parse_period(period).code


def state(store: Store, period: Period | str) -> dict[str, Any] | None:
    rows = store.rows("submitted_periods", "period_code = ?", [_code(period)])
    return rows[0] if rows else None


def is_submitted(store: Store, period: Period | str) -> bool:
    return state(store, period) is not None


def is_changed(store: Store, period: Period | str) -> bool:
    row = state(store, period)
    return bool(row and row["changed_after_submission"])


def next_version(store: Store, period: Period | str) -> int:
    row = state(store, period)
    return row["version"] + 1 if row else 1


def version_label(version: int) -> str:
    return "首次报送" if version <= 1 else f"第{version}次报送"


def mark_submitted(store: Store, period: Period | str, version: int, package_sha256: str | None = None) -> None:
    """Record an exported 报送包 (call inside store.transaction())."""
    code = _code(period)
    row = store.rows("submitted_periods", "period_code = ?", [code], include_deleted=True)
    values = dict(
        submitted_at=now(),
        version=version,
        changed_after_submission=0,
        changed_at=None,
        package_sha256=package_sha256,
        deleted=0,
    )
    if row:
        store.update("submitted_periods", row[0]["id"], **values)
    else:
        store.insert("submitted_periods", period_id=ensure_period(store, code), period_code=code, **values)


def mark_changed(store: Store, period: Period | str) -> bool:
    """Flag a submitted period as changed after submission. True when it is submitted."""
    row = state(store, period)
    if row is None:
        return False
    if not row["changed_after_submission"]:
        store.update("submitted_periods", row["id"], changed_after_submission=1, changed_at=now())
    return True


def submitted_periods(store: Store) -> list[dict[str, Any]]:
    return store.rows("submitted_periods", order_by="period_code")


def status_text(store: Store, period: Period | str) -> str:
    """One line for a status bar: 未报送 / 已报送（首次报送，2026-11-23） / 报送后已修改（下次为第2次报送）."""
    row = state(store, period)
    if row is None:
        return "未报送"
    if row["changed_after_submission"]:
        return f"报送后已修改（下次为{version_label(row['version'] + 1)}）"
    return f"已报送（{version_label(row['version'])}，{row['submitted_at'][:10]}）"


def edit_warning(store: Store, period: Period | str) -> str | None:
    """The question to ask before the first edit of a submitted period, or None when no need."""
    row = state(store, period)
    if row is None or row["changed_after_submission"]:
        return None
    label = parse_period(_code(period)).label
    return (
        f"{label}的数据已于 {row['submitted_at'][:16].replace('T', ' ')} 报送上级（{version_label(row['version'])}）。"
        f"修改后需要重新报送（将作为{version_label(row['version'] + 1)}）。确定要修改吗？"
    )


# -- 需重新报送 ------------------------------------------------------------------------------

NEEDS_RESUBMISSION = "需重新报送"
_PERIOD_TABLES = ("progress", "project_reports", "signoffs")


def _submission_seq(store: Store, row: dict[str, Any]) -> int:
    """The audit sequence number of the period's last submission (0 when the log has none)."""
    found = store.query(
        "SELECT MAX(seq) AS seq FROM audit_log WHERE table_name = 'submitted_periods'"
        " AND row_id = ? AND (action IN ('insert', 'restore')"
        " OR field IN ('submitted_at', 'version'))",
        [row["id"]],
    )
    return found[0]["seq"] or 0


def edits_since_submission(store: Store, period: Period | str) -> list[dict[str, Any]]:
    """Audit rows (oldest first) that changed this office's figures, 进展情况 or sign-off of a
    submitted period after its last 报送包 was made; [] when not submitted or nothing changed.

    Read from the audit log, so it also sees undo/redo and deletions, which write no flag."""
    from . import offices

    row = state(store, period)
    me = offices.self_office(store)
    if row is None or me is None:
        return []
    since = _submission_seq(store, row)
    unions = " UNION ".join(f"SELECT id FROM {t} WHERE period_id = ? AND office_id = ?" for t in _PERIOD_TABLES)
    params = [row["period_id"], me["id"]] * len(_PERIOD_TABLES)
    return store.query(
        f"SELECT * FROM audit_log WHERE seq > ? AND table_name IN ({','.join('?' * len(_PERIOD_TABLES))})"
        f" AND row_id IN ({unions}) ORDER BY seq",
        [since, *_PERIOD_TABLES, *params],
    )


def needs_resubmission(store: Store, period: Period | str) -> bool:
    """A submitted period edited after its last submission: shown as 需重新报送 until sent again."""
    return is_changed(store, period) or bool(edits_since_submission(store, period))


def resubmission_notice(store: Store, period: Period | str) -> str | None:
    """The line the main window shows while a period needs sending again, else None."""
    if not needs_resubmission(store, period):
        return None
    row = state(store, period)
    if row is None:  # needs_resubmission is never true for a period not submitted
        return None
    edits = edits_since_submission(store, period)
    when = (edits[-1]["at"] if edits else row["changed_at"] or "")[:16].replace("T", " ")
    label = parse_period(_code(period)).label
    return (
        f"{NEEDS_RESUBMISSION}：{label}的数据报送后{f'（{when}）' if when else ''}有修改，"
        f"请重新生成报送包（{version_label(row['version'] + 1)}）。"
    )
