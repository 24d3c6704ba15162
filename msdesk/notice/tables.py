"""Rebuild project tables from text that lost their structure.

Text copied from WPS/Word/a web page, or extracted from a PDF, often has a table's
cells one per line, split by tabs and blank lines, with the header row repeated at
every page top and page numbers in between. The header row tells the columns
(序号, 牵头单位, 实施内容 …, also spaced: 实 施 内 容); every fragment after it is given
to a column by what it looks like (a number, a unit's name, a deadline, a task
marker, free text) and by the order of the columns: a fragment that can only belong
to a column already passed starts the next row, which is how rows whose 序号 was lost
are still told apart. The result is one tab-separated line per row, which the parser
reads like a table from a .docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeAlias

from .blocks import cell_text, rejoin_cjk

Lines: TypeAlias = list[tuple[int, str]]  # (1-based line no, text) as the parser reads them
Raw: TypeAlias = dict[int, str]  # line no → the line as written (tabs and spaces kept)

# column key → header spellings (compared with all spaces removed)
COLUMNS = {
    "seq": ("序号", "编号"),
    "lead": ("牵头单位", "牵头部门", "责任单位", "主办单位", "主责单位", "责任部门", "牵头责任单位", "实施单位"),
    "partner": ("配合单位", "协办单位", "配合部门", "参与单位"),
    "name": ("项目名称", "民生实事项目", "名称", "项目"),
    "content": (
        "实施内容",
        "民生实事",
        "目标任务",
        "建设内容",
        "主要内容",
        "工作内容",
        "任务内容",
        "具体内容",
        "工作目标",
        "年度目标",
        "目标任务及内容",
        "主要目标任务",
        "目标",
        "工作任务",
        "重点任务",
        "任务",
        "民生实事任务",
        "主要任务",
    ),
    "measures": ("推进措施", "工作措施", "推进举措", "主要措施", "具体措施"),
    "deadline": ("完成时限", "时间节点", "完成时间", "时限要求", "时限"),
    "level": ("备注", "任务级别"),
    "category": ("类别", "项目类别", "类型", "领域"),
    # people: read so that the row stays whole, kept nowhere (msdesk records offices, not officials)
    "people": (
        "区政府分管领导",
        "县政府分管领导",
        "市政府分管领导",
        "分管区领导",
        "分管县领导",
        "分管市领导",
        "分管领导",
        "责任领导",
        "牵头领导",
        "包保领导",
        "项目责任人",
        "责任人",
        "联系人",
        "联系电话",
    ),
}
_TERMS = sorted(((term, key) for key, terms in COLUMNS.items() for term in terms), key=lambda t: -len(t[0]))
UNIT_END = re.compile(
    r"(局|委|办|院|会|部|处|厅|站|所|队|中心|公司|政府|街道|镇|乡|社|馆|团|联|司|署|集团|办事处|管委会|"
    r"各镇|各街道|镇街|乡镇|各乡镇（街道）|各镇（街道）|各街镇|园区)$"
)
DEADLINE = re.compile(
    r"^(?:(?:20\d{2}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底|末|中旬|上旬|下旬|份)?(?:前|以前)?"
    r"[^。；，,]{0,8}|(?:20\d{2}\s*年\s*)?(?:年底|年末)(?:前|以前)?[^。；，,]{0,8}|年内(?:完成)?|全年|长期|"
    r"长期坚持|持续推进|常态化(?:开展|推进)?)$"
)
LEVEL = re.compile(r"无任务|[省市区县]级任务|属[省市]级")
SEQ = re.compile(r"^[（(]?\s*(\d{1,3})\s*[）)]?\s*[.．、]?$")
MEASURE_START = re.compile(r"^(?:[（(]\s*\d{1,2}\s*[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|\d{1,2}\s*[.．、](?!\d))")
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_\s]*\d{1,3}[-—–－_\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)
HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|附\s*件)")
FURNITURE = re.compile(
    r"^(?:抄送|印发|发布时间|发布日期|来源|信息来源|阅读次数|浏览次数|访问次数|点击数|字号|字体|责任编辑|"
    r"打印本页|关闭窗口|【打印|【关闭|当前位置|您现在的位置|您现在所在的位置|首页\s*[>＞›»/]|分享到|"
    r"无障碍|长辈版|扫一扫|索引号|组配分类|主题分类|发布机构|发文机关|公开方式|公开范围|成文日期|"
    r"有效性|名称\s*[:：]|文号\s*[:：]\s*$|（此件公开发布）|\(此件公开发布\))|"
    r"[>＞›»]\s*(?:通知公告|政务公开|信息公开|政策文件)|(?:发布时间|阅读次数|浏览次数)\s*[:：]|"
    r"^[（(]\s*来源\s*[:：]|^.{0,30}\d{1,2}\s*日\s*印发$"
)
_FREE = ("content", "measures", "name", "level", "partner")


def cell_column(cell: str) -> str | None:
    """One header cell → its column: 实 施 内 容 → content, 年度目标任务 → content, 牵头 单位 → lead."""
    keys = _terms(re.sub(r"[\s\u3000]+", "", cell))
    return keys[0] if keys and len(set(keys)) == 1 else None


def header_columns(line: str) -> list[str] | None:
    """A line made only of header terms (序号 牵头单位 实 施 内 容 …) → the column keys in order, else None."""
    cells = [c for c in re.split(r"\t", line) if c.strip()]
    if len(cells) > 1:
        keys = [key for key in map(cell_column, cells) if key]
        return keys if len(keys) == len(cells) else None
    words = line.split()
    if len(words) > 1:
        keys = [key for key in map(cell_column, words) if key]
        if len(keys) == len(words) and len(set(keys)) == len(keys):
            return keys
    single = cell_column(line)
    return [single] if single else _terms(re.sub(r"[\s\u3000]+", "", line))


_TERM_RE = re.compile("|".join(re.escape(term) for term, _key in _TERMS))  # longest first: 年度目标 before 目标
_KEY_OF = dict(_TERMS)


def _terms(text: str) -> list[str] | None:
    """序号牵头单位实施内容 → [seq, lead, content]: the text cut into header terms, else None."""
    found = _cut(text)
    return list(found) if found is not None else None


@lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...] | None:
    if not text or len(text) > 60:
        return None
    keys, i = [], 0
    while i < len(text):
        m = _TERM_RE.match(text, i)
        if not m:
            return None
        keys.append(_KEY_OF[m.group(0)])
        i = m.end()
    return tuple(keys)


@dataclass
class Rebuilt:
    lines: list[tuple[int, str]]  # the lines the parser reads, rows tab-joined
    raw: dict[int, str] = field(default_factory=dict)  # line no → raw text, for rows made here
    groups: dict[int, list[int]] = field(default_factory=dict)  # a made row's line no → every source line in it
    furniture: set[int] = field(default_factory=set)  # repeated headers, page numbers: read, not content
    notes: dict[int, str] = field(default_factory=dict)  # a made row's line no → what was done to it


def rebuild(lines: list[tuple[int, str]], raw: dict[int, str]) -> Rebuilt:
    """Find headers whose table lost its rows and rebuild the rows; lines elsewhere pass through."""
    out = Rebuilt(lines=[])
    i = 0
    while i < len(lines):
        found = _header_at(lines, i, raw)
        if found is None:
            out.lines.append(lines[i])
            i += 1
            continue
        columns, used = found
        if _rows_intact(lines, i + used, raw, len(columns)):
            out.lines.append(lines[i])
            i += 1
            continue
        header_nos = [no for no, _line in lines[i : i + used]]
        starts = _layout_starts(raw.get(header_nos[0], ""), columns) if used == 1 else None
        if starts and "category" not in columns:
            out.lines.append((header_nos[0], "\t".join(_LABEL[c] for c in columns)))
            out.raw[header_nos[0]] = out.lines[-1][1]
            out.groups[header_nos[0]] = header_nos
            i = _layout_rows(lines, i + 1, columns, starts, raw, out)
            continue
        out.lines.append((header_nos[0], "\t".join(_LABEL[c] for c in columns if c != "category")))
        out.raw[header_nos[0]] = out.lines[-1][1]
        out.groups[header_nos[0]] = header_nos
        i = _rows(lines, i + used, columns, raw, out)
    return out


# -- a table laid out with spaces (pdftotext -layout, a PDF copied as text): cells by their position --
_SEGMENT = re.compile(r"\S(?:\S| (?! ))*")


def _layout_starts(header: str, columns: list[str]) -> list[int] | None:
    """Where each header term starts on its line, when the header is laid out with runs of spaces."""
    if "\t" in header.strip() or not re.search(r"\S {2,}\S", header):
        return None
    segments = list(_SEGMENT.finditer(header.rstrip()))
    if len(segments) != len(columns) or len(segments) < 3:
        return None
    if [cell_column(m.group(0)) for m in segments] != columns:
        return None
    return [m.start() for m in segments]


def _seq_at(text: str, starts: list[int], columns: list[str]) -> bool:
    """True when the line has a 序号 under the 序号 column."""
    m = _SEGMENT.search(text)
    if m is None:
        return False
    following = starts[columns.index("seq") + 1] if columns.index("seq") + 1 < len(starts) else 10**6
    return m.start() < following - 1 and bool(SEQ.match(m.group(0)))


def _layout_rows(lines: Lines, i: int, columns: list[str], starts: list[int], raw: Raw, out: Rebuilt) -> int:
    """Rows of a table laid out with spaces: a block of lines between blank lines is one row; every piece of
    text goes to the column its position falls under, so a cell wrapped over several lines is read whole."""
    block: list[tuple[int, str]] = []

    def column_of(at: int) -> str:
        """The column whose header starts nearest: text sits under its header, a little left of it when the
        header is centred over a wide column."""
        return columns[min(range(len(starts)), key=lambda k: (abs(starts[k] - at), -k))]

    def pieces(text: str) -> list[tuple[int, str]]:
        """Pieces of text with their column: runs of two spaces part them, and so does a single space where
        the text after it starts right under a column (a cell crowded against its neighbour)."""
        out = []
        for m in _SEGMENT.finditer(text):
            at, piece = m.start(), m.group(0)
            for k in range(1, len(piece)):
                right = piece[k:]
                if (
                    piece[k - 1] == " "
                    and k > 1
                    and column_of(at + k) != column_of(at)
                    and len(right) >= 2
                    and (UNIT_END.search(right) or DEADLINE.match(right))
                ):
                    out.append((at, piece[: k - 1]))
                    at, piece = at + k, piece[k:]
                    break
            out.append((at, piece))
        return out

    def emit(first: int, nos: list[int], cells: dict[str, list[str]]) -> None:
        row = []
        for key in columns:
            parts = cells.get(key, [])
            if key in ("lead", "partner"):
                row.append(cell_text(parts) if all(UNIT_END.search(p) for p in parts) else "".join(parts))
            elif key == "measures":
                row.append(" ".join(parts).replace(" (", "(") if parts else "")
            else:
                row.append(rejoin_cjk("".join(parts)))
        if any(row):
            text = "\t".join(row)
            out.lines.append((first, text))
            out.raw[first] = text
            out.groups[first] = nos

    def flush() -> None:
        if not block:
            return
        lines_cells = []
        for _no, text in block:
            found = pieces(text)
            if len(block) == 1 and len(found) == len(columns):
                lines_cells.append([(columns[k], piece) for k, (_at, piece) in enumerate(found)])
            else:  # by position; a line with a piece for every column is typed with spaces, maybe unaligned
                lines_cells.append([(column_of(at), piece) for at, piece in found])
        dated = [
            k
            for k, cells in enumerate(lines_cells)
            if any(key == "deadline" for key, _p in cells) and any(key == "content" for key, _p in cells)
        ]
        if "deadline" in columns and len(dated) >= 2:
            # sub-tasks, each on its own line with its own 完成时限: the first with the row, the others after it
            groups = [[k for k in range(len(block)) if k < dated[1]]]
            groups += [[k for k in range(start, end)] for start, end in zip(dated[1:], dated[2:] + [len(block)])]
            for n, members in enumerate(groups):
                cells: dict[str, list[str]] = {}
                for k in members:
                    for key, piece in lines_cells[k]:
                        cells.setdefault(key, []).append(piece)
                if n:
                    cells.pop("seq", None)
                emit(block[members[0]][0], [block[k][0] for k in members], cells)
        else:
            cells = {}
            for line_cells in lines_cells:
                for key, piece in line_cells:
                    cells.setdefault(key, []).append(piece)
            emit(block[0][0], [no for no, _t in block], cells)
        block.clear()

    previous = None
    while i < len(lines):
        no, line = lines[i]
        text = raw.get(no, line).rstrip()
        if (PAGE_NUMBER.match(line) and not ("seq" in columns and SEQ.match(line.strip()))) or FURNITURE.search(line):
            flush()
            out.furniture.add(no)
            if FURNITURE.search(line):
                return i
            previous = no
            i += 1
            continue
        found = _header_at(lines, i, raw)
        if found is not None:
            flush()
            if found[0] != columns:
                return i
            page_starts = _layout_starts(text, columns)
            starts = page_starts or starts  # the header again on the next page, maybe shifted
            out.furniture.add(no)
            previous = no
            i += 1
            continue
        if _ends_table(line, lines, i, raw) or (HEADING.match(line.strip()) and not text.startswith(" ")):
            flush()
            return i
        if previous is not None and no > previous + 1:
            flush()  # a blank line: the next row
        elif (
            "seq" in columns and _seq_at(text, starts, columns) and any(_seq_at(t, starts, columns) for _n, t in block)
        ):
            flush()  # rows not parted by blank lines: a second 序号 starts the next row
        block.append((no, text))
        previous = no
        i += 1
    flush()
    return i


_LABEL = {
    "seq": "序号",
    "lead": "牵头单位",
    "partner": "配合单位",
    "name": "项目名称",
    "content": "实施内容",
    "measures": "推进措施",
    "deadline": "完成时限",
    "level": "备注",
    "people": "分管领导",
}


def _cells(no: int, line: str, raw: dict[int, str]) -> list[str]:
    return [c.strip(" \u3000\xa0") for c in raw.get(no, line).split("\t")]


def _row_cells(no: int, line: str, raw: dict[int, str]) -> list[str]:
    """A row's cells: tab-separated, or — a table typed with spaces — separated by runs of two or more spaces."""
    text = raw.get(no, line)
    if "\t" not in text.strip("\t") and re.search(r"\S(?: {2,}|\u3000+)\S", text.strip()):
        return [c for c in re.split(r" {2,}|\u3000+", text.strip())]
    return _cells(no, line, raw)


