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

from ..errors import MsdeskError
from ..unit_names import split_units as _units
from . import header
from .indicators import extract, fallback_indicator, measure_rates
from .model import ParsedCategory, ParsedMeasure, ParsedPlan, ParsedProject, ParsedRate
from .numbers import CN_NUMERAL, to_int

EMPTY_TEXT = "通知内容为空：请粘贴通知全文，或选择 .txt / .docx / .pdf 文件。"

_CN = f"[{CN_NUMERAL}]"
PAREN_HEADING = re.compile(rf"^[（(]\s*({_CN}{{1,3}})\s*[）)]\s*([^，。；]{{1,30}}?)\s*[（(]\s*共?\s*(\d+|{_CN}{{1,3}})\s*项\s*[）)]\s*$")
HEADING = re.compile(rf"^({_CN}{{1,3}})\s*[、.．]\s*(.{{1,40}}?)\s*(?:[（(]\s*共?\s*(\d+|{_CN}{{1,3}})\s*项\s*[）)])?\s*$")
ITEM = re.compile(rf"^(?:(?P<p>[（(]\s*(?P<pn>\d{{1,3}}|{_CN}{{1,5}})\s*[）)])|(?P<d>(?P<dn>\d{{1,3}})\s*[.．、](?!\d)))\s*(?P<rest>.*)$")
ATTACH = re.compile(r"^附\s*件\s*([0-9０-９一二三四五六七八九十]{0,3})\s*([:：]?)\s*(.*)$")
MEASURE_HEAD = re.compile(r"^(推进措施|推进举措|工作措施|主要措施|具体措施|实施措施|保障措施|工作举措|主要举措)\s*(?:[:：]\s*(.*)|$)")
LIST_START = re.compile(r"^(分别为|分别是|具体为|具体是|包括|为)\s*[:：]\s*(.*)$")
TAIL_PAREN = re.compile(r"^[（(]\s*(牵头|责任单位|配合单位|协办单位|主责单位|属|[\u4e00-\u9fff]{0,8}无任务)")
LEAD = re.compile(r"[（(]\s*(?:牵头单位|牵头部门|责任单位|主责单位|牵头)\s*[:：]\s*([^）)]*)(?:[）)]|$)")
MARKER = re.compile(r"[（(]\s*([^（）()]{0,12}?(?:[省市区县]级任务|无任务))\s*[）)]")
OTHER_SECTION = re.compile(r"指导思想|总体要求|基本原则|保障措施|工作要求|组织领导|组织保障|工作步骤|时间安排|"
                           r"进度安排|考核|附则|背景|目的|意义|工作机制")
