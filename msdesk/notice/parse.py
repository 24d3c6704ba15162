"""Notice text → ParsedPlan.

Two passes. The first walks the lines once and cuts them into *occurrences*: a
category heading, an item (1. / （1） / (1) / （一）) with its text and its measures
(推进措施：1. 2. 3.), or a one-sentence list of 无任务 items (分别为：…，共 15 项). Lines
that a page break split are joined back. The second pass merges occurrences into
projects: an attachment that repeats an item (（一） = item 1, matched by number,
else by text) only adds its measures and task marker, so repeated sections never
create duplicates. Every line that is neither structure nor part of an item ends
up in unplaced_lines.

How the task marker of an attachment is merged with the main list: the more
specific marker wins, in the order 无任务 > 市级/省级任务 > 本级 (no marker). So
Lieshan item 37 (main list: lead unit 区农业农村水利局; 附件1: 属市级任务) becomes a
市级 task that keeps its lead unit, and items 39/40/43/48 (main: 属市级任务; 附件1:
烈山区无任务) become 无任务 with task_level_text 烈山区无任务. Each such decision is
written into the project's notes so the clerk sees it in the preview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TypeAlias

from ..errors import MsdeskError
from ..unit_names import split_units as _units
from . import deadlines, header, labels, tables
from .blocks import rejoin_cjk, units_text
from .indicators import extract, fallback_indicator, measure_rates
from .model import ParsedCategory, ParsedIndicator, ParsedMeasure, ParsedPlan, ParsedProject, ParsedRate
from .numbers import CN_NUMERAL, seq_number, to_int

EMPTY_TEXT = "通知内容为空：请粘贴通知全文，或选择 .txt / .docx / .pdf 文件。"

_CN = f"[{CN_NUMERAL}]"
PAREN_HEADING = re.compile(
    rf"^[（(]\s*({_CN}{{1,3}})\s*[）)]\s*([^，。；]{{1,30}}?)\s*[（(]\s*共?\s*(\d+|{_CN}{{1,3}})\s*项\s*[）)]\s*$"
)
HEADING = re.compile(
    rf"^({_CN}{{1,3}})\s*[、.．]\s*(.{{1,40}}?)\s*(?:[（(]\s*共?\s*(\d+|{_CN}{{1,3}})\s*项\s*[）)])?\s*$"
)
# 2.8月底前… is measure 2 with the text 8月底前…: a digit after the dot is a decimal unless a month follows
ITEM = re.compile(
    rf"^(?:(?P<p>[（(]\s*(?P<pn>\d{{1,3}}|{_CN}{{1,5}})\s*[）)])|(?P<d>(?P<dn>\d{{1,3}})\s*[.．、](?!\d(?!\d?\s*月)))"
    rf"|(?P<c>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))\s*(?P<rest>.*)$"
)
# （一）幼有善育 without a count: a category when items numbered 1. follow
PAREN_SHORT = re.compile(
    rf"^[（(]\s*({_CN}{{1,3}})\s*[）)]\s*([^，。；;：:,\d（）()]{{1,15}})(?:[（(]\s*共?\s*(\d+)\s*[项件个]\s*[）)])?$"
)
GLUED = re.compile(rf"[。；;]\s*(?P<at>(?:(?P<dn>\d{{1,2}})\s*[.．、](?!\d(?!\d?\s*月))|(?P<cn>{_CN}{{1,3}})\s*、))")
CN_ITEM = re.compile(rf"^(?P<cn>{_CN}{{1,3}})\s*[、.．]\s*(?P<rest>.+)$")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ITEM_SIGNS = re.compile(
    r"^(?:[（(]?\s*(?:牵头单位|牵头部门|责任单位|主责单位|主办单位)|推进措施|推进举措|工作措施|主要措施|"
    r"完成时限|时间节点|目标任务\s*[:：]|实施内容\s*[:：]|建设内容\s*[:：])"
)
ATTACH = re.compile(r"^附\s*件\s*([0-9０-９一二三四五六七八九十]{0,3})\s*([:：]?)\s*(.*)$")
MEASURE_HEAD = re.compile(
    r"^(推进措施|推进举措|工作措施|主要措施|具体措施|实施措施|保障措施|工作举措|主要举措)\s*(?:[:：]\s*(.*)|$)"
)
LIST_START = re.compile(r"^(分别为|分别是|具体为|具体是|包括|为)\s*[:：]\s*(.*)$")
TAIL_PAREN = re.compile(r"^[（(]\s*(牵头|责任单位|配合单位|协办单位|主责单位|属|[\u4e00-\u9fff]{0,8}无任务)")
LEAD = re.compile(
    r"[（(]\s*(?:牵头责任单位|牵头单位|牵头部门|责任单位|主责单位|主办单位|牵头)\s*[:：]\s*([^）)]*)(?:[）)]|$)"
)
_PARTNER = r"(?:协同配合责任单位|配合责任单位|协同配合单位|配合单位|协办单位|配合部门)"
MARKER = re.compile(r"[（(]\s*([^（）()]{0,12}?(?:[省市区县]级任务|无任务)(?:为[^（）()]{1,30})?)\s*[）)]")
OTHER_SECTION = re.compile(
    r"指导思想|总体要求|基本原则|保障措施|工作要求|组织领导|组织保障|工作步骤|时间安排|"
    r"进度安排|考核|附则|背景|目的|意义|工作机制"
)
MEASURE_SECTION = re.compile(r"实施内容|推进措施|推进举措|主要措施|具体措施|工作措施|实施路径|主要举措|工作举措")
BULLET = re.compile(r"^[-•·●▪]\s+")
# (1)…。(2)…。(3)… inside one paragraph (分别是：(1)…): each number starts a piece
INLINE_NUMBER = re.compile(r"(?:^|(?<=[。；;：:]))\s*(?=[（(]\s*(\d{1,2})\s*[）)])")
NUMBER_TOKEN = re.compile(
    rf"^(?:\d{{1,3}}\s*[.．、]|[（(]\s*(?:\d{{1,3}}|{_CN}{{1,5}})\s*[）)]|{_CN}{{1,3}}\s*[、.．])$"
)
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_\s]*\d{1,3}[-—–－_\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
BARE_UNITS = re.compile(r"^(牵头单位|牵头部门|责任单位|主责单位|配合单位|协办单位)\s*[:：]\s*(.+)$")
TERMINAL = ("。", "；", ";", "）", ")", "！", "？", "：", ":")  # not ”: a line may break right after a quotation
_NORM = re.compile(r"[\s，,。；;：:、“”\"'（）()《》【】\-—]")

Lines: TypeAlias = list[tuple[int, str]]  # (1-based line no, text)
Subtasks: TypeAlias = list[tuple[str, str | None]]  # (text, 完成时限) of an item's sub-task rows


@dataclass
class _Measure:
    """A measure of an occurrence while the lines are walked (its text grows as wrapped lines come)."""

    seq: str | None  # as written: "1"; None when unnumbered
    text: str
    numbered: bool  # written with a number of its own (not a line that only goes on)
    style: str | None  # how it was numbered: 'dot' | 'paren' | 'paren_cn' | 'circle'; None when unnumbered


@dataclass
class _Heading:
    """A category heading: 一、促进就业（3项）, （一）幼有善育, or a title with no number (seq '')."""

    seq: str
    name: str
    count: str | None = None  # the number of items it declares, as written: 3, 十二

    @classmethod
    def of(cls, m: re.Match[str]) -> _Heading:
        """From a match of HEADING, PAREN_HEADING or PAREN_SHORT (groups: seq, name, count)."""
        return cls(m.group(1), m.group(2), m.group(3))


def _heading(line: str) -> _Heading | None:
    h = HEADING.match(line) or PAREN_HEADING.match(line)
    return _Heading.of(h) if h else None


@dataclass
class _Occ:
    kind: str  # 'item' | 'list'
    seq: str
    number: int | None
    style: str | None
    line_no: int
    segment: int
    section: str  # 'project' | 'measures'
    category: int | None
    parts: list[str] = field(default_factory=list)
    measures: list[_Measure] = field(default_factory=list)
    measure_mode: bool = False
    lines: list[int] = field(default_factory=list)
    name: str | None = None  # from a 项目名称 column of a table
    deadline: str | None = None  # from a 完成时限 column
    subtasks: Subtasks = field(default_factory=list)  # (text, 完成时限) of sub-task rows
    notes: list[str] = field(default_factory=list)
    fields: dict[str, list[str]] = field(default_factory=dict)  # labelled lines: 责任单位：… 完成时限：…
    pending: str | None = None  # a label alone on its line: its value follows
    text_line: int | None = None  # the last line added to the text as plain text (not a label)
    label_line: int | None = None  # the last labelled line (责任单位：…) read for the item
    one_line: bool = False  # a bullet, or a piece of a (1)…(2)… paragraph: it ends with its line
    last_key: str | None = None  # the field of the last labelled line, which a wrapped line may go on

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def last_open(self) -> bool:
        """True when the last text written does not end a sentence (a page break cut it)."""
        last = self.measures[-1].text if self.measure_mode and self.measures else self.text
        return bool(last) and not last.rstrip().endswith(TERMINAL)

    def closed(self) -> bool:
        text = self.text
        return bool(
            LEAD.search(text) or MARKER.search(text) or labels.VERB_BRACKET.search(text)
        ) and text.rstrip().endswith(("）", ")"))


def _norm(text: str) -> str:
    return _NORM.sub("", text)


# text copied from Word, WPS or a web page: no-break and typographic spaces are plain spaces (a search for
# “0.67 万人” must find the project), zero-width characters and the BOM go
_INVISIBLE = {
    **{ord(c): " " for c in "\xa0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"},
    **{ord(c): None for c in "\ufeff\u200b\u200c\u200d\u2060"},
    # compatibility forms of punctuation (1﹒城镇新增就业…, A﹑B) read as their ordinary forms
    ord("\ufe52"): "．",
    ord("\ufe51"): "、",
}


def _lines(text: str) -> Lines:
    out = []
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.translate(_INVISIBLE).strip(" \t\u3000\r")
        if not PAGE_NUMBER.match(line):  # - 6 - is a page number, not a bullet
            line = re.sub(r"^[-•·●▪]\s+", "", line)
        if line:
            out.append((no, line))
    return out


class _Walker:
    """First pass: lines → categories and occurrences, plus the lines left over."""

    def __init__(self, plan: ParsedPlan):
        self.plan = plan
        self.occs: list[_Occ] = []
        self.cat_keys: dict[tuple[int | None, str], int] = {}  # (number, name normalised) → category index
        self.cat_lines: dict[int, int] = {}
        self.unplaced: list[tuple[int, str]] = []
        self.segment = 0
        self.category: int | None = None
        self.section = "project"
        self.style: str | None = None
        self.occ: _Occ | None = None
        self.attach_list = False
        self.expect_attach_title = False
        self.structure_seen = False
        self.table: dict[str, int] | None = None  # column key → position while inside a project table
        self.attach_titles: list[str] = []
        self.raw: dict[int, str] = {}
        self.row_notes: dict[int, str] = {}
        self.seq_lines: Lines = []
        self.all_lines: Lines = []  # every line of the text, for giving lines back to unplaced
        self.index = 0
        self.last_unplaced: tuple[int, str] | None = None
        self.tables_seen = 0
        self.groups: dict[int, list[int]] = {}
        self.first_listed = False
        self.table_count = 0  # rows read in the current table (numbers rows of a table with no 序号 column)
        self.table_width = 0  # cells in the table's header row
        self.texts: dict[int, str] = {}
        self.inline_cuts: dict[int, list[int]] = {}  # where to cut lines of a (1)…(2)…(3)… paragraph
        self.wrap_width: int | None = None  # the width a PDF's text layer broke every line at, if it did
        self.last_row: tuple[_Occ, list[str]] | None = None  # (occurrence, cells) of the last table row read as an item
        self.bullets: set[int] = set()  # lines that began with a bullet sign (- • ●), when there are several

    def walk(self, lines: Lines, skip: set[int], raw: dict[int, str], row_notes: dict[int, str] | None = None) -> None:
        self.raw = raw
        self.row_notes = row_notes or {}
        self.seq_lines = lines
        self.texts = dict(lines)
        self.inline_cuts = _inline_cuts(lines)
        self.wrap_width = _wrap_width(lines)
        bullets = {
            no
            for no, line in lines
            if BULLET.match(raw.get(no, "").strip()) and not PAGE_NUMBER.match(raw.get(no, "").strip())
        }
        self.bullets = bullets if len(bullets) >= 2 else set()
        for index, (no, line) in enumerate(lines):
            if no in skip:
                continue
            self.index = index
            self.line(no, line)
            if line is not None and self.unplaced and self.unplaced[-1][0] == no:
                self.last_unplaced = (no, line)
            elif self.occ is not None or self.table is not None:
                self.last_unplaced = None

    def _glued(self, line: str) -> list[str]:
        """Cut a line where the next measure or item number follows a sentence end, if the numbers run on."""
        occ = self.occ
        if occ is None or occ.kind != "item" or len(line) < 20:
            return [line]
        it = ITEM.match(line)
        measure = (
            int(it.group("dn"))
            if it and it.group("dn")
            else (self._last_measure_number(occ) if occ.measure_mode else 0)
        )
        item = occ.number or 0
        pieces, start = [], 0
        for m in GLUED.finditer(line):
            number = to_int(m.group("dn") or m.group("cn") or "")
            if number is None:  # not a number after all: equal to no measure or item
                continue
            if m.group("dn") and (occ.measure_mode or it) and number == measure + 1 and self.style != "dot":
                measure = number
            elif m.group("cn") and self.style == "cn" and number == item + 1:
                item, measure = number, 0
            else:
                continue
            pieces.append(line[start : m.start("at")])
            start = m.start("at")
        pieces.append(line[start:])
        return [p for p in pieces if p.strip()]

    def _cn_item_expected(self, cn: re.Match[str]) -> bool:
        """Not 三、四级… (a list of grades), nor a line that goes on from an unfinished sentence."""
        if re.match(rf"^{_CN}*级", cn.group("rest")):
            return False
        occ = self.occ
        if occ is not None and occ.last_open():
            return occ.style == "cn" and to_int(cn.group("cn")) == (occ.number or 0) + 1
        return True

    def _cn_item_ahead(self, line: str) -> bool:
        """一、… is an item (not a category heading) when it carries its own units, measures or deadline."""
        if LEAD.search(line) or BARE_UNITS.search(line) or deadlines.labelled(line):
            return True
        for _no, nxt in self.seq_lines[self.index + 1 : self.index + 10]:
            if ITEM_SIGNS.match(nxt):
                return True
            if ITEM.match(nxt) or CN_ITEM.match(nxt) or PAREN_HEADING.match(nxt) or ATTACH.match(nxt) or "\t" in nxt:
                return False
        return False

    def line(self, no: int, line: str) -> None:
        pieces = self._glued(line) if "\t" not in self.raw.get(no, line) else [line]
        inline = False
        cuts = self.inline_cuts.get(no)
        if cuts and len(pieces) == 1 and line == self.texts.get(no) and (self.occ is None or not self.occ.measure_mode):
            pieces = [p.strip() for p in (line[a:b] for a, b in zip([0] + cuts, cuts + [len(line)])) if p.strip()]
            inline = len(pieces) > 1
        if len(pieces) > 1:
            for piece in pieces:  # 2.…验收。3.落实…。六、实施…: measures and the next item glued on one line
                self.line(no, piece)
                if inline and self.occ is not None and self.occ.line_no == no:
                    self.occ.one_line = True
            return
        expecting_title, self.expect_attach_title = self.expect_attach_title, False
        raw = self.raw.get(no, line).strip(" \u3000\xa0\r\n")
        cells = [c.strip() for c in raw.split("\t") if c.strip()]
        if self.table is None and len(cells) == 2 and NUMBER_TOKEN.match(cells[0]):
            raw = line = cells[0] + cells[1]  # Word's list numbering: "1.<tab>text" is not a table
        if "\t" in raw.strip("\t") or raw.count("\t") >= 2:  # a table row, not an indented paragraph
            if not self.table_row(no):  # e.g. the 目标任务分解表: listed for the clerk, never read as items
                self.occ = None
                self.unplaced.append((no, line))
            return
        self.table = None
        if PAGE_NUMBER.match(line) and not self._number_goes_on(line):
            # "— 3 —" between pages: listed, and the item around it continues
            self.unplaced.append((no, line))
            return
        if self.labelled(no, line):
            return
        if self.bullet(no, line):
            return
        bare = BARE_UNITS.match(line)
        if bare and self.occ is not None and not self.occ.measure_mode and not self.occ.last_open():
            line = f"（{bare.group(1)}：{bare.group(2).strip('（）() ')}）"  # 牵头单位：… on a line of its own
        if expecting_title:
            if not ITEM.match(line) and not HEADING.match(line) and len(line) <= 60 and "。" not in line:
                self.attach_titles.append(line)
                return  # the attachment's own title
        m = ATTACH.match(line)
        if m and (not m.group(3) or m.group(2)):
            self.occ, self.style, self.section = None, None, "project"
            if m.group(3):  # 附件：1.xxx  (the cover letter's list of attachments)
                self.attach_list = True
                self.unplaced.append((no, line))
            else:
                self.segment += 1
                self.attach_list = False
                self.expect_attach_title = True
            return
        h = _heading(line)
        cn = CN_ITEM.match(line) if not PAREN_HEADING.match(line) else None
        if (
            cn
            and (h is None or h.count is None)
            and not self._continues(line)
            and not self.attach_list
            and self.section != "other"
            and to_int(cn.group("cn"))
            and self._cn_item_expected(cn)
            and self._cn_item_ahead(line)
        ):
            self.cn_item(no, cn)
            return
        if h and _heading_name_ok(h) and not self._continues(line):
            self.heading(no, h)
            return
        ps = PAREN_SHORT.match(line)
        if (
            ps
            and self.section == "project"
            and not self._continues(line)
            and self.style != "paren_cn"
            and not self.attach_list
        ):
            nxt = self.seq_lines[self.index + 1][1] if self.index + 1 < len(self.seq_lines) else ""
            following = ITEM.match(nxt)
            if following and following.group("d"):
                self.heading(no, _Heading.of(ps))
                return
        if self.occ is not None and TAIL_PAREN.match(line) and not self.occ.measure_mode:
            self.occ.parts.append(line)
            self.occ.lines.append(no)
            return
        mh = MEASURE_HEAD.match(line)
        if mh and self.occ is not None:
            self.occ.measure_mode = True
            self.occ.lines.append(no)
            if mh.group(2):
                self.occ.measures.append(_Measure(None, mh.group(2), False, None))
            return
        ls = LIST_START.match(line)
        if (
            ls
            and self.category is not None
            and self.section == "project"
            and not self.attach_list
            and (self.occ is None or self.occ.kind == "list" or self.occ.closed())
        ):
            self.new_occ(no, "list", "", None, None, ls.group(2))
            return
        it = ITEM.match(line)
        if it and not self.attach_list:
            if self.item(no, line, it):
                return
        self.text(no, line)

    def labelled(self, no: int, line: str) -> bool:
        """Labelled fields of an item (责任单位：…, 项目名称：…, 完成时限：…), and records numbered 01 项目名称：…"""
        numbered = labels.NUMBERED.match(line)
        nxt = self.seq_lines[self.index + 1][1] if self.index + 1 < len(self.seq_lines) else ""
        if numbered or (re.fullmatch(r"\d{1,3}", line) and labels.START.match(nxt) and self.section != "other"):
            seq = numbered.group(1) if numbered else line
            self.section = "project" if self.section == "measures" else self.section
            self.new_occ(no, "item", seq, to_int(seq), "label", "")
            if not numbered:
                return True
            line = line[numbered.end() :]
        fields = labels.split(line)
        occ = self.occ
        if fields is not None and occ is not None and _open_bracket(occ.text):
            return False  # （牵头 / 单位：…） cut by a line break: the tail of the item, read with it
        if fields is None:
            before = self._before(self.index)
            if (
                occ is not None
                and occ.last_key
                and before
                and before[0] == occ.label_line
                and self._wrapped(before[1])
                and occ.fields.get(occ.last_key)
                and not (ITEM.match(line) or HEADING.match(line) or PAGE_NUMBER.match(line))
            ):
                # 进度安排：6月底前…； / 8月底前…: the label's line was wrapped; the separator the value lost comes back
                sep = before[1][-1] if before[1][-1] in "，,；;、" else ""
                occ.fields[occ.last_key][-1] += sep + line
                occ.lines.append(no)
                occ.label_line = no
                return True
            if (
                occ is not None
                and occ.pending
                and not (
                    ITEM.match(line) or HEADING.match(line) or PAREN_HEADING.match(line) or MEASURE_HEAD.match(line)
                )
            ):
                self._field(occ, occ.pending, line, no)
                return True
            if occ is not None:
                occ.pending = None
            return False
        keys = {key for key, _v in fields}
        if keys & {"lead", "resp", "division", "people"} and self._unnumbered_item(keys):
            occ = self.occ
        if occ is None or occ.kind != "item":
            if not any(key in ("name", "content") for key, _v in fields):
                return False
            occ = self.new_occ(no, "item", "", None, "label", "")  # a record with no number: numbered later
        elif (
            any(key == "name" for key, _v in fields)
            and (occ.name or occ.parts)
            and occ.style == "label"
            and no != occ.line_no
        ):
            occ = self.new_occ(no, "item", "", None, "label", "")
        occ.lines.append(no)
        occ.label_line = no
        occ.measure_mode = False
        for key, value in fields:
            occ.pending = None
            occ.last_key = key
            if value:
                self._field(occ, key, value, no)
            else:
                occ.pending = key
        return True

    def _unnumbered_item(self, keys: set[str]) -> bool:
        """A sentence with no number right above its labelled lines (主管领导：… 责任单位：…) is an item of its
        own: the first one is a line left over, the next ones were taken as the text of the item before."""
        if self.index == 0:
            return False
        prev_no, _prev = self.seq_lines[self.index - 1]
        occ = self.occ
        if occ is None or occ.kind != "item":
            if self.last_unplaced is None or self.last_unplaced[0] != prev_no:
                return False
            text, first = self.last_unplaced[1], self.index - 1
            while True:  # the sentence's earlier lines, when the text layer broke it at the page width
                before = self._before(first)
                if not before or not self._wrapped(before[1]) or before not in self.unplaced:
                    break
                text, first = before[1] + text, self.seq_lines.index(before)
                prev_no = before[0]
            if not _item_sentence(text):
                return False
            taken = {no for no, _l in self.seq_lines[first : self.index]}
            self.unplaced = [u for u in self.unplaced if u[0] not in taken or PAGE_NUMBER.match(u[1])]
            self.last_unplaced = None
            if first >= 1:  # 关键词 教育 / 市区新增…。/ 主管领导：…: a short title above the first item is its category
                title_no, title = self.seq_lines[first - 1]
                if (title_no, title) in self.unplaced and re.fullmatch(r"[^。，,；;：:！？\d()（）]{2,16}", title):
                    self.unplaced.remove((title_no, title))
                    self.heading(title_no, _Heading("", title))
        elif (
            occ.style == "label"
            and keys & set(occ.fields)
            and len(occ.parts) >= 2
            and occ.text_line == prev_no
            and occ.lines
            and occ.lines[-1] == prev_no
            and _item_sentence(occ.parts[-1])
        ):
            text = occ.parts.pop()
            occ.lines.pop()
        else:
            return False
        self.new_occ(prev_no, "item", "", None, "label", text)
        return True

    def _before(self, index: int) -> tuple[int, str] | None:
        """The line above seq_lines[index], page numbers skipped."""
        for k in range(index - 1, -1, -1):
            if not PAGE_NUMBER.match(self.seq_lines[k][1]):
                return self.seq_lines[k]
        return None

    def _wrapped(self, line: str) -> bool:
        """A line the text layer broke at the page width goes on in the next line."""
        return self.wrap_width is not None and len(line) >= self.wrap_width

    def bullet(self, no: int, line: str) -> bool:
        """Items written as bullets (- …, • …) are numbered in order; a short title right above a bullet is their
        category."""
        if not self.bullets or self.attach_list or self.section == "other":
            return False
        if no in self.bullets:
            occ = self.new_occ(no, "item", "", None, "label", line)
            occ.one_line = True
            occ.notes.append("原文以项目符号列出，无序号，已按顺序编号，请核对。")
            return True
        nxt = self.seq_lines[self.index + 1][0] if self.index + 1 < len(self.seq_lines) else None
        if nxt in self.bullets and re.fullmatch(r"[^。，,；;：:！？\d()（）]{2,16}", line):
            self.heading(no, _Heading("", line))
            return True
        return False

    def _field(self, occ: _Occ, key: str, value: str, no: int) -> None:
        if no not in occ.lines:
            occ.lines.append(no)
        if key == "name":
            occ.name = (occ.name or "") + value
        elif key == "content":
            occ.parts.append(value)
        else:
            occ.fields.setdefault(key, []).append(value)

    def cn_item(self, no: int, cn: re.Match[str]) -> None:
        """一、… carrying its own lead unit / measures: an item numbered like a heading."""
        self.section = "project"
        self.style = "cn"
        self.new_occ(no, "item", cn.group("cn"), to_int(cn.group("cn")), "cn", cn.group("rest"))

    # -- project lists laid out as a table (a .docx table arrives as tab-separated rows) --
    def table_row(self, no: int) -> bool:
        cells = [c.strip(" \u3000\xa0\r\n") for c in self.raw[no].split("\t")]
        header = _table_header(cells)
        if not header and self._cut_row(no, cells):
            return True
        if header:
            if self.table is not None and header == self.table:
                return True  # the header again at the top of the next page
            self._table_title()
            self.table, self.occ, self.style = header, None, None
            self.table_width, self.last_row = len(cells), None
            self.tables_seen += 1
            self.table_count = 0
            return True
        table = self.table
        if table is None:
            return False
        first = next((c for c in cells if c), "")
        h = _heading(first)
        if h and len(set(c for c in cells if c)) <= 2 and _heading_name_ok(h):
            self.heading(no, h)  # a category row inside the table: the table goes on
            return True
        cells = [
            units_text(c) if key in ("lead", "partner") else rejoin_cjk(c)
            for c, key in zip(cells, _cell_keys(table, len(cells)))
        ]

        def get(key: str) -> str:
            return cells[table[key]] if key in table and table[key] < len(cells) else ""

        seq_cell = get("seq")
        number = to_int(re.sub(r"^[（(](.+)[）)]$", r"\1", seq_cell).rstrip(".．、")) if seq_cell else None
        content, name = get("content"), get("name")
        if "seq" not in table and (content or name) and (get("lead") or not self.occ or self.occ.style != "table"):
            number, seq_cell = self.table_count + 1, str(self.table_count + 1)  # a table with no 序号 column
        if number is None:
            if (
                not seq_cell
                and self.occ is not None
                and self.occ.style == "table"
                and not (content or name)
                and get("measures")
            ):  # the item's measures go on after a page break
                self.occ.measures += [
                    _Measure(seq, text, bool(seq), None) for seq, text in _split_measures(get("measures"))
                ]
                self.occ.lines.append(no)
                return True
            if not seq_cell and self.occ is not None and self.occ.style == "table" and (content or name):
                if get("deadline") or not self.occ.subtasks and self.occ.deadline:
                    # a sub-task row with its own 完成时限 (or the first row had one): keep each one's
                    if not self.occ.subtasks:
                        self.occ.subtasks.append((self.occ.parts[0], self.occ.deadline))
                    self.occ.subtasks.append((content or name, get("deadline") or None))
                self.occ.parts[0] += content or name  # the item's row went on in the next row
                self.occ.lines.append(no)
                for key in ("lead", "partner"):  # a sub-task led by another unit: both lead the item
                    if get(key):
                        self.occ.fields.setdefault(key, []).append(get(key))
                return True
            return False
        self.table_count = number
        tail = ""
        if get("lead"):
            tail = f"（牵头单位：{get('lead')}" + (f"；配合单位：{get('partner')}" if get("partner") else "") + "）"
        elif get("partner"):
            tail = f"（配合单位：{get('partner')}）"
        marker = next((m for c in cells if c and (m := ROW_MARKER.search(c)) and len(c) <= 40), None)
        if marker:
            tail += f"（{marker.group(0).strip('（）() ')}）"
        occ = self.new_occ(no, "item", seq_cell, number, "table", content or name)
        self.last_row = (occ, self.raw[no].split("\t"))
        occ.parts = [content or name, tail]
        occ.name = name if content and name else None
        occ.deadline = get("deadline") if get("deadline") and not ROW_MARKER.search(get("deadline")) else None
        if no in self.row_notes:
            occ.notes.append(self.row_notes[no])
        if get("measures"):
            occ.measures = [_Measure(seq, text, bool(seq), None) for seq, text in _split_measures(get("measures"))]
        return True

    def _cut_row(self, no: int, cells: list[str]) -> bool:
        """A row cut inside a cell (PDF text, a Word cell with a line break): the last row had too few cells and
        this one, with no 序号 of its own, brings exactly the rest. The cut cell is joined and the row read whole."""
        prev = self.last_row
        if (
            self.table is None
            or prev is None
            or prev[0] is not self.occ
            or not cells[0]
            or seq_number(cells[0]) is not None
            or NUMBER_TOKEN.match(cells[0])
        ):
            return False
        before = [c.strip(" \u3000\xa0\r\n") for c in prev[1]]
        if not (
            len(before) < self.table_width
            and len(cells) < self.table_width
            and len(before) + len(cells) - 1 == self.table_width
        ):
            return False
        lines = prev[0].lines
        self.occs.remove(prev[0])
        self.occ, self.last_row = None, None
        self.raw[no] = "\t".join(before[:-1] + [before[-1] + cells[0]] + cells[1:])
        if not self.table_row(no):
            return False
        joined = self.occ
        if joined is None:  # the joined cells read as a category row: the cut row's other cells were not read
            self.unplaced += [(n, self.texts.get(n, self.raw.get(n, ""))) for n in lines if n != no]
            return True
        joined.lines = sorted(set(lines + joined.lines))
        return True

    def _table_title(self) -> None:
        """A second table under its own title (区级重点民生实事) is a category of its own."""
        last = self.last_unplaced
        if (
            last is None
            or not (self.tables_seen or self.plan.categories)
            or len(last[1]) > 30
            or re.search(r"[。；;：:，,]", last[1])
            or "\t" in last[1]
            or PAGE_NUMBER.match(last[1])
        ):
            return  # - 1 - above the header repeated on the next page is not a title
        no, text = last
        name = header.tidy(re.sub(r"^(?:附\s*件\s*\d*\s*[:：]?)", "", text))
        count = re.search(rf"[（(]\s*共?\s*(\d+|{_CN}{{1,3}})\s*[项件个]\s*[）)]$", name)
        if count:
            name = name[: count.start()].strip()
        if not name:
            return
        self.unplaced = [u for u in self.unplaced if u[0] != no]
        self.section = "project"
        key = (None, _norm(name))
        if key not in self.cat_keys:
            self.cat_keys[key] = len(self.plan.categories)
            self.cat_lines[len(self.plan.categories)] = no
            self.plan.categories.append(
                ParsedCategory(name=name, seq=None, declared_count=to_int(count.group(1)) if count else None)
            )
        self.category = self.cat_keys[key]

    def _number_goes_on(self, line: str) -> bool:
        """A bare "0" after "不少于 10" is the rest of a number cut by the line break, not a page number."""
        if not line.isdigit() or self.occ is None or not self.occ.last_open():
            return False
        last = self.occ.measures[-1].text if self.occ.measure_mode and self.occ.measures else self.occ.text
        return last[-1:].isdigit() or last.rstrip().endswith((".", "于", "到", "达", "为", "约", "共", "计", "超过"))

    def _continues(self, line: str) -> bool:
        return self.occ is not None and self.occ.last_open() and len(line) > 25

    def heading(self, no: int, h: _Heading) -> None:
        seq, name, count = h.seq, header.tidy(h.name), h.count
        self.occ, self.style, self.attach_list = None, None, False
        if count is None and OTHER_SECTION.search(name):
            self.section, self.category = "other", None
            self.unplaced.append((no, f"{seq}、{name}"))
            return
        if count is None and MEASURE_SECTION.search(name):
            self.section = "measures"
            return
        self.section = "project"
        key = (to_int(seq), _norm(name))
        if key not in self.cat_keys:
            self.cat_keys[key] = len(self.plan.categories)
            self.cat_lines[len(self.plan.categories)] = no
            self.plan.categories.append(
                ParsedCategory(name=name, seq=seq, declared_count=to_int(count) if count else None)
            )
        self.category = self.cat_keys[key]
        self.structure_seen = True

    def item(self, no: int, line: str, it: re.Match[str]) -> bool:
        if it.group("c"):
            style, digits = "circle", str(CIRCLED.index(it.group("c")) + 1)
        else:
            style = (
                "paren_cn" if it.group("pn") and not it.group("pn").isdigit() else ("paren" if it.group("p") else "dot")
            )
            digits = it.group("pn") or it.group("dn")
        number = to_int(digits)
        rest = it.group("rest")
        occ = self.occ
        if occ is not None and occ.last_open():
            expected = {(occ.number or 0) + 1, self._last_measure_number(occ) + 1}
            if number not in expected and not (number == 1 and style != self.style):
                return False  # a wrapped line that happens to start with a number
        if occ is not None and self.style is not None and style != self.style:
            # numbered differently from the items: a measure, or a sub-point of the last measure
            measure_style = self._measure_style(occ)
            if occ.measure_mode and measure_style not in (None, style):
                self._append_measure(occ, line)
                occ.lines.append(no)
                return True
            if style == "dot" or occ.measure_mode:
                occ.measure_mode = True
                occ.measures.append(_Measure(digits, rest, True, style))
                occ.lines.append(no)
                return True
        elif occ is not None and occ.measure_mode and self._is_next_measure(occ, number, line):
            occ.measures.append(_Measure(digits, rest, True, style))
            occ.lines.append(no)
            return True
        if self.section == "other":
            return False
        self.style = self.style or style
        seq = it.group("p").strip() if it.group("p") else (it.group("c") or it.group("dn"))
        self.new_occ(no, "item", seq, number, style, rest)
        return True

    def _is_next_measure(self, occ: _Occ, number: int | None, line: str) -> bool:
        """Items and measures numbered alike (1. … 推进措施：1. 2. … 2.): the sequences tell them apart."""
        item_next = (occ.number or 0) + 1
        measure_next = self._last_measure_number(occ) + 1
        if number != measure_next or self._measure_style(occ) not in (None, self.style):
            return False
        return number != item_next or not (LEAD.search(line) or MARKER.search(line))

    @staticmethod
    def _measure_style(occ: _Occ) -> str | None:
        for measure in reversed(occ.measures):
            if measure.numbered:
                return measure.style
        return None

    @staticmethod
    def _last_measure_number(occ: _Occ) -> int:
        for measure in reversed(occ.measures):
            number = to_int(measure.seq) if measure.numbered and measure.seq else None
            if number is not None:
                return number
        return 0

    @staticmethod
    def _append_measure(occ: _Occ, line: str) -> None:
        if occ.measures:
            last = occ.measures[-1]
            last.text += line if occ.last_open() else "\n" + line
        else:
            occ.measures.append(_Measure(None, line, False, None))

    def new_occ(self, no: int, kind: str, seq: str, number: int | None, style: str | None, text: str) -> _Occ:
        occ = self.occ = _Occ(
            kind=kind,
            seq=seq,
            number=number,
            style=style,
            line_no=no,
            segment=self.segment,
            section=self.section,
            category=self.category,
            parts=[text] if text else [],
            lines=[no],
        )
        self.occs.append(occ)
        self.structure_seen = True
        return occ

    def text(self, no: int, line: str) -> None:
        occ = self.occ
        if occ is None or self.attach_list:
            self.unplaced.append((no, line))
            return
        if occ.measure_mode:
            if occ.measures and (occ.last_open() or occ.measures[-1].numbered):
                self._append_measure(occ, line)
            else:
                occ.measures.append(_Measure(None, line, False, None))
            occ.lines.append(no)
            return
        if occ.kind == "list" and not occ.last_open():
            self.unplaced.append((no, line))
            return
        if occ.closed() and not occ.last_open() or self._ended(occ, line):
            self.unplaced.append((no, line))
            self.occ = None
            return
        occ.parts.append(line)
        occ.lines.append(no)
        occ.text_line = no

    def _ended(self, occ: _Occ, line: str) -> bool:
        """A plain line does not go on an item whose sentence is complete and that has already been given its
        labelled lines (主管领导：… 责任单位：…), nor a bullet or a (1)…(2)… piece, which end with their line; page
        furniture (抄送, 来源, 扫一扫) never does."""
        if END_FURNITURE.search(line):
            return True
        if occ.last_open() or not occ.text.strip():  # "(3)" at the end of a line: its text is on the next
            return False
        return occ.one_line or (
            occ.label_line is not None and bool(occ.lines) and occ.lines[-1] == occ.label_line and not occ.pending
        )


def _cell_keys(table: dict[str, int], count: int) -> list[str | None]:
    """The column key of each of a row's cells (None for a column the header did not name)."""
    by_index = {index: key for key, index in table.items()}
    return [by_index.get(i) for i in range(count)]


