"""汇总表: the roll-up view (msdesk.package.rollup_view) as a printed table, xlsx and pdf,
written by the same writers as the official tables (a new table builder, the writers unchanged)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from .. import offices, progress
from ..errors import MsdeskError
from ..package.rollup_view import View, view
from ..periods import Period, parse_period
from ..store import Store
from .api import FORMATS, ProgressCallback, write_files
from .tables import Column, ExportData, Row, Table, _seq, footer_line

KEY = "rollup"
LABEL = "汇总表"


def _period_name(period: Period) -> str:
    return f"第{period.number}季度" if period.kind == "quarter" else f"{period.number}月"


def rollup_table(office_name: str, plan: dict[str, Any], v: View) -> Table:
    columns = [
        Column("序号", 10, "center", key=True, project_level=True),
        Column("项目", 48, project_level=True),
        Column("指标", 44, key=True),
        Column("计量单位", 14, "center"),
        Column("年度目标", 24, "right"),
        Column("汇总完成", 48),
        Column("状态", 52),
        Column("数据来源", 28, "center"),
    ]
    name = _period_name(v.period)
    missing = [o.name for o in v.offices if not o.reported]
    notes = [
        f"报告期：{v.period.label}　　计划：{plan['title']}　　报送截止：{v.due_date}",
        f"报送情况：{v.headline}" + (f"　未报：{'、'.join(missing)}" if missing else ""),
    ]
    late = [o.name for o in v.offices if o.label == "逾期报送"]
    if late:
        notes[-1] += f"　逾期报送：{'、'.join(late)}"
    table = Table(
        KEY,
        LABEL,
        f"{office_name}{v.period.year}年民生实事{name}汇总表",
        notes,
        columns,
        [[c.label for c in columns]],
        font_size=8.5,
        empty_text="本报告期没有可汇总的指标。",
    )
    last = None
    for r in v.rows:
        first = r.project_seq != last
        last = r.project_seq
        source = r.partial or (f"全部 {r.expected} 个单位" if r.expected else "—")
        head = [_seq(r.project_seq), r.project_name] if first else ["", ""]
        total = r.total if r.rates is None else f"{r.total}\n{r.rates.per_office}"
        table.rows.append(Row(head + [r.indicator, r.unit, r.target, total, r.status, source], continues=not first))
    return table


def prepare_rollup(
    store: Store, plan_id: str, period: Period | str, footer_note: str | None = None, today: date | None = None
) -> ExportData:
    p = parse_period(period) if not isinstance(period, Period) else period
    plan = store.get("plans", plan_id)
    me = offices.self_office(store)
    if plan is None or me is None:
        raise MsdeskError("找不到要汇总的计划或本单位信息，请先导入计划并填写单位设置。")
    data = ExportData(me["name"], p, plan, progress.signoff(store, p, me["id"]), {}, [], footer_line(footer_note))
    data.tables.append(rollup_table(me["name"], plan, view(store, plan_id, p, today)))
    return data


def export_rollup(
    store: Store,
    plan_id: str,
    period: Period | str,
    out_dir: str | Path,
    formats: Sequence[str] = FORMATS,
    footer_note: str | None = None,
    progress_cb: ProgressCallback | None = None,
) -> list[Path]:
    """Write the 汇总表 as .xlsx and/or .pdf (烈山区_2023年第3季度_汇总表.xlsx); returns the files."""
    return write_files(prepare_rollup(store, plan_id, period, footer_note), out_dir, formats, progress_cb)
