"""Match a progress table's rows to the scope's indicators and check every cell.

Rows are matched by 指标编号 where the table has it, otherwise by 序号 plus the
indicator's name. Figures are parsed and checked with msdesk.progress (the same
messages as typing them in 季度填报) and a completion rate is compared with
msdesk.status.completion. Nothing is written here: the preview lists every match,
every row that matched nothing and every bad cell, and apply.py writes it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import progress, status
from ..errors import ValidationError
from ..formatting import format_number
from ..store import Store
from .scope import Scope, ScopeIndicator, ScopeProject
from .sheet import SheetTable, TableRow, clean, read_table
from .xlsx_values import Unsaved

MATCHED, UNMATCHED, SKIPPED = "matched", "unmatched", "skipped"
STATE_LABELS = {MATCHED: "已对应", UNMATCHED: "未对应", SKIPPED: "跳过"}
BY_ID, BY_NAME, BY_SEQ = "指标编号", "序号+指标名称", "序号"
EMPTY_WORDS = {"", "—", "——", "-", "--", "/", "／", "无", "\\"}


def _unsaved_formulas(trow: TableRow) -> list[CellError]:
    """The cells the import would take a figure or text from that hold a formula with no saved
    result (a computed column such as 完成率 is only checked, so it does not count)."""
    return [
        CellError(
            ref,
            f"是公式（{value}），但文件里没有保存计算结果（多见于由程序生成、未在 Excel/WPS 中保存过的表），"
            "无法读取其数值：请用 Excel 或 WPS 打开此表并保存后再导入。",
        )
        for key, (value, ref) in trow.cells.items()
        if isinstance(value, Unsaved) and key in INPUT_FIELDS
    ]


DONE_WORDS = re.compile(r"^(已完成|完成|已全部完成|全部完成|已办结|已实现|是)[。.!！]?$")
DONE_STATUS = "已完成"  # msdesk's exported 状态 column: 已完成（绿灯）
TOTAL_ROW = re.compile(r"^(合\s*计|总\s*计|小\s*计|累\s*计)")
SEQ_LIKE = re.compile(r"^[（(]?[0-9一二三四五六七八九十百零〇]+[)）.．、]?$")
TOLERANCE = 0.006  # a rate printed to 0.1 % (or rounded to whole %) still agrees
TEXT_FIELDS = tuple(progress.REPORT_TEXT_FIELDS)
FUNDS_FIELDS = tuple(progress.FUNDS_FIELDS)
INPUT_FIELDS = ("actual", *TEXT_FIELDS, *FUNDS_FIELDS)


@dataclass
class CellError:
    ref: str
    message: str

    def __str__(self) -> str:
        return f"{self.ref}：{self.message}"


@dataclass
class RowResult:
    row: int
    state: str
    seq: str = ""
    project: str = ""
    indicator: str = ""
    how: str = ""
    indicator_id: str | None = None
    project_id: str | None = None
    old: str = ""  # the figure in the file now
    new: str = ""  # the figure the table gives
    note: str = ""
    errors: list[CellError] = field(default_factory=list)
    change: dict[str, Any] = field(default_factory=dict, repr=False)  # indicator id -> fields that differ

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass
class Preview:
    scope: Scope
    table: SheetTable
    rows: list[RowResult]
    errors: list[CellError]  # every bad cell (rows' errors and project fields')
    refusals: list[str]  # wrong office or period, or a signed package already in
    progress: dict[str, Any]  # indicator id -> changed fields of its progress row
    reports: dict[str, Any]  # project id -> changed fields of its project report

    @property
    def ok(self) -> bool:
        return not self.errors and not self.refusals

    @property
    def matched(self) -> list[RowResult]:
        return [r for r in self.rows if r.state == MATCHED]

    @property
    def unmatched(self) -> list[RowResult]:
        return [r for r in self.rows if r.state == UNMATCHED]

    @property
    def change_count(self) -> int:
        return sum(len(v) for v in self.progress.values()) + sum(len(v) for v in self.reports.values())

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.table.raw).hexdigest()

    def summary(self) -> str:
        head = f"{self.scope.kind_label}：{self.scope.name}，{self.scope.period.label}（{self.table.source}）"
        lines = [
            head,
            f"对应 {len(self.matched)} 行，未对应 {len(self.unmatched)} 行，"
            f"跳过 {sum(1 for r in self.rows if r.state == SKIPPED)} 行；"
            f"将修改 {self.change_count} 个数值。",
        ]
        lines += [f"不能导入：{r}" for r in self.refusals]
        if self.errors:
            lines.append(f"有 {len(self.errors)} 处错误，改正前不会导入任何数据：")
            lines += [f"  {e}" for e in self.errors]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": {
                "kind": "lead_unit" if self.scope.lead_unit else "office",
                "name": self.scope.name,
                "period": self.scope.period.code,
            },
            "source": self.table.source,
            "sheet": self.table.sheet,
            "header_row": self.table.header_row,
            "columns": sorted(self.table.columns),
            "ignored_columns": self.table.ignored,
            "ok": self.ok,
            "refusals": self.refusals,
            "errors": [str(e) for e in self.errors],
            "changes": self.change_count,
            "rows": [
                {
                    "row": r.row,
                    "state": r.state,
                    "seq": r.seq,
                    "project": r.project,
                    "indicator": r.indicator,
                    "matched_by": r.how,
                    "indicator_id": r.indicator_id,
                    "project_id": r.project_id,
                    "old": r.old,
                    "new": r.new,
                    "note": r.note,
                    "errors": [str(e) for e in r.errors],
                }
                for r in self.rows
            ],
        }


def norm(text: object) -> str:
    """序号 and names compared without width, spaces, brackets or a trailing 、/. (（十二） = 十二)."""
    text = unicodedata.normalize("NFKC", clean(text))
    return re.sub(r"[\s()（）.、．]", "", text)


def preview_table(store: Store, scope: Scope, path: str | Path) -> Preview:
    """Read, match and check a table against the file as it is now (nothing is written)."""
    from .scope import refreshed

    table = read_table(path)
    return build_preview(store, refreshed(store, scope), table)


def build_preview(store: Store, scope: Scope, table: SheetTable) -> Preview:
    matcher = _Matcher(scope)
    rows: list[RowResult] = []
    per_project: dict[str, list[TableRow]] = {}
    last_seq = ""
    for trow in table.rows:
        result, last_seq = _classify(trow, matcher, last_seq)
        if result.state == MATCHED:
            result.errors += _unsaved_formulas(trow)
        if result.state == MATCHED and result.project_id:
            per_project.setdefault(result.project_id, []).append(trow)
            if result.indicator_id:
                _check_figure(store, scope, matcher.indicators[result.indicator_id], trow, result)
        rows.append(result)
    changes = {}
    for r in rows:
        if r.state == MATCHED and r.indicator_id and not r.errors:
            changes.update(r.change)
    reports, report_errors = _project_fields(scope, per_project)
    errors = [e for r in rows for e in r.errors] + report_errors
    return Preview(scope, table, rows, errors, _refusals(store, scope, table), changes, reports)


class _Matcher:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.indicators: dict[str, ScopeIndicator] = scope.indicators
        self.project_of = {i.id: p for p in scope.projects for i in p.indicators}
        self.by_seq: dict[str, list[ScopeProject]] = {}
        for p in scope.projects:
            self.by_seq.setdefault(norm(p.project["seq"]), []).append(p)
        self.seen: dict[str, int] = {}

    def project(self, seq: str, label: str) -> ScopeProject | None:
        found = self.by_seq.get(norm(seq), [])
        if len(found) > 1 and label:  # the same 序号 in two categories: the name decides
            found = [p for p in found if norm(label) and (norm(label) in norm(p.label) or norm(p.label) in norm(label))]
        return found[0] if len(found) == 1 else None

    def indicator(self, project: ScopeProject, name: str) -> ScopeIndicator | None:
        key = norm(name)
        if not key or name in EMPTY_WORDS:
            return project.indicators[0] if len(project.indicators) == 1 else None
        exact = [i for i in project.indicators if norm(i.indicator["name"]) == key]
        if exact:
            return exact[0]
        near = [i for i in project.indicators if key in norm(i.indicator["name"]) or norm(i.indicator["name"]) in key]
        return near[0] if len(near) == 1 else None


def _classify(trow: TableRow, m: _Matcher, last_seq: str) -> tuple[RowResult, str]:
    seq, label, name = trow.text("seq"), trow.text("project"), trow.text("indicator")
    ident = trow.text("id")
    res = RowResult(trow.number, SKIPPED, seq, label, name)
    values = [clean(v) for v, _ref in trow.cells.values() if clean(v)]
    if any(TOTAL_ROW.match(t) for t in (seq, label, name) if t):
        res.note = "合计行"
        return res, last_seq
    if len(set(values)) <= 1 and not ident and (not seq or not SEQ_LIKE.match(seq)):
        res.seq = res.project = res.indicator = ""
        res.note = f"说明或标题行：{_short(values[0])}" if values else "空行"
        return res, ("" if values else last_seq)
    if seq and not SEQ_LIKE.match(seq) and not ident:
        res.seq = ""
        res.note = f"类别或说明行：{_short(seq)}"
        return res, ""
    if not seq:
        seq = res.seq = last_seq
    figures = any(clean(trow.value(k)) not in EMPTY_WORDS for k in ("actual", *TEXT_FIELDS, *FUNDS_FIELDS))
    target = _match(trow, m, seq, label, name, ident, res)
    if target is None:
        res.state = UNMATCHED if figures else SKIPPED
        if not figures:
            res.note = f"无需填报（{res.note}）" if res.note else "无需填报"
        return res, seq
    project, ind = target
    res.state, res.project_id = MATCHED, project.id
    res.project = res.project or project.label
    if ind is not None:
        res.indicator_id, res.indicator = ind.id, ind.indicator["name"]
        if ind.id in m.seen:
            res.state = UNMATCHED
            res.note = (
                f"与第{m.seen[ind.id]}行是同一项指标（第{project.project['seq']}项“{ind.indicator['name']}”），未导入"
            )
            res.errors.append(
                CellError(
                    trow.ref("indicator") or trow.ref("seq") or f"第{trow.number}行",
                    f"与第{m.seen[ind.id]}行重复，请删去其中一行",
                )
            )
            res.indicator_id = None
            return res, seq
        m.seen[ind.id] = trow.number
    return res, seq


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _match(
    trow: TableRow, m: _Matcher, seq: str, label: str, name: str, ident: str, res: RowResult
) -> tuple[Any, ...] | None:
    if ident:
        ind = m.indicators.get(ident)
        if ind is not None:
            res.how = BY_ID
            return m.project_of[ind.id], ind
        res.note = f"指标编号“{ident[:12]}…”不属于{m.scope.name}的任务"
        return None
    if not seq and name and name not in EMPTY_WORDS:  # a table without 序号: the name alone, if unique
        found = [(p, i) for p in m.scope.projects for i in p.indicators if norm(i.indicator["name"]) == norm(name)]
        if len(found) == 1:
            res.how = "指标名称"
            return found[0]
        res.note = f"没有序号，且指标名称“{name}”{'对应多项指标' if found else '不在任务中'}"
        return None
    project = m.project(seq, label) if seq else None
    if project is None:
        res.note = f"第{seq}项不在{m.scope.name}的任务中" if seq else "没有序号"
        return None
    if not project.indicators:
        res.how = BY_SEQ
        return project, None
    ind = m.indicator(project, name)
    if ind is None:
        if name and name not in EMPTY_WORDS:
            res.note = f"第{seq}项没有名为“{name}”的指标"
        else:
            res.note = f"第{seq}项有 {len(project.indicators)} 项指标，请填写指标名称"
        return None
    res.how = BY_NAME if name and name not in EMPTY_WORDS else BY_SEQ
    return project, ind


def _shown(value: object) -> str:
    return format_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value or "")


def _check_figure(store: Store, scope: Scope, ind: ScopeIndicator, trow: TableRow, res: RowResult) -> None:
    raw, ref = trow.value("actual"), trow.ref("actual") or f"第{trow.number}行"
    text = clean(raw)
    res.old = _shown(ind.actual) if ind.actual is not None else (ind.actual_text or "")
    if text in EMPTY_WORDS:
        res.note = res.note or "未填累计完成"
        return
    if ind.indicator.get("kind") == "qualitative" or ind.target is None and not isinstance(raw, (int, float)):
        done = bool(DONE_WORDS.match(text)) or trow.text("status").startswith(DONE_STATUS)
        words = str(raw).strip() if isinstance(raw, str) else _shown(raw)  # kept as the office wrote it
        res.new = words
        change = {
            k: v
            for k, v in (("actual_text", words), ("done", int(done)))
            if v != ({"actual_text": ind.actual_text, "done": int(ind.done)}[k])
        }
        if change:
            res.change = {ind.id: change}
        return
    try:
        if isinstance(raw, bool):
            raise ValidationError(f"累计完成“{raw}”不是数字，请只填写阿拉伯数字（可带小数点）。")
        value = progress.validate_actual(store, ind.checked(), scope.period, raw, scope.office["id"])
    except ValidationError as exc:
        res.errors.append(CellError(ref, exc.message))
        return
    res.new = _shown(value)
    if value is not None:
        _check_rate(scope, ind, trow, value, res)
    if value != ind.actual:
        res.change = {ind.id: {"actual": value}}


def _check_rate(scope: Scope, ind: ScopeIndicator, trow: TableRow, value: float, res: RowResult) -> None:
    raw = trow.value("completion")
    text = clean(raw)
    if text in EMPTY_WORDS or ind.target is None:
        return
    try:
        rate = progress.parse_number(raw, "完成率")
    except ValidationError as exc:
        res.errors.append(CellError(trow.ref("completion") or f"第{trow.number}行", exc.message))
        return
    i = ind.indicator
    baseline = None if not scope.lead_unit else i.get("baseline")
    expect = status.completion(value, ind.target, i.get("comparator") or ">=", baseline)
    if rate is None or expect is None:
        return
    given = [rate / 100] if isinstance(raw, str) and "%" in raw else [rate, rate / 100]
    if not any(abs(g - expect) <= TOLERANCE for g in given):
        shown = text if "%" in text else (f"{rate * 100:g}%" if rate <= 1.5 else f"{rate:g}%")
        res.errors.append(
            CellError(
                trow.ref("completion") or f"第{trow.number}行",
                f"完成率 {shown} 与累计完成 {value:g} ÷ 目标 {ind.target:g} = {expect * 100:.1f}% 不符，"
                "请核对累计完成或完成率。",
            )
        )


def _project_fields(scope: Scope, per_project: dict[str, Any]) -> tuple[dict[str, Any], list[CellError]]:
    """进展情况/存在问题/下一步计划 and funds: the first filled cell among a project's rows."""
    projects = {p.id: p for p in scope.projects}
    changes, errors = {}, []
    for pid, trows in per_project.items():
        current = projects[pid].report or {}
        fields = {}
        for key in (*TEXT_FIELDS, *FUNDS_FIELDS):
            cell = next(((r.value(key), r.ref(key)) for r in trows if clean(r.value(key)) not in EMPTY_WORDS), None)
            if cell is None:
                continue
            raw, ref = cell
            value: str | float | None
            if key in TEXT_FIELDS:
                value = str(raw).replace("\r\n", "\n").strip()
            else:
                try:
                    value = progress.parse_number(raw, progress.FUNDS_FIELDS[key])
                    if value is not None and value < 0:
                        raise ValidationError(f"{progress.FUNDS_FIELDS[key]}不能为负数。")
                except ValidationError as exc:
                    errors.append(CellError(ref or key, exc.message))
                    continue
            if value != current.get(key):
                fields[key] = value
        if fields:
            changes[pid] = fields
    return changes, errors


