"""生成报送包 / 任务包: sign this office's figures of a period (or the plan's tasks) into a package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from msdesk import outputs, roles, submissions
from msdesk.formatting import when as _when
from msdesk.package import export_submission, export_tasks
from msdesk.session import Session

from .. import geometry, presign_dialog, reveal, strings
from ..ops import on_own_connection, run_op
from .widgets import close_row, error_text, passphrase_field, period_box, result_label, say, show_dialog


class ExportPackageDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        self.setWindowTitle("生成报送包")
        self.setMinimumWidth(640)
        self.built = None
        self.submission_radio = QRadioButton("报送包（本单位本期数据，报上级）")
        self.submission_radio.setToolTip("data.json、Excel 与签名 PDF 报表，连同签名清单打成一个 zip")
        self.tasks_radio = QRadioButton("任务包（计划与目标任务分解，发下级）")
        self.tasks_radio.setToolTip("下级单位导入后一步建立计划和本单位目标")
        self.submission_radio.setChecked(True)
        self.period_box = period_box(session)
        self.period_box.currentIndexChanged.connect(lambda _: self.refresh())
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.folder = QLineEdit(str(outputs.default_folder("packages", self.store.path)))
        self.folder.setToolTip("报送包保存到此文件夹，可作为邮件附件发送")
        browse = QPushButton("选择…")
        browse.setToolTip("选择保存报送包的文件夹")
        browse.clicked.connect(self._browse)
        self.passphrase = passphrase_field()
        self.export_btn = QPushButton("生成并签名")
        self.export_btn.setToolTip("用本单位私钥签名并生成 zip；报送包生成后本期标记为“已报送”")
        self.export_btn.clicked.connect(lambda: self.export())
        self.export_btn.setDefault(True)  # Enter after typing the passphrase signs (not 选择…)
        self.result = result_label()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.submission_radio)
        form.addRow(self.tasks_radio)
        form.addRow("报告期：", self.period_box)
        form.addRow("报送状态：", self.state_label)
        form.addRow("保存到：", folder_row)
        form.addRow("私钥口令：", self.passphrase)
        buttons = close_row(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.export_btn)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self.tasks_radio.toggled.connect(lambda on: self.period_box.setEnabled(not on))
        if not roles.can(self.store, roles.TASK_PACKAGE):  # a township sends figures up, never tasks down
            self.tasks_radio.setVisible(False)
            self.submission_radio.setToolTip(self.submission_radio.toolTip() + strings.TASKS_TOWNSHIP_ONLY)
        self.finished_box = None
        self.refresh()
        geometry.make_scrollable(self)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "保存到", self.folder.text())
        if folder:
            self.folder.setText(folder)
            outputs.remember_folder("packages", folder)  # next time packages go there by default

    def refresh(self) -> None:
        code = self.period_box.currentData()
        st = submissions.state(self.store, code)
        if st is None:
            text = "本期尚未报送，将生成首次报送。"
        else:
            nxt = submissions.version_label(st["version"] + 1)
            changed = "，之后数据有修改" if st["changed_after_submission"] else ""
            when = _when(st["submitted_at"])
            text = f"本期已于 {when} {submissions.version_label(st['version'])}{changed}；将生成{nxt}。"
        self.state_label.setText(text)

    def export(self, wait_done=None, confirm=None) -> None:
        store, folder, pw = self.store, self.folder.text(), self.passphrase.text()
        code, tasks = self.period_box.currentData(), self.tasks_radio.isChecked()
        plan_id = self.session.plan_id
        if tasks and not roles.can(store, roles.TASK_PACKAGE):
            tasks = False
        # 签名前检查: projects with no figure or no 进展情况; the clerk may go on
        if (
            not tasks
            and plan_id
            and not (confirm or presign_dialog.confirm)(self, store, plan_id, code, self.period_box.currentText())
        ):
            say(self.result, strings.PRESIGN_CANCELLED, False)
            return
        if folder:  # the default 报送包 folder next to the ledger may not exist yet
            try:
                Path(folder).mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                say(self.result, f"无法创建文件夹“{folder}”：{exc.strerror or exc}", False)
                return
        self.export_btn.setEnabled(False)

        def work(store):  # worker thread, own connection: core only
            if tasks:
                return export_tasks(store, folder, pw, plan_id)
            return export_submission(store, code, folder, pw, plan_id)

        def done(built):
            self.built = built
            self.passphrase.clear()
            self.export_btn.setEnabled(True)
            what = "任务包" if tasks else f"报送包（{built.label}）"
            say(self.result, f"已生成{what}：{built.path}", True)
            self.refresh()
            self.session.file_rewritten(forget_undo=False)
            self.finished_box = reveal.finished(self, strings.PACKAGE_DONE_TITLE, f"已生成{what}。", built.path)
            self.finished_box.open()

        def failed(exc):
            self.export_btn.setEnabled(True)
            say(self.result, error_text(exc), False)

        self.op = run_op(self, on_own_connection(store, work), done, failed, label="正在生成并签名…")


def run_export(window) -> QDialog:
    return show_dialog(window, ExportPackageDialog)
