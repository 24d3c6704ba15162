"""Plans, categories, projects, units, measures, indicators and target breakdowns.

Each function is one small write that must be called inside
store.transaction(); callers group them into one user action.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .deadlines import due_date_iso
from .errors import ValidationError
from .formatting import format_number as format_number  # re-exported: plans.format_number
from .periods import check_year
from .store import Store

TASK_LEVELS = {"local": "本级任务", "city": "市级任务", "province": "省级任务", "none": "无任务"}
COMPARATORS = {">=": "不少于", "<=": "不超过", "=": "达到", "~": "左右"}


def add_plan(
    store: Store,
    year: int,
    title: str,
    issuing_office: str | None = None,
    doc_number: str | None = None,
    issued_date: str | None = None,
    source_text: str | None = None,
    id: str | None = None,
) -> str:
    if not title or not str(title).strip():
        raise ValidationError("计划标题不能为空。", field="title")
    values = dict(
        year=check_year(year, "计划年度"),
        title=title.strip(),
        issuing_office=issuing_office,
        doc_number=doc_number,
        issued_date=issued_date,
        source_text=source_text,
    )
    if id:
        values["id"] = id
    return store.insert("plans", **values)


def add_category(
    store: Store,
    plan_id: str,
    name: str,
    position: int,
    seq: str | None = None,
    declared_count: int | None = None,
    id: str | None = None,
) -> str:
    values = dict(plan_id=plan_id, name=name, position=position, seq=seq, declared_count=declared_count)
    if id:
        values["id"] = id
    return store.insert("categories", **values)


def add_project(
    store: Store,
    plan_id: str,
    seq: str,
    content: str,
    position: int,
    category_id: str | None = None,
    name: str | None = None,
    task_level: str = "local",
    task_level_text: str | None = None,
    remarks: str | None = None,
    lead_units: Iterable[str | None] = (),
    partner_units: Iterable[str | None] = (),
    deadline: str | None = None,
    id: str | None = None,
    ongoing: bool = False,
) -> str:
    """deadline: 完成时限 as written; the date it means in the plan's year goes to due_date.
    ongoing: 常态化开展, reported on but not scored (msdesk.status)."""
    if task_level not in TASK_LEVELS:
        raise ValidationError(f"任务级别“{task_level}”无效。", field="task_level")
    if not str(seq).strip():
        raise ValidationError("序号不能为空。", field="seq")
    values = dict(
        plan_id=plan_id,
        category_id=category_id,
        position=position,
        seq=str(seq),
        name=name,
        content=content or "",
        task_level=task_level,
        task_level_text=task_level_text,
        remarks=remarks,
        **_deadline_fields(deadline, _plan_year(store, plan_id)),
        ongoing=int(bool(ongoing)),
    )
    if id:
        values["id"] = id
    project_id = store.insert("projects", **values)
    for role, names in (("lead", lead_units), ("partner", partner_units)):
        for pos, name in enumerate(n.strip() for n in names if n and n.strip()):
            store.insert("project_units", project_id=project_id, role=role, position=pos, unit_name=name)
    return project_id


def set_units(store: Store, project_id: str, role: str, names: Iterable[str | None]) -> None:
    """Replace a project's lead or partner units, keeping rows whose name is unchanged."""
    names = [n.strip() for n in names if n and n.strip()]
    current = store.rows("project_units", "project_id = ? AND role = ?", [project_id, role], order_by="position")
    by_name = {r["unit_name"]: r for r in current}
    for row in current:
        if row["unit_name"] not in names:
            store.delete("project_units", row["id"])
    for pos, name in enumerate(names):
        if name in by_name:
            store.update("project_units", by_name[name]["id"], position=pos)
        else:
            store.insert("project_units", project_id=project_id, role=role, position=pos, unit_name=name)


def units(store: Store, project_id: str, role: str = "lead") -> list[str]:
    return [
        r["unit_name"]
        for r in store.rows("project_units", "project_id = ? AND role = ?", [project_id, role], order_by="position")
    ]


_MEASURE_DOT = re.compile(r"^\s*(\d{1,2})\s*[.．、]\s*(.+)$")
_MEASURE_MARK = re.compile(r"^\s*([(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|[①-⑳])\s*(.+)$")


def split_measure(line: str) -> tuple[str | None, str]:
    """'1.开展招聘会' → ('1', '开展招聘会'); '(1)开展…' → ('(1)', '开展…'), '①…' → ('①', '…'):
    the numbering as written, so a list numbered (1)(2)(3) prints as (1)(2)(3), not 1.(1)."""
    for pattern in (_MEASURE_DOT, _MEASURE_MARK):
        m = pattern.match(line)
        if m:
            return m.group(1).strip(), m.group(2).strip()
    return None, line.strip()


