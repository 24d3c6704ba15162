"""Before signing a 报送包: which projects have nothing for the period.

A list the clerk reads before the package is signed (they may go on anyway):
a project with an indicator that has no figure, or with no 进展情况 written.
无任务 projects (and 市级/省级 tasks with nothing reported locally) are not
listed: nothing is expected of this office for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import overview, status
from .periods import Period, parse_period
from .store import Store

NO_FIGURE = "未填累计完成"
NO_NARRATIVE = "未填进展情况"


@dataclass(frozen=True)
class Gap:
    project_id: str
    seq: str
    name: str
    missing: tuple[str, ...]  # NO_FIGURE and/or NO_NARRATIVE
    indicators: tuple[str, ...]  # names of the indicators without a figure

    @property
    def text(self) -> str:
        """第7项 残疾人康复救助：未填累计完成（残疾人康复救助）、未填进展情况"""
        parts = [
            f"{NO_FIGURE}（{'、'.join(self.indicators)}）" if m == NO_FIGURE and self.indicators else m
            for m in self.missing
        ]
        return f"第{self.seq}项 {self.name}：{'、'.join(parts)}"


def _has_figure(ind: overview.IndicatorRow) -> bool:
    return ind.actual is not None or bool((ind.actual_text or "").strip()) or ind.done


def missing_entries(store: Store, plan_id: str, period: Period | str, office_id: str | None = None) -> list[Gap]:
    """Projects of the plan with no figure or no 进展情况 for the period, in plan order."""
    period = parse_period(period) if isinstance(period, str) else period
    out = []
    for row in overview.project_rows(store, plan_id, period, office_id):
        if row.assessment is not None and row.assessment.status == status.NO_TASK:
            continue
        empty = [i.indicator["name"] for i in row.indicators if not _has_figure(i)]
        missing = []
        if empty:
            missing.append(NO_FIGURE)
        if not (row.report.get("progress_note") or "").strip():
            missing.append(NO_NARRATIVE)
        if missing:
            name = row.project.get("name") or _short(row.project.get("content"))
            out.append(Gap(row.id, row.project["seq"], name, tuple(missing), tuple(empty)))
    return out


def _short(text: str | None, limit: int = 20) -> str:
    text = (text or "").strip().rstrip("。；;，,")  # “…救助。：” reads badly before the colon
    return text if len(text) <= limit else text[:limit] + "…"


def summary(gaps: list[Gap]) -> str:
    """One sentence above the list: 有 32 个项目本期未填累计完成或进展情况。"""
    if not gaps:
        return "所有项目本期都已填写累计完成和进展情况。"
    figures = sum(NO_FIGURE in g.missing for g in gaps)
    notes = sum(NO_NARRATIVE in g.missing for g in gaps)
    return (
        f"有 {len(gaps)} 个项目本期填写不全：{figures} 个{NO_FIGURE}，{notes} 个{NO_NARRATIVE}。"
        "仍可继续签名报送，但上级看到的将是空白。"
    )
