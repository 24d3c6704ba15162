"""Long tables that page well in reportlab.

reportlab re-measures and re-styles every remaining row each time a table is
split across a page, which makes a 5,000-project table quadratic, and it pushes
a tall row whole to the next page (leaving half a page empty). Here each row is
measured once, each page gets a small table of just the rows that fit (plus the
repeated header), and a tall row is split at the page end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, LongTable, TableStyle
from reportlab.platypus.doctemplate import NotAtTopPageBreak
from reportlab.platypus.tables import CellStyle

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFDocument
    from reportlab.pdfgen.canvas import Canvas

    # The private parts of reportlab this module builds on, which types-reportlab does not describe.
    def _is_line(cmd: Sequence[object]) -> bool: ...

    class CanvasInternals(Canvas):
        _fontname: str
        _fontsize: float
        _leading: float
        _doc: PDFDocument
        _code: list[str]
        _escape: Callable[[str | bytes], str]

        def _startPage(self) -> None: ...

    class _LongTable(LongTable):
        canv: CanvasInternals
        _width: float
        _height: float
        _rowHeights: list[float]
        _cellStyles: list[list[CellStyle]]
        _cellvalues: list[list[object]]
        _curcellstyle: CellStyle | None

        def _calc(self, availWidth: float, availHeight: float) -> None: ...
        def _splitRows(self, availHeight: float, doInRowSplit: bool = False) -> list[Flowable]: ...
        def _drawCell(
            self, cellval: object, cellstyle: CellStyle, pos: tuple[float, float], size: tuple[float, float]
        ) -> None: ...
else:
    from reportlab.platypus.tables import _isLineCommand as _is_line

    _LongTable = LongTable

# A table command: ("SPAN" | "LINEABOVE" | "FONT"…, (col, row), (col, row), *arguments)
Command: TypeAlias = tuple[Any, ...]

LINE = 0.6
PADDING = dict(left=2.5, right=2.5, top=2, bottom=3)


class Grid(_LongTable):
    """A table that fills each page: a tall row is split at the page end rather than pushed
    whole to the next page (which leaves half a page empty), and a continuation never starts
    in a sliver at the bottom of a page (which would print the header twice on one page)."""

    MIN_PART = 36  # points: smallest top part of a split row, and smallest useful leftover

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # LongTable's own arguments
        kwargs.setdefault("splitInRow", self.MIN_PART)
        super().__init__(*args, **kwargs)

    _wrapped: tuple[float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # a page's piece is measured when split off and again by the frame, with the same
        # space: the second time the row heights are already known
        if self._wrapped != (availWidth, availHeight):
            super().wrap(availWidth, availHeight)
            self._wrapped = (availWidth, availHeight)
        return self._width, self._height

    def _drawCell(
        self, cellval: object, cellstyle: CellStyle, pos: tuple[float, float], size: tuple[float, float]
    ) -> None:
        """reportlab's cell drawing, with the commonest cases made cheap: a blank cell draws
        nothing (reportlab wrote an empty text object); a one-line string in a TrueType face is
        written as the same text operators reportlab's canvas.drawString writes, without a text
        object per cell (half the time of a long table); a cell of one paragraph is placed as
        reportlab places a list of flowables, without the list machinery."""
        if cellval is None or cellval == "":
            return
        if (
            cellstyle.valign != "TOP"
            or cellstyle.href
            or cellstyle.destination
            or cellstyle.direction
            or cellstyle.shaping
            or cellstyle.alignment not in _JUSTIFIED
            or not self.canv.bottomup
        ):
            return super()._drawCell(cellval, cellstyle, pos, size)
        if type(cellval) is str:
            if "\n" in cellval:
                return super()._drawCell(cellval, cellstyle, pos, size)
            self._use_style(cellstyle)
            self._draw_line(cellval, cellstyle, pos, size)
        elif isinstance(cellval, (tuple, list)) and len(cellval) == 1 and isinstance(cellval[0], Flowable):
            self._use_style(cellstyle)
            self._draw_flowable(cellval[0], cellstyle, pos, size)
        else:
            return super()._drawCell(cellval, cellstyle, pos, size)

    def _use_style(self, cellstyle: CellStyle) -> None:
        """The fill colour and font reportlab's _drawCell sets when the cell style changes."""
        if self._curcellstyle is not cellstyle:
            canv, cur = self.canv, self._curcellstyle
            if cur is None or cellstyle.color != cur.color:
                canv.setFillColor(cellstyle.color)  # type: ignore[arg-type]  # CellStyle.color's stub admits int, a colour never is
            if (
                cur is None
                or cellstyle.leading != cur.leading
                or cellstyle.fontname != cur.fontname
                or cellstyle.fontsize != cur.fontsize
            ):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle

    def _draw_line(self, text: str, cellstyle: CellStyle, pos: tuple[float, float], size: tuple[float, float]) -> None:
        canv = self.canv
        # the text's operators and width depend only on the text, face, size and leading: a
        # long table repeats the same units, figures and dates thousands of times
        known = canv.__dict__.setdefault("_msdesk_text_ops", {})
        key = (canv._fontname, canv._fontsize, canv._leading, text)
        found = known.get(key)
        if found is None:
            font = getFont(canv._fontname)
            if not isinstance(font, TTFont):  # TrueType is reportlab's one _dynamicFont
                return super()._drawCell(text, cellstyle, pos, size)  # the style is already set
            found = known[key] = (_text_ops(canv, font, text), font.stringWidth(text, canv._fontsize))
        ops, width = found
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        just = cellstyle.alignment
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        elif just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding - width
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5 - 0.5 * width
        y = rowpos + rowheight - cellstyle.topPadding - cellstyle.fontsize
        canv._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {ops} ET")

    def _draw_flowable(
        self, flowable: Flowable, cellstyle: CellStyle, pos: tuple[float, float], size: tuple[float, float]
    ) -> None:
        """Where reportlab's _drawCell puts a cell's only flowable at the top (the same arithmetic)."""
        (colpos, rowpos), (colwidth, rowheight) = pos, size
        avail = colwidth - cellstyle.leftPadding - cellstyle.rightPadding
        if avail < 0:  # reportlab's error or warning
            return super()._drawCell((flowable,), cellstyle, pos, size)
        width, height = flowable.wrapOn(self.canv, avail, rowheight - cellstyle.topPadding - cellstyle.bottomPadding)
        y = rowpos + rowheight - cellstyle.topPadding
        y += flowable.getSpaceBefore()
        just = cellstyle.alignment
        if just == "LEFT":
            x = colpos + cellstyle.leftPadding
        elif just == "RIGHT":
            x = colpos + colwidth - cellstyle.rightPadding - width
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - width) / 2.0
        y -= flowable.getSpaceBefore()
        y -= height
        flowable.drawOn(self.canv, x, y)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        head = sum(self._rowHeights[: self.repeatRows])
        if availHeight < head + self.MIN_PART:
            return []
        parts = self._splitRows(availHeight, doInRowSplit=False)
        if parts:
            used = parts[0].wrap(availWidth, availHeight)[1]
            if availHeight - used <= 2 * self.MIN_PART:
                return parts
        return self._splitRows(availHeight, doInRowSplit=True) or parts


