"""报送 → 导入进展表 / 生成进展表模板: 进展表 in Excel from offices without msdesk and from 牵头单位.

Both dialogs take what they need (an open Store, the plan id, the period code and a
parent widget), not the main window, and only call msdesk.progress_table: the
matching, the checks and the writing are the core's. Methods that would ask for a
file take the path as an optional argument, so tests can drive them without a file
dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msdesk import offices, outputs
from msdesk.errors import MsdeskError
from msdesk.periods import parse_period, quarters
from msdesk.progress_table import preview_table, resolve_scope, write_template
from msdesk.progress_table.apply import TableRefused, apply_preview
from msdesk.progress_table.scope import lead_units

from . import geometry, reveal

OK_COLOUR, BAD_COLOUR, WARN_COLOUR, GREY = "#1b6e2a", "#c62828", "#b26a00", "#777777"
COLUMNS = ["结果", "行", "序号", "项目", "指标", "对应方式", "台账现值", "表中数值", "说明"]
STATE_COLOURS = {"matched": None, "unmatched": WARN_COLOUR, "skipped": GREY}
FILE_FILTER = "进展表 (*.xlsx *.zip);;Excel 工作簿 (*.xlsx);;报送包 (*.zip)"


def _target_box(store, plan_id: str) -> QComboBox:
    """下级单位 first, then 牵头单位; each item's data is (office, lead_unit)."""
    box = QComboBox()
    for office in offices.subordinates(store):
        box.addItem(f"下级单位：{office['name']}", (office["name"], None))
    for unit in lead_units(store, plan_id):
        box.addItem(f"牵头单位：{unit}", (None, unit))
    box.setToolTip("进展表是哪个下级单位或牵头单位填的（牵头单位的数据记为本单位进度）")
    return box


def _period_box(store, plan_id: str, period_code: str | None) -> QComboBox:
    plan = store.get("plans", plan_id)
    box = QComboBox()
    periods = quarters(plan["year"])
    current = parse_period(period_code) if period_code else None
    if current and current not in periods:
        periods.append(current)  # a monthly office's period
    for p in periods:
        box.addItem(p.label, p.code)
    if current:
        box.setCurrentIndex(max(0, box.findData(current.code)))
    box.setToolTip("进展表的报告期；表中写明的报告期与此不符时不会导入")
    return box


def _say(label: QLabel, text: str, ok: bool) -> None:
    label.setText(("✓ " if ok else "✗ ") + text)
    label.setStyleSheet(f"color: {OK_COLOUR if ok else BAD_COLOUR};")


class ProgressImportDialog(QDialog):
    """Choose a file, the office or lead unit and the period; preview every row; 导入 writes.

    imported(message) is emitted after figures were written: the main window should then
    forget its undo history (forget_undo), as after any import."""

    imported = Signal(str)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        store, plan_id, period_code = session.store, session.plan_id, session.period
        self.store, self.plan_id = store, plan_id
        self.preview = None
        self.setWindowTitle("导入进展表")
        self.resize(1100, 620)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText("选择填好的进展表（.xlsx），或报送包（.zip）中的进展情况表")
        self.file_edit.setToolTip("下级单位或牵头单位交回的进展表")
        self.file_edit.editingFinished.connect(lambda: self.run_preview())
        browse = QPushButton("选择文件…")
        browse.setToolTip("选择进展表文件")
        browse.clicked.connect(lambda: self.choose_file())
        self.target_box = _target_box(store, plan_id)
        self.period_box = _period_box(store, plan_id, period_code)
        for box in (self.target_box, self.period_box):
            box.currentIndexChanged.connect(lambda _: self.run_preview())
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("文件：", file_row)
        form.addRow("填报单位：", self.target_box)
        form.addRow("报告期：", self.period_box)
        self.summary = QLabel("请选择文件。")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((56, 40, 44, 240, 150, 96, 72, 72)):
            self.table.setColumnWidth(column, width)  # long project texts are cut; the tooltip has them
        self.table.setToolTip("表中每一行：对应到哪项指标、数值的变化，以及未对应的行和有错误的单元格")
        self.result = QLabel()
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.import_btn = buttons.addButton("导入", QDialogButtonBox.AcceptRole)
        self.import_btn.setToolTip("把预览中的数值写入台账（会替换台账中已有的数值时，先自动备份；可在修改记录中查看）")
        self.import_btn.setEnabled(False)
        close = buttons.addButton("关闭", QDialogButtonBox.RejectRole)
        close.setToolTip("关闭此窗口，不导入")
        self.import_btn.clicked.connect(lambda: self.do_import())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        geometry.make_scrollable(self)  # capped to the screen, buttons always in view

    @property
    def period_code(self) -> str:
        return self.period_box.currentData()

    def choose_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "选择进展表", str(Path(self.store.path).parent), FILE_FILTER)
            if not path:
                return
        self.file_edit.setText(str(path))
        self.run_preview()

    def _scope(self):
        office, lead = self.target_box.currentData() or (None, None)
        return resolve_scope(self.store, self.plan_id, self.period_code, office, lead)

    def run_preview(self) -> bool:
        """Read and check the table (nothing is written); fills the preview table."""
        self.preview = None
        self.import_btn.setEnabled(False)
        self.result.clear()
        path = self.file_edit.text().strip()
        if not path:
            return False
        try:
            self.preview = preview_table(self.store, self._scope(), path)
        except MsdeskError as exc:
            self.table.setRowCount(0)
            _say(self.summary, exc.message, False)
            return False
        self._show(self.preview)
        self.import_btn.setEnabled(self.preview.ok)
        return self.preview.ok

    def _show(self, preview) -> None:
        lines = [preview.summary().split("\n")[1]]
        lines += [f"不能导入：{r}" for r in preview.refusals]
        if preview.errors:
            lines.append(f"有 {len(preview.errors)} 处错误（红色行），改正前不会导入任何数据。")
        self.summary.setText("\n".join(lines))
        self.summary.setStyleSheet(f"color: {BAD_COLOUR};" if not preview.ok else "")
        rows = []
        for r in preview.rows:
            note = "；".join([r.note] * bool(r.note) + [str(e) for e in r.errors])
            colour = BAD_COLOUR if r.errors else STATE_COLOURS[r.state]
            label = "错误" if r.errors else r.state_label
            rows.append(([label, r.row, r.seq, r.project, r.indicator, r.how, r.old, r.new, note], colour))
        row_errors = {id(e) for r in preview.rows for e in r.errors}
        for e in preview.errors:
            if id(e) not in row_errors:  # a project's 进展情况/资金 cell
                rows.append((["错误", "", "", "", "", "", "", "", str(e)], BAD_COLOUR))
        self.table.setRowCount(len(rows))
        for n, (values, colour) in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem("" if value is None else str(value))
                item.setToolTip(item.text())
                if colour:
                    item.setForeground(QColor(colour))
                self.table.setItem(n, c, item)

    def do_import(self) -> bool:
        if self.preview is None and not self.run_preview():
            return False
        try:
            outcome = apply_preview(self.store, self.preview, Path(self.file_edit.text()).name)
        except TableRefused as exc:
            self._show(exc.preview)
            _say(self.result, "未导入：" + (exc.preview.refusals or [str(e) for e in exc.preview.errors])[0], False)
            return False
        except MsdeskError as exc:
            _say(self.result, exc.message, False)
            return False
        _say(self.result, outcome.message, True)
        self.import_btn.setEnabled(False)
        self.preview = None
        if outcome.written:
            # every screen reads again once; edits before the import can no longer be undone
            self.session.file_rewritten(forget_undo=True)
            self.imported.emit(outcome.message)
        return outcome.written


