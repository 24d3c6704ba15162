"""The three official tables as plain rows, built once and written by both xlsx.py and pdf.py.

Figures come from msdesk.overview.project_rows (status and warning level are
never recomputed here); plan details (measures, breakdowns) are read set-based
so a 5,000-project plan stays quick.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeAlias

from .. import offices, overview, plans, progress, status
from ..errors import MsdeskError, ValidationError
from ..overview import ProjectRow
from ..periods import Period
from ..store import Store
from ..xlsx_cell import clean_text

TABLE_KEYS = ("projects", "breakdown", "progress")
TABLE_LABELS = {"projects": "民生实事项目清单", "breakdown": "目标任务分解表", "progress": "进展情况表"}
DASH = "—"
SIGNS = {">=": "≥", "<=": "≤", "=": "", "~": "约"}


@dataclass(frozen=True)
class Num:
    """A figure: stays a number in Excel (with a number format), printed as text in the PDF."""

    value: float
    style: str = "plain"  # plain | percent | money
    prefix: str = ""  # ≥ ≤ 约, from the indicator's comparator

    @property
    def decimals(self) -> int:
        if self.style == "percent":
            return 1
        if self.style == "money":
            return 2
        text = f"{self.value:.4f}".rstrip("0")
        return len(text.split(".")[1]) if "." in text else 0

    def text(self) -> str:
        if self.style == "percent":
            return f"{self.value * 100:.1f}%"
        return f"{self.prefix}{self.value:.{self.decimals}f}"

    def excel_format(self) -> str:
        if self.style == "percent":
            return "0.0%"
        body = "0" + ("." + "0" * self.decimals if self.decimals else "")
        return f'"{self.prefix}"{body}' if self.prefix else body


@dataclass(frozen=True)
class Column:
    label: str
    width_mm: float
    align: str = "left"  # left | center | right
    key: bool = False  # repeated when a wide table is split into column groups (PDF)
    project_level: bool = False  # blank on a project's continuation rows, no line between them


def cell_align(column: Column, value: Value) -> str:
    """Figures keep their column's alignment; words in a figures column (应保尽保, a
    qualitative actual) read better centred when short and from the left when long."""
    if column.align != "right" or isinstance(value, Num) or value in (None, ""):
        return column.align
    return "center" if len(str(value)) <= 4 else "left"


# What a table cell holds: text, a 序号 as a number, a figure (Num), or nothing.
Value: TypeAlias = "str | int | float | Num | None"


@dataclass
class Row:
    cells: Sequence[Value]
    kind: str = "data"  # data | total
    continues: bool = False  # another indicator row of the project above


@dataclass
class Table:
    key: str
    sheet_name: str
    title: str
    notes: list[str]  # lines under the title: period, plan, filters, counts
    columns: list[Column]
    header: list[list[str | None]]  # header rows; None = covered by a span
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # (col0, row0, col1, row1) in header
    rows: list[Row] = field(default_factory=list)
    font_size: float = 9.5
    empty_text: str = ""  # printed when the table has no rows


@dataclass
class ExportData:
    office_name: str
    period: Period
    plan: dict[str, Any]
    signoff: dict[str, Any]
    filters: dict[str, str]
    tables: list[Table]
    footer_note: str | None = None

    @property
    def report_date_text(self) -> str:
        raw = self.signoff.get("report_date")
        if not raw:
            return "　　年　　月　　日"  # left blank to fill in by hand
        try:
            d = date.fromisoformat(str(raw)[:10])
        except ValueError:
            return str(raw)
        return f"{d.year}年{d.month}月{d.day}日"

    @property
    def header_left(self) -> str:
        return f"填报单位（盖章）：{self.office_name}"

    @property
    def header_right(self) -> str:
        return f"填报日期：{self.report_date_text}"

    @property
    def signoff_text(self) -> str:
        s = self.signoff
        return (
            f"负责人：{s.get('head') or ''}　　　　填报人：{s.get('preparer') or ''}"
            f"　　　　联系电话：{s.get('phone') or ''}"
        )


# -- building ------------------------------------------------------------


def footer_line(note: str | None) -> str | None:
    """The footer text as one printable line: a typed footer may carry control characters or line
    breaks, which an xlsx footer (XML) refuses and a PDF footer line cannot show."""
    if note is None:
        return None
    return " ".join(clean_text(note).split()) or None


def collect(
    store: Store,
    plan_id: str,
    period: Period,
    tables: Iterable[str] = TABLE_KEYS,
    category: str | None = None,
    lead_unit: str | None = None,
    office_id: str | None = None,
    footer_note: str | None = None,
) -> ExportData:
    """Read everything the writers need; raises ValidationError for an unknown filter."""
    plan = store.get("plans", plan_id)
    if plan is None:
        raise MsdeskError("找不到要导出的年度计划，请先导入或选择计划。")
    if period.year != plan["year"]:
        raise ValidationError(
            f"报告期“{period.label}”不在{plan['year']}年计划的年度内，请选择{plan['year']}年的报告期。", field="period"
        )
    office = store.get("offices", office_id) if office_id else offices.self_office(store)
    if office is None:
        raise ValidationError("请先在“单位设置”中填写填报单位。")
    rows = overview.project_rows(store, plan_id, period, office_id=office["id"])
    rows = _filter(rows, category, lead_unit)
    filters = {k: v for k, v in (("类别", category), ("牵头单位", lead_unit)) if v}
    data = ExportData(
        office["name"],
        period,
        plan,
        progress.signoff(store, period, office["id"]),
        filters,
        [],
        footer_line(footer_note),
    )
    builders = {"projects": _projects_table, "breakdown": _breakdown_table, "progress": _progress_table}
    for key in tables:
        data.tables.append(builders[key](store, data, rows))
    return data


def _filter(rows: list[ProjectRow], category: str | None, lead_unit: str | None) -> list[ProjectRow]:
    if category:
        if not any(r.category == category for r in rows):
            raise ValidationError(f"本计划没有名为“{category}”的类别，请从列表中选择。", field="category")
        rows = [r for r in rows if r.category == category]
    if lead_unit:
        if not any(lead_unit in r.lead_units for r in rows):
            where = f"类别“{category}”中" if category else "本计划中"
            raise ValidationError(f"{where}没有牵头单位为“{lead_unit}”的项目，请检查筛选条件。", field="lead_unit")
        rows = [r for r in rows if lead_unit in r.lead_units]
    return rows


def _notes(data: ExportData, rows: list[ProjectRow], extra: str | None = None) -> list[str]:
    plan = data.plan
    doc = f"（{plan['doc_number']}）" if plan.get("doc_number") else ""
    scope = "；".join(f"{k}：{v}" for k, v in data.filters.items())
    scope = f"筛选条件：{scope}" if scope else "范围：全部项目"
    lines = [f"报告期：{data.period.label}　　计划：{plan['title']}{doc}", f"{scope}（共 {len(rows)} 项）"]
    if extra:
        lines[-1] += "　" + extra
    return lines


def _seq(value: object) -> int | str:
    text = str(value).strip()
    return int(text) if text.isdigit() else text


def project_label(row: ProjectRow) -> str:
    label: str = row.project.get("name") or row.project.get("content") or ""
    return label


def _lead_text(row: ProjectRow) -> str:
    return "、".join(row.lead_units) or DASH


def _remarks(row: ProjectRow) -> str:
    parts: list[str] = []
    if row.project["task_level"] != "local":
        parts.append(row.task_level_label)
    if row.project.get("ongoing"):
        parts.append(status.ONGOING)  # the 项目清单 says so before any figure is reported
    if row.project.get("remarks"):
        parts.append(row.project["remarks"])
    return "；".join(parts)


def _projects_table(store: Store, data: ExportData, rows: list[ProjectRow]) -> Table:
    measures = _measures(store, data.plan["id"])
    # Many notices give only the content (烈山区2023): an all-blank 项目名称 column would squeeze it.
    named = any(r.project.get("name") for r in rows)
    columns = [Column("序号", 11, "center"), Column("类别", 22)]
    columns += [Column("项目名称", 30), Column("实施内容", 62)] if named else [Column("实施内容", 92)]
    # 完成时限 only when some project (or sub-task) has one; its width comes out of 推进措施.
    dated = any(_deadline_text(r) for r in rows)
    columns += [Column("牵头单位", 30), Column("推进措施", 62 if dated else 84)]
    columns += [Column("完成时限", 22, "center")] if dated else []
    columns += [Column("备注", 28)]
    table = Table(
        "projects",
        "项目清单",
        f"{data.office_name}{data.period.year}年民生实事项目清单",
        _notes(data, rows),
        columns,
        [[c.label for c in columns]],
        font_size=9.5,
    )
    for r in rows:
        p = r.project
        name = [p.get("name") or ""] if named else []
        deadline = [_deadline_text(r)] if dated else []
        table.rows.append(
            Row(
                [
                    _seq(p["seq"]),
                    r.category,
                    *name,
                    p["content"],
                    _lead_text(r),
                    measures.get(p["id"], ""),
                    *deadline,
                    _remarks(r),
                ]
            )
        )
    return table


def _deadline_text(row: ProjectRow) -> str:
    """The project's 完成时限, then each sub-task's own one (指标名：5月底前动工) on its line."""
    lines = [row.project.get("deadline") or ""] if row.project.get("deadline") else []
    lines += [
        f"{i.indicator['name']}：{i.indicator['deadline']}" for i in row.indicators if i.indicator.get("deadline")
    ]
    return "\n".join(lines)


def _measures(store: Store, plan_id: str) -> dict[str, str]:
    grouped: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in store.query(
        "SELECT m.project_id, m.seq, m.text FROM measures m JOIN projects p ON p.id = m.project_id"
        " WHERE p.plan_id = ? AND m.deleted = 0 AND p.deleted = 0 ORDER BY m.position",
        [plan_id],
    ):
        grouped[m["project_id"]].append(m)
    out: dict[str, str] = {}
    for pid, items in grouped.items():
        lines = []
        for i, m in enumerate(items, 1):
            # an unnumbered measure gets its place as number, unless its text already starts with one
            seq = m["seq"] or ("" if plans.split_measure(m["text"])[0] else str(i))
            lines.append(plans.measure_line(seq, m["text"]))
        out[pid] = "\n".join(lines)
    return out


# -- 目标任务分解表 -------------------------------------------------------------


def _breakdowns(store: Store, plan_id: str) -> tuple[dict[tuple[str, str], dict[str, Any]], list[dict[str, Any]]]:
    """(indicator id, office id) -> breakdown row, and the offices that have any, in order."""
    by_key: dict[tuple[str, str], dict[str, Any]] = {}
    office_ids: set[str] = set()
    for b in store.query(
        "SELECT b.indicator_id, b.office_id, b.target, b.target_text FROM target_breakdowns b"
        " JOIN indicators i ON i.id = b.indicator_id JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND b.deleted = 0 AND i.deleted = 0 AND p.deleted = 0",
        [plan_id],
    ):
        by_key[(b["indicator_id"], b["office_id"])] = b
        office_ids.add(b["office_id"])
    found = [o for o in store.rows("offices", order_by="coalesce(region_code, ''), name") if o["id"] in office_ids]
    return by_key, found


def _target(ind: dict[str, Any]) -> str | Num:
    if ind.get("kind") == "qualitative" or ind.get("target") is None:
        return ind.get("target_text") or DASH
    return Num(ind["target"], prefix=SIGNS.get(ind.get("comparator") or ">=", ""))


def _breakdown_table(store: Store, data: ExportData, rows: list[ProjectRow]) -> Table:
    by_key, units = _breakdowns(store, data.plan["id"])
    columns = [
        Column("序号", 11, "center", key=True, project_level=True),
        Column("项目", 40, key=True, project_level=True),
        Column("指标", 40, key=True),
        Column("计量单位", 14, "center", key=True),
        Column("目标任务", 22, "right", key=True),
    ]
    columns += [Column(o["name"], 22, "right") for o in units]
    columns += [Column("合计", 22, "right"), Column("备注", 34)]
    extra = f"分解到 {len(units)} 个单位" if units else "暂无分解到下级单位的任务"
    table = Table(
        "breakdown",
        "目标任务分解表",
        f"{data.office_name}{data.period.year}年民生实事目标任务分解表",
        _notes(data, rows, extra),
        columns,
        [[c.label for c in columns]],
        font_size=9.5,
    )
    for r in rows:
        if not r.indicators:
            table.rows.append(
                Row(
                    [_seq(r.project["seq"]), project_label(r), DASH, "", DASH] + ["" for _ in units] + ["", _remarks(r)]
                )
            )
            continue
        for n, ir in enumerate(r.indicators):
            ind = ir.indicator
            cells: list[Value] = []
            total, numeric = 0.0, False
            for o in units:
                b = by_key.get((ind["id"], o["id"]))
                if b and b["target"] is not None:
                    cells.append(Num(b["target"]))
                    total += b["target"]
                    numeric = True
                else:
                    cells.append((b or {}).get("target_text") or "")
            note = _remarks(r) if n == 0 else ""
            if numeric and ind.get("target") is not None and abs(total - ind["target"]) > 1e-9:
                diff = plans.format_number(abs(total - ind["target"]))
                gap = f"分解合计{'少于' if total < ind['target'] else '多于'}目标 {diff}"
                note = f"{note}；{gap}" if note else gap
            lead = [_seq(r.project["seq"]), project_label(r)] if n == 0 else ["", ""]
            table.rows.append(
                Row(
                    lead
                    + [ind["name"], ind.get("unit") or "", _target(ind)]
                    + cells
                    + [Num(total) if numeric else "", note],
                    continues=n > 0,
                )
            )
    return table


# -- 第N季度进展情况表 -------------------------------------------------------------

status_text = status.status_text


def _period_name(period: Period) -> str:
    return f"第{period.number}季度" if period.kind == "quarter" else f"{period.number}月"


def _progress_table(store: Store, data: ExportData, rows: list[ProjectRow]) -> Table:
    money = "（万元）"
    columns = [
        Column("序号", 8, "center", project_level=True),
        Column("项目", 26, project_level=True),
        Column("指标", 24),
        Column("计量单位", 10, "center"),
        Column("年度目标", 15, "right"),
        Column("累计完成", 15, "right"),
        Column("完成率", 13, "right"),
        Column("序时进度", 14, "right"),
        Column("状态", 19, "center"),
        # one-word headers fit on one line (a print showed 计划投/资); the width comes from the text columns
        Column("计划投资", 14, "right", project_level=True),
        Column("到位资金", 14, "right", project_level=True),
        Column("已支出资金", 17, "right", project_level=True),
        Column("进展情况", 38, project_level=True),
        Column("存在问题", 21, project_level=True),
        Column("下一步计划", 21, project_level=True),
    ]
    top = [c.label for c in columns[:9]] + [f"资金情况{money}", None, None] + [c.label for c in columns[12:]]
    second = [None] * 9 + ["计划投资", "到位资金", "已支出资金"] + [None] * 3
    spans = [(c, 0, c, 1) for c in list(range(9)) + [12, 13, 14]] + [(9, 0, 11, 0)]
    counts: defaultdict[str, int] = defaultdict(int)
    for r in rows:
        counts[_assessment(r).status] += 1
    tally = "，".join(f"{s} {counts[s]} 项" for s in status.STATUSES if counts[s])
    name = _period_name(data.period)
    table = Table(
        "progress",
        f"{name}进展情况表",
        f"{data.office_name}{data.period.year}年民生实事{name}进展情况表",
        _notes(data, rows, tally),
        columns,
        [top, second],
        spans,
        font_size=8.5,
    )
    table.notes[0] += f"　　序时进度：{data.period.expected * 100:.1f}%"
    if any(r.project.get("due_date") or any(i.indicator.get("due_date") for i in r.indicators) for r in rows):
        table.notes[0] += "（有完成时限的项目按完成时限计）"
    sums = [0.0, 0.0, 0.0]
    for r in rows:
        table.rows.extend(_progress_rows(r, data.period, sums))
    if rows:
        total = ["", "合计", "", "", "", "", "", "", ""] + [Num(s, "money") for s in sums] + ["", "", ""]
        table.rows.append(Row(total, kind="total"))
    return table


def _assessment(row: ProjectRow) -> status.Assessment:
    """overview.project_rows assesses every row it returns."""
    if row.assessment is None:
        raise ValueError(f"project {row.id} was not assessed")
    return row.assessment


def _progress_rows(r: ProjectRow, period: Period, sums: list[float]) -> list[Row]:
    rep = r.report or {}
    assessment = _assessment(r)
    funds: list[Value] = []
    for i, key in enumerate(progress.FUNDS_FIELDS):
        value = rep.get(key)
        funds.append(Num(value, "money") if value is not None else "")
        sums[i] += value or 0.0
    narrative = [rep.get(k) or "" for k in progress.REPORT_TEXT_FIELDS]
    head = [_seq(r.project["seq"]), project_label(r)]
    if assessment.status == status.NO_TASK or not r.indicators:
        no_task = assessment.status == status.NO_TASK
        indicator = r.task_level_label if no_task else DASH
        unscored = assessment.status in status.UNSCORED  # 无任务, 常态化开展: no 序时进度 to meet
        expected: Value = DASH if unscored else Num(assessment.expected, "percent")
        comp = assessment.completion
        cells = (
            head
            + [
                indicator,
                "",
                DASH,
                DASH,
                Num(comp, "percent") if comp is not None else DASH,
                expected,
                status_text(assessment),
            ]
            + funds
            + narrative
        )
        return [Row(cells)]
    out: list[Row] = []
    for n, ir in enumerate(r.indicators):
        ind, a = ir.indicator, ir.assessment
        if ind.get("kind") == "qualitative" or ind.get("target") is None:
            actual: Value = ir.actual_text or ("已完成" if ir.done else "")
        else:
            actual = Num(ir.actual) if ir.actual is not None else ""
        rate = Num(a.completion, "percent") if a.completion is not None else DASH
        cells = ([*head] if n == 0 else ["", ""]) + [
            ind["name"],
            ind.get("unit") or "",
            _target(ind),
            actual,
            rate,
            DASH if status.judged_expected(a) is None else Num(a.expected, "percent"),
            status_text(a),
        ]
        cells += (funds + narrative) if n == 0 else [""] * 6
        out.append(Row(cells, continues=n > 0))
    return out
