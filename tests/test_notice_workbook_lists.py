"""Issue 11 item 7: the project-list workbook takes 项目名称, 备注 and 完成时限, a second list
whose 序号 restart at 1, and measures numbered (1)(2); through the CLI and the real files."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from msdesk import cli, plans
from msdesk.errors import MsdeskError
from msdesk.export import export_tables
from msdesk.notice.workbook import COL, COLUMNS, FIRST_ROW, HEADER_ROW, WorkbookError, read_workbook
from msdesk.store import create_store, open_store

FIRST = "一、促进就业"
SECOND = "二、区级重点民生实事"


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def fill(path, rows):
    wb = load_workbook(path)
    ws = wb["项目清单"]
    for r, values in enumerate(rows, FIRST_ROW):
        for key, value in values.items():
            ws.cell(r, COL[key], value)
    wb.save(path)
    return path


def two_lists(content_b1="改造提升农贸市场2个。"):
    return [
        dict(
            seq="1",
            category=FIRST,
            content="新增城镇就业5000人。",
            ind_name="新增就业",
            target=5000,
            unit="人",
            measures="(1)举办招聘会20场。\n(2)落实就业补贴。",
            deadline="12月底前",
            remarks="含高校毕业生",
        ),
        dict(seq="1", ind_name="招聘会", target=20, unit="场", ind_deadline="6月30日前"),
        dict(
            seq="2",
            category=FIRST,
            content="培训家政服务人员300人次。",
            target=300,
            unit="人次",
            measures="①开班。\n②考核。",
        ),
        dict(
            seq="1",
            category=SECOND,
            name="农贸市场改造",
            content=content_b1,
            target=2,
            unit="个",
            deadline="9月投入使用",
            measures="1.选址。\n2.2月底前完成设计。",
        ),
        dict(
            seq="2",
            category=SECOND,
            name="口袋公园",
            content="新建口袋公园3个。",
            target=3,
            unit="个",
            deadline="十二月底前",
        ),
    ]


def test_template_then_two_lists_import_through_the_cli(capsys, tmp_path):
    book = tmp_path / "清单.xlsx"
    code, out, _ = run(capsys, "workbook", "template", book, "--year", "2026")
    assert code == 0 and "模板" in out
    ws = load_workbook(book)["项目清单"]
    headers = [ws.cell(HEADER_ROW, c).value for c in range(1, ws.max_column + 1)]
    assert {"项目名称", "完成时限", "指标完成时限", "备注"} <= set(headers)
    fill(book, two_lists())
    db = tmp_path / "台账.msdesk"
    code, out, err = run(capsys, "import", "workbook", book, "--db", db)
    assert code == 0, err
    assert "4 项" in out
    with open_store(db) as store:
        plan = plans.current_plan(store)
        cats = {c["id"]: c["name"] for c in plans.categories(store, plan["id"])}
        rows = [(cats[p["category_id"]], p["seq"], p["name"]) for p in plans.projects(store, plan["id"])]
        assert rows == [
            ("促进就业", "1", None),
            ("促进就业", "2", None),
            ("区级重点民生实事", "1", "农贸市场改造"),
            ("区级重点民生实事", "2", "口袋公园"),
        ]
        first = plans.projects(store, plan["id"])[0]
        assert [(m["seq"], m["text"]) for m in plans.measures(store, first["id"])] == [
            ("(1)", "举办招聘会20场。"),
            ("(2)", "落实就业补贴。"),
        ]
        third = plans.projects(store, plan["id"])[2]
        assert [(m["seq"], m["text"]) for m in plans.measures(store, third["id"])] == [
            ("1", "选址。"),
            ("2", "2月底前完成设计。"),
        ]


def test_a_second_list_merges_by_category_and_seq(capsys, tmp_path):
    run(capsys, "workbook", "template", tmp_path / "清单.xlsx", "--year", "2026")
    book = fill(tmp_path / "清单.xlsx", two_lists())
    db = tmp_path / "台账.msdesk"
    assert run(capsys, "import", "workbook", book, "--db", db)[0] == 0
    with open_store(db) as store:
        before = {(p["category_id"], p["seq"]): p["id"] for p in plans.projects(store, plans.current_plan(store)["id"])}
    run(capsys, "workbook", "template", tmp_path / "改.xlsx", "--year", "2026")
    changed = fill(tmp_path / "改.xlsx", two_lists(content_b1="改造提升农贸市场3个。"))
    code, _out, err = run(capsys, "import", "workbook", changed, "--db", db, "--mode", "merge")
    assert code == 0, err
    with open_store(db) as store:
        plan_id = plans.current_plan(store)["id"]
        after = {(p["category_id"], p["seq"]): p for p in plans.projects(store, plan_id)}
        assert {k: p["id"] for k, p in after.items()} == before  # same four projects, matched in place
        cats = {c["name"]: c["id"] for c in plans.categories(store, plan_id)}
        assert after[(cats["区级重点民生实事"], "1")]["content"] == "改造提升农贸市场3个。"
        assert after[(cats["促进就业"], "1")]["content"] == "新增城镇就业5000人。"


def test_deadlines_and_remarks_are_read(tmp_path):
    from msdesk.notice.workbook import write_template

    book = fill(write_template(tmp_path / "清单.xlsx", year=2026), two_lists())
    parsed = read_workbook(book)
    p1, p2, b1, b2 = parsed.projects
    assert (p1.deadline, p1.remarks, p2.deadline) == ("12月底前", "含高校毕业生", None)
    assert [i.deadline for i in p1.indicators] == [None, "6月30日前"]
    assert (b1.deadline, b1.name, b2.deadline) == ("9月投入使用", "农贸市场改造", "十二月底前")
    assert [c.name for c in parsed.categories] == ["促进就业", "区级重点民生实事"]


def test_a_repeated_seq_inside_one_category_is_still_refused(tmp_path):
    from msdesk.notice.workbook import write_template

    rows = two_lists()
    rows.append(dict(seq="1", category=SECOND, content="重复。", target=1))
    book = fill(write_template(tmp_path / "清单.xlsx", year=2026), rows)
    with pytest.raises(WorkbookError) as err:
        read_workbook(book)
    assert err.value.errors == [
        "第9行 A列（序号）：序号 '1' 在类别“二、区级重点民生实事”中已出现过，同一项目的多个指标请写在相邻行"
    ]


def test_a_project_deadline_on_a_later_row_is_not_dropped(tmp_path):
    from msdesk.notice.workbook import write_template

    rows = two_lists()
    rows[1]["deadline"] = "5月底前动工"
    book = fill(write_template(tmp_path / "清单.xlsx", year=2026), rows)
    with pytest.raises(WorkbookError) as err:
        read_workbook(book)
    assert err.value.errors[0].startswith("第5行 O列（完成时限）：项目的完成时限请写在该项目的第一行")


def test_workbook_write_carries_deadline_remarks_and_measure_numbers(capsys, tmp_path):
    db = tmp_path / "台账.msdesk"
    with create_store(db) as store:
        with store.transaction():
            plan = plans.add_plan(store, 2026, "某区2026年民生实事")
            cat = plans.add_category(store, plan, "区级重点民生实事", 0, seq="二")
            pid = plans.add_project(
                store, plan, "1", "新建幼儿园2所。", 0, cat, name="幼儿园", remarks="省级任务为1所", deadline="12月底前"
            )
            plans.add_indicator(store, pid, "动工", 0, target=1, unit="所", deadline="5月底前动工")
            plans.add_indicator(store, pid, "建成", 1, target=1, unit="所")
            plans.add_measure(store, pid, "完成选址。", 0, seq="(1)")
            plans.add_measure(store, pid, "开工建设。", 1, seq="(2)")
            store.set_setting("current_plan_id", plan)
    out_book = tmp_path / "导出.xlsx"
    code, out, _ = run(capsys, "workbook", "write", out_book, "--db", db)
    assert code == 0
    ws = load_workbook(out_book)["项目清单"]
    assert ws.cell(FIRST_ROW, COL["deadline"]).value == "12月底前"
    assert ws.cell(FIRST_ROW, COL["remarks"]).value == "省级任务为1所"
    assert ws.cell(FIRST_ROW, COL["ind_deadline"]).value == "5月底前动工"
    assert ws.cell(FIRST_ROW + 1, COL["ind_deadline"]).value is None
    assert ws.cell(FIRST_ROW, COL["measures"]).value == "(1)完成选址。\n(2)开工建设。"  # not 1.(1)
    parsed = read_workbook(out_book)
    assert (parsed.projects[0].deadline, parsed.projects[0].remarks) == ("12月底前", "省级任务为1所")
    assert [m.seq for m in parsed.projects[0].measures] == ["(1)", "(2)"]


def test_printed_project_list_keeps_measure_numbering(tmp_path):
    from msdesk import offices

    store = create_store(tmp_path / "台账.msdesk")
    with store.transaction():
        offices.set_self_office(store, "某区", "district")
        plan = plans.add_plan(store, 2026, "某区2026年民生实事")
        pid = plans.add_project(store, plan, "1", "新建幼儿园2所。", 0)
        plans.add_indicator(store, pid, "建成", 0, target=2, unit="所")
        plans.add_measure(store, pid, "完成选址。", 0, seq="(1)")
        plans.add_measure(store, pid, "(2)开工建设。", 1)  # numbering left in the text
        plans.add_measure(store, pid, "组织验收。", 2)
    files = export_tables(store, plan, "2026Q1", tmp_path / "out", tables=["projects"], formats=["xlsx"])
    ws = load_workbook(files[0])["项目清单"]
    cells = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "选址" in c.value]
    assert cells == ["(1)完成选址。\n(2)开工建设。\n3.组织验收。"]
    store.close()


def test_a_workbook_from_the_older_template_still_reads(tmp_path):
    """Filled before 完成时限/备注 were added: the same columns without the new ones."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目清单"
    ws.cell(1, 1, "旧模板")
    ws.cell(2, 1, "年度")
    ws.cell(2, 2, 2025)
    old = [(k, h) for k, h, _w in COLUMNS if k not in ("deadline", "ind_deadline", "remarks")]
    for c, (_k, header) in enumerate(old, 1):
        ws.cell(HEADER_ROW, c, header)
    ws.cell(FIRST_ROW, 1, "1")
    ws.cell(FIRST_ROW, 4, "新增就业100人。")
    ws.cell(FIRST_ROW, 9, 100)
    wb.save(tmp_path / "旧.xlsx")
    parsed = read_workbook(tmp_path / "旧.xlsx")
    assert parsed.year == 2025 and parsed.projects[0].deadline is None
    assert parsed.projects[0].indicators[0].target == 100