def _item_sentence(text: str) -> bool:
    """A line that can be an item's own text: not a heading, a number, a label or a title ending in a colon."""
    text = text.strip()
    return (
        len(text) >= 6
        and re.search(r"[\u4e00-\u9fff]", text) is not None
        and not text.endswith((":", "："))
        and not (HEADING.match(text) or ITEM.match(text) or labels.START.match(text) or PAGE_NUMBER.match(text))
    )


def _inline_cuts(lines: Lines) -> dict[int, list[int]]:
    """(1)…。(2)…。(3)… written in one paragraph, on one line or wrapped over several: a run of numbers 1, 2, 3 …
    (three or more, no more than three lines apart) of which at least two stand inside a line. Returns, per line,
    the positions to cut it at (a number at the start of a line needs no cut)."""
    runs: list[list[tuple[int, int]]] = []
    run: list[tuple[int, int]] = []  # (line no, where the number's text starts)
    last_index = -9
    for index, (no, line) in enumerate(lines):
        if "\t" in line:
            continue
        for m in INLINE_NUMBER.finditer(line):
            number = int(m.group(1))
            if number == len(run) + 1 and index - last_index <= 3:
                run.append((no, m.end()))
            elif number == 1:
                runs.append(run)
                run = [(no, m.end())]
            else:
                continue
            last_index = index
    runs.append(run)
    cuts: dict[int, list[int]] = {}
    for run in runs:
        inside = [(no, at) for no, at in run if at > 0]
        if len(run) >= 3 and len(inside) >= 2:
            for no, at in inside:
                cuts.setdefault(no, []).append(at)
    return cuts


