"""What the 报送 dialogs share: opening one for the main window, the 报告期 box, tables, the
passphrase field, the result line and the wording of an error."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
)

from msdesk.errors import MsdeskError
from msdesk.periods import parse_period
from msdesk.session import Session

OK_COLOUR, BAD_COLOUR = "#1b6e2a", "#c62828"

ACTION_TEXT = {"accepted": "接收", "superseded": "接收（替换旧报送）", "rejected": "拒绝"}


def show_dialog(window, make) -> QDialog | None:
    if getattr(window, "store", None) is None:
        if hasattr(window, "show_error"):
            window.show_error("请先打开或新建台账文件。")
        return None
    dialog = make(window.session, window)
    window.package_dialog = dialog
    dialog.open()
    return dialog


def period_box(session: Session) -> QComboBox:
    box = QComboBox()
    current = parse_period(session.period) if session.period else None
    for p in session.periods():
        box.addItem(p.label, p.code)
    if current:
        box.setCurrentIndex(max(0, box.findData(current.code)))
    box.setToolTip("报告期")
    return box


def make_table(headers: list[str], tip: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    table.setToolTip(tip)
    return table


def fill_table(table: QTableWidget, rows: list[list], colours: list[str | None] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if colours and colours[r]:
                item.setForeground(QColor(colours[r]))
            table.setItem(r, c, item)


def passphrase_field(tip: str = "签名私钥的口令（创建证书时设定）") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    field.setToolTip(tip)
    field.setPlaceholderText("私钥口令")
    return field


def close_row(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.Close)
    buttons.button(QDialogButtonBox.Close).setText("关闭")
    buttons.button(QDialogButtonBox.Close).setToolTip("关闭此窗口")
    buttons.rejected.connect(dialog.reject)
    return buttons


def result_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def say(label: QLabel, text: str, ok: bool) -> None:
    label.setText(("✓ " if ok else "✗ ") + text)
    label.setStyleSheet(f"color: {OK_COLOUR if ok else BAD_COLOUR};")


def error_text(exc: Exception) -> str:
    return exc.message if isinstance(exc, MsdeskError) else f"操作失败：{exc}"
