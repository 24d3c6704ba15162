"""Derived figures: completion, 序时进度 and status with its warning level.

The one place these rules are written down (the GUI, exports and roll-up all
call here):

* completion = actual / target for targets read as ≥, = or ≈ (不少于, 达到, 左右).
  With a baseline (从 A 提高到 B) it is (actual - A) / (B - A).
* ≤ targets (不超过, 低于) are ceilings: completion is 100 % while the actual stays
  within the ceiling and target / actual once it is exceeded; an exceeded ceiling
  is always red (滞后), since it cannot be made good later in the year.
* 序时进度 (expected) is the share of the year elapsed at the period's end (Q2 50 %,
  2026-04 4/12), unless the project or indicator has a 完成时限 read as a date
  (due_date). Then it is measured against that date instead: the expected share
  ramps pro rata from 1 January of the period's year to the due date and is 100 %
  from the due date on. Due by 6月底 (30 June): Q1 50 %, 2026-04 4/6, Q2 and after
  100 %. Due by 9月 (30 September): Q2 6/9. Months are counted as in 序时进度, a due
  day inside a month as its share of that month (due 15 June: 5.5 months). A due date
  of 12月底 gives exactly 序时进度; one before the year began gives 100 %. An
  indicator with its own 完成时限 (a sub-task) uses it; otherwise its project's.
  expected_share() is the one place this is computed; overview.project_rows, the
  exported tables and the roll-up all call it.
* gap = 序时进度 - completion, in percentage points. gap below the yellow
  threshold (default 10) is green / 序时推进; from yellow up to red (default 30)
  is yellow / 滞后; above red is red / 滞后. Thresholds are per file (settings).
* completion ≥ 100 % is 已完成 (green). No figure reported, or 0, is 未启动,
  coloured by the same gap rule (so it turns yellow/red as the year goes on).
* qualitative targets (应保尽保, 全覆盖): 已完成 when reported done, 序时推进
  when progress text is reported, otherwise 未启动 coloured by the gap rule.
* 无任务 projects (and 市级/省级 tasks with nothing reported locally) are 无任务,
  with no warning level.
* 常态化开展 (ongoing) projects have no yearly target: they are reported on (figures,
  进展情况) but not scored. Their status, and each indicator's, is 常态化开展 with no
  warning level, whatever the figures and 序时进度 say; the completion is still shown
  where a figure has a target. 无任务 comes first (nothing is done locally at all).
* a project's status is its worst indicator's (a project where some indicators
  have started and others not is 滞后, not 未启动); its level the worst level;
  its completion the mean of its numeric indicators' completions, each capped at 100 %.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: status is pure arithmetic and imports nothing of msdesk at run time
    from .periods import Period
    from .store import Store

NOT_STARTED = "未启动"
ON_TRACK = "序时推进"
LAGGING = "滞后"
DONE = "已完成"
NO_TASK = "无任务"
ONGOING = "常态化开展"
STATUSES = (NOT_STARTED, ON_TRACK, LAGGING, DONE, NO_TASK, ONGOING)
UNSCORED = (NO_TASK, ONGOING)  # no light, not counted as 滞后 or 未启动, no 序时进度 judgement

GREEN, YELLOW, RED, NONE = "green", "yellow", "red", "none"
LEVEL_LABELS = {GREEN: "绿灯", YELLOW: "黄灯", RED: "红灯", NONE: "—"}
_LEVEL_RANK = {NONE: 0, GREEN: 1, YELLOW: 2, RED: 3}
_STATUS_RANK = {NO_TASK: 0, ONGOING: 1, DONE: 2, ON_TRACK: 3, NOT_STARTED: 4, LAGGING: 5}

DEFAULT_YELLOW_GAP = 10.0
DEFAULT_RED_GAP = 30.0


@dataclass(frozen=True)
class Thresholds:
    yellow_gap: float = DEFAULT_YELLOW_GAP  # points below 序时进度 where yellow starts
    red_gap: float = DEFAULT_RED_GAP  # points below 序时进度 beyond which it is red

    @classmethod
    def from_store(cls, store: Store) -> Thresholds:
        return cls(
            float(store.setting("warn.yellow_gap") or DEFAULT_YELLOW_GAP),
            float(store.setting("warn.red_gap") or DEFAULT_RED_GAP),
        )


@dataclass(frozen=True)
class Assessment:
    status: str
    level: str
    completion: float | None  # 0.0 .. (may exceed 1.0)
    expected: float

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


def status_text(a: Assessment | None) -> str:
    """'滞后（红灯）', '序时推进（绿灯）', '无任务': the level in words, never colour alone."""
    if a is None:
        return ""
    if a.level == NONE:
        return a.status
    return f"{a.status}（{a.level_label}）"


def completion(
    actual: float | None, target: float | None, comparator: str | None = ">=", baseline: float | None = None
) -> float | None:
    """actual ÷ target, read according to the comparator. None when not computable."""
    if actual is None or target is None:
        return None
    if comparator == "<=":
        if actual <= target:
            return 1.0
        return target / actual if actual else 0.0
    if baseline is not None and target != baseline:
        return max(0.0, (actual - baseline) / (target - baseline))
    if target == 0:
        return 1.0 if actual >= 0 else 0.0
    return actual / target


def expected_share(period: Period, due_date: date | str | None = None) -> float:
    """序时进度 of a period (a periods.Period), measured against a due date when there is one."""
    if not due_date:
        return period.expected
    if isinstance(due_date, str):
        try:
            due_date = date.fromisoformat(due_date[:10])
        except ValueError:
            return period.expected  # an unreadable stored date: the plain rule, never a guess
    days = calendar.monthrange(due_date.year, due_date.month)[1]
    months_to_due = (due_date.year - period.year) * 12 + due_date.month - 1 + due_date.day / days
    if months_to_due <= 0:
        return 1.0
    return min(1.0, period.end_month / months_to_due)


def indicator_due_date(indicator: dict[str, Any], project: dict[str, Any] | None = None) -> str | None:
    """A sub-task's own due date, else its project's."""
    due: str | None = indicator.get("due_date") or (project or {}).get("due_date")
    return due


def level_for_gap(gap_points: float, th: Thresholds) -> str:
    if gap_points < th.yellow_gap:
        return GREEN
    if gap_points <= th.red_gap:
        return YELLOW
    return RED


def assess_number(
    actual: float | None,
    target: float | None,
    comparator: str | None,
    expected: float,
    th: Thresholds = Thresholds(),
    baseline: float | None = None,
) -> Assessment:
    comp = completion(actual, target, comparator, baseline)
    if target is None:
        return assess_qualitative(None, actual not in (None, 0), expected, th)
    if comparator == "<=":
        if actual is None:
            return Assessment(NOT_STARTED, level_for_gap(expected * 100, th), None, expected)
        if actual > target:
            return Assessment(LAGGING, RED, comp, expected)
        return Assessment(DONE if expected >= 1 else ON_TRACK, GREEN, comp, expected)
    if comp is None or comp <= 0:
        return Assessment(NOT_STARTED, level_for_gap(expected * 100, th), comp, expected)
    if comp >= 1:
        return Assessment(DONE, GREEN, comp, expected)
    gap = (expected - comp) * 100
    level = level_for_gap(gap, th)
    return Assessment(ON_TRACK if level == GREEN else LAGGING, level, comp, expected)


def assess_qualitative(done: bool | None, reported: bool, expected: float, th: Thresholds = Thresholds()) -> Assessment:
    if done:
        return Assessment(DONE, GREEN, 1.0, expected)
    if reported:
        return Assessment(ON_TRACK, GREEN, None, expected)
    return Assessment(NOT_STARTED, level_for_gap(expected * 100, th), None, expected)


def no_task(expected: float) -> Assessment:
    return Assessment(NO_TASK, NONE, None, expected)


def ongoing(a: Assessment) -> Assessment:
    """The same figures, not scored: 常态化开展 with no light, its completion kept."""
    return Assessment(ONGOING, NONE, a.completion, a.expected)


def judged_expected(a: Assessment) -> float | None:
    """The 序时进度 a status was judged against, None where none was (常态化开展 is not judged;
    screens and tables then show —)."""
    return None if a.status == ONGOING else a.expected


def severity(a: Assessment) -> tuple[int, int]:
    """How bad an assessment is (light first, then status): sorts the 状态 column, picks the worst."""
    return _LEVEL_RANK[a.level], _STATUS_RANK[a.status]


def worst_of(parts: list[Assessment]) -> Assessment:
    """The indicator assessment a project's light follows (worst light, then worst status)."""
    return max(parts, key=severity)