MEASURE_SECTION = re.compile(r"实施内容|推进措施|推进举措|主要措施|具体措施|工作措施|实施路径|主要举措|工作举措")
NUMBER_TOKEN = re.compile(rf"^(?:\d{{1,3}}\s*[.．、]|[（(]\s*(?:\d{{1,3}}|{_CN}{{1,5}})\s*[）)]|{_CN}{{1,3}}\s*[、.．])$")
PAGE_NUMBER = re.compile(r"^(?:[-—–－_\s]*\d{1,3}[-—–－_\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
BARE_UNITS = re.compile(r"^(牵头单位|牵头部门|责任单位|主责单位|配合单位|协办单位)\s*[:：]\s*(.+)$")
TERMINAL = ("。", "；", ";", "）", ")", "！", "？", "：", ":")  # not ”: a line may break right after a quotation
_NORM = re.compile(r"[\s，,。；;：:、“”\"'（）()《》【】\-—]")


@dataclass
class _Occ:
    kind: str                      # 'item' | 'list'
    seq: str
    number: int | None
    style: str | None
    line_no: int
    segment: int
    section: str                   # 'project' | 'measures'
    category: int | None
    parts: list[str] = field(default_factory=list)
    measures: list[list] = field(default_factory=list)   # [seq, text, numbered, style]
    measure_mode: bool = False
    lines: list[int] = field(default_factory=list)
    name: str | None = None        # from a 项目名称 column of a table

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def last_open(self) -> bool:
        """True when the last text written does not end a sentence (a page break cut it)."""
        last = self.measures[-1][1] if self.measure_mode and self.measures else self.text
        return bool(last) and not last.rstrip().endswith(TERMINAL)

    def closed(self) -> bool:
        text = self.text
        return bool(LEAD.search(text) or MARKER.search(text)) and text.rstrip().endswith(("）", ")"))


def _norm(text: str) -> str:
    return _NORM.sub("", text)


# text copied from Word, WPS or a web page: no-break and typographic spaces are plain spaces (a search for
# “0.67 万人” must find the project), zero-width characters and the BOM go
_INVISIBLE = {**{ord(c): " " for c in "\xa0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"},
              **{ord(c): None for c in "\ufeff\u200b\u200c\u200d\u2060"}}


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.translate(_INVISIBLE).strip(" \t\u3000\r")
        line = re.sub(r"^[-•·●▪]\s+", "", line)
        if line:
            out.append((no, line))
    return out


class _Walker:
    """First pass: lines → categories and occurrences, plus the lines left over."""

    def __init__(self, plan: ParsedPlan):
        self.plan = plan
        self.occs: list[_Occ] = []
        self.cat_keys: dict[tuple, int] = {}
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
        self.table: dict | None = None  # column positions while inside a project table
        self.attach_titles: list[str] = []
        self.raw: dict[int, str] = {}

    def walk(self, lines, skip: set[int], raw: dict[int, str]) -> None:
        self.raw = raw
        for no, line in lines:
            if no in skip:
                continue
            self.line(no, line)

    def line(self, no: int, line: str) -> None:
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
        h = HEADING.match(line) or PAREN_HEADING.match(line)
        if h and _heading_name_ok(h) and not self._continues(line):
            self.heading(no, h)
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
                self.occ.measures.append([None, mh.group(2), False, None])
            return
        ls = LIST_START.match(line)
        if ls and self.category is not None and self.section == "project" and not self.attach_list \
                and (self.occ is None or self.occ.kind == "list" or self.occ.closed()):
            self.new_occ(no, "list", "", None, None, ls.group(2))
            return
        it = ITEM.match(line)
        if it and not self.attach_list:
            if self.item(no, line, it):
                return
        self.text(no, line)

    # -- project lists laid out as a table (a .docx table arrives as tab-separated rows) --
    def table_row(self, no: int) -> bool:
        cells = [c.strip(" \u3000\xa0\r\n") for c in self.raw[no].split("\t")]
        header = _table_header(cells)
        if header:
            self.table, self.occ, self.style = header, None, None
            return True
        if self.table is None:
            return False
        first = next((c for c in cells if c), "")
        h = HEADING.match(first) or PAREN_HEADING.match(first)
        if h and len(set(c for c in cells if c)) <= 2 and _heading_name_ok(h):
            self.heading(no, h)  # a category row inside the table: the table goes on
            return True
        def get(key: str) -> str:
            return cells[self.table[key]] if key in self.table and self.table[key] < len(cells) else ""
        seq_cell = get("seq")
        number = to_int(re.sub(r"^[（(](.+)[）)]$", r"\1", seq_cell).rstrip(".．、")) if seq_cell else None
        content, name = get("content"), get("name")
        if number is None:
            if not seq_cell and self.occ is not None and self.occ.style == "table" and (content or name):
                self.occ.parts[0] += content or name  # the item's row went on in the next row
                self.occ.lines.append(no)
                return True
            return False
        tail = ""
        if get("lead"):
            tail = f"（牵头单位：{get('lead')}" + (f"；配合单位：{get('partner')}" if get("partner") else "") + "）"
        elif get("partner"):
            tail = f"（配合单位：{get('partner')}）"
        if get("level"):
            tail += f"（{get('level')}）" if re.search(r"级任务|无任务", get("level")) else ""
        self.new_occ(no, "item", seq_cell, number, "table", content or name)
        self.occ.parts = [content or name, tail]
        self.occ.name = name if content and name else None
        if get("measures"):
            self.occ.measures = [[None, m.strip(), False, None] for m in re.split(r"(?<=[。；;])\s*(?=\d{1,2}\s*[.．、])|\n", get("measures")) if m.strip()]
        return True

    def _number_goes_on(self, line: str) -> bool:
        """A bare "0" after "不少于 10" is the rest of a number cut by the line break, not a page number."""
        if not line.isdigit() or self.occ is None or not self.occ.last_open():
            return False
        last = self.occ.measures[-1][1] if self.occ.measure_mode and self.occ.measures else self.occ.text
        return last[-1:].isdigit() or last.rstrip().endswith((".", "于", "到", "达", "为", "约", "共", "计", "超过"))

    def _continues(self, line: str) -> bool:
        return self.occ is not None and self.occ.last_open() and len(line) > 25

    def heading(self, no: int, h) -> None:
        seq, name, count = h.group(1), header.tidy(h.group(2)), h.group(3)
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
            self.plan.categories.append(ParsedCategory(name=name, seq=seq,
                                                       declared_count=to_int(count) if count else None))
        self.category = self.cat_keys[key]
        self.structure_seen = True

    def item(self, no: int, line: str, it) -> bool:
        style = "paren_cn" if it.group("pn") and not it.group("pn").isdigit() else ("paren" if it.group("p") else "dot")
        digits = it.group("pn") or it.group("dn")
        number = to_int(digits)
        rest = it.group("rest")
        occ = self.occ
        if occ is not None and occ.last_open():
            expected = {(occ.number or 0) + 1, self._last_measure_number() + 1}
            if number not in expected and not (number == 1 and style != self.style):
                return False  # a wrapped line that happens to start with a number
        if occ is not None and self.style is not None and style != self.style:
            # numbered differently from the items: a measure, or a sub-point of the last measure
            measure_style = self._measure_style()
            if occ.measure_mode and measure_style not in (None, style):
                self._append_measure(line)
                occ.lines.append(no)
                return True
            if style == "dot" or occ.measure_mode:
                occ.measure_mode = True
                occ.measures.append([digits, rest, True, style])
                occ.lines.append(no)
                return True
        elif occ is not None and occ.measure_mode and self._is_next_measure(occ, number, line):
            occ.measures.append([digits, rest, True, style])
            occ.lines.append(no)
            return True
        if self.section == "other":
            return False
        self.style = self.style or style
        seq = it.group("p").strip() if it.group("p") else it.group("dn")
        self.new_occ(no, "item", seq, number, style, rest)
        return True

    def _is_next_measure(self, occ: _Occ, number: int | None, line: str) -> bool:
        """Items and measures numbered alike (1. … 推进措施：1. 2. … 2.): the sequences tell them apart."""
        item_next = (occ.number or 0) + 1
        measure_next = self._last_measure_number() + 1
        if number != measure_next or self._measure_style() not in (None, self.style):
            return False
        return number != item_next or not (LEAD.search(line) or MARKER.search(line))

    def _measure_style(self) -> str | None:
        for measure in reversed(self.occ.measures):
            if measure[2]:
                return measure[3]
        return None

    def _last_measure_number(self) -> int:
        for measure in reversed(self.occ.measures):
            if measure[2] and measure[0] and to_int(measure[0]) is not None:
                return to_int(measure[0])
        return 0

    def _append_measure(self, line: str) -> None:
        if self.occ.measures:
            last = self.occ.measures[-1]
            last[1] += line if self.occ.last_open() else "\n" + line
        else:
            self.occ.measures.append([None, line, False, None])

    def new_occ(self, no, kind, seq, number, style, text) -> None:
        self.occ = _Occ(kind=kind, seq=seq, number=number, style=style, line_no=no, segment=self.segment,
                        section=self.section, category=self.category, parts=[text] if text else [], lines=[no])
        self.occs.append(self.occ)
        self.structure_seen = True

    def text(self, no: int, line: str) -> None:
        occ = self.occ
        if occ is None or self.attach_list:
            self.unplaced.append((no, line))
            return
        if occ.measure_mode:
            if occ.measures and (occ.last_open() or occ.measures[-1][2]):
                self._append_measure(line)
            else:
                occ.measures.append([None, line, False, None])
            occ.lines.append(no)
            return
        if occ.kind == "list" and not occ.last_open():
            self.unplaced.append((no, line))
            return
        if occ.closed() and not occ.last_open():
            self.unplaced.append((no, line))
            self.occ = None
            return
        occ.parts.append(line)
        occ.lines.append(no)


LEAD_BARE = re.compile(r"(?:^|[。；;，,\s])((?:牵头单位|牵头部门|责任单位|主责单位)\s*[:：]\s*([^。；;（）()]+?))[。；;]?\s*$")
TABLE_COLUMNS = {
    "seq": re.compile(r"^序\s*号$|^编号$"),
    "name": re.compile(r"^(项目名称|项目|名称|民生实事项目|事项)$"),
    "content": re.compile(r"实施内容|目标任务|建设内容|主要内容|工作内容|任务内容|具体内容|工作目标|目标"),
    "lead": re.compile(r"牵头单位|牵头部门|责任单位|主责单位"),
    "partner": re.compile(r"配合单位|协办单位|配合部门"),
    "level": re.compile(r"任务级别|备注"),
    "measures": re.compile(r"推进措施|推进举措|工作措施"),
}


def _table_header(cells: list[str]) -> dict | None:
    """Column positions of a project table's header row (序号 + 项目名称/实施内容 …), else None."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = re.sub(r"\s+", "", cell)
        for key, pattern in TABLE_COLUMNS.items():
            if key not in found and text and pattern.search(text) and len(text) <= 12:
                found[key] = index
                break
    if "seq" in found and ("name" in found or "content" in found):
        return found
    return None


def _split_tail(text: str) -> tuple[str, list[str], list[str], str | None]:
    """Item text → (content, lead units, partner units, task marker as written)."""
    leads: list[str] = []
    partners: list[str] = []
    marker = None
    for m in LEAD.finditer(text):
        body = m.group(1)
        partner_part = re.split(r"[；;，,。\s]\s*(?:配合单位|协办单位|配合部门)\s*[:：]", body)
        leads += _units(partner_part[0])
        for extra in partner_part[1:]:
            partners += _units(extra)
    for m in re.finditer(r"[（(]\s*(?:配合单位|协办单位)\s*[:：]\s*([^）)]*)[）)]?", text):
        partners += _units(m.group(1))
    if not leads:
        bare = LEAD_BARE.search(text)
        if bare:
            leads = _units(bare.group(2))
            text = text[:bare.start(1)].rstrip("，,；; ")
    mm = MARKER.search(text)
    if mm:
        marker = header.tidy(mm.group(1))
    content = LEAD.sub("", text)
    content = re.sub(r"[（(]\s*(?:配合单位|协办单位)\s*[:：][^）)]*[）)]?", "", content)
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
        self.by_number: dict[tuple, ParsedProject] = {}
        self.per_category = _numbering_restarts(walker.occs)  # （一）（二） again under each category
        self.first_segment: dict[int, int] = {}
        self.list_counts: dict[int | None, int] = {}

    def run(self) -> None:
        for occ in self.walker.occs:
            if occ.kind == "list":
                self.add_list(occ)
            else:
                self.add_item(occ)

    def add_item(self, occ: _Occ) -> None:
        content, leads, partners, marker = _split_tail(occ.text)
        project = self.by_number.get(self._key(occ)) if occ.number is not None else None
        title_only = occ.section == "measures" and len(content) <= 30 and "。" not in content.rstrip("。")
        if project is not None and not (_similar(project.content, content) or title_only
                                        or occ.segment > self.first_segment[id(project)]):
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
        else:
            self._merge(project, occ, content, leads, partners, marker, title_only)
        for seq, text, *_rest in occ.measures:
            self._add_measure(project, seq, text)

    def _key(self, occ: _Occ) -> tuple:
        return (occ.category if self.per_category else None, occ.number)

    def _by_text(self, content: str) -> ParsedProject | None:
        if len(_norm(content)) < 6:
            return None
        for project in self.plan.projects:
            if _similar(project.content, content):
                return project
        return None

    def _new_project(self, occ, content, leads, partners, marker) -> ParsedProject:
        if occ.number is not None and self._key(occ) in self.by_number:
            note = f"序号 {occ.seq} 与前面的项目重复，请核对。"
            self.plan.notes.append(note)
        level, level_text = self._category_level(occ.category)
        if marker:
            level, level_text = task_level_of(marker), marker
        project = ParsedProject(seq=occ.seq, content=content, category=occ.category, lead_units=leads,
                                partner_units=partners, task_level=level, task_level_text=level_text,
                                line_no=occ.line_no)
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

    def _merge(self, project, occ, content, leads, partners, marker, title_only) -> None:
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
                    _LEVEL_RANK[level] == _LEVEL_RANK[project.task_level] and not project.task_level_text):
                was = project.task_level_text or "（正文未标注）"
                project.notes.append(f"任务级别：正文为“{was}”，第{occ.line_no}行为“{marker}”，按“{marker}”处理。")
                project.task_level, project.task_level_text = level, marker
            else:
                project.notes.append(f"任务级别：第{occ.line_no}行标为“{marker}”，保留“{project.task_level_text}”。")

    def _add_measure(self, project: ParsedProject, seq, text: str) -> None:
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
            project = ParsedProject(seq=seq, content=name, name=None, category=occ.category, task_level=level,
                                    task_level_text=level_text, line_no=occ.line_no)
            project.notes.append("来自一句话列出的项目清单，序号由程序编排。")
            self.plan.projects.append(project)
            self.first_segment[id(project)] = occ.segment

    def _unplace(self, occ: _Occ, why: str) -> None:
        self.plan.notes.append(f"第{occ.line_no}行“{occ.seq}”{why}，相关文字列入未归入内容。")
        lines = dict(self.walker.all_lines)
        for no in occ.lines:
            self.walker.unplaced.append((no, lines[no]))


def _numbering_restarts(occs: list[_Occ]) -> bool:
    """True when the first list numbers its items afresh under each category (一、… （一）（二）; 二、… （一）…)."""
    items = [o for o in occs if o.kind == "item" and o.number is not None and o.section == "project"]
    if not items:
        return False
    first = [o for o in items if o.segment == items[0].segment]
    return any(b.number <= a.number and b.category != a.category for a, b in zip(first, first[1:]))


def _split_list(body: str) -> list[str]:
    """Split on 、 outside quotes and brackets."""
    parts, depth, current = [], 0, []
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


def _finish(plan: ParsedPlan) -> None:
    for project in plan.projects:
        indicators, rates = extract(project.content)
        for index, measure in enumerate(project.measures):
            for rate in measure_rates(measure.text):
                rate.measure_index = index
                rates.append(rate)
        if not indicators:
            indicators = [fallback_indicator(project.content)]
        project.indicators = indicators
        project.rates = _unique_rates(rates)
    for index, cat in enumerate(plan.categories):
        found = len(plan.projects_in(index))
        if cat.declared_count is not None and found != cat.declared_count:
            plan.notes.append(f"类别“{cat.seq}、{cat.name}”标明 {cat.declared_count} 项，识别到 {found} 项，请核对。")


def _unique_rates(rates: list[ParsedRate]) -> list[ParsedRate]:
    seen, out = set(), []
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


def _heading_name_ok(h) -> bool:
    """一、促进就业 is a heading; 三、四级困难残疾人…；… (a wrapped 一、二级 list) is not."""
    name, count = h.group(2), h.group(3)
    if re.search(r"[。，,；;：:]", name) or re.match(rf"^{_CN}*级", name):
        return False
    return count is not None or len(name) <= 20


def _first_structure(lines) -> int:
    """Index of the first line of the list itself: the masthead is read from the lines before it."""
    def counted_heading(line):
        h = HEADING.match(line) or PAREN_HEADING.match(line)
        return h is not None and h.group(3) is not None

    firm = (i for i, (_no, line) in enumerate(lines)
            if counted_heading(line) or (ITEM.match(line) and LEAD.search(line))
            or ("\t" in line and _table_header(line.split("\t"))))
    loose = (i for i, (_no, line) in enumerate(lines) if ITEM.match(line) and not ATTACH.match(line))
    return next(firm, None) or next(loose, len(lines))


def parse_notice(text: str) -> ParsedPlan:
    """Parse the text of a 民生实事 notice. Raises MsdeskError only for empty input."""
    return _parse(text)[0]


def _parse(text: str):
    """parse_notice, also returning the walker and the masthead lines (tests check every line is accounted for)."""
    if text is None or not str(text).strip():
        raise MsdeskError(EMPTY_TEXT)
    text = str(text)
    plan = ParsedPlan(source_text=text)
    lines = _lines(text)
    first = _first_structure(lines)
    used = header.read_header(lines[:first], plan)
    walker = _Walker(plan)
    walker.all_lines = lines
    walker.walk(lines, used, {no: raw for no, raw in enumerate(text.splitlines(), 1)})
    _Merger(plan, walker).run()
    _drop_empty_categories(plan, walker)
    _finish(plan)
    plan.unplaced_lines = [line for _no, line in sorted(set(walker.unplaced))]
    if not plan.title and walker.attach_titles:  # only an attachment was pasted: "2023 年 50 项民生实事推进举措"
        plan.title = re.sub(r"(推进举措|推进措施|目标任务分解表|任务分解表|项目清单)$", "", header.tidy(walker.attach_titles[0]))
        year = header.YEAR.search(plan.title)
        plan.year = plan.year or (int(year.group(1)) if year else None)
    if not plan.title:
        plan.title = f"{plan.year}年民生实事" if plan.year else "民生实事"
    return plan, walker, used
