"""Arbitrary and mangled notices never crash the importer: a plan plus unplaced lines, or a clear MsdeskError."""
from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msdesk.errors import MsdeskError
from msdesk.notice import import_plan, parse_notice
from msdesk.notice.reader import decode_text
from msdesk.store import create_store
from tests._fuzz import examples
from tests._notice_fixtures import LIESHAN, YAOHAI, seed_text

SEED_LINES = seed_text(LIESHAN).splitlines() + seed_text(YAOHAI).splitlines()
FRAGMENTS = ["一、促进就业（3 项）", "（十二）", "(3)", "1.", "12、", "（牵头", "单位：区民政局）", "(牵头单位: 区残联)",
             "（属市级任务）", "（烈山区无任务）", "推进举措：", "推进措施:", "分别为：", "，共 15 项。", "附件 1", "附件：",
             "不少于 45 人次", "从 99.9844%提高到 99.9850%", "1.8 万—2.1 万元", "0.5 万人左右", "1500 元/人", "每人每年",
             "\t", "　", "（", "）", "、", "。", "\n", "〔2023〕2号", "2024 年 4 月 24 日", "十二、瑶海区无任务（15 项）"]
SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str):
    """The contract: a consistent ParsedPlan, or MsdeskError (only for blank text)."""
    try:
        plan = parse_notice(text)
    except MsdeskError as exc:
        assert exc.message and not text.strip()
        return None
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
    return bool(p.HEADING.match(line) or p.PAREN_HEADING.match(line) or p.ATTACH.match(line)
                or p.MEASURE_HEAD.match(line) or p.ATTACH.match(previous)
                or ("\t" in line and p._table_header(line.split("\t"))))


def accounted(text: str) -> list[str]:
    """Non-blank lines that are neither masthead, structure, part of an item, nor listed as unplaced."""
    from msdesk.notice.parse import _lines, _parse
    _plan, walker, used = _parse(text)
    in_items = {no for occ in walker.occs for no in occ.lines}
    listed = {no for no, _line in walker.unplaced}
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
    lines = list(SEED_LINES[cut:cut + 150])
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
    return [(p.seq, p.lead_units, p.task_level, p.task_level_text, len(p.measures),
             [(i.target, i.unit, i.comparator) for i in p.indicators if i.kind == "number"]) for p in plan.projects]


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
        "Word list numbering": "\n".join(__import__("re").sub(r"^(\d{1,2}\.|（[一二三四五六七八九十]+）)", r"\1\t", line)
                                         for line in lines),
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