_JUSTIFIED = frozenset({"LEFT", "RIGHT", "CENTRE", "CENTER"})


def _text_ops(canv: CanvasInternals, font: TTFont, text: str) -> str:
    """The operators reportlab's drawString writes for one line after placing it (Tm): each run
    of characters in one font subset selected and shown, then the line ended (T*)."""
    doc, escape = canv._doc, canv._escape
    select = f"{fp_str(canv._fontsize)} Tf {fp_str(canv._leading)} TL"
    ops = []
    current = -1
    for subset, chunk in font.splitString(text, doc):
        if subset != current:
            ops.append(f"{font.getSubsetInternalName(subset, doc)} {select}")
            current = subset
        ops.append(f"({escape(chunk)}) Tj")
    ops[-1] += " T*"
    return " ".join(ops)


class GridSpec:
    """Everything about one logical table that its page-sized pieces share."""

    def __init__(
        self,
        head: list[list[Any]],
        cmds: list[Command],
        widths: list[float],
        open_cols: list[bool],
        body: list[list[Any]],
        continues: list[bool],
        leading: float,
    ):
        self.head, self.cmds, self.widths, self.leading = head, cmds, widths, leading
        self.open_cols, self.body, self.continues = open_cols, body, continues
        self.nh = len(head)
        self.heights: list[float | None] = [None] * len(body)
        self.head_height: float | None = None
        self.trailer = 0.0  # height of what must follow the last row on its page (the sign-off block)
        # Fonts, alignment and padding are the same on every body row: worked out once here and
        # shared by all rows of every page, instead of reportlab applying each command to each
        # cell of each page's table (a third of the layout time). Lines and spans stay per table.
        per_cell = [c for c in cmds if c[0] != "SPAN" and not _is_line(c)]
        self.table_cmds = [c for c in cmds if c[0] == "SPAN" or _is_line(c)]
        probe = _LongTable(head + [[""] * len(widths)], colWidths=widths, style=TableStyle(per_cell))
        self.head_styles, self.body_styles = probe._cellStyles[: self.nh], probe._cellStyles[self.nh]

    def row_height(self, cells: Sequence[Any]) -> float:
        """The row's height as reportlab's Table computes it (given to it as the row height)."""
        tallest = 0.0
        for cell, width in zip(cells, self.widths):
            inner = width - PADDING["left"] - PADDING["right"]
            if isinstance(cell, Flowable):
                cell = [cell]
            if isinstance(cell, (list, tuple)):
                tallest = max(tallest, sum(f.wrap(inner, 1e6)[1] for f in cell))
            else:  # reportlab gives a blank cell one line too
                tallest = max(tallest, self.leading * (str(cell or "").count("\n") + 1))
        return tallest + (PADDING["bottom"] + PADDING["top"])  # added as reportlab adds them

    def height(self, i: int) -> float:
        height = self.heights[i]
        if height is None:
            height = self.heights[i] = self.row_height(self.body[i])
        return height

    def header_height(self) -> float:
        """The header's real height, measured by reportlab (row spans make a sum of rows wrong)."""
        if self.head_height is None:
            probe = Grid(
                self.head + self.body[:1], colWidths=self.widths, repeatRows=self.nh, style=TableStyle(self.cmds)
            )
            probe.wrap(sum(self.widths), 1e6)
            self.head_height = sum(probe._rowHeights[: self.nh])
        return self.head_height

    def table(self, carry: list[list[Any]], start: int, stop: int) -> Grid:
        """A real table: the header, rows carried over from the previous page, rows start..stop."""
        rows = carry + self.body[start:stop]
        flags = [False] * len(carry) + self.continues[start:stop]
        cmds = self.table_cmds + row_lines(self.open_cols, flags, self.nh)
        return Grid(
            self.head + rows,
            colWidths=self.widths,
            repeatRows=self.nh,
            style=TableStyle(cmds),
            cellStyles=self.head_styles + [self.body_styles] * len(rows),
            # the rows' heights as measured once by the planner, which are reportlab's own
            # (tests/test_export_pdf_pages.py): it skips measuring every cell of every page
            # again; the header and a row carried over from a split are measured by reportlab
            rowHeights=[None] * (self.nh + len(carry)) + [self.height(i) for i in range(start, stop)],
        )