def _header_at(lines: Lines, i: int, raw: Raw) -> tuple[list[str], int] | None:
    """Columns of a header starting at line i (on one line, or one term per line), and how many lines it takes."""
    columns: list[str] = []
    used = 0
    while i + used < len(lines) and len(columns) < 12:
        no, line = lines[i + used]
        keys = header_columns("\t".join(_cells(no, line, raw)))
        if not keys:
            break
        columns += keys
        used += 1
        if len(columns) >= 3 and "\t" in raw.get(no, line).strip("\t"):
            break  # a header on one tab-separated line is complete
    if len(columns) < 3 or len(set(columns)) != len(columns):
        return None
    if "seq" not in columns and not ({"lead", "content"} <= set(columns) or {"lead", "name"} <= set(columns)):
        return None
    if not ({"content", "name"} & set(columns)):
        return None
    return columns, used


def _rows_intact(lines: Lines, start: int, raw: Raw, width: int) -> bool:
    """True when the rows after the header are whole tab-separated rows: read them as they are.

    A line with fewer cells between two rows (a cell one per line, a measure on a line of its own) or a row
    whose first cell is not a 序号 (sub-rows) means the table lost its structure."""
    sample = [_cells(no, line, raw) for no, line in lines[start : start + 8]]
    tabbed = [k for k, cells in enumerate(sample) if len(cells) > 1]
    if not tabbed:
        return False
    sample = sample[: tabbed[-1] + 1]
    for cells in sample:
        filled = [c for c in cells if c]
        if len(filled) == 1 and HEADING.match(filled[0]):
            continue  # a category row
        if len(cells) < max(2, width - 1):
            return False
    firsts = [cells[0] for cells in sample if cells[0]]
    return not any(not SEQ.match(c) and not HEADING.match(c) for c in firsts) or len(sample) <= 1


