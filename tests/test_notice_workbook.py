"""Project-list workbook: write, template, fill, read back with per-cell errors."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from msdesk import plans
from msdesk.errors import MsdeskError
from msdesk.notice import import_plan, parse_notice
from msdesk.notice.workbook import COL, FIRST_ROW, WorkbookError, read_workbook, write_template, write_workbook
from msdesk.store import create_store
from tests._notice_fixtures import LIESHAN, seed_text


@pytest.fixture
def lieshan_db(store):
    plan_id = import_plan(store, parse_notice(seed_text(LIESHAN)))
    return store, plan_id


def plan_picture(store, plan_id):
    out = []
    cats = {c["id"]: c["name"] for c in plans.categories(store, plan_id)}
    for p in plans.projects(store, plan_id):
        out.append(
            (
                p["seq"],
                cats.get(p["category_id"]),
                p["content"],
                p["task_level"],
                p["task_level_text"],
                tuple(plans.units(store, p["id"])),
                tuple(
                    (
                        i["name"],
                        i["kind"],
                        i["target"],
                        i["unit"],
                        i["comparator"],
                        i["baseline"],
                        i["target_text"] if i["kind"] != "number" else None,
                    )
                    for i in plans.indicators(store, p["id"])
                ),
                tuple((m["seq"], m["text"]) for m in plans.measures(store, p["id"])),
            )
        )
    return out


def test_round_trip_keeps_the_plan(lieshan_db, tmp_path):
    store, plan_id = lieshan_db
    path = write_workbook(store, plan_id, tmp_path / "清单.xlsx")
    parsed = read_workbook(path)
    assert (parsed.year, parsed.title) == (2023, "烈山区2023年实施50项民生实事")
    other = create_store(tmp_path / "另一单位.msdesk")
    other_id = import_plan(other, parsed)
    assert plan_picture(other, other_id) == plan_picture(store, plan_id)
    p7 = next(p for p in plans.projects(other, other_id) if p["seq"] == "7")
    assert any(r["text"] == "每人每年1000元" for r in plans.rates(other, p7["id"]))
    other.close()


def test_written_rows_one_per_indicator(lieshan_db, tmp_path):
    store, plan_id = lieshan_db
    ws = load_workbook(write_workbook(store, plan_id, tmp_path / "x.xlsx"))["项目清单"]
    rows = [r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, COL["seq"]).value == "22"]
    assert [ws.cell(r, COL["target"]).value for r in rows] == [1740, 30, 86]
    assert ws.cell(rows[0], COL["lead_units"]).value == "区卫生健康委员会"
    assert ws.cell(rows[1], COL["content"]).value is None


def fill_template(tmp_path, rows, year=2024):
    path = write_template(tmp_path / "模板.xlsx", year=year)
    wb = load_workbook(path)
    ws = wb["项目清单"]
    for r, values in enumerate(rows, FIRST_ROW):
        for key, value in values.items():
            ws.cell(r, COL[key], value)
    wb.save(path)
    return path


def test_filled_template_imports(tmp_path, store):
    path = fill_template(
        tmp_path,
        [
            dict(
                seq="1",
                category="一、促进就业",
                content="新增城镇就业1.15万人左右。",
                lead_units="区人社局、区财政局",
                ind_name="新增城镇就业",
                target="1.15",
                unit="万人",
                comparator="左右",
                measures="1.开展招聘会。\n2.落实补贴。",
            ),
            dict(seq="1", ind_name="就业困难人员帮扶", target=200, unit="人"),
            dict(
                seq="2",
                category="一、促进就业",
                content="低保应保尽保。",
                task_level="市级任务",
                target_text="应保尽保",
            ),
            dict(seq="3", category="二、社会保障", content="供电可靠性提升。", target="99.985%", baseline=99.9844),
        ],
    )
    parsed = read_workbook(path)
    assert [c.name for c in parsed.categories] == ["促进就业", "社会保障"]
    p1, p2, p3 = parsed.projects
    assert p1.lead_units == ["区人社局", "区财政局"]
    assert [(i.target, i.unit, i.comparator) for i in p1.indicators] == [(1.15, "万人", "~"), (200, "人", ">=")]
    assert [m.text for m in p1.measures] == ["开展招聘会。", "落实补贴。"]
    assert (p2.task_level, p2.indicators[0].kind, p2.indicators[0].target_text) == ("city", "qualitative", "应保尽保")
    assert (p3.indicators[0].target, p3.indicators[0].unit, p3.indicators[0].baseline) == (99.985, "%", 99.9844)
    plan_id = import_plan(store, parsed)
    assert len(plans.projects(store, plan_id)) == 3


def test_bad_cells_are_each_reported_and_nothing_imported(tmp_path, store):
    path = fill_template(
        tmp_path,
        [
            dict(seq="1", category="促进就业", content="新增就业。", ind_name="新增就业", target="abc", unit="人"),
            dict(seq="2", content="培训。", task_level="县里的", target=5, comparator="大概"),
            dict(seq="3", ind_name="无内容", target=3),
            dict(seq="1", content="重复的序号。", target=1),
        ],
        year="二〇二四",
    )
    with pytest.raises(WorkbookError) as err:
        read_workbook(path)
    assert err.value.errors == [
        "第2行 B列（年度）：'二〇二四' 不是有效年度（应为四位数字，如 2024）",
        "第4行 I列（目标值）：'abc' 不是数字",
        "第5行 G列（任务级别）：'县里的' 不是有效的任务级别（应为 本级任务、市级任务、省级任务 或 无任务）",
        "第5行 K列（比较方式）：'大概' 不是有效的比较方式（应为 不少于、不超过、达到 或 左右）",
        "第6行 D列（实施内容）：实施内容和项目名称不能都为空",
        "第7行 A列（序号）：序号 '1' 在类别“促进就业”中已出现过，同一项目的多个指标请写在相邻行",
    ]
    assert "第4行 I列（目标值）：'abc' 不是数字" in err.value.message
    assert store.query("SELECT count(*) AS n FROM plans")[0]["n"] == 0


def test_foreign_files_are_refused(tmp_path):
    not_xlsx = tmp_path / "假的.xlsx"
    not_xlsx.write_text("这不是工作簿", encoding="utf-8")
    with pytest.raises(MsdeskError, match="不是 .xlsx 工作簿"):
        read_workbook(not_xlsx)
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "别的.xlsx")
    with pytest.raises(MsdeskError, match="没有“项目清单”工作表"):
        read_workbook(tmp_path / "别的.xlsx")
    empty = write_template(tmp_path / "空.xlsx", year=2024)
    with pytest.raises(MsdeskError, match="没有填写任何项目"):
        read_workbook(empty)


def test_formula_like_text_stays_text(store, tmp_path):
    parsed = parse_notice("一、测试（1项）\n1.=SUM(A1:A3) 新增 5 个。（牵头单位：区民政局）\n")
    parsed.year = 2024
    plan_id = import_plan(store, parsed)
    ws = load_workbook(write_workbook(store, plan_id, tmp_path / "f.xlsx"))["项目清单"]
    assert ws.cell(FIRST_ROW, COL["content"]).data_type == "s"
    assert ws.cell(FIRST_ROW, COL["content"]).value.startswith("=SUM")
