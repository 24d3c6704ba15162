"""The demo database: the real Lieshan 2023 notice, a district office with its
townships, a target breakdown and three quarters of plausible progress, so
every screen has something real to show.

Figures are generated from a fixed seed, so every demo file is identical.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from . import offices, plans, progress
from .paths import resource_path
from .periods import Period
from .store import Store, create_store

NOTICE = "lieshan-2023-50-projects-notice.txt"
YEAR = 2023
TOWNSHIPS = [
    ("宋疃镇", "340604100"),
    ("古饶镇", "340604101"),
    ("烈山镇", "340604102"),
    ("杨庄街道", "340604001"),
    ("任楼街道", "340604002"),
]
DECIMAL_UNITS = ("%", "万人", "公里", "万元", "万个")
REPORTED = [Period(YEAR, "quarter", q) for q in (1, 2, 3)]

NOTES = [
    "已制定实施方案并分解任务，各镇办按月调度，工作有序推进。",
    "已完成摸底排查，建立工作台账，资金已下达。",
    "项目已开工建设，正在按计划推进，部分点位已完工待验收。",
    "已召开专题推进会，督促责任单位加快进度，同步开展宣传。",
]
PROBLEMS = ["部分资金尚未到位。", "受天气影响施工进度放缓。", "基层人员力量不足，信息录入滞后。", ""]
NEXT = ["加快资金拨付，确保四季度完成全年任务。", "加强调度，每月通报进展。", "组织验收并做好资料归档。"]


def create_demo(path: str | Path) -> Path:
    """Write the demo file at path (must not exist) and return its path."""
    from .notice import import_plan, parse_notice

    path = Path(path)
    text = resource_path("demo", NOTICE).read_text(encoding="utf-8")
    parsed = parse_notice(text)
    store = create_store(path, actor="示例数据")
    try:
        with store.transaction():
            office = offices.set_self_office(
                store,
                "烈山区",
                "district",
                region_code="340604",
                head="王建国",
                preparer="李晓梅",
                phone="0561-3112345",
            )
            towns = [
                offices.add_office(store, name, "township", parent_id=office, region_code=code)
                for name, code in TOWNSHIPS
            ]
        plan_id = import_plan(store, parsed)
        with store.transaction():
            store.set_setting("current_plan_id", plan_id)
            store.set_setting("current_period", REPORTED[-1].code)
            _breakdown(store, plan_id, towns)
            _progress(store, plan_id)
            progress.set_signoff(store, REPORTED[-1], report_date="2023-10-09")
    finally:
        store.close()
    return path


def _numeric_indicators(store: Store, plan_id: str) -> list[dict[str, Any]]:
    return store.query(
        "SELECT i.*, p.task_level, p.seq AS project_seq FROM indicators i JOIN projects p ON p.id = i.project_id"
        " WHERE p.plan_id = ? AND i.deleted = 0 AND p.deleted = 0 ORDER BY p.position, i.position",
        [plan_id],
    )


def _breakdown(store: Store, plan_id: str, towns: list[str]) -> None:
    """Split each whole-number local target over the townships (the 目标任务分解表)."""
    rng = random.Random(2023)
    for ind in _numeric_indicators(store, plan_id):
        target = ind["target"]
        if (
            ind["task_level"] != "local"
            or ind["kind"] != "number"
            or ind["unit"] == "%"
            or not target
            or target != int(target)
            or target < len(towns)
        ):
            continue
        weights = [rng.uniform(0.6, 1.4) for _ in towns]
        shares = [int(target * w / sum(weights)) for w in weights]
        shares[0] += int(target) - sum(shares)
        for town, share in zip(towns, shares):
            plans.set_breakdown(store, ind["id"], town, target=share, target_text=str(share))


def _progress(store: Store, plan_id: str) -> None:
    rng = random.Random(50)
    for ind in _numeric_indicators(store, plan_id):
        if ind["task_level"] != "local":
            continue
        pace = rng.choice([1.15, 1.05, 1.0, 1.0, 0.95, 0.7, 0.45, 0.0])  # a few lag, one in eight not started
        for period in REPORTED:
            if ind["kind"] == "qualitative" or ind["target"] is None:
                progress.set_qualitative(
                    store, ind["id"], period, rng.choice(NOTES), done=period.number == 3 and pace >= 1.0
                )
                continue
            if pace == 0.0:
                continue
            share = min(1.0, period.expected * pace)
            base = ind["baseline"] or 0.0
            value = base + (ind["target"] - base) * share
            whole = float(ind["target"]).is_integer() and ind["unit"] not in DECIMAL_UNITS
            value = round(value) if whole else round(value, 4)
            progress.set_actual(store, ind["id"], period, value)
    for project in plans.projects(store, plan_id):
        if project["task_level"] != "local":
            continue
        planned = rng.choice([20, 35.5, 50, 80, 120, 260.8])
        for period in REPORTED:
            share = period.expected
            fields: dict[str, str | float] = {
                "progress_note": rng.choice(NOTES),
                "problems": rng.choice(PROBLEMS),
                "next_steps": rng.choice(NEXT),
                "funds_planned": planned,
                "funds_received": round(planned * min(1.0, share * 1.1), 2),
                "funds_spent": round(planned * share * 0.8, 2),
            }
            for field, value in fields.items():
                progress.set_report_field(store, project["id"], period, field, value)
