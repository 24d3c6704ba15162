"""Draft a period's 进展情况通报 from the ledger.

Every figure comes from the core: project status, completion and 序时进度 from
overview.project_rows (msdesk.status rules), funds from the 合计 row of the
exported 进展情况表, reporting and the subordinates' figures from
package.rollup. This module only counts, orders and words them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any

from .. import offices, overview, plans, status
from ..errors import MsdeskError
from ..export import prepare
from ..export.tables import Num, Table, _filter, project_label
from ..overview import IndicatorRow, ProjectRow
from ..package import rollup
from ..periods import Period, parse_period
from ..store import Store
from . import numbers as fmt
from .model import H1, H2, H3, PARA, TABLE, Block, Bulletin

Groups = dict[str, list[ProjectRow]]  # what the bulletin says of them -> projects
Ranked = tuple[dict[str, Any], dict[str, Any]]  # (office, its overview.summary line)

DOC_NUMBER_PLACEHOLDER = "××〔{year}〕×号"
NAME_CHARS = 20  # a project named by its content is cut at the first clause, at most this long


def build_bulletin(
    store: Store,
    plan_id: str,
    period: Period | str,
    category: str | None = None,
    lead_unit: str | None = None,
    office_id: str | None = None,
    today: date | None = None,
) -> Bulletin:
    """The draft for one period of a plan, optionally for one category and/or lead unit."""
    period = parse_period(period) if isinstance(period, str) else period
    data = prepare(store, plan_id, period, ("progress",), category, lead_unit, office_id)
    office = store.get("offices", office_id) if office_id else offices.self_office(store)
    plan = store.get("plans", plan_id)
    if office is None:
        raise MsdeskError("请先在“单位设置”中填写填报单位。")
    if plan is None:
        raise MsdeskError("该计划已被删除。")
    rows = _filter(overview.project_rows(store, plan_id, period, office_id=office["id"]), category, lead_unit)
    groups = _groups(rows)
    scope = "".join(f"（{v}）" for v in data.filters.values())
    title = f"{office['name']}{period.year}年民生实事{scope}{_period_name(period)}进展情况通报"
    d = _issue_date(data.signoff.get("report_date"), today)
    facts = dict(
        period=period.code,
        expected=period.expected,
        projects=len(rows),
        **{k: [r.id for r in v] for k, v in groups.items()},
    )
    blocks = [Block(PARA, _intro(office, period, data.filters))]
    blocks += _overall(office, plan, period, rows, groups, facts)
    blocks += _lagging_section(period, groups["attention"])
    n = 3
    if offices.subordinates(store, office["id"]):
        blocks += _reporting(store, plan_id, period, {r.id for r in rows}, n, today, facts)
        n += 1
    blocks += _funds(data.tables[0], n, facts)
    blocks += _next_steps(n + 1, groups)
    return Bulletin(
        title, DOC_NUMBER_PLACEHOLDER.format(year=period.year), blocks, office["name"], fmt.chinese_date(d), facts
    )


def short_name(row: ProjectRow) -> str:
    """A project's name as a bulletin names it: its 项目名称, else its content's first clause."""
    text = re.sub(r"\s+", "", project_label(row))  # notices space out figures: 新增 17 个
    if row.project.get("name"):
        return text
    for stop in "，。；,;（(":
        text = text.split(stop)[0]
    return text if len(text) <= NAME_CHARS else text[:NAME_CHARS] + "…"


def _assessed(row: ProjectRow) -> status.Assessment:
    """Rows from overview.project_rows and _office_figures always carry their assessment."""
    if row.assessment is None:
        raise ValueError(f"project {row.id} was not assessed")
    return row.assessment


def _period_name(period: Period) -> str:
    return f"第{period.number}季度" if period.kind == "quarter" else f"{period.number}月份"


def _issue_date(report_date: object, today: date | None) -> date:
    try:
        return date.fromisoformat(str(report_date)[:10])
    except ValueError:
        return today or date.today()


def _groups(rows: list[ProjectRow]) -> Groups:
    """Projects by what the bulletin says of them. 常态化 = marked 常态化开展 (status.ONGOING: reported
    on, not scored), or, in a file where nobody marked it, a project with no indicator at all."""
    g: defaultdict[str, list[ProjectRow]] = defaultdict(list)
    for r in rows:
        a = _assessed(r)
        if a.status == status.NO_TASK:
            g["no_task"].append(r)
        elif a.status == status.ONGOING or not r.indicators:
            g["ongoing"].append(r)
        else:
            g["scored"].append(r)
            g[a.status].append(r)
            if _exceeding(r):
                g["exceeding"].append(r)
    g["attention"] = overview.lagging(g["scored"])
    return {
        k: g[k]
        for k in (
            "no_task",
            "ongoing",
            "scored",
            status.DONE,
            status.ON_TRACK,
            status.LAGGING,
            status.NOT_STARTED,
            "exceeding",
            "attention",
        )
    }


def _exceeding(row: ProjectRow) -> list[IndicatorRow]:
    return [
        i
        for i in row.indicators
        if i.assessment.completion is not None and i.assessment.completion > 1 and i.indicator.get("comparator") != "<="
    ]


def _intro(office: dict[str, Any], period: Period, filters: dict[str, Any]) -> str:
    scope = "".join(f"{k}为“{v}”的" for k, v in filters.items())
    return (
        f"为及时掌握民生实事推进情况，现将截至{period.year}年{period.end_month}月底{office['name']}"
        f"{scope}民生实事进展情况通报如下："
    )


def _seqs(rows: list[ProjectRow]) -> str:
    return "、".join(str(r.project["seq"]) for r in rows)


def _named(rows: list[ProjectRow], with_rate: bool = False) -> str:
    parts = []
    for r in rows:
        rate = ""
        if with_rate:
            completion = _assessed(r).completion
            rate = f"（完成率{fmt.percent(completion)}）" if completion is not None else "（未报送完成数）"
        parts.append(f"第{r.project['seq']}项{short_name(r)}{rate}")
    return "；".join(parts)  # names may hold 、 themselves (高龄、独居、空巢)


def _named_ongoing(rows: list[ProjectRow]) -> str:
    """Standing projects by name, with a completion where one has a figure against a target."""
    parts = []
    for r in rows:
        completion = _assessed(r).completion
        rate = f"（完成率{fmt.percent(completion)}）" if completion is not None else ""
        parts.append(f"第{r.project['seq']}项{short_name(r)}{rate}")
    return "；".join(parts)


def _overall(
    office: dict[str, Any],
    plan: dict[str, Any],
    period: Period,
    rows: list[ProjectRow],
    g: Groups,
    facts: dict[str, Any],
) -> list[Block]:
    out = [Block(H1, "一、总体情况")]
    text = f"《{plan['title']}》共{fmt.count(len(rows))}。"
    if g["no_task"]:
        by_label = defaultdict(list)
        for r in g["no_task"]:
            by_label[r.task_level_label].append(r)
        parts = [f"{label}的{fmt.count(len(rs))}（第{_seqs(rs)}项）" for label, rs in by_label.items()]
        text += f"其中，{'，'.join(parts)}，不列入本级考核。"
    if g["ongoing"]:
        text += f"常态化开展的{fmt.count(len(g['ongoing']))}（{_named_ongoing(g['ongoing'])}），持续推进，不作序时进度考核。"
    scored = g["scored"]
    others = "其余" if len(scored) != len(rows) else ""
    counts = [f"已完成{fmt.count(len(g[status.DONE]))}"]
    counts += [f"{s}{fmt.count(len(g[s]))}" for s in (status.ON_TRACK, status.LAGGING, status.NOT_STARTED) if g[s]]
    text += (
        f"{others}{fmt.count(len(scored))}中，截至{period.end_month}月底{'，'.join(counts)}。"
        f"本期序时进度为{fmt.percent(period.expected)}。"
    )
    out.append(Block(PARA, text))
    out += _status_paragraphs(g)
    return out


def _status_paragraphs(g: Groups) -> list[Block]:
    out, n = [], 0

    def head(label: str, body: str) -> None:
        nonlocal n
        n += 1
        out.append(Block(H2, f"（{fmt.chinese_ordinal(n)}）{label}"))
        out.append(Block(PARA, body))

    if g[status.DONE]:
        head("已完成项目", f"已完成的{fmt.count(len(g[status.DONE]))}：{_named(g[status.DONE])}。")
    if g["exceeding"]:
        parts = []
        for r in g["exceeding"]:
            for i in _exceeding(r):
                parts.append(
                    f"{i.indicator['name']}完成{fmt.quantity(i.actual, i.indicator.get('unit'))}，"
                    f"完成率{fmt.percent(i.assessment.completion)}"
                )
        head("超额完成项目", f"超额完成任务的已有{fmt.count(len(g['exceeding']))}：{'；'.join(parts)}。")
    if g[status.ON_TRACK]:
        head("序时推进项目", f"按序时进度推进的{fmt.count(len(g[status.ON_TRACK]))}：{_named(g[status.ON_TRACK])}。")
    if g["attention"]:
        head(
            "滞后项目",
            f"滞后于序时进度的{fmt.count(len(g['attention']))}：{_named(g['attention'], True)}。具体情况见下文。",
        )
    return out


def _lagging_section(period: Period, rows: list[ProjectRow]) -> list[Block]:
    out = [Block(H1, "二、滞后项目情况")]
    if not rows:
        out.append(Block(PARA, "本期没有滞后于序时进度的项目。"))
        return out
    for n, r in enumerate(rows, 1):
        out.append(
            Block(H3, f"{n}. 第{r.project['seq']}项{short_name(r)}（牵头单位：{'、'.join(r.lead_units) or '未指定'}）")
        )
        out.append(Block(PARA, _lag_line(period, r)))
        rep = r.report or {}
        out.append(Block(PARA, f"存在问题：{_sentence(rep.get('problems'), '（未填写）')}"))
        out.append(Block(PARA, f"下一步计划：{_sentence(rep.get('next_steps'), '（未填写）')}"))
    return out


def _lag_line(period: Period, r: ProjectRow) -> str:
    a = _assessed(r)
    if a.completion is None:
        text = f"尚未报送完成数，序时进度{fmt.percent(period.expected)}，状态为{status.status_text(a)}。"
    else:
        gap = (period.expected - a.completion) * 100
        mean = "各指标平均" if len(r.indicators) > 1 else ""
        behind = f"，相差{fmt.trim(gap, 1)}个百分点" if round(gap, 1) > 0 else ""
        text = (
            f"{mean}完成率{fmt.percent(a.completion)}，序时进度{fmt.percent(period.expected)}{behind}，"
            f"状态为{status.status_text(a)}。"
        )
    worst = overview.deciding_indicator(r)
    if worst is not None:
        ind = worst.indicator
        target = (
            fmt.quantity(ind.get("target"), ind.get("unit"))
            if ind.get("target") is not None
            else (ind.get("target_text") or "—")
        )
        done = f"完成{fmt.quantity(worst.actual, ind.get('unit'))}" if worst.actual is not None else "尚未报送完成数"
        rate = f"，完成率{fmt.percent(worst.assessment.completion)}" if worst.assessment.completion is not None else ""
        text += f"其中“{ind['name']}”目标{target}，{done}{rate}。"
    return text


def _sentence(text: str | None, empty: str) -> str:
    text = (text or "").strip()
    if not text:
        return empty
    return text if text[-1] in "。！？；.!?" else text + "。"


# -- 报送情况 (an office with subordinates) -------------------------------------------


def _reporting(
    store: Store, plan_id: str, period: Period, project_ids: set[str], n: int, today: date | None, facts: dict[str, Any]
) -> list[Block]:
    rows = rollup.submission_status(store, period, today)
    by: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by[r["label"]].append(r)
    reported = by[rollup.ON_TIME] + by[rollup.LATE]
    missing = by[rollup.PENDING] + by[rollup.MISSED]
    due = date.fromisoformat(rows[0]["due_date"]) if rows else period.due_date()
    facts.update(
        subordinates=len(rows),
        reported=len(reported),
        on_time=len(by[rollup.ON_TIME]),
        late=len(by[rollup.LATE]),
        missing=len(missing),
        returned=len(by[rollup.RETURNED]),
    )
    text = (
        f"本期报送截止日期为{due.year}年{due.month}月{due.day}日。应报送的下级单位{fmt.count(len(rows), '个')}，"
        f"已报送{fmt.count(len(reported), '个')}，其中按时报送{fmt.count(len(by[rollup.ON_TIME]), '个')}、"
        f"逾期报送{fmt.count(len(by[rollup.LATE]), '个')}"
    )
    if missing:
        text += f"；未报送{fmt.count(len(missing), '个')}（{_names(missing)}）"
    if by[rollup.RETURNED]:
        text += f"；已退回{fmt.count(len(by[rollup.RETURNED]), '个')}（{_names(by[rollup.RETURNED])}）"
    out = [Block(H1, f"{fmt.chinese_ordinal(n)}、报送情况"), Block(PARA, text + "。")]
    out += [Block(H2, "（一）报送及时情况"), Block(TABLE, rows=_timeliness_table(rows))]
    ranking, per_office = _office_figures(store, plan_id, period, project_ids, [r["office"] for r in reported])
    facts["ranking"] = [(o["name"], s["completion"]) for o, s in ranking]
    out.append(Block(H2, "（二）完成情况排名"))
    if ranking:
        out.append(Block(PARA, "按已报送单位各项目平均完成率排序（完成率按各单位分解目标计算）："))
        out.append(Block(TABLE, rows=_ranking_table(ranking)))
    else:
        out.append(Block(PARA, "本期尚无下级单位报送，暂无完成情况。"))
    for k, (office, prows) in enumerate(per_office, 1):
        out.append(Block(H2, f"（{fmt.chinese_ordinal(k + 2)}）{office['name']}分项进展"))
        out.append(Block(TABLE, rows=_township_table(prows)))
    return out


def _names(rows: list[dict[str, Any]]) -> str:
    return "、".join(r["office"]["name"] for r in rows)


def _made(r: dict[str, Any]) -> str:
    s = r["submission"]
    return str((s["created_at_package"] or s["received_at"]) or "")[:10] if s else ""


def _timeliness_table(rows: list[dict[str, Any]]) -> list[list[str]]:
    """Reported offices first, earliest first; then returned and missing ones."""
    order = {rollup.ON_TIME: 0, rollup.LATE: 0, rollup.RETURNED: 1, rollup.PENDING: 2, rollup.MISSED: 2}
    ranked = sorted(rows, key=lambda r: (order[r["label"]], _made(r) or "9", r["office"]["name"]))
    out = [["排名", "单位", "报送日期", "报送情况"]]
    for k, r in enumerate(ranked, 1):
        counted = r["label"] in (rollup.ON_TIME, rollup.LATE)
        out.append([str(k) if counted else "—", r["office"]["name"], _made(r) or "—", r["label"]])
    return out


def _office_figures(
    store: Store, plan_id: str, period: Period, project_ids: set[str], reported: list[dict[str, Any]]
) -> tuple[list[Ranked], list[tuple[dict[str, Any], list[ProjectRow]]]]:
    """Each reporting subordinate's projects, assessed by the core against its own shares."""
    cons = [c for c in rollup.consolidated(store, plan_id, period) if c.project["id"] in project_ids]
    shared = {
        (b["indicator_id"], b["office_id"])
        for b in store.query("SELECT indicator_id, office_id FROM target_breakdowns WHERE deleted = 0")
    }
    projects = {p["id"]: p for p in plans.projects(store, plan_id)}
    per_office: list[tuple[dict[str, Any], list[ProjectRow]]] = []
    for office in reported:
        rows: dict[str, overview.ProjectRow] = {}
        tasked: set[str] = set()
        for c in cons:
            fig = next(f for f in c.offices if f.office["id"] == office["id"])
            row = rows.setdefault(c.project["id"], overview.ProjectRow(projects[c.project["id"]], "", 0, [], []))
            row.indicators.append(
                overview.IndicatorRow(c.indicator, fig.actual, fig.actual_text, fig.done, None, fig.assessment)
            )
            if (c.indicator["id"], office["id"]) in shared:
                tasked.add(c.project["id"])
        for row in rows.values():
            row.assessment = overview._assess_project(row, period.expected)
        mine = [r for r in rows.values() if r.id in tasked and _assessed(r).status != status.NO_TASK]
        per_office.append((office, mine))
    ranking: list[Ranked] = []
    for office, mine in per_office:
        summary = overview.summary(mine, lambda r: "all")
        ranking.append(
            (office, summary[0] if summary else dict(completion=None, projects=0, **{s: 0 for s in status.STATUSES}))
        )
    ranking.sort(key=lambda x: (-(x[1]["completion"] or 0), x[0]["name"]))
    return ranking, per_office


