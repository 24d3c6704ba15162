"""The official tables as one PDF (reportlab platypus), each table starting on a new page.

A4 landscape; Chinese wrapped inside cells (CJK word wrap); the column header
repeated on every page; a tall row (a long 进展情况) splits across pages
instead of being cut; fonts embedded; title in a heavier face, body in Song or
FangSong, black rules only (GB/T 9704 spirit). Pages are numbered per table:
第 x 页 共 y 页.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.abag import ABag
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus import paragraph as _rl_para
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from .fonts import BODY_FONT, TITLE_FONT, body_covers, register_fonts, with_fallback
from .paging import LINE, PADDING, Command, Grid, GridSpec, PagedGrid
from .tables import Column, ExportData, Num, Row, Value, cell_align
from .tables import Table as DataTable

if TYPE_CHECKING:  # the canvas internals _Repeated and _NumberedCanvas use (see msdesk.export.paging)
    from .paging import CanvasInternals as _CanvasBase
else:
    _CanvasBase = rl_canvas.Canvas

PAGE = landscape(A4)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14 * mm, 14 * mm, 16 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN_X
_ALIGN: dict[str, Literal[0, 1, 2]] = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


class _Section(Flowable):
    """Zero-size marker: pages from here on belong to this table (for 第 x 页 共 y 页)."""

    canv: _NumberedCanvas

    def __init__(self, key: str):
        super().__init__()
        self.key = key

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.section = self.key


class _Reached(Flowable):
    """Zero-size marker that calls back when layout gets this far (for the progress bar)."""

    def __init__(self, callback: Callable[[], None]):
        super().__init__()
        self.callback = callback

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.callback()


class _NumberedCanvas(_CanvasBase):
    """Holds pages back until the end so each can say how many pages its table has."""

    def __init__(self, *args: Any, footer_note: str | None = None, **kwargs: Any) -> None:  # Canvas's own arguments
        # initialFontName: otherwise every page names Helvetica, a font we do not embed
        kwargs.update(initialFontName=BODY_FONT, initialFontSize=9)
        super().__init__(*args, **kwargs)
        self.section: str | None = None
        self.footer_note = footer_note
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        held, self._held = self._held, []
        totals = Counter(state["section"] for state in held)
        seen: Counter[str | None] = Counter()
        for state in held:
            self.__dict__.update(state)
            seen[self.section] += 1
            self._footer(seen[self.section], totals[self.section])
            super().showPage()
        super().save()

    def _footer(self, page: int, total: int) -> None:
        # two lines, so a long note (office name + fingerprint) never runs into the page number
        self.setFont(BODY_FONT, 9)
        self.drawCentredString(PAGE[0] / 2, MARGIN_BOTTOM / 2 + 4, f"第 {page} 页 共 {total} 页")
        if self.footer_note:
            self.setFont(BODY_FONT, 8)
            self.drawCentredString(PAGE[0] / 2, MARGIN_BOTTOM / 2 - 7, self.footer_note)


# -- Chinese line breaking (避头尾) ---------------------------------------------
# reportlab's CJK wrap lets "，；：？！”）》" start a line (its list is Japanese) and hangs the
# few it knows ("。、") past the right edge, into the cell border. Here a line never starts
# with closing punctuation nor ends with an opening one: the character before moves down too.
NO_LINE_START = frozenset(_rl_textsplit.ALL_CANNOT_START) | frozenset("，。、；：！？）》〉】」』〕”’…%％·")
NO_LINE_END = frozenset(_rl_textsplit.ALL_CANNOT_END) | frozenset("（《〈【「『〔“‘")
_KINSOKU_REACH = 3  # characters a break may move back; beyond that the line breaks as it falls


def _in_word(c: str) -> bool:
    """Part of a number or Latin word (kept on one line where possible)."""
    return bool(c) and ord(c[:1]) < 0x3000 and not c.isspace()


def _line_ranges(
    chars: Sequence[str],
    widths: Sequence[float],
    max_widths: float | list[float] | tuple[float, ...],
    hard: Container[int] = (),
) -> list[tuple[int, int]]:
    """(start, stop) of each line: as many characters as fit, a number or Latin word kept whole
    where a space or a Chinese character before it allows, a line ended after each index in
    hard (a <br/>), and the 避头尾 rules above (no hanging)."""
    if not isinstance(max_widths, (list, tuple)):
        max_widths = [max_widths]
    out: list[tuple[int, int]] = []
    n = len(chars)
    used: float
    i = used = start = 0
    limit = max_widths[0]
    while i < n:
        c = chars[i]
        used += widths[i]
        i += 1
        if i - 1 in hard:
            brk = i
        elif used > limit + _rl_para._FUZZ and used > 0:  # type: ignore[attr-defined]  # reportlab.platypus.paragraph internals, not in types-reportlab
            brk = i - 1  # the character that overflowed starts the next line
            if ord(c[:1] or "\0") < 0x3000:  # inside a number or Latin word: break before it
                for j in range(i - 2, (start + i) >> 1, -1):
                    cj = chars[j]
                    if cj and _rl_para.category(cj) == "Zs" or ord(cj[:1] or "\0") >= 0x3000:  # type: ignore[attr-defined]  # reportlab.platypus.paragraph internals, not in types-reportlab
                        brk = j + 1
                        break
            brk = max(brk, start + 1)
            k = brk
            while (
                k < n
                and k > start + 1
                and brk - k < _KINSOKU_REACH
                and (chars[k] in NO_LINE_START or chars[k - 1] in NO_LINE_END)
            ):
                k -= 1
            if k >= n or not (chars[k] in NO_LINE_START or chars[k - 1] in NO_LINE_END):
                w = k  # moved back into a number such as 4.5%: break before the whole number
                while w > start + 1 and k < n and _in_word(chars[w]) and _in_word(chars[w - 1]):
                    w -= 1
                brk = w if w > start + 1 or not (_in_word(chars[w]) and _in_word(chars[w - 1])) else k
        else:
            continue
        out.append((start, brk))
        limit = max_widths[min(len(out), len(max_widths) - 1)]
        start, used, i = brk, 0, brk
    if start < n or not out:
        out.append((start, n))
    return out


_WIDTHS: dict[tuple[object, float], dict[str, float]] = {}


def _char_widths(text: str, font_name: str, size: float) -> list[float]:
    """Each character's advance, as reportlab's getCharWidths gives it, remembered per face and size
    (a long export measures the same few thousand characters hundreds of thousands of times)."""
    key = (getFont(font_name), size)  # the face object, so a face registered again starts afresh
    table = _WIDTHS.get(key)
    if table is None:
        table = _WIDTHS[key] = {}
    out: list[float] = []
    for ch in text:
        width = table.get(ch)
        if width is None:
            width = table[ch] = stringWidth(ch, font_name, size)
        out.append(width)
    return out


def _word_split(
    word: str | bytes,
    maxWidths: float | list[float] | tuple[float, ...],
    fontName: str,
    fontSize: float,
    encoding: str = "utf8",
) -> list[list[float | str]]:
    """reportlab's textsplit.wordSplit (a one-font paragraph) with Chinese line breaking."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    widths = _char_widths(text, fontName, fontSize)
    ranges = _line_ranges(text, widths, maxWidths)
    widths_list = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
    lines: list[list[float | str]] = []
    for k, (a, b) in enumerate(ranges):
        limit = widths_list[min(k, len(widths_list) - 1)]
        line = text[a:b] if k == len(ranges) - 1 else text[a:b].strip()
        lines.append([limit - sum(widths[a:b]), line])
    return lines


