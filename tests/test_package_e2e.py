"""End to end: a district and three townships exchange signed packages in temporary folders.

task package down -> townships import, enter progress, export signed 报送包 ->
district verifies, dry-runs and imports the folder, rolls up; tampered and
foreign packages are refused with the right reason.
"""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from cryptography.hazmat.primitives import serialization

from msdesk import identity, offices, submissions, trust
from msdesk.package import export_tasks, import_folder, import_submission, import_tasks, rollup, verify_package
from msdesk.package.errors import PackageError
from msdesk.package.pdfsign import validate_pdf
from msdesk.status import DONE, LAGGING, ON_TRACK
from msdesk.store import create_store
from tests import _package_fixtures as F


def figures_for(net, k):
    i = net.indicators
    return {i["培训"]: 900 + 10 * k, i["新增"]: 120 + k, i["康复"]: 100 + 20 * k, i["孤儿"]: True}


@pytest.fixture
def net(tmp_path):
    n = F.network(tmp_path / "办公室")
    for k, name in enumerate(F.TOWNSHIPS):
        F.enter_progress(n.townships[name], n.plan_id, figures_for(n, k))
    yield n
    n.close()


def rewrite(src, dst, member, change):
    """Copy a package changing one member's bytes (the manifest and signature stay)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == member else data)
    return dst


def test_township_plan_comes_from_the_task_package(net):
    t = net.townships["宋疃镇"]
    me = offices.self_office(t)
    parent = t.get("offices", me["parent_id"])
    assert parent["name"] == "烈山区" and parent["id"] == offices.self_office(net.district)["id"]
    # same UUIDs as the district's plan, targets are the township's share
    assert t.get("plans", net.plan_id)["title"] == "烈山区2023年实施民生实事"
    assert t.get("indicators", net.indicators["培训"])["target"] == 1250
    assert t.get("indicators", net.indicators["新增"])["target"] == 216
    assert t.get("indicators", net.indicators["孤儿"])["target_text"] == "应保尽保"
    assert [u["unit_name"] for u in t.rows("project_units", "project_id = ?", [net.projects["7"]])] == ["区残联"]
    # importing the same task package twice is refused and changes nothing
    before = t.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
    from msdesk.package import import_tasks

    again = import_tasks(t, net.task_package)
    assert not again.ok and again.reason == "duplicate" and "已经导入过" in again.message
    assert t.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == before


def test_submissions_roll_up_to_the_sums(net, tmp_path):
    inbox = tmp_path / "邮件附件"
    built = [F.submit(net, name, inbox) for name in F.TOWNSHIPS]
    assert all(b.version == 1 for b in built)
    assert all(submissions.is_submitted(net.townships[n], F.PERIOD) for n in F.TOWNSHIPS)
    rollup.set_due_date(net.district, F.PERIOD, F.DUE_AHEAD)

    dry = import_folder(net.district, inbox, dry_run=True)
    assert [r.action for r in dry] == ["accepted"] * 3 and all("将接收" in r.message for r in dry)
    assert net.district.rows("submissions") == []

    results = import_folder(net.district, inbox)
    assert sorted(r.office for r in results) == sorted(F.TOWNSHIPS)
    assert all(r.action == "accepted" for r in results)

    rows = {r.indicator["id"]: r for r in rollup.consolidated(net.district, net.plan_id, F.PERIOD)}
    expected = {
        ind: sum(figures_for(net, k)[ind] for k in range(3))
        for ind in (net.indicators["培训"], net.indicators["新增"], net.indicators["康复"])
    }
    for ind, total in expected.items():
        assert rows[ind].total == total
        assert rows[ind].own_target == net.district.get("indicators", ind)["target"]
    train = rows[net.indicators["培训"]]
    assert train.assessment.completion == pytest.approx(expected[net.indicators["培训"]] / 3750)
    assert train.assessment.status == ON_TRACK  # 2730/3750 = 72.8%, 2.2 points under 序时进度 75%
    by_office = {f.office["name"]: f for f in rows[net.indicators["康复"]].offices}
    assert by_office["烈山镇"].actual == 140 and by_office["烈山镇"].target == 187
    assert by_office["古饶镇"].assessment.status == LAGGING and by_office["烈山镇"].assessment.status == ON_TRACK
    assert rows[net.indicators["孤儿"]].assessment.status == DONE
    status = {s["office"]["name"]: s["label"] for s in rollup.submission_status(net.district, F.PERIOD)}
    assert status == {n: rollup.ON_TIME for n in F.TOWNSHIPS}
    assert rollup.completeness(net.district, F.PERIOD) == []

    # the district applies the sums and sends its own consolidated package upward
    assert rollup.apply_consolidated(net.district, net.plan_id, F.PERIOD) == 3
    city_pkg = F.export_submission(net.district, F.PERIOD, tmp_path / "报市", F.PASS)
    found = verify_package(city_pkg.path)
    mine = {p["indicator_id"]: p["actual"] for p in found.data["progress"]}
    assert mine[net.indicators["培训"]] == expected[net.indicators["培训"]]
    assert sorted(r["office"] for r in found.data["rollup"]) == sorted(F.TOWNSHIPS)
    assert found.manifest["office"]["name"] == "烈山区"


def test_pdf_signature_validates_with_pyhanko(net, tmp_path):
    built = F.submit(net, "古饶镇", tmp_path)
    with zipfile.ZipFile(built.path) as zf:
        names = zf.namelist()
        pdf_name = next(n for n in names if n.endswith(".pdf"))
        assert zf.getinfo(pdf_name).flag_bits & 0x800  # UTF-8 name flag
        pdf = zf.read(pdf_name)
        assert any(n.endswith(".xlsx") for n in names)
    cert = identity.certificate(net.townships["古饶镇"]).cert
    results = validate_pdf(pdf, cert.public_bytes(serialization.Encoding.DER))
    assert len(results) == 1
    assert results[0]["intact"] and results[0]["valid"] and results[0]["trusted"]
    assert "古饶镇" in results[0]["signer"]
    found = verify_package(built.path, net.district, check_pdf=True)
    assert any("数字签名有效" in n for n in found.notes)
    # the fingerprint is printed on the table (footer) and in the visible signature box
    import pypdf

    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert identity.certificate(net.townships["古饶镇"]).fingerprint.split()[0] in text


def test_tampered_and_foreign_packages_are_rejected(net, tmp_path):
    inbox = tmp_path / "收件"
    good = F.submit(net, "古饶镇", tmp_path / "原件").path
    one_byte = rewrite(
        good, tmp_path / "改了一个字节.zip", "data.json", lambda b: b.replace(b'"actual": 900', b'"actual": 990', 1)
    )
    song = F.submit(net, "宋疃镇", tmp_path / "原件").path
    song_xlsx = next(n for n in zipfile.ZipFile(song).namelist() if n.endswith(".xlsx"))
    good_xlsx = next(n for n in zipfile.ZipFile(good).namelist() if n.endswith(".xlsx"))
    replaced = rewrite(song, tmp_path / "换了表格.zip", song_xlsx, lambda b: zipfile.ZipFile(good).read(good_xlsx))
    # someone claiming to be 古饶镇 with a key the district never trusted
    impostor = create_store(tmp_path / "冒名" / "古饶镇.msdesk")
    with impostor.transaction():
        offices.set_self_office(impostor, "古饶镇", "township")
    identity.create_identity(impostor, F.PASS)
    trust.add_certificate(impostor, identity.certificate(net.district).cert_pem, role="parent")
    assert import_tasks(impostor, net.task_package).ok
    F.enter_progress(impostor, net.plan_id, figures_for(net, 2))
    foreign = F.export_submission(impostor, F.PERIOD, tmp_path / "冒名", F.PASS).path
    impostor.close()

    cases = [
        (one_byte, "altered", "data.json"),
        (replaced, "altered", ".xlsx"),
        (foreign, "unknown_signer", "不在本单位的信任列表"),
    ]
    for path, reason, word in cases:
        with pytest.raises(PackageError) as err:
            verify_package(path, net.district)
        assert err.value.reason == reason, (path.name, err.value.message)
        assert word in err.value.message
    inbox.mkdir()
    for path, _, _ in cases:
        shutil.copy(path, inbox / path.name)
    before = net.district.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
    results = import_folder(net.district, inbox)
    assert [r.action for r in results] == ["rejected"] * 3
    assert {r.reason for r in results} == {"altered", "unknown_signer"}
    assert net.district.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == before
    assert net.district.rows("submissions") == []


def test_resubmission_supersedes_and_keeps_history(net, tmp_path):
    first = F.submit(net, "烈山镇", tmp_path / "1").path
    t = net.townships["烈山镇"]
    assert not submissions.is_changed(t, F.PERIOD)
    from msdesk import progress

    with t.transaction():
        progress.set_actual(t, net.indicators["培训"], F.PERIOD, 1000)
    assert submissions.is_changed(t, F.PERIOD)
    second = F.submit(net, "烈山镇", tmp_path / "2")
    assert second.version == 2 and "第2次报送" in second.path.name
    assert not submissions.is_changed(t, F.PERIOD)

    assert import_submission(net.district, first).action == "accepted"
    res = import_submission(net.district, second.path)
    assert res.action == "superseded" and "第2次报送" in res.message
    again = import_submission(net.district, first)
    assert again.reason == "duplicate" and "已经导入过" in again.message
    hist = net.district.rows("submissions", order_by="version")
    assert [(h["version"], h["status"]) for h in hist] == [(1, "superseded"), (2, "accepted")]
    office = offices.find_by_name(net.district, "烈山镇")
    row = next(
        r
        for r in rollup.consolidated(net.district, net.plan_id, F.PERIOD)
        if r.indicator["id"] == net.indicators["培训"]
    )
    assert [f.actual for f in row.offices if f.office["id"] == office["id"]] == [1000]


def test_return_with_reason_and_completeness(net, tmp_path):
    for name in ("古饶镇", "宋疃镇"):
        assert import_submission(net.district, F.submit(net, name, tmp_path).path).ok
    rollup.set_due_date(net.district, F.PERIOD, "2023-10-10")
    subs = net.district.rows("submissions")
    assert {s["on_time"] for s in subs} == {0}  # made today, long after 2023-10-10
    from msdesk.package import return_submission

    target = next(s for s in subs if s["office_id"] == offices.find_by_name(net.district, "宋疃镇")["id"])
    with pytest.raises(PackageError, match="退回原因"):
        return_submission(net.district, target["id"], "  ")
    return_submission(net.district, target["id"], "资金数据缺失，请补充后重报")
    status = {s["office"]["name"]: s["label"] for s in rollup.submission_status(net.district, F.PERIOD)}
    assert status == {"古饶镇": rollup.LATE, "宋疃镇": rollup.RETURNED, "烈山镇": rollup.MISSED}
    assert sorted(r["office"]["name"] for r in rollup.completeness(net.district, F.PERIOD)) == ["宋疃镇", "烈山镇"]
    row = net.district.get("submissions", target["id"])
    assert row["status"] == "returned" and row["return_reason"] == "资金数据缺失，请补充后重报"
    # the returned office's figures leave the sums
    train = next(
        r
        for r in rollup.consolidated(net.district, net.plan_id, F.PERIOD)
        if r.indicator["id"] == net.indicators["培训"]
    )
    assert train.total == figures_for(net, 0)[net.indicators["培训"]]
    # a corrected resubmission is accepted again
    t = net.townships["宋疃镇"]
    from msdesk import progress

    with t.transaction():
        progress.set_report_field(t, net.projects["3"], F.PERIOD, "funds_spent", "12.5")
    assert import_submission(net.district, F.submit(net, "宋疃镇", tmp_path / "重报").path).action == "accepted"


def test_package_for_another_period_or_office(net, tmp_path):
    built = F.submit(net, "古饶镇", tmp_path)
    with pytest.raises(PackageError) as err:
        verify_package(built.path, net.district, expect_period="2023Q2")
    assert err.value.reason == "wrong_period" and "2023年第3季度" in err.value.message
    # a township receiving a sibling's 报送包 (addressed to the district)
    with pytest.raises(PackageError) as err:
        verify_package(built.path, net.townships["宋疃镇"])
    assert err.value.reason == "wrong_office" and "烈山区" in err.value.message
    # a 任务包 offered as a 报送包
    res = import_submission(net.district, net.task_package)
    assert res.reason == "wrong_kind" and "任务包" in res.message


def test_revoked_signer_is_refused(net, tmp_path):
    built = F.submit(net, "古饶镇", tmp_path)
    from msdesk import trust

    trust.revoke(net.district, "古饶镇", "电脑被盗")
    res = import_submission(net.district, built.path)
    assert res.reason == "revoked_signer" and "已于" in res.message and res.exit_code == 15


def test_a_task_package_from_an_untrusted_or_misfiled_upper_office_says_how_to_trust_it(tmp_path):
    """A township that has not yet added its district's certificate, or added it as a subordinate,
    is told to add it as the upper office (the GUI's 信任列表, or trust add --parent)."""
    net = F.build_district(tmp_path / "区")
    package = export_tasks(net.district, tmp_path / "下发", F.PASS).path
    town = create_store(tmp_path / "古饶镇.msdesk", actor="填报员")
    with town.transaction():
        offices.set_self_office(town, "古饶镇", "township")
    refused = import_tasks(town, package)
    assert refused.reason == "unknown_signer"
    assert "把其证书添加为上级单位" in refused.message and "--parent" in refused.message

    district_cert = identity.certificate(net.district)
    trust.add_certificate(town, district_cert.cert_pem, confirm_fingerprint=district_cert.fingerprint)
    refused = import_tasks(town, package)
    assert refused.reason == "unknown_signer"
    assert "登记为下级单位，而任务包应由上级单位签名" in refused.message
    assert town.query("SELECT count(*) AS n FROM plans")[0]["n"] == 0
    town.close()
    net.close()


@pytest.mark.parametrize("kind, what", [("xlsx", "Excel 工作簿"), ("docx", "Word 文档")])
def test_an_office_file_renamed_to_a_package_is_named_for_what_it_is(net, tmp_path, kind, what):
    """A clerk who picks the 进展表 (or renames it .zip) is told what the file is and where it goes,
    not that the package was maliciously modified."""
    from openpyxl import Workbook

    source = tmp_path / f"进展表.{kind}"
    if kind == "xlsx":
        Workbook().save(source)
    else:
        with zipfile.ZipFile(source, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("word/document.xml", "<w:document/>")
    renamed = tmp_path / "古饶镇报送包.zip"
    shutil.copy(source, renamed)
    before = net.district.query("SELECT count(*) AS n FROM submissions")[0]["n"]
    result = import_submission(net.district, renamed)
    assert result.reason == "corrupt"
    assert result.message.startswith(f"“古饶镇报送包.zip”是 {what}（可能改过扩展名），不是 msdesk 数据包。")
    assert "恶意" not in result.message
    assert net.district.query("SELECT count(*) AS n FROM submissions")[0]["n"] == before
