"""Import packages: 报送包 at the upper office, 任务包 at the subordinate.

Each import is one transaction: every check runs before the first write, and
any failure leaves the database as it was. A folder import (a day's e-mail
attachments) runs one transaction per package; its dry run reports what would
be accepted, superseded or rejected and writes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import offices, plans
from ..errors import MsdeskError
from ..periods import ensure_period, parse_period
from ..store import Store, now
from ..submissions import version_label
from . import data as D
from . import errors as E
from .errors import PackageError
from .verify import Verified, verify_package

ACCEPTED, SUPERSEDED, REJECTED = "accepted", "superseded", "rejected"
ACTION_LABELS = {ACCEPTED: "接收", SUPERSEDED: "接收（替换旧报送）", REJECTED: "拒绝"}


@dataclass
class ImportResult:
    path: Path
    action: str  # accepted / superseded / rejected
    message: str
    office: str | None = None
    period: str | None = None
    version: int | None = None
    reason: str | None = None  # PackageError reason when rejected
    exit_code: int = 0
    submission_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.action != REJECTED


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def _must(row: dict[str, Any] | None) -> dict[str, Any]:
    """A record verified or written before this point. Were it missing, indexing None would raise
    TypeError; so does this, and _data_errors reports it as bad data."""
    if row is None:
        raise TypeError("'NoneType' object is not subscriptable")
    return row


# -- 报送包 ---------------------------------------------------------------------


def import_submission(
    store: Store, path: str | Path, expect_period: str | None = None, dry_run: bool = False, backup: bool = True
) -> ImportResult:
    """Verify and store one 报送包; never raises PackageError (the result says why).
    A backup is taken just before the figures are written (import_folder takes one for all)."""
    path = Path(path)
    try:
        found = verify_package(path, store, expect_kind="submission", expect_period=expect_period)
        plan_checks(store, found)
        if backup and not dry_run:
            _check_new(store, found, _must(found.trust_row)["office_id"])  # no backup for a package refused anyway
            _backup_before(store, "导入报送包前")
        with _data_errors():
            result = _store_submission(store, found, dry_run)
    except PackageError as exc:
        return ImportResult(path, REJECTED, exc.message, reason=exc.reason, exit_code=exc.exit_code)
    return result


@contextmanager
def _data_errors() -> Iterator[None]:
    """A signed package from a trusted office can still carry data this file cannot take
    (a field too many, a missing column): refuse it like any bad data; the transaction
    around the writes has already rolled back."""
    try:
        yield
    except PackageError:
        raise
    except MsdeskError as exc:
        raise PackageError("bad_data", exc.message, "data.json") from exc
    except (sqlite3.Error, KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        raise PackageError(
            "bad_data", E.BAD_JSON.format(member="data.json", detail=f"无法写入：{exc}"), "data.json"
        ) from exc


def _backup_before(store: Store, reason: str) -> None:
    """Every import replaces figures: a backup first, so a wrong package can be undone by a restore."""
    from ..backup import backup_file

    backup_file(store.path, reason=reason, conn=store.conn, keep=int(store.setting("backup.keep") or "10"))


def _existing(store: Store, found: Verified, office_id: str) -> list[dict[str, Any]]:
    return store.rows(
        "submissions",
        "kind = 'submission' AND office_id = ? AND period_code = ?",
        [office_id, found.period],
        order_by="version DESC",
    )


def _check_new(store: Store, found: Verified, office_id: str) -> list[dict[str, Any]]:
    name = _must(store.get("offices", office_id))["name"]
    label = parse_period(found.period).label if found.period else f"{found.manifest.get('year')}年"
    same = store.rows("submissions", "package_sha256 = ?", [found.package_id])
    if same:
        raise PackageError(
            "duplicate",
            E.DUPLICATE.format(
                office=name,
                period=label,
                at=E.when(same[0]["received_at"]),
                version="，" + version_label(same[0]["version"]),
            ),
        )
    earlier = _existing(store, found, office_id)
    # Sequence numbers only move forward, returns included: after v2 is returned, the
    # older v1 must not come back in as a "first" submission with older figures. An imported
    # Excel 进展表 (source 'table') has no version of the sender's: a signed package always
    # supersedes it, whatever its number.
    signed = [r for r in earlier if r.get("source", "package") == "package"]
    if signed and signed[0]["version"] >= found.version:
        top = signed[0]
        have = version_label(top["version"]) + ("，已退回，请对方修改后重新导出" if top["status"] == "returned" else "")
        raise PackageError(
            "duplicate", E.OUTDATED.format(office=name, period=label, have=have, got=version_label(found.version))
        )
    return earlier


def plan_checks(store: Store, found: Verified) -> None:
    """The package's records must be this file's plan (same UUIDs, from our 任务包)."""
    data = found.data
    D.check_figures(data)
    plan_id = data["plan"]["id"]
    plan = store.get("plans", plan_id)
    if not plan:
        raise PackageError("plan_mismatch", E.PLAN_MISMATCH.format(detail="本单位没有该计划"))
    if found.period and parse_period(found.period).year != plan["year"]:
        raise PackageError(
            "plan_mismatch",
            E.PLAN_MISMATCH.format(detail=f"报告期{parse_period(found.period).label}不在计划年度 {plan['year']} 年内"),
        )
    ind_ids = {
        r["id"]
        for r in store.query(
            "SELECT i.id FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.plan_id = ?"
            " AND i.deleted = 0",
            [plan_id],
        )
    }
    proj_ids = {r["id"] for r in store.query("SELECT id FROM projects WHERE plan_id = ? AND deleted = 0", [plan_id])}
    bad = sum(1 for r in data["progress"] if r.get("indicator_id") not in ind_ids)
    bad += sum(1 for r in data["project_reports"] if r.get("project_id") not in proj_ids)
    if bad:
        raise PackageError(
            "plan_mismatch", E.PLAN_MISMATCH.format(detail=f"{bad} 条数据对应的项目或指标在本单位计划中不存在")
        )


def _store_submission(store: Store, found: Verified, dry_run: bool) -> ImportResult:
    trust_row = _must(found.trust_row)
    office_id = trust_row["office_id"]
    try:
        with store.transaction():
            earlier = _check_new(store, found, office_id)
            superseded = [r for r in earlier if r["status"] == "accepted"]
            code = str(found.period)  # a 报送包's period, checked by verify_package
            period_id = ensure_period(store, code)
            _write_figures(store, found.data, code, period_id, office_id)
            for row in superseded:
                store.update("submissions", row["id"], status="superseded")
            sid = store.insert(
                "submissions",
                kind="submission",
                office_id=office_id,
                period_id=period_id,
                period_code=found.period,
                version=found.version,
                status="accepted",
                created_at_package=found.manifest.get("created_at"),
                received_at=now(),
                on_time=_on_time(store, period_id, found.manifest.get("created_at")),
                signer_fingerprint=trust_row["fingerprint"],
                package_name=found.path.name,
                package_sha256=found.package_id,
                manifest_json=json.dumps(found.manifest, ensure_ascii=False),
            )
            if dry_run:
                raise _DryRun()
    except _DryRun:
        sid = None
    action = SUPERSEDED if superseded else ACCEPTED
    office = _must(store.get("offices", office_id))["name"]
    label = parse_period(str(found.period)).label
    verb = "将" if dry_run else "已"
    msg = f"{office}{label}{version_label(found.version)}：{verb}{ACTION_LABELS[action]}。"
    return ImportResult(found.path, action, msg, office, found.period, found.version, submission_id=sid)


def _on_time(store: Store, period_id: str, created_at: str | None) -> int | None:
    due = _must(store.get("periods", period_id))["due_date"]
    if not due or not created_at:
        return None
    return 1 if created_at[:10] <= due else 0


def _write_figures(store: Store, data: dict[str, Any], code: str, period_id: str, office_id: str) -> None:
    """Replace the office's figures for the period with the package's (resubmissions too)."""
    for table, key, rows in (
        ("progress", "indicator_id", [r for r in data["progress"] if r.get("period") == code]),
        ("project_reports", "project_id", data["project_reports"]),
    ):
        cols = set(store.columns(table)) - {
            "id",
            "office_id",
            "period_id",
            "created_at",
            "updated_at",
            "deleted",
            key,
        }
        current = {
            r[key]: r
            for r in store.rows(table, "period_id = ? AND office_id = ?", [period_id, office_id], include_deleted=True)
        }
        seen: set[str] = set()
        for row in rows:
            values = {k: v for k, v in row.items() if k in cols}
            seen.add(row[key])
            if row[key] in current:
                store.update(table, current[row[key]]["id"], deleted=0, **values)
            else:
                store.insert(table, period_id=period_id, office_id=office_id, **{key: row[key]}, **values)
        for ref, old in current.items():
            if ref not in seen and not old["deleted"]:
                store.delete(table, old["id"])
    signoff = data.get("signoff")
    if isinstance(signoff, dict):
        fields = {k: signoff.get(k) for k in ("head", "preparer", "phone", "report_date")}
        rows = store.rows("signoffs", "period_id = ? AND office_id = ?", [period_id, office_id], include_deleted=True)
        if rows:
            store.update("signoffs", rows[0]["id"], deleted=0, **fields)
        else:
            store.insert("signoffs", period_id=period_id, office_id=office_id, **fields)


def import_folder(
    store: Store, folder: str | Path, expect_period: str | None = None, dry_run: bool = False
) -> list[ImportResult]:
    """Every .zip in a folder, oldest version first so a resubmission supersedes in order.

    A dry run checks them in sequence inside one transaction that is rolled back,
    so two versions from the same office are reported as accepted then superseded.
    """
    paths = sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() == ".zip")
    results: list[ImportResult] = []
    if not dry_run:
        if paths:
            _backup_before(store, "导入报送包前")
        return _ordered(store, paths, expect_period)
    try:
        with store.transaction():
            results = _ordered(store, paths, expect_period)
            raise _DryRun()
    except _DryRun:
        pass
    for r in results:
        r.submission_id = None
        r.message = r.message.replace("已接收", "将接收")
    return results


def _ordered(store: Store, paths: list[Path], expect_period: str | None) -> list[ImportResult]:
    def version_of(p: Path) -> int:
        from .safejson import MAX_MANIFEST_BYTES
        from .zipio import read_members

        try:
            version = D.loads(read_members(p)["manifest.json"], "manifest.json", MAX_MANIFEST_BYTES).get("version")
            return version if isinstance(version, int) and not isinstance(version, bool) else 0
        except (PackageError, KeyError):  # unreadable packages are rejected in import_submission
            return 0

    return [_one_of_many(store, p, expect_period) for p in sorted(paths, key=lambda p: (version_of(p), p.name))]


def _one_of_many(store: Store, path: Path, expect_period: str | None) -> ImportResult:
    """One attachment of a folder: whatever goes wrong with it, the others are still imported."""
    try:
        return import_submission(store, path, expect_period, backup=False)
    except MsdeskError as exc:
        return ImportResult(path, REJECTED, exc.message, reason="bad_data", exit_code=exc.exit_code)
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        return ImportResult(
            path,
            REJECTED,
            E.CORRUPT.format(name=path.name, detail=type(exc).__name__),
            reason="corrupt",
            exit_code=E.EXIT_CODES["corrupt"],
        )


def return_submission(store: Store, submission_id: str, reason: str) -> dict[str, Any]:
    """退回: mark a received 报送包 as returned with the reason; its figures leave the roll-up."""
    if not reason or not reason.strip():
        raise PackageError("bad_data", "请填写退回原因。")
    row = store.get("submissions", submission_id)
    if not row:
        raise PackageError("bad_data", "找不到该报送记录。")
    with store.transaction():
        store.update("submissions", submission_id, status="returned", return_reason=reason.strip(), returned_at=now())
    return _must(store.get("submissions", submission_id))


# -- 任务包 ---------------------------------------------------------------------


def import_tasks(store: Store, path: str | Path, office_name: str | None = None) -> ImportResult:
    """Create (or update) the plan and this office's targets from the upper office's 任务包."""
    path = Path(path)
    try:
        found = verify_package(path, store, expect_kind="tasks")
        _backup_before(store, "导入任务包前")
        with _data_errors(), store.transaction():
            same = store.rows("submissions", "package_sha256 = ?", [found.package_id])
            if same:
                raise PackageError(
                    "duplicate",
                    E.DUPLICATE.format(
                        office=found.office_name,
                        period=f"{found.manifest.get('year')}年任务包",
                        version="",
                        at=E.when(same[0]["received_at"]),
                    ),
                )
            ref = _my_entry(store, found.data, office_name)
            _apply_tasks(store, found.data, ref)
            trust_row = _must(found.trust_row)
            store.insert(
                "submissions",
                kind="tasks",
                office_id=trust_row["office_id"],
                version=found.version,
                status="accepted",
                created_at_package=found.manifest.get("created_at"),
                received_at=now(),
                signer_fingerprint=trust_row["fingerprint"],
                package_name=path.name,
                package_sha256=found.package_id,
                manifest_json=json.dumps(found.manifest, ensure_ascii=False),
            )
            store.set_setting("current_plan_id", found.data["plan"]["id"])
    except PackageError as exc:
        return ImportResult(path, REJECTED, exc.message, reason=exc.reason, exit_code=exc.exit_code)
    count = len(found.data["projects"])
    title = found.data["plan"].get("title")
    return ImportResult(
        path,
        ACCEPTED,
        f"已导入{found.office_name}下发的{title}（{count} 个项目）及本单位的目标任务。",
        found.office_name,
        None,
        found.version,
    )


def _my_entry(store: Store, data: dict[str, Any], office_name: str | None) -> dict[str, Any]:
    me = offices.self_office(store)
    name = (office_name or (me or {}).get("name") or "").strip()
    subs = data["subordinates"]
    hits = [s for s in subs if s.get("name") == name]
    if not hits:
        raise PackageError(
            "wrong_office",
            E.NOT_FOR_ME.format(me=name or "（未设置）", names="、".join(s.get("name", "") for s in subs)),
        )
    if not me:
        offices.set_self_office(store, name, hits[0].get("level") or "township")
    entry: dict[str, Any] = hits[0]
    return entry


def _apply_tasks(store: Store, data: dict[str, Any], ref: dict[str, Any]) -> None:
    """Plan records keep the upper office's UUIDs; indicator targets become this office's share."""
    me = _must(offices.self_office(store))  # _my_entry has set it
    upper = data["office"]
    if not store.get("offices", upper["id"], include_deleted=True):
        offices.add_office(store, upper["name"], upper.get("level") or "district", id=upper["id"])
    if me.get("parent_id") != upper["id"]:
        store.update("offices", me["id"], parent_id=upper["id"])
    mine = {b["indicator_id"]: b for b in data["target_breakdowns"] if b.get("office_id") == ref["id"]}
    split = {b["indicator_id"] for b in data["target_breakdowns"]}
    targets: dict[str, dict[str, Any]] = {}
    for ind in data["indicators"]:
        if ind["id"] in mine:
            b = mine[ind["id"]]
            text = b.get("target_text") or ind.get("target_text")
            targets[ind["id"]] = {"target": b.get("target"), "target_text": text}
        elif ind["id"] in split:  # broken down, but not to us: nothing to do here
            targets[ind["id"]] = {"target": None, "target_text": "—"}
    none_here = {
        p["id"]
        for p in data["projects"]
        if (inds := [i for i in data["indicators"] if i["project_id"] == p["id"]])
        and all(targets.get(i["id"], {}).get("target_text") == "—" for i in inds)
    }
    plan = data["plan"]
    D.fill_due_dates(data, plan.get("year"))
    D.fill_ongoing(data)
    D.upsert_rows(store, "plans", [plan])
    kept: dict[str, set[str]] = {}
    for table in D.PLAN_TABLES:
        over = (
            targets
            if table == "indicators"
            else (
                {pid: {"task_level": "none", "task_level_text": "本单位无任务"} for pid in none_here}
                if table == "projects"
                else None
            )
        )
        kept[table] = D.upsert_rows(store, table, data[table], over)
    D.retire_missing(store, plan["id"], kept)
    for ind_id, b in mine.items():
        plans.set_breakdown(store, ind_id, me["id"], target=b.get("target"), target_text=b.get("target_text"))
