"""汇总: the subordinates' submissions of a period, their sums, and this office's own package."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from msdesk import identity, outputs, submissions
from msdesk.errors import MsdeskError
from msdesk.export.rollup_table import export_rollup
from msdesk.formatting import percent
from msdesk.formatting import when as _when
from msdesk.package import return_submission, rollup, rollup_view
from msdesk.periods import parse_period
from msdesk.rollup_edit import ApplySums
from msdesk.session import Session

from .. import geometry, reveal, strings
from ..rollup_view_widget import RollupViewWidget
from ..status_style import FOREGROUND, status_text
from .export import run_export
from .widgets import (
    BAD_COLOUR,
    OK_COLOUR,
    close_row,
    fill_table,
    make_table,
    period_box,
    result_label,
    say,
    show_dialog,
)


class RollupDialog(QDialog):
    """汇总: who submitted (on time / late / not yet), returns, consolidated figures."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.store = session, session.store
        self.setWindowTitle("汇总")
        self.resize(1000, 640)
        self.period_box = period_box(session)
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
        self.status_table = make_table(
            ["下级单位", "报送情况", "次数", "制作时间", "接收时间", "说明"], "各下级单位本期的报送情况；选中后可退回"
        )
        self.return_btn = QPushButton("退回所选报送…")
        self.return_btn.setToolTip("把所选单位本期的报送退回（须写明原因），其数据不再计入汇总")
        self.return_btn.clicked.connect(lambda: self.return_selected())
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.sum_table = make_table([], "各项目指标：下级合计与本级目标对比，以及各下级单位的完成情况")
        self.view_widget = RollupViewWidget()
        self.apply_btn = QPushButton("写入本级累计完成")
        self.apply_btn.setToolTip(
            "把下级合计写入本单位本期的累计完成（先询问并自动备份，可撤销），随后可生成本级报送包报上级"
        )
        self.apply_btn.clicked.connect(lambda: self.apply())
        self.undo_btn = QPushButton(strings.ROLLUP_UNDO)
        self.undo_btn.setToolTip(strings.TIP_ROLLUP_UNDO)
        self.undo_btn.setEnabled(False)
        self.undo_btn.clicked.connect(lambda: self.undo_apply())
        self.export_btn = QPushButton("生成本级报送包…")
        self.export_btn.setToolTip("用同一流程生成本单位（汇总后）的签名报送包")
        self.export_btn.clicked.connect(lambda: self.export_own())
        self.table_btn = QPushButton(strings.ROLLUP_EXPORT)
        self.table_btn.setToolTip(strings.TIP_ROLLUP_EXPORT)
        self.table_btn.clicked.connect(lambda: self.export_table())
        self.print_btn = QPushButton(strings.ROLLUP_PRINT)
        self.print_btn.setToolTip(strings.TIP_ROLLUP_PRINT)
        self.print_btn.clicked.connect(lambda: self.print_table())
        self.result = result_label()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.view_widget, strings.ROLLUP_TAB_VIEW)
        status_page = QWidget()
        sl = QVBoxLayout(status_page)
        sl.addWidget(self.status_table)
        row = QHBoxLayout()
        row.addWidget(self.return_btn)
        row.addWidget(self.missing_label, 1)
        sl.addLayout(row)
        self.tabs.addTab(status_page, strings.ROLLUP_TAB_STATUS)
        self.tabs.addTab(self.sum_table, strings.ROLLUP_TAB_DETAIL)
        actions = QHBoxLayout()
        for b in (self.apply_btn, self.undo_btn, self.export_btn):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (self.table_btn, self.print_btn):
            actions.addWidget(b)
        buttons = close_row(self)
        body, footer = geometry.scrolling_layout(self)
        body.addLayout(top)
        body.addWidget(self.tabs, 1)
        footer.addLayout(actions)
        footer.addWidget(self.result)
        footer.addWidget(buttons)
        self.applied_edit: ApplySums | None = None
        self.preview = None  # the print preview of the 汇总表, while open
        geometry.cap_to_screen(self)
        self.refresh()

    @property
    def period(self) -> str:
        return self.period_box.currentData()

    def refresh(self) -> None:
        due = rollup.due_date(self.store, self.period)
        first, last = rollup.due_date_range(self.period)
        self.due_edit.setDateRange(QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day))
        self.due_edit.setDate(QDate.fromString(due, "yyyy-MM-dd"))
        self.status_rows = rollup.submission_status(self.store, self.period)
        colour = {
            rollup.ON_TIME: OK_COLOUR,
            rollup.LATE: FOREGROUND["yellow"],
            rollup.RETURNED: BAD_COLOUR,
            rollup.MISSED: BAD_COLOUR,
            rollup.PENDING: None,
        }
        fill_table(
            self.status_table,
            [
                [
                    s["office"]["name"],
                    s["label"],
                    submissions.version_label(s["submission"]["version"]) if s["submission"] else "",
                    _when((s["submission"] or {}).get("created_at_package")),
                    _when((s["submission"] or {}).get("received_at")),
                    s["note"],
                ]
                for s in self.status_rows
            ],
            [colour[s["label"]] for s in self.status_rows],
        )
        missing = rollup.completeness(self.store, self.period)
        self.missing_label.setText(
            "未报送（或被退回）：" + ("、".join(m["office"]["name"] for m in missing) if missing else "无，已全部报送")
        )
        self._fill_sums()
        if self.session.plan_id:
            self.view_widget.set_view(rollup_view.view(self.store, self.session.plan_id, self.period))

    def _fill_sums(self) -> None:
        plan_id = self.session.plan_id
        self.sum_rows = rollup.consolidated(self.store, plan_id, self.period) if plan_id else []
        names = [f.office["name"] for f in self.sum_rows[0].offices] if self.sum_rows else []
        headers = ["序号", "指标", "本级目标", "下级合计", "完成率", "状态"] + [f"{n}\n累计/目标" for n in names]
        self.sum_table.setColumnCount(len(headers))
        self.sum_table.setHorizontalHeaderLabels(headers)
        rows, colours = [], []
        for r in self.sum_rows:
            total = (
                "不求和"
                if (not r.additive and r.indicator["kind"] == "number")
                else ("—" if r.total is None else f"{r.total:g}")
            )
            target = r.indicator.get("target_text") if r.own_target is None else f"{r.own_target:g}"
            cells = [
                r.project["seq"],
                r.indicator["name"],
                target or "—",
                total,
                percent(r.assessment.completion),
                status_text(r.assessment),
            ]
            for f in r.offices:
                actual = f.actual_text if f.actual is None else f"{f.actual:g}"
                cells.append(
                    f"{actual or '—'} / {'—' if f.target is None else f'{f.target:g}'}（{f.assessment.status}）"
                )
            rows.append(cells)
            colours.append(FOREGROUND.get(r.assessment.level))
        fill_table(self.sum_table, rows, colours)

    def save_due(self) -> bool:
        try:
            rollup.set_due_date(self.store, self.period, self.due_edit.date().toString("yyyy-MM-dd"))
        except MsdeskError as exc:
            say(self.result, exc.message, False)
            return False
        say(
            self.result,
            f"已设{parse_period(self.period).label}截止日期为 {rollup.due_date(self.store, self.period)}。",
            True,
        )
        self.refresh()
        return True

    def return_selected(self, reason: str | None = None) -> bool:
        row = self.status_table.currentRow()
        sub = self.status_rows[row]["submission"] if row >= 0 else None
        if not sub or sub["status"] != "accepted":
            say(self.result, "请先选中一条已接收的报送。", False)
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(self, "退回报送", "退回原因（将记录在案）：")
            if not ok:
                return False
        try:
            return_submission(self.store, sub["id"], reason)
        except MsdeskError as exc:
            say(self.result, exc.message, False)
            return False
        say(self.result, f"已退回{self.status_rows[row]['office']['name']}的报送：{reason}", True)
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
        box = QMessageBox(
            QMessageBox.Question,
            "生成本级报送包",
            f"有 {stale} 项下级合计还没有写入本级累计完成，直接生成的报送包会是旧数字。\n先写入下级合计再生成吗？",
            QMessageBox.Yes | QMessageBox.No | QMessageBox.Cancel,
            self,
        )
        box.button(QMessageBox.Yes).setText("先写入再生成")
        box.button(QMessageBox.No).setText("按现有数字生成")
        box.button(QMessageBox.Cancel).setText("取消")
        box.setDefaultButton(QMessageBox.Yes)
        answer = box.exec()
        if answer == QMessageBox.Yes:  # the write asks again, naming 已报 n/m and every change
            return self.apply() > 0
        return answer == QMessageBox.No

    def apply(self, ask=None) -> int:
        """写入本级累计完成: ask first (已报 n/m, every change, any total below last period's),
        then write as one edit on the file's history (backup first; 撤销 puts it all back).
        `ask(question) -> bool` replaces the question box (tests). Returns how many were written."""
        preview = rollup.preview_apply(self.store, self.session.plan_id, self.period)
        if not preview.changes:
            say(self.result, strings.ROLLUP_NOTHING, False)
            return 0
        if not (ask or self._ask)(preview.question()):
            say(self.result, strings.ROLLUP_CANCELLED, False)
            return 0
        edit = ApplySums(self.store, self.session.plan_id, self.period, allow_decrease=bool(preview.decreases))
        try:
            self.session.apply(edit)
        except MsdeskError as exc:
            say(self.result, exc.message, False)
            return 0
        self.applied_edit = edit
        self.undo_btn.setEnabled(True)
        say(
            self.result,
            strings.ROLLUP_APPLIED.format(
                n=edit.applied.count, reported=preview.reported_label, backup=edit.applied.backup.name
            ),
            True,
        )
        self.refresh()
        return edit.applied.count

    def _ask(self, question: str) -> bool:
        box = QMessageBox(
            QMessageBox.Question, strings.ROLLUP_APPLY_TITLE, question, QMessageBox.Yes | QMessageBox.No, self
        )
        box.button(QMessageBox.Yes).setText(strings.ROLLUP_APPLY_YES)
        box.button(QMessageBox.No).setText(strings.ROLLUP_APPLY_NO)
        box.setDefaultButton(QMessageBox.No)  # Enter does not overwrite the office's figures
        geometry.cap_to_screen(box)
        return box.exec() == QMessageBox.Yes

    def undo_apply(self) -> bool:
        """撤销写入: the roll-up edit, if it is still the newest on the history."""
        history = self.session.history
        if (
            self.applied_edit is None
            or not history.can_undo()
            or history.edits[history.index - 1] is not self.applied_edit
        ):
            self.undo_btn.setEnabled(False)
            return False
        self.session.undo()
        if self.applied_edit.error is not None:
            say(self.result, str(getattr(self.applied_edit.error, "message", self.applied_edit.error)), False)
            return False
        self.applied_edit = None
        self.undo_btn.setEnabled(False)
        say(self.result, strings.ROLLUP_UNDONE, True)
        self.refresh()
        return True

    def _write_table(self, formats) -> list:
        folder = outputs.default_folder("exports", self.store.path)
        return export_rollup(
            self.store, self.session.plan_id, self.period, folder, formats, footer_note=identity.footer_note(self.store)
        )

    def export_table(self) -> QMessageBox | None:
        """导出汇总表 (xlsx and pdf) into the exports folder, then 打开所在文件夹."""
        try:
            files = self._write_table(("xlsx", "pdf"))
        except (MsdeskError, OSError) as exc:
            say(self.result, getattr(exc, "message", None) or f"导出失败：{exc}", False)
            return None
        say(self.result, f"{strings.ROLLUP_EXPORTED}：" + "、".join(f.name for f in files), True)
        box = reveal.finished(self, strings.ROLLUP_EXPORTED, strings.ROLLUP_EXPORTED + "。", files)
        box.open()
        self.finished_box = box
        return box

    def print_table(self):
        """打印汇总表: the PDF in the print preview (its 打印 button prints)."""
        from ..export_dialog import preview_pdf

        try:
            files = self._write_table(("pdf",))
            self.preview = preview_pdf(self, files[0])
        except (MsdeskError, OSError) as exc:
            say(self.result, getattr(exc, "message", None) or f"打印失败：{exc}", False)
            return None
        return self.preview


def run_rollup(window) -> QDialog:
    return show_dialog(window, RollupDialog)
