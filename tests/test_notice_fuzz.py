"""Arbitrary and mangled notices never crash the importer: a plan plus unplaced lines, or a clear MsdeskError."""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msdesk.errors import MsdeskError
from msdesk.notice import import_plan, parse_notice
from msdesk.notice.parse import NotANoticeError
from msdesk.notice.reader import decode_text
from msdesk.store import create_store
from tests._fuzz import examples
from tests._notice_fixtures import LIESHAN, YAOHAI, seed_text

SEED_LINES = seed_text(LIESHAN).splitlines() + seed_text(YAOHAI).splitlines()
FRAGMENTS = [
    "一、促进就业（3 项）",
    "（十二）",
    "(3)",
    "1.",
    "12、",
    "（牵头",
    "单位：区民政局）",
    "(牵头单位: 区残联)",
    "（属市级任务）",
    "（烈山区无任务）",
    "推进举措：",
    "推进措施:",
    "分别为：",
    "，共 15 项。",
    "附件 1",
    "附件：",
    "不少于 45 人次",
    "从 99.9844%提高到 99.9850%",
    "1.8 万—2.1 万元",
    "0.5 万人左右",
    "1500 元/人",
    "每人每年",
    "\t",
    "　",
    "（",
    "）",
    "、",
    "。",
    "\n",
    "〔2023〕2号",
    "2024 年 4 月 24 日",
    "十二、瑶海区无任务（15 项）",
]
SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str):
    """The contract: a consistent ParsedPlan, or MsdeskError (only for blank text)."""
    try:
        plan = parse_notice(text)
    except NotANoticeError as exc:  # a progress table or report: refused, pointing to the progress import
        assert "msdesk import progress" in exc.message and re.search(r"累计完成|完成率|累计进度|完成进度", text)
        return None
    except MsdeskError as exc:
        assert exc.message and not text.strip()
        return None
    assert plan.coverage is not None and 0 <= plan.coverage <= 1
    assert all(isinstance(no, int) and no >= 1 for no in plan.unread_lines)
    assert isinstance(plan.unplaced_lines, list)
    for project in plan.projects:
        assert project.seq and project.indicators
        assert project.category is None or 0 <= project.category < len(plan.categories)
        assert project.task_level in ("local", "city", "province", "none")
        for ind in project.indicators:
            assert ind.kind in ("number", "qualitative")
            assert (ind.target is not None) == (ind.kind == "number")
    plan.to_dict()
    return plan


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    check(text)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60))
def test_notice_like_fragments(parts):
    check("".join(parts))


@SETTINGS
@given(st.integers(0, 2**32), st.integers(0, len(SEED_LINES)))
def test_shuffled_and_truncated_seed_lines(seed, cut):
    rnd = random.Random(seed)  # plain seeds: st.randoms() trips Hypothesis' large-base-example check
    lines = SEED_LINES[:cut] if rnd.random() < 0.5 else SEED_LINES[cut:]
    lines = list(lines)
    rnd.shuffle(lines)
    check("\n".join(lines[:300]))


@SETTINGS
@given(st.integers(0, len(seed_text(LIESHAN))), st.integers(0, 2**32))
def test_truncated_and_mixed_width(cut, seed):
    rnd = random.Random(seed)
    text = seed_text(LIESHAN)[:cut]
    table = {"（": "(", "）": ")", "：": ":", "，": ",", "１": "1"}
    text = "".join(table.get(ch, ch) if rnd.random() < 0.3 else ch for ch in text)
    check(text)


@SETTINGS
@given(st.binary(max_size=300), st.integers(0, 2000))
def test_gbk_bytes_through_the_reader(noise, cut):
    data = seed_text(YAOHAI)[:cut].encode("gbk", errors="replace") + noise
    text = decode_text(data)
    assert isinstance(text, str)
    check(text)


def test_mangled_plan_imports_or_refuses_cleanly(tmp_path):
    """A damaged notice either imports what it found in one go, or changes nothing."""
    rnd = random.Random(7)
    for n in range(15):
        lines = list(SEED_LINES)
        rnd.shuffle(lines)
        plan = check("\n".join(lines[: rnd.randint(0, 200)]))
        store = create_store(tmp_path / f"fuzz{n}.msdesk")
        try:
            if plan is not None:
                plan.year = plan.year or 2024
                try:
                    import_plan(store, plan)
                except MsdeskError:
                    assert store.query("SELECT count(*) AS n FROM plans")[0]["n"] == 0
                else:
                    assert store.query("SELECT count(*) AS n FROM projects")[0]["n"] == len(plan.projects)
        finally:
            store.close()


def _structure(line: str, previous: str) -> bool:
    """Lines the parser may consume without listing them: headings, attachment markers and titles, table headers."""
    from msdesk.notice import parse as p

    return bool(
        p.HEADING.match(line)
        or p.PAREN_HEADING.match(line)
        or p.ATTACH.match(line)
        or p.MEASURE_HEAD.match(line)
        or p.ATTACH.match(previous)
        or ("\t" in line and p._table_header(line.split("\t")))
    )