def _refusals(store: Store, scope: Scope, table: SheetTable) -> list[str]:
    out = []
    if table.period_value and table.period and table.period_value != scope.period:
        out.append(
            f"{table.period.ref} 单元格写的报告期是“{table.period.text}”，不是{scope.period.label}："
            "这张表不是本期的进展表，请选择正确的报告期或文件。"
        )
    me = scope.office["name"]
    if scope.lead_unit:
        if table.lead and table.lead.text != scope.lead_unit:
            out.append(f"{table.lead.ref} 单元格写的牵头单位是“{table.lead.text}”，不是{scope.lead_unit}。")
        from .. import offices

        own = (offices.self_office(store) or {}).get("name")
        if table.office and table.office.text not in (scope.lead_unit, own):
            out.append(f"{table.office.ref} 单元格写的填报单位是“{table.office.text}”，不是{scope.lead_unit}。")
    elif table.office and table.office.text != me:
        out.append(f"{table.office.ref} 单元格写的填报单位是“{table.office.text}”，不是{me}：请确认选择的单位和文件。")
    if not scope.lead_unit:
        from .sources import signed_submission

        signed = signed_submission(store, scope.office["id"], scope.period.code)
        if signed:
            out.append(
                f"{me}{scope.period.label}已有签名报送包（{signed['package_name'] or ''}），签名数据优先，"
                "不能用未签名的进展表替换；如确需改用进展表，请先退回该报送包。"
            )
    return out