def test_an_unknown_column_is_refused(tmp_path):
    from msdesk.notice.workbook import write_template

    book = write_template(tmp_path / "清单.xlsx", year=2026)
    wb = load_workbook(book)
    wb["项目清单"].cell(HEADER_ROW, len(COLUMNS) + 1, "说明")
    wb.save(book)
    with pytest.raises(MsdeskError, match="表头与模板不一致"):
        read_workbook(book)


def test_import_workbook_stores_deadlines_dates_and_remarks(capsys, tmp_path):
    from msdesk.notice.workbook import write_template

    book = fill(write_template(tmp_path / "清单.xlsx", year=2026), two_lists())
    db = tmp_path / "台账.msdesk"
    assert run(capsys, "import", "workbook", book, "--db", db)[0] == 0
    with open_store(db) as store:
        p1, p2, b1, b2 = plans.projects(store, plans.current_plan(store)["id"])
        assert (p1["deadline"], p1["due_date"], p1["remarks"]) == ("12月底前", "2026-12-31", "含高校毕业生")
        assert (p2["deadline"], p2["due_date"]) == (None, None)
        assert [(i["deadline"], i["due_date"]) for i in plans.indicators(store, p1["id"])] == [
            (None, None),
            ("6月30日前", "2026-06-30"),
        ]
        assert (b1["due_date"], b2["due_date"]) == ("2026-09-30", "2026-12-31")