def measure_line(seq: str | None, text: str) -> str:
    """A measure as printed: its number as written, with a '.' only where the number has no mark."""
    seq = (seq or "").strip()
    if not seq:
        return text
    return f"{seq}{text}" if re.search(r"[.．、)）\]】①-⑳]$", seq) else f"{seq}.{text}"


def add_measure(
    store: Store, project_id: str, text: str, position: int, seq: str | None = None, id: str | None = None
) -> str:
    values = dict(project_id=project_id, text=text, position=position, seq=seq)
    if id:
        values["id"] = id
    return store.insert("measures", **values)


def add_indicator(
    store: Store,
    project_id: str,
    name: str,
    position: int,
    target: float | None = None,
    unit: str | None = None,
    comparator: str | None = ">=",
    target_text: str | None = None,
    baseline: float | None = None,
    kind: str | None = None,
    deadline: str | None = None,
    id: str | None = None,
) -> str:
    """deadline: a sub-task's own 完成时限, as written (the project's applies when None)."""
    kind = kind or ("number" if target is not None else "qualitative")
    if kind == "number" and target is None:
        raise ValidationError("数值指标必须填写目标值。", field="target")
    if comparator is not None and comparator not in COMPARATORS:
        raise ValidationError(f"比较方式“{comparator}”无效。", field="comparator")
    values = dict(
        project_id=project_id,
        name=name,
        position=position,
        kind=kind,
        unit=unit,
        comparator=comparator if kind == "number" else None,
        target=target,
        target_text=target_text,
        baseline=baseline,
        **_deadline_fields(deadline, _project_year(store, project_id)),
    )
    if id:
        values["id"] = id
    return store.insert("indicators", **values)


def _deadline_fields(deadline: object, year: int | None) -> dict[str, str | None]:
    """deadline as written (trimmed, None when blank) and due_date, the ISO date it means."""
    text = str(deadline).strip() if deadline is not None else ""
    return dict(deadline=text or None, due_date=due_date_iso(text, year))


def _plan_year(store: Store, plan_id: str) -> int | None:
    plan = store.get("plans", plan_id, include_deleted=True)
    return plan["year"] if plan else None


def _project_year(store: Store, project_id: str) -> int | None:
    project = store.get("projects", project_id, include_deleted=True)
    return _plan_year(store, project["plan_id"]) if project else None


def add_rate(
    store: Store,
    project_id: str,
    text: str,
    position: int,
    value_low: float | None = None,
    value_high: float | None = None,
    unit: str | None = None,
    measure_id: str | None = None,
) -> str:
    return store.insert(
        "rates",
        project_id=project_id,
        text=text,
        position=position,
        value_low=value_low,
        value_high=value_high,
        unit=unit,
        measure_id=measure_id,
    )


def set_breakdown(
    store: Store, indicator_id: str, office_id: str, target: float | None = None, target_text: str | None = None
) -> str:
    row = store.rows(
        "target_breakdowns", "indicator_id = ? AND office_id = ?", [indicator_id, office_id], include_deleted=True
    )
    if row:
        store.update("target_breakdowns", row[0]["id"], target=target, target_text=target_text, deleted=0)
        found: str = row[0]["id"]
        return found
    return store.insert(
        "target_breakdowns", indicator_id=indicator_id, office_id=office_id, target=target, target_text=target_text
    )


# -- reads -------------------------------------------------------------


def plans(store: Store) -> list[dict[str, Any]]:
    return store.rows("plans", order_by="year DESC, created_at")


def current_plan(store: Store) -> dict[str, Any] | None:
    pid = store.setting("current_plan_id")
    if pid:
        plan = store.get("plans", pid)
        if plan:
            return plan
    found = plans(store)
    return found[0] if found else None


def categories(store: Store, plan_id: str) -> list[dict[str, Any]]:
    return store.rows("categories", "plan_id = ?", [plan_id], order_by="position")


def projects(store: Store, plan_id: str) -> list[dict[str, Any]]:
    return store.rows("projects", "plan_id = ?", [plan_id], order_by="position")


def measures(store: Store, project_id: str) -> list[dict[str, Any]]:
    return store.rows("measures", "project_id = ?", [project_id], order_by="position")


