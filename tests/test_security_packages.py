"""Hostile packages (issue 12, holes 1, 2, 5, 6, 9): refused with a reason, never a crash."""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import given, settings
from hypothesis import strategies as st

from msdesk import identity, trust
from msdesk.cli import main
from msdesk.package import import_folder, import_submission, return_submission, safejson, verify_package
from msdesk.package.errors import EXIT_CODES, PackageError
from msdesk.package.manifest import build_manifest, write_signed
from tests import _package_fixtures as F
from tests import test_package_bad_input as bad_input
from tests._fuzz import examples
from tests.test_package_bad_input import audit_count, members, raw_zip

world, district = bad_input.world, bad_input.district  # the same fixtures: one township, one good 报送包

HOSTILE = {
    "deep": b"[" * 100000,
    "digits": b'{"a": ' + b"9" * 5000 + b"}",
    # hex of random bytes: long, but not compressible enough to look like a zip bomb
    "long_string": b'{"a": "' + random.Random(1).randbytes(1_500_000).hex().encode() + b'"}',
}


def stranger(name="某镇"):
    """A key nobody trusts, with a certificate naming an office of its choice."""
    key = ec.generate_private_key(ec.SECP256R1())
    return identity.Identity(str(uuid.uuid4()), identity._make_cert(key, {"name": name, "id": str(uuid.uuid4())}), key)


def signed(world, path, ident=None, data=None, manifest_raw=None, change_manifest=None):
    """A package signed by ident (default the trusted 古饶镇 key) with its parts changed as asked."""
    ident = ident or world["ident"]
    files = [(n, b) for n, b in members(world["good"]) if n not in ("manifest.json", "manifest.sig", "signer.pem")]
    if data is not None:
        files = [(n, data if n == "data.json" else b) for n, b in files]
    old = json.loads(dict(members(world["good"]))["manifest.json"])
    office = dict(old["office"], id=identity.cert_office(ident.cert)[0] or old["office"]["id"])
    manifest = build_manifest(
        ident, office, "submission", files, old["period"], old["year"], old["plan_id"], old["version"], old["recipient"]
    )
    if change_manifest:
        change_manifest(manifest)
    if manifest_raw is None:
        return write_signed(path, ident, manifest, files)
    entries = [
        ("manifest.json", manifest_raw),
        ("manifest.sig", ident.sign(manifest_raw)),
        ("signer.pem", ident.cert_pem),
        *files,
    ]
    return raw_zip(path, entries)


def cli(*argv):
    return main([str(a) for a in argv])


# -- 1. nothing unauthenticated is parsed beyond bounded limits -------------------------------------


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_manifest_without_a_valid_signature_is_refused_before_parsing(district, world, tmp_path, kind):
    entries = [(n, HOSTILE[kind] if n == "manifest.json" else b) for n, b in members(world["good"])]
    path = raw_zip(tmp_path / "0.zip", entries)
    result = import_submission(district, path)
    assert result.reason == "bad_signature" and result.exit_code == 13
    assert cli("package", "verify", path) == 13


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_manifest_signed_by_a_stranger(district, world, tmp_path, kind, capsys):
    path = signed(world, tmp_path / "0.zip", stranger(), manifest_raw=HOSTILE[kind])
    result = import_submission(district, path)  # bounded parse refuses before anything else
    assert result.reason == "bad_data" and result.exit_code == 19
    assert cli("package", "verify", path) == EXIT_CODES["bad_data"]  # no store: bounded parse refuses
    out = capsys.readouterr().out
    assert "无效" in out and "Traceback" not in out


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_data_from_a_trusted_office_is_bad_data(district, world, tmp_path, kind):
    path = signed(world, tmp_path / "坏数据.zip", data=HOSTILE[kind])
    before = audit_count(district)
    result = import_submission(district, path)
    assert result.reason == "bad_data" and result.exit_code == 19, result.message
    assert "data.json" in result.message
    assert audit_count(district) == before


def test_hostile_data_from_a_stranger_is_unknown_signer(district, world, tmp_path):
    path = signed(world, tmp_path / "陌生.zip", stranger("古饶镇"), data=HOSTILE["deep"])
    assert import_submission(district, path).reason == "unknown_signer"


def test_folder_import_goes_on_past_a_bad_file(tmp_path):
    net = F.network(tmp_path / "n", townships=("古饶镇", "宋疃镇"))
    try:
        inbox = tmp_path / "附件"
        for name in ("古饶镇", "宋疃镇"):
            F.enter_progress(net.townships[name], net.plan_id, {net.indicators["培训"]: 500})
            F.submit(net, name, inbox)
        good = sorted(inbox.iterdir())
        first = dict(members(good[0]))
        raw_zip(inbox / "0.zip", [(n, b"[" * 100000 if n == "manifest.json" else b) for n, b in first.items()])
        results = import_folder(net.district, inbox)
        assert sorted(r.action for r in results) == ["accepted", "accepted", "rejected"]
        assert len(net.district.rows("submissions")) == 2
        assert cli("package", "import", inbox, "--db", net.district.path) == 21  # some rejected, none crashed
    finally:
        net.close()