def _cjk_frag_split(frags: list[ParaFrag], maxWidths: list[float], calcBounds: bool, encoding: str = "utf8") -> ABag:
    """reportlab's cjkFragSplit (a paragraph with fallback-font runs or line breaks) with Chinese
    line breaking; the lines are built run by run rather than character by character."""
    if any(hasattr(f, "cbDefn") for f in frags):  # inline images: not in our tables
        return _rl_cjk_frag_split(frags, maxWidths, calcBounds, encoding)
    chars: list[str] = []
    widths: list[float] = []
    owner: list[int] = []  # which fragment each character comes from
    for n, f in enumerate(frags):
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        if text:
            chars.extend(text)
            widths.extend(_char_widths(text, f.fontName, f.fontSize))
            owner.extend([n] * len(text))
        else:  # a <br/> (reportlab keeps it as one empty character)
            chars.append(text)
            widths.append(stringWidth(text, f.fontName, f.fontSize))
            owner.append(n)
    hard = {k for k, n in enumerate(owner) if hasattr(frags[n], "lineBreak")}
    lines: list[ABag] = []
    for k, (a, b) in enumerate(_line_ranges(chars, widths, maxWidths, hard)):
        limit = maxWidths[min(k, len(maxWidths) - 1)]
        used = sum(widths[a:b])
        lines.append(_cjk_line(frags, chars, owner, a, b, limit, used, b - 1 in hard))
    return _rl_para.ParaLines(kind=1, lines=lines)