def indicators(store: Store, project_id: str) -> list[dict[str, Any]]:
    return store.rows("indicators", "project_id = ?", [project_id], order_by="position")


def rates(store: Store, project_id: str) -> list[dict[str, Any]]:
    return store.rows("rates", "project_id = ?", [project_id], order_by="position")


def breakdowns(store: Store, indicator_id: str) -> list[dict[str, Any]]:
    return store.rows("target_breakdowns", "indicator_id = ?", [indicator_id])


def describe_target(ind: dict[str, Any]) -> str:
    """Human text of a target: '≥ 559 名', '≈ 1.15 万人', '应保尽保'."""
    if ind.get("kind") == "qualitative" or ind.get("target") is None:
        return ind.get("target_text") or "—"
    sign = {">=": "≥", "<=": "≤", "=": "", "~": "约"}.get(ind.get("comparator") or ">=", "")
    value = format_number(ind["target"])
    return f"{sign}{value}{ind.get('unit') or ''}"


# -- edits (used by the GUI's undo commands) ----------------------------

PROJECT_FIELDS = (
    "seq",
    "name",
    "content",
    "task_level",
    "task_level_text",
    "remarks",
    "category_id",
    "deadline",
    "ongoing",
)
INDICATOR_FIELDS = ("name", "kind", "unit", "comparator", "target", "target_text", "baseline", "deadline")


def update_project(store: Store, project_id: str, **fields: Any) -> dict[str, Any]:
    """Change project fields with the same checks as add_project. Returns the old values."""
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ValueError(unknown)
    if "seq" in fields and not str(fields["seq"] or "").strip():
        raise ValidationError("序号不能为空。", field="seq")
    if "task_level" in fields and fields["task_level"] not in TASK_LEVELS:
        raise ValidationError(f"任务级别“{fields['task_level']}”无效。", field="task_level")
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    for key in ("name", "task_level_text", "remarks"):
        if key in clean and clean[key] == "":
            clean[key] = None
    if "content" in clean:
        clean["content"] = clean["content"] or ""
    if "ongoing" in clean:
        clean["ongoing"] = int(bool(clean["ongoing"]))
    if "deadline" in clean:
        project = store.get("projects", project_id)
        clean.update(_deadline_fields(clean["deadline"], _plan_year(store, project["plan_id"]) if project else None))
    return _as_written(store.update("projects", project_id, **clean), clean)


def update_indicator(store: Store, indicator_id: str, **fields: Any) -> dict[str, Any]:
    """Change indicator fields; a number indicator keeps a target, comparators stay known."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(unknown)
    current = store.get("indicators", indicator_id)
    if current is None:
        raise ValidationError("该指标已被删除。")
    merged = {**current, **fields}
    if not str(merged.get("name") or "").strip():
        raise ValidationError("指标名称不能为空。", field="name")
    if merged["kind"] not in ("number", "qualitative"):
        raise ValidationError(f"指标类型“{merged['kind']}”无效。", field="kind")
    if merged["kind"] == "number":
        if merged.get("target") is None:
            raise ValidationError("数值指标必须填写目标值。", field="target")
        if merged["target"] < 0:
            raise ValidationError("目标值不能为负数。", field="target")
        if merged.get("comparator") not in COMPARATORS:
            raise ValidationError(f"比较方式“{merged.get('comparator')}”无效。", field="comparator")
    elif "kind" in fields:
        fields = {**fields, "comparator": None}
    if "deadline" in fields:
        fields = {**fields, **_deadline_fields(fields["deadline"], _project_year(store, current["project_id"]))}
    return _as_written(store.update("indicators", indicator_id, **fields), fields)


def _as_written(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Old values an undo can pass back: due_date follows deadline, so undo restores the text."""
    if "due_date" in old:
        del old["due_date"]
        old.setdefault("deadline", new["deadline"])
    return old


def update_measure(store: Store, measure_id: str, text: str | None = None, seq: str | None = None) -> dict[str, Any]:
    changes: dict[str, str | None] = {}
    if text is not None:
        if not text.strip():
            raise ValidationError("推进措施内容不能为空；不需要的措施请删除。", field="text")
        changes["text"] = text.strip()
    if seq is not None:
        changes["seq"] = str(seq).strip() or None
    return store.update("measures", measure_id, **changes)


# -- a new year from last year -------------------------------------------------------------