# -- 2. identity comes from the trusted certificate only ------------------------------------------


def test_stated_office_name_differing_from_the_signer_is_refused(district, world, tmp_path, capsys):
    def claim(m):
        m["office"]["name"] = "宋疃镇"

    path = signed(world, tmp_path / "冒名.zip", change_manifest=claim)
    result = import_submission(district, path)
    assert result.action == "rejected" and result.reason == "bad_signature"
    assert "宋疃镇" in result.message and "古饶镇" in result.message
    assert cli("package", "verify", path, "--db", district.path) == 13
    assert cli("package", "verify", path) == 13  # no store: the certificate names 古饶镇
    out = capsys.readouterr().out
    assert "报送包有效：宋疃镇" not in out


def test_verified_summary_names_the_certificate_office(district, world):
    found = verify_package(world["good"], district)
    assert found.office_name == "古饶镇" and found.summary().startswith("报送包有效：古饶镇")


@pytest.mark.parametrize("where", ["manifest", "data"])
def test_lone_surrogate_never_crashes(district, world, tmp_path, capsys, where):
    raw = json.loads(dict(members(world["good"]))["manifest.json"])
    if where == "manifest":
        raw["office"]["head"] = "\ud800"
        text = json.dumps(raw, ensure_ascii=True).encode()
        path = signed(world, tmp_path / "代理.zip", stranger(), manifest_raw=text)
    else:
        doc = json.loads(dict(members(world["good"]))["data.json"])
        doc["project_reports"][0]["progress_note"] = "进展\udcff"
        path = signed(world, tmp_path / "代理.zip", data=json.dumps(doc, ensure_ascii=True).encode())
    assert cli("package", "verify", path) == EXIT_CODES["bad_data"]
    assert "Traceback" not in capsys.readouterr().err


# -- 5. sequence numbers only move forward, returns included --------------------------------------


def test_an_older_package_is_refused_after_a_return(tmp_path):
    net = F.network(tmp_path / "n", townships=("古饶镇",))
    try:
        t = net.townships["古饶镇"]
        F.enter_progress(t, net.plan_id, {net.indicators["培训"]: 500})
        v1 = F.submit(net, "古饶镇", tmp_path / "1").path
        F.enter_progress(t, net.plan_id, {net.indicators["培训"]: 900})
        v2 = F.submit(net, "古饶镇", tmp_path / "2").path
        assert import_submission(net.district, v2).action == "accepted"
        sid = net.district.rows("submissions")[0]["id"]
        return_submission(net.district, sid, "数据有误")
        result = import_submission(net.district, v1)
        assert result.action == "rejected" and result.reason == "duplicate", result.message
        assert "第2次报送" in result.message
        # v2's figures are not replaced by v1's
        rows = net.district.query("SELECT actual FROM progress WHERE indicator_id = ?", [net.indicators["培训"]])
        assert [r["actual"] for r in rows] == [900]
        F.enter_progress(t, net.plan_id, {net.indicators["培训"]: 950})
        assert import_submission(net.district, F.submit(net, "古饶镇", tmp_path / "3").path).action == "accepted"
    finally:
        net.close()


# -- 6. certificate dates against the signing time and the time of receipt -------------------------


def dated(world, district, start, end):
    key = world["ident"].key
    me_id, name = identity.cert_office(world["ident"].cert)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name), x509.NameAttribute(NameOID.USER_ID, me_id)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .sign(key, hashes.SHA256())
    )
    ident = identity.Identity(me_id, cert, key)
    trust.add_certificate(district, ident.cert_pem)
    return ident


UTC = dt.timezone.utc


@pytest.mark.parametrize("created", ["2019-06-01T10:00:00", "", "昨天"])
def test_certificate_expired_in_2020_is_refused_however_dated(district, world, tmp_path, created):
    ident = dated(world, district, dt.datetime(2010, 1, 1, tzinfo=UTC), dt.datetime(2020, 1, 1, tzinfo=UTC))
    path = signed(world, tmp_path / "过期.zip", ident, change_manifest=lambda m: m.update(created_at=created))
    result = import_submission(district, path)
    assert result.action == "rejected" and result.exit_code in (15, 19), result.message
    if created:
        assert result.reason == "expired_signer" or "制作时间" in result.message


