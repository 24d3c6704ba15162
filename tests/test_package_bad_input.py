"""Bad packages: each gets its own clear Chinese reason and the database stays unchanged."""

from __future__ import annotations

import io
import json
import warnings
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msdesk import identity
from msdesk.package import import_submission, verify_package, zipio
from msdesk.package.errors import EXIT_CODES, PackageError
from msdesk.package.manifest import build_manifest, write_signed
from tests import _package_fixtures as F
from tests._fuzz import examples


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """One district, one township, one good 报送包 (built once: signing a PDF takes a moment)."""
    import os

    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("MSDESK_HOME")
    os.environ["MSDESK_HOME"] = str(home)
    net = F.network(tmp_path_factory.mktemp("offices"), townships=("古饶镇",))
    t = net.townships["古饶镇"]
    F.enter_progress(t, net.plan_id, {net.indicators["培训"]: 1000, net.indicators["孤儿"]: True})
    good = F.submit(net, "古饶镇").path
    ident = identity.load_identity(t, F.PASS)
    yield dict(net=net, good=good, ident=ident, home=home)
    net.close()
    if old is None:
        os.environ.pop("MSDESK_HOME", None)
    else:
        os.environ["MSDESK_HOME"] = old


@pytest.fixture
def district(world, monkeypatch):
    monkeypatch.setenv("MSDESK_HOME", str(world["home"]))
    return world["net"].district


def members(path):
    with zipfile.ZipFile(path) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def raw_zip(path, entries, compression=zipfile.ZIP_DEFLATED):
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", compression) as zf:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we write on purpose
        for name, data in entries:
            zf.writestr(name, data)
    return path


def resign(world, path, change_data):
    """A properly signed package whose data.json was changed before signing."""
    files = [(n, b) for n, b in members(world["good"]) if n not in ("manifest.json", "manifest.sig", "signer.pem")]
    files = [(n, change_data(b) if n == "data.json" else b) for n, b in files]
    old = json.loads(dict(members(world["good"]))["manifest.json"])
    manifest = build_manifest(
        world["ident"],
        old["office"],
        "submission",
        files,
        old["period"],
        old["year"],
        old["plan_id"],
        old["version"],
        old["recipient"],
    )
    return write_signed(path, world["ident"], manifest, files)


def audit_count(store):
    return store.query("SELECT count(*) AS n FROM audit_log")[0]["n"]


def rejected(district, path, reason, words):
    before = audit_count(district)
    result = import_submission(district, path)
    assert result.action == "rejected", result.message
    assert result.reason == reason, result.message
    assert result.exit_code == EXIT_CODES[reason]
    for word in words:
        assert word in result.message
    assert audit_count(district) == before
    assert district.rows("submissions") == []
    return result


def test_good_package_is_valid(district, world):
    found = verify_package(world["good"], district)
    assert found.office_name == "古饶镇" and found.period == "2023Q3" and "有效" in found.summary()


