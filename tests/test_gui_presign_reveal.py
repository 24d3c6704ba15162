"""签名前检查 lists what is missing and lets the clerk go on or back; 打开所在文件夹 opens the folder."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog

from msdesk import presign, progress
from ui import presign_dialog, reveal


def test_presign_dialog_lists_gaps_and_back_is_the_default(qtbot, store, small_plan, tmp_path):
    with store.transaction():
        progress.set_actual(store, small_plan["indicators"][0], "2023Q3", "1000")
    gaps = presign.missing_entries(store, small_plan["plan"], "2023Q3")
    dialog = presign_dialog.PresignDialog(gaps, "2023年第3季度")
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts == [g.text for g in gaps] and texts[0].startswith("第3项 ")
    assert dialog.go_back.isDefault() and dialog.go_on.text() == "仍然签名报送"
    dialog.grab().save(str(tmp_path / "presign.png"))
    dialog.list.itemDoubleClicked.emit(dialog.list.item(1))
    assert dialog.result() == QDialog.Rejected and dialog.chosen_project == gaps[1].project_id


def test_confirm_goes_on_when_the_clerk_says_so(qtbot, store, small_plan):
    def answer():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, answer)
            return
        box.go_on.click()

    QTimer.singleShot(50, answer)
    assert presign_dialog.confirm(None, store, small_plan["plan"], "2023Q3", "2023年第3季度") is True


def test_confirm_asks_nothing_when_all_is_filled(qtbot, store, small_plan):
    with store.transaction():
        for ind in small_plan["indicators"][:3]:
            progress.set_actual(store, ind, "2023Q1", "1")
        progress.set_qualitative(store, small_plan["indicators"][3], "2023Q1", done=True)
        for p in small_plan["projects"]:
            progress.set_report_field(store, p, "2023Q1", "progress_note", "推进中")
    assert presign_dialog.confirm(None, store, small_plan["plan"], "2023Q1", "2023年第1季度") is True


class _Catcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls = []

    @Slot(QUrl)
    def show(self, url):
        self.urls.append(url)


def test_finished_box_opens_the_folder(qtbot, tmp_path):
    out = tmp_path / "报送包"
    out.mkdir()
    files = [out / "宋疃镇_报送包_2023Q3.zip"]
    files[0].write_bytes(b"x")
    catcher = _Catcher()
    QDesktopServices.setUrlHandler("file", catcher, "show")
    try:
        box = reveal.finished(None, "生成报送包", "报送包已生成。", files)
        qtbot.addWidget(box)
        assert "宋疃镇_报送包_2023Q3.zip" in box.text() and str(out) in box.text()
        box.open_button.click()
        assert [u.toLocalFile() for u in catcher.urls] == [str(out)]
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert reveal.folder_of([out / "a.xlsx", out / "sub" / "b.pdf"]) == out