def combine(parts: list[Assessment], expected: float) -> Assessment:
    """A project's assessment from its indicators': worst status, mean completion."""
    if not parts:
        return Assessment(NOT_STARTED, NONE, None, expected)
    worst = worst_of(parts)
    statuses = {a.status for a in parts}
    status = worst.status
    if statuses == {DONE}:
        status = DONE
    elif status == NOT_STARTED and statuses != {NOT_STARTED}:
        status = LAGGING  # the project has started, but part of it has not: behind schedule
    nums = [min(a.completion, 1.0) for a in parts if a.completion is not None]
    comp = sum(nums) / len(nums) if nums else None
    return Assessment(status, worst.level, comp, expected)


def assess_indicator(
    indicator: dict[str, Any],
    progress: dict[str, Any] | None,
    expected: float,
    th: Thresholds = Thresholds(),
    ongoing_project: bool = False,
) -> Assessment:
    """Assess one indicator row (from the indicators table) with its progress row; an indicator
    of an ongoing (常态化开展) project is not scored."""
    if ongoing_project:
        return ongoing(assess_indicator(indicator, progress, expected, th))
    progress = progress or {}
    if indicator.get("kind") == "qualitative" or indicator.get("target") is None:
        reported = bool((progress.get("actual_text") or "").strip()) or progress.get("actual") not in (None, 0)
        return assess_qualitative(bool(progress.get("done")), reported, expected, th)
    return assess_number(
        progress.get("actual"),
        indicator["target"],
        indicator.get("comparator") or ">=",
        expected,
        th,
        indicator.get("baseline"),
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def reason(project: Assessment, indicators: list[tuple[str, Assessment]], th: Thresholds = Thresholds()) -> str | None:
    """Why a project's status does not follow from the completion and 序时进度 shown on its row
    (75.0% against 75% yet 滞后（红灯）), in words for the row itself; None when it does.

    The rule is not changed here: this only says which part of combine() decided it."""
    if project.status in (NO_TASK, ONGOING, DONE) or project.level == NONE:
        return None
    comp = project.completion
    plain = ON_TRACK if comp is not None and level_for_gap((project.expected - comp) * 100, th) == GREEN else None
    if plain is None or project.status == plain:
        return None  # the row's figures already explain it
    worst_name, worst = max(indicators, key=lambda pair: (_LEVEL_RANK[pair[1].level], _STATUS_RANK[pair[1].status]))
    if worst.status == NOT_STARTED:
        return (
            f"完成率 {_pct(comp)} 是各指标的平均值；指标“{worst_name}”尚未启动"
            f"（{status_text(worst)}），项目按最落后的指标计为{status_text(project)}。"
        )
    return (
        f"完成率 {_pct(comp)} 是各指标的平均值；指标“{worst_name}”完成 {_pct(worst.completion)}"
        f"（{status_text(worst)}），项目按最落后的指标计为{status_text(project)}。"
    )


class Assessor:
    """The rules above applied to a whole plan for one period in one pass. Indicators with the
    same target and the same figures get the same (frozen) Assessment, so each distinct case is
    computed once and shared: 20,000 projects usually hold a few hundred distinct cases. The
    results are those of assess_indicator / combine / expected_share, which this only memoises."""

    def __init__(self, period: Period, th: Thresholds = Thresholds()):
        self.period, self.th = period, th
        self._expected: dict[str | None, float] = {}
        self._figures: dict[tuple[Any, ...], Assessment] = {}  # by the figures as read
        self._indicators: dict[tuple[Any, ...], Assessment] = {}  # by what the rules look at
        self._projects: dict[tuple[Any, ...], tuple[tuple[Assessment, ...], Assessment]] = {}
        self._no_task: dict[float, Assessment] = {}
        self._ongoing: dict[tuple[float | None, float], Assessment] = {}

    def expected(self, due_date: str | None = None) -> float:
        e = self._expected.get(due_date)
        if e is None:
            e = self._expected[due_date] = expected_share(self.period, due_date)
        return e

    @staticmethod
    def target_key(indicator: dict[str, Any], ongoing_project: bool = False) -> tuple[Any, ...]:
        """What of an indicator its assessment depends on (besides the figures): its target and
        whether its project is scored at all (常态化开展)."""
        return (
            indicator.get("kind"),
            indicator.get("target"),
            indicator.get("comparator"),
            indicator.get("baseline"),
            bool(ongoing_project),
        )

    def indicator(
        self,
        indicator: dict[str, Any],
        target_key: tuple[Any, ...],
        actual: float | None,
        actual_text: str | None,
        done: Any,
        due_date: str | None = None,
    ) -> Assessment:
        # first by the figures exactly as read (no text stripped, no 序时进度 looked up): most
        # indicators of a plan repeat a case already seen
        seen = (target_key, due_date, actual, actual_text, done)
        a = self._figures.get(seen)
        if a is None:
            expected = self.expected(due_date)
            key = (target_key, actual, bool(actual_text and actual_text.strip()), bool(done), expected)
            a = self._indicators.get(key)
            if a is None:
                a = self._indicators[key] = assess_indicator(
                    indicator, dict(actual=actual, actual_text=actual_text, done=done), expected, self.th, target_key[4]
                )
            self._figures[seen] = a
        return a

    def combine(self, parts: tuple[Assessment, ...], expected: float) -> Assessment:
        # by the parts' identities (shared objects): hashing an Assessment's fields costs more; the
        # entry keeps the parts alive, so no other object can take their identities meanwhile
        key = (tuple(map(id, parts)), expected)
        hit = self._projects.get(key)
        if hit is None:
            hit = self._projects[key] = (parts, combine(list(parts), expected))
        return hit[1]

    def ongoing(self, combined: Assessment) -> Assessment:
        key = (combined.completion, combined.expected)
        a = self._ongoing.get(key)
        if a is None:
            a = self._ongoing[key] = ongoing(combined)
        return a

    def no_task(self, expected: float) -> Assessment:
        a = self._no_task.get(expected)
        if a is None:
            a = self._no_task[expected] = no_task(expected)
        return a
