"""报表 → 进展通报: the period's 进展情况通报 drafted from the ledger, shown as editable text.

The clerk reads the draft, edits it, regenerates it for another period or filter
(asked first when that would throw edits away) and saves it as .docx or .pdf; what
is saved is the text as edited. The dialog takes the store, the plan and the period
as arguments and knows nothing of the main window. Building the draft and writing the
file are quick core calls (well under a second for 50 projects), so they run in place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msdesk import outputs, overview, plans, reporting
from msdesk.bulletin import build_bulletin, from_text, to_text, write_bulletin
from msdesk.errors import MsdeskError
from msdesk.periods import parse_period

from . import geometry, reveal

TITLE = "进展情况通报"
ALL_CATEGORIES, ALL_UNITS = "全部类别", "全部牵头单位"
DISCARD = "丢弃修改并重新生成"
CLOSE_ANYWAY = "不保存，关闭"
KEEP = "取消"
ASK_REGENERATE = "通报文字已修改。重新生成会丢弃这些修改，确定要重新生成吗？"
ASK_CLOSE = "修改后的通报文字还没有保存，关闭后修改将丢失。确定要关闭吗？"
TIPS = {
    "period": "通报哪一个报告期（季度或月份）的进展",
    "category": "只通报某一类别的项目；选“全部类别”通报全部项目",
    "lead_unit": "只通报某一牵头单位的项目",
    "text": "自动起草的通报文字，可直接修改：一行一段；“一、”“（一）”“1.”开头的行是各级标题；"
    "以 | 分隔的行是表格。保存时按修改后的文字生成文件。",
    "regenerate": "按所选报告期和筛选条件重新起草（会替换当前文字）",
    "docx": "保存为 Word 文档（.docx），可用 WPS 或 Word 继续修改",
    "pdf": "保存为 PDF，字体与正式报表相同",
}

_last_folder: Path | None = None


class BulletinDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.store, self.plan_id, period = session.store, session.plan_id, session.period
        self.edited = False  # the text differs from the last draft
        self.saved_since_edit = True
        self._filling = False
        self.saved: list[Path] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self._form(period))
        self.editor = QPlainTextEdit()
        self.editor.setToolTip(TIPS["text"])
        font = QFont(self.editor.font())
        font.setPointSize(font.pointSize() + 1)
        self.editor.setFont(font)
        self.editor.textChanged.connect(self._on_edit)
        layout.addWidget(self.editor, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addLayout(self._buttons())
        self.resize(900, 720)
        self.regenerate(ask=False)
        geometry.make_scrollable(self)  # capped to the screen, buttons always in view

    # -- building the form ---------------------------------------------
    def _form(self, period: str | None) -> QFormLayout:
        form = QFormLayout()
        self.period_combo = self._periods(period)
        form.addRow("报告期：", self.period_combo)
        names = [c["name"] for c in plans.categories(self.store, self.plan_id)]
        self.category_combo = self._combo([ALL_CATEGORIES] + names, TIPS["category"])
        form.addRow("类别：", self.category_combo)
        self.unit_combo = self._combo([ALL_UNITS] + self._lead_units(), TIPS["lead_unit"])
        form.addRow("牵头单位：", self.unit_combo)
        return form

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.regenerate_button = QPushButton("重新生成")
        self.regenerate_button.setToolTip(TIPS["regenerate"])
        self.regenerate_button.clicked.connect(lambda: self.regenerate())
        self.docx_button = QPushButton("保存为 Word…")
        self.docx_button.setToolTip(TIPS["docx"])
        self.docx_button.clicked.connect(lambda: self.save("docx"))
        self.pdf_button = QPushButton("保存为 PDF…")
        self.pdf_button.setToolTip(TIPS["pdf"])
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        close = QPushButton("关闭")
        close.setToolTip("关闭本窗口")
        close.clicked.connect(self.close)
        row.addWidget(self.regenerate_button)
        row.addStretch()
        for b in (self.docx_button, self.pdf_button, close):
            row.addWidget(b)
        return row

    def _combo(self, items, tip) -> QComboBox:
        combo = QComboBox()
        combo.addItems(items)
        combo.setToolTip(tip)
        return combo

    def _periods(self, current: str | None) -> QComboBox:
        current_p = parse_period(current) if current else None
        options = reporting.reported_periods(self.store, reporting.plan_year(self.store, self.plan_id, current))
        if current_p and current_p not in options:
            options.append(current_p)
        combo = self._combo([], TIPS["period"])
        for p in options:
            combo.addItem(p.label, p.code)
        if current_p:
            combo.setCurrentIndex(options.index(current_p))
        return combo

    def _lead_units(self) -> list[str]:
        return overview.lead_units(self.store, self.plan_id)

    def _filter(self, combo: QComboBox) -> str | None:
        return combo.currentText() if combo.currentIndex() > 0 else None

    # -- the draft ------------------------------------------------------
    def _on_edit(self) -> None:
        if not self._filling:
            self.edited = True
            self.saved_since_edit = False

    def _ask(self, question: str, go: str) -> bool:
        box = QMessageBox(QMessageBox.Question, TITLE, question, parent=self)
        yes = box.addButton(go, QMessageBox.AcceptRole)
        box.addButton(KEEP, QMessageBox.RejectRole)
        box.setDefaultButton(box.buttons()[-1])
        box.exec()
        return box.clickedButton() is yes

    def regenerate(self, ask: bool = True) -> bool:
        """Draft again from the ledger for the chosen period and filters. False when the clerk
        keeps the edited text, or the draft cannot be built (the reason is shown)."""
        if ask and self.edited and not self._ask(ASK_REGENERATE, DISCARD):
            return False
        try:
            bulletin = build_bulletin(
                self.store,
                self.plan_id,
                self.period_combo.currentData(),
                category=self._filter(self.category_combo),
                lead_unit=self._filter(self.unit_combo),
            )
        except MsdeskError as exc:
            self.status.setText(exc.message)
            return False
        self._filling = True
        self.editor.setPlainText(to_text(bulletin))
        self._filling = False
        self.edited, self.saved_since_edit = False, True
        self.bulletin = bulletin
        self.status.setText(
            f"已按{parse_period(self.period_combo.currentData()).label}的数据起草，可直接修改文字后保存。"
        )
        return True

    def text(self) -> str:
        return self.editor.toPlainText()

    def default_path(self, fmt: str) -> Path:
        title = (self.text().splitlines() or [TITLE])[0].strip() or TITLE
        safe = "".join(ch for ch in title if ch not in '\\/:*?"<>|')
        return (_last_folder or outputs.default_folder("exports", self.store.path)) / f"{safe}.{fmt}"

    def save(self, fmt: str, path: str | Path | None = None) -> Path | None:
        """Save the text as edited; path=None asks where."""
        global _last_folder
        if path is None:
            kind = "Word 文档 (*.docx)" if fmt == "docx" else "PDF 文件 (*.pdf)"
            chosen, _ = QFileDialog.getSaveFileName(self, "保存通报", str(self.default_path(fmt)), kind)
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            written = write_bulletin(from_text(self.text()), path, fmt)
        except MsdeskError as exc:
            self.status.setText(exc.message)
            QMessageBox.warning(self, TITLE, exc.message)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        _last_folder = written.parent
        self.saved.append(written)
        self.saved_since_edit = True
        self.status.setText(f"已保存：{written}")
        self.finished_box = reveal.finished(self, "通报已保存", "进展情况通报已保存。", written)
        self.finished_box.open()
        return written

    def closeEvent(self, event) -> None:
        if self.edited and not self.saved_since_edit and not self._ask(ASK_CLOSE, CLOSE_ANYWAY):
            event.ignore()
            return
        event.accept()


NO_PLAN = "台账中还没有年度计划，请先导入民生实事通知，再起草进展通报。"


def run(window) -> BulletinDialog | None:
    """报表 → 进展通报: a non-modal dialog for the window's plan and 报告期, kept on
    window.bulletin_dialog."""
    session = window.session
    if session is None or not session.plan_id:
        QMessageBox.information(window, TITLE, NO_PLAN)
        return None
    dialog = BulletinDialog(session, window)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    window.bulletin_dialog = dialog
    return dialog
