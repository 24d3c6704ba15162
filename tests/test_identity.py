"""Office signing identity: key outside the database, passphrase, backup/restore, fingerprint."""

from __future__ import annotations

import re

import pytest
from cryptography.hazmat.primitives import serialization

from msdesk import identity, offices, trust
from msdesk.paths import data_dir
from msdesk.store import create_store


@pytest.fixture
def township(tmp_path):
    s = create_store(tmp_path / "古饶镇.msdesk", actor="测试员")
    with s.transaction():
        offices.set_self_office(s, "古饶镇", "township")
    yield s
    s.close()


def test_create_identity_keeps_encrypted_key_outside_database(store, small_plan):
    ident = identity.create_identity(store, "口令123456")
    key_file = identity.key_path(small_plan["office"])
    assert key_file.parent == data_dir() / "keys"
    assert b"ENCRYPTED PRIVATE KEY" in key_file.read_bytes()
    assert b"PRIVATE KEY" not in store.path.read_bytes()
    assert identity.cert_office(ident.cert) == (small_plan["office"], "烈山区")
    # the key signs and the certificate verifies
    sig = identity.load_identity(store, "口令123456").sign(b"manifest")
    assert identity.verify_signature(ident.cert, sig, b"manifest")
    assert not identity.verify_signature(ident.cert, sig, b"manifesT")


def test_fingerprint_is_readable_over_the_phone(store, small_plan):
    ident = identity.create_identity(store, "口令123456")
    assert re.fullmatch(r"([0-9A-F]{4} ){7}[0-9A-F]{4}", ident.fingerprint)
    full = identity.fingerprint(ident.cert)
    assert len(full) == 64 and full.upper().startswith(ident.fingerprint.replace(" ", ""))
    assert identity.fingerprint_matches(ident.cert, ident.fingerprint.lower().replace(" ", "-"))
    assert not identity.fingerprint_matches(ident.cert, "0000 " * 8)


def test_footer_note_names_office_and_fingerprint(store, small_plan):
    assert identity.footer_note(store) is None
    ident = identity.create_identity(store, "口令123456")
    assert identity.footer_note(store) == f"本表由烈山区数字签名，证书指纹：{ident.fingerprint}"


def test_wrong_or_short_passphrase_is_refused(store, small_plan):
    with pytest.raises(identity.IdentityError, match="口令太短"):
        identity.create_identity(store, "123")
    assert not identity.has_identity(store)
    identity.create_identity(store, "口令123456")
    with pytest.raises(identity.IdentityError, match="口令不正确"):
        identity.load_identity(store, "别的口令999")
    with pytest.raises(identity.IdentityError, match="已有签名证书"):
        identity.create_identity(store, "口令123456")


def test_backup_and_restore_on_a_new_pc(store, small_plan, tmp_path, monkeypatch):
    ident = identity.create_identity(store, "口令123456")
    backup = identity.export_identity(store, tmp_path / "备份" / "烈山区证书.msdkey")
    assert "烈山区" in backup.read_text("utf-8") and ident.fingerprint in backup.read_text("utf-8")
    monkeypatch.setenv("MSDESK_HOME", str(tmp_path / "新电脑"))
    assert not identity.has_identity(store)
    with pytest.raises(identity.IdentityError, match="口令不正确"):
        identity.import_identity(store, backup, "错误口令0000")
    assert not identity.has_identity(store)
    restored = identity.import_identity(store, backup, "口令123456")
    assert restored.fingerprint == ident.fingerprint
    assert identity.load_identity(store, "口令123456").key is not None


def test_backup_of_another_office_is_not_restored(store, small_plan, township, tmp_path):
    identity.create_identity(township, "口令123456")
    backup = identity.export_identity(township, tmp_path / "古饶镇.msdkey")
    with pytest.raises(identity.IdentityError, match="备份属于“古饶镇”"):
        identity.import_identity(store, backup, "口令123456")
    (tmp_path / "乱码.msdkey").write_bytes(b"not a backup")
    with pytest.raises(identity.IdentityError, match="不是有效的签名证书备份"):
        identity.import_identity(store, tmp_path / "乱码.msdkey", "口令123456")


def test_trust_add_confirm_list_revoke(store, small_plan, township):
    sub = identity.create_identity(township, "口令123456")
    with pytest.raises(trust.TrustError, match="核对失败"):
        trust.add_certificate(store, sub.cert_pem, confirm_fingerprint="0000 1111 2222 3333 4444 5555 6666 7777")
    assert trust.list_trusted(store) == []
    row = trust.add_certificate(store, sub.cert_pem)
    assert row["state"] == "未核对指纹" and row["office_name"] == "古饶镇"
    # the certificate's office becomes a subordinate of this office
    office = store.get("offices", row["office_id"])
    assert office["name"] == "古饶镇" and office["parent_id"] == small_plan["office"]
    assert trust.confirm(store, sub.fingerprint)["state"] == "已核对"
    der = sub.cert.public_bytes(serialization.Encoding.DER)
    assert trust.add_certificate(store, der)["id"] == row["id"]  # DER works, no duplicate
    revoked = trust.revoke(store, "古饶镇", "证书遗失")
    assert revoked["state"] == "已撤销" and revoked["revoke_reason"] == "证书遗失"
    with pytest.raises(trust.TrustError, match="已于 .* 撤销"):
        trust.add_certificate(store, sub.cert_pem)


def test_trust_matches_existing_subordinate_by_name(store, small_plan, township):
    with store.transaction():
        existing = offices.add_office(store, "古饶镇", "township", parent_id=small_plan["office"])
    sub = identity.create_identity(township, "口令123456")
    assert trust.add_certificate(store, sub.cert_pem)["office_id"] == existing
    own = identity.create_identity(store, "口令123456")
    with pytest.raises(trust.TrustError, match="本单位自己的证书"):
        trust.add_certificate(store, own.cert_pem)
