"""What the first window does not show is built when first needed (issue 17: start-up).

At start the window shows the welcome page (or the list, once a file is open); the workbench with
its 计划/报告期 boxes, filters and list is built when a file opens, and the 季度填报, 项目信息,
进展概览 and 目标分解 tabs (with their modules) when first shown or first asked for. Any code
that reads one of these attributes builds it (__getattr__ runs only for a missing attribute), so
nothing can see a half-built window; code that merely keeps a page up to date asks `_built(name)`
and leaves an unbuilt page alone: a page is brought up to date when it is built.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from .tabs import TAB_BREAKDOWN, TAB_DETAIL, TAB_ENTRY, TAB_OVERVIEW

# attributes that MainWindow._build_workbench creates (tests/test_gui_lazy_pages.py keeps the list true)
WORKBENCH = frozenset(
    {
        "_holders",
        "count_label",
        "expected_label",
        "filter_bar",
        "filter_boxes",
        "first_step_buttons",
        "first_step_row",
        "model",
        "no_plan",
        "period_box",
        "plan_box",
        "reason_label",
        "resubmit_label",
        "search",
        "table",
        "tabs",
    }
)
PAGE_TABS = {"entry": TAB_ENTRY, "detail": TAB_DETAIL, "overview": TAB_OVERVIEW, "breakdown": TAB_BREAKDOWN}


class LazyPages:
    """A part of MainWindow (ui/main_window.py): builds the workbench and the tab pages on demand."""

    def __getattr__(self, name: str):
        if name in WORKBENCH and "tabs" not in self.__dict__:
            self._workbench()
            return self.__dict__[name]
        if name in PAGE_TABS:
            return self._page(name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _built(self, name: str):
        """The page if it has been built, else None (keep-up-to-date code skips it)."""
        return self.__dict__.get(name)

    def _workbench(self) -> None:
        if "tabs" not in self.__dict__:
            self.pages.addWidget(self._build_workbench())

    def _page_holders(self) -> dict[int, QWidget]:
        """Empty tab pages that receive the real page when it is built (no tab is moved)."""
        holders = {}
        for tab in sorted(PAGE_TABS.values()):
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            holders[tab] = holder
        return holders

    def _page(self, name: str):
        page = self.__dict__.get(name)
        if page is not None:
            return page
        self._workbench()
        page = getattr(self, f"_make_{name}")()
        setattr(self, name, page)
        holder = self._holders[PAGE_TABS[name]]
        holder.layout().addWidget(page)
        if holder.isVisible():  # its tab is shown: laid out now, as a page built at start would be,
            page.show()  # before any row is sized to its contents
            holder.layout().activate()
        self._page_built(name)
        return page

    def _build_page_shown(self, tab: int) -> None:
        for name, page_tab in PAGE_TABS.items():
            if page_tab == tab:
                self._page(name)

    # -- each page: made, wired to the window, then brought up to date ---------------------
    def _make_entry(self):
        from ..quarter_entry import QuarterEntry

        entry = QuarterEntry()
        entry.advance_project.connect(self.step_project)
        entry.confirm_edit = self._confirm_edit_submitted
        entry.setEnabled(self._entry_enabled)
        if self.store is not None:
            entry.set_context(self.store, self.undo_stack, self.period)
        return entry

    def _make_detail(self):
        from ..project_detail import ProjectDetail

        detail = ProjectDetail()
        if self.store is not None:
            detail.set_context(self.store, self.undo_stack)
        return detail

    def _make_overview(self):
        from ..overview_page import OverviewPage

        overview = OverviewPage()
        overview.open_project.connect(lambda pid: self.open_project(pid, TAB_ENTRY))
        return overview

    def _make_breakdown(self):
        from ..breakdown_page import BreakdownPage

        return BreakdownPage(self)  # 目标分解: useful above all to a district or city office; reads when shown

    def _page_built(self, name: str) -> None:
        if self.store is None or self.current_project_id is None:
            return
        if name == "entry":
            self._show_project_in_entry(self.current_project_id)
        elif name == "detail":
            self.detail.show_project(self.current_project_id)

    def _set_entry_enabled(self, on: bool) -> None:
        """No typing against the previous period's figures while a big file is re-read."""
        self._entry_enabled = on
        if (entry := self._built("entry")) is not None:
            entry.setEnabled(on)
