"""汇总: the subordinates' submissions of a period, their sums, and this office's own package."""
from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from msdesk import submissions
from msdesk.errors import MsdeskError
from msdesk.formatting import percent
from msdesk.formatting import when as _when
from msdesk.package import return_submission, rollup
from msdesk.periods import parse_period
from msdesk.session import Session

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
        self.status_table = make_table(["下级单位", "报送情况", "次数", "制作时间", "接收时间", "说明"],
                                   "各下级单位本期的报送情况；选中后可退回")
        self.return_btn = QPushButton("退回所选报送…")
        self.return_btn.setToolTip("把所选单位本期的报送退回（须写明原因），其数据不再计入汇总")
        self.return_btn.clicked.connect(lambda: self.return_selected())
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.sum_table = make_table([], "各项目指标：下级合计与本级目标对比，以及各下级单位的完成情况")
        self.apply_btn = QPushButton("写入本级累计完成")
        self.apply_btn.setToolTip("把下级合计写入本单位本期的累计完成，随后可生成本级报送包报上级")
        self.apply_btn.clicked.connect(lambda: self.apply())
        self.export_btn = QPushButton("生成本级报送包…")
        self.export_btn.setToolTip("用同一流程生成本单位（汇总后）的签名报送包")
        self.export_btn.clicked.connect(lambda: self.export_own())
        self.result = result_label()
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
        buttons = close_row(self)
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
        fill_table(self.status_table, [[s["office"]["name"], s["label"],
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
        fill_table(self.sum_table, rows, colours)

    def save_due(self) -> bool:
        try:
            rollup.set_due_date(self.store, self.period, self.due_edit.date().toString("yyyy-MM-dd"))
        except MsdeskError as exc:
            say(self.result, exc.message, False)
            return False
        say(self.result, f"已设{parse_period(self.period).label}截止日期为 {rollup.due_date(self.store, self.period)}。",
             True)
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
        say(self.result, f"已把 {count} 项下级合计写入本级累计完成。" if count else "没有可写入的汇总数。",
             bool(count))
        self.session.file_rewritten(forget_undo=bool(count))
        return count


def run_rollup(window) -> QDialog:
    return show_dialog(window, RollupDialog)
