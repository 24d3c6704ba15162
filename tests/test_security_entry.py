"""Roll-up writes, number entry, deletions and key files (issue 12, holes 11, 12, 13)."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives import serialization

from msdesk import identity, plans, progress
from msdesk.backup import list_backups
from msdesk.cli import main
from msdesk.errors import ValidationError
from msdesk.numbers import format_number, parse_figure
from msdesk.package import import_submission, rollup
from tests import _package_fixtures as F

# -- 11. roll-up: ask with 已报 n/m and the totals that would fall, back up, undo in one step ---------


@pytest.fixture
def partial(tmp_path):
    """烈山区 with its own figures for Q2 and Q3; 1 of 3 townships has reported Q3."""
    net = F.network(tmp_path / "n")
    d = net.district
    F.enter_progress(d, net.plan_id, {net.indicators["培训"]: 2500, net.indicators["康复"]: 300}, period="2023Q2")
    F.enter_progress(d, net.plan_id, {net.indicators["培训"]: 2953, net.indicators["康复"]: 341})
    F.enter_progress(net.townships["古饶镇"], net.plan_id, {net.indicators["培训"]: 430, net.indicators["康复"]: 98})
    assert import_submission(d, F.submit(net, "古饶镇", tmp_path / "附件").path).ok
    yield net
    net.close()


def own(net, name, period=F.PERIOD):
    return progress.progress_row(net.district, net.indicators[name], period)["actual"]


def test_preview_names_reported_offices_and_falling_totals(partial):
    preview = rollup.preview_apply(partial.district, partial.plan_id, F.PERIOD)
    assert preview.reported_label == "已报 1/3"
    assert {c.indicator["name"] for c in preview.decreases} == {"培训家政服务人员", "残疾人康复救助"}
    text = preview.question()
    assert "已报 1/3" in text and "2953 → 430" in text and "上期 2500" in text and "还有 2 个单位未报送" in text


def test_falling_totals_are_refused_unless_confirmed(partial):
    with pytest.raises(ValidationError, match="小于本单位上期已报的累计数"):
        rollup.apply_sums(partial.district, partial.plan_id, F.PERIOD)
    assert own(partial, "培训") == 2953 and own(partial, "康复") == 341


def test_apply_backs_up_first_and_undoes_in_one_step(partial):
    d = partial.district
    backups = len(list_backups(d.path))
    applied = rollup.apply_sums(d, partial.plan_id, F.PERIOD, allow_decrease=True)
    assert len(list_backups(d.path)) == backups + 1 and "汇总写入前" in applied.backup.name
    assert own(partial, "培训") == 430 and own(partial, "康复") == 98
    before = d.query("SELECT count(DISTINCT txn) AS n FROM audit_log")[0]["n"]
    rollup.undo_apply(d, applied)
    assert d.query("SELECT count(DISTINCT txn) AS n FROM audit_log")[0]["n"] == before + 1
    assert own(partial, "培训") == 2953 and own(partial, "康复") == 341


def test_cli_apply_asks_first(partial, capsys):
    d = str(partial.district.path)
    assert main(["rollup", "--db", d, "--period", F.PERIOD, "--apply"]) == 4
    out = capsys.readouterr()
    assert "已报 1/3" in out.out + out.err and "--yes" in out.err
    assert own(partial, "培训") == 2953
    assert main(["rollup", "--db", d, "--period", F.PERIOD, "--apply", "--yes"]) == 4  # falling totals
    assert own(partial, "培训") == 2953
    assert main(["rollup", "--db", d, "--period", F.PERIOD, "--apply", "--yes", "--allow-decrease"]) == 0
    assert own(partial, "培训") == 430


def test_package_import_backs_up_first(partial, tmp_path):
    d = partial.district
    F.enter_progress(partial.townships["宋疃镇"], partial.plan_id, {partial.indicators["培训"]: 100})
    before = len(list_backups(d.path))
    assert import_submission(d, F.submit(partial, "宋疃镇", tmp_path / "附件2").path).ok
    assert len(list_backups(d.path)) == before + 1


# -- 12. number entry: forgiving, never guessing -------------------------------------------------


@pytest.mark.parametrize(
    "raw, unit, value",
    [
        ("９８", "人", 98),
        ("98人", "人", 98),
        ("９８人", "人", 98),
        ("12,500", None, 12500),
        ("１２，５００", None, 12500),
        ("1,234,567.5", "万元", 1234567.5),
        (" 98.5 % ", "%", 98.5),
        ("98 人", "人", 98),
        ("0.67万人", "万人", 0.67),
    ],
)
def test_accepted_entries(raw, unit, value):
    assert parse_figure(raw, "累计完成", unit) == value


@pytest.mark.parametrize(
    "raw, unit, words",
    [
        ("12,5", None, "含义不明确"),
        ("1,23", None, "含义不明确"),
        ("12,5000", None, "含义不明确"),
        ("1,2,3", None, "含义不明确"),
        ("98个", "人", "单位“个”与指标的单位“人”不一致"),
        ("98人", None, "带有单位"),
        ("abc", "人", "不是数字"),
        ("1" + "0" * 400, None, "过大"),
        ("1e400", None, "不是数字"),
        (10**400, None, "过大"),
        (float("nan"), None, "不是有效数字"),
    ],
)
def test_refused_entries(raw, unit, words):
    with pytest.raises(ValidationError, match=words):
        parse_figure(raw, "累计完成", unit)


def test_ambiguous_comma_is_not_saved(store, small_plan):
    ind = small_plan["indicators"][2]
    with pytest.raises(ValidationError, match="12.5"):
        with store.transaction():
            progress.set_actual(store, ind, "2023Q3", "12,5")
    assert progress.progress_row(store, ind, "2023Q3") is None
    with store.transaction():
        assert progress.set_actual(store, ind, "2023Q3", "９８名") == 98


@pytest.mark.parametrize(
    "value, plain, words",
    [
        (1e8, "100000000", "1亿"),
        (12000, "12000", "1.2万"),
        (0.5, "0.5", "0.5"),
        (1234.5, "1234.5", "1234.5"),
        (10**15, "1000000000000000", "1000万亿"),
        (None, "", ""),
    ],
)
def test_numbers_read_as_a_clerk_writes_them(value, plain, words):
    assert format_number(value) == plain and format_number(value, words=True) == words
    assert "e+" not in format_number(value)


def test_messages_never_show_exponents(store, small_plan):
    ind = small_plan["indicators"][2]
    with store.transaction():
        store.update("indicators", ind, target=1e8)
        progress.set_actual(store, ind, "2023Q2", 1e8)
    with pytest.raises(ValidationError) as err:
        with store.transaction():
            progress.set_actual(store, ind, "2023Q3", 50)
    assert "小于上期已报的 100000000" in err.value.message
    with pytest.raises(ValidationError) as err:
        with store.transaction():
            progress.set_actual(store, ind, "2023Q4", "400000000")
    assert "超过目标值 100000000" in err.value.message and "e+" not in err.value.message


# -- 12. deletions ask first: the core says what will go ----------------------------------------


def test_delete_project_indicator_measure_with_a_question(store, small_plan):
    project = small_plan["projects"][0]
    with store.transaction():
        measure = plans.add_measure(store, project, "开展培训", 0, seq="1")
        progress.set_actual(store, small_plan["indicators"][0], "2023Q3", 100)
    text = plans.deletion_question(store, "projects", project)
    assert "第3项" in text and "2 个指标" in text and "1 条推进措施" in text and "1 条已填报的进度" in text
    assert "撤销" in text
    assert "开展培训" in plans.deletion_question(store, "measures", measure)
    assert "培训家政服务人员" in plans.deletion_question(store, "indicators", small_plan["indicators"][0])
    with store.transaction():
        plans.delete_record(store, "measures", measure)
        plans.delete_record(store, "indicators", small_plan["indicators"][1])
        plans.delete_record(store, "projects", project)
    assert store.get("projects", project) is None and plans.measures(store, project) == []
    with pytest.raises(ValidationError):
        plans.delete_record(store, "offices", project)
    with store.transaction():
        plans.restore_record(store, "projects", project)
    assert store.get("projects", project)["seq"] == "3"


# -- 13. key files: slow KDF, 8 characters, old keys re-encrypted --------------------------------


def _header(path):
    body = b"".join(line for line in path.read_bytes().splitlines() if line and not line.startswith(b"-----"))
    return json.loads(base64.b64decode(body))


def test_key_file_uses_scrypt_at_full_cost(store, small_plan, full_kdf):
    assert full_kdf >= 2**17
    ident = identity.create_identity(store, "口令12345678")
    header = _header(identity.key_path(ident.office_id))
    assert header["kdf"] == "scrypt" and header["n"] == full_kdf and header["r"] >= 8
    assert identity.load_identity(store, "口令12345678").key is not None


def test_passphrase_needs_eight_characters(store, small_plan):
    with pytest.raises(identity.IdentityError, match="至少 8 个字符"):
        identity.create_identity(store, "口令12345")
    identity.create_identity(store, "口令123456")


def test_an_old_key_is_re_encrypted_on_unlock(store, small_plan):
    ident = identity.create_identity(store, "口令123456")
    path = identity.key_path(ident.office_id)
    key = identity.load_identity(store, "口令123456").key
    old = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption("旧口令".encode()),
    )  # 2,048 PBKDF2 rounds
    path.write_bytes(old)
    assert identity.load_identity(store, "旧口令").key.private_numbers() == key.private_numbers()
    assert _header(path)["kdf"] == "scrypt"
    with pytest.raises(identity.IdentityError, match="口令不正确"):
        identity.load_identity(store, "别的口令123")
    assert identity.load_identity(store, "旧口令").key.private_numbers() == key.private_numbers()