def test_certificate_not_yet_valid_is_refused(district, world, tmp_path):
    ident = dated(world, district, dt.datetime(2030, 1, 1, tzinfo=UTC), dt.datetime(2040, 1, 1, tzinfo=UTC))
    result = import_submission(district, signed(world, tmp_path / "未来.zip", ident))
    assert result.reason == "expired_signer" and "2030" in result.message


def test_late_arrival_within_the_grace_period_is_accepted(district, world, tmp_path):
    from msdesk.package import verify as V

    end = dt.datetime.now(UTC) - dt.timedelta(days=V.GRACE_DAYS - 5)
    ident = dated(world, district, end - dt.timedelta(days=400), end)
    made = (end - dt.timedelta(days=2)).astimezone().replace(tzinfo=None).isoformat(timespec="seconds")
    path = signed(world, tmp_path / "迟到.zip", ident, change_manifest=lambda m: m.update(created_at=made))
    assert verify_package(path, district).office_name == "古饶镇"
    end = dt.datetime.now(UTC) - dt.timedelta(days=V.GRACE_DAYS + 5)
    ident = dated(world, district, end - dt.timedelta(days=400), end)
    made = (end - dt.timedelta(days=2)).astimezone().replace(tzinfo=None).isoformat(timespec="seconds")
    path = signed(world, tmp_path / "太迟.zip", ident, change_manifest=lambda m: m.update(created_at=made))
    with pytest.raises(PackageError) as err:
        verify_package(path, district)
    assert err.value.reason == "expired_signer"


# -- 9. received figures pass the clerk's checks ---------------------------------------------------


def _change(world, fn):
    doc = json.loads(dict(members(world["good"]))["data.json"])
    fn(doc)
    return json.dumps(doc, ensure_ascii=False).encode()


@pytest.mark.parametrize("case", ["negative_actual", "negative_funds", "wrong_year", "later_period", "nan"])
def test_received_figures_get_the_clerks_checks(district, world, tmp_path, case):
    def fn(doc):
        row = doc["progress"][0]
        if case == "negative_actual":
            row["actual"] = -5
        elif case == "negative_funds":
            doc["project_reports"][0]["funds_spent"] = -12.5
        elif case == "wrong_year":
            row["period"] = "2024Q3"
        elif case == "later_period":
            row["period"] = "2023Q4"
        else:
            row["actual"] = float("nan")

    raw = _change(world, fn)
    before = audit_count(district)
    result = import_submission(district, signed(world, tmp_path / f"{case}.zip", data=raw))
    assert result.action == "rejected" and result.reason == "bad_data", (case, result.message)
    assert audit_count(district) == before


def test_ten_to_the_400_never_crashes(district, world, tmp_path, capsys):
    raw = _change(world, lambda d: d["progress"][0].update(actual=1)).replace(
        b'"actual": 1,', b'"actual": 1' + b"0" * 400 + b",", 1
    )
    assert b"0" * 400 in raw
    path = signed(world, tmp_path / "巨大.zip", data=raw)
    result = import_submission(district, path)
    assert result.reason == "bad_data"
    float_raw = raw.replace(b"1" + b"0" * 400, b"1e400")
    assert import_submission(district, signed(world, tmp_path / "巨大2.zip", data=float_raw)).reason == "bad_data"
    assert cli("package", "import", path, "--db", district.path) == 19
    assert "Traceback" not in capsys.readouterr().err


# -- fuzzing the bounded parser -----------------------------------------------------------------

_TOKENS = st.sampled_from(
    [
        "[",
        "]",
        "{",
        "}",
        '"',
        ",",
        ":",
        "0",
        "9" * 50,
        "-",
        ".",
        "e",
        "E",
        "+",
        "1e400",
        "NaN",
        "Infinity",
        "true",
        "null",
        "\\",
        "\\u",
        "d800",
        "\\ud800",
        "é",
        "镇",
        " ",
        "\n",
    ]
)


@settings(max_examples=examples(300), deadline=None)
@given(
    st.one_of(
        st.lists(_TOKENS, max_size=400).map("".join).map(str.encode),
        st.binary(max_size=400),
        st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(1, 3000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    )
)
def test_bounded_parser_never_crashes(raw):
    try:
        safejson.loads(raw, "data.json")
    except PackageError as exc:
        assert exc.reason == "bad_data" and "data.json" in exc.message


def test_a_renamed_office_is_told_before_sending(tmp_path):
    from msdesk import offices
    from msdesk.identity import IdentityError

    net = F.network(tmp_path / "n", townships=("古饶镇",))
    try:
        t = net.townships["古饶镇"]
        with t.transaction():
            offices.set_self_office(t, "宋疃镇", "township")
        with pytest.raises(IdentityError, match="以“古饶镇”的名义创建"):
            F.submit(net, "古饶镇", tmp_path / "out")
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    finally:
        net.close()