def _wrap_width(lines: Lines) -> int | None:
    """A PDF's text layer (or a hard-wrapped paste) breaks every long line at the same width: the most common
    length of the longer lines, when at least a quarter of them (and three or more) have it."""
    lengths = [len(line) for _no, line in lines if "\t" not in line and len(line) >= 12]
    if not lengths:
        return None
    width = max(set(lengths), key=lambda n: (lengths.count(n), n))
    return width if lengths.count(width) >= 3 and lengths.count(width) * 4 >= len(lengths) else None


FURNITURE = tables.FURNITURE
# furniture that never carries an item's text (FURNITURE also has 无障碍, which can begin a wrapped line)
END_FURNITURE = re.compile(
    r"^(?:抄送|扫一扫|打印本页|关闭窗口|【打印|【关闭|分享到|责任编辑)|^[（(]?\s*来源\s*[:：]|"
    r"^.{0,30}\d{1,2}\s*日\s*印发$"
)
LEAD_BARE = re.compile(
    r"(?:^|[。；;，,\s])((?:牵头单位|牵头部门|责任单位|主责单位)\s*[:：]\s*([^。；;（）()]+?))[。；;]?\s*$"
)
TABLE_COLUMNS = {
    "seq": re.compile(r"^序\s*号$|^编号$"),
    "name": re.compile(r"^(项目名称|项目|名称|民生实事项目|事项)$"),
    "content": re.compile(r"实施内容|目标任务|建设内容|主要内容|工作内容|任务内容|具体内容|工作目标|目标|^民生实事$"),
    "lead": re.compile(r"牵头单位|牵头部门|责任单位|主责单位|主办单位|责任部门"),
    "partner": re.compile(r"配合单位|协办单位|配合部门"),
    "level": re.compile(r"任务级别|备注"),
    "measures": re.compile(r"推进措施|推进举措|工作措施"),
    "deadline": re.compile(r"完成时限|时间节点|完成时间|时限"),
}
INLINE_MARKER = re.compile(
    r"(?:^|[，,。；;])\s*((?:属于?)?[省市]级任务(?:为[^。；;（）()]{1,30})?|[^，,。；;（）()]{0,8}无任务)\s*[。；;]?\s*$"
)
ROW_MARKER = re.compile(r"[^，。；;（）()]{0,12}?无任务|属?[省市区县]级任务(?:为[^。；;]{0,30})?")
_MEASURE_SPLIT = re.compile(
    r"(?=[（(]\s*\d{1,2}\s*[）)]|[①-⑳])|(?:^|(?<=[。；;\s]))(?=\d{1,2}\s*[.．、](?!\d(?!\d?\s*月)))"
)
_MEASURE_NUMBER = re.compile(r"^(?:[（(]\s*(\d{1,2})\s*[）)]|([①-⑳])|(\d{1,2})\s*[.．、])\s*")


