"""Verify a package and say exactly why it is refused.

Order: a readable, safe zip; the signature over the raw manifest bytes; only
then the manifest, parsed within bounds, and the office it names (must be the
certificate's); whom it is for; the trust store (unknown, revoked signer);
every file against the manifest (missing, extra, altered); the certificate's
dates; only then data.json, parsed within bounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .. import identity, offices, trust
from ..errors import MsdeskError
from ..periods import parse_period
from ..store import Store
from . import data as D
from . import errors as E
from .errors import PackageError
from .manifest import CERTIFICATE, FORMAT, KIND_LABELS, MANIFEST, RESERVED, SIGNATURE, sha256
from .safejson import MAX_MANIFEST_BYTES
from .zipio import read_members

GRACE_DAYS = 30  # a package made while the certificate was valid may arrive up to 30 days after expiry
CLOCK_SKEW_DAYS = 1  # office PCs' clocks and time zones differ; a day either way is tolerated
ROLE_FOR_KIND = {"submission": "subordinate", "tasks": "parent"}


@dataclass
class Verified:
    path: Path
    manifest: dict[str, Any]
    data: dict[str, Any]
    cert: x509.Certificate
    members: dict[str, bytes]
    package_id: str  # SHA-256 of the signed manifest: the package's identity
    trust_row: dict[str, Any] | None = None  # None when verified without a database
    notes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        kind: str = self.manifest["kind"]
        return kind

    @property
    def office_name(self) -> str:
        """From the certificate only (the manifest's stated name must equal it, see _check_identity)."""
        return identity.cert_office(self.cert)[1]

    @property
    def period(self) -> str | None:
        return self.manifest.get("period")

    @property
    def version(self) -> int:
        return int(self.manifest.get("version") or 1)

    @property
    def fingerprint(self) -> str:
        return identity.display_fingerprint(self.cert)

    def summary(self) -> str:
        what = KIND_LABELS.get(self.kind, "数据包")
        when = f"，{parse_period(self.period).label}" if self.period else f"，{self.manifest.get('year')}年"
        from ..submissions import version_label

        return (
            f"{what}有效：{self.office_name}{when}，{version_label(self.version)}，"
            f"制作于 {E.when(self.manifest.get('created_at'))}，签名证书指纹 {self.fingerprint}。"
        )


def verify_package(
    path: str | Path,
    store: Store | None = None,
    expect_kind: str | None = None,
    expect_period: str | None = None,
    check_pdf: bool = False,
    received: dt.datetime | None = None,
) -> Verified:
    """Return the verified package or raise PackageError with the precise reason.

    Nothing a stranger wrote is parsed before it must be: the signature over the raw
    manifest bytes is checked first and only then is the manifest parsed, within bounds
    (safejson); data.json is parsed only once (with a store) the signer is trusted and its
    SHA-256 matches the signed manifest."""
    path = Path(path)
    members = read_members(path)
    for name in RESERVED:
        if name not in members:
            raise PackageError("missing", E.MISSING.format(member=name), name)
    cert = _signer(members)
    manifest = _manifest(members[MANIFEST])
    _check_identity(cert, manifest)
    found = Verified(path, manifest, {}, cert, members, sha256(members[MANIFEST]))
    _check_purpose(found, store, expect_kind, expect_period)
    if store is not None:
        found.trust_row = _trusted(store, found)
    else:
        found.notes.append("未指定台账，未核对信任列表：请确认证书指纹与对方电话告知的一致。")
    _check_files(members, manifest)
    _check_validity(cert, manifest, received)
    data = found.data = D.loads(members["data.json"])
    D.check_schema(data)
    D.check_shape(data)
    if (
        data.get("kind") != manifest["kind"]
        or _get(data.get("office"), "id") != manifest["office"].get("id")
        or _get(data.get("period"), "code") != manifest.get("period")
    ):
        raise PackageError("bad_data", E.BAD_JSON.format(member="data.json", detail="与签名清单不一致"), "data.json")
    if check_pdf:
        _check_pdfs(found)
    return found


def _manifest(raw: bytes) -> dict[str, Any]:
    manifest = D.loads(raw, MANIFEST, MAX_MANIFEST_BYTES)
    if (
        manifest.get("format") != FORMAT
        or manifest.get("kind") not in KIND_LABELS
        or not isinstance(manifest.get("files"), list)
        or not isinstance(manifest.get("office"), dict)
    ):
        raise PackageError(
            "bad_data", E.BAD_JSON.format(member=MANIFEST, detail="不是民生实事台账的数据包清单"), MANIFEST
        )
    D.check_schema(manifest, MANIFEST)
    period, version, recipient = manifest.get("period"), manifest.get("version"), manifest.get("recipient")
    if (
        not _is_period(period, manifest["kind"])
        or not isinstance(version, int)
        or isinstance(version, bool)
        or version < 1
        or not (recipient is None or isinstance(recipient, dict))
        or not isinstance(manifest["office"].get("name"), str)
        or not isinstance(manifest.get("created_at"), str)
    ):
        raise PackageError("bad_data", E.BAD_JSON.format(member=MANIFEST, detail="清单字段格式不对"), MANIFEST)
    return manifest


def _is_period(value: object, kind: str) -> bool:
    if kind == "tasks":
        return value is None
    try:
        return isinstance(value, str) and parse_period(value).code == value
    except MsdeskError:
        return False


def _get(obj: object, key: str) -> object:
    return obj.get(key) if isinstance(obj, dict) else None


def _signer(members: dict[str, bytes]) -> x509.Certificate:
    """The certificate, and its signature over the raw manifest bytes (nothing parsed yet)."""
    try:
        cert = identity.load_cert(members[CERTIFICATE])
    except identity.IdentityError as exc:
        raise PackageError("bad_signature", E.BAD_CERT, CERTIFICATE) from exc
    if not identity.verify_signature(cert, members[SIGNATURE], members[MANIFEST]):
        raise PackageError("bad_signature", E.BAD_SIGNATURE, SIGNATURE)
    return cert


def _check_identity(cert: x509.Certificate, manifest: dict[str, Any]) -> None:
    """The manifest names the certificate's office, and only that office: a trusted key
    cannot speak for another township (the name shown comes from the certificate)."""
    cert_id, cert_name = identity.cert_office(cert)
    if identity.fingerprint(cert) != manifest.get("signer_fingerprint") or cert_id != manifest["office"].get("id"):
        raise PackageError("bad_signature", E.BAD_CERT, CERTIFICATE)
    stated = manifest["office"].get("name")
    if stated != cert_name:
        raise PackageError(
            "bad_signature",
            E.NAME_MISMATCH.format(stated=stated[:40], signer=cert_name, fp=identity.display_fingerprint(cert)),
            MANIFEST,
        )


def _parse_made(manifest: dict[str, Any]) -> dt.datetime:
    try:
        made = dt.datetime.fromisoformat(manifest["created_at"])
    except ValueError as exc:
        raise PackageError(
            "bad_data", E.BAD_JSON.format(member=MANIFEST, detail="制作时间缺失或格式不对"), MANIFEST
        ) from exc
    return made if made.tzinfo else made.astimezone()  # created_at is the sender's local time


def _check_validity(cert: x509.Certificate, manifest: dict[str, Any], received: dt.datetime | None = None) -> None:
    """The certificate was valid when the package says it was made, and is still valid (within
    GRACE_DAYS after expiry, for packages made in time that arrive late) when it is received:
    a back-dated or missing created_at cannot revive an expired certificate."""
    made = _parse_made(manifest)
    received = received or dt.datetime.now(dt.timezone.utc)
    start, until = cert.not_valid_before_utc, cert.not_valid_after_utc
    skew = dt.timedelta(days=CLOCK_SKEW_DAYS)
    args = dict(
        name=identity.cert_office(cert)[1],
        fp=identity.display_fingerprint(cert),
        start=f"{start.astimezone():%Y-%m-%d}",
        until=f"{until.astimezone():%Y-%m-%d}",
    )
    if made > received + skew:
        raise PackageError("bad_data", E.BAD_JSON.format(member=MANIFEST, detail="制作时间晚于今天"), MANIFEST)
    if received < start - skew or made < start - skew:
        raise PackageError("expired_signer", E.NOT_YET_VALID.format(**args), CERTIFICATE)
    if made > until:
        raise PackageError("expired_signer", E.EXPIRED_SIGNER.format(at=f"{made:%Y-%m-%d}", **args), CERTIFICATE)
    if received > until + dt.timedelta(days=GRACE_DAYS):
        raise PackageError("expired_signer", E.EXPIRED_AT_RECEIPT.format(grace=GRACE_DAYS, **args), CERTIFICATE)


def _check_files(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    listed: dict[str, dict[str, Any]] = {}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or entry["name"] in listed:
            raise PackageError("bad_data", E.BAD_JSON.format(member=MANIFEST, detail="文件清单格式不对"), MANIFEST)
        listed[entry["name"]] = entry
    for name in listed:
        if name not in members:
            raise PackageError("missing", E.MISSING.format(member=name), name)
    for name in members:
        if name not in listed and name not in RESERVED:
            raise PackageError("extra", E.EXTRA.format(member=name), name)
    for name, entry in listed.items():
        if sha256(members[name]) != entry.get("sha256"):
            raise PackageError("altered", E.ALTERED.format(member=name), name)
    if "data.json" not in listed:
        raise PackageError("missing", E.MISSING.format(member="data.json"), "data.json")


def _check_purpose(found: Verified, store: Store | None, expect_kind: str | None, expect_period: str | None) -> None:
    if expect_kind and found.kind != expect_kind:
        raise PackageError(
            "wrong_kind", E.WRONG_KIND.format(got=KIND_LABELS[found.kind], want=KIND_LABELS[expect_kind])
        )
    if expect_period and found.kind == "submission":
        want = parse_period(expect_period)
        if found.period != want.code:
            raise PackageError(
                "wrong_period", E.WRONG_PERIOD.format(got=parse_period(str(found.period)).label, want=want.label)
            )
    me = offices.self_office(store) if store is not None else None
    recipient = found.manifest.get("recipient")
    if me and recipient and recipient.get("id") != me["id"]:
        if recipient.get("name") == me["name"]:  # same name, another file: "发给烈山区，不是烈山区" would puzzle
            raise PackageError("wrong_office", E.WRONG_OFFICE_SAME_NAME.format(me=me["name"]))
        raise PackageError("wrong_office", E.WRONG_OFFICE.format(to=recipient.get("name"), me=me["name"]))


def _trusted(store: Store, found: Verified) -> dict[str, Any]:
    """Unknown or revoked signers are refused before data.json is parsed."""
    row = trust.find(store, identity.fingerprint(found.cert))
    name = identity.cert_office(found.cert)[1]
    want = ROLE_FOR_KIND[found.kind]
    if row is None:
        text = E.UNKNOWN_PARENT if want == "parent" else E.UNKNOWN_SIGNER
        raise PackageError("unknown_signer", text.format(name=name, fp=found.fingerprint))
    if row["role"] != want:
        kind = "任务包" if found.kind == "tasks" else "报送包"
        text = E.WRONG_ROLE.format(
            name=name, fp=found.fingerprint, have=trust.ROLES[row["role"]], kind=kind, want=trust.ROLES[want]
        )
        raise PackageError("unknown_signer", text)
    if row["revoked_at"]:
        raise PackageError(
            "revoked_signer", E.REVOKED_SIGNER.format(name=name, fp=found.fingerprint, at=E.when(row["revoked_at"]))
        )
    if not row["confirmed_at"]:
        found.notes.append(f"提示：{name}的证书指纹尚未电话核对。")
    return row


def _check_pdfs(found: Verified) -> None:
    from .pdfsign import validate_pdf

    der = found.cert.public_bytes(serialization.Encoding.DER)
    for name, raw in found.members.items():
        if not name.lower().endswith(".pdf"):
            continue
        try:
            results = validate_pdf(raw, der)
        except Exception as exc:  # pyHanko raises many kinds on a malformed PDF
            raise PackageError("bad_signature", E.BAD_PDF_SIGNATURE.format(member=name, detail=exc), name) from exc
        if not results or not all(r["bottom_line"] and "ENTIRE_FILE" in r["coverage"] for r in results):
            raise PackageError(
                "bad_signature", E.BAD_PDF_SIGNATURE.format(member=name, detail="未签名或签名未覆盖全文"), name
            )
        found.notes.append(f"PDF 报表“{name}”的数字签名有效。")


def peek_kind(path: str | Path) -> str | None:
    """'submission' or 'tasks' from the (unverified) manifest; None when unreadable."""
    try:
        return D.loads(read_members(Path(path))[MANIFEST], MANIFEST, MAX_MANIFEST_BYTES).get("kind")
    except (PackageError, KeyError, OSError):
        return None


def certificate_from_file(path: str | Path) -> bytes:
    """Certificate bytes from a .pem/.cer file or from a package's signer.pem."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        members = read_members(path)
        if CERTIFICATE not in members:
            raise PackageError("missing", E.MISSING.format(member=CERTIFICATE), CERTIFICATE)
        return members[CERTIFICATE]
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PackageError("not_found", E.NOT_FOUND.format(name=path)) from exc
