"""季度填报: one project's figures, notes and funds for the chosen period.

Keyboard first: Tab / Enter move field to field, Enter on the last field goes to
the next project, so a clerk can type 50 projects without the mouse. Each field
is saved (one transaction, one undo step) when the clerk leaves it. Refused
input stays in the field with the core's message beside it: nothing invalid is
written, nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from msdesk import edits, palette, progress, status
from msdesk.breakdown import shown_target
from msdesk.errors import MsdeskError
from msdesk.formatting import format_number, percent
from msdesk.overview import IndicatorRow, ProjectRow
from msdesk.plans import describe_target

from . import strings
from .editors import EntryCheck, EntryLine, FieldMessage, NoteEdit, mark_invalid
from .status_style import FOREGROUND, status_text
from .undo import push


class QuarterEntry(QWidget):
    advance_project = Signal(int)  # +1 next / -1 previous project
    saved = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None
        self.stack = None
        self.period = None
        self.row: ProjectRow | None = None
        self.confirm_edit = lambda period: True  # the window asks before editing a submitted period
        self.editors: list = []  # focus order
        self._fields: dict = {}  # key -> (editor, message, shown text)
        self._labels: dict = {}  # indicator id -> dict of value labels
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        outer.addWidget(self.scroll)
        self._body = None
        self._position = (0, 0)
        self._just_tried = None  # (key, text) Enter has just saved or tried to save
        self._show_placeholder()

    # -- context ------------------------------------------------------------------------
    def set_context(self, store, stack, period: str) -> None:
        self.store, self.stack, self.period = store, stack, period

    def show_project(self, row: ProjectRow | None, position: tuple[int, int] = (0, 0)) -> None:
        """Build the form for a project (or the placeholder)."""
        self.row = row
        if row is None:
            self._show_placeholder()
            return
        self._build(row, position)

    def refresh(self, row: ProjectRow | None) -> None:
        """New figures for the same project (after any edit or undo)."""
        if (
            row is None
            or self.row is None
            or row.id != self.row.id
            or [i.indicator["id"] for i in row.indicators] != [i.indicator["id"] for i in self.row.indicators]
        ):
            self.show_project(row, self._position)
            return
        self.row = row
        self._update_header(row)
        for ind in row.indicators:
            self._update_indicator_labels(ind)
            qualitative = ind.indicator["kind"] == "qualitative" or ind.indicator.get("target") is None
            if qualitative:
                self._sync(("text", ind.indicator["id"]), ind.actual_text or "")
                box = self._fields.get(("done", ind.indicator["id"]))
                if box:
                    box[0].blockSignals(True)
                    box[0].setChecked(ind.done)
                    box[0].blockSignals(False)
                    self._fields[("done", ind.indicator["id"])] = (box[0], box[1], ind.done, box[3])
            else:
                self._sync(("actual", ind.indicator["id"]), format_number(ind.actual))
        for field in progress.REPORT_FIELDS:
            value = row.report.get(field)
            self._sync(("report", field), format_number(value) if field in progress.FUNDS_FIELDS else (value or ""))

    def flush(self) -> None:
        """Commit the field being typed in (before switching project, period or file)."""
        focused = self.focusWidget()
        for key, (editor, *_rest) in list(self._fields.items()):
            if editor is focused and key[0] != "done":
                self._commit(key)

    def refused(self):
        """(editor, label, typed text, reason) of a field still holding a value that was not saved."""
        for editor, message, shown, label in self._fields.values():
            if isinstance(editor, EntryLine) and message.text() and editor.text() != shown:
                return editor, label, editor.text(), message.text().removeprefix("⚠ ")
        return None

    def revert(self, editor) -> None:
        """Give up what was typed in a field: it shows the stored value again."""
        for key, (ed, message, shown, _label) in self._fields.items():
            if ed is editor and key[0] != "done":
                ed.setText(shown)
                message.clear_message()
                mark_invalid(ed, False)

    def first_editor(self):
        return self.editors[0] if self.editors else None

    # -- building ---------------------------------------------------------------------------
    def _show_placeholder(self) -> None:
        self._fields.clear()
        self._labels.clear()
        self.editors = []
        label = QLabel(strings.ENTRY_NO_PROJECT)
        label.setAlignment(Qt.AlignCenter)
        label.setObjectName("placeholder")
        self._set_body(label)

    def _set_body(self, widget) -> None:
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(widget)
        self._body = widget

    def _build(self, row: ProjectRow, position) -> None:
        self._position = position
        self._fields.clear()
        self._labels.clear()
        self.editors = []
        body = QWidget()
        body.setObjectName("entryBody")
        layout = QVBoxLayout(body)
        layout.setSpacing(10)
        layout.addLayout(self._header(row, position))
        layout.addWidget(self._indicator_box(row))
        layout.addWidget(self._narrative_box(row))
        layout.addWidget(self._funds_box(row))
        hint = QLabel(strings.ENTRY_HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self._set_body(body)
        for a, b in zip(self.editors, self.editors[1:]):
            QWidget.setTabOrder(a, b)

    def _header(self, row: ProjectRow, position) -> QVBoxLayout:
        box = QVBoxLayout()
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("projectTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        top.addWidget(self.title, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusBadge")
        top.addWidget(self.status_label, 0, Qt.AlignTop)
        box.addLayout(top)
        info = QHBoxLayout()
        self.info = QLabel()
        self.info.setObjectName("projectInfo")
        self.info.setWordWrap(True)
        info.addWidget(self.info, 1)
        self.position_label = QLabel(strings.ENTRY_PROJECT_OF.format(n=position[0], total=position[1]))
        info.addWidget(self.position_label)
        for text, step, tip in ((strings.PREV_PROJECT, -1, "Ctrl+PgUp"), (strings.NEXT_PROJECT, 1, "Ctrl+PgDn")):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.NoFocus)  # keep Tab moving through the fields only
            button.setToolTip(strings.TIP_STEP.format(what=text.strip("◀▶ "), key=tip))
            button.clicked.connect(lambda _=False, s=step: self.advance_project.emit(s))
            info.addWidget(button)
        box.addLayout(info)
        self.reason_label = QLabel()  # why 滞后 at 75 % against 75 % (status.reason)
        self.reason_label.setObjectName("statusReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet(f"color: {palette.TEXT[status.RED]};")
        box.addWidget(self.reason_label)
        self._update_header(row)
        return box

    def _update_header(self, row: ProjectRow) -> None:
        p = row.project
        name = p.get("name") or ""
        self.title.setText(
            strings.ENTRY_TITLE.format(seq=p["seq"], name=name + "：" if name else "", content=p.get("content") or "")
        )
        units = "、".join(row.lead_units) or strings.NOT_FILLED
        self.info.setText(
            strings.ENTRY_INFO.format(category=row.category or "—", units=units, level=row.task_level_label)
        )
        a = row.assessment
        self.status_label.setText(
            strings.ENTRY_STATUS.format(status=status_text(a), completion=percent(a.completion if a else None))
        )
        self.status_label.setStyleSheet(f"color: {FOREGROUND[a.level]};" if a else "")
        why = status.reason(a, [(i.indicator["name"], i.assessment) for i in row.indicators]) if a else None
        self.reason_label.setText(why or "")
        self.reason_label.setVisible(bool(why))

    def _indicator_box(self, row: ProjectRow) -> QGroupBox:
        group = QGroupBox(strings.ENTRY_GRID_TITLE.format(period=_period_label(self.period)))
        self.grid_box = group
        grid = QGridLayout(group)
        grid.setHorizontalSpacing(14)
        for col, text in enumerate(strings.ENTRY_HEADERS):
            head = QLabel(text)
            head.setObjectName("gridHeader")
            grid.addWidget(head, 0, col)
        if not row.indicators:
            grid.addWidget(QLabel(strings.ENTRY_NO_INDICATORS), 1, 0, 1, len(strings.ENTRY_HEADERS))
        r = 1
        for ind in row.indicators:
            self._indicator_row(grid, r, ind, len(row.indicators) > 1)
            r += 2
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnMinimumWidth(3, 220)
        return group

    def _indicator_row(self, grid: QGridLayout, r: int, ind: IndicatorRow, several: bool) -> None:
        spec = ind.indicator
        iid = spec["id"]
        name = QLabel(spec["name"])
        name.setWordWrap(True)
        grid.addWidget(name, r, 0)
        # a township's share, or 未分解 when the district did not split it (breakdown.shown_target)
        grid.addWidget(
            QLabel(shown_target(self.store, spec) if self.store is not None else describe_target(spec)), r, 1
        )
        labels = dict(previous=QLabel(), completion=QLabel(), expected=QLabel(), status=QLabel())
        grid.addWidget(labels["previous"], r, 2)
        grid.addWidget(labels["completion"], r, 4)
        grid.addWidget(labels["expected"], r, 5)
        grid.addWidget(labels["status"], r, 6)
        message = FieldMessage()
        grid.addWidget(message, r + 1, 0, 1, len(strings.ENTRY_HEADERS))
        what = f"（{spec['name']}）" if several else ""
        if spec["kind"] == "qualitative" or spec.get("target") is None:
            cell = QWidget()
            line = QHBoxLayout(cell)
            line.setContentsMargins(0, 0, 0, 0)
            edit = self._line(
                ("text", iid),
                ind.actual_text or "",
                message,
                strings.ENTRY_QUALITATIVE.format(what=what),
                placeholder=strings.ENTRY_QUALITATIVE_HINT,
            )
            done = EntryCheck(strings.ENTRY_DONE)
            done.setChecked(ind.done)
            done.advance.connect(lambda d=done: self._focus_next(d))
            done.setToolTip(strings.TIP_DONE_BOX)
            done.toggled.connect(lambda checked, k=("done", iid): self._commit(k))
            self._fields[("done", iid)] = (done, message, ind.done, strings.ENTRY_QUALITATIVE.format(what=what))
            self.editors.append(done)
            line.addWidget(edit, 1)
            line.addWidget(done)
            grid.addWidget(cell, r, 3)
        else:
            edit = self._line(
                ("actual", iid),
                format_number(ind.actual),
                message,
                strings.ENTRY_ACTUAL.format(what=what),
                placeholder=strings.ENTRY_ACTUAL_HINT,
            )
            edit.setMaximumWidth(160)
            cell = QWidget()
            line = QHBoxLayout(cell)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(edit)
            line.addWidget(QLabel(spec.get("unit") or ""))
            line.addStretch(1)
            grid.addWidget(cell, r, 3)
        self._labels[iid] = labels
        self._update_indicator_labels(ind)

    def _update_indicator_labels(self, ind: IndicatorRow) -> None:
        labels = self._labels.get(ind.indicator["id"])
        if not labels:
            return
        a = ind.assessment
        labels["previous"].setText(format_number(ind.previous) or "—")
        labels["completion"].setText(percent(a.completion))
        labels["expected"].setText(percent(status.judged_expected(a)))
        labels["status"].setText(status_text(a))
        labels["status"].setStyleSheet(f"color: {FOREGROUND[a.level]}; font-weight: bold;")

    def _narrative_box(self, row: ProjectRow) -> QGroupBox:
        group = QGroupBox(strings.ENTRY_NARRATIVE)
        grid = QGridLayout(group)
        for r, (field, label) in enumerate(progress.REPORT_TEXT_FIELDS.items()):
            grid.addWidget(QLabel(label), 2 * r, 0, Qt.AlignTop)
            message = FieldMessage()
            edit = NoteEdit()
            edit.setText(row.report.get(field) or "")
            edit.setPlaceholderText(strings.ENTRY_NOTE_HINT.format(label=label))
            edit.setAccessibleName(label)
            key = ("report", field)
            edit.finished.connect(lambda k=key: self._commit(k))
            edit.advance.connect(lambda e=edit: self._focus_next(e))
            self._fields[key] = (edit, message, edit.text(), label)
            self.editors.append(edit)
            grid.addWidget(edit, 2 * r, 1)
            grid.addWidget(message, 2 * r + 1, 1)
        return group

    def _funds_box(self, row: ProjectRow) -> QGroupBox:
        group = QGroupBox(strings.ENTRY_FUNDS)
        grid = QGridLayout(group)
        for c, (field, label) in enumerate(progress.FUNDS_FIELDS.items()):
            message = FieldMessage()
            grid.addWidget(QLabel(label), 0, 2 * c)
            edit = self._line(
                ("report", field),
                format_number(row.report.get(field)),
                message,
                label,
                placeholder=strings.ENTRY_FUNDS_HINT,
            )
            edit.setMaximumWidth(200)
            grid.addWidget(edit, 0, 2 * c + 1)
            grid.addWidget(message, 1, 2 * c, 1, 2)
        grid.setColumnStretch(6, 1)
        return group

    def _line(self, key, text, message, label, placeholder="") -> EntryLine:
        edit = EntryLine()
        edit.setText(text)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(label)
        edit.editingFinished.connect(lambda k=key: self._commit(k))
        edit.advance.connect(lambda e=edit: self._focus_next(e))
        edit.revert.connect(lambda e=edit: self.revert(e))
        self._fields[key] = (edit, message, text, label)
        self.editors.append(edit)
        return edit

    # -- editing ------------------------------------------------------------------------------
    def _focus_next(self, editor) -> None:
        if editor not in self.editors:
            return
        key = next((k for k, v in self._fields.items() if v[0] is editor and k[0] != "done"), None)
        if key is not None:
            if not isinstance(editor, NoteEdit):  # a note saved itself just before asking to move on
                self._just_tried = None
                self._commit(key)  # save before moving: a refused value keeps the clerk here
                self._just_tried = (key, editor.text())  # leaving the field must not try (or ask) again
            if self._fields[key][1].text():  # refused, or not saved to a submitted period
                if isinstance(editor, EntryLine):
                    editor.selectAll()
                return
        n = self.editors.index(editor)
        if n + 1 < len(self.editors):
            nxt = self.editors[n + 1]
            nxt.setFocus(Qt.TabFocusReason)
            if isinstance(nxt, EntryLine):
                nxt.selectAll()
        else:
            self.advance_project.emit(1)

    def _commit(self, key) -> None:
        entry = self._fields.get(key)
        if entry is None or self.store is None or self.row is None:
            return
        editor, message, shown, label = entry
        just_tried, self._just_tried = self._just_tried, None
        if just_tried == (key, editor.text()):
            return
        if key[0] == "done":
            value = editor.isChecked()
            if value == shown:
                return
        else:
            value = editor.text()
            if value == shown:
                message.clear_message()
                mark_invalid(editor, False)
                return
        if not self.confirm_edit(self.period):
            message.show_message(strings.ENTRY_NOT_SAVED_SUBMITTED)
            if key[0] == "done":  # a box cannot hold a pending value: show what is stored
                editor.blockSignals(True)
                editor.setChecked(shown)
                editor.blockSignals(False)
            return
        cmd = self._command(key, value, label)
        try:
            pushed = push(self.stack, cmd)
        except MsdeskError as exc:
            message.show_message(exc.message)
            mark_invalid(editor, True)
            return
        message.clear_message()
        mark_invalid(editor, False)
        if not pushed and key[0] != "done":
            self._fields[key] = (editor, message, value, label)  # e.g. '5' for 5.0: keep as typed
        self.saved.emit()

    def _command(self, key, value, label):
        seq = self.row.project["seq"]
        text = strings.EDIT_LABEL.format(seq=seq, what=label)
        kind, ref = key
        if kind == "actual":
            return edits.SetActual(self.store, ref, self.period, value, text)
        if kind == "text":
            return edits.SetQualitative(self.store, ref, self.period, text, actual_text=value)
        if kind == "done":
            return edits.SetQualitative(self.store, ref, self.period, text, done=value)
        return edits.SetReportField(self.store, self.row.id, self.period, ref, value, text)

    def _sync(self, key, stored_text: str) -> None:
        """Show a stored value unless the clerk has refused text pending in that field."""
        entry = self._fields.get(key)
        if entry is None:
            return
        editor, message, shown, label = entry
        pending = editor.text() != shown
        if not pending or stored_text != shown:
            if editor.text() != stored_text:
                editor.setText(stored_text)
            message.clear_message()
            mark_invalid(editor, False)
        self._fields[key] = (editor, message, stored_text, label)

    # for tests and the main window
    def editor(self, kind: str, ref: str):
        entry = self._fields.get((kind, ref))
        return entry[0] if entry else None

    def message(self, kind: str, ref: str) -> str:
        entry = self._fields.get((kind, ref))
        return entry[1].text() if entry else ""


def _period_label(code) -> str:
    from msdesk.periods import parse_period

    try:
        return parse_period(code).label
    except MsdeskError:
        return str(code or "")