def _split_measures(cell: str) -> list[tuple[str | None, str]]:
    """A 推进措施 cell → its measures: (1)(2)(3), ①②, 1. 2. — never items of the list."""
    out = []
    for part in _MEASURE_SPLIT.split(cell.replace("\n", " ")):
        part = part.strip()
        if not part:
            continue
        m = _MEASURE_NUMBER.match(part)
        if m:
            seq = m.group(1) or m.group(3) or str(CIRCLED.index(m.group(2)) + 1)
            out.append((seq, part[m.end() :].strip()))
        else:
            out.append((None, part))
    return out


def _table_header(cells: list[str]) -> dict[str, int] | None:
    """Column positions of a project table's header row (序号 + 项目名称/实施内容 …), else None."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = re.sub(r"\s+", "", cell)
        keys = tables.header_columns(text) if text else None
        if keys and len(keys) == 1 and keys[0] not in found:
            found[keys[0]] = index
            continue
        for key, pattern in TABLE_COLUMNS.items():
            if key not in found and text and pattern.search(text) and len(text) <= 12:
                found[key] = index
                break
    if "seq" in found and ("name" in found or "content" in found):
        return found
    if "lead" in found and ("name" in found or "content" in found) and len(found) >= 3:
        return found
    return None


def _split_tail(text: str) -> tuple[str, list[str], list[str], str | None]:
    """Item text → (content, lead units, partner units, task marker as written)."""
    leads: list[str] = []
    partners: list[str] = []
    marker = None
    for m in LEAD.finditer(text):
        body = m.group(1)
        partner_part = re.split(rf"[；;，,。\s]\s*{_PARTNER}\s*[:：]", body)
        leads += _units(partner_part[0])
        for extra in partner_part[1:]:
            partners += _units(extra)
    for m in re.finditer(rf"[（(]\s*{_PARTNER}\s*[:：]\s*([^）)]*)[）)]?", text):
        partners += _units(m.group(1))
    if not leads:
        bare = LEAD_BARE.search(text)
        if bare:
            leads = _units(bare.group(2))
            text = text[: bare.start(1)].rstrip("，,；; ")
    if not leads:
        verb = labels.VERB_BRACKET.search(text)  # （A、B牵头，C配合，各县区政府按职责分工负责）
        if verb:
            leads, helps = labels.verb_units(verb.group(1), _units)
            if leads:
                partners += [u for u in helps if u not in partners]
                text = (text[: verb.start()] + text[verb.end() :]).strip()
    mm = MARKER.search(text)
    if mm:
        marker = header.tidy(mm.group(1))
    else:
        inline = INLINE_MARKER.search(text)  # …建设，省级任务为全省县域医共体全覆盖。
        if inline:
            marker = header.tidy(inline.group(1))
    content = LEAD.sub("", text)
    content = re.sub(rf"[（(]\s*{_PARTNER}\s*[:：][^）)]*[）)]?", "", content)
    content = MARKER.sub("", content).strip()
    return content, leads, partners, marker


def task_level_of(marker: str | None) -> str:
    if not marker:
        return "local"
    if "无任务" in marker:
        return "none"
    if "省级" in marker:
        return "province"
    if "市级" in marker:
        return "city"
    return "local"


_LEVEL_RANK = {"local": 0, "city": 1, "province": 1, "none": 2}


def _similar(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a[:10] == b[:10] or a.startswith(b[:20]) or b.startswith(a[:20]):
        return True
    matcher = SequenceMatcher(None, a[:40], b[:40], autojunk=False)
    return matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6 and matcher.ratio() >= 0.6


class _Merger:
    """Second pass: occurrences → projects, without duplicates."""

    def __init__(self, plan: ParsedPlan, walker: _Walker):
        self.plan = plan
        self.walker = walker
        self.by_number: dict[tuple[int | None, int | None], ParsedProject] = {}
        self.per_category = _numbering_restarts(walker.occs)  # （一）（二） again under each category
        self.first_segment: dict[int, int] = {}
        self.list_counts: dict[int | None, int] = {}
        self.label_count = 0
        self.subtasks: dict[int, Subtasks] = {}  # id(project) → its sub-task rows

    def run(self) -> None:
        for occ in self.walker.occs:
            if occ.kind == "list":
                self.add_list(occ)
            else:
                self.add_item(occ)

    def add_item(self, occ: _Occ) -> None:
        if (
            occ.name is None
            and occ.style not in ("table", "label")
            and not occ.one_line
            and len(occ.parts) >= 2
            and _title_like(occ.parts[0], occ.parts[1])
        ):
            occ.name = occ.parts.pop(0)  # 1.城东第二水厂建设项目 / 建设城东第二水厂1座…: a name line, then the text
            note = re.search(r"[（(]([^（）()]{1,10})[）)]$", occ.name)
            if note:
                occ.name = occ.name[: note.start()].strip()
                occ.notes.append(f"项目名称后注明“{note.group(1)}”。")
        text, inline = labels.tail(occ.text)
        text, in_brackets = labels.bracket_fields(text)
        for key, value in inline + in_brackets:
            occ.fields.setdefault(key, []).append(value)
        content, leads, partners, marker = _split_tail(text)
        leads, partners, marker = self._fields(occ, leads, partners, marker)
        if occ.number is None and occ.style == "label":
            occ.number = self.label_count + 1
            occ.seq = str(occ.number)
        if occ.style == "label":
            self.label_count = occ.number or self.label_count
        project = self.by_number.get(self._key(occ)) if occ.number is not None else None
        title_only = occ.section == "measures" and len(content) <= 30 and "。" not in content.rstrip("。")
        if project is not None and not (
            _similar(project.content, content) or title_only or occ.segment > self.first_segment[id(project)]
        ):
            project = None
        earlier = self.plan.projects and self.first_segment[id(self.plan.projects[0])] < occ.segment
        if project is None and (earlier or occ.section == "measures" or occ.number is None):
            project = self._by_text(content)  # an attachment numbered differently from the main list
        if project is None:
            if occ.section == "measures" or not content and not occ.measures:
                self._unplace(occ, "找不到对应的项目")
                return
            project = self._new_project(occ, content, leads, partners, marker)
            project.name = occ.name
            project.deadline = occ.deadline
            project.notes += occ.notes
            if occ.subtasks:
                self.subtasks[id(project)] = occ.subtasks
        else:
            self._merge(project, occ, content, leads, partners, marker, title_only)
            project.deadline = project.deadline or occ.deadline
        for measure in occ.measures:
            self._add_measure(project, measure.seq, measure.text)

    def _fields(
        self, occ: _Occ, leads: list[str], partners: list[str], marker: str | None
    ) -> tuple[list[str], list[str], str | None]:
        """Labelled lines: 牵头单位 leads and 责任单位 then helps; 责任单位 alone leads (only its first unit when
        the notice says the first listed leads); 完成时限 and 备注 task markers."""
        f = {
            key: [labels.clean_units(v) if key in ("lead", "resp", "partner") else v for v in values]
            for key, values in occ.fields.items()
        }

        def units(key: str) -> list[str]:
            return [u for v in f.get(key, []) for u in _units(v)]

        if units("lead"):
            leads = leads + [u for u in units("lead") if u not in leads]
            partners = partners + units("resp")
        elif units("resp") and not leads:
            leads = units("resp")
        for value in f.get("division", []):  # 部门分工：A牵头，B配合
            named, helps = labels.verb_units(value, _units)
            leads = leads or named
            partners = partners + [u for u in helps if u not in partners]
        partners = partners + [u for u in units("partner") if u not in partners]
        if self.walker.first_listed and len(leads) > 1:
            leads, partners = leads[:1], leads[1:] + [u for u in partners if u not in leads]
        if f.get("deadline") and not occ.deadline:
            occ.deadline = "；".join(f["deadline"])
        for remark in f.get("remark", []):
            m = ROW_MARKER.search(remark)
            if m and not marker:
                marker = m.group(0).strip("（）() ")
        return leads, partners, marker

    def _key(self, occ: _Occ) -> tuple[int | None, int | None]:
        """(category, number) when numbering restarts under each category, else (None, number)."""
        return (occ.category if self.per_category else None, occ.number)

    def _by_text(self, content: str) -> ParsedProject | None:
        if len(_norm(content)) < 6:
            return None
        for project in self.plan.projects:
            if _similar(project.content, content):
                return project
        return None

    def _new_project(
        self, occ: _Occ, content: str, leads: list[str], partners: list[str], marker: str | None
    ) -> ParsedProject:
        if occ.number is not None and self._key(occ) in self.by_number:
            note = f"序号 {occ.seq} 与前面的项目重复，请核对。"
            self.plan.notes.append(note)
        level, level_text = self._category_level(occ.category)
        if marker:
            level, level_text = task_level_of(marker), marker
        project = ParsedProject(
            seq=occ.seq,
            content=content,
            category=occ.category,
            lead_units=leads,
            partner_units=partners,
            task_level=level,
            task_level_text=level_text,
            line_no=occ.line_no,
        )
        self.plan.projects.append(project)
        if occ.number is not None:
            self.by_number.setdefault(self._key(occ), project)
        self.first_segment[id(project)] = occ.segment
        return project

    def _category_level(self, category: int | None) -> tuple[str, str | None]:
        name = header.tidy(self.plan.categories[category].name) if category is not None else ""
        if "无任务" in name or re.search(r"[省市]级任务$", name):  # 十二、瑶海区无任务 / 十一、市级任务
            return task_level_of(name), name
        return "local", None

    def _merge(
        self,
        project: ParsedProject,
        occ: _Occ,
        content: str,
        leads: list[str],
        partners: list[str],
        marker: str | None,
        title_only: bool,
    ) -> None:
        if title_only and not project.name:
            if _norm(content.rstrip("。")) != _norm(project.content.rstrip("。")):
                project.name = content.rstrip("。")
        elif not _similar(project.content, content) and content:
            project.notes.append(f"第{occ.line_no}行的“{occ.seq}”文字与正文不同，已按序号合并。")
        if leads and not project.lead_units:
            project.lead_units = leads
        for unit in partners:
            if unit not in project.partner_units:
                project.partner_units.append(unit)
        if marker and marker != project.task_level_text:
            level = task_level_of(marker)
            if _LEVEL_RANK[level] > _LEVEL_RANK[project.task_level] or (
                _LEVEL_RANK[level] == _LEVEL_RANK[project.task_level] and not project.task_level_text
            ):
                was = project.task_level_text or "（正文未标注）"
                project.notes.append(f"任务级别：正文为“{was}”，第{occ.line_no}行为“{marker}”，按“{marker}”处理。")
                project.task_level, project.task_level_text = level, marker
            else:
                project.notes.append(f"任务级别：第{occ.line_no}行标为“{marker}”，保留“{project.task_level_text}”。")

    def _add_measure(self, project: ParsedProject, seq: str | None, text: str) -> None:
        text = text.strip()
        if not text:
            return
        key = _norm(text)
        if any(_norm(m.text) == key for m in project.measures):
            return
        project.measures.append(ParsedMeasure(text=text, seq=seq))

    def add_list(self, occ: _Occ) -> None:
        text = occ.text.strip()
        body = re.sub(r"[，,。；;]?\s*(?:共|合计)\s*\d+\s*项\s*[。.]?\s*$", "", text)
        body = re.sub(r"等\s*$", "", body.rstrip("。；;，, "))
        names = [n.strip(" ，,。") for n in _split_list(body)]
        names = [n for n in names if n]
        if not names:
            self._unplace(occ, "列表为空")
            return
        level, level_text = self._category_level(occ.category)
        cat = self.plan.categories[occ.category] if occ.category is not None else None
        existing = {_norm(p.content) for p in self.plan.projects}
        for name in names:
            if _norm(name) in existing:
                continue
            existing.add(_norm(name))
            n = self.list_counts.get(occ.category, 0) + 1
            self.list_counts[occ.category] = n
            seq = f"{cat.seq}-{n}" if cat and cat.seq else f"列表-{n}"
            # the list gives one text per item: kept as the content only (a 项目名称 equal to it would be
            # shown twice, “X：X”, in the project list, and add a near-empty 项目名称 column to the tables)
            project = ParsedProject(
                seq=seq,
                content=name,
                name=None,
                category=occ.category,
                task_level=level,
                task_level_text=level_text,
                line_no=occ.line_no,
            )
            project.notes.append("来自一句话列出的项目清单，序号由程序编排。")
            self.plan.projects.append(project)
            self.first_segment[id(project)] = occ.segment

    def _unplace(self, occ: _Occ, why: str) -> None:
        self.plan.notes.append(f"第{occ.line_no}行“{occ.seq}”{why}，相关文字列入未归入内容。")
        lines = dict(self.walker.all_lines)
        for no in occ.lines:
            self.walker.unplaced.append((no, lines[no]))


def _pipes_to_tabs(line: str) -> str:
    """A table copied from a web page: cells between | bars are cells between tabs."""
    bars = line.count("|") + line.count("｜")
    if bars and (bars >= 2 or line.rstrip().endswith(("|", "｜"))):
        line = re.sub(r"[ \u3000]*[|｜][ \u3000]*", "\t", line.strip().strip("|｜").strip())
        return line + ("\t\t" if "\t" not in line.strip("\t") else "")
    return line


def _open_bracket(text: str) -> bool:
    tail = text[-40:]
    return tail.count("（") + tail.count("(") > tail.count("）") + tail.count(")")


def _title_like(first: str, second: str) -> bool:
    """A short line with no sentence in it, followed by the item's text: the item's name."""
    return (
        len(first) <= 30
        and not re.search(r"[。，,；;：:]", first)
        and not re.search(r"\d", first)
        and bool(re.search(r"[。，,；;\d]", second))
    )


def _numbering_restarts(occs: list[_Occ]) -> bool:
    """True when the first list numbers its items afresh under each category (一、… （一）（二）; 二、… （一）…)."""
    items = [(o.number, o) for o in occs if o.kind == "item" and o.number is not None and o.section == "project"]
    if not items:
        return False
    first = [(number, o.category) for number, o in items if o.segment == items[0][1].segment]
    return any(nb <= na and cb != ca for (na, ca), (nb, cb) in zip(first, first[1:]))


def _split_list(body: str) -> list[str]:
    """Split on 、 outside quotes and brackets."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in body:
        if ch in "“（(《「":
            depth += 1
        elif ch in "”）)》」":
            depth = max(0, depth - 1)
        if ch == "、" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _finish(plan: ParsedPlan, subtask_rows: dict[int, Subtasks] | None = None) -> None:
    for project in plan.projects:
        indicators, rates = extract(project.content)
        subtasks = (subtask_rows or {}).get(id(project))  # id(project) → its sub-task rows (text, 完成时限)
        if subtasks:
            indicators = _subtask_indicators(subtasks)
            project.deadline = next((d for _t, d in reversed(subtasks) if d), None)
        else:
            project.deadline = deadlines.project_deadline(
                project.deadline, project.content, [m.text for m in project.measures]
            )
            deadlines.for_indicators(project.content, indicators)
        for index, measure in enumerate(project.measures):
            for rate in measure_rates(measure.text):
                rate.measure_index = index
                rates.append(rate)
        if not indicators:
            indicators = [fallback_indicator(project.content)]
        project.indicators = indicators
        project.rates = _unique_rates(rates)
    deadlines.mark_standing(plan)
    for index, cat in enumerate(plan.categories):
        found = len(plan.projects_in(index))
        if cat.declared_count is not None and found != cat.declared_count:
            plan.notes.append(f"类别“{cat.seq}、{cat.name}”标明 {cat.declared_count} 项，识别到 {found} 项，请核对。")


