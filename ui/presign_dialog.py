"""Before signing a 报送包: the projects with no figure or no 进展情况 for the period
(msdesk.presign), listed for the clerk, who may go back to fill them in or go on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem

from msdesk import presign

from . import geometry

TITLE = "签名前检查"
GO_ON = "仍然签名报送"
GO_BACK = "返回填写"
PROJECT_ROLE = Qt.UserRole + 1


class PresignDialog(QDialog):
    """accept(): sign anyway; reject(): go back. chosen_project holds the project the clerk
    double-clicked (to open it for entry), else None."""

    def __init__(self, gaps: list[presign.Gap], period_label: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.chosen_project: str | None = None
        body, footer = geometry.scrolling_layout(self)
        head = QLabel(f"{period_label}：{presign.summary(gaps)}")
        head.setWordWrap(True)
        head.setObjectName("headline")
        body.addWidget(head)
        self.list = QListWidget()
        for gap in gaps:
            item = QListWidgetItem(gap.text)
            item.setData(PROJECT_ROLE, gap.project_id)
            item.setToolTip("双击打开这个项目去填写")
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(self._open)
        body.addWidget(self.list, 1)
        hint = QLabel("双击一个项目可直接去填写。")
        hint.setObjectName("hint")
        body.addWidget(hint)
        self.buttons = QDialogButtonBox()
        self.go_on = self.buttons.addButton(GO_ON, QDialogButtonBox.AcceptRole)
        self.go_back = self.buttons.addButton(GO_BACK, QDialogButtonBox.RejectRole)
        self.go_back.setDefault(True)  # Enter does not sign an incomplete report by accident
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        footer.addWidget(self.buttons)
        self.resize(640, 420)
        geometry.cap_to_screen(self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.go_on.setAutoDefault(False)
        self.go_back.setDefault(True)  # the button box makes the accept button default on show

    def _open(self, item: QListWidgetItem) -> None:
        self.chosen_project = item.data(PROJECT_ROLE)
        self.reject()


def confirm(parent, store, plan_id: str, period, period_label: str) -> bool:
    """True to go on signing: at once when nothing is missing, else after the clerk agrees."""
    gaps = presign.missing_entries(store, plan_id, period)
    if not gaps:
        return True
    dialog = PresignDialog(gaps, period_label, parent)
    return dialog.exec() == QDialog.Accepted
