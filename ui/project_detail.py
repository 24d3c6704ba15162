"""项目信息: all fields of one project, its measures and its indicators, edited in place.

Each change is one undo step (msdesk.edits), validated by msdesk.plans.
A refused change shows the core's message beside the field; the stored value
stays as it was.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from msdesk import breakdown, edits, plans
from msdesk.errors import MsdeskError
from msdesk.formatting import format_number
from msdesk.progress import parse_number
from msdesk.unit_names import split_units

from . import strings
from .deletion import confirm as confirm_delete
from .editors import EntryLine, FieldMessage, NoteEdit, mark_invalid
from .undo import push

IND_NAME, IND_KIND, IND_COMP, IND_TARGET, IND_UNIT, IND_TEXT, IND_DEADLINE = range(7)
_IND_FIELDS = {
    IND_NAME: "name",
    IND_TARGET: "target",
    IND_UNIT: "unit",
    IND_TEXT: "target_text",
    IND_DEADLINE: "deadline",
}
# 完成时限 labels (kept here while ui/strings.py is being reorganised; move them there at merge)
DEADLINE = "完成时限"
DEADLINE_HINT = "照通知原文填写，如 12月底前、9月投入使用、6月30日前"
DEADLINE_DUE = "即 {year}年{month}月{day}日前：序时进度按此日期计算"
DEADLINE_UNREAD = "未能识别出日期：序时进度按全年计算"
DEADLINE_TIP = "子任务自己的完成时限（不填则按项目的完成时限）"
FIELD_LABELS = {**strings.DETAIL_FIELDS, "deadline": DEADLINE}
INDICATOR_LABELS = {**strings.INDICATOR_FIELD_LABELS, "deadline": DEADLINE}
CHOICES_ROLE = Qt.UserRole + 1  # [[code, label], ...] offered by a choice cell
CODE_ROLE = Qt.UserRole + 2  # the chosen code of a choice cell


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell holding one of a few codes (指标类型, 比较方式) with a drop-down."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for code, text in index.data(CHOICES_ROLE) or []:
            combo.addItem(text, code)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(CODE_ROLE))))

    def setModelData(self, editor, model, index):
        if editor.currentData() != index.data(CODE_ROLE):
            model.setData(index, editor.currentData(), CODE_ROLE)  # itemChanged -> saved, then redrawn


class ProjectDetail(QWidget):
    saved = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = self.stack = None
        self.project_id: str | None = None
        self._fields: dict = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.placeholder = QLabel(strings.ENTRY_NO_PROJECT)
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignCenter)
        self.layout_.addWidget(self.placeholder)
        self.form_box = self._basic_box()
        self.measure_box = self._measure_box()
        self.indicator_box = self._indicator_box()
        for w in (self.form_box, self.indicator_box, self.measure_box):
            self.layout_.addWidget(w)
        self.layout_.addStretch(1)
        self._enable(False)

    def set_context(self, store, stack) -> None:
        self.store, self.stack = store, stack

    # -- building -----------------------------------------------------------------
    def _basic_box(self) -> QGroupBox:
        box = QGroupBox(strings.DETAIL_BASIC)
        grid = QGridLayout(box)
        grid.setVerticalSpacing(4)
        # (key, row, column, column span): short fields share the first row
        places = {
            "seq": (0, 1, 1),
            "task_level": (0, 3, 1),
            "task_level_text": (0, 5, 1),
            "name": (2, 1, 5),
            "content": (4, 1, 5),
            "lead_units": (6, 1, 5),
            "partner_units": (8, 1, 5),
            "remarks": (10, 1, 5),
            "deadline": (12, 1, 3),
        }
        for key, label in FIELD_LABELS.items():
            message = FieldMessage()
            if key == "content":
                editor = NoteEdit(lines=3)
                editor.finished.connect(lambda k=key: self._commit(k))
                editor.advance.connect(editor.focusNextChild)
            elif key == "task_level":
                editor = QComboBox()
                for code, text in plans.TASK_LEVELS.items():
                    editor.addItem(text, code)
                editor.activated.connect(lambda _i, k=key: self._commit(k))
            else:
                editor = EntryLine()  # Ctrl+Z reaches the window's undo once the field has none of its own
                editor.editingFinished.connect(lambda k=key: self._commit(k))
                editor.revert.connect(lambda e=editor: self.revert(e))
                if key.endswith("units"):
                    editor.setPlaceholderText(strings.UNITS_HINT)
                elif key == "deadline":
                    editor.setPlaceholderText(DEADLINE_HINT)
            if key == "seq":
                editor.setMaximumWidth(120)
            editor.setAccessibleName(label)
            row, col, span = places[key]
            align = Qt.AlignTop if key == "content" else Qt.AlignVCenter
            grid.addWidget(QLabel(label + "："), row, col - 1, Qt.AlignRight | align)
            grid.addWidget(editor, row, col, 1, span)
            grid.addWidget(message, row + 1, col, 1, span)
            self._fields[key] = [editor, message, None]
        self.due_label = QLabel()  # the date the core read from 完成时限, so the clerk can check it
        self.due_label.setObjectName("due_date")
        grid.addWidget(self.due_label, 12, 4, 1, 2)
        self.ongoing = QCheckBox(strings.ONGOING_CHECK)  # 常态化开展: reported on, not scored
        self.ongoing.setToolTip(strings.ONGOING_TIP)
        self.ongoing.setAccessibleName(strings.ONGOING_CHECK)
        self.ongoing.clicked.connect(self._commit_ongoing)
        grid.addWidget(self.ongoing, 14, 1, 1, 5)
        self.ongoing_msg = FieldMessage()
        grid.addWidget(self.ongoing_msg, 15, 1, 1, 5)
        grid.setColumnStretch(5, 1)
        return box

    def _measure_box(self) -> QGroupBox:
        box = QGroupBox(strings.MEASURES)
        lay = QVBoxLayout(box)
        self.measures = QTableWidget(0, 2)
        self.measures.setHorizontalHeaderLabels(strings.MEASURE_HEADERS)
        self.measures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.measures.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.measures.verticalHeader().hide()
        self.measures.setWordWrap(True)
        self.measures.itemChanged.connect(self._measure_changed)
        self.measures.setMinimumHeight(140)
        lay.addWidget(self.measures)
        self.measure_msg = FieldMessage()
        lay.addWidget(self.measure_msg)
        lay.addLayout(self._buttons(strings.ADD_MEASURE, self._add_measure, strings.DEL_MEASURE, self._delete_measure))
        return box

    def _indicator_box(self) -> QGroupBox:
        box = QGroupBox(strings.INDICATORS)
        lay = QVBoxLayout(box)
        headers = [*strings.INDICATOR_HEADERS, DEADLINE]
        self.indicators = QTableWidget(0, len(headers))
        self.indicators.setHorizontalHeaderLabels(headers)
        self.indicators.horizontalHeaderItem(IND_DEADLINE).setToolTip(DEADLINE_TIP)
        header = self.indicators.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(IND_NAME, QHeaderView.Stretch)
        for col, width in (
            (IND_KIND, 80),
            (IND_COMP, 90),
            (IND_TARGET, 90),
            (IND_UNIT, 80),
            (IND_TEXT, 190),
            (IND_DEADLINE, 110),
        ):
            self.indicators.setColumnWidth(col, width)
        self.indicators.verticalHeader().hide()
        self.indicators.setItemDelegateForColumn(IND_KIND, ChoiceDelegate(self.indicators))
        self.indicators.setItemDelegateForColumn(IND_COMP, ChoiceDelegate(self.indicators))
        self.indicators.itemChanged.connect(self._indicator_changed)
        self.indicators.setMinimumHeight(140)
        lay.addWidget(self.indicators)
        self.indicator_msg = FieldMessage()
        lay.addWidget(self.indicator_msg)
        lay.addLayout(
            self._buttons(strings.ADD_INDICATOR, self._add_indicator, strings.DEL_INDICATOR, self._delete_indicator)
        )
        return box

    @staticmethod
    def _buttons(add_text, add, del_text, delete) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in ((add_text, add), (del_text, delete)):
            button = QPushButton(text)
            button.setToolTip(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _enable(self, on: bool) -> None:
        self.placeholder.setVisible(not on)
        for w in (self.form_box, self.measure_box, self.indicator_box):
            w.setVisible(on)

    # -- showing -----------------------------------------------------------------------
    def show_project(self, project_id: str | None) -> None:
        changed = project_id != self.project_id
        self.project_id = project_id
        if not project_id or self.store is None or self.store.get("projects", project_id) is None:
            self.project_id = None
            self._enable(False)
            return
        self._enable(True)
        self._load(reset=changed)

    def flush(self) -> None:
        """Commit the field being typed in (before switching project, period or file)."""
        focused = self.focusWidget()
        for key, (editor, _message, _shown) in self._fields.items():
            if editor is focused and key != "task_level":
                self._commit(key)

    def refused(self):
        """(editor, label, typed text, reason) of a field still holding a value that was not saved."""
        for key, (editor, message, shown) in self._fields.items():
            if key != "task_level" and message.text() and _text(editor) != shown:
                return editor, FIELD_LABELS[key], _text(editor), message.text().removeprefix("⚠ ")
        return None

    def revert(self, editor) -> None:
        """Give up what was typed in a field: it shows the stored value again."""
        for key, (ed, message, shown) in self._fields.items():
            if ed is editor and key != "task_level":
                ed.setText(shown or "")
                message.clear_message()
                mark_invalid(ed, False)

    def refresh(self) -> None:
        if self.project_id:
            self.show_project(self.project_id)

    def _load(self, reset: bool) -> None:
        p = self.store.get("projects", self.project_id)
        values = {k: p.get(k) or "" for k in ("seq", "name", "content", "task_level_text", "remarks", "deadline")}
        values["task_level"] = p["task_level"]
        values["lead_units"] = "、".join(plans.units(self.store, self.project_id, "lead"))
        values["partner_units"] = "、".join(plans.units(self.store, self.project_id, "partner"))
        for key, value in values.items():
            editor, message, shown = self._fields[key]
            if key == "task_level":
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif reset or _text(editor) == shown or value != shown:
                if _text(editor) != value:
                    editor.setText(value)
                message.clear_message()
                mark_invalid(editor, False)
            self._fields[key][2] = value
        self._show_due(p)
        self.ongoing.blockSignals(True)
        self.ongoing.setChecked(bool(p.get("ongoing")))
        self.ongoing.blockSignals(False)
        if reset:
            self.measure_msg.clear_message()
            self.indicator_msg.clear_message()
        self._load_measures()
        self._load_indicators()

    def _load_measures(self) -> None:
        table = self.measures
        table.blockSignals(True)
        rows = plans.measures(self.store, self.project_id)
        table.setRowCount(len(rows))
        for r, m in enumerate(rows):
            for c, value in enumerate((m.get("seq") or "", m["text"])):
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, m["id"])
                table.setItem(r, c, item)
        table.resizeRowsToContents()
        table.blockSignals(False)

    def _load_indicators(self) -> None:
        table = self.indicators
        table.blockSignals(True)
        rows = plans.indicators(self.store, self.project_id)
        table.setRowCount(len(rows))
        shares = breakdown.from_task_package(self.store)  # a township's file: its share, or 未分解
        for r, ind in enumerate(rows):
            target = format_number(ind.get("target"))
            if shares and ind["kind"] != "qualitative":
                target = breakdown.shown_target(self.store, ind)
            cells = {
                IND_NAME: ind["name"],
                IND_TARGET: target,
                IND_UNIT: ind.get("unit") or "",
                IND_TEXT: ind.get("target_text") or "",
                IND_DEADLINE: ind.get("deadline") or "",
            }
            for c, value in cells.items():
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, ind["id"])
                if c == IND_DEADLINE:
                    item.setToolTip(_due_text(ind) or DEADLINE_TIP)
                if c == IND_TARGET and shares and ind["kind"] != "qualitative":
                    item.setFlags(item.flags() & ~Qt.ItemIsEditable)  # the district sets the share
                    item.setToolTip(strings.TARGET_FROM_TASKS)
                table.setItem(r, c, item)
            comps = {"": "—", **plans.COMPARATORS} if ind["kind"] == "qualitative" else plans.COMPARATORS
            for c, options, code in (
                (IND_KIND, strings.KIND_LABELS, ind["kind"]),
                (IND_COMP, comps, ind.get("comparator") or ""),
            ):
                item = QTableWidgetItem(options.get(code, "—"))
                item.setData(Qt.UserRole, ind["id"])
                item.setData(CHOICES_ROLE, [[k, v] for k, v in options.items()])  # a list keeps the order
                item.setData(CODE_ROLE, code)
                item.setToolTip(strings.TIP_CHOICE)
                table.setItem(r, c, item)
        table.blockSignals(False)

    # -- committing ----------------------------------------------------------------------
    def _label(self, what: str) -> str:
        seq = (self.store.get("projects", self.project_id) or {}).get("seq", "")
        return strings.EDIT_LABEL.format(seq=seq, what=what)

    def _run(self, cmd, message: FieldMessage, editor=None) -> bool:
        try:
            push(self.stack, cmd)
        except MsdeskError as exc:
            message.show_message(exc.message)
            if editor is not None:
                mark_invalid(editor, True)
            return False
        message.clear_message()
        if editor is not None:
            mark_invalid(editor, False)
        self.saved.emit()
        return True

    def _commit(self, key: str) -> None:
        if not self.project_id or self.stack is None:
            return
        editor, message, shown = self._fields[key]
        value = editor.currentData() if key == "task_level" else _text(editor)
        if value == shown:
            message.clear_message()
            mark_invalid(editor, False)
            return
        label = self._label(FIELD_LABELS[key])
        if key.endswith("units"):
            cmd = edits.SetUnits(self.store, self.project_id, key.split("_")[0], split_units(value), label)
        else:
            cmd = edits.UpdateRow(self.store, "projects", self.project_id, {key: value}, label)
        if self._run(cmd, message, editor) and key == "deadline":
            self._show_due(self.store.get("projects", self.project_id))

    def _commit_ongoing(self, checked: bool) -> None:
        if not self.project_id or self.stack is None:
            return
        what = strings.ONGOING_ON if checked else strings.ONGOING_OFF
        cmd = edits.SetOngoing(self.store, self.project_id, checked, self._label(what))
        if not self._run(cmd, self.ongoing_msg):
            self._load(reset=False)  # refused: the box shows what is stored

    def _measure_changed(self, item: QTableWidgetItem) -> None:
        field = "seq" if item.column() == 0 else "text"
        cmd = edits.UpdateRow(
            self.store, "measures", item.data(Qt.UserRole), {field: item.text()}, self._label(strings.MEASURES)
        )
        if not self._run(cmd, self.measure_msg):
            self._load_measures()

    def _indicator_changed(self, item: QTableWidgetItem) -> None:
        field = _IND_FIELDS.get(item.column())
        if field:
            self._indicator_field(item.data(Qt.UserRole), field, item.text())
        elif item.column() in (IND_KIND, IND_COMP):
            self._indicator_field(
                item.data(Qt.UserRole), "kind" if item.column() == IND_KIND else "comparator", item.data(CODE_ROLE)
            )

    def _indicator_field(self, indicator_id: str, field: str, raw) -> None:
        try:
            if field == "target":
                value = parse_number(raw, strings.INDICATOR_FIELD_LABELS["target"])
            elif field in ("unit", "target_text", "deadline"):
                value = (raw or "").strip() or None
            elif field == "comparator":
                value = raw or None
            else:
                value = raw
        except MsdeskError as exc:
            self.indicator_msg.show_message(exc.message)
            self._load_indicators()
            return
        name = (self.store.get("indicators", indicator_id) or {}).get("name", "")
        what = INDICATOR_LABELS
        cmd = edits.UpdateRow(
            self.store, "indicators", indicator_id, {field: value}, self._label(f"{what[field]}（{name}）")
        )
        self._run(cmd, self.indicator_msg)
        self._load_indicators()

    def _add_measure(self) -> None:
        if self.project_id:
            self._run(
                edits.add_measure(
                    self.store, self.project_id, strings.NEW_MEASURE_TEXT, self._label(strings.ADD_MEASURE)
                ),
                self.measure_msg,
            )
            self._load_measures()
            self.measures.setCurrentCell(self.measures.rowCount() - 1, 1)
            self.measures.editItem(self.measures.currentItem())

    def _delete_measure(self) -> None:
        item = self.measures.currentItem()
        if item is not None:
            cmd = edits.Delete(self.store, "measure", item.data(Qt.UserRole), self._label(strings.DEL_MEASURE))
            if confirm_delete(self, cmd):
                self._run(cmd, self.measure_msg)
                self._load_measures()

    def _add_indicator(self) -> None:
        if self.project_id:
            self._run(
                edits.add_indicator(
                    self.store, self.project_id, strings.NEW_INDICATOR_NAME, self._label(strings.ADD_INDICATOR)
                ),
                self.indicator_msg,
            )
            self._load_indicators()
            self.indicators.setCurrentCell(self.indicators.rowCount() - 1, IND_NAME)

    def _delete_indicator(self) -> None:
        row = self.indicators.currentRow()
        item = self.indicators.item(row, IND_NAME) if row >= 0 else None
        if item is not None:
            cmd = edits.Delete(
                self.store,
                "indicator",
                item.data(Qt.UserRole),
                self._label(f"{strings.DEL_INDICATOR}（{item.text()}）"),
            )
            if confirm_delete(self, cmd):
                self._run(cmd, self.indicator_msg)
                self._load_indicators()

    def _show_due(self, project: dict) -> None:
        self.due_label.setText(_due_text(project))

    # for tests
    def editor(self, key: str):
        return self._fields[key][0]

    def message(self, key: str) -> str:
        return self._fields[key][1].text()


def _due_text(row: dict) -> str:
    """What the core read from a 完成时限 (its due_date), in words; empty when there is none."""
    if not row.get("deadline"):
        return ""
    due = row.get("due_date")
    if not due:
        return DEADLINE_UNREAD
    year, month, day = (int(part) for part in due[:10].split("-"))
    return DEADLINE_DUE.format(year=year, month=month, day=day)


def _text(editor) -> str:
    return editor.text() if hasattr(editor, "text") else ""
