"""导入报送包: a township's submission, a folder of them, or the district's task package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msdesk import submissions
from msdesk.package import import_folder, import_submission, import_tasks, verify_package
from msdesk.package.verify import peek_kind
from msdesk.periods import parse_period
from msdesk.session import Session

from .. import geometry
from ..ops import on_own_connection, run_op
from .widgets import (
    ACTION_TEXT,
    BAD_COLOUR,
    OK_COLOUR,
    close_row,
    error_text,
    fill_table,
    make_table,
    result_label,
    say,
    show_dialog,
)


class ReceiveDialog(QDialog):
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
        self.dry_btn.setDefault(True)  # Enter after typing a path: the harmless check, not 选择文件…
        self.import_btn = QPushButton("导入")
        self.import_btn.setToolTip("验证通过的报送包写入台账，每个包一次完整保存；被拒绝的不写入任何数据")
        self.import_btn.clicked.connect(lambda: self.run(dry_run=False))
        self.office_name = QLineEdit()
        self.office_name.setPlaceholderText("导入任务包时：本单位在任务包中的名称（与“单位设置”一致时可不填）")
        self.office_name.setToolTip("任务包按单位名称分配目标；本单位名称与任务包写法不同时在此填写任务包中的名称")
        self.table = make_table(["文件", "单位", "报告期", "次数", "结果", "说明"], "每个数据包的处理结果")
        self.summary = result_label()
        top = QHBoxLayout()
        for w in (self.path, pick_file, pick_folder):
            top.addWidget(w)
        actions = QHBoxLayout()
        actions.addWidget(self.dry_btn)
        actions.addWidget(self.import_btn)
        actions.addStretch(1)
        buttons = close_row(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.office_name)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        # the reason of a refusal is read in full: it wraps, and the row grows to hold it
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.Stretch)
        geometry.make_scrollable(self)

    def _pick(self, folder: bool) -> None:
        path = (
            QFileDialog.getExistingDirectory(self, "选择文件夹")
            if folder
            else QFileDialog.getOpenFileName(self, "选择数据包", "", "数据包 (*.zip)")[0]
        )
        if path:
            self.path.setText(path)

    def run(self, dry_run: bool, path: str | None = None) -> None:
        if path:
            self.path.setText(str(path))
        target = Path(self.path.text().strip())
        if not self.path.text().strip():
            say(self.summary, "请先选择数据包文件或文件夹。", False)
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
                self.session.file_rewritten(
                    forget_undo=any(r.ok for r in results), period=self._imported_period(results)
                )

        def failed(exc):
            for b in (self.dry_btn, self.import_btn):
                b.setEnabled(True)
            say(self.summary, error_text(exc), False)

        self.op = run_op(
            self, on_own_connection(store, work), done, failed, label="正在校验…" if dry_run else "正在导入…"
        )

    def _imported_period(self, results) -> str | None:
        """Township figures for 第3季度 just arrived: the main window (and 汇总) should be on 第3季度 too."""
        shown = {p.code for p in self.session.periods()}
        codes = [r.period for r in results if r.ok and r.period in shown]
        return max(codes, key=lambda code: parse_period(code).end_date) if codes else None

    def _show_results(self, results, dry_run: bool) -> None:
        self.results = results
        for b in (self.dry_btn, self.import_btn):
            b.setEnabled(True)
        rows = [
            [
                r.path.name,
                r.office or "",
                parse_period(r.period).label if r.period else "",
                submissions.version_label(r.version) if r.version else "",
                ACTION_TEXT[r.action],
                r.message,
            ]
            for r in results
        ]
        fill_table(self.table, rows, [OK_COLOUR if r.ok else BAD_COLOUR for r in results])
        for r in range(self.table.rowCount()):
            self.table.item(r, 5).setToolTip(self.table.item(r, 5).text())
        self.table.resizeRowsToContents()
        ok = sum(r.ok for r in results)
        verb = "将接收" if dry_run else "已接收"
        text = f"共 {len(results)} 个数据包：{verb} {ok} 个，拒绝 {len(results) - ok} 个。"
        if dry_run:
            text += "（试运行，未写入）"
        say(self.summary, text, ok == len(results))


class _FakeResult:
    """A dry-run line for a 任务包 (checked, not imported)."""

    def __init__(self, path, action, message):
        self.path, self.action, self.message = Path(path), action, message
        self.office = self.period = self.version = None
        self.ok = True


def run_import(window) -> QDialog:
    return show_dialog(window, ReceiveDialog)
