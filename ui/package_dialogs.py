"""签名与报送 dialogs: keys and trust list, export, verify, import, roll-up.

Each dialog takes the open file's session (msdesk/session.py) and a parent widget;
run_*(window) opens one non-modal for window.session and keeps it on
window.package_dialog. The dialogs only call
msdesk.identity / trust / package; slow work (signing, importing a folder)
runs on a worker thread through ui.ops.run_op and never touches a widget.
Methods that would ask for a file take the path as an optional argument, so
tests (and other screens) can drive them without a file dialog.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox,
                               QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QLineEdit, QPushButton, QRadioButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from msdesk import identity, offices, submissions, trust
from msdesk.errors import MsdeskError
from msdesk.formatting import percent, when as _when
from msdesk.package import export_submission, export_tasks, import_folder, import_submission, import_tasks, \
    return_submission, rollup, verify_package
from msdesk.package.errors import PackageError
from msdesk.package.verify import certificate_from_file, peek_kind
from msdesk.periods import parse_period
from msdesk.session import Session

from .ops import on_own_connection, run_op
from .status_style import FOREGROUND, status_text

OK_COLOUR, BAD_COLOUR = "#1b6e2a", "#c62828"
ACTION_TEXT = {"accepted": "接收", "superseded": "接收（替换旧报送）", "rejected": "拒绝"}


def _show(window, make) -> QDialog | None:
    if getattr(window, "store", None) is None:
        if hasattr(window, "show_error"):
            window.show_error("请先打开或新建台账文件。")
        return None
    dialog = make(window.session, window)
    window.package_dialog = dialog
    dialog.open()
    return dialog


def _period_box(session: Session) -> QComboBox:
    box = QComboBox()
    current = parse_period(session.period) if session.period else None
    for p in session.periods():
        box.addItem(p.label, p.code)
    if current:
        box.setCurrentIndex(max(0, box.findData(current.code)))
    box.setToolTip("报告期")
    return box


def _table(headers: list[str], tip: str) -> QTableWidget:
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


def _fill(table: QTableWidget, rows: list[list], colours: list[str | None] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if colours and colours[r]:
                item.setForeground(QColor(colours[r]))
            table.setItem(r, c, item)


def _passphrase_field(tip: str = "签名私钥的口令（创建证书时设定）") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    field.setToolTip(tip)
    field.setPlaceholderText("私钥口令")
    return field


def _close_row(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.Close)
    buttons.button(QDialogButtonBox.Close).setText("关闭")
    buttons.button(QDialogButtonBox.Close).setToolTip("关闭此窗口")
    buttons.rejected.connect(dialog.reject)
    return buttons


def _result_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def _say(label: QLabel, text: str, ok: bool) -> None:
    label.setText(("✓ " if ok else "✗ ") + text)
    label.setStyleSheet(f"color: {OK_COLOUR if ok else BAD_COLOUR};")


def _message(exc: Exception) -> str:
    return exc.message if isinstance(exc, MsdeskError) else f"操作失败：{exc}"


# ============================================================ keys and trust list

class KeysDialog(QDialog):
    """本单位的签名证书 (create, back up, restore, save certificate) and the 信任列表."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        self.setWindowTitle("签名证书与信任列表")
        self.resize(760, 480)
        tabs = QTabWidget()
        tabs.addTab(self._own_tab(), "本单位证书")
        tabs.addTab(self._trust_tab(), "信任列表（接受哪些单位的签名）")
        self.tabs = tabs
        buttons = _close_row(self)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.refresh()

    def _own_tab(self) -> QWidget:
        page = QWidget()
        self.office_label = QLabel()
        self.fp_label = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.TypeWriter)
        font.setPointSize(font.pointSize() + 4)
        self.fp_label.setFont(font)
        self.fp_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.fp_label.setToolTip("证书指纹：电话告知上级单位时逐组读出，上级核对一致后才信任")
        self.pass1, self.pass2 = _passphrase_field("设定私钥口令（至少 6 个字符，遗失后无法恢复）"), _passphrase_field(
            "再输入一次口令")
        self.create_btn = QPushButton("创建证书")
        self.create_btn.setToolTip("为本单位生成签名私钥和证书；私钥用口令加密后保存在本机，不在台账文件里")
        self.create_btn.clicked.connect(lambda: self.create_identity())
        self.backup_btn = QPushButton("导出备份…")
        self.backup_btn.setToolTip("把私钥（仍用口令加密）和证书备份到U盘等处；换电脑时用来恢复")
        self.backup_btn.clicked.connect(lambda: self.export_backup())
        self.restore_btn = QPushButton("从备份恢复…")
        self.restore_btn.setToolTip("在新电脑上恢复本单位的证书（需要原口令）")
        self.restore_btn.clicked.connect(lambda: self.restore_backup())
        self.cert_btn = QPushButton("另存证书（发给上级）…")
        self.cert_btn.setToolTip("只含证书、不含私钥，可通过邮件发给上级单位加入其信任列表")
        self.cert_btn.clicked.connect(lambda: self.save_certificate())
        self.own_result = _result_label()
        form = self.own_form = QFormLayout()
        form.addRow("填报单位：", self.office_label)
        form.addRow("证书指纹：", self.fp_label)
        form.addRow("口令：", self.pass1)
        form.addRow("确认口令：", self.pass2)
        row = QHBoxLayout()
        for b in (self.create_btn, self.backup_btn, self.restore_btn, self.cert_btn):
            row.addWidget(b)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.own_result)
        layout.addStretch(1)
        return page

    def _trust_tab(self) -> QWidget:
        page = QWidget()
        self.trust_table = _table(["单位", "角色", "证书指纹", "状态", "加入时间"],
                                  "本单位接受其签名的证书；撤销后不再接受该证书签名的数据包")
        self.fp_input = QLineEdit()
        self.fp_input.setPlaceholderText("对方电话读出的指纹，如 3F9A 0C12 …")
        self.fp_input.setToolTip("添加证书时填写则必须与证书一致，并记为“已核对”")
        self.parent_box = QCheckBox("这是上级单位的证书（接收任务包用）")
        self.parent_box.setToolTip("上级单位的证书用于验证下发的任务包；下级单位的证书用于验证报送包")
        add = QPushButton("添加证书…")
        add.setToolTip("选择证书文件（.pem）或对方发来的数据包（.zip）")
        add.clicked.connect(lambda: self.add_certificate())
        confirm = QPushButton("核对指纹")
        confirm.setToolTip("电话核对后，把上面输入的指纹与信任列表中的证书比对")
        confirm.clicked.connect(lambda: self.confirm_fingerprint())
        revoke = QPushButton("撤销信任…")
        revoke.setToolTip("不再接受所选证书签名的数据包（记录保留）")
        revoke.clicked.connect(lambda: self.revoke_selected())
        self.trust_result = _result_label()
        row = QHBoxLayout()
        for w in (add, confirm, revoke):
            row.addWidget(w)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.trust_table)
        layout.addWidget(self.fp_input)
        layout.addWidget(self.parent_box)
        layout.addLayout(row)
        layout.addWidget(self.trust_result)
        return page

    def refresh(self) -> None:
        me = offices.self_office(self.store)
        self.office_label.setText(me["name"] if me else "（未设置，请先在“单位设置”中填写）")
        has = identity.has_identity(self.store)
        lost = identity.key_missing(self.store)
        self.fp_label.setText(identity.certificate(self.store).fingerprint if has or lost else "尚未创建证书")
        if lost:
            _say(self.own_result, identity.key_missing_message(identity.certificate(self.store)), False)
        self.create_btn.setEnabled(not has and not lost and me is not None)
        self.own_form.setRowVisible(self.pass2, not has and not lost)   # label and field together
        for b in (self.backup_btn, self.cert_btn):
            b.setEnabled(has)
        rows = trust.list_trusted(self.store)
        self.trust_rows = rows
        _fill(self.trust_table, [[r["office_name"], trust.ROLES[r["role"]], r["display"], r["state"],
                                  _when(r["added_at"])] for r in rows],
              [BAD_COLOUR if r["revoked_at"] else (None if r["confirmed_at"] else FOREGROUND["yellow"]) for r in rows])

    def _run(self, label: QLabel, fn) -> bool:
        try:
            text = fn()
        except MsdeskError as exc:
            _say(label, exc.message, False)
            return False
        _say(label, text, True)
        self.refresh()
        return True

    def create_identity(self) -> bool:
        def work():
            if self.pass1.text() != self.pass2.text():
                raise MsdeskError("两次输入的口令不一致。")
            ident = identity.create_identity(self.store, self.pass1.text())
            self.pass1.clear(), self.pass2.clear()
            return f"已创建证书，指纹 {ident.fingerprint}。请立即“导出备份”，并记牢口令。"
        return self._run(self.own_result, work)

    def export_backup(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getSaveFileName(self, "导出证书备份", "本单位证书备份.msdkey",
                                                   "证书备份 (*.msdkey)")[0]
        if not path:
            return False
        return self._run(self.own_result, lambda: f"已备份到 {identity.export_identity(self.store, path)}。恢复时需要原口令。")

    def restore_backup(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getOpenFileName(self, "从备份恢复", "", "证书备份 (*.msdkey);;所有文件 (*)")[0]
        if not path:
            return False
        return self._run(self.own_result, lambda: "已恢复证书，指纹 " + identity.import_identity(
            self.store, path, self.pass1.text()).fingerprint)

    def save_certificate(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getSaveFileName(self, "另存证书", "本单位证书.pem", "证书 (*.pem)")[0]
        if not path:
            return False

        def work():
            Path(path).write_bytes(identity.certificate(self.store).cert_pem)
            return f"证书已保存到 {path}，可发给上级单位；请电话告知指纹。"
        return self._run(self.own_result, work)

    def add_certificate(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getOpenFileName(self, "添加证书", "", "证书或数据包 (*.pem *.cer *.crt *.zip)")[0]
        if not path:
            return False

        def work():
            typed = self.fp_input.text().strip() or None
            row = trust.add_certificate(self.store, certificate_from_file(path),
                                        "parent" if self.parent_box.isChecked() else "subordinate",
                                        confirm_fingerprint=typed)
            self.fp_input.clear()
            return f"已加入信任列表：{row['office_name']}，指纹 {row['display']}（{row['state']}）。"
        return self._run(self.trust_result, work)

    def confirm_fingerprint(self) -> bool:
        return self._run(self.trust_result, lambda: "指纹一致，已核对：" + trust.confirm(
            self.store, self.fp_input.text())["office_name"])

    def revoke_selected(self, reason: str | None = None) -> bool:
        row = self.trust_table.currentRow()
        if row < 0:
            _say(self.trust_result, "请先在列表中选中要撤销的证书。", False)
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, "撤销信任", "撤销原因：")
            if not ok:
                return False
        key = self.trust_rows[row]["fingerprint"]
        return self._run(self.trust_result, lambda: "已撤销：" + trust.revoke(self.store, key, reason)["office_name"])


def run_keys(window) -> QDialog:
    return _show(window, KeysDialog)


# ============================================================ export

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
        self.period_box = _period_box(session)
        self.period_box.currentIndexChanged.connect(lambda _: self.refresh())
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.folder = QLineEdit(str(Path.home()))
        self.folder.setToolTip("报送包保存到此文件夹，可作为邮件附件发送")
        browse = QPushButton("选择…")
        browse.setToolTip("选择保存报送包的文件夹")
        browse.clicked.connect(self._browse)
        self.passphrase = _passphrase_field()
        self.export_btn = QPushButton("生成并签名")
        self.export_btn.setToolTip("用本单位私钥签名并生成 zip；报送包生成后本期标记为“已报送”")
        self.export_btn.clicked.connect(lambda: self.export())
        self.export_btn.setDefault(True)   # Enter after typing the passphrase signs (not 选择…)
        self.result = _result_label()
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
        buttons = _close_row(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.export_btn)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self.tasks_radio.toggled.connect(lambda on: self.period_box.setEnabled(not on))
        self.refresh()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "保存到", self.folder.text())
        if folder:
            self.folder.setText(folder)

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

    def export(self, wait_done=None) -> None:
        store, folder, pw = self.store, self.folder.text(), self.passphrase.text()
        code, tasks = self.period_box.currentData(), self.tasks_radio.isChecked()
        plan_id = self.session.plan_id
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
            _say(self.result, f"已生成{what}：{built.path}", True)
            self.refresh()
            self.session.file_rewritten(forget_undo=False)

        def failed(exc):
            self.export_btn.setEnabled(True)
            _say(self.result, _message(exc), False)
        self.op = run_op(self, on_own_connection(store, work), done, failed, label="正在生成并签名…")


def run_export(window) -> QDialog:
    return _show(window, ExportPackageDialog)


# ============================================================ verify

class VerifyDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        self.setWindowTitle("校验报送包 / 任务包")
        self.resize(640, 300)
        self.path = QLineEdit()
        self.path.setToolTip("要校验的报送包或任务包（.zip）")
        browse = QPushButton("选择文件…")
        browse.setToolTip("选择收到的报送包或任务包")
        browse.clicked.connect(lambda: self.choose())
        self.pdf_box = QCheckBox("同时验证 PDF 报表上的数字签名")
        self.pdf_box.setChecked(True)
        self.pdf_box.setToolTip("用 pyHanko 验证 PDF 的 PAdES 签名，信任的正是包内签名单位的证书")
        check = QPushButton("校验")
        check.setToolTip("检查签名、每个文件的校验值、签名单位是否在信任列表中")
        check.clicked.connect(lambda: self.verify())
        check.setDefault(True)   # Enter after typing a path checks it (not 选择文件…)
        self.result = _result_label()
        self.details = _result_label()
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        buttons = _close_row(self)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.pdf_box)
        layout.addWidget(check)
        layout.addWidget(self.result)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def choose(self) -> None:
        path = QFileDialog.getOpenFileName(self, "选择数据包", "", "数据包 (*.zip)")[0]
        if path:
            self.path.setText(path)
            self.verify()

    def verify(self, path: str | None = None) -> bool:
        if path:
            self.path.setText(str(path))
        if not self.path.text().strip():
            _say(self.result, "请先选择数据包文件。", False)
            return False
        try:
            found = verify_package(self.path.text().strip(), self.store, check_pdf=self.pdf_box.isChecked())
        except PackageError as exc:
            _say(self.result, exc.message, False)
            self.details.setText("")
            return False
        _say(self.result, found.summary(), True)
        self.details.setText("\n".join(found.notes))
        return True


def run_verify(window) -> QDialog:
    return _show(window, VerifyDialog)


# ============================================================ import

class ImportDialog(QDialog):
    """导入报送包 (a file or a whole folder of e-mail attachments) or a 任务包."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        self.setWindowTitle("导入报送包 / 任务包")
        self.resize(820, 420)
        self.results = []
        self.path = QLineEdit()
        self.path.setToolTip("数据包文件（.zip）或存放邮件附件的文件夹")
        pick_file = QPushButton("选择文件…")
        pick_file.setToolTip("导入一个报送包或任务包")
        pick_file.clicked.connect(lambda: self._pick(False))
        pick_folder = QPushButton("选择文件夹…")
        pick_folder.setToolTip("导入文件夹中的全部报送包（同一单位的重报按版本先后处理）")
        pick_folder.clicked.connect(lambda: self._pick(True))
        self.dry_btn = QPushButton("试运行（不写入）")
        self.dry_btn.setToolTip("逐个检查，列出将接收、替换或拒绝的报送包，不改动台账")
        self.dry_btn.clicked.connect(lambda: self.run(dry_run=True))
        self.dry_btn.setDefault(True)   # Enter after typing a path: the harmless check, not 选择文件…
        self.import_btn = QPushButton("导入")
        self.import_btn.setToolTip("验证通过的报送包写入台账，每个包一次完整保存；被拒绝的不写入任何数据")
        self.import_btn.clicked.connect(lambda: self.run(dry_run=False))
        self.office_name = QLineEdit()
        self.office_name.setPlaceholderText("导入任务包时：本单位在任务包中的名称（与“单位设置”一致时可不填）")
        self.office_name.setToolTip("任务包按单位名称分配目标；本单位名称与任务包写法不同时在此填写任务包中的名称")
        self.table = _table(["文件", "单位", "报告期", "次数", "结果", "说明"], "每个数据包的处理结果")
        self.summary = _result_label()
        top = QHBoxLayout()
        for w in (self.path, pick_file, pick_folder):
            top.addWidget(w)
        actions = QHBoxLayout()
        actions.addWidget(self.dry_btn)
        actions.addWidget(self.import_btn)
        actions.addStretch(1)
        buttons = _close_row(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.office_name)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def _pick(self, folder: bool) -> None:
        path = (QFileDialog.getExistingDirectory(self, "选择文件夹") if folder else
                QFileDialog.getOpenFileName(self, "选择数据包", "", "数据包 (*.zip)")[0])
        if path:
            self.path.setText(path)

    def run(self, dry_run: bool, path: str | None = None) -> None:
        if path:
            self.path.setText(str(path))
        target = Path(self.path.text().strip())
        if not self.path.text().strip():
            _say(self.summary, "请先选择数据包文件或文件夹。", False)
            return
        store, office_name = self.store, self.office_name.text().strip() or None
        for b in (self.dry_btn, self.import_btn):
            b.setEnabled(False)

        def work(store):  # worker thread, own connection: core only
            if target.is_dir():
                return import_folder(store, target, dry_run=dry_run)
            if peek_kind(target) == "tasks":
                if dry_run:
                    found = verify_package(target, store, expect_kind="tasks")
                    return [_FakeResult(target, "accepted", "任务包有效，可导入：" + found.summary())]
                return [import_tasks(store, target, office_name)]
            return [import_submission(store, target, dry_run=dry_run)]

        def done(results):
            self._show_results(results, dry_run)
            if not dry_run:
                self.session.file_rewritten(forget_undo=any(r.ok for r in results),
                                            period=self._imported_period(results))

        def failed(exc):
            for b in (self.dry_btn, self.import_btn):
                b.setEnabled(True)
            _say(self.summary, _message(exc), False)
        self.op = run_op(self, on_own_connection(store, work), done, failed,
                         label="正在校验…" if dry_run else "正在导入…")

    def _imported_period(self, results) -> str | None:
        """Township figures for 第3季度 just arrived: the main window (and 汇总) should be on 第3季度 too."""
        shown = {p.code for p in self.session.periods()}
        codes = [r.period for r in results if r.ok and r.period in shown]
        return max(codes, key=lambda code: parse_period(code).end_date) if codes else None

    def _show_results(self, results, dry_run: bool) -> None:
        self.results = results
        for b in (self.dry_btn, self.import_btn):
            b.setEnabled(True)
        rows = [[r.path.name, r.office or "", parse_period(r.period).label if r.period else "",
                 submissions.version_label(r.version) if r.version else "", ACTION_TEXT[r.action], r.message]
                for r in results]
        _fill(self.table, rows, [OK_COLOUR if r.ok else BAD_COLOUR for r in results])
        ok = sum(r.ok for r in results)
        verb = "将接收" if dry_run else "已接收"
        text = f"共 {len(results)} 个数据包：{verb} {ok} 个，拒绝 {len(results) - ok} 个。"
        if dry_run:
            text += "（试运行，未写入）"
        _say(self.summary, text, ok == len(results))


class _FakeResult:
    """A dry-run line for a 任务包 (checked, not imported)."""

    def __init__(self, path, action, message):
        self.path, self.action, self.message = Path(path), action, message
        self.office = self.period = self.version = None
        self.ok = True


def run_import(window) -> QDialog:
    return _show(window, ImportDialog)


# ============================================================ roll-up

class RollupDialog(QDialog):
    """汇总: who submitted (on time / late / not yet), returns, consolidated figures."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        self.setWindowTitle("汇总")
        self.resize(1000, 640)
        self.period_box = _period_box(session)
        self.period_box.currentIndexChanged.connect(lambda _: self.refresh())
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setToolTip("本期报送截止日期（默认季度结束后第10天）；之后提交的为逾期报送")
        save_due = QPushButton("设为截止日期")
        save_due.setToolTip("保存本期的报送截止日期")
        save_due.clicked.connect(lambda: self.save_due())
        top = QHBoxLayout()
        for w in (QLabel("报告期："), self.period_box, QLabel("截止日期："), self.due_edit, save_due):
            top.addWidget(w)
        top.addStretch(1)
        self.status_table = _table(["下级单位", "报送情况", "次数", "制作时间", "接收时间", "说明"],
                                   "各下级单位本期的报送情况；选中后可退回")
        self.return_btn = QPushButton("退回所选报送…")
        self.return_btn.setToolTip("把所选单位本期的报送退回（须写明原因），其数据不再计入汇总")
        self.return_btn.clicked.connect(lambda: self.return_selected())
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.sum_table = _table([], "各项目指标：下级合计与本级目标对比，以及各下级单位的完成情况")
        self.apply_btn = QPushButton("写入本级累计完成")
        self.apply_btn.setToolTip("把下级合计写入本单位本期的累计完成，随后可生成本级报送包报上级")
        self.apply_btn.clicked.connect(lambda: self.apply())
        self.export_btn = QPushButton("生成本级报送包…")
        self.export_btn.setToolTip("用同一流程生成本单位（汇总后）的签名报送包")
        self.export_btn.clicked.connect(lambda: self.export_own())
        self.result = _result_label()
        status_box = QGroupBox("报送情况")
        sl = QVBoxLayout(status_box)
        sl.addWidget(self.status_table)
        row = QHBoxLayout()
        row.addWidget(self.return_btn)
        row.addWidget(self.missing_label, 1)
        sl.addLayout(row)
        sum_box = QGroupBox("汇总数")
        ml = QVBoxLayout(sum_box)
        ml.addWidget(self.sum_table)
        row2 = QHBoxLayout()
        row2.addWidget(self.apply_btn)
        row2.addWidget(self.export_btn)
        row2.addStretch(1)
        ml.addLayout(row2)
        buttons = _close_row(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(status_box, 2)
        layout.addWidget(sum_box, 3)
        layout.addWidget(self.result)
        layout.addWidget(buttons)
        self.refresh()

    @property
    def period(self) -> str:
        return self.period_box.currentData()

    def refresh(self) -> None:
        due = rollup.due_date(self.store, self.period)
        self.due_edit.setDate(QDate.fromString(due, "yyyy-MM-dd"))
        self.status_rows = rollup.submission_status(self.store, self.period)
        colour = {rollup.ON_TIME: OK_COLOUR, rollup.LATE: FOREGROUND["yellow"], rollup.RETURNED: BAD_COLOUR,
                  rollup.MISSED: BAD_COLOUR, rollup.PENDING: None}
        _fill(self.status_table, [[s["office"]["name"], s["label"],
                                   submissions.version_label(s["submission"]["version"]) if s["submission"] else "",
                                   _when((s["submission"] or {}).get("created_at_package")),
                                   _when((s["submission"] or {}).get("received_at")),
                                   s["note"]] for s in self.status_rows],
              [colour[s["label"]] for s in self.status_rows])
        missing = rollup.completeness(self.store, self.period)
        self.missing_label.setText("未报送（或被退回）：" + ("、".join(m["office"]["name"] for m in missing)
                                                           if missing else "无，已全部报送"))
        self._fill_sums()

    def _fill_sums(self) -> None:
        plan_id = self.session.plan_id
        self.sum_rows = rollup.consolidated(self.store, plan_id, self.period) if plan_id else []
        names = [f.office["name"] for f in self.sum_rows[0].offices] if self.sum_rows else []
        headers = ["序号", "指标", "本级目标", "下级合计", "完成率", "状态"] + [f"{n}\n累计/目标" for n in names]
        self.sum_table.setColumnCount(len(headers))
        self.sum_table.setHorizontalHeaderLabels(headers)
        rows, colours = [], []
        for r in self.sum_rows:
            total = "不求和" if (not r.additive and r.indicator["kind"] == "number") else (
                "—" if r.total is None else f"{r.total:g}")
            target = r.indicator.get("target_text") if r.own_target is None else f"{r.own_target:g}"
            cells = [r.project["seq"], r.indicator["name"], target or "—", total, percent(r.assessment.completion),
                     status_text(r.assessment)]
            for f in r.offices:
                actual = f.actual_text if f.actual is None else f"{f.actual:g}"
                cells.append(f"{actual or '—'} / {'—' if f.target is None else f'{f.target:g}'}"
                             f"（{f.assessment.status}）")
            rows.append(cells)
            colours.append(FOREGROUND.get(r.assessment.level))
        _fill(self.sum_table, rows, colours)

    def save_due(self) -> bool:
        try:
            rollup.set_due_date(self.store, self.period, self.due_edit.date().toString("yyyy-MM-dd"))
        except MsdeskError as exc:
            _say(self.result, exc.message, False)
            return False
        _say(self.result, f"已设{parse_period(self.period).label}截止日期为 {rollup.due_date(self.store, self.period)}。",
             True)
        self.refresh()
        return True

    def return_selected(self, reason: str | None = None) -> bool:
        row = self.status_table.currentRow()
        sub = self.status_rows[row]["submission"] if row >= 0 else None
        if not sub or sub["status"] != "accepted":
            _say(self.result, "请先选中一条已接收的报送。", False)
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, "退回报送", "退回原因（将记录在案）：")
            if not ok:
                return False
        try:
            return_submission(self.store, sub["id"], reason)
        except MsdeskError as exc:
            _say(self.result, exc.message, False)
            return False
        _say(self.result, f"已退回{self.status_rows[row]['office']['name']}的报送：{reason}", True)
        self.refresh()
        return True

    def export_own(self) -> QDialog | None:
        """生成本级报送包 for the period shown here (not the main window's period)."""
        stale = rollup.unapplied(self.store, self.session.plan_id, self.period)
        if stale and not self._write_sums_first(stale):
            return None
        dialog = run_export(self.parentWidget())
        if dialog is not None:
            dialog.period_box.setCurrentIndex(max(0, dialog.period_box.findData(self.period)))
        return dialog

    def _write_sums_first(self, stale: int) -> bool:
        """Ask before signing figures that are not the subordinates' sums; False = cancelled."""
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Question, "生成本级报送包",
                          f"有 {stale} 项下级合计还没有写入本级累计完成，直接生成的报送包会是旧数字。\n"
                          "先写入下级合计再生成吗？", QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel, self)
        box.button(QMessageBox.Yes).setText("先写入再生成")
        box.button(QMessageBox.No).setText("按现有数字生成")
        box.button(QMessageBox.Cancel).setText("取消")
        box.setDefaultButton(QMessageBox.Yes)
        answer = box.exec()
        if answer == QMessageBox.Yes:
            self.apply()
        return answer in (QMessageBox.Yes, QMessageBox.No)

    def apply(self) -> int:
        count = rollup.apply_consolidated(self.store, self.session.plan_id, self.period)
        _say(self.result, f"已把 {count} 项下级合计写入本级累计完成。" if count else "没有可写入的汇总数。",
             bool(count))
        self.session.file_rewritten(forget_undo=bool(count))
        return count


def run_rollup(window) -> QDialog:
    return _show(window, RollupDialog)


# ============================================================ editing a submitted period

def confirm_edit_submitted(parent, store, period: str) -> bool:
    """Ask before the first edit of a submitted period; True when the edit may go ahead.

    For the entry screens: call before saving a figure of `period`. Once the period is
    flagged changed after submission it does not ask again.
    """
    from PySide6.QtWidgets import QMessageBox
    question = submissions.edit_warning(store, period)
    if question is None:
        return True
    box = QMessageBox(QMessageBox.Question, "修改已报送的数据", question, QMessageBox.Yes | QMessageBox.No, parent)
    box.button(QMessageBox.Yes).setText("修改")
    box.button(QMessageBox.No).setText("取消")
    box.setDefaultButton(QMessageBox.No)
    return box.exec() == QMessageBox.Yes