class ProgressTemplateDialog(QDialog):
    """报送 → 生成进展表模板: the blank table for one subordinate office or lead unit."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        store, plan_id, period_code = session.store, session.plan_id, session.period
        self.store, self.plan_id = store, plan_id
        self.setWindowTitle("生成进展表模板")
        self.target_box = _target_box(store, plan_id)
        self.period_box = _period_box(store, plan_id, period_code)
        form = QFormLayout()
        form.addRow("填报单位：", self.target_box)
        form.addRow("报告期：", self.period_box)
        self.result = QLabel(
            "模板含该单位的项目、指标、目标（有分解的用分解目标）和上期累计；交其填写后用“导入进展表”导入。"
        )
        self.result.setWordWrap(True)
        buttons = QDialogButtonBox()
        save = buttons.addButton("保存模板…", QDialogButtonBox.AcceptRole)
        save.setToolTip("选择保存位置，生成 .xlsx 进展表")
        close = buttons.addButton("关闭", QDialogButtonBox.RejectRole)
        close.setToolTip("关闭此窗口")
        save.clicked.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        geometry.make_scrollable(self)  # capped to the screen, buttons always in view

    def save(self, path: str | None = None) -> Path | None:
        office, lead = self.target_box.currentData() or (None, None)
        try:
            scope = resolve_scope(self.store, self.plan_id, self.period_box.currentData(), office, lead)
            if path is None:
                start = (
                    outputs.default_folder("exports", self.store.path) / f"{scope.name}-{scope.period.code}-进展表.xlsx"
                )
                path, _ = QFileDialog.getSaveFileName(self, "保存进展表模板", str(start), "Excel 工作簿 (*.xlsx)")
                if not path:
                    return None
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            out = write_template(scope, path)
        except OSError as exc:
            _say(self.result, f"无法保存文件：{exc.strerror or exc}", False)
            return None
        except MsdeskError as exc:
            _say(self.result, exc.message, False)
            return None
        _say(self.result, f"已生成{scope.name}{scope.period.label}进展表：{out}", True)
        self.finished_box = reveal.finished(
            self, "进展表模板已保存", f"已生成{scope.name}{scope.period.label}进展表。", out
        )
        self.finished_box.open()
        return out


NO_PLAN = "台账中还没有年度计划，请先导入民生实事通知。"


def _open(window, dialog_class):
    if window.session is None or not window.session.plan_id:
        QMessageBox.information(window, "进展表", NO_PLAN)
        return None
    dialog = dialog_class(window.session, window)
    window.package_dialog = dialog
    dialog.open()
    return dialog


def run_import(window) -> ProgressImportDialog | None:
    """报送 → 导入进展表."""
    return _open(window, ProgressImportDialog)


def run_template(window) -> ProgressTemplateDialog | None:
    """报送 → 生成进展表模板."""
    return _open(window, ProgressTemplateDialog)