def _kind(fragment: str, columns: list[str]) -> str:
    text = fragment.strip()
    if "seq" in columns and SEQ.match(text):
        return "seq"
    if "category" in columns and HEADING.match(text) and not text.startswith("附") and len(text) <= 30:
        return "category"
    if LEVEL.search(text) and len(text) <= 40:
        return "level"
    if DEADLINE.match(text) and len(text) <= 20:
        return "deadline"
    if (
        len(text) <= 40
        and not re.search(r"[。；;：:]", text)
        and all(UNIT_END.search(u.strip()) for u in re.split(r"[、，,\s]+", text) if u.strip())
    ):
        return "unit"
    if MEASURE_START.match(text):
        return "measure"
    if "people" in columns and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text):
        return "person"  # 李明: a name under 分管领导
    return "text"


def _fits(kind: str, column: str) -> bool:
    return {
        "seq": column == "seq",
        "level": column in ("level", "content", "measures"),
        "category": column == "category",
        "person": column in ("people", "name", "content"),
        "deadline": column == "deadline",
        "unit": column in ("lead", "partner"),
        "measure": column in ("measures", "content"),
        "text": column in _FREE and column != "level",
    }[kind]


class _Row:
    def __init__(self, columns: list[str], first: int):
        self.columns = columns
        self.cells: dict[str, str] = {}
        self.nos = [first]
        self.at = -1  # index of the last column written
        self.subtask = False
        self.category_no = first  # a sub-task row of the item above (序号 left blank)

    def put(self, index: int, text: str, no: int) -> None:
        key = self.columns[index]
        old = self.cells.get(key, "")
        joiner = "、" if key in ("lead", "partner") and old and UNIT_END.search(old) else ""
        if key in ("content", "measures", "level") and old and MEASURE_START.match(text):
            joiner = " "
        if key == "measures" and old and MEASURE_START.match(text):
            joiner = " "
        self.cells[key] = old + joiner + text
        if key == "category":
            self.category_no = no
        self.at = max(self.at, index)
        if no not in self.nos:
            self.nos.append(no)


