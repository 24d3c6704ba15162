"""Moving between projects and tabs, adding and deleting projects and plans, and never losing
a value typed into 季度填报 / 项目信息 on the way."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from msdesk.errors import MsdeskError

from .. import strings
from ..deletion import confirm as confirm_delete
from ..undo import push
from .tabs import TAB_DETAIL, TAB_ENTRY, TAB_LIST, TAB_OVERVIEW


class Projects:
    """A part of MainWindow (ui/main_window.py); uses its widgets and session."""

    def open_project(self, project_id: str, tab: int = TAB_ENTRY) -> None:
        if project_id != self.current_project_id and not self.may_leave_editors():
            self._select_in_table(self.current_project_id)
            return
        self.current_project_id = project_id
        row = self.model.row_of(project_id)
        if row >= 0:
            self.table.selectRow(row)
        self._show_project_in_entry(project_id)
        if (detail := self._built("detail")) is not None:
            detail.show_project(project_id)
        self.tabs.setCurrentIndex(tab)  # builds the tab's page if it is new, showing this project
        target = self.entry.first_editor() if tab == TAB_ENTRY else self.detail.editor("seq")
        if target is not None:
            target.setFocus(Qt.TabFocusReason)
            if hasattr(target, "selectAll"):
                target.selectAll()

    def _show_project_in_entry(self, project_id: str) -> None:
        if self._built("entry") is None:
            return  # shows the current project when it is built
        row = self.model.project(project_id)
        n = self.model.row_of(project_id)
        self.entry.show_project(row, (n + 1 if n >= 0 else 0, self.model.rowCount()))

    def step_project(self, step: int) -> None:
        ids = self.model.visible_ids()
        if not ids:
            return
        if self.current_project_id in ids:
            n = ids.index(self.current_project_id) + step
        else:
            n = 0
        if 0 <= n < len(ids):
            tab = self.tabs.currentIndex()
            self.open_project(ids[n], tab if tab in (TAB_ENTRY, TAB_DETAIL) else TAB_ENTRY)
        else:
            self.statusBar().showMessage(strings.LAST_PROJECT if step > 0 else strings.FIRST_PROJECT, 4000)

    def _open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_project(self.model.row(index.row()).id)

    def _show_tab(self, tab: int) -> None:
        if self.current_project_id is None:
            self._open_selected()
        self.tabs.setCurrentIndex(tab)

    def _tab_changed(self, tab: int) -> None:
        self._build_page_shown(tab)
        self.flush()
        self.filter_bar.setVisible(tab == TAB_LIST)  # filters act on the list only
        if tab in (TAB_ENTRY, TAB_DETAIL):
            self._follow_list_selection()
        if tab == TAB_OVERVIEW and self.store is not None:
            self.overview.show_rows(self.rows, self.period)
        elif tab == TAB_DETAIL:
            self.detail.show_project(self.current_project_id)

    def _follow_list_selection(self) -> None:
        """Clicking the 季度填报 / 项目信息 tab shows the project selected in the list, as Enter does."""
        index = self.table.currentIndex()
        if not index.isValid() or self.store is None:
            return
        project_id = self.model.row(index.row()).id
        if project_id != self.current_project_id:
            self.current_project_id = project_id
            self._show_project_in_entry(project_id)

    def add_project(self, content: str | None = None) -> None:
        if self.store is None or self.plan_id is None:
            self.show_error(strings.NO_PLAN)
            return
        if content is None:
            content, ok = QInputDialog.getMultiLineText(self, strings.NEW_PROJECT_TITLE, strings.NEW_PROJECT_PROMPT)
            if not ok or not content.strip():
                return
        from msdesk import edits, plans

        category = self.filter_boxes["category"].currentData()
        cat_id = next((c["id"] for c in plans.categories(self.store, self.plan_id) if c["name"] == category), None)
        cmd = edits.add_project(self.store, self.plan_id, content.strip(), cat_id, strings.ADD_PROJECT_LABEL)
        if self._push(cmd):
            self.open_project(cmd.row_id, TAB_DETAIL)

    def delete_project(self) -> None:
        project_id = self.current_project_id if self.tabs.currentIndex() != TAB_LIST else None
        index = self.table.currentIndex()
        if project_id is None and index.isValid():
            project_id = self.model.row(index.row()).id
        if self.store is None or project_id is None:
            return
        from msdesk import edits

        p = self.store.get("projects", project_id)
        cmd = edits.Delete(self.store, "project", project_id, strings.DELETE_PROJECT_LABEL.format(seq=p["seq"]))
        if confirm_delete(self, cmd):
            self._push(cmd)

    def new_plan(self, year: int | None = None, title: str | None = None, source_plan_id: str | None = None) -> None:
        """新建计划 (ui/new_plan_dialog.py): an empty plan is one undoable edit; a plan copied from an
        earlier one (plans.copy_plan, without figures) ends the undo history, as an import does."""
        if self.store is None:
            return
        from msdesk import plans

        if year is None:
            from ..new_plan_dialog import NewPlanDialog

            earlier = plans.plans(self.store)
            dialog = NewPlanDialog(earlier, datetime.now().year, self)
            dialog.accepted.connect(lambda: self._make_plan(dialog.choice()))
            self.new_plan_dialog = dialog
            dialog.open()
            return
        from ..new_plan_dialog import NewPlan

        self._make_plan(NewPlan(year, title or strings.NEW_PLAN_DEFAULT.format(year=year), source_plan_id))

    def _make_plan(self, choice) -> None:
        from msdesk import edits, plans

        if self.store is None or not self.may_leave_editors():
            return
        if choice.source_plan_id is None:
            cmd = edits.add_plan(self.store, choice.year, choice.title, f"{strings.NEW_PLAN_TITLE}“{choice.title}”")
            if self._push(cmd):
                self.plan_id = cmd.row_id
                self.period = self.session.default_period()
                self.reload()
            return
        try:
            plan_id = plans.copy_plan(self.store, choice.source_plan_id, choice.year, choice.title)
            with self.store.transaction():
                self.store.set_setting("current_plan_id", plan_id)
        except MsdeskError as exc:
            self.show_error(exc.message)
            return
        self.session.file_rewritten(plan_id=plan_id)  # shows the new plan at its default 报告期
        self._notice(strings.PLAN_COPIED.format(title=choice.title))

    def _push(self, cmd) -> bool:
        try:
            return push(self.undo_stack, cmd)
        except MsdeskError as exc:
            self.show_error(exc.message)
            return False

    def flush(self) -> None:
        """Save the field being typed in before anything switches context."""
        if self.store is not None:
            for name in ("entry", "detail"):
                if (pane := self._built(name)) is not None:
                    pane.flush()

    def may_leave_editors(self) -> bool:
        """Before 季度填报 or 项目信息 shows another project, period or file: a refused value
        is corrected or given up by the clerk, never dropped silently."""
        self.flush()
        if self.store is None:
            return True
        held, pane, tab = None, None, TAB_ENTRY
        for name, page_tab in (("entry", TAB_ENTRY), ("detail", TAB_DETAIL)):
            candidate = self._built(name)  # a page never built holds nothing
            if candidate is not None and (held := candidate.refused()) is not None:
                pane, tab = candidate, page_tab
                break
        if held is None:
            return True
        editor, label, typed, reason = held
        box = QMessageBox(
            QMessageBox.Warning,
            strings.HELD_VALUE_TITLE,
            strings.HELD_VALUE_TEXT.format(label=label, typed=typed or strings.EMPTY_VALUE, reason=reason),
            parent=self,
        )
        back = box.addButton(strings.HELD_VALUE_BACK, QMessageBox.RejectRole)
        drop = box.addButton(strings.HELD_VALUE_DROP, QMessageBox.DestructiveRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        if box.clickedButton() is drop:
            pane.revert(editor)
            return True
        self.tabs.setCurrentIndex(tab)
        self.activateWindow()  # some window managers leave the focus with nobody after a box
        editor.setFocus(Qt.OtherFocusReason)
        editor.selectAll()
        return False

    def _confirm_edit_submitted(self, period: str) -> bool:
        """Ask before changing figures of a period already sent upward (ui/package/submitted.py owns the wording)."""
        from ..package.submitted import (
            confirm_edit_submitted,  # imported when used; a failure shows, never skips the question
        )

        return confirm_edit_submitted(self, self.store, period)
