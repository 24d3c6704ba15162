"""Qt's own standard texts are Chinese too (a clerk never meets 'Cancel')."""
from PySide6.QtWidgets import QDialogButtonBox


def test_standard_buttons_are_chinese(qapp):
    from ui.app import make_app
    make_app()
    box = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel | QDialogButtonBox.Close)
    texts = {box.button(b).text().replace("&", "").split("(")[0]
             for b in (QDialogButtonBox.Ok, QDialogButtonBox.Cancel, QDialogButtonBox.Close)}
    assert texts == {"确定", "取消", "关闭"}