def accounted(text: str) -> list[str]:
    """Non-blank lines that are neither masthead, structure, part of an item, nor listed as unplaced."""
    from msdesk.notice.parse import _lines, _parse

    _plan, walker, used = _parse(text)
    in_items = {n for occ in walker.occs for no in occ.lines for n in walker.groups.get(no, [no])}
    listed = {n for no, _line in walker.unplaced for n in walker.groups.get(no, [no])}
    listed |= {n for group in walker.groups.values() for n in group}  # rebuilt table rows and their headers
    lost, previous = [], ""
    for no, line in _lines(text):
        if no not in used and no not in in_items and no not in listed and not _structure(line, previous):
            lost.append(line)
        previous = line
    return lost


def test_no_seed_line_is_silently_dropped():
    from tests._notice_fixtures import JINAN

    for name in (LIESHAN, YAOHAI, JINAN):
        assert accounted(seed_text(name)) == [], name


@SETTINGS
@given(st.integers(0, 2**32), st.integers(0, len(SEED_LINES)))
def test_no_line_dropped_from_shuffled_notices(seed, cut):
    rnd = random.Random(seed)
    lines = list(SEED_LINES[cut : cut + 150])
    rnd.shuffle(lines)
    text = "\n".join(lines)
    if text.strip():
        assert accounted(text) == []


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60))
def test_no_line_dropped_from_fragments(parts):
    text = "".join(parts)
    if text.strip():
        assert accounted(text) == []


def _key(plan):
    return [
        (
            p.seq,
            p.lead_units,
            p.task_level,
            p.task_level_text,
            len(p.measures),
            [(i.target, i.unit, i.comparator) for i in p.indicators if i.kind == "number"],
        )
        for p in plan.projects
    ]


LIESHAN_KEY = None


@settings(max_examples=examples(40), deadline=None)
@given(st.integers(0, 2**32))
def test_mixed_bracket_and_colon_widths_give_the_same_plan(seed):
    global LIESHAN_KEY
    rnd = random.Random(seed)
    text = seed_text(LIESHAN)
    LIESHAN_KEY = LIESHAN_KEY or _key(parse_notice(text))
    swap = {"（": "(", "）": ")", "：": ":", "，": ",", "(": "（", ")": "）", ":": "："}
    mixed = "".join(swap.get(ch, ch) if rnd.random() < 0.5 else ch for ch in text)
    assert _key(parse_notice(mixed)) == LIESHAN_KEY


def test_layout_variants_give_the_same_plan():
    text = seed_text(LIESHAN)
    expected = _key(parse_notice(text))
    lines = text.splitlines()
    variants = {
        "CRLF": text.replace("\n", "\r\n"),
        "no blank lines": "\n".join(line for line in lines if line.strip()),
        "ideographic indent": "\n".join("\u3000\u3000" + line for line in lines),
        "tab indent": "\n".join("\t" + line if line.strip() else line for line in lines),
        "Word list numbering": "\n".join(
            __import__("re").sub(r"^(\d{1,2}\.|（[一二三四五六七八九十]+）)", r"\1\t", line) for line in lines
        ),
    }
    for name, variant in variants.items():
        assert _key(parse_notice(variant)) == expected, name


@settings(max_examples=examples(25), deadline=None)
@given(st.sampled_from([LIESHAN, YAOHAI]), st.integers(20, 60), st.integers(5, 60))  # headings fit on a line
def test_hard_wrapped_lines_and_page_numbers_give_the_same_plan(name, width, page):
    """A PDF's text layer breaks every line at the page width and puts page numbers in between."""
    text = seed_text(name)
    out, count = [], 0
    for line in text.splitlines():
        if "\t" in line:
            out.append(line)
            continue
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
            count += 1
            if count % page == 0:
                out.append(f"— {count // page} —")
        out.append(line)
    assert _key(parse_notice("\n".join(out))) == _key(parse_notice(text))


# -- the readers: damaged files, odd tables, every format --

TABLE_FRAGMENTS = [
    "序号",
    "牵头单位",
    "实 施 内 容",
    "推进措施",
    "完成时限",
    "备注",
    "项目名称",
    "类别",
    "1",
    "2",
    "12",
    "区人社局",
    "区市场监",
    "管局",
    "12月底前",
    "5月底前动工",
    "无任务",
    "省级任务为…",
    "(1)开展培训。",
    "(2)",
    "2.8月底前完成。",
    "—6—",
    "一、促进就业(3项)",
    "新增就业 300 人。",
    "责任单位：",
    "时间节点：",
    "累计完成",
    "完成率",
    "|",
    " | ",
    "\t",
    "\n",
    "\n\n",
    "①",
    "01 项目名称：",
    "（列第一位者为牵头单位）",
    "    ",
    "  ",
    '"',
    '"\n',
]


@SETTINGS
@given(st.lists(st.sampled_from(TABLE_FRAGMENTS) | st.text(max_size=8), max_size=80))
def test_table_like_fragments(parts):
    """Headers, cells one per line, tabs, bars, lost numbers and repeated headers in any order."""
    check("".join(parts))


