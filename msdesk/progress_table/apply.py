"""Write a checked progress table: one transaction, in the audit log, and a backup first
whenever the table replaces figures the file already holds.

A subordinate office's table becomes its submission for the period (source
'table', unsigned), superseding an earlier table; the roll-up then counts it like
a package. A 牵头单位's table writes this office's own progress for its projects.
Importing the same figures again changes nothing and writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import progress
from ..backup import backup_file
from ..errors import MsdeskError
from ..periods import ensure_period
from ..store import Store, now
from ..submissions import version_label
from .preview import Preview, preview_table
from .scope import Scope
from .sources import live_submission


class TableRefused(MsdeskError):
    """Wrong office or period, or bad cells: nothing was written. .preview says why, cell by cell."""

    exit_code = 4

    def __init__(self, preview: Preview) -> None:
        super().__init__(preview.summary())
        self.preview = preview


@dataclass
class ImportOutcome:
    preview: Preview
    written: bool
    message: str
    backup: Path | None = None
    submission_id: str | None = None


def import_table(store: Store, scope: Scope, path: str | Path, dry_run: bool = False) -> ImportOutcome:
    preview = preview_table(store, scope, path)
    return apply_preview(store, preview, Path(path).name, dry_run)


def apply_preview(store: Store, preview: Preview, file_name: str, dry_run: bool = False) -> ImportOutcome:
    """Write what the preview found; TableRefused when it has refusals or bad cells."""
    if not preview.ok:
        raise TableRefused(preview)
    scope = preview.scope
    if not preview.matched:
        preview.refusals.append(f"表中没有一行能对应到{scope.name}的项目和指标：请确认文件和单位是否选对。")
        raise TableRefused(preview)
    needs_record = not scope.lead_unit and _live_table(store, scope) is None
    if preview.change_count == 0 and not needs_record:
        return ImportOutcome(preview, False, f"{scope.name}{scope.period.label}：表中数据与台账相同，未做任何修改。")
    if dry_run:
        return ImportOutcome(preview, False, f"试运行：将修改 {preview.change_count} 个数值，未做任何修改。")
    # Figures already in the file that the table replaces: back the file up first. A table
    # that only adds figures where there were none overwrites nothing (and 100 first
    # imports in a row would otherwise copy the whole file 100 times).
    saved = backup_file(store.path, reason="导入进展表前", conn=store.conn) if _overwrites(preview) else None
    sid = None
    with store.transaction():
        _write(store, preview)
        if not scope.lead_unit:
            sid = _record_submission(store, preview, file_name)
        store.insert(
            "table_imports",
            office_id=scope.office["id"],
            lead_unit=scope.lead_unit,
            period_id=ensure_period(store, scope.period),
            period_code=scope.period.code,
            submission_id=sid,
            file_name=file_name,
            file_sha256=preview.sha256,
            imported_at=now(),
            matched_rows=len(preview.matched),
            changed_values=preview.change_count,
        )
    where = f"（{scope.kind_label}{scope.name}的项目，记为本单位进度）" if scope.lead_unit else "（未签名）"
    msg = (
        f"已导入{scope.name}{scope.period.label}进展表{where}：对应 {len(preview.matched)} 行，"
        f"修改 {preview.change_count} 个数值。" + ("导入前已备份。" if saved else "")
    )
    return ImportOutcome(preview, True, msg, saved, sid)


def _overwrites(preview: Preview) -> bool:
    """Does the import replace a figure or text the file already holds?"""
    scope = preview.scope
    current = scope.indicators
    for ind_id, fields in preview.progress.items():
        ind = current[ind_id]
        if any(getattr(ind, k) not in (None, "", False, 0) for k in fields):
            return True
    reports = {p.id: p.report or {} for p in scope.projects}
    return any(reports[pid].get(k) is not None for pid, fields in preview.reports.items() for k in fields)


def _live_table(store: Store, scope: Scope) -> dict[str, Any] | None:
    row = live_submission(store, scope.office["id"], scope.period.code)
    return row if row and row.get("source") == "table" else None


def _write(store: Store, preview: Preview) -> None:
    scope = preview.scope
    oid, period = scope.office["id"], scope.period
    for ind_id, fields in preview.progress.items():
        if "actual" in fields:
            progress.set_actual(store, ind_id, period, fields["actual"], office_id=oid)
        else:
            text = fields.get("actual_text")
            progress.set_qualitative(
                store,
                ind_id,
                period,
                actual_text=text,
                office_id=oid,
                done=fields.get("done") if "done" in fields else None,
            )
    for pid, fields in preview.reports.items():
        for key, value in fields.items():
            progress.set_report_field(store, pid, period, key, value, office_id=oid)


def _record_submission(store: Store, preview: Preview, file_name: str) -> str:
    """The table is the office's submission for the period, unsigned; an earlier table is superseded."""
    scope = preview.scope
    code = scope.period.code
    earlier = store.rows(
        "submissions",
        "kind = 'submission' AND office_id = ? AND period_code = ? AND source = 'table'",
        [scope.office["id"], code],
    )
    for row in earlier:
        if row["status"] == "accepted":
            store.update("submissions", row["id"], status="superseded")
    version = max((r["version"] for r in earlier), default=0) + 1
    pid = ensure_period(store, scope.period)
    period_row = store.get("periods", pid)
    due = period_row["due_date"] if period_row else None
    received = now()
    manifest = {
        "source": "table",
        "file": file_name,
        "sheet": preview.table.sheet,
        "matched_rows": len(preview.matched),
        "unmatched_rows": len(preview.unmatched),
        "changed_values": preview.change_count,
        "note": f"Excel 进展表（未签名），{version_label(version)}",
    }
    return store.insert(
        "submissions",
        kind="submission",
        source="table",
        office_id=scope.office["id"],
        period_id=pid,
        period_code=code,
        version=version,
        status="accepted",
        received_at=received,
        on_time=(None if not due else int(received[:10] <= due)),
        package_name=file_name,
        package_sha256=preview.sha256,
        manifest_json=json.dumps(manifest, ensure_ascii=False),
    )