class PagedGrid(Flowable):
    """One long table laid out a page at a time.

    reportlab re-measures and re-styles every remaining row each time a table is split
    across a page, which makes a 5,000-project table quadratic. Here each row is measured
    once; each page gets a small table of just the rows that fit (plus the header), and
    the rest is passed on as a light reference into the same row list."""

    def __init__(self, spec: GridSpec, start: int, carry: list[list[Any]]):
        super().__init__()
        self.spec, self.start, self.carry = spec, start, carry
        self._whole: Grid | None = None

    def _fitting(self, avail: float) -> tuple[int, float]:
        """Index of the first row that does not fit in avail (len(body) if all do), and the height used."""
        spec = self.spec
        used = spec.header_height() + sum(spec.row_height(c) for c in self.carry)
        i = self.start
        while i < len(spec.body) and used + spec.height(i) <= avail:
            used += spec.height(i)
            i += 1
        return i, used

    def _trailer_pushed(self, stop: int, availWidth: float, availHeight: float) -> bool:
        """All rows fit but the sign-off below them would not: the last row goes to the next
        page with it, so the sign-off never stands alone on a page without the table."""
        if not self.spec.trailer or stop < len(self.spec.body) or not (stop - 1 > self.start or self.carry):
            return False
        whole = self.spec.table(self.carry, self.start, stop)
        return whole.wrap(availWidth, availHeight)[1] + self.spec.trailer > availHeight  # measured, not estimated

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        stop, used = self._fitting(availHeight)
        if stop < len(self.spec.body) or self._trailer_pushed(stop, availWidth, availHeight):
            self._whole = None
            return availWidth, max(used, availHeight) + 1  # does not fit: the frame will split us
        self._whole = self.spec.table(self.carry, self.start, stop)
        return self._whole.wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        spec = self.spec
        stop, used = self._fitting(availHeight)
        if self._trailer_pushed(stop, availWidth, availHeight):
            piece = spec.table(self.carry, self.start, stop - 1)
            if piece.wrap(availWidth, availHeight)[1] <= availHeight:
                return [piece, NotAtTopPageBreak(), PagedGrid(spec, stop - 1, [])]
        if (stop > self.start or self.carry) and availHeight - used <= 2 * Grid.MIN_PART:
            # The page ends near a row boundary: cut there without reportlab's split (which
            # builds three tables to do it), once the piece is measured to really fit.
            piece = spec.table(self.carry, self.start, stop)
            if piece.wrap(availWidth, availHeight)[1] <= availHeight:
                return [piece, NotAtTopPageBreak(), PagedGrid(spec, stop, [])]
        while True:
            stop = min(stop + 1, len(spec.body))  # include the row that straddles the page end
            parts = spec.table(self.carry, self.start, stop).split(availWidth, availHeight)
            if len(parts) != 1 or stop == len(spec.body):
                break
            # all of it fitted after all (the estimate was tall): try with one row more
        if not parts:
            return []  # not even one row here: the frame moves us to the next page
        carry = [list(r) for r in _grid(parts[1])._cellvalues[spec.nh :]] if len(parts) == 2 else []
        if stop == len(spec.body) and not carry:
            return parts[:1]
        return [parts[0], NotAtTopPageBreak(), PagedGrid(spec, stop, carry)]  # the rest starts a page, never mid-page

    def draw(self) -> None:
        if self._whole is None:  # the frame draws only what wrap said fits, which sets _whole
            raise RuntimeError("PagedGrid drawn without fitting")
        self._whole.drawOn(self.canv, 0, 0)


def _grid(part: Flowable) -> Grid:
    """The second piece of a Grid's split (reportlab makes it of the same class)."""
    if not isinstance(part, Grid):
        raise TypeError(type(part).__name__)
    return part


def row_lines(open_flags: list[bool], continues: list[bool], nh: int) -> list[Command]:
    """Rule above each row, except over a project's own columns on its continuation rows."""
    open_cols = [i for i, flag in enumerate(open_flags) if flag]
    cmds: list[Command] = []
    for n, cont in enumerate(continues):
        r = nh + n
        if not (cont and open_cols):
            cmds.append(("LINEABOVE", (0, r), (-1, r), LINE, colors.black))
            continue
        start = 0
        for c in open_cols + [len(open_flags)]:
            if c > start:
                cmds.append(("LINEABOVE", (start, r), (c - 1, r), LINE, colors.black))
            start = c + 1
    return cmds
