"""Where each subordinate office's figures for a period came from (报送情况).

签名报送包: a verified, signed package. Excel 进展表（未签名）: a table this office
imported for it. 本单位录入: figures typed in this file with neither. The roll-up
counts packages and tables alike; the consolidated package says which were unsigned.
"""

from __future__ import annotations

from typing import Any

from .. import offices
from ..periods import Period, parse_period
from ..store import Store

SIGNED, TABLE, OWN = "签名报送包", "Excel 进展表（未签名）", "本单位录入"


def source_label(submission: dict[str, Any] | None) -> str:
    if not submission:
        return ""
    return TABLE if submission.get("source") == "table" else SIGNED


def live_submission(store: Store, office_id: str, period_code: str) -> dict[str, Any] | None:
    """The accepted submission whose figures the roll-up uses, if any."""
    rows = store.rows(
        "submissions",
        "kind = 'submission' AND office_id = ? AND period_code = ? AND status = 'accepted'",
        [office_id, period_code],
        order_by="received_at DESC",
    )
    return rows[0] if rows else None


def signed_submission(store: Store, office_id: str, period_code: str) -> dict[str, Any] | None:
    row = live_submission(store, office_id, period_code)
    return row if row and row.get("source") != "table" else None


def data_sources(store: Store, period: Period | str) -> list[dict[str, Any]]:
    """One row per subordinate: office, source (one of the three labels, or '' for none),
    signed, the live submission and the whole history (each with its source)."""
    code = (parse_period(period) if isinstance(period, str) else period).code
    out = []
    for office in offices.subordinates(store):
        history = store.rows(
            "submissions",
            "kind = 'submission' AND office_id = ? AND period_code = ?",
            [office["id"], code],
            order_by="received_at",
        )
        live = live_submission(store, office["id"], code)
        label = source_label(live)
        if not label and typed_figures(store, office["id"], code):
            label = OWN
        out.append(
            dict(
                office=office,
                source=label,
                signed=label == SIGNED,
                submission=live,
                history=[{**h, "source_label": source_label(h)} for h in history],
            )
        )
    return out


def typed_figures(store: Store, office_id: str, code: str) -> bool:
    return bool(
        store.query(
            "SELECT 1 FROM progress g JOIN periods d ON d.id = g.period_id WHERE g.office_id = ? AND d.code = ?"
            " AND g.deleted = 0 AND (g.actual IS NOT NULL OR g.actual_text IS NOT NULL) LIMIT 1",
            [office_id, code],
        )
    )