def _cjk_line(
    frags: list[ParaFrag],
    chars: list[str],
    owner: list[int],
    a: int,
    b: int,
    limit: float,
    used: float,
    line_break: bool,
) -> ABag:
    """What reportlab's makeCJKParaLine makes of chars[a:b]: runs of like fragments joined."""
    words: list[ABag] = []
    pending: list[str] = []
    current: ABag = _rl_para.FragLine()
    size = ascent = descent = 0
    i = a
    while i < b:
        n, j = owner[i], i
        while j < b and owner[j] == n:
            j += 1
        f = frags[n]
        up, down = _rl_para.getAscentDescent(f.fontName, f.fontSize)  # type: ignore[attr-defined]  # reportlab.platypus.paragraph internals, not in types-reportlab
        size, ascent, descent = max(size, f.fontSize), max(ascent, up), min(descent, down)
        if not _rl_para.sameFrag(current, f):  # type: ignore[attr-defined]  # reportlab.platypus.paragraph internals, not in types-reportlab
            current = current.clone()
            current.text = "".join(pending)
            words.append(current)
            pending, current = [], f
        pending.extend(chars[i:j])
        i = j
    if pending:
        current = current.clone()
        current.text = "".join(pending)
        words.append(current)
    return _rl_para.FragLine(
        kind=1,
        extraSpace=limit - used,
        wordCount=1,
        words=words[1:],
        fontSize=size,
        ascent=ascent,
        descent=descent,
        maxWidth=limit,
        currentWidth=used,
        lineBreak=line_break,
    )


_rl_cjk_frag_split: Callable[..., ABag] = _rl_para.cjkFragSplit  # type: ignore[attr-defined]  # reportlab.platypus.paragraph internals, not in types-reportlab
# Paragraph.breakLinesCJK looks both up in its module at call time
_rl_para.wordSplit, _rl_para.cjkFragSplit = _word_split, _cjk_frag_split  # type: ignore[attr-defined]  # reportlab.platypus.paragraph internals, not in types-reportlab


class _Styles:
    def __init__(self) -> None:
        self.title = ParagraphStyle(
            "title", fontName=TITLE_FONT, fontSize=18, leading=26, alignment=TA_CENTER, wordWrap="CJK", spaceAfter=4
        )
        self.note = ParagraphStyle("note", fontName=BODY_FONT, fontSize=10.5, leading=15, wordWrap="CJK")
        self.note_right = ParagraphStyle("note_r", parent=self.note, alignment=TA_RIGHT)
        self._cells: dict[tuple[float, str, bool], ParagraphStyle] = {}

    def cell(self, size: float, align: str, header: bool = False) -> ParagraphStyle:
        key = (size, align, header)
        if key not in self._cells:
            self._cells[key] = ParagraphStyle(
                f"cell{len(self._cells)}",
                fontName=TITLE_FONT if header else BODY_FONT,
                fontSize=size,
                leading=size * 1.3,
                alignment=TA_CENTER if header else _ALIGN[align],
                wordWrap="CJK",
            )
        return self._cells[key]


class _Para(Paragraph):
    """A paragraph that remembers its last wrap: a table cell is measured by the row
    planner, by the table and again when drawn, always at the same width."""

    _wrapped_at: float | None = None
    canv: _CanvasBase
    blPara: Any  # reportlab's line-broken paragraph (an ABag), set by wrap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # the table computes a cell's width from summed column positions, a hair off the
        # row planner's: an exact comparison missed and broke the lines again (most cells twice)
        if self._wrapped_at is None or abs(self._wrapped_at - availWidth) > 1e-6 or "blPara" not in self.__dict__:
            self._size = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self._size

    def beginText(self, x: float, y: float) -> Any:
        tx = self._text_object = super().beginText(x, y)
        return tx

    def draw(self) -> None:
        ops = _plain_para_ops(self)
        if ops is None:
            super().draw()
            # reportlab's text object for lines of several runs holds a method bound to itself: a
            # reference cycle per paragraph, which kept each one's lines for the cycle collector
            tx = self.__dict__.pop("_text_object", None)
            if tx is not None:
                tx.__dict__.pop("_do_line", None)
            return
        # what reportlab's drawPara writes for it, inside the drawOn that restores the canvas state
        canv = self.canv
        canv._code.append("q")
        canv.setFillColor(self.blPara.textColor)
        canv._code.append(ops)
        canv._code.append("Q")


_LINE_SHIFT = {TA_LEFT: 0.0, TA_CENTER: 0.5, TA_RIGHT: 1.0}  # of a line's spare width, as reportlab places it


def _plain_para_ops(p: _Para) -> str | None:
    """The text object reportlab's drawPara makes for the commonest long cell: one TrueType face,
    lines that fit, no indent, bullet, border, link or underline; written here without a text
    object and a font lookup per line (the long paragraphs were a third of a large export).
    None for anything else, which reportlab draws. tests/test_export_pdf_pages.py checks the
    operators equal reportlab's."""
    style, bl = p.style, p.blPara
    if (
        bl.kind != 0
        or style.alignment not in _LINE_SHIFT
        or style.leftIndent
        or style.firstLineIndent
        or style.backColor
        or (style.borderColor and style.borderWidth)
        or style.wordWrap == "RTL"
        or getattr(p, "autoLeading", getattr(style, "autoLeading", ""))
        or p.bulletText
        or getattr(p, "_offsets", None)
        or bl.us_lines
        or bl.link
        or not p.canv.bottomup
    ):
        return None
    font = getFont(bl.fontName)
    if not getattr(font, "_dynamicFont", False) or any(line[0] <= -1e-8 for line in bl.lines):
        return None  # a line wider than the cell is spread by word spacing: reportlab's case
    canv = p.canv
    doc, escape = canv._doc, canv._escape
    height_offset = bl.fontSize if _rl_para.paraFontSizeHeightOffset else getattr(bl, "ascent", bl.fontSize)  # type: ignore[attr-defined]  # reportlab.platypus.paragraph internals, not in types-reportlab
    select = f"{fp_str(bl.fontSize)} Tf {fp_str(style.leading)} TL"
    shift = _LINE_SHIFT[style.alignment]
    code = ["BT", f"1 0 0 1 {fp_str(0, p.height - height_offset)} Tm"]
    current = -1  # the font subset selected, kept across lines as the text object keeps it
    for extra, words in bl.lines:
        move = shift * extra
        if move > 1e-6 or move < -1e-6:
            _move_x(code, move)
        pieces = []
        for subset, chunk in font.splitString(" ".join(words), doc):  # type: ignore[attr-defined]  # TTFont's, checked above
            if subset != current:
                pieces.append(f"{font.getSubsetInternalName(subset, doc)} {select}")  # type: ignore[attr-defined]  # TTFont's
                current = subset
            pieces.append(f"({escape(chunk)}) Tj")
        code.append(" ".join(pieces) + " T*")
        if move > 1e-6 or move < -1e-6:
            _move_x(code, -move)
    code.append("ET")
    return " ".join(code)


def _move_x(code: list[str], dx: float) -> None:
    """reportlab's PDFTextObject.moveCursor(dx, 0): a move right after a move is merged into it,
    through the printed figures as reportlab does (so the operators are the same to the digit)."""
    dy = 0.0
    if code and code[-1].endswith(" Td"):
        last = code.pop().split()
        dx += float(last[-3])
        dy -= float(last[-2])
    code.append(f"{fp_str(dx, -dy)} Td")


class _Repeated(_Para):
    """A short paragraph that recurs down a column (滞后 / （红灯）, a unit): one object for all
    its cells, line-broken once; its drawing operators, relative to the cell because drawOn
    translates first, are recorded at the first cell and written again at the others."""

    canv: _CanvasBase

    def draw(self) -> None:
        canv = self.canv
        ops = self.__dict__.setdefault("_ops", {})
        width = round(self.width, 6)
        if width not in ops:
            start = len(canv._code)
            super().draw()
            ops[width] = canv._code[start:]
        else:
            canv._code.extend(ops[width])


def repeated_para(text: str, style: ParagraphStyle) -> Paragraph:
    """para() for a short text, shared by every cell with the same text and style."""
    memo = style.__dict__.setdefault("_msdesk_repeated", {})
    if text not in memo:
        memo[text] = para(text, style, _Repeated)
    found: Paragraph = memo[text]
    return found


def para(text: str, style: ParagraphStyle, kind: type[_Para] = _Para) -> Paragraph:
    """User text as a paragraph: markup characters escaped, line breaks kept."""
    markup = escape(str(text)).replace("\n", "<br/>")
    if style.fontName == BODY_FONT and not body_covers(text):
        return kind(with_fallback(markup), style)
    return kind(markup, style, frags=plain_frags(markup, style))


def plain_frags(markup: str, style: ParagraphStyle) -> list[ParaFrag] | None:
    """The fragments reportlab's markup parser makes of plain text with line breaks, made
    directly (the parser is a tenth of a long export); None when the text needs the parser."""
    if "&" in markup or "<" in markup.replace("<br/>", ""):
        return None
    pieces = cleanBlockQuotedText(markup).split("<br/>")
    if any(not p or p != p.strip() or min(p) < " " for p in pieces):
        return None
    templates = style.__dict__.get("_msdesk_frags")
    if templates is None:  # what the parser makes of one text run and of a <br/>, in this style
        _style, parsed, _bullet = ParaParser().parse("x<br/>x", style)  # type: ignore[no-untyped-call]  # unannotated in types-reportlab
        if _style is not style or len(parsed) != 3:
            return None
        templates = style.__dict__["_msdesk_frags"] = parsed[0], parsed[1]
    text_frag, break_frag = templates
    frags: list[ParaFrag] = []
    for n, piece in enumerate(pieces):
        if n:
            frags.append(break_frag.clone(link=[], us_lines=[]))
        frags.append(text_frag.clone(text=piece, link=[], us_lines=[]))
    return frags


def cell_value(value: Value, style: ParagraphStyle, inner_width: float) -> str | list[Paragraph]:
    """A cell's content: a plain string when it fits on one line (drawn directly, much
    faster), else a list holding a wrapped paragraph (which can split across pages)."""
    if value is None or value == "":
        return ""
    text = cell_text(value)
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= inner_width and body_covers(text):
        return text
    if len(text) <= 12:
        if text.find("（") > 0:
            text = text.replace("（", "\n（", 1)  # 滞后（红灯） breaks before the bracket, not inside it
        return [repeated_para(text, style)]
    return [para(text, style)]


def _cell(
    value: Value, column: Column, style: ParagraphStyle, inner_width: float, st: _Styles, size: float
) -> str | list[Paragraph]:
    align = cell_align(column, value)
    if align != column.align:  # plain strings take the column's alignment; this one differs
        return [para(cell_text(value), st.cell(size, align))]
    return cell_value(value, style, inner_width)


def _column_cell(
    column: Column,
    style: ParagraphStyle,
    inner_width: float,
    st: _Styles,
    size: float,
    known: dict[tuple[type, Value], str | Paragraph],
    value: Value,
) -> str | list[Paragraph]:
    """_cell for one column, remembering what a value becomes when every cell with it can share
    it (a one-line string, a short repeated paragraph): a long table repeats units, figures,
    statuses and dates thousands of times, and formatting and measuring them was a tenth of it."""
    key = (type(value), value)  # 1 and 1.0 are equal but print differently
    found = known.get(key)
    if found is not None:
        return found if isinstance(found, str) else [found]
    cell = _cell(value, column, style, inner_width, st, size)
    if isinstance(cell, str):
        known[key] = cell
    elif len(cell) == 1 and isinstance(cell[0], _Repeated):
        known[key] = cell[0]  # each cell still gets its own list (reportlab splits cells' lists)
    return cell


def cell_text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Num):
        return value.text()
    return str(value)


def write_pdf(data: ExportData, path: Path, progress: Callable[[], None] | None = None) -> Path:
    register_fonts()
    st = _Styles()
    story: list[Flowable] = []
    for n, table in enumerate(data.tables):
        if n:
            story.append(PageBreak())
        story += _table_story(data, table, st)
        if progress:
            story.append(_Reached(progress))  # reported when the table is laid out, the slow part
    doc = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=" ".join(t.title for t in data.tables),
        author=data.office_name,
        creator="msdesk 民生实事台账",
    )
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer_note=data.footer_note))
    return path


def _table_story(data: ExportData, table: DataTable, st: _Styles) -> list[Flowable]:
    story: list[Flowable] = [_Section(table.key), para(table.title, st.title)]
    story += [para(line, st.note) for line in table.notes]
    head = Table(
        [[para(data.header_left, st.note), para(data.header_right, st.note_right)]], colWidths=[FRAME_WIDTH / 2] * 2
    )
    head.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(head)
    groups = list(_column_groups(table))
    for n, (columns, header, spans, rows) in enumerate(groups):
        if n:  # a table too wide for the page continues with the key columns repeated
            story.append(para(f"（续表 {n + 1}/{len(groups)}）", st.note))
        grid = _grid(table, columns, header, spans, rows, st)
        if isinstance(grid, PagedGrid) and n == len(groups) - 1:  # the sign-off stays with the last rows
            grid.spec.trailer = 3 * mm + para(data.signoff_text, st.note).wrap(FRAME_WIDTH, 1e6)[1] + 1
        story.append(grid)
        story.append(Spacer(1, 3 * mm))
    story.append(para(data.signoff_text, st.note))
    return story


def _column_groups(
    table: DataTable,
) -> Iterator[tuple[list[Column], list[list[str | None]], list[tuple[int, int, int, int]], list[Row]]]:
    """Split a table too wide for the page into groups that repeat the key columns (续表)."""
    cols = table.columns
    total = sum(c.width_mm for c in cols) * mm
    if total <= FRAME_WIDTH * 1.15 or len(table.header) != 1:  # up to 15 % narrower still reads well
        yield cols, table.header, table.spans, [r for r in table.rows]
        return
    keys = [i for i, c in enumerate(cols) if c.key]
    rest = [i for i, c in enumerate(cols) if not c.key]
    room = FRAME_WIDTH - sum(cols[i].width_mm for i in keys) * mm
    group: list[int] = []
    groups: list[list[int]] = []
    for i in rest:
        if group and sum(cols[j].width_mm for j in group + [i]) * mm > room:
            groups.append(group)
            group = []
        group.append(i)
    groups.append(group)
    for g in groups:
        idx = keys + g
        rows = [type(r)([r.cells[i] for i in idx], r.kind, r.continues) for r in table.rows]
        yield [cols[i] for i in idx], [[table.header[0][i] for i in idx]], [], rows


def _grid(
    table: DataTable,
    columns: list[Column],
    header: list[list[str | None]],
    spans: list[tuple[int, int, int, int]],
    rows: list[Row],
    st: _Styles,
) -> Grid | PagedGrid:
    size = table.font_size
    scale = min(1.0, FRAME_WIDTH / (sum(c.width_mm for c in columns) * mm))
    widths = [c.width_mm * mm * scale for c in columns]
    hstyle = st.cell(size, "center", header=True)
    head = [[para(label, hstyle) if label is not None else "" for label in hrow] for hrow in header]
    styles = [st.cell(size, c.align) for c in columns]
    nh = len(header)
    cmds: list[Command] = [
        ("FONTNAME", (0, 0), (-1, -1), BODY_FONT),  # empty cells too, or Helvetica gets named
        ("BOX", (0, 0), (-1, -1), LINE, colors.black),
        ("LINEAFTER", (0, 0), (-2, -1), LINE, colors.black),
        ("GRID", (0, 0), (-1, nh - 1), LINE, colors.black),
        ("VALIGN", (0, 0), (-1, nh - 1), "MIDDLE"),
        ("VALIGN", (0, nh), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING["left"]),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING["right"]),
        ("TOPPADDING", (0, 0), (-1, -1), PADDING["top"]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING["bottom"]),
    ]
    cmds += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in spans]
    if not rows:
        cells = head + [[para(table.empty_text or "（无符合条件的项目）", hstyle)] + [""] * (len(columns) - 1)]
        return Grid(cells, colWidths=widths, repeatRows=nh, style=TableStyle(cmds + [("SPAN", (0, nh), (-1, nh))]))
    inner = [w - PADDING["left"] - PADDING["right"] - 0.5 for w in widths]
    makers = [partial(_column_cell, col, s, w, st, size, {}) for col, s, w in zip(columns, styles, inner)]
    body = [[make(v) for make, v in zip(makers, row.cells)] for row in rows]
    align = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}
    cmds += [("FONTSIZE", (0, nh), (-1, -1), size), ("LEADING", (0, nh), (-1, -1), size * 1.3)]
    cmds += [("ALIGN", (c, nh), (c, -1), align[col.align]) for c, col in enumerate(columns)]
    spec = GridSpec(
        head, cmds, widths, [c.project_level for c in columns], body, [r.continues for r in rows], size * 1.3
    )
    return PagedGrid(spec, 0, [])
