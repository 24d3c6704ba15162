"""Asking before a project, indicator or measure is deleted (issue 12): the core's question,
删除 / 取消 with 取消 the default, so Enter or Esc never deletes."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from msdesk.errors import MsdeskError

from . import strings


def confirm(parent, cmd) -> bool:
    """True when the clerk chose 删除 for `cmd` (an edits.Delete). A record already gone says so."""
    try:
        text = cmd.question()
    except MsdeskError as exc:
        QMessageBox.warning(parent, strings.DELETE_CONFIRM_TITLE, exc.message)
        return False
    box = QMessageBox(QMessageBox.Question, strings.DELETE_CONFIRM_TITLE, text, parent=parent)
    yes = box.addButton(strings.DELETE_CONFIRM_YES, QMessageBox.DestructiveRole)
    no = box.addButton(strings.DELETE_CONFIRM_NO, QMessageBox.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes
