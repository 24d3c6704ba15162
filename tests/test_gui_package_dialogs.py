"""The 签名与报送 dialogs, driven as a clerk would (offscreen), on real files."""

from __future__ import annotations

import re
import zipfile

import pytest
from PySide6.QtCore import QDate

from msdesk import identity, offices, submissions, trust
from msdesk.store import create_store
from tests import _package_fixtures as F
from tests.gui_helpers import Window, shots_dir
from ui.package import export as E
from ui.package import keys as K
from ui.package import receive as R
from ui.package import rollup as RU
from ui.package import verify as V


def snap(widget, name):
    widget.grab().save(str(shots_dir() / f"{name}.png"))


@pytest.fixture
def net(tmp_path):
    n = F.network(tmp_path / "办公室", townships=("古饶镇", "宋疃镇"))
    for k, name in enumerate(n.townships):
        F.enter_progress(n.townships[name], n.plan_id, {n.indicators["培训"]: 600 + k, n.indicators["康复"]: 90})
    yield n
    n.close()


def test_keys_dialog_creates_backs_up_and_trusts(qtbot, tmp_path):
    town = create_store(tmp_path / "古饶镇.msdesk")
    with town.transaction():
        offices.set_self_office(town, "古饶镇", "township")
    win = Window(town)
    qtbot.addWidget(win)
    dlg = K.run_keys(win)
    assert dlg.fp_label.text() == "尚未创建证书" and dlg.create_btn.isEnabled()
    dlg.pass1.setText("口令123456")
    dlg.pass2.setText("口令654321")
    assert not dlg.create_identity()
    assert "两次输入的口令不一致" in dlg.own_result.text()
    dlg.pass2.setText("口令123456")
    assert dlg.create_identity()
    assert re.fullmatch(r"([0-9A-F]{4} ){7}[0-9A-F]{4}", dlg.fp_label.text())
    assert not dlg.create_btn.isEnabled() and dlg.pass1.text() == ""
    snap(dlg, "package_keys")
    assert dlg.export_backup(str(tmp_path / "备份.msdkey")) and (tmp_path / "备份.msdkey").is_file()
    assert dlg.save_certificate(str(tmp_path / "古饶镇.pem"))

    district = create_store(tmp_path / "烈山区.msdesk")
    with district.transaction():
        offices.set_self_office(district, "烈山区", "district")
    dwin = Window(district)
    qtbot.addWidget(dwin)
    ddlg = K.run_keys(dwin)
    ddlg.tabs.setCurrentIndex(1)
    ddlg.fp_input.setText("1234 5678 9ABC DEF0 1234 5678 9ABC DEF0")
    assert not ddlg.add_certificate(str(tmp_path / "古饶镇.pem"))
    assert "核对失败" in ddlg.trust_result.text() and ddlg.trust_table.rowCount() == 0
    ddlg.fp_input.setText(dlg.fp_label.text())
    assert ddlg.add_certificate(str(tmp_path / "古饶镇.pem"))
    assert ddlg.trust_table.item(0, 0).text() == "古饶镇" and ddlg.trust_table.item(0, 3).text() == "已核对"
    snap(ddlg, "package_trust")
    ddlg.trust_table.selectRow(0)
    assert ddlg.revoke_selected("证书遗失")
    assert ddlg.trust_table.item(0, 3).text() == "已撤销"
    assert trust.list_trusted(district)[0]["revoke_reason"] == "证书遗失"
    town.close()
    district.close()


def test_export_dialog_signs_and_numbers_resubmissions(qtbot, net, tmp_path):
    t = net.townships["古饶镇"]
    win = Window(t, net.plan_id)
    qtbot.addWidget(win)
    dlg = E.run_export(win)
    assert "尚未报送" in dlg.state_label.text()
    dlg.folder.setText(str(tmp_path / "发出"))
    dlg.passphrase.setText("错误口令999")
    dlg.export(confirm=lambda *a: True)
    qtbot.waitUntil(lambda: dlg.export_btn.isEnabled() and bool(dlg.result.text()), timeout=20000)
    assert "口令不正确" in dlg.result.text() and not submissions.is_submitted(t, F.PERIOD)
    dlg.passphrase.setText(F.PASS)
    dlg.export(confirm=lambda *a: True)
    qtbot.waitUntil(lambda: dlg.built is not None, timeout=20000)
    assert dlg.built.path.is_file() and "首次报送" in dlg.result.text()
    assert "将生成第2次报送" in dlg.state_label.text() and win.reloads == 1
    snap(dlg, "package_export")
    dlg.built = None
    dlg.passphrase.setText(F.PASS)
    dlg.export(confirm=lambda *a: True)
    qtbot.waitUntil(lambda: dlg.built is not None, timeout=20000)
    assert dlg.built.version == 2 and "第2次报送" in dlg.built.path.name


