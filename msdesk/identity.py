"""The office's signing identity: an ECDSA P-256 key and a self-signed certificate.

ECDSA P-256 with SHA-256 is validated by pyHanko and by Adobe Reader and makes
small, fast signatures. The private key never enters the database: it is kept
encrypted with the clerk's passphrase in data_dir()/keys/<office id>.key.pem,
next to the certificate <office id>.cert.pem, so copying the .msdesk file to
another PC does not copy the power to sign.

The fingerprint (SHA-256 of the certificate) is shown as 8 groups of 4 hex
digits (the first 128 bits), short enough to read over the phone and printed
on every table; the full digest is what the trust store compares.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import NameOID

from . import offices
from .errors import MsdeskError, os_reason
from .paths import data_dir
from .store import Store

CERT_YEARS = 10
MIN_PASSPHRASE = 8
# scrypt at OWASP's recommended cost (128 MB, about a second): a stolen key file resists offline
# guessing. Keys written by older versions (PKCS#8, PBKDF2 × 2,048) are re-encrypted on next unlock.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
KEY_LABEL = b"MSDESK ENCRYPTED PRIVATE KEY"
KEY_FORMAT = "msdesk-key-1"
BACKUP_MARK = "-----MSDESK KEY BACKUP-----"

NO_OFFICE = "请先在“单位设置”中填写填报单位，再创建签名证书。"
NO_KEY = "本单位还没有签名证书。请先用“签名证书→创建”（命令行：msdesk keys init）创建。"
KEY_MISSING = (
    "找不到本单位的签名私钥文件“{path}”，证书（指纹 {fp}）还在。请用“从备份恢复…”恢复（需要原口令）"
    "（命令行：msdesk keys import）；备份也已遗失时，删除证书文件“{cert}”后新建证书，并请上级单位重新信任。"
)
KEY_EXISTS = "本单位已有签名证书（指纹 {fp}）。如需更换，请先导出备份后删除旧证书文件。"
SHORT_PASS = "口令太短：至少 {n} 个字符。请记牢口令，遗失后无法恢复。"
BAD_PASS = "口令不正确，无法解开本单位的签名私钥。"
BAD_BACKUP = "文件“{path}”不是有效的签名证书备份：{detail}"
EXPIRED = (
    "本单位的签名证书（指纹 {fp}）已于 {until} 过期，不能再签名。请删除旧证书文件后新建证书，"
    "并请上级单位电话核对新指纹、重新加入信任列表。"
)
NAME_CHANGED = (
    "单位名称现在是“{name}”，但签名证书是以“{cert}”的名义创建的，上级单位会拒收这样的数据包。"
    "请在“单位设置”中把名称改回“{cert}”；确需改名时，请新建证书并请上级单位电话核对指纹后重新信任。"
)
WRONG_OFFICE = "备份属于“{name}”，不是本台账的填报单位“{me}”，未恢复。"


class IdentityError(MsdeskError):
    exit_code = 5


@dataclass
class Identity:
    """A loaded identity; key is None when only the certificate was read."""

    office_id: str
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey | None = None

    @property
    def office_name(self) -> str:
        return cert_office(self.cert)[1]

    @property
    def fingerprint(self) -> str:
        return display_fingerprint(self.cert)

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def sign(self, data: bytes) -> bytes:
        if self.key is None:
            raise IdentityError(BAD_PASS)
        return self.key.sign(data, ec.ECDSA(hashes.SHA256()))


# -- fingerprints --------------------------------------------------------


def fingerprint(cert: x509.Certificate) -> str:
    """Full SHA-256 of the DER certificate, lower-case hex (what is stored)."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def format_fingerprint(hex_digest: str) -> str:
    """'3f9a…' -> '3F9A 0C12 …' (8 groups of 4, the first 128 bits)."""
    short = hex_digest[:32].upper()
    return " ".join(short[i : i + 4] for i in range(0, 32, 4))


def display_fingerprint(cert: x509.Certificate) -> str:
    return format_fingerprint(fingerprint(cert))


def normalize_fingerprint(text: str) -> str:
    """What a clerk typed after a phone call: spaces, dashes, colons, any case."""
    return re.sub(r"[^0-9a-f]", "", str(text).lower())


def fingerprint_matches(cert: x509.Certificate, typed: str) -> bool:
    typed = normalize_fingerprint(typed)
    return len(typed) >= 32 and fingerprint(cert).startswith(typed)


def footer_note(store: Store) -> str | None:
    """The line printed at the foot of every exported table, once the office has a certificate."""
    if not has_identity(store):
        return None
    ident = certificate(store)
    return f"本表由{ident.office_name}数字签名，证书指纹：{ident.fingerprint}"


# -- certificates ----------------------------------------------------------


