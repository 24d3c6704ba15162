"""A clerk's upward submission, end to end through the 报送 menu: two townships sign and send,
the district trusts them, imports the folder, rolls up and sends its own package; bad input
leaves the district's file unchanged."""

from __future__ import annotations

import datetime as real_dt
import hashlib
import re
import types
from pathlib import Path

from msdesk import identity, submissions, trust
from msdesk.package import import_submission
from tests import _package_fixtures as F
from tests.gui_helpers import Window, press_in_dialog, shots_dir
from ui.package import export as E
from ui.package import keys as K
from ui.package import receive as R
from ui.package import verify as V
from ui.presign_dialog import PresignDialog

SHOTS = shots_dir()


def open_window(qtbot, path):
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(path)
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    return win


def grab(widget, name):
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def make_network(root, townships=("古饶镇", "宋疃镇")):
    net = F.network(root, townships=townships)
    for k, name in enumerate(townships):
        F.enter_progress(
            net.townships[name], net.plan_id, {net.indicators["培训"]: 600 + k, net.indicators["康复"]: 90}
        )
    return net


def table_rows(table):
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_townships_sign_district_imports_rolls_up_and_sends_its_own(qtbot, app_style, tmp_path):
    """The whole round through the 报送 menu of real main windows on real files."""
    net = make_network(tmp_path / "办公室")
    paths = {n: Path(t.path) for n, t in net.townships.items()}
    fingerprints = {n: identity.certificate(t).fingerprint for n, t in net.townships.items()}
    dpath = Path(net.district.path)
    net.close()
    out = tmp_path / "附件"
    for name in ("古饶镇", "宋疃镇"):
        win = open_window(qtbot, paths[name])
        win.actions_["keys"].trigger()
        keys = win.package_dialog
        assert keys.fp_label.text() == fingerprints[name]  # what the clerk reads over the phone
        assert not keys.pass2.isVisible() and not keys.own_form.labelForField(keys.pass2).isVisible()
        grab(keys, f"keys_{name}")
        keys.close()
        win.actions_["pkg_export"].trigger()
        dlg = win.package_dialog
        assert dlg.period_box.currentData() == "2023Q3" and "尚未报送" in dlg.state_label.text()
        dlg.folder.setText(str(out))
        dlg.passphrase.setText(F.PASS)
        press_in_dialog(PresignDialog, "go_on")  # 签名前检查 lists the projects left empty
        dlg.export()
        qtbot.waitUntil(lambda dlg=dlg: dlg.built is not None, timeout=20000)
        grab(dlg, f"export_{name}")
        assert "已生成报送包（首次报送）" in dlg.result.text() and dlg.passphrase.text() == ""
        assert "将生成第2次报送" in dlg.state_label.text()
        dlg.close()
        win.close_store()
        win.close()

    win = open_window(qtbot, dpath)
    win.actions_["keys"].trigger()
    keys = win.package_dialog
    keys.tabs.setCurrentIndex(1)
    assert [(r[0], r[2], r[3]) for r in table_rows(keys.trust_table)] == [
        (n, fingerprints[n], "已核对") for n in sorted(fingerprints)
    ]
    grab(keys, "district_trust")
    keys.close()
    win.actions_["pkg_import"].trigger()
    dlg = win.package_dialog
    dlg.run(dry_run=True, path=str(out))
    qtbot.waitUntil(lambda: bool(dlg.summary.text()), timeout=20000)
    assert "将接收 2 个" in dlg.summary.text() and "未写入" in dlg.summary.text()
    dlg.summary.setText("")
    dlg.run(dry_run=False, path=str(out))
    qtbot.waitUntil(lambda: bool(dlg.summary.text()), timeout=20000)
    grab(dlg, "district_import")
    assert dlg.summary.text() == "✓ 共 2 个数据包：已接收 2 个，拒绝 0 个。", table_rows(dlg.table)
    assert win.period == "2023Q3" and win.period_box.currentText() == "2023年第3季度"  # the quarter received
    dlg.close()

    win.actions_["rollup"].trigger()
    roll = win.package_dialog
    roll.period_box.setCurrentIndex(roll.period_box.findData("2023Q3"))
    status = table_rows(roll.status_table)
    assert [(r[0], r[2]) for r in status] == [("古饶镇", "首次报送"), ("宋疃镇", "首次报送")]
    assert {r[1] for r in status} <= {"按时报送", "逾期报送"}
    assert "已全部报送" in roll.missing_label.text()
    sums = {r[1]: r for r in table_rows(roll.sum_table)}
    assert sums["培训家政服务人员"][3] == "1201" and sums["残疾人康复救助"][3] == "180"
    grab(roll, "district_rollup")
    assert roll.apply(ask=lambda question: "已报 2/2" in question) == 2
    roll.export_btn.click()
    own = win.package_dialog
    assert own is not roll and own.period_box.currentData() == "2023Q3"  # the period rolled up
    own.folder.setText(str(tmp_path / "区发出"))
    own.passphrase.setText(F.PASS)
    own.export(confirm=lambda *a: True)
    qtbot.waitUntil(lambda: own.built is not None, timeout=20000)
    grab(own, "district_export")
    assert own.built.path.name == "烈山区_报送包_2023Q3.zip"
    win.close_store()