def copy_plan(store: Store, source_plan_id: str, year: int, title: str | None = None) -> str:
    """新建计划 from an earlier plan: its categories, projects, lead and partner units, measures,
    standards and indicators with their targets and 完成时限 (read again in the new year), but
    no figures: no 累计完成, 进展情况, funds or target breakdown. One transaction; returns the id."""
    source = store.get("plans", source_plan_id)
    if source is None:
        raise ValidationError("要复制的计划不存在或已被删除。", field="source_plan_id")
    title = (title or "").strip() or copy_title(source, int(year))
    with store.transaction():
        new_id = add_plan(store, int(year), title, issuing_office=source["issuing_office"])
        cats = {
            c["id"]: add_category(store, new_id, c["name"], c["position"], c["seq"], c["declared_count"])
            for c in categories(store, source_plan_id)
        }
        for p in projects(store, source_plan_id):
            pid = add_project(
                store,
                new_id,
                p["seq"],
                p["content"],
                p["position"],
                cats.get(p["category_id"]),
                p["name"],
                p["task_level"],
                p["task_level_text"],
                p["remarks"],
                units(store, p["id"], "lead"),
                units(store, p["id"], "partner"),
                p.get("deadline"),
                ongoing=bool(p.get("ongoing")),
            )
            _copy_parts(store, p["id"], pid)
    return new_id


def _copy_parts(store: Store, old_project: str, new_project: str) -> None:
    new_measures: dict[str, str] = {}
    for m in measures(store, old_project):
        new_measures[m["id"]] = add_measure(store, new_project, m["text"], m["position"], m["seq"])
    for r in rates(store, old_project):
        add_rate(
            store,
            new_project,
            r["text"],
            r["position"],
            r["value_low"],
            r["value_high"],
            r["unit"],
            new_measures.get(r["measure_id"]),
        )
    for i in indicators(store, old_project):
        add_indicator(
            store,
            new_project,
            i["name"],
            i["position"],
            i["target"],
            i["unit"],
            i["comparator"],
            i["target_text"],
            i["baseline"],
            i["kind"],
            i.get("deadline"),
        )


def copy_title(source: dict[str, Any], new_year: int) -> str:
    """烈山区2023年实施50项民生实事 → 烈山区2024年实施50项民生实事 (the year where it is written)."""
    title: str
    title, old_year = source["title"], source["year"]
    if str(old_year) in title:
        return title.replace(str(old_year), str(new_year))
    return f"{new_year}年{title}"


# -- deleting (the GUI asks deletion_question() first, then calls delete_record) ---------------

DELETABLE = {"projects": "项目", "indicators": "指标", "measures": "推进措施"}


def _deletable(store: Store, table: str, row_id: str) -> dict[str, Any]:
    if table not in DELETABLE:
        raise ValidationError(f"不能在这里删除“{table}”。")
    row = store.get(table, row_id)
    if row is None:
        raise ValidationError(f"该{DELETABLE[table]}已被删除。")
    return row


def deletion_question(store: Store, table: str, row_id: str) -> str:
    """The confirmation text for deleting a project, indicator or measure: what goes with it."""
    row = _deletable(store, table, row_id)
    if table == "projects":
        inds = [i["id"] for i in indicators(store, row_id)]
        figures = (
            store.query(
                f"SELECT count(*) AS n FROM progress WHERE deleted = 0 AND actual IS NOT NULL"
                f" AND indicator_id IN ({','.join('?' * len(inds)) or 'NULL'})",
                inds,
            )[0]["n"]
            if inds
            else 0
        )
        what = f"项目“第{row['seq']}项 {row['name'] or row['content'][:20]}”"
        parts = [f"{len(inds)} 个指标", f"{len(measures(store, row_id))} 条推进措施", f"{figures} 条已填报的进度"]
        extra = "，连同它的" + "、".join(parts)
    elif table == "indicators":
        figures = store.query(
            "SELECT count(*) AS n FROM progress WHERE deleted = 0 AND actual IS NOT NULL AND indicator_id = ?", [row_id]
        )[0]["n"]
        what, extra = f"指标“{row['name']}”", f"，连同它的 {figures} 条已填报的进度"
    else:
        what, extra = f"推进措施“{row['text'][:30]}”", ""
    return f"删除{what}{extra}？删除后可用“编辑→撤销”（Ctrl+Z）恢复。"


def delete_record(store: Store, table: str, row_id: str) -> None:
    """Delete a project, indicator or measure (soft: restore_record brings it back)."""
    _deletable(store, table, row_id)
    store.delete(table, row_id)


def restore_record(store: Store, table: str, row_id: str) -> None:
    if table not in DELETABLE:
        raise ValidationError(f"不能在这里恢复“{table}”。")
    store.restore(table, row_id)
