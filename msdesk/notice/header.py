"""The notice's masthead: title, year, issuing office, 文号 and date."""

from __future__ import annotations

import re

from .model import ParsedPlan
from .numbers import to_int

DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*第?\s*\d{1,4}\s*号)")
_CN_DIGITS = "〇零○Ｏ一二三四五六七八九十"
DATE_LINE = re.compile(
    rf"^(\d{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*(\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})\s*月\s*"
    rf"(\d{{1,2}}|[{_CN_DIGITS}]{{1,3}})\s*日$"
)
YEAR = re.compile(r"(20\d{2})\s*年")
TITLE_END = re.compile(r"(通知|方案|意见|决定|计划|安排|清单|通报|函|[^\d\s]表)$")
OFFICE_END = re.compile(r"(办公室|局|委员会|政府|小组|中心|委|办|厅|部|处|会)$")
_SPACE_CJK = re.compile(r"\s+(?=[\u4e00-\u9fff《》“”（）〔〕])|(?<=[\u4e00-\u9fff《》“”（）〔〕])\s+")


def tidy(text: str) -> str:
    """Drop the spaces a PDF/Word export puts around CJK characters (烈山区 2023 年 → 烈山区2023年)."""
    return _SPACE_CJK.sub("", text).strip()


def parse_date(line: str) -> str | None:
    m = DATE_LINE.match(line.strip())
    if not m:
        return None
    year, month, day = (to_int(g) for g in m.groups())
    if year is None or month is None or day is None:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31) or not (1900 < year < 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_header(lines: list[tuple[int, str]], plan: ParsedPlan) -> set[int]:
    """Fill title/office/文号/date/year of plan from the lines before the list; returns the lines used."""
    used: set[int] = set()
    list_heading = None
    for i, (no, text) in enumerate(lines):
        if plan.doc_number is None and len(text) <= 40:
            m = DOC_NUMBER.search(text)
            if m and len(text) - len(m.group(1)) <= 6:
                plan.doc_number = tidy(m.group(1))
                used.add(no)
                continue
        if plan.issuing_office is None and text.endswith("文件") and len(text) <= 40:
            plan.issuing_office = tidy(text[:-2])
            used.add(no)
            continue
        if (
            not plan.title
            and len(text) <= 80
            and ("关于" in text or TITLE_END.search(text))
            and "。" not in text
            and not text.endswith("：")
        ):
            title = text
            used.add(no)
            nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
            if not TITLE_END.search(text) and nxt and len(nxt) <= 40 and TITLE_END.search(nxt):
                title += nxt
                used.add(lines[i + 1][0])
            plan.title = tidy(title)
            continue
        if (
            list_heading is None
            and re.search(r"民生(实事|工程)(项目)?$", text)
            and not re.match(r"^(\d+\s*[.．、]|附)", text)
            and YEAR.search(text)
            and len(text) <= 40
            and "。" not in text
            and "：" not in text
        ):
            list_heading = tidy(text)
            used.add(no)
    for i, (no, text) in enumerate(lines):
        date = parse_date(text)
        if date:
            plan.issued_date = plan.issued_date or date
            used.add(no)
            prev_no, prev = lines[i - 1] if i else (0, "")
            if prev and len(prev) <= 30 and OFFICE_END.search(prev) and "。" not in prev:
                plan.issuing_office = plan.issuing_office or tidy(prev)
                used.add(prev_no)
    plan.notice_title = plan.title
    quoted = re.search(r"《([^》]{4,60})》", plan.title or "")
    if quoted:
        plan.title = quoted.group(1)
    elif list_heading:
        plan.title = list_heading
    if plan.issuing_office is None and plan.title and "关于" in plan.title:
        office = plan.title.split("关于")[0]
        if 2 <= len(office) <= 30:
            plan.issuing_office = office
    for source in (
        plan.title,
        plan.doc_number and re.sub(r"[〔［\[【(（](\d{4})[〕］\]】)）]", r"\1年", plan.doc_number),
        list_heading,
        plan.issued_date and plan.issued_date[:4] + "年",
    ):
        m = YEAR.search(source or "")
        if m:
            plan.year = int(m.group(1))
            break
    if plan.year is None:  # last resort: the first year named near the top
        for _no, text in lines[:30]:
            m = YEAR.search(text)
            if m:
                plan.year = int(m.group(1))
                break
    return used
