"""校验报送包: check a package's signature and contents without importing it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from msdesk.errors import MsdeskError
from msdesk.package import verify_package
from msdesk.package.errors import PackageError
from msdesk.session import Session

from .. import geometry, strings
from .widgets import close_row, result_label, say, show_dialog


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
        check.setDefault(True)  # Enter after typing a path checks it (not 选择文件…)
        self.result = result_label()
        self.details = result_label()
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        buttons = close_row(self)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.pdf_box)
        layout.addWidget(check)
        layout.addWidget(self.result)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(buttons)
        geometry.make_scrollable(self)

    def choose(self) -> None:
        path = QFileDialog.getOpenFileName(self, "选择数据包", "", "数据包 (*.zip)")[0]
        if path:
            self.path.setText(path)
            self.verify()

    def verify(self, path: str | None = None) -> bool:
        if path:
            self.path.setText(str(path))
        if not self.path.text().strip():
            say(self.result, "请先选择数据包文件。", False)
            return False
        try:
            found = verify_package(self.path.text().strip(), self.store, check_pdf=self.pdf_box.isChecked())
        except PackageError as exc:
            say(self.result, exc.message or strings.VERIFY_FAILED.format(reason="文件不是有效的数据包。"), False)
            self.details.setText("")
            return False
        except MsdeskError as exc:
            say(self.result, strings.VERIFY_FAILED.format(reason=exc.message), False)
            self.details.setText("")
            return False
        except OSError as exc:  # gone, unreadable, a folder: still a reason in Chinese, never nothing
            say(self.result, strings.VERIFY_FAILED.format(reason=f"无法读取文件（{exc.strerror or exc}）。"), False)
            self.details.setText("")
            return False
        say(self.result, found.summary(), True)
        self.details.setText("\n".join(found.notes))
        return True


def run_verify(window) -> QDialog:
    return show_dialog(window, VerifyDialog)
