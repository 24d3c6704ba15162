"""签名密钥 and the 信任列表: this office's certificate, its backup, the trusted offices."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msdesk import identity, offices, outputs, trust
from msdesk.errors import MsdeskError
from msdesk.formatting import when as _when
from msdesk.package.verify import certificate_from_file
from msdesk.session import Session

from .. import geometry, reveal, strings
from ..status_style import FOREGROUND
from .widgets import BAD_COLOUR, close_row, fill_table, make_table, passphrase_field, result_label, say, show_dialog


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
        buttons = close_row(self)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.finished_box = None
        self.refresh()
        geometry.make_scrollable(self)

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
        self.pass1, self.pass2 = (
            passphrase_field("设定私钥口令（至少 8 个字符，遗失后无法恢复）"),
            passphrase_field("再输入一次口令"),
        )
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
        self.own_result = result_label()
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
        self.trust_table = make_table(
            ["单位", "角色", "证书指纹", "状态", "加入时间"], "本单位接受其签名的证书；撤销后不再接受该证书签名的数据包"
        )
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
        self.trust_result = result_label()
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
            say(self.own_result, identity.key_missing_message(identity.certificate(self.store)), False)
        self.create_btn.setEnabled(not has and not lost and me is not None)
        self.own_form.setRowVisible(self.pass2, not has and not lost)  # label and field together
        for b in (self.backup_btn, self.cert_btn):
            b.setEnabled(has)
        rows = trust.list_trusted(self.store)
        self.trust_rows = rows
        fill_table(
            self.trust_table,
            [[r["office_name"], trust.ROLES[r["role"]], r["display"], r["state"], _when(r["added_at"])] for r in rows],
            [BAD_COLOUR if r["revoked_at"] else (None if r["confirmed_at"] else FOREGROUND["yellow"]) for r in rows],
        )

    def _run(self, label: QLabel, fn) -> bool:
        try:
            text = fn()
        except MsdeskError as exc:
            say(label, exc.message, False)
            return False
        except OSError as exc:  # a full or read-only disk: the clerk is told, nothing half-done is claimed
            say(label, f"无法保存文件：{exc.strerror or exc}", False)
            return False
        say(label, text, True)
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
        path = (
            path
            or QFileDialog.getSaveFileName(
                self, "导出证书备份", self._suggested(outputs.key_backup_file_name), "证书备份 (*.msdkey)"
            )[0]
        )
        if not path:
            return False
        done = self._run(
            self.own_result, lambda: f"已备份到 {identity.export_identity(self.store, path)}。恢复时需要原口令。"
        )
        if done:
            self._reveal(strings.KEY_BACKUP_DONE_TITLE, "证书备份已保存，请把它放到U盘等安全的地方，并记牢口令。", path)
        return done

    def _suggested(self, name_for) -> str:
        """Where the save dialog starts: the packages folder, a file named after this office."""
        me = offices.self_office(self.store)
        return str(outputs.default_folder("packages", self.store.path) / name_for(me["name"] if me else "本单位"))

    def _reveal(self, title: str, message: str, path) -> None:
        self.finished_box = reveal.finished(self, title, message, path)
        self.finished_box.open()

    def restore_backup(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getOpenFileName(self, "从备份恢复", "", "证书备份 (*.msdkey);;所有文件 (*)")[0]
        if not path:
            return False
        return self._run(
            self.own_result,
            lambda: "已恢复证书，指纹 " + identity.import_identity(self.store, path, self.pass1.text()).fingerprint,
        )

    def save_certificate(self, path: str | None = None) -> bool:
        path = (
            path
            or QFileDialog.getSaveFileName(
                self, "另存证书", self._suggested(outputs.certificate_file_name), "证书 (*.pem)"
            )[0]
        )
        if not path:
            return False

        def work():
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_bytes(identity.certificate(self.store).cert_pem)
            return f"证书已保存到 {path}，可发给上级单位；请电话告知指纹。"

        done = self._run(self.own_result, work)
        if done:
            self._reveal(strings.CERT_DONE_TITLE, "证书已保存，可发给上级单位；请电话告知指纹。", path)
        return done

    def add_certificate(self, path: str | None = None) -> bool:
        path = path or QFileDialog.getOpenFileName(self, "添加证书", "", "证书或数据包 (*.pem *.cer *.crt *.zip)")[0]
        if not path:
            return False

        def work():
            typed = self.fp_input.text().strip() or None
            row = trust.add_certificate(
                self.store,
                certificate_from_file(path),
                "parent" if self.parent_box.isChecked() else "subordinate",
                confirm_fingerprint=typed,
            )
            self.fp_input.clear()
            return f"已加入信任列表：{row['office_name']}，指纹 {row['display']}（{row['state']}）。"

        return self._run(self.trust_result, work)

    def confirm_fingerprint(self) -> bool:
        return self._run(
            self.trust_result,
            lambda: "指纹一致，已核对：" + trust.confirm(self.store, self.fp_input.text())["office_name"],
        )

    def revoke_selected(self, reason: str | None = None) -> bool:
        row = self.trust_table.currentRow()
        if row < 0:
            say(self.trust_result, "请先在列表中选中要撤销的证书。", False)
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, "撤销信任", "撤销原因：")
            if not ok:
                return False
        key = self.trust_rows[row]["fingerprint"]
        return self._run(self.trust_result, lambda: "已撤销：" + trust.revoke(self.store, key, reason)["office_name"])


def run_keys(window) -> QDialog:
    return show_dialog(window, KeysDialog)