def _subtask_indicators(subtasks: Subtasks) -> list[ParsedIndicator]:
    """Each sub-task row's indicators carry that row's 完成时限; a sub-task with no figure gets a qualitative one."""
    out: list[ParsedIndicator] = []
    for text, deadline in subtasks:
        found, _rates = extract(text)
        if not found:
            found = [fallback_indicator(text)]
        for indicator in found:
            indicator.deadline = deadlines.tidy(deadline) if deadline else None
        out += found
    return out


def _unique_rates(rates: list[ParsedRate]) -> list[ParsedRate]:
    seen: set[tuple[str, int | None]] = set()
    out: list[ParsedRate] = []
    for rate in rates:
        key = (rate.text, rate.measure_index)
        if key not in seen:
            seen.add(key)
            out.append(rate)
    return out


def _drop_empty_categories(plan: ParsedPlan, walker: _Walker) -> None:
    """A heading with no items (一、提高政治站位) was prose: give its line back, renumber the rest."""
    used = {p.category for p in plan.projects}
    keep = [i for i in range(len(plan.categories)) if i in used]
    if len(keep) == len(plan.categories):
        return
    lines = dict(walker.all_lines)
    for i in range(len(plan.categories)):
        if i not in used:
            no = walker.cat_lines[i]
            walker.unplaced.append((no, lines[no]))
    remap = {old: new for new, old in enumerate(keep)}
    plan.categories = [plan.categories[i] for i in keep]
    for project in plan.projects:
        project.category = remap.get(project.category) if project.category is not None else None