def test_verify_dialog_says_valid_or_why(qtbot, net, tmp_path):
    good = F.submit(net, "古饶镇", tmp_path).path
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = V.run_verify(win)
    assert not dlg.verify()
    assert "请先选择" in dlg.result.text()
    assert dlg.verify(str(good))
    assert dlg.result.text().startswith("✓ 报送包有效：古饶镇") and "数字签名有效" in dlg.details.text()
    snap(dlg, "package_verify_ok")
    bad = tmp_path / "改过.zip"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data.replace(b"600", b"666") if info.filename == "data.json" else data)
    assert not dlg.verify(str(bad))
    assert "✗ 文件“data.json”在签名后被修改过" in dlg.result.text()
    snap(dlg, "package_verify_bad")


def test_import_dialog_dry_run_then_import(qtbot, net, tmp_path):
    inbox = tmp_path / "附件"
    for name in net.townships:
        F.submit(net, name, inbox)
    (inbox / "坏包.zip").write_bytes(b"PK\x03\x04 broken")
    win = Window(net.district, net.plan_id, period="2023Q1")  # the district has no figures of its own
    qtbot.addWidget(win)
    dlg = R.run_import(win)
    dlg.run(dry_run=True, path=str(inbox))
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 3, timeout=20000)
    assert "将接收 2 个，拒绝 1 个" in dlg.summary.text() and "试运行" in dlg.summary.text()
    assert net.district.rows("submissions") == [] and win.reloads == 0
    actions = sorted(dlg.table.item(r, 4).text() for r in range(3))
    assert actions == ["拒绝", "接收", "接收"]
    dlg.run(dry_run=False)
    qtbot.waitUntil(lambda: win.reloads == 1, timeout=20000)
    assert "已接收 2 个" in dlg.summary.text()
    assert len(net.district.rows("submissions")) == 2
    assert win.period_box.currentData() == F.PERIOD  # the main window moves to the period just received
    snap(dlg, "package_import")


def test_rollup_dialog_shows_status_sums_and_returns(qtbot, net, tmp_path):
    from msdesk.package import import_submission

    assert import_submission(net.district, F.submit(net, "古饶镇", tmp_path).path).ok
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = RU.run_rollup(win)
    dlg.resize(1100, 700)
    labels = {
        dlg.status_table.item(r, 0).text(): dlg.status_table.item(r, 1).text()
        for r in range(dlg.status_table.rowCount())
    }
    assert labels["宋疃镇"] in ("未报送", "未按时报送") and labels["古饶镇"] in ("按时报送", "逾期报送")
    assert "宋疃镇" in dlg.missing_label.text()
    train = next(r for r in range(dlg.sum_table.rowCount()) if dlg.sum_table.item(r, 1).text() == "培训家政服务人员")
    assert dlg.sum_table.item(train, 3).text() == "600" and dlg.sum_table.item(train, 2).text() == "3750"
    assert dlg.sum_table.item(train, 6).text().startswith("600 / 1875")
    snap(dlg, "package_rollup")
    assert dlg.apply(ask=lambda question: True) == 2  # 培训 and 康复 have figures
    dlg.due_edit.setDate(dlg.due_edit.date().addYears(100))  # a slip: the date picker stops a year ahead
    assert dlg.due_edit.date() == dlg.due_edit.maximumDate() < QDate.currentDate().addYears(2)
    dlg.due_edit.setDate(QDate.fromString(F.DUE_AHEAD, "yyyy-MM-dd"))
    assert dlg.save_due()
    assert dlg.status_table.item(0, 1).text() == "按时报送"
    dlg.status_table.selectRow(0)
    assert dlg.return_selected("资金栏未填")
    assert dlg.status_table.item(0, 1).text() == "已退回" and dlg.status_table.item(0, 5).text() == "资金栏未填"
    assert dlg.sum_table.item(train, 3).text() == "—"


