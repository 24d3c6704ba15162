"""manifest.json (SHA-256 of every file, office, period, time, app version),
its detached signature manifest.sig and the signer's certificate signer.pem."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..identity import Identity, fingerprint
from .data import SCHEMA_VERSION, office_record
from .zipio import write_package

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CERTIFICATE = "signer.pem"
FORMAT = "msdesk-package"
RESERVED = (MANIFEST, SIGNATURE, CERTIFICATE)
KIND_LABELS = {"submission": "报送包", "tasks": "任务包"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_manifest(
    ident: Identity,
    office: dict[str, Any],
    kind: str,
    files: list[tuple[str, bytes]],
    period: str | None,
    year: int,
    plan_id: str,
    version: int,
    recipient: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "kind": kind,
        "app_version": __version__,
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "office": office_record(office),
        "recipient": {"id": recipient["id"], "name": recipient["name"]} if recipient else None,
        "period": period,
        "year": year,
        "plan_id": plan_id,
        "version": version,
        "signer_fingerprint": fingerprint(ident.cert),
        "files": [{"name": name, "sha256": sha256(data), "size": len(data)} for name, data in files],
    }


def write_signed(out: Path, ident: Identity, manifest: dict[str, Any], files: list[tuple[str, bytes]]) -> Path:
    """The zip: manifest, its signature, the certificate, then the listed files."""
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    members = [(MANIFEST, raw), (SIGNATURE, ident.sign(raw)), (CERTIFICATE, ident.cert_pem), *files]
    return write_package(out, members)
