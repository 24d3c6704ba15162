"""The change history: who changed what, from which value to which, when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .periods import Period
from .store import Store

if TYPE_CHECKING:
    from .audit_words import Line

TABLE_LABELS = {
    "offices": "单位",
    "plans": "计划",
    "categories": "类别",
    "projects": "项目",
    "project_units": "单位分工",
    "measures": "推进措施",
    "indicators": "指标",
    "rates": "标准",
    "target_breakdowns": "目标分解",
    "periods": "报告期",
    "progress": "累计完成",
    "project_reports": "进展情况",
    "signoffs": "签发信息",
    "settings": "设置",
}
ACTION_LABELS = {"insert": "新增", "update": "修改", "delete": "删除", "restore": "恢复"}


def entries(
    store: Store, table: str | None = None, row_id: str | None = None, limit: int = 200, since_seq: int = 0
) -> list[dict[str, Any]]:
    """Newest first."""
    clauses: list[str] = ["seq > ?"]
    params: list[int | str] = [since_seq]
    if table:
        clauses.append("table_name = ?")
        params.append(table)
    if row_id:
        clauses.append("row_id = ?")
        params.append(row_id)
    params.append(limit)
    return store.query(f"SELECT * FROM audit_log WHERE {' AND '.join(clauses)} ORDER BY seq DESC LIMIT ?", params)


def describe(entry: dict[str, Any]) -> str:
    what = TABLE_LABELS.get(entry["table_name"], entry["table_name"])
    action = ACTION_LABELS.get(entry["action"], entry["action"])
    head = f"{entry['at']}  {entry['actor']}  {action}{what}"
    if entry["action"] == "update":
        return f"{head}.{entry['field']}：{entry['old_value'] or '（空）'} → {entry['new_value'] or '（空）'}"
    if entry["action"] == "insert":
        return f"{head}：{entry['new_value'] or ''}"
    return f"{head}（{entry['row_id'][:8]}）"


def clerk_lines(
    store: Store, table: str | None = None, limit: int = 200, current_period: Period | str | None = None
) -> list[Line]:
    """修改记录 in a clerk's words (msdesk.audit_words.Line: at, who, text), newest first."""
    from .audit_words import lines

    return lines(store, entries(store, table=table, limit=limit), current_period)