def test_truncated_zip(district, world, tmp_path):
    data = world["good"].read_bytes()
    (tmp_path / "截断.zip").write_bytes(data[: len(data) // 2])
    rejected(district, tmp_path / "截断.zip", "corrupt", ["不是完整的数据包", "重新发送"])


def test_not_a_zip(district, tmp_path):
    (tmp_path / "表格.zip").write_bytes("这其实是一段文字".encode() * 50)
    rejected(district, tmp_path / "表格.zip", "corrupt", ["不是 zip 格式"])


@pytest.mark.parametrize(
    "bad_name", ["../../evil.txt", "/etc/passwd", "子目录/data.json", "C:evil.txt", "..\\evil.txt"]
)
def test_paths_that_escape_the_folder(district, world, tmp_path, bad_name):
    path = raw_zip(tmp_path / "越界.zip", [*members(world["good"]), (bad_name, b"x")])
    result = rejected(district, path, "unsafe", ["指向包外"])
    assert bad_name in result.message


def test_duplicate_members(district, world, tmp_path):
    entries = members(world["good"])
    path = raw_zip(tmp_path / "重复.zip", [*entries, ("data.json", entries[3][1])])
    rejected(district, path, "unsafe", ["“data.json”出现了不止一次"])


def test_zip_bomb(district, world, tmp_path):
    path = raw_zip(tmp_path / "炸弹.zip", [*members(world["good"]), ("padding.bin", bytes(30 << 20))])
    rejected(district, path, "unsafe", ["压缩炸弹", "padding.bin"])


def test_oversized_member(district, world, tmp_path, monkeypatch):
    monkeypatch.setattr(zipio, "MAX_MEMBER_MB", 1)
    path = raw_zip(
        tmp_path / "过大.zip", [*members(world["good"]), ("big.bin", bytes(range(256)) * 8192)], zipfile.ZIP_STORED
    )
    rejected(district, path, "unsafe", ["过大", "big.bin"])


def test_lying_header_cannot_inflate_more(world, tmp_path):
    """A member whose header claims a small size but inflates to more is cut off while reading."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", bytes(4 << 20))
    raw = bytearray(buf.getvalue())
    # patch the uncompressed size in the central directory to 1000 bytes
    cd = raw.rfind(b"PK\x01\x02")
    raw[cd + 24 : cd + 28] = (1000).to_bytes(4, "little")
    with pytest.raises(PackageError) as err:
        zipio.read_members(bytes(raw))
    assert err.value.reason in ("unsafe", "corrupt")


def test_one_byte_changed_in_manifest_breaks_the_signature(district, world, tmp_path):
    entries = [
        (n, b.replace(b'"version": 1', b'"version": 7') if n == "manifest.json" else b)
        for n, b in members(world["good"])
    ]
    rejected(district, raw_zip(tmp_path / "改清单.zip", entries), "bad_signature", ["签名无效"])


def test_missing_and_extra_files(district, world, tmp_path):
    entries = members(world["good"])
    no_xlsx = [(n, b) for n, b in entries if not n.endswith(".xlsx")]
    result = rejected(district, raw_zip(tmp_path / "缺表.zip", no_xlsx), "missing", ["缺少文件"])
    assert ".xlsx" in result.message
    rejected(
        district,
        raw_zip(tmp_path / "多文件.zip", [*entries, ("说明.txt", "请查收".encode())]),
        "extra",
        ["清单以外的文件“说明.txt”"],
    )


def test_wrong_json_even_when_signed(district, world, tmp_path):
    path = resign(world, tmp_path / "坏JSON.zip", lambda b: b[:-20])
    result = rejected(district, path, "bad_data", ["data.json", "不是有效的数据", "行"])
    assert "Expecting" not in result.message or "第" in result.message


def test_unknown_schema_version(district, world, tmp_path):
    def newer(b):
        data = json.loads(b)
        data["schema_version"] = 99
        return json.dumps(data).encode()

    rejected(district, resign(world, tmp_path / "新版本.zip", newer), "newer_schema", ["更新版本", "99", "升级"])


def test_data_for_another_plan(district, world, tmp_path):
    def other_plan(b):
        data = json.loads(b)
        data["plan"]["id"] = "00000000-0000-0000-0000-000000000000"
        return json.dumps(data).encode()

    rejected(district, resign(world, tmp_path / "别的计划.zip", other_plan), "plan_mismatch", ["计划不一致"])


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 10**15, 1e300])
def test_figure_too_large_for_the_file_is_refused(district, world, tmp_path, value):
    """Found by the fuzzer below: 2^63 in 累计完成 made SQLite raise OverflowError mid-import."""

    def huge(b):
        data = json.loads(b)
        data["progress"][0]["actual"] = value
        return json.dumps(data).encode()

    rejected(district, resign(world, tmp_path / "大数.zip", huge), "bad_data", ["累计完成", "取值不对"])


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_damaged_byte_is_refused_cleanly(district, world, data):
    """Flip bytes anywhere: a PackageError with a reason, or the untouched original content; never a crash."""
    raw = bytearray(world["good"].read_bytes())
    for _ in range(data.draw(st.integers(1, 3))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] ^= data.draw(st.integers(1, 255))
    path = world["home"] / "fuzz.zip"
    path.write_bytes(bytes(raw))
    try:
        found = verify_package(path, district)
    except PackageError as exc:
        assert exc.reason in EXIT_CODES and exc.message
    else:  # the flip hit bytes nobody reads (timestamps, comments): the content is the original
        assert found.members == dict(members(world["good"]))


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_signed_but_odd_data_never_crashes_the_import(district, world, data):
    """A trusted office's signed data.json with a field set to junk: accepted or refused, never a crash."""

    def mutate(raw):
        doc = json.loads(raw)
        table = data.draw(st.sampled_from(["progress", "project_reports", "plan", "signoff", "period", "office"]))
        target = doc[table]
        if isinstance(target, list):
            target = target[data.draw(st.integers(0, len(target) - 1))]
        key = data.draw(st.sampled_from(sorted(target)))
        target[key] = data.draw(_JUNK)
        return json.dumps(doc, ensure_ascii=False).encode()

    path = resign(world, world["home"] / "odd.zip", mutate)
    before = audit_count(district)
    result = import_submission(district, path)
    if result.action == "rejected":
        assert result.message and result.reason in EXIT_CODES
        assert audit_count(district) == before
    else:  # a harmless change (e.g. a note's text): undo it for the next example
        with district.transaction():
            district.conn.execute("DELETE FROM submissions")
