"""data.json: an office's plan and figures for one period, keyed by record UUIDs.

A township's plan comes from its district's 任务包, so the UUIDs match across
offices and the roll-up merges by identity. Rows carry their table's columns
except bookkeeping (created_at, updated_at, deleted); importing keeps only
columns this file's schema knows, so a package from an older version reads.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

from .. import offices
from ..deadlines import due_date_iso
from ..errors import ValidationError
from ..periods import Period
from ..progress import MAX_FIGURE
from ..store import Store
from . import errors as E
from .errors import NO_PLAN, PackageError

SCHEMA_VERSION = 1
PLAN_TABLES = ("categories", "projects", "project_units", "measures", "indicators", "rates")
_SKIP = {"created_at", "updated_at", "deleted"}
OFFICE_FIELDS = ("id", "name", "level", "head", "preparer", "phone", "region_code")


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _SKIP}


def plan_tree(store: Store, plan_id: str) -> dict[str, Any]:
    """The plan and all its records, in insert order (parents first)."""
    plan = store.get("plans", plan_id)
    if plan is None:  # callers check the plan first
        raise ValidationError(NO_PLAN)
    sql = {
        "categories": "SELECT * FROM categories WHERE plan_id = ? AND deleted = 0 ORDER BY position",
        "projects": "SELECT * FROM projects WHERE plan_id = ? AND deleted = 0 ORDER BY position",
    }
    child = (
        "SELECT c.* FROM {t} c JOIN projects p ON p.id = c.project_id"
        " WHERE p.plan_id = ? AND p.deleted = 0 AND c.deleted = 0 ORDER BY p.position, c.position"
    )
    out: dict[str, Any] = {"plan": _clean(plan)}
    for table in PLAN_TABLES:
        out[table] = [_clean(r) for r in store.query(sql.get(table) or child.format(t=table), [plan_id])]
    return out


def office_record(office: dict[str, Any] | None) -> dict[str, Any] | None:
    return {k: office.get(k) for k in OFFICE_FIELDS} if office else None


def figures(store: Store, plan_id: str, period: Period, office_id: str) -> dict[str, Any]:
    """Progress of the year up to the period, and the period's reports and sign-off."""
    progress = store.query(
        "SELECT g.id, g.indicator_id, d.code AS period, g.actual, g.actual_text, g.done FROM progress g"
        " JOIN periods d ON d.id = g.period_id JOIN indicators i ON i.id = g.indicator_id"
        " JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND g.office_id = ? AND g.deleted = 0 AND d.year = ? AND d.kind = ?"
        " AND d.number <= ? ORDER BY d.number, p.position, i.position",
        [plan_id, office_id, period.year, period.kind, period.number],
    )
    reports = store.query(
        "SELECT r.*, d.code AS period FROM project_reports r JOIN periods d ON d.id = r.period_id"
        " JOIN projects p ON p.id = r.project_id"
        " WHERE p.plan_id = ? AND r.office_id = ? AND r.deleted = 0 AND d.code = ? ORDER BY p.position",
        [plan_id, office_id, period.code],
    )
    signoff = store.query(
        "SELECT s.head, s.preparer, s.phone, s.report_date FROM signoffs s JOIN periods d ON d.id = s.period_id"
        " WHERE s.office_id = ? AND s.deleted = 0 AND d.code = ?",
        [office_id, period.code],
    )
    drop = _SKIP | {"office_id", "period_id"}
    return {
        "progress": progress,
        "project_reports": [{k: v for k, v in r.items() if k not in drop} for r in reports],
        "signoff": signoff[0] if signoff else None,
    }