def _ranking_table(ranking: list[Ranked]) -> list[list[str]]:
    out = [["排名", "单位", "任务项目", "已完成", "序时推进", "滞后", "未启动", "平均完成率"]]
    for k, (office, s) in enumerate(ranking, 1):
        out.append(
            [
                str(k),
                office["name"],
                fmt.count(s["projects"]),
                fmt.count(s[status.DONE]),
                fmt.count(s[status.ON_TRACK]),
                fmt.count(s[status.LAGGING]),
                fmt.count(s[status.NOT_STARTED]),
                fmt.percent(s["completion"]),
            ]
        )
    return out


def _township_table(rows: list[ProjectRow]) -> list[list[str]]:
    out = [["序号", "项目", "完成率", "状态"]]
    for r in rows:
        out.append(
            [
                str(r.project["seq"]),
                short_name(r),
                fmt.percent(_assessed(r).completion),
                status.status_text(r.assessment),
            ]
        )
    return out


# -- 资金 and 下一步 -----------------------------------------------------------------


def _funds(table: Table, n: int, facts: dict[str, Any]) -> list[Block]:
    """The sums are the 合计 row of the exported 进展情况表, so the two always agree."""
    total = next((row for row in table.rows if row.kind == "total"), None)
    sums = [c.value if isinstance(c, Num) else 0.0 for c in total.cells[9:12]] if total else [0.0, 0.0, 0.0]
    planned, received, spent = sums
    facts.update(funds_planned=planned, funds_received=received, funds_spent=spent)
    out = [Block(H1, f"{fmt.chinese_ordinal(n)}、资金情况")]
    if not planned and not received and not spent:
        out.append(Block(PARA, "本期未填报资金情况。"))
        return out
    text = f"计划投资{fmt.money(planned)}，到位资金{fmt.money(received)}"
    if planned:
        text += f"，到位率{fmt.percent(received / planned)}"
    text += f"；已支出资金{fmt.money(spent)}"
    if received:
        text += f"，支出率{fmt.percent(spent / received)}（已支出占到位资金）"
    out.append(Block(PARA, text + "。"))
    return out


def _next_steps(n: int, g: Groups) -> list[Block]:
    text = "各牵头单位要对照年度目标和序时进度，倒排工期、压实责任，确保全年任务按期完成。"
    if g["attention"]:
        text = (
            "各牵头单位要对照年度目标和序时进度，针对滞后项目逐项分析原因、制定整改措施，"
            "倒排工期、压实责任，确保全年任务按期完成。"
        )
    return [Block(H1, f"{fmt.chinese_ordinal(n)}、下一步工作"), Block(PARA, text)]
