"""Targets and subsidy standards inside an item's text.

A target is a number with a count unit or a percentage (为 559 名残疾人…, 不少于
45 人次, 达到 98%以上, 0.5 万人左右, 从 99.9844%提高到 99.9850%). A rate (标准) is a
number that sets how much each person/household gets (1500 元/人, 每人每年 1000 元,
1.8 万—2.1 万元, 按不低于 80%的比例): it is kept apart and never becomes a target.
Numbers with other units (2023 年, 24 小时, 15 分钟, 6 个月, 2—3 岁) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import ParsedIndicator, ParsedRate
from .numbers import normalise_width, parse_float

_NUM = r"(?<![\d.])\d+(?:\.\d+)?"
_MULT = r"(?:万|千|亿)?"
_PER = r"(?:/[人户月年生次天日颗个家学期亩·]{1,4})*"
_COUNT = (
    "人次|户次|场次|批次|架次|人[（(]次[）)]|个百分点|平方米|公里|千米|"
    r"个(?!月|工作日|小时|季度|周)|人|名|户|件|场|所|间|套|家|处|座|条|次|台|张|项|辆|亩|吨|册|期|班|支|株|棵|只|头|篇|床|部|本|米|"
    r"栋|幢|盏|公顷|平方公里|万平方米|立方米|宗|把|块|组|片|段|根|眼|口|孔|艘|趟|批|位|车位|泊位|端口|桩"
)
_UNIT = rf"(?:%|(?:元|倍){_PER}|(?:{_COUNT}))"
_SEP = r"\s*(?:—|–|-|~|～|至)+\s*"
_CHANGE = r"(?:提高|提升|增加|增长|上升|扩大|降低|下降|减少|压减|压降)(?:到|至)"
QUANTITY = re.compile(
    rf"(?P<base>从\s*(?P<b_from>{_NUM})\s*(?P<b_mult1>{_MULT})\s*(?:{_UNIT})?\s*(?P<b_dir>{_CHANGE})\s*"
    rf"(?P<b_to>{_NUM})\s*(?P<b_mult>{_MULT})\s*(?P<b_unit>{_UNIT}))"
    rf"|(?P<range>(?P<r_low>{_NUM})\s*(?P<r_mult1>{_MULT}){_SEP}(?P<r_high>{_NUM})\s*(?P<r_mult>{_MULT})\s*(?P<r_unit>{_UNIT}))"
    rf"|(?P<single>(?P<s_num>{_NUM})\s*(?P<s_mult>{_MULT})\s*(?P<s_unit>{_UNIT}))"
)
_BOUNDARY = re.compile(r"[，,；;。：:！？!?\n]")
_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_AFTER = re.compile(r"\s*(左右|及以上|以上|以下|以内|之内)")
_GE = ("不少于", "不低于", "不小于", "至少", "超过", "高于", "多于", "大于", "不下于")
_LE_STRICT = ("不超过", "不高于", "不大于", "不多于")
_LE = ("低于", "少于", "小于", "控制在")
_EQ = ("达到", "达")
_APPROX = ("约", "大约", "近")
_JOINERS = re.compile(r"^\s*(?:、|和|及|与|以及|,|，)\s*$")
_LEADING_FILLER = re.compile(r"^(?:[、和及与]|其中|为|对|向|给|力争|确保|累计|共计|共|全年|年内|并)+")
_TRAILING_FILLER = re.compile(
    r"(?:完成|建成|不少于|不低于|不小于|不超过|不高于|至少|超过|高于|低于|达到|达|分别|均|共|约|为|的|在|稳定在|控制在)+$"
)
QUALITATIVE = re.compile(r"应(.)尽\1|全覆盖|全面覆盖|动态清零|零发生|零事故|全部落实|按时足额")


def _is_money(unit: str) -> bool:
    return unit.startswith("元")


def _has_per(before: str) -> bool:
    """每人/每户/每家 … (a per-head standard); 每年/每月 alone is only a period."""
    return re.search(r"每(?!年|月|季|学期|周|天|日)[\u4e00-\u9fff]", before) is not None


def _comparator(before: str, after_word: str) -> tuple[str, str]:
    """(comparator, the words that said so) from the text around one number."""
    if after_word == "左右":
        return "~", ""
    if after_word in ("以上", "及以上"):
        return ">=", ""
    if after_word in ("以下", "以内", "之内"):
        return "<=", ""
    tail = before.rstrip()[-8:]
    for words, comp in ((_LE_STRICT, "<="), (_GE, ">="), (_LE, "<="), (_APPROX, "~"), (_EQ, "=")):
        for word in words:
            if tail.endswith(word) or (comp != "~" and word in tail):
                return comp, word if tail.endswith(word) else ""
    return ">=", ""


def _clean_name(text: str) -> str:
    text = text.strip(' \t、，,"')
    if text.endswith("“"):
        text = text[:-1]
    if text.startswith("”"):
        text = text[1:]
    for _ in range(3):
        text = _LEADING_FILLER.sub("", text).strip()
        text = _TRAILING_FILLER.sub("", text).strip()
    return text.strip(" 、，,")


def _value(num: str, mult: str) -> float:
    return parse_float(num)


def _unit(mult: str, unit: str) -> str:
    unit = re.sub(r"人[（(]次[）)]", "人次", unit)
    return f"{mult}{unit}"


@dataclass(slots=True)
class _Hit:
    """One number with its unit in an item's text, and the clause around it."""

    m: re.Match[str]
    start: int
    end: int  # past the number, its unit and a word after it (左右, 以上)
    kind: str  # 'base' (从 A 提高到 B) | 'range' (A—B) | 'single'
    unit: str
    value: float  # the target: B of 从 A 提高到 B, the low end of a range
    low: float | None  # a range's ends (None for the other kinds)
    high: float | None
    baseline: float | None  # A of 从 A 提高到 B
    after_word: str  # 左右, 以上 … written after the number, else ''
    clause_start: int
    clause_end: int


