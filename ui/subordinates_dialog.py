"""下级单位: the offices below this one (乡镇/街道 under a district, 村/社区 under a township).

Pick a row to fill the form, change name / 区划代码 and 保存修改; 新增 adds from the
form; 删除 removes the selected one. Each is one undo step on the window's stack;
the core refuses duplicates, bad codes and deleting an office that has sent data,
and its Chinese message is shown in the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from msdesk import breakdown, edits, offices
from msdesk.errors import MsdeskError
from msdesk.session import Session

from . import geometry, strings
from .editors import FieldMessage


class SubordinatesDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        store = session.store
        self.setWindowTitle(strings.SUBS_TITLE)
        self.setMinimumSize(620, 460)
        me = offices.self_office(store) or {}
        lay = QVBoxLayout(self)
        intro = QLabel(strings.SUBS_INTRO.format(office=me.get("name") or strings.NO_OFFICE))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.table = QTableWidget(0, len(strings.SUBS_HEADERS))
        self.table.setHorizontalHeaderLabels(strings.SUBS_HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._picked)
        lay.addWidget(self.table, 1)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setAccessibleName(strings.SUBS_NAME)
        self.code = QLineEdit()
        self.code.setPlaceholderText(strings.SUBS_CODE_HINT)
        self.code.setAccessibleName(strings.SUBS_CODE)
        self.level = QComboBox()
        for code, text in offices.LEVELS.items():
            self.level.addItem(text, code)
        self.level.setCurrentIndex(self.level.findData(offices.CHILD_LEVEL[me.get("level") or "district"]))
        form.addRow(strings.SUBS_NAME + "：", self.name)
        form.addRow(strings.SUBS_CODE + "：", self.code)
        form.addRow(strings.SUBS_LEVEL + "：", self.level)
        lay.addLayout(form)
        self.message = FieldMessage()
        lay.addWidget(self.message)
        buttons = QHBoxLayout()
        self.add_button = self._button(strings.SUBS_ADD, strings.TIP_SUBS_ADD, self.add, buttons)
        self.rename_button = self._button(strings.SUBS_RENAME, strings.TIP_SUBS_RENAME, self.rename, buttons)
        self.delete_button = self._button(strings.SUBS_DELETE, strings.TIP_SUBS_DELETE, self.delete, buttons)
        buttons.addStretch(1)
        self._button(strings.SUBS_CLOSE, strings.SUBS_CLOSE, self.accept, buttons)
        lay.addLayout(buttons)
        self.name.returnPressed.connect(self.add)
        self.load()
        geometry.make_scrollable(self)  # capped to the screen, buttons always in view

    def _button(self, text, tip, slot, row) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- list -------------------------------------------------------------------------------
    def load(self, select_id: str | None = None) -> None:
        self.rows = breakdown.columns(self.store)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for n, office in enumerate(self.rows):
            got = offices.received_data(self.store, office["id"])
            data = "，".join(text.format(n=got[key]) for key, text in strings.SUBS_DATA.items() if got[key])
            for col, text in enumerate(
                (
                    office["name"],
                    offices.LEVELS.get(office["level"], office["level"]),
                    office.get("region_code") or "",
                    data or strings.SUBS_NONE,
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, office["id"])
                self.table.setItem(n, col, item)
        self.table.blockSignals(False)
        row = next((n for n, o in enumerate(self.rows) if o["id"] == select_id), -1)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self._picked()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _picked(self) -> None:
        office = self.selected()
        self.rename_button.setEnabled(office is not None)
        self.delete_button.setEnabled(office is not None)
        if office:
            self.name.setText(office["name"])
            self.code.setText(office.get("region_code") or "")
            self.level.setCurrentIndex(max(0, self.level.findData(office["level"])))

    # -- actions -------------------------------------------------------------------------------
    def _push(self, cmd) -> bool:
        try:
            self.session.apply(cmd)
        except MsdeskError as exc:
            self.message.show_message(exc.message)
            return False
        self.message.clear_message()
        return True

    def add(self) -> None:
        name = self.name.text().strip()
        cmd = edits.add_subordinate(
            self.store, name, self.code.text(), self.level.currentData(), strings.SUBS_ADD_LABEL.format(name=name)
        )
        if self._push(cmd):
            self.load()
            self.name.clear()
            self.code.clear()
            self.name.setFocus()

    def rename(self) -> None:
        office = self.selected()
        if office is None:
            self.message.show_message(strings.SUBS_PICK)
            return
        cmd = edits.RenameOffice(
            self.store,
            office["id"],
            self.name.text(),
            self.code.text(),
            strings.SUBS_RENAME_LABEL.format(name=office["name"]),
            level=self.level.currentData(),
        )
        if self._push(cmd):
            self.load(office["id"])

    def delete(self) -> None:
        office = self.selected()
        if office is None:
            self.message.show_message(strings.SUBS_PICK)
            return
        if self._push(
            edits.DeleteOffice(self.store, office["id"], strings.SUBS_DELETE_LABEL.format(name=office["name"]))
        ):
            self.load()
            self.message.show_message(strings.SUBS_DELETED.format(name=office["name"]))