def cert_office(cert: x509.Certificate) -> tuple[str | None, str]:
    """(office id, office name) written in a certificate's subject."""

    def first(oid: x509.ObjectIdentifier) -> str | None:
        attrs = cert.subject.get_attributes_for_oid(oid)
        return attrs[0].value if attrs and isinstance(attrs[0].value, str) else None  # names are text

    # the organisation holds the whole name; the common name may be cut (see _common_name)
    return first(NameOID.USER_ID), first(NameOID.ORGANIZATION_NAME) or first(NameOID.COMMON_NAME) or "（未命名单位）"


def load_cert(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes; IdentityError if neither."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data[data.index(b"-----BEGIN CERTIFICATE-----") :])
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        # the parser's own text is English ASN.1 detail: a clerk needs to know what to do instead
        raise IdentityError(
            "不是有效的证书文件（.pem/.cer），可能已损坏或选错了文件。请让对方重新导出证书，"
            "或直接用对方发来的数据包（.zip）。"
        ) from exc


def verify_signature(cert: x509.Certificate, signature: bytes, data: bytes) -> bool:
    key = cert.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):  # another kind of key cannot have made an ECDSA signature
        return False
    try:
        key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        return True
    except (InvalidSignature, TypeError, ValueError):
        return False


def _common_name(name: str) -> str:
    """The office name cut to the 64 UTF-8 bytes a certificate's common name may hold (21 Chinese
    characters: a long 单位名称 is common); the full name goes into the organisation."""
    while len(name.encode("utf-8")) > 64:
        name = name[:-1]
    return name


def _make_cert(key: ec.EllipticCurvePrivateKey, office: dict[str, Any]) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, office["name"]),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "民生实事台账"),
            x509.NameAttribute(NameOID.COMMON_NAME, _common_name(office["name"])),
            x509.NameAttribute(NameOID.USER_ID, office["id"]),
        ]
    )
    now = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)  # tolerate small clock skew
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365 * CERT_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )


# -- files -------------------------------------------------------------------


def keys_dir() -> Path:
    folder = data_dir() / "keys"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def key_path(office_id: str) -> Path:
    return keys_dir() / f"{office_id}.key.pem"


def cert_path(office_id: str) -> Path:
    return keys_dir() / f"{office_id}.cert.pem"


def _self(store: Store) -> dict[str, Any]:
    me = offices.self_office(store)
    if not me:
        raise IdentityError(NO_OFFICE)
    return me


def has_identity(store: Store) -> bool:
    me = offices.self_office(store)
    return me is not None and cert_path(me["id"]).is_file() and key_path(me["id"]).is_file()


def create_identity(store: Store, passphrase: str) -> Identity:
    """Make the office's key and certificate (first use). Refuses to replace one."""
    me = _self(store)
    if has_identity(store):
        raise IdentityError(KEY_EXISTS.format(fp=certificate(store).fingerprint))
    if cert_path(me["id"]).is_file():  # a new key would silently replace the certificate the upper office trusts
        raise IdentityError(key_missing_message(certificate(store)))
    check_passphrase(passphrase)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _make_cert(key, me)
    _write_private(key_path(me["id"]), _encrypt(key, passphrase))
    cert_path(me["id"]).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Identity(me["id"], cert, key)


def check_passphrase(passphrase: str) -> None:
    if not passphrase or len(passphrase) < MIN_PASSPHRASE:
        raise IdentityError(SHORT_PASS.format(n=MIN_PASSPHRASE))


def certificate(store: Store) -> Identity:
    """The office's certificate without unlocking the key."""
    me = _self(store)
    path = cert_path(me["id"])
    if not path.is_file():
        raise IdentityError(NO_KEY)
    return Identity(me["id"], load_cert(path.read_bytes()))


def load_identity(store: Store, passphrase: str) -> Identity:
    """Certificate and unlocked private key; IdentityError for a wrong passphrase."""
    ident = certificate(store)
    path = key_path(ident.office_id)
    if not path.is_file():
        raise IdentityError(key_missing_message(ident))
    if dt.datetime.now(dt.timezone.utc) > ident.cert.not_valid_after_utc:
        raise IdentityError(EXPIRED.format(fp=ident.fingerprint, until=f"{ident.cert.not_valid_after_utc:%Y-%m-%d}"))
    pem = path.read_bytes()
    ident.key = _decrypt(pem, passphrase)
    if not _is_current(pem):  # an older, weakly encrypted key: re-encrypt it now that we know the passphrase
        _write_private(path, _encrypt(ident.key, passphrase))
    return ident


def key_missing_message(ident: Identity) -> str:
    return KEY_MISSING.format(path=key_path(ident.office_id), fp=ident.fingerprint, cert=cert_path(ident.office_id))


def key_missing(store: Store) -> bool:
    """The certificate is here but its private key file is gone (deleted, or only the cert copied)."""
    me = offices.self_office(store)
    return me is not None and cert_path(me["id"]).is_file() and not key_path(me["id"]).is_file()


