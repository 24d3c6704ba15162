"""导入民生实事通知: paste the text or choose a file, check the parsed plan, commit.

run(window) opens the dialog for window.store and calls window.reload() after a
commit. The clerk sees the plan as parsed (categories → items → indicators and
measures), unticks items that should not be imported, edits 序号 / 名称 / 牵头单位 /
任务级别 / 指标目标 of the selected item, and reads the lines that could not be
placed. Reading a file (PDF can take seconds) and the commit run on a worker
thread through ui.ops; the worker only calls the core. Commit is one transaction
(msdesk.notice.import_plan); cancel changes nothing. If the file already holds a
plan of that year the clerk chooses 替换 / 按序号合并 / 取消.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msdesk import outputs
from msdesk.errors import MsdeskError
from msdesk.formatting import format_number
from msdesk.notice import import_plan, parse_notice, read_notice_file
from msdesk.notice.commit import existing_plan
from msdesk.notice.model import TASK_LEVEL_LABELS, ParsedIndicator, ParsedPlan
from msdesk.notice.numbers import seq_key
from msdesk.notice.reader import is_project_workbook
from msdesk.notice.summary import coverage_line, one_line
from msdesk.plans import COMPARATORS, describe_target
from msdesk.targets import parse_target
from msdesk.unit_names import split_units

from . import geometry, reveal, strings
from .ops import on_own_connection, run_op

TITLE = "导入民生实事通知"
ONGOING_MARK = "（常态化开展）"  # after the task level: a standing item, reported on but not scored
ONGOING_TIP = "常态化开展：照常填报数字和进展情况，但不亮灯、不按序时进度评判、不计入滞后。"
PASTE_HINT = "把通知全文粘贴到这里（从 Word、WPS 或 PDF 复制均可），然后点“识别”。也可以点“选择文件…”。"
FILE_FILTER = (
    "通知或项目清单 (*.txt *.docx *.pdf *.xlsx *.ofd *.doc *.wps);;文本 (*.txt);;Word (*.docx *.doc *.wps);;"
    "PDF (*.pdf);;OFD (*.ofd);;Excel (*.xlsx)"
)
READING = "正在读取文件…"
COMMITTING = "正在导入…"
STILL_COMMITTING = "正在导入，请稍候：导入要么全部完成，要么不做任何修改，中途不能取消。"
NOTHING_PARSED = "请先粘贴通知文字或选择文件，再点“识别”。"
NOTHING_TICKED = "没有勾选任何项目，未做任何修改。"
NO_YEAR = "通知中没有找到计划年度，请在上方“年度”中选择后再导入。"
NO_YEAR_MARK = "请选择"
DUPLICATE_SEQ = "序号“{seq}”与同一类别中的另一项目重复，请改用其他序号。"
EXISTS_TEXT = (
    "台账中已有 {year} 年的计划“{title}”。\n\n替换：原计划移入已删除，按本通知重新建立。\n"
    "按序号合并：保留原计划和已填报的进展，按序号更新项目，新增本通知中多出的项目。"
)
REPLACE, MERGE = "替换", "按序号合并"
TREE_HEADERS = ["序号", "内容", "牵头单位", "任务级别", "目标", "完成时限", "项目名称"]
DEADLINE_COL, NAME_COL = 5, 6
UNREAD_COLOR = QColor("#fff1a8")  # lines of the notice that were not read: highlighted in 通知原文
IND_HEADERS = ["指标名称", "目标值", "计量单位", "比较方式", "基数"]
COMP_WORDS = {key: word for key, word in COMPARATORS.items()}
COMP_KEYS = {word: key for key, word in COMPARATORS.items()}
TIPS = {
    "paste": "粘贴通知全文；识别结果只在点“导入”后才写入台账",
    "parse": "按粘贴的文字重新识别（会放弃在右侧做的修改）",
    "file": "读取 .txt（UTF-8 或 GBK）、.docx、带文字层的 .pdf、.ofd、.xlsx 格式的通知或 msdesk 项目清单工作簿；"
    "装有 LibreOffice 时也可读 .doc/.wps",
    "coverage": "通知文字中已归入项目、类别和文头的比例；未识别的行在“通知原文”中以黄色标出，也列在“未归入的文字”中",
    "tree": "取消勾选的项目不会导入；点选项目可在下方修改",
    "unplaced": "这些文字没有归入任何项目（如通知正文、目标任务分解表），请核对有无遗漏；通知原文会完整保存",
    "year": "计划年度；同一台账中每年一个计划",
    "commit": "把勾选的项目作为一个整体写入台账（全部成功或全部不写入）",
}


def _target(ind: ParsedIndicator) -> str:
    return describe_target(
        dict(kind=ind.kind, target=ind.target, comparator=ind.comparator, unit=ind.unit, target_text=ind.target_text)
    )


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None, store, on_committed=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.resize(1180, 760)
        self.store = store
        self.on_committed = on_committed
        self.plan: ParsedPlan | None = None
        self.committed_plan_id: str | None = None
        self.committing = False
        self.error_text = ""
        self._filling = False
        self._project_items: list[QTreeWidgetItem] = []
        self._build()
        geometry.make_scrollable(self)  # capped to the screen, buttons always in view

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        top = QHBoxLayout()
        self.file_button = QPushButton("选择文件…")
        self.file_button.setToolTip(TIPS["file"])
        self.file_button.clicked.connect(self.choose_file)
        self.parse_button = QPushButton("识别")
        self.parse_button.setToolTip(TIPS["parse"])
        self.parse_button.clicked.connect(self.parse_pasted)
        self.file_label = QLabel("")
        top.addWidget(self.file_button)
        top.addWidget(self.parse_button)
        top.addWidget(self.file_label, 1)

        self.text_edit = QPlainTextEdit()
        self.text_edit.setPlaceholderText(PASTE_HINT)
        self.text_edit.setToolTip(TIPS["paste"])
        self.unplaced_list = QListWidget()
        self.unplaced_list.setToolTip(TIPS["unplaced"])
        self.unplaced_list.setWordWrap(True)
        self.unplaced_list.setAlternatingRowColors(True)
        self.unplaced_list.setSpacing(2)
        self.notes_list = QListWidget()
        self.notes_list.setWordWrap(True)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.text_edit, "通知原文")
        self.left_tabs.addTab(self.unplaced_list, "未归入的文字")
        self.left_tabs.addTab(self.notes_list, "请核对")
        self.coverage_label = QLabel("")
        self.coverage_label.setToolTip(TIPS["coverage"])
        self.coverage_label.setWordWrap(True)
        left = QWidget()
        llay = QVBoxLayout(left)
        llay.setContentsMargins(0, 0, 0, 0)
        llay.addWidget(self.coverage_label)
        llay.addWidget(self.left_tabs, 1)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(TREE_HEADERS)
        self.tree.setToolTip(TIPS["tree"])
        self.tree.header().setSectionResizeMode(1, QHeaderView.Stretch)
        self.tree.setColumnWidth(0, 120)
        self.tree.setColumnWidth(2, 170)
        self.tree.setColumnWidth(3, 90)
        self.tree.setColumnWidth(4, 130)
        self.tree.setColumnWidth(DEADLINE_COL, 90)
        self.tree.setColumnWidth(NAME_COL, 140)
        self.tree.currentItemChanged.connect(self._select)
        self.tree.itemChanged.connect(self._ticked)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self._plan_box())
        rlay.addWidget(self.tree, 3)
        rlay.addWidget(self._project_box(), 2)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([380, 800])

        self.status = QLabel(NOTHING_PARSED)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.commit_button = self.buttons.addButton("导入", QDialogButtonBox.AcceptRole)
        self.commit_button.setToolTip(TIPS["commit"])
        self.cancel_button = self.buttons.addButton("取消", QDialogButtonBox.RejectRole)
        self.cancel_button.setToolTip("关闭窗口，不做任何修改")
        self.commit_button.clicked.connect(self.commit)
        self.cancel_button.clicked.connect(self.reject)
        self.commit_button.setEnabled(False)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)

    def _plan_box(self) -> QGroupBox:
        box = QGroupBox("计划")
        form = QHBoxLayout(box)
        self.title_edit = QLineEdit()
        self.title_edit.setToolTip("计划标题（印在报表上）")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1989, 2100)  # 1989 = not known: the notice gave no year
        self.year_spin.setSpecialValueText(NO_YEAR_MARK)
        self.year_spin.setToolTip(TIPS["year"])
        self.doc_edit = QLineEdit()
        self.doc_edit.setToolTip("文号，如 烈民生〔2023〕2号")
        for label, widget in (("标题", self.title_edit), ("年度", self.year_spin), ("文号", self.doc_edit)):
            form.addWidget(QLabel(label))
            form.addWidget(widget, {self.title_edit: 4, self.doc_edit: 2}.get(widget, 1))
        self.title_edit.editingFinished.connect(self._plan_edited)
        self.year_spin.valueChanged.connect(self._plan_edited)
        self.doc_edit.editingFinished.connect(self._plan_edited)
        return box

    def _project_box(self) -> QGroupBox:
        box = QGroupBox("所选项目")
        form = QFormLayout(box)
        self.seq_edit = QLineEdit()
        self.seq_edit.setToolTip("序号，照通知原样，如 7 或 （十二）")
        self.name_edit = QLineEdit()
        self.name_edit.setToolTip("项目名称（通知没有写的可以留空）")
        self.lead_edit = QLineEdit()
        self.lead_edit.setToolTip("牵头单位，多个用顿号（、）分隔")
        self.level_combo = QComboBox()
        for key, label in TASK_LEVEL_LABELS.items():
            self.level_combo.addItem(label, key)
        self.level_combo.setToolTip("本级任务、市级任务、省级任务或无任务")
        self.ongoing_check = QCheckBox(strings.ONGOING_CHECK)
        self.ongoing_check.setToolTip(ONGOING_TIP)
        self.content_view = QLabel("")
        self.content_view.setWordWrap(True)
        self.content_view.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.ind_table = QTableWidget(0, len(IND_HEADERS))
        self.ind_table.setHorizontalHeaderLabels(IND_HEADERS)
        self.ind_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.ind_table.setToolTip("指标的目标值只填数字；没有数字的（应保尽保等）目标值留空")
        self.ind_table.verticalHeader().setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.seq_edit, 1)
        row.addWidget(QLabel("名称"))
        row.addWidget(self.name_edit, 3)
        row.addWidget(QLabel("任务级别"))
        row.addWidget(self.level_combo, 1)
        form.addRow("序号", row)
        form.addRow("牵头单位", self.lead_edit)
        form.addRow("", self.ongoing_check)
        form.addRow("实施内容", self.content_view)
        form.addRow("指标", self.ind_table)
        self.edit_error = QLabel("")
        self.edit_error.setStyleSheet("color: #b00020")
        form.addRow("", self.edit_error)
        for edit in (self.seq_edit, self.name_edit, self.lead_edit):
            edit.editingFinished.connect(self._project_edited)
        self.level_combo.currentIndexChanged.connect(self._project_edited)
        self.ongoing_check.toggled.connect(self._project_edited)
        self.ind_table.itemChanged.connect(self._indicator_edited)
        self._set_editor_enabled(False)
        return box

    def _set_editor_enabled(self, on: bool) -> None:
        for w in (self.seq_edit, self.name_edit, self.lead_edit, self.level_combo, self.ongoing_check, self.ind_table):
            w.setEnabled(on)

    # ------------------------------------------------------------------ input
    def set_text(self, text: str) -> None:
        self.text_edit.setPlainText(text)
        self.parse_pasted()

    def parse_pasted(self) -> None:
        text = self.text_edit.toPlainText()
        try:
            plan = parse_notice(text)
        except MsdeskError as exc:
            self._show_error(exc.message)
            return
        self.show_plan(plan)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择通知文件", "", FILE_FILTER)
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path):
        """Read (and parse) on a worker thread: a large PDF must not freeze the window."""
        self.file_label.setText(f"{READING} {path.name}")
        self._busy(True)

        def work():
            if path.suffix.lower() == ".xlsx" and is_project_workbook(path):
                from msdesk.notice.workbook import read_workbook

                return None, read_workbook(path)
            text = read_notice_file(path)
            return text, parse_notice(text)

        def done(result):
            self._busy(False)
            text, plan = result
            self.file_label.setText(path.name)
            if text is not None:
                self.text_edit.setPlainText(text)
            self.show_plan(plan)

        def failed(exc):
            self._busy(False)
            self.file_label.setText("")
            self._show_error(exc.message if isinstance(exc, MsdeskError) else f"读取失败：{exc}")

        return run_op(self, work, done, failed)

    def _busy(self, on: bool) -> None:
        for w in (self.file_button, self.parse_button, self.commit_button):
            w.setEnabled(not on and (w is not self.commit_button or self.plan is not None))

    def reject(self) -> None:
        """取消, Esc or the window's close button. Not while the import is being written: the dialog
        would close as if nothing happened, and the plan would still be imported a moment later."""
        if self.committing:
            self.status.setText(STILL_COMMITTING)
            return
        super().reject()

    def _show_error(self, message: str) -> None:
        self.error_text = message
        self.status.setText(message)
        self.status.setStyleSheet("color: #b00020")
        if self.isVisible():
            QMessageBox.warning(self, TITLE, message)

    # ------------------------------------------------------------------ show
    def show_plan(self, plan: ParsedPlan) -> None:
        self.plan = plan
        self.error_text = ""
        self._filling = True
        self.title_edit.setText(plan.title)
        self.year_spin.setValue(plan.year or self.year_spin.minimum())  # never a guessed year
        self.doc_edit.setText(plan.doc_number or "")
        self.tree.clear()
        self._project_items = []
        cat_items = {}
        for index, cat in enumerate(plan.categories):
            label = f"{cat.seq}、{cat.name}" if cat.seq else cat.name
            count = len(plan.projects_in(index))
            declared = f"（标明 {cat.declared_count} 项）" if cat.declared_count is not None else ""
            item = QTreeWidgetItem([cat.seq or "", f"{label}：{count} 项{declared}"])
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable | Qt.ItemIsAutoTristate)
            item.setCheckState(0, Qt.Checked)
            self.tree.addTopLevelItem(item)
            cat_items[index] = item
        for number, project in enumerate(plan.projects):
            parent = cat_items.get(project.category)
            item = QTreeWidgetItem()
            item.setData(0, Qt.UserRole, number)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(0, Qt.Checked)
            if parent is not None:
                parent.addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            self._project_items.append(item)
            self._fill_project_item(item, project)
        self.tree.expandAll()
        for item in self._project_items:
            item.setExpanded(False)
        # 完成时限 and 项目名称 only when the notice gives them
        self.tree.setColumnHidden(
            DEADLINE_COL, not any(p.deadline or any(i.deadline for i in p.indicators) for p in plan.projects)
        )
        self.tree.setColumnHidden(NAME_COL, not any(p.name for p in plan.projects))
        self._show_coverage(plan)
        self.unplaced_list.clear()
        self.unplaced_list.addItems([line.replace("\t", "  ") for line in plan.unplaced_lines])
        self.left_tabs.setTabText(1, f"未归入的文字（{len(plan.unplaced_lines)}）")
        notes = list(plan.notes) + [
            f"{p.seq}：{n}" for p in plan.projects for n in p.notes if not n.startswith("来自一句话")
        ]
        self.notes_list.clear()
        self.notes_list.addItems(notes)
        self.left_tabs.setTabText(2, f"请核对（{len(notes)}）")
        self._filling = False
        self.commit_button.setEnabled(True)
        self._update_status()
        if self._project_items:
            self.tree.setCurrentItem(self._project_items[0])

    def _fill_project_item(self, item: QTreeWidgetItem, project) -> None:
        was, self._filling = self._filling, True
        level = project.task_level_text or TASK_LEVEL_LABELS[project.task_level]
        targets = "；".join(_target(i) for i in project.indicators)
        item.setText(0, project.seq)
        item.setText(1, project.content)
        item.setToolTip(1, project.content)
        item.setText(DEADLINE_COL, project.deadline or "")
        item.setText(NAME_COL, project.name or "")
        item.setText(2, "、".join(project.lead_units))
        item.setText(3, level + (ONGOING_MARK if project.ongoing else ""))
        item.setToolTip(3, ONGOING_TIP if project.ongoing else "")
        item.setText(4, targets)
        item.takeChildren()
        for ind in project.indicators:
            child = QTreeWidgetItem(["", f"指标：{ind.name}", "", "", _target(ind), ind.deadline or ""])
            item.addChild(child)
        for measure in project.measures:
            label = f"措施 {measure.seq}：" if measure.seq else "措施："
            child = QTreeWidgetItem(["", label + measure.text])
            child.setToolTip(1, measure.text)
            item.addChild(child)
        for rate in project.rates:
            item.addChild(QTreeWidgetItem(["", f"标准：{rate.text}"]))
        self._filling = was

    def _show_coverage(self, plan: ParsedPlan) -> None:
        """已识别 NN% 的文字, and the unread lines highlighted in 通知原文 (a workbook has no text: nothing shown)."""
        has_text = bool(self.text_edit.toPlainText().strip()) and plan.coverage is not None
        self.coverage_label.setText(coverage_line(plan) if has_text else "")
        marks = []
        document = self.text_edit.document()
        for number in plan.unread_lines if has_text else []:
            block = document.findBlockByNumber(number - 1)
            if not block.isValid():
                continue
            mark = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(UNREAD_COLOR)
            fmt.setProperty(QTextFormat.FullWidthSelection, True)
            mark.format = fmt
            mark.cursor = QTextCursor(block)
            marks.append(mark)
        self.text_edit.setExtraSelections(marks)

    def unread_highlighted(self) -> list[int]:
        """The 1-based lines highlighted as not read (what the clerk sees in yellow)."""
        return [mark.cursor.block().blockNumber() + 1 for mark in self.text_edit.extraSelections()]

    def _update_status(self) -> None:
        if self.plan is None:
            return
        ticked = len(self.selected_indexes())
        self.status.setStyleSheet("")
        self.status.setText(f"{one_line(self.plan)} 已勾选 {ticked} 项。" + ("" if self.plan.year else NO_YEAR))

    # ------------------------------------------------------------------ edit
    def project_item(self, seq: str) -> QTreeWidgetItem:
        for item in self._project_items:
            if item.text(0) == seq:
                return item
        raise KeyError(seq)

    def selected_indexes(self) -> list[int]:
        return [item.data(0, Qt.UserRole) for item in self._project_items if item.checkState(0) == Qt.Checked]

    def _current_project(self):
        item = self.tree.currentItem()
        while item is not None and item.data(0, Qt.UserRole) is None:
            item = item.parent()
        if item is None or self.plan is None:
            return None, None
        return item, self.plan.projects[item.data(0, Qt.UserRole)]

    def _select(self, *_args) -> None:
        item, project = self._current_project()
        self._set_editor_enabled(project is not None)
        self.edit_error.setText("")
        if project is None:
            return
        self._filling = True
        self.seq_edit.setText(project.seq)
        self.name_edit.setText(project.name or "")
        self.lead_edit.setText("、".join(project.lead_units))
        self.level_combo.setCurrentIndex(self.level_combo.findData(project.task_level))
        self.ongoing_check.setChecked(project.ongoing)
        self.content_view.setText(project.content)
        self.ind_table.setRowCount(len(project.indicators))
        for row, ind in enumerate(project.indicators):
            values = [
                ind.name,
                format_number(ind.target) if ind.kind == "number" else ind.target_text,
                ind.unit or "",
                COMP_WORDS.get(ind.comparator, "") if ind.kind == "number" else "",
                format_number(ind.baseline),
            ]
            for col, value in enumerate(values):
                self.ind_table.setItem(row, col, QTableWidgetItem(value))
        self._filling = False

    def _project_edited(self, *_args) -> None:
        if self._filling:
            return
        item, project = self._current_project()
        if project is None:
            return
        self.edit_error.setText("")
        seq = self.seq_edit.text().strip()
        if not seq:
            self.edit_error.setText("序号不能为空。")
            self.seq_edit.setText(project.seq)
            return
        if seq != project.seq and any(
            other is not project and other.category == project.category and seq_key(other.seq) == seq_key(seq)
            for other in self.plan.projects
        ):
            self.edit_error.setText(DUPLICATE_SEQ.format(seq=seq))
            self.seq_edit.setText(project.seq)
            return
        project.seq = seq
        project.name = self.name_edit.text().strip() or None
        project.lead_units = split_units(self.lead_edit.text())
        level = self.level_combo.currentData()
        if level != project.task_level:
            project.task_level = level
            project.task_level_text = None if level == "local" else TASK_LEVEL_LABELS[level]
        project.ongoing = self.ongoing_check.isChecked()
        self._fill_project_item(item, project)

    def _indicator_edited(self, cell: QTableWidgetItem) -> None:
        if self._filling:
            return
        item, project = self._current_project()
        if project is None or cell.row() >= len(project.indicators):
            return
        ind = project.indicators[cell.row()]
        text = cell.text().strip()
        self.edit_error.setText("")
        if cell.column() == 0:
            ind.name = text or ind.name
        elif cell.column() == 1:
            if not self._set_target(ind, text):
                self._filling = True  # put the kept value back in the cell
                cell.setText(format_number(ind.target) if ind.kind == "number" else ind.target_text)
                self._filling = False
        elif cell.column() == 2:
            ind.unit = text or None
        elif cell.column() == 3:
            if text in COMP_KEYS:
                ind.comparator = COMP_KEYS[text]
            else:
                self.edit_error.setText(f"比较方式“{text}”无效，应为 不少于、不超过、达到 或 左右。")
        elif cell.column() == 4:
            try:
                ind.baseline = parse_target(text, "基数")
            except MsdeskError as exc:
                self.edit_error.setText(exc.message)
        self._fill_project_item(item, project)

    def _set_target(self, ind: ParsedIndicator, text: str) -> bool:
        """Apply an edited target; False (with a message) when it cannot be taken."""
        if not text:
            ind.kind, ind.target, ind.comparator = "qualitative", None, None
            ind.target_text = ind.target_text if (ind.target is None and ind.target_text) else "按期完成"
            return True
        try:
            value = parse_target(text)
        except MsdeskError as exc:
            if ind.kind == "qualitative" and "不是数字" in exc.message:
                ind.target_text = text
                return True
            hint = "数字目标只填数字；定性目标请先清空再填写。" if "不是数字" in exc.message else ""
            self.edit_error.setText(exc.message + hint)
            return False
        ind.kind, ind.target = "number", value
        ind.comparator = ind.comparator or ">="
        ind.target_text = text
        return True

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._filling and column == 0:
            self._update_status()

    def _plan_edited(self, *_args) -> None:
        if self._filling or self.plan is None:
            return
        self.plan.title = self.title_edit.text().strip() or self.plan.title
        self.plan.year = self.year_spin.value() if self.year_spin.value() > self.year_spin.minimum() else None
        self.plan.doc_number = self.doc_edit.text().strip() or None
        self._update_status()

    # ------------------------------------------------------------------ commit
    def selected_plan(self) -> ParsedPlan:
        """A copy of the parsed plan holding only the ticked items (and the categories they use)."""
        plan = copy.deepcopy(self.plan)
        keep = [plan.projects[i] for i in sorted(self.selected_indexes())]
        used = sorted({p.category for p in keep if p.category is not None})
        remap = {old: new for new, old in enumerate(used)}
        plan.categories = [plan.categories[i] for i in used]
        for p in keep:
            p.category = remap.get(p.category) if p.category is not None else None
        plan.projects = keep
        return plan

    def ask_mode(self, old: dict) -> str | None:
        box = QMessageBox(
            QMessageBox.Question,
            TITLE,
            EXISTS_TEXT.format(year=old["year"], title=old["title"]),
            QMessageBox.NoButton,
            self,
        )
        replace = box.addButton(REPLACE, QMessageBox.DestructiveRole)
        merge = box.addButton(MERGE, QMessageBox.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return {replace: "replace", merge: "merge"}.get(box.clickedButton())

    def commit(self):
        if self.plan is None:
            self._show_error(NOTHING_PARSED)
            return None
        self._plan_edited()
        plan = self.selected_plan()
        if not plan.projects:
            self._show_error(NOTHING_TICKED)
            return None
        if not plan.year:
            self._show_error(NO_YEAR)
            self.year_spin.setFocus()
            return None
        mode = "new"
        old = existing_plan(self.store, plan.year) if plan.year else None
        if old:
            mode = self.ask_mode(old)
            if mode is None:
                return None
        self._busy(True)
        self.committing = True
        self.cancel_button.setEnabled(False)
        store = self.store

        def finished():
            self.committing = False
            self.cancel_button.setEnabled(True)
            self._busy(False)

        def done(plan_id):
            finished()
            self.committed_plan_id = plan_id
            if self.on_committed:
                self.on_committed(plan_id)
            self.accept()

        def failed(exc):
            finished()
            self._show_error(exc.message if isinstance(exc, MsdeskError) else f"导入失败，未做任何修改：{exc}")

        return run_op(
            self,
            on_own_connection(store, lambda own: import_plan(own, plan, mode=mode)),
            done,
            failed,
            label=COMMITTING,
        )


def run(window) -> ImportDialog:
    """Open the import dialog for the main window's open file; refresh the window after a commit."""
    parent = window if isinstance(window, QWidget) else None
    if getattr(window, "store", None) is None:
        QMessageBox.information(parent, TITLE, "请先新建或打开台账文件，再导入通知。")
        return None

    def committed(plan_id: str) -> None:
        window.session.file_rewritten(plan_id=plan_id)  # one re-read, showing the plan just imported

    dialog = ImportDialog(parent, window.store, on_committed=committed)
    dialog.exec()
    return dialog