def test_rollup_flags_a_package_whose_signer_was_revoked_after_it_came_in(qtbot, net, tmp_path):
    """Revoking refuses new packages; one already accepted stays in the sums, so 汇总 says so."""
    from msdesk import trust
    from msdesk.package import import_submission

    assert import_submission(net.district, F.submit(net, "古饶镇", tmp_path).path).ok
    with net.district.transaction():
        trust.revoke(net.district, "古饶镇", "电脑被盗")
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = RU.run_rollup(win)
    rows = {
        dlg.status_table.item(r, 0).text(): dlg.status_table.item(r, 5).text()
        for r in range(dlg.status_table.rowCount())
    }
    assert rows["古饶镇"].startswith("签名证书已于") and "请核实，必要时退回" in rows["古饶镇"]
    assert rows["宋疃镇"] == ""
    assert dlg.status_table.horizontalHeaderItem(5).text() == "说明"


def test_district_package_asks_to_write_the_sums_first(qtbot, net, tmp_path, monkeypatch):
    """生成本级报送包 before 写入本级累计完成 would sign stale figures: the clerk is asked first."""
    from PySide6.QtWidgets import QMessageBox

    from msdesk.package import import_submission, rollup

    assert import_submission(net.district, F.submit(net, "古饶镇", tmp_path).path).ok
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = RU.run_rollup(win)
    asked = []

    def answer(choice):
        def exec_(box):
            asked.append(box.text())
            return choice

        return exec_

    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.Cancel))
    assert dlg.export_own() is None
    assert "有 2 项下级合计还没有写入本级累计完成" in asked[0]
    assert rollup.unapplied(net.district, net.plan_id, F.PERIOD) == 2  # cancel wrote nothing
    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.Yes))  # 先写入再生成
    own = dlg.export_own()
    assert own is not None and own.period_box.currentData() == F.PERIOD
    assert rollup.unapplied(net.district, net.plan_id, F.PERIOD) == 0
    own.close()
    asked.clear()
    again = dlg.export_own()
    assert again is not None and asked == []  # nothing left to write: no question
    again.close()


def test_menu_actions_open_the_dialogs(window, qtbot):
    """The 报送 menu of the real main window opens each dialog for the open file."""
    expected = {
        "keys": K.KeysDialog,
        "pkg_export": E.ExportPackageDialog,
        "pkg_verify": V.VerifyDialog,
        "pkg_import": R.ReceiveDialog,
        "rollup": RU.RollupDialog,
    }
    for key, cls in expected.items():
        window.actions_[key].trigger()
        dlg = window.package_dialog
        assert isinstance(dlg, cls) and dlg.isVisible() and dlg.store is window.store
        if key == "rollup":
            assert dlg.period == window.period
        dlg.reject()
    window.close_store()
    assert RU.run_rollup(window) is None and "请先打开" in window.last_error


def test_import_dialog_takes_a_task_package_under_another_name(qtbot, tmp_path):
    net = F.build_district(tmp_path, townships=("古饶镇", "宋疃镇"))
    t = create_store(tmp_path / "镇政府.msdesk")
    with t.transaction():
        offices.set_self_office(t, "古饶镇人民政府", "township")
    identity.create_identity(t, F.PASS)
    trust.add_certificate(t, identity.certificate(net.district).cert_pem, role="parent")
    tasks = F.export_tasks(net.district, tmp_path / "下发", F.PASS).path
    win = Window(t)
    qtbot.addWidget(win)
    dlg = R.run_import(win)
    dlg.run(dry_run=False, path=str(tasks))
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 1, timeout=20000)
    assert "任务包中没有本单位“古饶镇人民政府”" in dlg.table.item(0, 5).text()
    assert "古饶镇、宋疃镇" in dlg.table.item(0, 5).text()
    dlg.office_name.setText("古饶镇")
    dlg.run(dry_run=False)
    qtbot.waitUntil(lambda: win.reloads == 2, timeout=20000)
    assert dlg.table.item(0, 4).text() == "接收" and "本单位的目标任务" in dlg.table.item(0, 5).text()
    assert t.get("indicators", net.indicators["培训"])["target"] == 1875
    t.close()
    net.close()
