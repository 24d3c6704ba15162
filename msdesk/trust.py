"""信任列表: the certificates of the offices whose packages this office accepts.

msdesk's own verification trusts exactly this list. A subordinate's
certificate is bound to this file's record of that office, so its packages
are stored under the office the upper office already knows (by the id in the
certificate, else by name, else a new subordinate is added).
"""

from __future__ import annotations

import re
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from . import identity, offices
from .errors import MsdeskError
from .formatting import when
from .store import Store, now

ROLES = {"subordinate": "下级单位", "parent": "上级单位"}

OWN_CERT = "这是本单位自己的证书，无需加入信任列表。"
REVOKED_BEFORE = "该证书（{name}，指纹 {fp}）已于 {at} 撤销，不能再次信任。请让对方创建新证书。"
REVOKED_CONFIRM = "该证书（{name}，指纹 {fp}）已于 {at} 撤销，核对指纹不会恢复信任。请让对方创建新证书后重新添加。"
FP_MISMATCH = "核对失败：您输入的指纹 {typed} 与证书的指纹 {fp} 不一致。证书未加入信任列表，请与对方电话核对。"
NOT_FOUND = "信任列表中没有与“{key}”对应的证书。"
AMBIGUOUS = "“{key}”对应多张证书，请改用指纹。"


class TrustError(MsdeskError):
    exit_code = 6


def add_certificate(
    store: Store,
    data: bytes,
    role: str = "subordinate",
    office_id: str | None = None,
    confirm_fingerprint: str | None = None,
) -> dict[str, Any]:
    """Trust a certificate (one user action). confirm_fingerprint, when given, must match."""
    if role not in ROLES:
        raise TrustError(f"角色“{role}”无效。")
    cert = identity.load_cert(data)
    fp = identity.fingerprint(cert)
    me = offices.self_office(store)
    if me and identity.cert_office(cert)[0] == me["id"]:
        raise TrustError(OWN_CERT)
    if confirm_fingerprint is not None and not identity.fingerprint_matches(cert, confirm_fingerprint):
        raise TrustError(FP_MISMATCH.format(typed=confirm_fingerprint, fp=identity.format_fingerprint(fp)))
    existing = find(store, fp)
    if existing and existing["revoked_at"]:
        raise TrustError(
            REVOKED_BEFORE.format(name=existing["office_name"], fp=existing["display"], at=when(existing["revoked_at"]))
        )
    with store.transaction():
        if existing:
            if confirm_fingerprint is not None and not existing["confirmed_at"]:
                store.update("trusted_certs", existing["id"], confirmed_at=now())
            if existing["role"] != role:  # added under the wrong role first: the clerk's new choice wins
                _change_role(store, existing, role, me)
            return _written(store, fp)
        oid = office_id or _office_for(store, cert, role, me)
        store.insert(
            "trusted_certs",
            fingerprint=fp,
            office_id=oid,
            office_name=identity.cert_office(cert)[1],
            role=role,
            cert_pem=cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
            added_at=now(),
            confirmed_at=now() if confirm_fingerprint else None,
        )
    return _written(store, fp)


def _change_role(store: Store, row: dict[str, Any], role: str, me: dict[str, Any] | None) -> None:
    """Re-bind an already trusted certificate as the parent (or a subordinate) of this office."""
    store.update("trusted_certs", row["id"], role=role)
    office_id = row["office_id"]
    if role == "parent":
        store.update("offices", office_id, parent_id=None)
        if me and me.get("parent_id") != office_id:
            store.update("offices", me["id"], parent_id=office_id)
    elif me:
        if me.get("parent_id") == office_id:
            store.update("offices", me["id"], parent_id=None)
        store.update("offices", office_id, parent_id=me["id"])


def _office_for(store: Store, cert: x509.Certificate, role: str, me: dict[str, Any] | None) -> str:
    """This file's office record for the certificate's office, created if unknown."""
    cert_id, name = identity.cert_office(cert)
    if cert_id and store.get("offices", cert_id, include_deleted=True):
        office_id = cert_id
        store.restore("offices", cert_id)
    else:
        same = [o for o in store.rows("offices", "name = ? AND is_self = 0", [name])]
        if same:
            office_id = same[0]["id"]
        else:
            level = "other" if role == "parent" else "township"
            office_id = offices.add_office(
                store, name, level, parent_id=me["id"] if me and role == "subordinate" else None, id=cert_id or None
            )
    if role == "parent" and me and me.get("parent_id") != office_id:
        store.update("offices", me["id"], parent_id=office_id)
    return office_id


def confirm(store: Store, typed: str) -> dict[str, Any]:
    """Record that the fingerprint was read back and matches (电话核对)."""
    key = identity.normalize_fingerprint(typed)
    rows = [r for r in list_trusted(store, include_revoked=True) if len(key) >= 32 and r["fingerprint"].startswith(key)]
    if not rows:
        raise TrustError(NOT_FOUND.format(key=typed))
    if rows[0]["revoked_at"]:
        raise TrustError(
            REVOKED_CONFIRM.format(name=rows[0]["office_name"], fp=rows[0]["display"], at=when(rows[0]["revoked_at"]))
        )
    with store.transaction():
        store.update("trusted_certs", rows[0]["id"], confirmed_at=now())
    return _written(store, rows[0]["fingerprint"])


def revoke(store: Store, key: str, reason: str | None = None) -> dict[str, Any]:
    """Stop trusting a certificate (by fingerprint or office name); the record stays."""
    row = resolve(store, key)
    with store.transaction():
        store.update("trusted_certs", row["id"], revoked_at=now(), revoke_reason=reason)
    return _written(store, row["fingerprint"])


def resolve(store: Store, key: str) -> dict[str, Any]:
    digits = identity.normalize_fingerprint(key)
    rows = list_trusted(store, include_revoked=True)
    looks_hex = len(digits) >= 8 and not re.search(r"[^0-9a-fA-F\s:-]", key)
    hits = [r for r in rows if looks_hex and r["fingerprint"].startswith(digits)]
    if not hits:
        hits = [r for r in rows if r["office_name"] == key.strip() and not r["revoked_at"]]
    if not hits:
        raise TrustError(NOT_FOUND.format(key=key))
    if len(hits) > 1:
        raise TrustError(AMBIGUOUS.format(key=key))
    return hits[0]


def find(store: Store, full_fingerprint: str) -> dict[str, Any] | None:
    rows = store.rows("trusted_certs", "fingerprint = ?", [full_fingerprint])
    return _decorate(rows[0]) if rows else None


def _written(store: Store, full_fingerprint: str) -> dict[str, Any]:
    """The record just written (find() of a row this action stored or changed)."""
    row = find(store, full_fingerprint)
    if row is None:  # never: the caller has just written it
        raise TrustError(NOT_FOUND.format(key=full_fingerprint))
    return row


def list_trusted(store: Store, include_revoked: bool = True, role: str | None = None) -> list[dict[str, Any]]:
    where: list[str] = []
    params: list[str] = []
    if not include_revoked:
        where.append("revoked_at IS NULL")
    if role:
        where.append("role = ?")
        params.append(role)
    return [
        _decorate(r) for r in store.rows("trusted_certs", " AND ".join(where) or None, params, order_by="office_name")
    ]


def _decorate(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["display"] = identity.format_fingerprint(row["fingerprint"])
    row["state"] = "已撤销" if row["revoked_at"] else ("已核对" if row["confirmed_at"] else "未核对指纹")
    return row