def _hits(text: str) -> list[_Hit]:
    hits = []
    for m in QUANTITY.finditer(text):
        start, end = m.start(), m.end()
        baseline = low = high = None
        if m.group("base"):
            kind, unit = "base", _unit(m.group("b_mult"), m.group("b_unit"))
            value, baseline = _value(m.group("b_to"), ""), _value(m.group("b_from"), "")
        elif m.group("range"):
            kind, unit = "range", _unit(m.group("r_mult"), m.group("r_unit"))
            low, high = _value(m.group("r_low"), ""), _value(m.group("r_high"), "")
            value = low
        else:
            kind, unit = "single", _unit(m.group("s_mult"), m.group("s_unit"))
            value = _value(m.group("s_num"), "")
        after = _AFTER.match(text, end)
        after_word = after.group(1) if after else ""
        if after:
            end = after.end()
        clause_start = max((b.end() for b in _BOUNDARY.finditer(text, 0, start)), default=0)
        nxt = _BOUNDARY.search(text, end)
        clause_end = nxt.start() if nxt else len(text)
        if start > 0 and text[start - 1] == "第":
            continue
        hits.append(_Hit(m, start, end, kind, unit, value, low, high, baseline, after_word, clause_start, clause_end))
    return hits


def _groups(text: str, hits: list[_Hit]) -> list[list[_Hit]]:
    """Numbers joined only by 、/和 (80%、75%、60%; 98%和95%以上) share their context."""
    groups: list[list[_Hit]] = []
    for hit in hits:
        if groups and _JOINERS.match(text[groups[-1][-1].end : hit.start]) and hit.kind == groups[-1][-1].kind:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    return groups


def _is_rate(text: str, group: list[_Hit]) -> bool:
    first, last = group[0], group[-1]
    unit = last.unit
    before = text[first.clause_start : first.start]
    after = text[last.end : last.end + 6]
    if unit.endswith("倍") or "倍/" in unit:
        return True
    if _is_money(unit.lstrip("万千亿")):
        return (
            "/" in unit
            or _has_per(before)
            or re.search(r"标准(?:为|是|按|按照|由)?\s*$", before) is not None
            or after.lstrip("的").startswith("标准")
        )
    if unit.endswith("%") and last.kind != "base":
        return (
            re.match(r"\s*的?(比例|标准)", after) is not None
            or re.search(r"按照?\s*(不低于|不超过|不高于)?\s*$", before) is not None
        )
    return _has_per(before)


def extract(text: str) -> tuple[list[ParsedIndicator], list[ParsedRate]]:
    """Indicators and rates of one item text, in the order written."""
    text = normalise_width(text)
    hits = _hits(text)
    indicators: list[ParsedIndicator] = []
    rates: list[ParsedRate] = []
    numeric_spans: list[tuple[int, int]] = []
    prev_end = 0
    for group in _groups(text, hits):
        if _is_rate(text, group):
            for hit in group:
                rates.append(_rate(text, hit))
            prev_end = group[-1].end
            continue
        if _is_money(group[-1].unit.lstrip("万千亿")):
            continue  # an amount of money (投资 10 亿元以上项目) is neither a target nor a standard
        names = _split_subjects(text, group)
        shared_after = group[-1].after_word
        for i, hit in enumerate(group):
            start = max(hit.clause_start, prev_end if prev_end <= hit.start else hit.clause_start)
            before = text[start : hit.start]
            ctx_before = text[group[0].clause_start : group[0].start] if i else before
            after_word = hit.after_word or (shared_after if len(group) > 1 else "")
            comp, word = _comparator(ctx_before, after_word)
            name = names[i] if names else _name_for(text, group, i, before)
            word_at = text.rfind(word, hit.clause_start, hit.start) if word else -1
            target_text = text[word_at if word_at >= 0 else hit.start : hit.end].strip()
            if after_word and not hit.after_word:
                target_text += after_word
            indicators.append(
                ParsedIndicator(
                    name=name or "目标任务",
                    kind="number",
                    unit=hit.unit,
                    comparator=comp,
                    target=hit.value,
                    target_text=target_text,
                    baseline=hit.baseline,
                )
            )
            prev_end = hit.end
            numeric_spans.append((hit.clause_start, hit.clause_end))
    indicators.extend(_qualitative(text, hits, indicators))
    return indicators, rates


