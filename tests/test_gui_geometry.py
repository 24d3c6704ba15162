"""Windows fit the screen: geometry remembered per user; tall dialogs scroll, buttons stay in view."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMainWindow, QPlainTextEdit, QVBoxLayout

from ui import geometry


def test_initial_rect_fits_a_1366x768_laptop():
    area = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
    rect, maximise = geometry.initial_rect(area, QSize(1280, 820))
    assert rect.height() <= 728 and rect.width() <= 1366 and area.contains(rect)
    assert maximise  # 820 px does not fit: open maximised
    rect, maximise = geometry.initial_rect(QRect(0, 0, 1920, 1040), QSize(1280, 820))
    assert (rect.width(), rect.height(), maximise) == (1280, 820, False)
    assert rect.center() == QRect(0, 0, 1920, 1040).center()


def test_geometry_is_remembered_per_user(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    geometry.restore(win, "main", QSize(900, 600))
    win.show()
    qtbot.waitExposed(win)
    win.setGeometry(40, 50, 700, 500)
    geometry.save(win, "main")
    again = QMainWindow()
    qtbot.addWidget(again)
    assert geometry.restore(again, "main", QSize(900, 600)) is False
    assert (again.geometry().width(), again.geometry().height()) == (700, 500)
    other = QMainWindow()  # another window has its own key
    qtbot.addWidget(other)
    geometry.restore(other, "manual", QSize(500, 400))
    assert (other.width(), other.height()) == (500, 400)


def _tall_dialog():
    dialog = QDialog()
    lay = QVBoxLayout(dialog)
    for n in range(40):
        lay.addWidget(QLabel(f"第{n + 1}行说明文字"))
    lay.addWidget(QPlainTextEdit(), 1)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    lay.addWidget(buttons)
    return dialog, buttons


def test_tall_dialog_is_capped_and_scrolls_with_buttons_in_view(qtbot):
    dialog, buttons = _tall_dialog()
    qtbot.addWidget(dialog)
    assert dialog.sizeHint().height() > geometry.available(dialog).height()  # too tall for the screen
    scroll = geometry.make_scrollable(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = geometry.available(dialog)
    assert dialog.height() <= area.height() - 2 * geometry.DIALOG_MARGIN
    assert scroll.verticalScrollBar().maximum() > 0  # the body scrolls
    assert buttons.parent() is dialog and buttons.isVisible()  # buttons outside the scroll area
    bottom = buttons.mapTo(dialog, buttons.rect().bottomLeft()).y()
    assert bottom <= dialog.height()
    assert len(scroll.widget().findChildren(QLabel)) == 40  # nothing lost on the way


def test_new_dialog_layout_with_body_and_footer(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    body, footer = geometry.scrolling_layout(dialog)
    body.addWidget(QLabel("正文"))
    footer.addWidget(QDialogButtonBox(QDialogButtonBox.Close))
    size = geometry.cap_to_screen(dialog)
    assert size.height() <= geometry.available(dialog).height()
