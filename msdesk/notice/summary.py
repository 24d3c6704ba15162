"""A short Chinese account of a parsed notice, for --dry-run and the preview's status line."""

from __future__ import annotations

from typing import TypedDict

from .model import TASK_LEVEL_LABELS, ParsedIndicator, ParsedPlan


class Counts(TypedDict):
    """How many of each thing a parsed notice holds (one_line's figures)."""

    categories: int
    projects: int
    levels: dict[str, int]  # task level key → projects
    numeric: int
    qualitative: int
    measures: int
    rates: int
    unplaced: int


def counts(plan: ParsedPlan) -> Counts:
    levels = {key: 0 for key in TASK_LEVEL_LABELS}
    for p in plan.projects:
        levels[p.task_level] = levels.get(p.task_level, 0) + 1
    indicators = [i for p in plan.projects for i in p.indicators]
    return Counts(
        categories=len(plan.categories),
        projects=len(plan.projects),
        levels=levels,
        numeric=sum(1 for i in indicators if i.kind == "number"),
        qualitative=sum(1 for i in indicators if i.kind != "number"),
        measures=sum(len(p.measures) for p in plan.projects),
        rates=sum(len(p.rates) for p in plan.projects),
        unplaced=len(plan.unplaced_lines),
    )


def one_line(plan: ParsedPlan) -> str:
    c = counts(plan)
    levels = "，".join(f"{TASK_LEVEL_LABELS[k]} {n}" for k, n in c["levels"].items() if n)
    return (
        f"识别到类别 {c['categories']} 个、项目 {c['projects']} 项（{levels or '—'}），"
        f"数值指标 {c['numeric']} 个、定性指标 {c['qualitative']} 个，推进措施 {c['measures']} 条，"
        f"标准 {c['rates']} 条；未归入的文字 {c['unplaced']} 行。"
    )


def coverage_line(plan: ParsedPlan) -> str:
    """已识别 96% 的文字 — the share of the notice's text read into the plan (floored: 99.6% is not 100%)."""
    percent = int((plan.coverage or 0) * 100)
    unread = len(plan.unread_lines)
    return f"已识别 {percent}% 的文字" + (f"（{unread} 行未识别，见下方“未归入项目的文字”）" if unread else "")


def _target(ind: ParsedIndicator) -> str:
    from ..plans import describe_target

    return describe_target(
        dict(kind=ind.kind, target=ind.target, comparator=ind.comparator, unit=ind.unit, target_text=ind.target_text)
    )


def describe(plan: ParsedPlan, max_unplaced: int = 40, with_projects: bool = True) -> str:
    lines = [
        f"通知：{plan.notice_title or plan.title}",
        f"计划：{plan.title}（{plan.year or '年度未识别'}年"
        + (f"，{plan.doc_number}" if plan.doc_number else "")
        + (f"，{plan.issuing_office}" if plan.issuing_office else "")
        + (f"，{plan.issued_date}" if plan.issued_date else "")
        + "）",
        one_line(plan),
    ]
    if plan.coverage is not None:
        lines.append(coverage_line(plan))
    lines += ["", "各类别："]
    for index, cat in enumerate(plan.categories):
        found = len(plan.projects_in(index))
        declared = f"（标明 {cat.declared_count} 项）" if cat.declared_count is not None else ""
        lines.append(f"  {cat.seq or ''}{'、' if cat.seq else ''}{cat.name}：{found} 项{declared}")
    loose = len(plan.projects_in(None))
    if loose:
        lines.append(f"  （未分类）：{loose} 项")
    if with_projects:
        lines += ["", "项目（序号｜牵头单位｜任务级别｜目标｜推进措施）："]
        for p in plan.projects:
            level = p.task_level_text or TASK_LEVEL_LABELS[p.task_level]
            targets = "；".join(_target(i) for i in p.indicators)
            text = p.name or p.content
            lines.append(
                f"  {p.seq}｜{'、'.join(p.lead_units) or '—'}｜{level}｜{targets}｜{len(p.measures)} 条"
                + (f"｜完成时限 {p.deadline}" if p.deadline else "")
                + ("｜常态化开展" if p.ongoing else "")
                + f"｜{text[:24]}{'…' if len(text) > 24 else ''}"
            )
    notes = list(plan.notes) + [
        f"{p.seq}：{n}" for p in plan.projects for n in p.notes if not n.startswith("来自一句话")
    ]
    if notes:
        lines += ["", "请核对："] + [f"  - {n}" for n in notes]
    if plan.unplaced_lines:
        lines += ["", f"未归入项目的文字（{len(plan.unplaced_lines)} 行，已保留在通知原文中）："]
        for text in plan.unplaced_lines[:max_unplaced]:
            lines.append("  | " + (text if len(text) <= 70 else text[:70] + "…").replace("\t", " "))
        if len(plan.unplaced_lines) > max_unplaced:
            lines.append(f"  … 另有 {len(plan.unplaced_lines) - max_unplaced} 行")
    return "\n".join(lines)
