"""The project list: a lean QAbstractTableModel over overview.project_rows (Vorta style).

Rows are plain ProjectRow objects; display values are computed on demand and
cached per row, and filtering/sorting work on index lists in Python, so
20,000 projects stay fast. Filtering and sorting are done here rather than in
a QSortFilterProxyModel because a Python filterAcceptsRow per row per
keystroke is too slow at that size.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from msdesk import status
from msdesk.formatting import percent
from msdesk.overview import ProjectRow, deciding_indicator
from msdesk.plans import TASK_LEVELS

from . import strings
from .status_style import BACKGROUND, FOREGROUND, dot_icon, status_text

COL_CATEGORY, COL_SEQ, COL_NAME, COL_LEAD, COL_LEVEL, COL_COMPLETION, COL_STATUS = range(7)
SORT_ROLE = Qt.UserRole  # raw comparable value of a cell
ROW_ROLE = Qt.UserRole + 1  # the ProjectRow behind a row
# data() runs for every visible cell and role on each repaint: compare plain ints, since looking up
# a shortcut like Qt.DisplayRole costs PySide6 some microseconds each time (a frame's worth per repaint)
_R = Qt.ItemDataRole
DISPLAY, TOOLTIP, FOREGROUND_ROLE, BACKGROUND_ROLE, DECORATION, FONT = (
    int(_R.DisplayRole),
    int(_R.ToolTipRole),
    int(_R.ForegroundRole),
    int(_R.BackgroundRole),
    int(_R.DecorationRole),
    int(_R.FontRole),
)
_SORT, _ROW = int(SORT_ROLE), int(ROW_ROLE)
_HORIZONTAL = Qt.Orientation.Horizontal
FOUND_KEPT = 8  # searches remembered, so that deleting a typed character costs no new pass


def name_text(project: dict) -> str:
    content = " ".join((project.get("content") or "").split())
    name = (project.get("name") or "").strip()
    return f"{name}：{content}" if name and content else (name or content)


class ProjectTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ProjectRow] = []
        self._index: dict[str, int] = {}
        self._order: list[int] = []  # all rows in the current sort order
        self._matched: list[int] = []  # rows passing the filter, in sort order
        self._visible: list[int] = []  # the same, a typed 序号 first: what the view shows
        self._seqs: list[str] = []
        self._base: list[int] = []  # rows passing the filter boxes (not the search), in sort order
        self._found: dict[str, list[int]] = {}  # typed words -> rows of _base matching them
        self._cells: dict[int, tuple] = {}
        self._keys: list[str] = []  # per row: its search key (search_key), made when rows arrive
        self._options: dict | None = None
        self._filters = dict(category=None, lead=None, status=None, level=None, text="")
        self._sort = (COL_SEQ, Qt.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    # -- loading --------------------------------------------------------------------
    def set_rows(self, rows: list[ProjectRow]) -> None:
        """Bulk load: one model reset. Rows of another 报告期 over the same plan read (the session
        shares the projects' texts between periods) keep their search keys, 序号, filter options
        and, unless sorted by a figure, their order: only the figures are new."""
        self.beginResetModel()
        rows = list(rows)
        same = _same_projects(self._rows, rows)
        self._rows = rows
        if not same:
            self._index = {r.project["id"]: i for i, r in enumerate(rows)}
            self._seqs = [_bare_seq(r) for r in rows]
            self._keys = [search_key(r) for r in rows]
            self._options = None
        self._cells.clear()
        if not same or self._sort[0] in (COL_COMPLETION, COL_STATUS):
            self._order = self._sorted(range(len(rows)))
        self._apply_filters(self._order)
        self.endResetModel()

    def update_rows(self, rows: list[ProjectRow]) -> None:
        """New figures for a few projects (one edit): targeted dataChanged, nothing else."""
        for new in rows:
            i = self._index.get(new.id)
            if i is None:
                continue
            self._rows[i] = new
            self._seqs[i] = _bare_seq(new)
            self._cells.pop(i, None)
            self._keys[i] = search_key(new)
            self._options = None
            self._found.clear()  # its new text may match other searches: the next one looks again
            try:
                n = self._visible.index(i)
            except ValueError:
                continue
            self.dataChanged.emit(self.index(n, 0), self.index(n, COL_STATUS))

    def refresh_rows(self, rows: list[ProjectRow]) -> None:
        """After an edit: same projects, new figures -> dataChanged only, keeping the view's
        selection and the rows shown (a fixed project does not vanish under the cursor)."""
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.set_rows(rows)
            return
        changed = [i for i, (a, b) in enumerate(zip(self._rows, rows)) if _signature(a) != _signature(b)]
        self._rows = list(rows)
        self._index = {r.id: i for i, r in enumerate(self._rows)}
        self._seqs = [_bare_seq(r) for r in self._rows]
        if not changed:
            return
        for i in changed:
            self._cells.pop(i, None)
        self._keys = [search_key(r) for r in self._rows]
        self._options = None
        self._found.clear()
        if self._visible:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible) - 1, COL_STATUS))

    # -- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(strings.COLUMNS)

    def headerData(self, section, orientation, role=DISPLAY):
        if orientation == _HORIZONTAL and role == DISPLAY:
            return strings.COLUMNS[section]
        return None

    @staticmethod
    def _status_tip(row: ProjectRow) -> str:
        a = row.assessment
        if a.status == status.ONGOING:
            return strings.STATUS_TIP_ONGOING.format(completion=percent(a.completion))
        tip = strings.STATUS_TIP.format(completion=percent(a.completion), expected=percent(a.expected))
        worst = deciding_indicator(row)
        if worst is not None:
            tip += strings.STATUS_DECIDED_BY.format(
                name=worst.indicator["name"],
                status=status_text(worst.assessment),
                completion=percent(worst.assessment.completion),
            )
        return tip

    def data(self, index: QModelIndex, role=DISPLAY):
        if not index.isValid():
            return None
        i = self._visible[index.row()]
        col = index.column()
        if role == DISPLAY:
            return self._cell(i)[col]
        row = self._rows[i]
        a = row.assessment
        if role == _ROW:
            return row
        if role == _SORT:
            return self._sort_key(row, col)
        if role == TOOLTIP:
            if col == COL_NAME:
                return row.project.get("content") or ""
            if col == COL_STATUS and a:
                return self._status_tip(row)
            return None
        if col != COL_STATUS or a is None:
            return None
        if role == FOREGROUND_ROLE:
            return QBrush(QColor(FOREGROUND[a.level]))
        if role == BACKGROUND_ROLE and BACKGROUND[a.level]:
            return QBrush(QColor(BACKGROUND[a.level]))
        if role == DECORATION:
            return dot_icon(a.level)
        if role == FONT and a.status == status.LAGGING:
            return self._bold
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order = self._sorted(range(len(self._rows)))
        keep = set(self._matched)
        self._matched = [i for i in self._order if i in keep]
        self._visible = self._seq_first(self._matched)
        keep = set(self._base)
        self._base = [i for i in self._order if i in keep]
        self._found.clear()  # in the old order
        self.layoutChanged.emit()

    # -- filters ---------------------------------------------------------------------
    def set_filter(self, **changes) -> None:
        """category / lead / status / level (None = all) and text (incremental search)."""
        self._filters.update(changes)
        self.beginResetModel()
        if set(changes) == {"text"}:
            self._search()  # a keystroke: the filter boxes' rows are still those of _base
        else:
            self._apply_filters(self._order)
        self.endResetModel()

    def _apply_filters(self, base: list[int]) -> None:
        """One pass per active filter over index lists: no Python call per row (20,000 rows)."""
        f, rows = self._filters, self._rows
        idx = list(base)
        if f["category"] is not None:
            idx = [i for i in idx if rows[i].category == f["category"]]
        if f["lead"] is not None:
            idx = [i for i in idx if f["lead"] in rows[i].lead_units]
        if f["status"] is not None:
            idx = [i for i in idx if rows[i].assessment is not None and rows[i].assessment.status == f["status"]]
        if f["level"] is not None:
            idx = [i for i in idx if rows[i].project["task_level"] == f["level"]]
        self._base = idx
        self._found = {}
        self._search()

    def _search(self) -> None:
        """The rows of _base whose search key holds every typed word. Typing on narrows what the
        last search found (a row matching "第12" is among those matching "第1"); a search made
        before (deleting a character) is taken as it was."""
        typed = " ".join(search_words(self._filters["text"]))
        found = self._found.get(typed)
        if found is None:
            start, words = self._base, search_words(typed)
            earlier = [t for t in self._found if t and typed.startswith(t)]
            if earlier:
                start = self._found[max(earlier, key=len)]
            keys = self._keys
            for word in words:
                start = [i for i in start if word in keys[i]]
            found = start
            if len(self._found) >= FOUND_KEPT:
                del self._found[next(iter(self._found))]  # the oldest
            self._found[typed] = found
        self._matched = found
        self._visible = self._seq_first(found)

    def _seq_first(self, matched: list[int]) -> list[int]:
        """Typing a 序号 ("7") puts that project first, so Enter opens it."""
        text = self._filters["text"].strip()
        # `in` on the list is a loop in C: most typed texts are no 序号 and cost no Python loop
        if not text or len(text) > 8 or text not in self._seqs:
            return matched
        exact = [i for i in matched if self._seqs[i] == text]
        if not exact:
            return matched
        first = set(exact)
        return exact + [i for i in matched if i not in first]

    def filters(self) -> dict:
        return dict(self._filters)

    def options(self) -> dict[str, list]:
        """Values offered by the filter boxes, in a clerk's order."""
        if self._options is None:
            self._options = self._make_options()
        return {k: list(v) for k, v in self._options.items()}

    def _make_options(self) -> dict[str, list]:
        cats = sorted({(r.category_position, r.category) for r in self._rows})
        leads = sorted({u for r in self._rows for u in r.lead_units})
        levels = [k for k in TASK_LEVELS if any(r.project["task_level"] == k for r in self._rows)]
        return dict(
            category=[c for _, c in cats if c],
            lead=leads,
            status=list(status.STATUSES),
            level=[(k, TASK_LEVELS[k]) for k in levels],
        )

    def row(self, visible_row: int) -> ProjectRow:
        return self._rows[self._visible[visible_row]]

    def visible_ids(self) -> list[str]:
        return [self._rows[i].id for i in self._visible]

    def row_of(self, project_id: str) -> int:
        i = self._index.get(project_id)
        if i is None or self._rows[i].id != project_id:
            return -1
        try:
            return self._visible.index(i)  # a C loop over ints: 20,000 rows in a fraction of a ms
        except ValueError:
            return -1

    def project(self, project_id: str | None) -> ProjectRow | None:
        """The row of that project, shown or not (None when the list has none)."""
        i = self._index.get(project_id) if project_id else None
        return self._rows[i] if i is not None else None

    def total(self) -> int:
        return len(self._rows)

    # -- internals ---------------------------------------------------------------------
    def _cell(self, i: int) -> tuple:
        cell = self._cells.get(i)
        if cell is None:
            r = self._rows[i]
            a = r.assessment
            cell = (
                r.category,
                r.project["seq"],
                name_text(r.project),
                "、".join(r.lead_units),
                r.task_level_label,
                percent(a.completion if a else None),
                status_text(a),
            )
            self._cells[i] = cell
        return cell

    def _sorted(self, indices) -> list[int]:
        column, order = self._sort
        return sorted(indices, key=lambda i: self._sort_key(self._rows[i], column), reverse=order == Qt.DescendingOrder)

    def _sort_key(self, row: ProjectRow, col: int):
        a = row.assessment
        pos = row.project["position"]
        if col == COL_CATEGORY:
            return (row.category_position, pos)
        if col == COL_NAME:
            return (name_text(row.project), pos)
        if col == COL_LEAD:
            return ("、".join(row.lead_units), pos)
        if col == COL_LEVEL:
            return (row.task_level_label, pos)
        if col == COL_COMPLETION:
            return (-1.0 if a is None or a.completion is None else a.completion, pos)
        if col == COL_STATUS:
            return (status.severity(a) if a else (-1, -1), pos)
        return (pos,)


def _same_projects(old: list[ProjectRow], new: list[ProjectRow]) -> bool:
    """The same projects, in the same order, with the very same texts (another 报告期 read)."""
    return len(old) == len(new) and all(
        a.project is b.project
        and a.lead_units is b.lead_units
        and a.partner_units is b.partner_units
        and a.category == b.category
        and a.category_position == b.category_position
        for a, b in zip(old, new)
    )


def _bare_seq(row: ProjectRow) -> str:
    return str(row.project["seq"]).strip().strip("（）()、. ")


def search_key(row: ProjectRow) -> str:
    """What the search box looks in: 序号, name, content, category and units, lower-cased once."""
    p = row.project
    return " ".join(
        filter(None, (p["seq"], p.get("name"), p.get("content"), row.category, *row.lead_units, *row.partner_units))
    ).lower()


def search_words(text: str) -> list[str]:
    """The typed words; a row is shown when its key contains every one."""
    return text.lower().split()


def _signature(row: ProjectRow):
    a = row.assessment
    p = row.project
    return (
        p.get("updated_at"),
        p["seq"],
        p.get("name"),
        p.get("content"),
        p["task_level"],
        tuple(row.lead_units),
        row.category,
        a and (a.status, a.level, a.completion),
    )