def db_state(store) -> str:
    """Every row of every table, hashed: equal before and after means nothing was written."""
    h = hashlib.sha256()
    for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").fetchall():
        for row in store.conn.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall():
            h.update(repr((name, tuple(row))).encode())
    return h.hexdigest()


def clock(year):
    """identity.dt as if today were 1 January of `year` (to make a certificate that has since expired)."""

    class Then(real_dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return real_dt.datetime(year, 1, 1, tzinfo=tz)

    return types.SimpleNamespace(datetime=Then, timezone=real_dt.timezone, timedelta=real_dt.timedelta)


def test_expired_certificate_neither_signs_nor_is_accepted(qtbot, tmp_path, monkeypatch):
    net = F.build_district(tmp_path / "办公室", townships=("古饶镇", "宋疃镇"))
    F.add_township(net, "古饶镇")
    monkeypatch.setattr(identity, "dt", clock(2005))  # 宋疃镇's certificate: 2004-12-31 to 2014
    F.add_township(net, "宋疃镇")
    F.send_tasks(net)
    t = net.townships["宋疃镇"]
    F.enter_progress(t, net.plan_id, {net.indicators["培训"]: 600})
    pkg = F.submit(net, "宋疃镇", tmp_path / "旧证书").path  # signed while the clock said 2005
    monkeypatch.setattr(identity, "dt", real_dt)
    win = Window(t, net.plan_id)
    qtbot.addWidget(win)
    dlg = E.run_export(win)
    dlg.folder.setText(str(tmp_path / "发出"))
    dlg.passphrase.setText(F.PASS)
    dlg.export(confirm=lambda *a: True)
    qtbot.waitUntil(lambda: dlg.export_btn.isEnabled() and bool(dlg.result.text()), timeout=20000)
    grab(dlg, "expired_export")
    assert "本单位的签名证书" in dlg.result.text() and "过期" in dlg.result.text() and dlg.built is None
    assert not (tmp_path / "发出").exists() or not any((tmp_path / "发出").iterdir())
    assert submissions.state(t, F.PERIOD)["version"] == 1  # only the 2005 package counted

    before = db_state(net.district)
    dwin = Window(net.district, net.plan_id)
    qtbot.addWidget(dwin)
    v = V.run_verify(dwin)
    assert not v.verify(str(pkg))
    grab(v, "expired_verify")
    assert "宋疃镇" in v.result.text() and "已过期" in v.result.text()
    result = import_submission(net.district, pkg)
    assert not result.ok and result.exit_code == 15 and "已过期" in result.message
    assert db_state(net.district) == before
    net.close()


def test_missing_key_file_points_to_the_backup_and_keeps_the_trusted_certificate(qtbot, tmp_path):
    net = F.build_district(tmp_path / "办公室", townships=("古饶镇",))
    t = F.add_township(net, "古饶镇")
    F.send_tasks(net)
    F.enter_progress(t, net.plan_id, {net.indicators["培训"]: 600})
    fp = identity.certificate(t).fingerprint
    backup = identity.export_identity(t, tmp_path / "U盘" / "古饶镇证书备份.msdkey")
    identity.key_path(identity.certificate(t).office_id).unlink()  # new PC, or the file was deleted

    win = Window(t, net.plan_id)
    qtbot.addWidget(win)
    exp = E.run_export(win)
    exp.folder.setText(str(tmp_path / "发出"))
    exp.passphrase.setText(F.PASS)
    exp.export(confirm=lambda *a: True)
    qtbot.waitUntil(lambda: exp.export_btn.isEnabled() and bool(exp.result.text()), timeout=20000)
    grab(exp, "missing_key_export")
    assert "找不到本单位的签名私钥文件" in exp.result.text() and "从备份恢复" in exp.result.text()
    exp.close()

    keys = K.run_keys(win)
    grab(keys, "missing_key_keys")
    assert keys.fp_label.text() == fp  # the certificate the district trusts is still shown
    assert not keys.create_btn.isEnabled()  # a new key would replace it without a word
    assert "从备份恢复" in keys.own_result.text()
    keys.pass1.setText(F.PASS)
    assert not keys.create_identity() and identity.certificate(t).fingerprint == fp
    keys.pass1.setText("不对的口令123")
    assert not keys.restore_backup(str(backup)) and "口令不正确" in keys.own_result.text()
    keys.pass1.setText(F.PASS)
    assert keys.restore_backup(str(backup)) and fp in keys.own_result.text()
    assert keys.fp_label.text() == fp and identity.has_identity(t)
    grab(keys, "missing_key_restored")
    net.close()


def test_bad_packages_are_refused_in_chinese_and_leave_the_district_file_as_it_was(qtbot, tmp_path):
    import zipfile

    net = F.build_district(tmp_path / "办公室", townships=("古饶镇", "宋疃镇", "烈山镇"))
    F.add_township(net, "古饶镇")
    F.add_township(net, "宋疃镇")
    F.add_township(net, "烈山镇", trust_it=False)  # never trusted by the district
    F.send_tasks(net)
    other = F.network(tmp_path / "别区", townships=("古饶镇",))  # another district's plan
    trust.add_certificate(net.district, identity.certificate(other.townships["古饶镇"]).cert_pem)
    for n in (net, other):
        for t in n.townships.values():
            F.enter_progress(t, n.plan_id, {n.indicators["培训"]: 600})
    good = F.submit(net, "古饶镇", tmp_path / "好").path
    bad = tmp_path / "坏"
    bad.mkdir()
    with zipfile.ZipFile(good) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    data = bytearray(members["data.json"])
    data[data.index(b"600")] = ord("9")  # 600 → 900, one byte
    with zipfile.ZipFile(bad / "改了一个字节.zip", "w") as z:
        for name, raw in members.items():
            z.writestr(name, bytes(data) if name == "data.json" else raw)
    (bad / "截断.zip").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    expected = {
        bad / "改了一个字节.zip": "“data.json”在签名后被修改过",
        bad / "截断.zip": "不是完整的数据包",
        F.submit(net, "烈山镇", tmp_path / "陌生").path: "不在本单位的信任列表中",
        F.submit(other, "古饶镇", tmp_path / "别区发来").path: "发给另一份“烈山区”台账的",
    }
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = R.run_import(win)

    def run(path, dry_run=False):
        dlg.summary.setText("")
        dlg.run(dry_run=dry_run, path=str(path))
        qtbot.waitUntil(lambda: bool(dlg.summary.text()), timeout=20000)
        return table_rows(dlg.table)

    for path, why in expected.items():
        before = db_state(net.district)
        rows = run(path)
        grab(dlg, "bad_" + path.stem)
        assert rows[0][4] == "拒绝" and why in rows[0][5], rows
        assert dlg.summary.text().startswith("✗") and db_state(net.district) == before
        assert not re.search(r"\dT\d", rows[0][5])  # times as a clerk writes them
    assert run(good)[0][4] == "接收"
    before = db_state(net.district)
    rows = run(good)  # the same attachment again
    grab(dlg, "bad_twice")
    assert rows[0][4] == "拒绝" and "已经导入过" in rows[0][5] and db_state(net.district) == before
    assert re.search(r"导入于 \d{4}-\d\d-\d\d \d\d:\d\d）", rows[0][5]), rows[0][5]

    t = net.townships["古饶镇"]
    F.enter_progress(t, net.plan_id, {net.indicators["培训"]: 700})
    second = F.submit(net, "古饶镇", tmp_path / "重报").path
    assert "第2次报送" in second.name
    rows = run(second)
    assert rows[0][3:5] == ["第2次报送", "接收（替换旧报送）"]
    s1 = F.submit(net, "宋疃镇", tmp_path / "宋疃1").path
    F.enter_progress(net.townships["宋疃镇"], net.plan_id, {net.indicators["培训"]: 650})
    s2 = F.submit(net, "宋疃镇", tmp_path / "宋疃2").path
    assert run(s2)[0][4] == "接收"
    before = db_state(net.district)
    rows = run(s1)  # the first version arriving after the second
    grab(dlg, "bad_older")
    assert rows[0][4] == "拒绝" and "较旧" in rows[0][5] and db_state(net.district) == before

    trust.revoke(net.district, "宋疃镇", "人员变动")
    before = db_state(net.district)
    rows = run(F.submit(net, "宋疃镇", tmp_path / "撤销后").path)
    grab(dlg, "bad_revoked")
    assert rows[0][4] == "拒绝" and "撤销" in rows[0][5] and db_state(net.district) == before
    assert re.search(r"已于 \d{4}-\d\d-\d\d \d\d:\d\d 撤销", rows[0][5]), rows[0][5]
    net.close()
    other.close()


def test_cli_rollup_and_trust_list_read_like_the_screen(capsys, tmp_path):
    from msdesk.cli import main

    net = make_network(tmp_path / "办公室")
    out = tmp_path / "附件"
    for name in net.townships:
        F.submit(net, name, out)
    db = str(net.district.path)
    net.close()
    assert main(["package", "import", str(out), "--db", db]) == 0
    capsys.readouterr()
    assert main(["rollup", "--db", db, "--period", "2023Q3"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"古饶镇：(按时|逾期)报送，首次报送，制作于 \d{4}-\d\d-\d\d \d\d:\d\d\n", text), text
    assert "培训家政服务人员：1201 / 3750，" in text and "孤儿保障：— / 应保尽保" in text
    assert main(["trust", "list", "--db", db]) == 0
    text = capsys.readouterr().out
    assert re.search(r"古饶镇\t下级单位\t[0-9A-F ]{39}\t已核对\t加入于 \d{4}-\d\d-\d\d \d\d:\d\d\n", text), text


def test_enter_in_the_typed_field_runs_the_dialogs_action_not_a_file_picker(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    pickers = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: pickers.append("文件夹") or "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: pickers.append("文件") or ("", ""))
    net = make_network(tmp_path / "办公室", townships=("古饶镇",))
    t = net.townships["古饶镇"]
    win = Window(t, net.plan_id)
    qtbot.addWidget(win)
    win.show()
    exp = E.run_export(win)
    qtbot.waitExposed(exp)
    exp.folder.setText(str(tmp_path / "发出"))
    exp.passphrase.setFocus()
    qtbot.keyClicks(exp.passphrase, "abc1234")  # ASCII passphrase typed, then Enter
    presign = []
    press_in_dialog(PresignDialog, "go_on", presign)  # 签名前检查 comes first; the clerk goes on
    qtbot.keyClick(exp.passphrase, Qt.Key_Return)
    qtbot.waitUntil(lambda: exp.export_btn.isEnabled() and bool(exp.result.text()), timeout=20000)
    assert pickers == [] and "口令不正确" in exp.result.text() and presign
    exp.close()

    pkg = F.submit(net, "古饶镇", tmp_path / "附件").path
    dwin = Window(net.district, net.plan_id)
    qtbot.addWidget(dwin)
    dwin.show()
    ver = V.run_verify(dwin)
    qtbot.waitExposed(ver)
    ver.path.setText(str(pkg))
    ver.path.setFocus()
    qtbot.keyClick(ver.path, Qt.Key_Return)
    assert pickers == [] and ver.result.text().startswith("✓ 报送包有效：古饶镇")
    ver.close()
    before = db_state(net.district)
    imp = R.run_import(dwin)
    qtbot.waitExposed(imp)
    imp.path.setText(str(pkg.parent))
    imp.path.setFocus()
    qtbot.keyClick(imp.path, Qt.Key_Return)
    qtbot.waitUntil(lambda: bool(imp.summary.text()), timeout=20000)
    assert pickers == [] and "试运行" in imp.summary.text() and db_state(net.district) == before
    net.close()


def test_confirming_a_revoked_certificate_does_not_say_it_is_fine(qtbot, tmp_path):
    net = F.build_district(tmp_path / "办公室", townships=("宋疃镇",))
    fp = identity.certificate(F.add_township(net, "宋疃镇")).fingerprint
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    keys = K.run_keys(win)
    keys.tabs.setCurrentIndex(1)
    keys.trust_table.selectRow(0)
    assert keys.revoke_selected("人员变动")
    before = db_state(net.district)
    keys.fp_input.setText(fp)  # the clerk reads it back over the phone
    assert not keys.confirm_fingerprint()
    grab(keys, "confirm_revoked")
    assert keys.trust_result.text().startswith("✗ 该证书（宋疃镇")
    assert "撤销" in keys.trust_result.text() and keys.trust_table.item(0, 3).text() == "已撤销"
    assert db_state(net.district) == before
    net.close()
