"""修改记录: the file's change history in a clerk's words (msdesk.audit_words), newest first,
filterable by kind of record."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from msdesk import audit
from msdesk.session import Session

from . import geometry

COLUMNS = ("时间", "填报人", "修改内容")
LIMIT = 500


class AuditDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        self.setWindowTitle("修改记录")
        self.resize(1000, 600)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("记录类别："))
        self.kind = QComboBox()
        self.kind.addItem("全部", None)
        for table, label in audit.TABLE_LABELS.items():
            self.kind.addItem(label, table)
        self.kind.currentIndexChanged.connect(self.load)
        top.addWidget(self.kind)
        top.addStretch(1)
        self.count = QLabel()
        top.addWidget(self.count)
        lay.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.load()
        geometry.make_scrollable(self)  # capped to the screen, buttons always in view

    def load(self) -> None:
        period = self.session.period  # 本期 is the period open in the window
        lines = audit.clerk_lines(self.store, table=self.kind.currentData(), limit=LIMIT, current_period=period)
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, text in enumerate((line.at, line.who, line.text)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, max(self.table.columnWidth(2), 500))
        self.count.setText(f"显示最近 {len(lines)} 条" if len(lines) >= LIMIT else f"共 {len(lines)} 条")


def run(window) -> None:
    if getattr(window, "store", None) is not None:
        AuditDialog(window.session, window).exec()