def _heading_name_ok(h: _Heading) -> bool:
    """一、促进就业 is a heading; 三、四级困难残疾人…；… (a wrapped 一、二级 list) is not."""
    name, count = h.name, h.count
    if re.search(r"[。，,；;：:]", name) or re.match(rf"^{_CN}*级", name):
        return False
    return count is not None or len(name) <= 20


def _first_structure(lines: Lines) -> int:
    """Index of the first line of the list itself: the masthead is read from the lines before it."""

    def counted_heading(line: str) -> bool:
        h = _heading(line)
        return h is not None and h.count is not None

    firm = (
        i
        for i, (_no, line) in enumerate(lines)
        if counted_heading(line)
        or (ITEM.match(line) and LEAD.search(line))
        or ("\t" in line and _table_header(line.split("\t")))
    )
    loose = (i for i, (_no, line) in enumerate(lines) if ITEM.match(line) and not ATTACH.match(line))
    return next(firm, None) or next(loose, len(lines))


def parse_notice(text: str) -> ParsedPlan:
    """Parse the text of a 民生实事 notice. Raises MsdeskError only for empty input."""
    return _parse(text)[0]


def _parse(text: str) -> tuple[ParsedPlan, _Walker, set[int]]:
    """parse_notice, also returning the walker and the masthead lines (tests check every line is accounted for)."""
    if text is None or not str(text).strip():
        raise MsdeskError(EMPTY_TEXT)
    text = str(text)
    plan = ParsedPlan(source_text=text)
    raw = {no: _pipes_to_tabs(raw) for no, raw in enumerate(text.splitlines(), 1)}
    source = [(no, _pipes_to_tabs(line)) for no, line in _lines(text)]
    refuse_progress(source, raw)
    source_lines = source
    source, quoted = tables.unquote_cells(source, raw)
    rebuilt = tables.rebuild(source, raw)
    for no, nos in quoted.items():
        rebuilt.groups[no] = sorted(set(rebuilt.groups.get(no, [no]) + nos))
    raw.update(rebuilt.raw)
    lines = rebuilt.lines
    first = _first_structure(lines)
    used = header.read_header(lines[:first], plan)
    walker = _Walker(plan)
    walker.all_lines = lines
    walker.groups = rebuilt.groups
    walker.first_listed = labels.first_listed_leads(text)
    walker.walk(lines, used, raw, rebuilt.notes)
    merger = _Merger(plan, walker)
    merger.run()
    _drop_empty_categories(plan, walker)
    _finish(plan, merger.subtasks)
    plan.unplaced_lines = [line for _no, line in sorted(set(walker.unplaced))]
    _coverage(plan, source_lines, walker, rebuilt.furniture)
    if not plan.title and walker.attach_titles:  # only an attachment was pasted: "2023 年 50 项民生实事推进举措"
        plan.title = re.sub(
            r"(推进举措|推进措施|目标任务分解表|任务分解表|项目清单)$", "", header.tidy(walker.attach_titles[0])
        )
        year = header.YEAR.search(plan.title)
        plan.year = plan.year or (int(year.group(1)) if year else None)
    if not plan.title:
        plan.title = f"{plan.year}年民生实事" if plan.year else "民生实事"
    return plan, walker, used


