"""导出报表 dialog and the print preview of a PDF table.

ExportDialog(session, parent) exports the session's plan and period; run(window) opens it for
the main window.
The dialog reads the data on the GUI thread (quick), then writes the files on
a worker thread (the slow part) with a progress bar; the worker only calls the
core and never touches a widget. Afterwards the PDF opens in a print preview
(ui.pdf_preview: pages drawn by ui.pdf_painter as they scroll into view, with 打印…).
preview_pdf(parent, path) is reusable for any PDF msdesk produced.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msdesk import identity, outputs, overview, plans, reporting
from msdesk.errors import MsdeskError
from msdesk.export import TABLE_KEYS, prepare, write_files
from msdesk.export.pdf_pages import PdfPages
from msdesk.periods import parse_period
from msdesk.session import Session

from . import geometry, reveal, strings
from .ops import Op, run_op
from .pdf_preview import PdfPreviewDialog, paint_pdf  # noqa: F401 - paint_pdf: printing, used with the preview

TITLE = "导出报表"
ALL_CATEGORIES = "全部类别"
ALL_UNITS = "全部牵头单位"
TABLE_TEXT = {"projects": "民生实事项目清单", "breakdown": "目标任务分解表", "progress": "进展情况表（所选报告期）"}
TIPS = {
    "tables": "勾选要导出的报表；三张表导出到同一个 Excel 文件（每表一个工作表）和同一个 PDF 文件",
    "period": "进展情况表按此报告期取数；所有报表标题注明报告期",
    "category": "只导出某一类别的项目（筛选条件会印在表头下方）",
    "lead_unit": "只导出某一牵头单位的项目（筛选条件会印在表头下方）",
    "folder": "报表文件保存到这个文件夹（默认在台账文件旁的“报表”文件夹；选过别的文件夹后会记住）；同名文件会被新文件替换",
    "preview": "导出完成后打开 PDF 打印预览，可直接打印",
}


class ExportDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None, footer_note: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.session, self.store, self.plan_id = session, session.store, session.plan_id
        store, period = session.store, session.period
        # the certificate fingerprint on every page, as on the tables of a signed package
        self.footer_note = footer_note if footer_note is not None else identity.footer_note(store)
        self.files: list[Path] = []
        self.preview: PdfPreviewDialog | None = None
        self.worker: Op | None = None  # the background write, while one runs
        self._closed_while_writing = False
        self._pending = False  # a worker's result not yet delivered
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form(period))
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self._buttons())
        self.finished_box: QMessageBox | None = None
        self.resize(560, self.sizeHint().height())
        geometry.make_scrollable(self)

    # -- building the form ---------------------------------------------
    def _form(self, period: str | None) -> QFormLayout:
        form = QFormLayout()
        self.table_boxes = {}
        boxes = QVBoxLayout()
        for key in TABLE_KEYS:
            box = QCheckBox(TABLE_TEXT[key])
            box.setChecked(True)
            box.setToolTip(TIPS["tables"])
            self.table_boxes[key] = box
            boxes.addWidget(box)
        form.addRow("报表：", boxes)
        self.period_combo = self._periods(period)
        form.addRow("报告期：", self.period_combo)
        names = [c["name"] for c in plans.categories(self.store, self.plan_id)]
        self.category_combo = self._combo([ALL_CATEGORIES] + names, TIPS["category"])
        form.addRow("类别：", self.category_combo)
        self.unit_combo = self._combo([ALL_UNITS] + self._lead_units(), TIPS["lead_unit"])
        form.addRow("牵头单位：", self.unit_combo)
        self._output_rows(form)
        return form

    def _output_rows(self, form: QFormLayout) -> None:
        fmt = QHBoxLayout()
        self.xlsx_box, self.pdf_box = QCheckBox("Excel（.xlsx）"), QCheckBox("PDF")
        for box in (self.xlsx_box, self.pdf_box):
            box.setChecked(True)
            fmt.addWidget(box)
        fmt.addStretch()
        form.addRow("格式：", fmt)
        folder = QHBoxLayout()
        self.folder_edit = QLineEdit(str(outputs.default_folder("exports", self.store.path)))
        self.folder_edit.setToolTip(TIPS["folder"])
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(browse)
        form.addRow("保存到：", folder)
        self.preview_box = QCheckBox("导出后打开打印预览")
        self.preview_box.setChecked(True)
        self.preview_box.setToolTip(TIPS["preview"])
        form.addRow("", self.preview_box)

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.AcceptRole)
        self.export_button.setToolTip("按以上选择生成报表文件")
        self.preview_button = self.buttons.addButton("打印预览", QDialogButtonBox.ActionRole)
        self.preview_button.setToolTip("再次打开刚导出的 PDF 的打印预览")
        self.preview_button.clicked.connect(self.show_preview)
        self.folder_button = self.buttons.addButton(reveal.OPEN_FOLDER, QDialogButtonBox.ActionRole)
        self.folder_button.setToolTip("在文件管理器中打开报表所在的文件夹")
        self.folder_button.clicked.connect(self.open_folder)
        for button in (self.preview_button, self.folder_button):
            button.setEnabled(False)
        close = self.buttons.addButton("关闭", QDialogButtonBox.RejectRole)
        close.setToolTip("关闭本窗口")
        self.export_button.clicked.connect(self.start_export)
        close.clicked.connect(self.reject)
        return self.buttons

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

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择保存报表的文件夹", self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)
            outputs.remember_folder("exports", chosen)  # the next export starts there

    # -- choices --------------------------------------------------------
    def chosen_tables(self) -> list[str]:
        return [k for k, box in self.table_boxes.items() if box.isChecked()]

    def chosen_formats(self) -> list[str]:
        return [f for f, box in (("xlsx", self.xlsx_box), ("pdf", self.pdf_box)) if box.isChecked()]

    def _filter(self, combo: QComboBox) -> str | None:
        return combo.currentText() if combo.currentIndex() > 0 else None

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- export ---------------------------------------------------------
    def start_export(self) -> None:
        tables, formats = self.chosen_tables(), self.chosen_formats()
        folder = self.folder_edit.text().strip()
        if not tables:
            return self._say("请至少勾选一张报表。")
        if not formats:
            return self._say("请至少勾选一种格式（Excel 或 PDF）。")
        if not folder:
            return self._say("请选择保存报表的文件夹。")
        try:
            data = prepare(
                self.store,
                self.plan_id,
                self.period_combo.currentData(),
                tables,
                self._filter(self.category_combo),
                self._filter(self.unit_combo),
                footer_note=self.footer_note,
            )
        except MsdeskError as exc:
            return self._say(exc.message)
        self.export_button.setEnabled(False)
        self.bar.setRange(0, len(tables) * len(formats))
        self.bar.setValue(0)
        self._say("正在生成报表…")
        self._pending = True
        out_dir = Path(folder)
        # worker thread: only the core writes the files; report(done, total) moves the bar
        self.worker = run_op(
            self,
            lambda report: [str(p) for p in write_files(data, out_dir, formats, report)],
            self._on_done,
            self._on_error,
            progress=self._on_progress,
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _on_done(self, files: list) -> None:
        self._pending = False
        self.files = [Path(f) for f in files]
        self.export_button.setEnabled(True)
        self._say("已导出：\n" + "\n".join(str(f) for f in self.files))
        self.folder_button.setEnabled(True)
        self.preview_button.setEnabled(self.pdf_file() is not None)
        if self._closed_while_writing:  # the files are whole, but open nothing on a closed dialog
            self._closed_while_writing = False
            return
        if self.pdf_file() and self.preview_box.isChecked():
            self.show_preview()
        else:  # no preview to look at: say where the files went, with 打开所在文件夹
            self.finished_box = reveal.finished(self, strings.EXPORT_DONE_TITLE, strings.EXPORT_DONE, self.files)
            self.finished_box.open()

    def pdf_file(self) -> Path | None:
        return next((f for f in self.files if f.suffix == ".pdf"), None)

    def show_preview(self) -> None:
        if self.pdf_file():
            try:
                self.preview = preview_pdf(self, self.pdf_file())
            except MsdeskError as exc:  # the file was removed or damaged since it was written
                self._say(exc.message)

    def open_folder(self) -> None:
        if self.files:
            reveal.open_folder(self.files)

    def _on_error(self, exc: BaseException) -> None:
        self._on_failed(exc.message if isinstance(exc, MsdeskError) else f"导出失败：{exc}")

    def _on_failed(self, message: str) -> None:
        self._pending = False
        self.export_button.setEnabled(True)
        self.bar.setValue(0)
        self._say(message)
        if not self._closed_while_writing:
            QMessageBox.warning(self, TITLE, message)
            return
        self._closed_while_writing = False
        if hasattr(self.parent(), "show_error"):
            self.parent().show_error(message)  # closed while writing: the window still says why

    def done(self, result: int) -> None:
        if self.worker is not None and self._pending:
            self._closed_while_writing = True  # its result may still be queued even if it has ended
            self.worker.wait()  # let the files finish rather than leave half-written temp files
        super().done(result)


# -- print preview --------------------------------------------------------


def preview_pdf(parent: QWidget | None, pdf_path) -> PdfPreviewDialog:
    """Open the print preview of a PDF msdesk wrote (ui.pdf_preview). Non-blocking; raises
    MsdeskError with a Chinese message if the file cannot be read."""
    dialog = PdfPreviewDialog(PdfPages(pdf_path), parent)
    # as tall as a 1366×768 laptop allows (toolbar and pages in view); the width is wanted for the pages
    dialog.resize(1000, min(720, geometry.available(parent).height() - 2 * geometry.DIALOG_MARGIN))
    dialog.fit("page")
    dialog.open()
    return dialog


def run(window) -> ExportDialog:
    """Open the export dialog for the main window's open file, plan and period.

    Window-modal but non-blocking (open(), not exec()), like the package dialogs: the menu
    action returns at once and the window's event loop keeps running. The dialog is kept on
    window.export_dialog."""
    parent = window if isinstance(window, QWidget) else None
    dialog = ExportDialog(window.session, parent, footer_note=getattr(window, "export_footer_note", None))
    dialog.setAttribute(Qt.WA_DeleteOnClose, False)
    window.export_dialog = dialog
    dialog.open()
    return dialog