def run_write_workbook(window) -> Path | None:
    """文件 → 导出项目清单工作簿: the current plan as a workbook another office can fill and send back."""
    from msdesk import plans
    from msdesk.notice.workbook import write_workbook

    parent = window if isinstance(window, QWidget) else None
    store = getattr(window, "store", None)
    plan = store.get("plans", window.plan_id) if store is not None and getattr(window, "plan_id", None) else None
    plan = plan or (plans.current_plan(store) if store is not None else None)
    if plan is None:
        QMessageBox.information(parent, "导出项目清单", "台账中还没有年度计划，请先导入民生实事通知。")
        return None
    start = outputs.default_folder("exports", store.path) / outputs.safe_name(f"{plan['title']}-项目清单.xlsx")
    path, _ = QFileDialog.getSaveFileName(parent, "导出项目清单工作簿", str(start), "Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)  # the default 报表 folder may be new
        out = write_workbook(store, plan["id"], Path(path))
    except MsdeskError as exc:
        QMessageBox.warning(parent, "导出项目清单", exc.message)
        return None
    except OSError as exc:
        QMessageBox.warning(parent, "导出项目清单", f"无法保存文件：{exc.strerror or exc}")
        return None
    _finished(parent, "导出项目清单", "项目清单工作簿已导出。", out)
    return out


def _finished(parent, title: str, message: str, out: Path) -> None:
    """Where the file went, with 打开所在文件夹 (ui/reveal.py)."""
    reveal.finished(parent, title, message, out).exec()


def run_write_template(window) -> Path | None:
    """文件 → 空白项目清单模板: for an office that has no plan in msdesk yet."""
    from msdesk.notice.workbook import write_template

    parent = window if isinstance(window, QWidget) else None
    store = getattr(window, "store", None)
    start = outputs.default_folder("exports", store.path if store is not None else None) / "民生实事项目清单模板.xlsx"
    path, _ = QFileDialog.getSaveFileName(parent, "保存空白项目清单模板", str(start), "Excel 工作簿 (*.xlsx)")
    if not path:
        return None
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)  # the default 报表 folder may be new
        out = write_template(Path(path))
    except MsdeskError as exc:
        QMessageBox.warning(parent, "空白项目清单模板", exc.message)
        return None
    except OSError as exc:
        QMessageBox.warning(parent, "空白项目清单模板", f"无法保存文件：{exc.strerror or exc}")
        return None
    _finished(parent, "空白项目清单模板", "空白项目清单模板已保存。", out)
    return out
