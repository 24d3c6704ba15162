"""文件设置 and 修改记录 dialogs on a real file."""

from PySide6.QtWidgets import QDialogButtonBox

from msdesk import file_settings
from msdesk.session import Session
from ui.audit_dialog import AuditDialog
from ui.file_settings_dialog import FileSettingsDialog


def test_settings_dialog_refuses_bad_thresholds_then_saves(qtbot, store, tmp_path):
    dlg = FileSettingsDialog(Session(store))
    qtbot.addWidget(dlg)
    dlg.fields["warn.yellow_gap"].setValue(40)
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    assert "黄灯阈值不能大于红灯阈值" in dlg.message.text()
    assert file_settings.read(store)["warn.yellow_gap"] == 10.0
    dlg.fields["warn.yellow_gap"].setValue(5)
    dlg.fields["backup.keep"].setValue(20)
    dlg.show()
    dlg.grab().save(str(tmp_path / "settings.png"))
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert file_settings.read(store)["warn.yellow_gap"] == 5.0
    assert file_settings.read(store)["backup.keep"] == 20.0


def test_audit_dialog_lists_changes_newest_first(qtbot, store, small_plan):
    with store.transaction():
        store.update("projects", small_plan["projects"][2], remarks="已与区残联核实")
    dlg = AuditDialog(Session(store))
    qtbot.addWidget(dlg)
    first = [dlg.table.item(0, c).text() for c in range(dlg.table.columnCount())]
    # in a clerk's words, by the 填报人 (not the computer account 测试员), no field names
    assert first[1:] == ["李干事", "第7项 备注 填写为 已与区残联核实"]
    dlg.kind.setCurrentIndex(dlg.kind.findData("plans"))
    texts = [dlg.table.item(r, 2).text() for r in range(dlg.table.rowCount())]
    assert texts == ["新建计划“烈山区2023年实施50项民生实事”"]