def _name_for(text: str, group: list[_Hit], i: int, before: str) -> str:
    hit = group[i]
    name = _clean_name(before)
    if len(name) < 3:
        stop = group[i + 1].start if i + 1 < len(group) else hit.clause_end
        after = _clean_name(re.sub(r"^的", "", text[hit.end : stop]))
        name = after if len(after) >= 2 else name
    if len(name) < 3:
        prev = text[: hit.clause_start].rstrip("，,；; ")
        clause = re.split(r"[，,；;。：:\n]", prev)[-1] if prev else ""
        name = _clean_name(clause + name) if clause else name
    if len(name) > 40:
        name = name[:40]
    return name


def _split_subjects(text: str, group: list[_Hit]) -> list[str] | None:
    """A和B分别达到 X 和 Y: one name per number."""
    if len(group) < 2:
        return None
    before = text[group[0].clause_start : group[0].start]
    if "分别" not in before:
        return None
    subject = before.split("分别")[0]
    parts = [p for p in re.split(r"和|、|及|与", subject) if p.strip()]
    if len(parts) != len(group):
        return None
    return [_clean_name(p) for p in parts]


def _rate(text: str, hit: _Hit) -> ParsedRate:
    start = hit.start
    lead = re.search(r"(每[\u4e00-\u9fff“”]{1,12}\s*)$", text[hit.clause_start : hit.start])
    if lead:
        start = hit.start - len(lead.group(1))
    high = hit.high if hit.kind == "range" else None
    return ParsedRate(
        text=text[start : hit.end].strip(),
        value_low=hit.value if hit.kind != "range" else hit.low,
        value_high=high,
        unit=hit.unit,
    )


def _qualitative(text: str, hits: list[_Hit], numeric: list[ParsedIndicator]) -> list[ParsedIndicator]:
    """应保尽保 / 全覆盖 sentences that carry no number of their own."""
    found: list[ParsedIndicator] = []
    for sentence in _SENTENCE.finditer(text):
        if not numeric and found:
            pass
        words: list[str] = []
        for m in QUALITATIVE.finditer(sentence.group()):
            if m.group() not in words:
                words.append(m.group())
        if not words:
            continue
        has_number = any(
            h.start >= sentence.start() and h.end <= sentence.end() and not _is_rate(text, [h]) for h in hits
        )
        if has_number:
            continue
        found.append(
            ParsedIndicator(
                name=_qualitative_name(sentence.group(), words),
                kind="qualitative",
                unit=None,
                comparator=None,
                target=None,
                target_text="、".join(words),
            )
        )
    return found


def _qualitative_name(sentence: str, words: list[str]) -> str:
    """The clause that carries the 应保尽保/全覆盖 (if it says more than that), else the sentence's first clause."""
    clauses = [c for c in re.split(r"[，,：:]", sentence) if c.strip()]
    for clause in clauses:
        if words[0] in clause:
            rest = clause
            for word in words:
                rest = rest.replace(word, "")
            if len(_clean_name(rest).strip("、做到实现")) >= 6:
                return _clean_name(clause)[:40]
            break
    return _clean_name(clauses[0] if clauses else sentence)[:40] or words[0]


def fallback_indicator(content: str) -> ParsedIndicator:
    """The one qualitative indicator of an item without any target, so it can still be reported."""
    text = normalise_width(content)
    words: list[str] = []
    for m in QUALITATIVE.finditer(text):
        if m.group() not in words:
            words.append(m.group())
    first = re.split(r"[，,；;。]", text.strip(), maxsplit=1)[0]
    return ParsedIndicator(
        name=_clean_name(first)[:40] or "目标任务",
        kind="qualitative",
        unit=None,
        comparator=None,
        target=None,
        target_text="、".join(words) or "按期完成",
    )


def measure_rates(text: str) -> list[ParsedRate]:
    """Only money standards are taken from measures: their other numbers are details, not targets."""
    text = normalise_width(text)
    rates: list[ParsedRate] = []
    for group in _groups(text, _hits(text)):
        if _is_money(group[-1].unit.lstrip("万千亿")) and _is_rate(text, group):
            rates.extend(_rate(text, h) for h in group)
    return rates
