"""修改已报送的数据: the question asked before the first edit of a period already sent upward."""

from __future__ import annotations

from msdesk import submissions


def confirm_edit_submitted(parent, store, period: str) -> bool:
    """Ask before the first edit of a submitted period; True when the edit may go ahead.

    For the entry screens: call before saving a figure of `period`. Once the period is
    flagged changed after submission it does not ask again.
    """
    from PySide6.QtWidgets import QMessageBox

    question = submissions.edit_warning(store, period)
    if question is None:
        return True
    box = QMessageBox(QMessageBox.Question, "修改已报送的数据", question, QMessageBox.Yes | QMessageBox.No, parent)
    box.button(QMessageBox.Yes).setText("修改")
    box.button(QMessageBox.No).setText("取消")
    box.setDefaultButton(QMessageBox.No)
    return box.exec() == QMessageBox.Yes