@SETTINGS
@given(
    st.lists(
        st.lists(st.sampled_from(TABLE_FRAGMENTS[:22]) | st.text(max_size=6), min_size=1, max_size=6), max_size=25
    ),
    st.sampled_from(["\t", "\n", " | ", "\n\n", "   ", '\t"']),
    st.sampled_from(["序号\t牵头单位\t实施内容\t完成时限", "序号    牵头单位     实施内容      完成时限"]),
)
def test_rows_joined_every_way(rows, joiner, header):
    check(header + "\n" + "\n".join(joiner.join(r) for r in rows))


def _valid_files(folder):
    """One small valid notice in every format the reader takes."""
    import openpyxl

    from tests._docx import DocxFile
    from tests.test_notice_readers import _ofd, _pdf

    document = DocxFile().para("某县2026年民生实事")
    document.table([["序号", "实施内容", "牵头单位"], ["1", "新增就业 300 人。", "县人社局"]])
    document.save(folder / "a.docx")
    book = openpyxl.Workbook()
    book.active.append(["序号", "实施内容", "牵头单位"])
    book.active.append([1, "新增就业 300 人。", "县人社局"])
    book.active.merge_cells("C2:C3")
    book.save(folder / "a.xlsx")
    _pdf(folder / "a.pdf")
    _ofd(folder / "a.ofd", ["某县2026年民生实事", "1.新增就业 300 人。（牵头单位：县人社局）"])
    return {suffix: (folder / f"a{suffix}").read_bytes() for suffix in (".docx", ".xlsx", ".pdf", ".ofd")}


_FILES: dict = {}


def _read_or_refuse(path):
    from msdesk.notice import read_notice_file

    try:
        text = read_notice_file(path)
    except MsdeskError as exc:
        assert exc.message and "Traceback" not in exc.message
        return
    check(text) if text.strip() else None


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from([".docx", ".xlsx", ".pdf", ".ofd"]), st.integers(0, 2**32), st.integers(1, 40), st.booleans())
def test_damaged_files_of_every_format(tmp_path, suffix, seed, flips, truncate):
    """Flipped bytes and cut-off files: a plan, or a Chinese message — never a crash."""
    if not _FILES:
        folder = tmp_path / "valid"
        folder.mkdir(exist_ok=True)
        _FILES.update(_valid_files(folder))
    rnd = random.Random(seed)
    data = bytearray(_FILES[suffix])
    if truncate:
        data = data[: rnd.randint(0, len(data))]
    for _ in range(flips if data else 0):
        data[rnd.randrange(len(data))] = rnd.randrange(256)
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(bytes(data))
    _read_or_refuse(path)


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(st.text(max_size=20), max_size=12), st.lists(st.text(alphabet="0123456789. g-", max_size=12), max_size=12)
)
def test_ofd_pages_with_odd_text_and_positions(tmp_path, texts, specs):
    import zipfile

    objects = "".join(
        f'<TextObject Boundary="{spec}" Size="{spec}"><TextCode X="{spec}" Y="{spec}" DeltaX="{spec}">'
        f"{_xml(text)}</TextCode></TextObject>"
        for text, spec in zip(texts, specs + [""] * len(texts))
    )
    path = tmp_path / "odd.ofd"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("Doc_0/Pages/Page_0/Content.xml", f"<Page><Content><Layer>{objects}</Layer></Content></Page>")
    _read_or_refuse(path)


def _xml(text: str) -> str:
    text = "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF and ord(ch) not in (0xFFFE, 0xFFFF))
    )
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.lists(
            st.sampled_from(TABLE_FRAGMENTS[:22]) | st.text(max_size=10) | st.integers(-10, 10**6) | st.none(),
            min_size=1,
            max_size=6,
        ),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.tuples(st.integers(1, 12), st.integers(1, 6), st.integers(0, 3), st.integers(0, 2)), max_size=4),
)
def test_xlsx_notices_with_any_cells_and_merges(tmp_path, rows, merges):
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = openpyxl.Workbook()
    try:
        for row in rows:
            book.active.append(row)
    except IllegalCharacterError:
        return
    taken = set()
    for r, c, dr, dc in merges:
        cells = {(r + i, c + j) for i in range(dr + 1) for j in range(dc + 1)}
        if (dr or dc) and not cells & taken:
            taken |= cells
            book.active.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
    path = tmp_path / "any.xlsx"
    book.save(path)
    _read_or_refuse(path)


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.floats(0, 600),
            st.floats(0.1, 30),
            st.floats(0, 800),
            st.floats(0.1, 30),
            st.text(min_size=1, max_size=2),
        ),
        max_size=60,
    )
)
def test_positioned_characters_make_lines(glyphs):
    from msdesk.notice.blocks import Glyph, cell_text, glyph_lines

    lines = glyph_lines([Glyph(x, x + w, y, y + h, t) for x, w, y, h, t in glyphs])
    assert all(isinstance(line, str) and line.strip() for line in lines)
    assert isinstance(cell_text(lines), str)