def _coverage(plan: ParsedPlan, source: Lines, walker: _Walker, furniture: set[int]) -> None:
    """Share of the source's characters read into the plan; page furniture counts as read, not as content."""
    unread: set[int] = set()
    for no, _line in walker.unplaced:
        unread.update(walker.groups.get(no, [no]))
    text = dict(source)
    letter = _letter_lines(source, plan)
    unread = {
        no
        for no in unread
        if no in text
        and no not in furniture
        and no not in letter
        and not PAGE_NUMBER.match(text[no])
        and not FURNITURE.search(text[no])
    }

    def weight(line: str) -> int:
        return len(re.sub(r"\s", "", line))

    total = sum(weight(line) for _no, line in source)
    pieces: dict[int, int] = {}  # a line cut into pieces ((1)…(2)… in one paragraph) misses only its unread pieces
    for no, line in walker.unplaced:
        pieces[no] = pieces.get(no, 0) + weight(line)
    missed = sum(min(weight(text[no]), pieces.get(no, weight(text[no]))) for no in unread)
    plan.coverage = round(1 - missed / total, 4) if total else 0.0
    plan.unread_lines = sorted(unread)


LETTER = re.compile(
    r"印发给你们|现将.{0,40}(?:通知|如下|印发|下达)|请.{0,12}(?:认真|结合|抓好|遵照|贯彻)|特此通知|"
    r"经.{1,12}同意|通知如下|安排如下|公布如下|^附\s*件\s*[:：]|^\d\s*[.．、].{2,40}(?:表|清单|举措|措施)$"
)
SALUTATION = re.compile(r"^[^。；]{2,80}(?:单位|部门|政府|办事处|街道|乡镇|各镇|委员会|办|局|机构|企业)[:：]$")