def _place(row: _Row, kind: str, text: str) -> int | None:
    """The column this fragment goes to in this row, None when it must start the next row."""
    columns = row.columns
    current = columns[row.at] if row.at >= 0 else None
    if current is not None and kind == "text" and current in _FREE and current != "name":
        return row.at  # wrapped text goes on in the column being written
    if (
        current in ("lead", "partner")
        and kind == "text"
        and not UNIT_END.search(row.cells.get(current, ""))
        and len(text) <= 8
    ):
        return row.at  # 市场监 / 管局
    if current == "measures" and kind in ("measure", "level") and kind != "level":
        return row.at
    if current == "content" and kind == "measure" and "measures" not in columns:
        return row.at
    following = row.at + 1
    if (
        kind == "text"
        and following < len(columns)
        and columns[following] in ("lead", "partner")
        and len(text) <= 10
        and not re.search(r"[\d，。；;：:,、]", text)
    ):
        return following  # the start of a unit's name cut by the cell width (区市场监 / 管局)
    stay = current == "partner" or (current == "lead" and "partner" not in columns[row.at + 1 :])
    for index in range(row.at + (0 if stay and kind == "unit" else 1), len(columns)):
        if _fits(kind, columns[index]):
            return index
    if (
        kind == "text"
        and columns[-1] == "level"
        and row.at < len(columns) - 1
        and len(text) <= 30
        and not re.search(r"\d", text)
    ):
        return len(columns) - 1  # a short 备注 that is not a task marker (按照工程进度测算)
    return None


