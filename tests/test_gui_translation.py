"""Qt's own standard texts are Chinese too (a clerk never meets 'Cancel')."""

from PySide6.QtWidgets import QDialogButtonBox


def test_standard_buttons_are_chinese(qapp):
    from ui.app import make_app

    make_app()
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Close)
    texts = {
        box.button(b).text().replace("&", "").split("(")[0]
        for b in (QDialogButtonBox.Ok, QDialogButtonBox.Cancel, QDialogButtonBox.Close)
    }
    assert texts == {"确定", "取消", "关闭"}


def _open_file_dialog(qtbot):
    from PySide6.QtWidgets import QFileDialog

    from ui.app import make_app

    make_app()
    dialog = QFileDialog(None, "选择证书", "", "证书 (*.pem)")
    dialog.setOption(QFileDialog.DontUseNativeDialog, True)  # Qt's own dialog, as on UOS/Kylin without a portal
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_qt_file_dialog_labels_are_chinese(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton, QTreeView

    dialog = _open_file_dialog(qtbot)
    labels = {w.objectName(): w.text() for w in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&I)："  # was "&Look in:"
    assert labels["fileTypeLabel"] == "文件类型(&T)："  # was "Files of &type:"
    assert labels["fileNameLabel"] == "文件名称(&N)："  # Qt's own catalogue still answers the rest
    buttons = {b.text() for b in dialog.findChildren(QPushButton)}
    assert {"打开(&O)", "取消"} <= buttons
    model = dialog.findChild(QTreeView).model()
    heads = [model.headerData(c, Qt.Horizontal) for c in range(4)]
    assert heads == ["名称", "大小", "类型", "修改日期"]
    texts = " ".join(labels.values()) + " ".join(buttons) + " ".join(heads)
    assert not any(word in texts for word in ("Look in", "Files of", "Open", "Cancel", "Size"))
    dialog.grab().save(str(tmp_path / "file_dialog.png"))


def test_message_box_buttons_are_chinese(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import make_app

    make_app()
    box = QMessageBox(
        QMessageBox.Question,
        "确认",
        "要继续吗？",
        QMessageBox.Yes | QMessageBox.No | QMessageBox.Save | QMessageBox.Discard,
    )
    qtbot.addWidget(box)
    texts = {
        box.button(b).text().replace("&", "").split("(")[0]
        for b in (QMessageBox.Yes, QMessageBox.No, QMessageBox.Save, QMessageBox.Discard)
    }
    assert texts == {"是", "否", "保存", "丢弃"}


def test_every_qt_catalogue_present_is_loaded(qapp):
    from PySide6.QtCore import QLibraryInfo

    from ui.app import make_app, qt_catalogues

    app = make_app()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    names = qt_catalogues(folder)
    assert names[0] == "qtbase_zh_CN" and "qt_zh_CN" in names
    assert len(app._msdesk_translators) == len(names) + 1
