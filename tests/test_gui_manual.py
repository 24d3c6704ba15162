"""使用说明: the bundled manual opens (F1), shows Chinese text, its pictures load, it is searchable."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow

from msdesk.paths import resource_path
from ui import manual_window

SECTIONS = ("乡镇（街道）快速上手", "区（县）快速上手", "文件、备份和密钥在哪里", "常见问题")


def _images() -> list[str]:
    html = resource_path("manual", "index.html").read_text(encoding="utf-8")
    return re.findall(r'<img src="([^"]+)"', html)


def test_f1_opens_the_manual_with_chinese_text_and_its_pictures(qtbot, tmp_path):
    from ui.app import make_app

    make_app()
    main = QMainWindow()
    field = QLineEdit()
    main.setCentralWidget(field)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)  # shortcuts work in the active window
    manual_window.install_f1(main)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_F1)  # F1 while typing in the window
    win = main._manual_window
    qtbot.waitExposed(win)
    assert win.isVisible() and win.windowTitle() == "使用说明"
    text = win.browser.toPlainText()
    for section in SECTIONS:
        assert section in text
    assert "接收任务包" in text and "签名" in text and "汇总" in text
    win.grab().save(str(tmp_path / "manual.png"))  # painting loads the pictures
    doc = win.browser.document()
    names = _images()
    assert len(names) >= 6
    for name in names:  # every picture the manual shows was loaded by the browser and decodes
        image = doc.resource(QTextDocument.ImageResource, QUrl(name))
        assert isinstance(image, (QImage, QPixmap)) and not image.isNull(), name
        assert image.width() >= 400, name
    # F1 again raises the same window, no second copy
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    qtbot.keyClick(field, Qt.Key_F1)
    assert main._manual_window is win and win.isVisible()


def test_manual_images_load_in_the_browser(qtbot):
    win = manual_window.ManualWindow()
    qtbot.addWidget(win)
    for name in _images():
        loaded = win.browser.loadResource(QTextDocument.ImageResource, QUrl(name))  # the file's bytes
        image = loaded if isinstance(loaded, (QImage, QPixmap)) else QImage.fromData(bytes(loaded or b""))
        assert not image.isNull(), name


def test_search_finds_and_says_when_not_found(qtbot):
    win = manual_window.ManualWindow()
    qtbot.addWidget(win)
    win.search.setText("备份")
    assert win.find_next() and win.browser.textCursor().selectedText() == "备份"
    first = win.browser.textCursor().position()
    assert win.find_next() and win.browser.textCursor().position() > first
    win.search.setText("不存在的词语XYZ")
    assert not win.find_next()
    assert win.message.text() == "没有找到“不存在的词语XYZ”。"
