"""Where finished files go and what the clerk is told (issue 14), and hostile packages in the
校验 and 导入 dialogs (issue 12), driven through the real dialogs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from msdesk import backup
from msdesk.session import Session
from tests import _package_fixtures as F
from tests.gui_helpers import Window, press_in_dialog, shot
from ui import reveal
from ui.export_dialog import ExportDialog
from ui.package import export as E
from ui.package import keys as K
from ui.package import receive as R
from ui.package import verify as V
from ui.presign_dialog import PresignDialog


@pytest.fixture
def net(tmp_path):
    n = F.network(tmp_path / "办公室", townships=("古饶镇", "宋疃镇"))
    # 古饶镇 fills two indicators only: the third project has no figure and no 进展情况
    F.enter_progress(n.townships["古饶镇"], n.plan_id, {n.indicators["培训"]: 600, n.indicators["康复"]: 90})
    yield n
    n.close()


def test_export_dialog_starts_next_to_the_ledger_and_remembers_a_chosen_folder(qtbot, net, tmp_path, monkeypatch):
    d = net.district
    dlg = ExportDialog(Session(d, net.plan_id, F.PERIOD))
    qtbot.addWidget(dlg)
    assert Path(dlg.folder_edit.text()) == Path(d.path).resolve().parent / "报表"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "U盘"))
    (tmp_path / "U盘").mkdir()
    dlg._browse()
    again = ExportDialog(Session(d, net.plan_id, F.PERIOD))
    qtbot.addWidget(again)
    assert Path(again.folder_edit.text()) == (tmp_path / "U盘").resolve()


def test_township_signs_after_the_presign_check_into_the_packages_folder(qtbot, net, monkeypatch):
    t = net.townships["古饶镇"]
    win = Window(t, net.plan_id)
    qtbot.addWidget(win)
    dlg = E.run_export(win)
    assert not dlg.tasks_radio.isVisible() and not dlg.tasks_radio.isVisibleTo(dlg)  # no 任务包 for a township
    folder = Path(t.path).resolve().parent / "报送包"
    assert Path(dlg.folder.text()) == folder
    seen = []
    press_in_dialog(PresignDialog, "go_back", seen)  # 返回填写: nothing signed
    dlg.passphrase.setText(F.PASS)
    dlg.export()
    gaps = [seen[0].list.item(r).text() for r in range(seen[0].list.count())]
    assert gaps and all("未填" in g for g in gaps) and "第3项" in " ".join(gaps)
    assert "未签名" in dlg.result.text() and dlg.built is None and not folder.exists()
    shot(seen[0], "presign_check")
    press_in_dialog(PresignDialog, "go_on")  # 仍然签名报送
    dlg.export()
    qtbot.waitUntil(lambda: dlg.built is not None, timeout=20000)
    assert dlg.built.path == folder / "古饶镇_报送包_2023Q3.zip" and dlg.built.path.is_file()
    box = dlg.finished_box
    assert box.isVisible() and box.open_button.text() == "打开所在文件夹" and "古饶镇_报送包_2023Q3.zip" in box.text()
    opened = []
    monkeypatch.setattr(reveal.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    box.open_button.click()
    assert opened == [str(folder)]


def test_district_is_offered_the_task_package(qtbot, net):
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = E.run_export(win)
    assert dlg.tasks_radio.isVisibleTo(dlg)


def test_certificate_and_key_backup_are_named_by_office(qtbot, net, monkeypatch):
    t = net.townships["古饶镇"]
    win = Window(t, net.plan_id)
    qtbot.addWidget(win)
    dlg = K.run_keys(win)
    suggested = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda _p, _t, start, _f: suggested.append(start) or (start, "")
    )
    assert dlg.save_certificate()
    assert Path(suggested[0]).name == "古饶镇_证书.pem" and Path(suggested[0]).is_file()
    assert dlg.finished_box.isVisible() and dlg.finished_box.open_button.text() == "打开所在文件夹"
    dlg.finished_box.close()
    assert dlg.export_backup()
    assert Path(suggested[1]).name == "古饶镇_证书备份.msdkey" and Path(suggested[1]).is_file()
    assert "古饶镇_证书备份.msdkey" in dlg.finished_box.text()


def _hostile(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("manifest.json", "[" * 100000)
        z.writestr("manifest.sig", b"x" * 64)
    return path


def test_verify_dialog_names_the_reason_for_a_hostile_or_missing_file(qtbot, net, tmp_path):
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = V.run_verify(win)
    for bad in (_hostile(tmp_path / "0.zip"), tmp_path / "不存在.zip", tmp_path):
        assert not dlg.verify(str(bad))
        text = dlg.result.text()
        assert text.startswith("✗ ") and len(text) > 6 and any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    dlg.verify(str(_hostile(tmp_path / "0.zip")))
    shot(dlg, "verify_hostile")


def test_folder_import_goes_past_a_bad_file_lists_it_and_backs_up_first(qtbot, net, tmp_path):
    inbox = tmp_path / "附件"
    F.submit(net, "古饶镇", inbox)
    _hostile(inbox / "0.zip")
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    before = len(backup.list_backups(net.district.path))
    dlg = R.run_import(win)
    dlg.run(dry_run=False, path=str(inbox))
    qtbot.waitUntil(lambda: win.reloads == 1, timeout=20000)
    rows = {dlg.table.item(r, 0).text(): (dlg.table.item(r, 4).text(), dlg.table.item(r, 5)) for r in range(2)}
    assert rows["0.zip"][0] == "拒绝" and rows["0.zip"][1].text()
    assert rows["0.zip"][1].toolTip() == rows["0.zip"][1].text()  # the whole reason, on demand
    assert next(v for k, v in rows.items() if k != "0.zip")[0] == "接收"
    assert "已接收 1 个，拒绝 1 个" in dlg.summary.text()
    assert len(backup.list_backups(net.district.path)) == before + 1
    assert dlg.table.wordWrap()
    shot(dlg, "import_hostile")


def test_every_dialog_fits_the_screen_with_its_buttons_in_view(qtbot, net):
    """The 760 px 导入通知 dialog (and every other dialog touched here) never runs past the screen:
    capped to the available height, the body scrolls, 导入/取消 stay visible."""
    from PySide6.QtCore import QPoint

    from ui import geometry
    from ui.audit_dialog import AuditDialog
    from ui.bulletin_dialog import BulletinDialog
    from ui.file_settings_dialog import FileSettingsDialog
    from ui.import_dialog import ImportDialog
    from ui.office_settings import OfficeSettingsDialog
    from ui.progress_import_dialog import ProgressImportDialog, ProgressTemplateDialog
    from ui.subordinates_dialog import SubordinatesDialog

    session = Session(net.district, net.plan_id, F.PERIOD)
    notice = ImportDialog(None, net.district)
    dialogs = [notice] + [
        cls(session)
        for cls in (
            AuditDialog,
            BulletinDialog,
            FileSettingsDialog,
            OfficeSettingsDialog,
            ProgressImportDialog,
            ProgressTemplateDialog,
            SubordinatesDialog,
        )
    ]
    for dlg in dialogs:
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        area = geometry.available(dlg)
        assert dlg.height() <= area.height() and dlg.width() <= area.width(), type(dlg).__name__
    for button in (notice.commit_button, notice.cancel_button):
        assert button.isVisible()
        bottom = button.mapTo(notice, QPoint(0, button.height())).y()
        assert bottom <= notice.height()


def test_bulletin_and_progress_template_start_in_the_exports_folder_and_offer_the_folder(qtbot, net, monkeypatch):
    from ui.bulletin_dialog import BulletinDialog
    from ui.progress_import_dialog import ProgressTemplateDialog

    monkeypatch.setattr("ui.bulletin_dialog._last_folder", None)  # no folder chosen yet in this session
    exports = Path(net.district.path).resolve().parent / "报表"
    suggested = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda _p, _t, start, _f: suggested.append(start) or (start, "")
    )
    session = Session(net.district, net.plan_id, F.PERIOD)
    bulletin = BulletinDialog(session)
    qtbot.addWidget(bulletin)
    written = bulletin.save("docx")
    assert written is not None and written.parent == exports and written.is_file()
    assert bulletin.finished_box.isVisible() and bulletin.finished_box.open_button.text() == "打开所在文件夹"
    assert written.name in bulletin.finished_box.text()
    bulletin.finished_box.close()
    maker = ProgressTemplateDialog(session)
    qtbot.addWidget(maker)
    out = maker.save()
    assert out is not None and Path(out).parent == exports and Path(out).is_file()
    assert Path(suggested[-1]).parent == exports
    assert maker.finished_box.isVisible() and Path(out).name in maker.finished_box.text()