def _seq_number(seq: str) -> int:
    m = SEQ.match(seq.strip())
    return int(m.group(1)) if m else -1


def _next_seq(lines: Lines, i: int, columns: list[str], raw: Raw) -> int | None:
    """The next 序号 written after line i, within a few lines."""
    for no, line in lines[i + 1 : i + 12]:
        for cell in _cells(no, line, raw):
            if cell and _kind(cell, columns) == "seq":
                return _seq_number(cell)
    return None


def _rows(lines: Lines, i: int, columns: list[str], raw: Raw, out: Rebuilt) -> int:
    """Read rows after the header until the table ends; returns the index of the first line after it."""
    row: _Row | None = None
    last_seq = 0

    def flush() -> None:
        nonlocal row, last_seq
        if row is None or not row.cells:
            row = None
            return
        category = row.cells.pop("category", "")
        if category:  # the 类别 cell opens a category: a row of its own, as in a table from a .docx
            out.lines.append((row.category_no, category + "\t\t"))
            out.raw[row.category_no] = category + "\t\t"
            if not row.cells:
                row = None
                return
        first = next((n for n in row.nos if not category or n != row.category_no), row.nos[0])
        seq = row.cells.get("seq", "")
        number = SEQ.match(seq)
        if row.subtask:
            pass
        elif "seq" in columns and not seq:
            seq = str(last_seq + 1)
            row.cells["seq"] = seq
            out.notes[first] = f"第{first}行：序号在原文中缺失，已按前后顺序编为 {seq}，请核对。"
        elif number:
            last_seq = int(number.group(1))
        if number is None and seq:
            last_seq += 1
        text = "\t".join(row.cells.get(c, "") for c in columns if c != "category")
        out.lines.append((first, text))
        out.raw[first] = text
        out.groups[first] = [n for n in row.nos if not category or n != row.category_no]
        row = None

    while i < len(lines):
        no, line = lines[i]
        found = _header_at(lines, i, raw)
        if found is not None:
            if found[0] != columns:
                flush()
                return i  # another table
            # the header again at a page top: the row above may go on below it
            out.furniture.update(n for n, _l in lines[i : i + found[1]])
            i += found[1]
            continue
        if PAGE_NUMBER.match(line) and not ("seq" in columns and SEQ.match(line)):
            out.furniture.add(no)
            i += 1
            continue
        in_column = (
            "category" in columns
            and _kind(line.split("\t")[0], columns) == "category"
            and (
                _table_goes_on(lines, i + 1, columns)
                or (row is not None and columns.index("category") > 0 and row.at == columns.index("category") - 1)
            )
        )
        if (
            HEADING.match(line)
            and not in_column
            and not line.startswith("附")
            and len(line) <= 40
            and _table_goes_on(lines, i + 1, columns)
        ):
            flush()  # a category row inside the table: kept as a row of its own
            out.lines.append((no, line + "\t\t"))
            out.raw[no] = line + "\t\t"
            i += 1
            continue
        if not in_column and _ends_table(line, lines, i, raw) or FURNITURE.search(line):
            flush()
            return i
        cells = _row_cells(no, line, raw)
        seq_ok = (
            "seq" not in columns or not cells[columns.index("seq")] or SEQ.match(cells[columns.index("seq")])
            if len(cells) == len(columns)
            else False
        )
        if seq_ok and sum(1 for c in cells if c) >= 1 and "\t" in raw.get(no, line):
            # a line that kept its columns: each cell goes to its own column
            seq_cell = cells[columns.index("seq")] if "seq" in columns else ""
            text_at = next((k for k, c in enumerate(columns) if c in ("content", "name") and cells[k]), None)
            if row is None or seq_cell:
                flush()
                row = _Row(columns, no)
            elif text_at is not None and row.cells.get(columns[text_at]):
                # the row already has its text: a row whose 序号 was lost, or the item's next sub-task
                subtask = (
                    row.cells.get("seq") and _next_seq(lines, i, columns, raw) == _seq_number(row.cells["seq"]) + 1
                )
                flush()
                row = _Row(columns, no)
                if subtask:
                    row.cells["seq"], row.subtask = "", True
            for at, cell in enumerate(cells):
                if cell:
                    row.put(at, rejoin_cjk(cell), no)
            i += 1
            continue
        for fragment in (c for c in cells if c):
            fragment = rejoin_cjk(fragment)
            kind = _kind(fragment, columns)
            only_category = row is not None and set(row.cells) == {"category"}
            if (kind == "seq" and not only_category) or row is None:
                flush()
                row = _Row(columns, no)
            index = _place(row, kind, fragment)
            if (
                index is None
                and kind == "text"
                and "seq" in columns
                and row.cells.get("seq")
                and _next_seq(lines, i, columns, raw) == _seq_number(row.cells["seq"]) + 1
            ):
                # the numbers run on without a gap: no row was lost, this is the item's next sub-task
                flush()
                row = _Row(columns, no)
                row.cells["seq"] = ""
                row.subtask = True
                index = _place(row, kind, fragment)
            if index is None:
                flush()
                row = _Row(columns, no)
                index = _place(row, kind, fragment)
                if index is None:
                    index = next((k for k, c in enumerate(columns) if c in ("content", "name")), 0)
            row.put(index, fragment, no)
        i += 1
    flush()
    return i