def _encrypt(key: ec.EllipticCurvePrivateKey, passphrase: str) -> bytes:
    """The private key (PKCS#8 DER) sealed with AES-256-GCM under a scrypt-derived key, as PEM-style text."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    header = {
        "format": KEY_FORMAT,
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
    }
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    aad = json.dumps(header, sort_keys=True).encode()
    header["data"] = base64.b64encode(AESGCM(_kdf(passphrase, header)).encrypt(nonce, der, aad)).decode()
    body = base64.encodebytes(json.dumps(header).encode()).replace(b"\n", b"")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return b"\n".join([b"-----BEGIN " + KEY_LABEL + b"-----", *lines, b"-----END " + KEY_LABEL + b"-----", b""])


def _kdf(passphrase: str, header: dict[str, Any]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    n, r, p = int(header["n"]), int(header["r"]), int(header["p"])
    if not (2**14 <= n <= 2**20 and 1 <= r <= 16 and 1 <= p <= 16):  # a tampered file must not exhaust memory
        raise IdentityError(BAD_PASS)
    return Scrypt(salt=base64.b64decode(header["salt"]), length=32, n=n, r=r, p=p).derive(
        (passphrase or "").encode("utf-8")
    )


def _is_current(pem: bytes) -> bool:
    return (b"-----BEGIN " + KEY_LABEL + b"-----") in pem


def _decrypt(pem: bytes, passphrase: str) -> ec.EllipticCurvePrivateKey:
    if _is_current(pem):
        key = _decrypt_current(_pem_block(pem, KEY_LABEL) or b"", passphrase)
    else:
        try:
            key = serialization.load_pem_private_key(pem, (passphrase or "").encode("utf-8"))
        except (ValueError, TypeError) as exc:
            raise IdentityError(BAD_PASS) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise IdentityError(BAD_PASS)
    return key


def _decrypt_current(block: bytes, passphrase: str) -> PrivateKeyTypes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        body = b"".join(line for line in block.splitlines() if line and not line.startswith(b"-----"))
        header = json.loads(base64.b64decode(body))
        data = base64.b64decode(header.pop("data"))
        if header.get("format") != KEY_FORMAT or header.get("kdf") != "scrypt":
            raise ValueError(header.get("format"))
        aad = json.dumps(header, sort_keys=True).encode()
        der = AESGCM(_kdf(passphrase, header)).decrypt(base64.b64decode(header["nonce"]), data, aad)
        return serialization.load_der_private_key(der, None)
    except (InvalidTag, ValueError, KeyError, TypeError) as exc:
        raise IdentityError(BAD_PASS) from exc


def _write_private(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        path.chmod(0o600)
    except OSError:  # Windows ACLs: the user profile folder is private already
        pass


# -- backup and restore --------------------------------------------------------


def export_identity(store: Store, dest: str | Path) -> Path:
    """Write a backup file: the encrypted key and the certificate (the passphrase stays with the clerk)."""
    ident = certificate(store)
    dest = Path(dest)
    text = (
        f"{BACKUP_MARK}\n单位：{ident.office_name}\n指纹：{ident.fingerprint}\n"
        + key_path(ident.office_id).read_text("ascii")
        + ident.cert_pem.decode("ascii")
    )
    dest.parent.mkdir(parents=True, exist_ok=True)
    _write_private(dest, text.encode("utf-8"))
    return dest


def import_identity(store: Store, src: str | Path, passphrase: str, replace: bool = False) -> Identity:
    """Restore a backup made by export_identity for this file's office."""
    src = Path(src)
    me = _self(store)
    try:
        raw = src.read_bytes()
    except OSError as exc:
        raise IdentityError(BAD_BACKUP.format(path=src, detail=os_reason(exc))) from exc
    key_pem = _pem_block(raw, KEY_LABEL) or _pem_block(raw, b"ENCRYPTED PRIVATE KEY")
    if BACKUP_MARK.encode() not in raw or key_pem is None:
        raise IdentityError(BAD_BACKUP.format(path=src, detail="缺少加密私钥"))
    cert = load_cert(raw)
    office_id, name = cert_office(cert)
    if office_id != me["id"]:
        raise IdentityError(WRONG_OFFICE.format(name=name, me=me["name"]))
    key = _decrypt(key_pem, passphrase)
    cert_key = cert.public_key()
    if (
        not isinstance(cert_key, ec.EllipticCurvePublicKey)
        or key.public_key().public_numbers() != cert_key.public_numbers()
    ):
        raise IdentityError(BAD_BACKUP.format(path=src, detail="私钥与证书不匹配"))
    if has_identity(store) and not replace and fingerprint(certificate(store).cert) != fingerprint(cert):
        raise IdentityError(KEY_EXISTS.format(fp=certificate(store).fingerprint))
    _write_private(key_path(me["id"]), key_pem if _is_current(key_pem) else _encrypt(key, passphrase))
    cert_path(me["id"]).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Identity(me["id"], cert, key)


def _pem_block(raw: bytes, label: bytes) -> bytes | None:
    begin, end = b"-----BEGIN " + label + b"-----", b"-----END " + label + b"-----"
    start = raw.find(begin)
    stop = raw.find(end, start)
    if start < 0 or stop < 0:
        return None
    return raw[start : stop + len(end)] + b"\n"