def submission_data(
    store: Store, plan_id: str, period: Period, version: int, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    me = _self_office(store)
    parent = store.get("offices", me["parent_id"]) if me.get("parent_id") else None
    data = {
        "schema_version": SCHEMA_VERSION,
        "kind": "submission",
        "office": office_record(me),
        "parent": office_record(parent),
        "period": {"code": period.code, "year": period.year, "kind": period.kind, "number": period.number},
        "version": version,
        **plan_tree(store, plan_id),
        **figures(store, plan_id, period, me["id"]),
    }
    if extra:
        data.update(extra)
    return data


def tasks_data(store: Store, plan_id: str, version: int) -> dict[str, Any]:
    """The plan, the subordinates and each one's target breakdown (任务包)."""
    me = _self_office(store)
    subs = offices.subordinates(store, me["id"])
    breakdowns = store.query(
        "SELECT b.id, b.indicator_id, b.office_id, b.target, b.target_text FROM target_breakdowns b"
        " JOIN indicators i ON i.id = b.indicator_id JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND b.deleted = 0 AND i.deleted = 0 AND p.deleted = 0",
        [plan_id],
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "tasks",
        "office": office_record(me),
        "version": version,
        **plan_tree(store, plan_id),
        "subordinates": [office_record(o) for o in subs],
        "target_breakdowns": breakdowns,
    }


def _self_office(store: Store) -> dict[str, Any]:
    me = offices.self_office(store)
    if me is None:  # a package is always made by the office keeping the file
        raise ValidationError("请先在“单位设置”中填写填报单位。")
    return me


def dumps(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def loads(raw: bytes, member: str = "data.json", max_bytes: int | None = None) -> dict[str, Any]:
    """Parse (within bounds, see safejson) and shape-check a JSON member; PackageError 'bad_data' when wrong."""
    from .safejson import MAX_BYTES
    from .safejson import loads as bounded

    data = bounded(raw, member, max_bytes or MAX_BYTES)
    if not isinstance(data, dict):
        raise PackageError("bad_data", E.BAD_JSON.format(member=member, detail="顶层不是对象"), member)
    return data


def check_schema(data: dict[str, Any], member: str = "data.json") -> None:
    version = data.get("schema_version")
    if not isinstance(version, int):
        raise PackageError("bad_data", E.BAD_JSON.format(member=member, detail="缺少数据格式版本"), member)
    if version > SCHEMA_VERSION:
        raise PackageError("newer_schema", E.NEWER_SCHEMA.format(found=version, supported=SCHEMA_VERSION), member)


def check_shape(data: dict[str, Any]) -> None:
    """Lists are lists of objects and the plan is an object: enough to import without surprises."""
    need = ["plan", *PLAN_TABLES] + (
        ["progress", "project_reports"] if data.get("kind") == "submission" else ["subordinates", "target_breakdowns"]
    )
    for key in need:
        value = data.get(key)
        ok = (
            isinstance(value, dict)
            if key == "plan"
            else (isinstance(value, list) and all(isinstance(r, dict) and isinstance(r.get("id"), str) for r in value))
        )
        if not ok or (key == "plan" and isinstance(value, dict) and not isinstance(value.get("id"), str)):
            raise PackageError(
                "bad_data", E.BAD_JSON.format(member="data.json", detail=f"“{key}”缺失或格式不对"), "data.json"
            )


_NUM, _TEXT, _FLAG = "number", "text", "flag"
_ROW_TYPES = {
    "progress": {"indicator_id": "id", "period": "id", "actual": _NUM, "actual_text": _TEXT, "done": _FLAG},
    "project_reports": {
        "project_id": "id",
        "period": "id",
        "progress_note": _TEXT,
        "problems": _TEXT,
        "next_steps": _TEXT,
        "funds_planned": _NUM,
        "funds_received": _NUM,
        "funds_spent": _NUM,
    },
}
_LABELS = {"actual": "累计完成", "funds_planned": "计划投资", "funds_received": "到位资金", "funds_spent": "已支出资金"}


def _ok(kind: str, value: object) -> bool:
    if kind == "id":
        return isinstance(value, str) and 0 < len(value) <= 100
    if value is None:
        return True
    if kind == _NUM:  # the clerk's rules (progress.parse_number): finite, not negative, below 10^15
        return (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and 0 <= value < MAX_FIGURE
            and math.isfinite(value)
        )
    if kind == _FLAG:
        return value in (0, 1, True, False)
    return isinstance(value, str) and len(value) <= 20000


def check_figures(data: dict[str, Any]) -> None:
    """Every figure has the right type, and no record appears twice, before anything is written."""
    for table, types in _ROW_TYPES.items():
        seen: set[tuple[Any, Any]] = set()
        for row in data[table]:
            for key, kind in types.items():
                if not _ok(kind, row.get(key)):
                    what = _LABELS.get(key, key)
                    raise PackageError(
                        "bad_data",
                        E.BAD_JSON.format(
                            member="data.json", detail=f"{table} 中的“{what}”取值不对：{str(row.get(key))[:40]}"
                        ),
                        "data.json",
                    )
            if table == "progress" and not _in_year(row["period"], data.get("period")):
                raise PackageError(
                    "bad_data",
                    E.BAD_JSON.format(
                        member="data.json", detail=f"累计完成的报告期“{str(row['period'])[:20]}”不在本报送包所报年度内"
                    ),
                    "data.json",
                )
            record = (row[next(iter(types))], row.get("period"))
            if record in seen:
                raise PackageError(
                    "bad_data", E.BAD_JSON.format(member="data.json", detail=f"{table} 中有重复记录"), "data.json"
                )
            seen.add(record)
    signoff = data.get("signoff")
    if signoff is not None and not (isinstance(signoff, dict) and all(_ok(_TEXT, v) for v in signoff.values())):
        raise PackageError("bad_data", E.BAD_JSON.format(member="data.json", detail="签字栏格式不对"), "data.json")


def _in_year(code: str, period: object) -> bool:
    """A progress row's period: the package's year and kind, not after the package's period."""
    from ..errors import MsdeskError
    from ..periods import parse_period

    if not isinstance(period, dict):
        return False
    try:
        p, own = parse_period(code), parse_period(str(period.get("code")))
    except MsdeskError:
        return False
    return p.code == code and p.year == own.year and p.kind == own.kind and p.number <= own.number


def _short(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}"
    return "不是 UTF-8 编码的文本"


# -- writing a plan tree into this file (task package import) -------------------


def _columns(store: Store, table: str) -> set[str]:
    return set(store.columns(table)) - _SKIP


def fill_due_dates(data: dict[str, Any], year: object) -> None:
    """完成时限 arrive as written; a package that has the text but no date (or a date that is not
    a date) gets the date read here. Packages from before 完成时限 have neither and stay so."""
    for table in ("projects", "indicators"):
        for row in data.get(table) or []:
            if "deadline" not in row:
                continue
            text = row["deadline"]
            if text is None:
                row["due_date"] = None
                continue
            if not isinstance(text, str) or len(text) > 200:  # not a deadline: keep what this file has
                row.pop("deadline")
                row.pop("due_date", None)
                continue
            try:
                date.fromisoformat(str(row.get("due_date")))
            except ValueError:
                row["due_date"] = due_date_iso(text, year if isinstance(year, int) else None)


def fill_ongoing(data: dict[str, Any]) -> None:
    """常态化开展 travels with each project; a package made before it has no such field, and its
    projects are scored (0) as that version scored them. Anything but 1/true is 0."""
    for row in data.get("projects") or []:
        value = row.get("ongoing", 0)
        row["ongoing"] = 1 if value is True or (type(value) is int and value == 1) else 0


def upsert_rows(
    store: Store, table: str, rows: list[dict[str, Any]], overrides: dict[str, dict[str, Any]] | None = None
) -> set[str]:
    """Insert or update rows by id. overrides: {id: {field: value}}. Returns the ids written."""
    cols = _columns(store, table)
    overrides = overrides or {}
    written: set[str] = set()
    for row in rows:
        values = {k: v for k, v in row.items() if k in cols}
        values.update(overrides.get(row["id"], {}))
        current = store.get(table, row["id"], include_deleted=True)
        if current is None:
            store.insert(table, **values)
        else:
            store.update(table, row["id"], deleted=0, **{k: v for k, v in values.items() if k != "id"})
        written.add(row["id"])
    return written


def retire_missing(store: Store, plan_id: str, kept: dict[str, set[str]]) -> None:
    """Soft-delete this plan's records that a newer 任务包 no longer carries."""
    tree = plan_tree(store, plan_id)
    for table in PLAN_TABLES:
        for row in tree[table]:
            if row["id"] not in kept.get(table, set()):
                store.delete(table, row["id"])