def _table_goes_on(lines: Lines, i: int, columns: list[str]) -> bool:
    if i >= len(lines):
        return False
    first = lines[i][1].split("\t")[0].strip()
    return _kind(first, columns) in ("seq", "unit")


def _ends_table(line: str, lines: Lines, i: int, raw: Raw) -> bool:
    """A heading, an attachment, or a title right before another header ends the rows."""
    text = line.strip()
    if HEADING.match(text) and len(text) <= 40 and "\t" not in text:
        return True
    if (
        i + 1 < len(lines)
        and _header_at(lines, i + 1, raw) is not None
        and len(text) <= 40
        and not re.search(r"[。；]", text)
        and _kind(text, ["seq"]) == "text"
    ):
        return True
    return False


def unquote_cells(
    lines: list[tuple[int, str]], raw: dict[int, str]
) -> tuple[list[tuple[int, str]], dict[int, list[int]]]:
    """Rows copied from Excel/WPS: a cell with line breaks is quoted ("(1)…<newline>(2)…") and runs over
    several lines. Those lines are one row again; the cell's own lines are joined like a Word cell's."""
    from .blocks import cell_text

    out: list[tuple[int, str]] = []
    groups: dict[int, list[int]] = {}
    i = 0
    while i < len(lines):
        no, _line = lines[i]
        text = raw.get(no, _line)
        if "\t" not in text or not _opens_quote(text):
            out.append(lines[i])
            i += 1
            continue
        nos, j = [no], i + 1
        while _opens_quote(text) and j < len(lines) and j - i < 40:
            text += "\n" + raw.get(lines[j][0], lines[j][1])
            nos.append(lines[j][0])
            j += 1
        if _opens_quote(text):  # never closed: not a quoted cell after all
            out.append(lines[i])
            i += 1
            continue
        cells = []
        for cell in _split_quoted(text):
            if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
                cell = cell[1:-1].replace('""', '"')
            cells.append(cell_text(cell.split("\n")) if "\n" in cell else cell)
        row = "\t".join(cells)
        raw[no] = row
        out.append((no, row))
        groups[no] = nos
        i = j
    return out, groups


def _split_quoted(text: str) -> list[str]:
    cells: list[str] = []
    current: list[str] = []
    quoted = False
    for _k, ch in enumerate(text):
        if ch == '"' and (quoted or not current):
            quoted = not quoted
        if ch == "\t" and not quoted:
            cells.append("".join(current))
            current = []
            continue
        current.append(ch)
    cells.append("".join(current))
    return cells


def _opens_quote(text: str) -> bool:
    """True when a cell opened with " is still open at the end of the text."""
    quoted = False
    at_start = True
    for ch in text:
        if ch == '"' and (quoted or at_start):
            quoted = not quoted
        at_start = ch == "\t" and not quoted
    return quoted
