"""What the notice parser returns: a plain, JSON-friendly picture of the plan.

Nothing here touches the database; commit.py turns a ParsedPlan into rows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

TASK_LEVEL_LABELS = {"local": "本级任务", "city": "市级任务", "province": "省级任务", "none": "无任务"}


@dataclass
class ParsedIndicator:
    name: str
    kind: str = "number"  # 'number' | 'qualitative'
    unit: str | None = None
    comparator: str | None = ">="  # '>=' | '<=' | '=' | '~' (None for qualitative)
    target: float | None = None
    target_text: str = ""  # as written: "不少于 45 人次", "应保尽保"
    baseline: float | None = None  # 从 A 提高到 B: A
    deadline: str | None = None  # a sub-task's own 完成时限


@dataclass
class ParsedRate:
    text: str  # as written: "1500 元/人", "每人每年 1000 元"
    value_low: float | None = None
    value_high: float | None = None
    unit: str | None = None
    measure_index: int | None = None  # index into the project's measures, None = in the item text


@dataclass
class ParsedMeasure:
    text: str
    seq: str | None = None  # "1" as written, None when unnumbered


@dataclass
class ParsedProject:
    seq: str  # as written: "7", "（7）", "（十二）"
    content: str  # the item's text, verbatim, without its (牵头单位…) tail
    category: int | None = None  # index into ParsedPlan.categories
    name: str | None = None
    lead_units: list[str] = field(default_factory=list)
    partner_units: list[str] = field(default_factory=list)
    task_level: str = "local"  # 'local' | 'city' | 'province' | 'none'
    task_level_text: str | None = None  # as written: 属市级任务, 烈山区无任务
    deadline: str | None = None  # 完成时限 as written: 12月底前
    ongoing: bool = False  # 常态化开展: a standing task, reported on but not scored
    remarks: str | None = None  # 备注 column of a table or a workbook
    measures: list[ParsedMeasure] = field(default_factory=list)
    indicators: list[ParsedIndicator] = field(default_factory=list)
    rates: list[ParsedRate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the parser decided, for the clerk
    line_no: int | None = None  # first line of the item in the source (1-based)

    @property
    def number(self) -> int | None:
        from .numbers import seq_number

        return seq_number(self.seq)


@dataclass
class ParsedCategory:
    name: str
    seq: str | None = None  # 一, 二 … as written
    declared_count: int | None = None  # （3项）


@dataclass
class ParsedPlan:
    title: str = ""  # the list's own name: 烈山区2023年实施50项民生实事
    notice_title: str = ""  # the notice as headed: …关于印发《…》的通知
    year: int | None = None
    issuing_office: str | None = None
    doc_number: str | None = None
    issued_date: str | None = None  # ISO date
    categories: list[ParsedCategory] = field(default_factory=list)
    projects: list[ParsedProject] = field(default_factory=list)
    unplaced_lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source_text: str = ""
    coverage: float | None = None  # share of the source's characters read into the plan (0–1)
    unread_lines: list[int] = field(default_factory=list)  # 1-based source lines not read (not furniture)

    def to_dict(self, include_source: bool = False) -> dict[str, Any]:
        """The plan as JSON-ready data (asdict: the values are str, numbers, None, lists and dicts)."""
        data = asdict(self)
        if not include_source:
            data.pop("source_text")
        for proj, out in zip(self.projects, data["projects"]):
            out["number"] = proj.number
        return data

    def projects_in(self, category_index: int | None) -> list[ParsedProject]:
        return [p for p in self.projects if p.category == category_index]
