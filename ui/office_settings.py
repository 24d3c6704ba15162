"""单位设置: the office that keeps this file and signs its reports.

Saving is one undo step (edits.SetOffice); the core checks the values and
its Chinese message is shown in the dialog, which stays open to fix them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from msdesk import edits, offices
from msdesk.errors import MsdeskError
from msdesk.session import Session

from . import geometry, strings
from .editors import FieldMessage


class OfficeSettingsDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        self.setWindowTitle(strings.OFFICE_TITLE)
        self.setMinimumWidth(460)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        f = strings.OFFICE_FIELDS
        self.name = QLineEdit()
        self.level = QComboBox()
        for code, text in offices.LEVELS.items():
            self.level.addItem(text, code)
        self.parent_name = QLineEdit()
        self.parent_name.setPlaceholderText(strings.PARENT_PLACEHOLDER)
        self.head, self.preparer, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.monthly = QCheckBox(strings.OFFICE_MONTHLY_HINT)
        self.monthly.setToolTip(strings.OFFICE_MONTHLY_TIP)
        for key, widget in (
            ("name", self.name),
            ("level", self.level),
            ("parent", self.parent_name),
            ("head", self.head),
            ("preparer", self.preparer),
            ("phone", self.phone),
            ("reports_monthly", self.monthly),
        ):
            widget.setAccessibleName(f[key])
            form.addRow(f[key] + "：", widget)
        lay.addLayout(form)
        self.message = FieldMessage()
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(strings.SAVE)
        buttons.button(QDialogButtonBox.Cancel).setText(strings.CANCEL)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self._load()
        geometry.make_scrollable(self)  # capped to the screen, buttons always in view

    def _load(self) -> None:
        me = offices.self_office(self.store) or {}
        self.name.setText(me.get("name") or "")
        self.level.setCurrentIndex(max(0, self.level.findData(me.get("level") or "township")))
        parent = self.store.get("offices", me["parent_id"]) if me.get("parent_id") else None
        self.parent_name.setText(parent["name"] if parent else "")
        self.head.setText(me.get("head") or "")
        self.preparer.setText(me.get("preparer") or "")
        self.phone.setText(me.get("phone") or "")
        self.monthly.setChecked(bool(me.get("reports_monthly")))

    def values(self) -> dict:
        return dict(
            name=self.name.text(),
            level=self.level.currentData(),
            head=self.head.text().strip() or None,
            preparer=self.preparer.text().strip() or None,
            phone=self.phone.text().strip() or None,
            reports_monthly=1 if self.monthly.isChecked() else 0,
        )

    def save(self) -> None:
        cmd = edits.SetOffice(self.store, self.values(), self.parent_name.text(), f"{strings.OFFICE_TITLE}")
        try:
            self.session.apply(cmd)
        except MsdeskError as exc:
            self.message.show_message(exc.message)
            return
        self.accept()