def _letter_lines(source: Lines, plan: ParsedPlan) -> set[int]:
    """The notice's own letter around the list: the salutation, the sentences that hand the list over
    (现将…印发给你们，请认真贯彻执行), the list of attachments, the signature and the date, the title
    repeated. Read as the letter — not as projects — so they are not highlighted as unread."""
    out: set[int] = set()
    lines = list(source)
    for i, (no, line) in enumerate(lines):
        text = line.strip()
        nxt = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
        if (
            SALUTATION.match(text)
            or (LETTER.search(text) and len(text) <= 160)
            or header.parse_date(text)
            or (header.parse_date(nxt) and len(text) <= 30 and header.OFFICE_END.search(text))
            or (plan.notice_title and header.tidy(text) in (plan.notice_title, plan.title))
        ):
            out.add(no)
    return out


PROGRESS_WORDS = re.compile(
    r"累计完成|完成率|完成进度|累计进度|截至\s*\d{1,2}\s*月|截止\s*\d{1,2}\s*月|进展情况|已完成|当前进度"
)
NOT_A_NOTICE = (
    "这是一份进展情况表或进展报告（含“{words}”），不是年度民生实事通知，未导入。"
    "完成情况请用“导入进展”导入（命令行：msdesk import progress 文件 --db 台账文件）。"
)


class NotANoticeError(MsdeskError):
    exit_code = 4


def refuse_progress(source: Lines, raw: dict[int, str]) -> None:
    """A progress table or report (累计完成, 完成率, 截至…月底) is not a plan: its figures are achievements."""
    for no, line in source:
        cells = [c for c in raw.get(no, line).split("\t") if c.strip()]
        if len(cells) >= 3 or len(line) <= 60:
            words = {m.group(0) for m in PROGRESS_WORDS.finditer(re.sub(r"\s", "", line))}
            core = {w for w in words if w.startswith(("累计完成", "完成率", "完成进度", "累计进度"))}
            if core and len(words) >= 2 and (len(cells) >= 3 or not re.search(r"[。；]", line)):
                raise NotANoticeError(NOT_A_NOTICE.format(words="”“".join(sorted(words))))
    heads = {re.sub(r"[\s|｜]", "", line) for _no, line in source if len(re.sub(r"[\s|｜]", "", line)) <= 6}
    if "累计完成" in heads and heads & {"完成率", "累计进度", "完成进度", "进度"}:
        raise NotANoticeError(
            NOT_A_NOTICE.format(
                words="累计完成”“" + "”“".join(sorted(heads & {"完成率", "累计进度", "完成进度", "进度"}))
            )
        )
    body = "".join(line for _no, line in source)
    dated = re.search(r"截[至止]\s*(?:20\d{2}\s*年\s*)?\d{1,2}\s*月(?:底|末|\d{1,2}\s*日)", body)
    if dated and len(re.findall(r"累计完成|完成率", body)) >= 3:
        raise NotANoticeError(NOT_A_NOTICE.format(words=dated.group(0) + "”“累计完成"))
