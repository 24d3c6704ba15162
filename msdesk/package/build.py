"""Make a signed 报送包 (one office, one period) or 任务包 (plan + breakdown, sent down)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import identity, offices, submissions
from ..errors import ValidationError
from ..outputs import package_file_name
from ..periods import Period, parse_period
from ..store import Store
from . import data as D
from .errors import NO_PLAN
from .manifest import build_manifest, sha256, write_signed
from .pdfsign import sign_pdf


@dataclass
class Built:
    path: Path
    kind: str
    version: int
    manifest: dict[str, Any]

    @property
    def label(self) -> str:
        return submissions.version_label(self.version)


def default_name(office: str, kind: str, period: Period | None, version: int, year: int | None = None) -> str:
    """宋疃镇_报送包_2023Q3.zip, 烈山区_任务包_2023年.zip: office and period first (msdesk.outputs)."""
    return package_file_name(office, kind, period, version, year)


def _target(out: str | Path, name: str) -> Path:
    out = Path(out)
    return out / name if out.is_dir() or not out.suffix else out


def _plan(store: Store, plan_id: str | None) -> dict[str, Any]:
    from .. import plans

    plan = store.get("plans", plan_id) if plan_id else plans.current_plan(store)
    if not plan:
        raise ValidationError(NO_PLAN)
    return plan


def table_files(store: Store, plan_id: str, period: Period, ident: identity.Identity) -> list[tuple[str, bytes]]:
    """The official tables as xlsx and pdf, the fingerprint on every table, the PDF signed."""
    from ..export import export_tables

    note = identity.footer_note(store)
    with tempfile.TemporaryDirectory(prefix="msdesk-pkg-") as tmp:
        paths = export_tables(store, plan_id, period, tmp, footer_note=note)
        out = []
        for path in paths:
            raw = path.read_bytes()
            if path.suffix.lower() == ".pdf":
                raw = sign_pdf(raw, ident)
            out.append((path.name, raw))
    return out


def export_submission(
    store: Store,
    period: Period | str,
    out: str | Path,
    passphrase: str,
    plan_id: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Built:
    """Write the office's 报送包 for the period and mark the period submitted."""
    period = parse_period(period) if isinstance(period, str) else period
    ident = identity.load_identity(store, passphrase)  # wrong passphrase: nothing written
    plan = _plan(store, plan_id)
    me = _signer_office(store, ident)
    store.checkpoint()  # the .msdesk on disk matches what is sent
    version = submissions.next_version(store, period)
    extra = {**_rollup_note(store, period), **(extra or {})}
    data = D.submission_data(store, plan["id"], period, version, extra)
    files = [("data.json", D.dumps(data)), *table_files(store, plan["id"], period, ident)]
    parent = store.get("offices", me["parent_id"]) if me.get("parent_id") else None
    manifest = build_manifest(ident, me, "submission", files, period.code, period.year, plan["id"], version, parent)
    path = write_signed(_target(out, default_name(me["name"], "submission", period, version)), ident, manifest, files)
    with store.transaction():
        submissions.mark_submitted(store, period, version, sha256(path.read_bytes()))
    return Built(path, "submission", version, manifest)


def _signer_office(store: Store, ident: identity.Identity) -> dict[str, Any]:
    """The receiving office refuses a package whose office name differs from the certificate's,
    so say so here, before anything is written, where the clerk can still fix it."""
    me = offices.self_office(store)
    if me is None:  # load_identity has already asked for the office
        raise identity.IdentityError(identity.NO_OFFICE)
    if ident.office_name != me["name"]:
        raise identity.IdentityError(identity.NAME_CHANGED.format(name=me["name"], cert=ident.office_name))
    return me


def _rollup_note(store: Store, period: Period) -> dict[str, Any]:
    """An upper office's package says whose figures its own are the sum of."""
    from .rollup import submission_status

    rows = [r for r in submission_status(store, period) if r["submission"]]
    if not rows:
        return {}
    # Figures from an Excel 进展表 were never signed by their office: say so upward.
    return {
        "rollup": [
            {
                "office": r["office"]["name"],
                "status": r["label"],
                "version": r["submission"]["version"],
                "source": r["source"],
                "signed": r["submission"].get("source", "package") == "package",
            }
            for r in rows
        ],
        "unsigned_offices": [
            r["office"]["name"]
            for r in rows
            if r["submission"].get("source") == "table" and r["submission"]["status"] != "returned"
        ],
    }


def export_tasks(store: Store, out: str | Path, passphrase: str, plan_id: str | None = None) -> Built:
    """Write the 任务包: the plan and every subordinate's target breakdown."""
    ident = identity.load_identity(store, passphrase)
    plan = _plan(store, plan_id)
    me = _signer_office(store, ident)
    if not offices.subordinates(store, me["id"]):
        raise ValidationError("本单位还没有下级单位。请先在“单位设置”中添加下级单位并填写目标任务分解表。")
    key = f"exchange.tasks_version.{plan['id']}"
    version = int(store.setting(key) or "0") + 1
    data = D.tasks_data(store, plan["id"], version)
    files = [("data.json", D.dumps(data))]
    manifest = build_manifest(ident, me, "tasks", files, None, plan["year"], plan["id"], version, None)
    path = write_signed(
        _target(out, default_name(me["name"], "tasks", None, version, plan["year"])), ident, manifest, files
    )
    with store.transaction():
        store.set_setting(key, str(version))
    return Built(path, "tasks", version, manifest)
