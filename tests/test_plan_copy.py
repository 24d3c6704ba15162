"""新建计划 from last year: structure and targets copied, figures not, in one transaction."""

from __future__ import annotations

import pytest

from msdesk import plans, progress
from msdesk.errors import ValidationError


def test_copy_keeps_structure_and_targets_without_figures(store, small_plan):
    src = small_plan["plan"]
    p1, _p2, p3, _p4 = small_plan["projects"]
    with store.transaction():
        plans.add_measure(store, p3, "开展康复评估", 0, seq="1")
        plans.update_project(store, p3, deadline="9月底前")
        progress.set_actual(store, small_plan["indicators"][2], "2023Q3", "300")
        progress.set_report_field(store, p3, "2023Q3", "progress_note", "已评估")
    new = plans.copy_plan(store, src, 2024)
    plan = store.get("plans", new)
    assert (plan["year"], plan["title"]) == (2024, "烈山区2024年实施50项民生实事")
    assert [c["name"] for c in plans.categories(store, new)] == ["促进就业", "困难群体救助"]
    old_p, new_p = plans.projects(store, src), plans.projects(store, new)
    assert [(p["seq"], p["content"], p["task_level"]) for p in new_p] == [
        (p["seq"], p["content"], p["task_level"]) for p in old_p
    ]
    copied7 = next(p for p in new_p if p["seq"] == "7")
    assert copied7["deadline"] == "9月底前" and copied7["due_date"] == "2024-09-30"  # read in the new year
    assert plans.units(store, copied7["id"]) == ["区残联"]
    assert [m["text"] for m in plans.measures(store, copied7["id"])] == ["开展康复评估"]
    assert [(i["name"], i["target"], i["unit"]) for i in plans.indicators(store, copied7["id"])] == [
        ("残疾人康复救助", 559, "名")
    ]
    copied6 = next(p for p in new_p if p["seq"] == "6")
    assert plans.units(store, copied6["id"]) == ["区总工会", "区民政局"]
    assert plans.indicators(store, copied6["id"])[0]["target_text"] == "应保尽保"
    new_inds = [i["id"] for p in new_p for i in plans.indicators(store, p["id"])]
    marks = ",".join("?" * len(new_inds))
    assert store.query(f"SELECT COUNT(*) AS n FROM progress WHERE indicator_id IN ({marks})", new_inds)[0]["n"] == 0
    marks = ",".join("?" * len(new_p))
    sql = f"SELECT COUNT(*) AS n FROM project_reports WHERE project_id IN ({marks})"
    assert store.query(sql, [p["id"] for p in new_p])[0]["n"] == 0
    # one user action: one audit transaction
    assert (
        len(
            {
                e["txn"]
                for e in store.query("SELECT txn FROM audit_log WHERE table_name = 'plans' AND row_id = ?", [new])
            }
        )
        == 1
    )
    assert plans.indicators(store, p1)[0]["target"] == 3750  # the source is untouched


def test_copy_of_a_missing_plan_changes_nothing(store, small_plan):
    before = store.query("SELECT COUNT(*) AS n FROM plans")[0]["n"]
    with pytest.raises(ValidationError, match="不存在"):
        plans.copy_plan(store, "nope", 2024)
    assert store.query("SELECT COUNT(*) AS n FROM plans")[0]["n"] == before


def test_given_title_is_used(store, small_plan):
    new = plans.copy_plan(store, small_plan["plan"], 2024, "  2024年民生实事  ")
    assert store.get("plans", new)["title"] == "2024年民生实事"
