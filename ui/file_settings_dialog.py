"""文件设置: the per-file rules (warning thresholds, backups kept, due days).

The core (msdesk.file_settings) validates; the dialog only shows its message.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QVBoxLayout

from msdesk import file_settings
from msdesk.errors import MsdeskError
from msdesk.session import Session

from . import geometry


class FileSettingsDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        store = session.store
        self.setWindowTitle("文件设置")
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("这些规则保存在本台账文件中，只影响本文件。"))
        form = QFormLayout()
        self.fields: dict[str, QDoubleSpinBox] = {}
        current = file_settings.read(store)
        for s in file_settings.SETTINGS:
            box = QDoubleSpinBox()
            box.setRange(-1000, 1000)  # the core checks the real range and says so in Chinese
            box.setDecimals(0 if s.key in ("backup.keep", "due_days") else 1)
            box.setValue(current[s.key])
            box.setToolTip(s.hint)
            box.setAccessibleName(s.label)
            form.addRow(s.label + "：", box)
            self.fields[s.key] = box
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("保存")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        geometry.make_scrollable(self)  # capped to the screen, buttons always in view

    def save(self) -> None:
        try:
            file_settings.write(self.store, {k: box.value() for k, box in self.fields.items()})
        except MsdeskError as exc:
            self.message.setText(exc.message)
            return
        self.accept()


def run(window) -> None:
    if getattr(window, "store", None) is None:
        return
    if FileSettingsDialog(window.session, window).exec():
        window.session.file_rewritten(forget_undo=False)
