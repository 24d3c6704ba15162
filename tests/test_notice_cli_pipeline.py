"""msdesk import notice on the new shapes: --year, refused imports leave no file, progress tables point to the
progress import, 完成时限 and coverage in --json / --dry-run, .xlsx notices vs our own workbook."""

from __future__ import annotations

import json

from msdesk import cli, plans
from msdesk.store import open_store
from tests.test_notice_pipeline import BREAKDOWN_ONE_CELL_PER_LINE

NO_YEAR = "一、促进就业（1项）\n1.新增城镇就业 300 人。（牵头单位：县人社局）完成时限：12月底前\n"


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_year_option_for_a_notice_without_one(capsys, tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(NO_YEAR, encoding="utf-8")
    db = tmp_path / "台账.msdesk"
    code, _, err = run(capsys, "import", "notice", notice, "--db", db)
    assert code == 4 and "--year" in err
    assert not db.exists()  # refused: no empty file left behind
    code, out, _ = run(capsys, "import", "notice", notice, "--db", db, "--year", "2026")
    assert code == 0 and "2026年" in out
    with open_store(db) as store:
        plan = plans.current_plan(store)
        assert plan["year"] == 2026 and len(plans.projects(store, plan["id"])) == 1


def test_refused_import_keeps_an_existing_file(capsys, tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(NO_YEAR, encoding="utf-8")
    db = tmp_path / "台账.msdesk"
    assert run(capsys, "import", "notice", notice, "--db", db, "--year", "2026")[0] == 0
    size = db.stat().st_size
    code, _, err = run(capsys, "import", "notice", notice, "--db", db, "--year", "2026")
    assert code == 5 and db.exists() and db.stat().st_size == size


def test_progress_table_points_to_the_progress_import(capsys, tmp_path):
    table = tmp_path / "进展表.txt"
    table.write_text("序号\t项目名称\t目标任务\t累计完成\t完成率\n1\t新增就业\t300\t330\t110%\n", encoding="utf-8")
    db = tmp_path / "台账.msdesk"
    code, _, err = run(capsys, "import", "notice", table, "--db", db)
    assert code == 4 and "msdesk import progress" in err and "Traceback" not in err
    assert not db.exists()


def test_json_carries_deadlines_and_coverage(capsys, tmp_path):
    notice = tmp_path / "分解表.txt"
    notice.write_text(BREAKDOWN_ONE_CELL_PER_LINE, encoding="utf-8")
    code, out, _ = run(capsys, "import", "notice", notice, "--json")
    data = json.loads(out)
    assert code == 0 and data["year"] == 2026 and data["coverage"] == 1.0 and data["unread_lines"] == []
    assert [p["deadline"] for p in data["projects"]] == ["9月投入使用", "12月底前", "年底前"]
    assert [i["deadline"] for i in data["projects"][1]["indicators"]] == ["5月底前动工", "12月底前"]
    code, out, _ = run(capsys, "import", "notice", notice, "--dry-run")
    assert "已识别 100% 的文字" in out and "完成时限 9月投入使用" in out


def test_xlsx_notice_is_read_but_our_workbook_is_sent_to_import_workbook(capsys, tmp_path):
    import openpyxl

    from msdesk.notice.workbook import write_template

    book = openpyxl.Workbook()
    book.active.append(["序号", "项目名称", "建设内容", "责任单位", "完成时限"])
    book.active.append([1, "城南水厂", "建设水厂 1 座。", "县住建局", "10月底前"])
    notice = tmp_path / "2026年任务分解表.xlsx"
    book.save(notice)
    code, out, _ = run(capsys, "import", "notice", notice, "--dry-run", "--year", "2026")
    assert code == 0 and "1｜县住建局｜本级任务｜≥1座" in out
    ours = write_template(tmp_path / "清单.xlsx", year=2026)
    code, _, err = run(capsys, "import", "notice", ours, "--dry-run")
    assert code == 1 and "msdesk import workbook" in err


def test_imported_deadlines_are_stored_with_their_dates_and_merged_again(capsys, tmp_path):
    notice = tmp_path / "分解表.txt"
    notice.write_text(BREAKDOWN_ONE_CELL_PER_LINE, encoding="utf-8")
    db = tmp_path / "台账.msdesk"
    assert run(capsys, "import", "notice", notice, "--db", db)[0] == 0
    with open_store(db) as store:
        projects = plans.projects(store, plans.current_plan(store)["id"])
        assert [(p["deadline"], p["due_date"]) for p in projects] == [
            ("9月投入使用", "2026-09-30"),
            ("12月底前", "2026-12-31"),
            ("年底前", "2026-12-31"),
        ]
        assert [(i["deadline"], i["due_date"]) for i in plans.indicators(store, projects[1]["id"])] == [
            ("5月底前动工", "2026-05-31"),
            ("12月底前", "2026-12-31"),
        ]
    # merging the notice again (a corrected copy) reads the changed deadline into its date
    notice.write_text(BREAKDOWN_ONE_CELL_PER_LINE.replace("9月投入使用", "6月30日前"), encoding="utf-8")
    assert run(capsys, "import", "notice", notice, "--db", db, "--mode", "merge")[0] == 0
    with open_store(db) as store:
        first = plans.projects(store, plans.current_plan(store)["id"])[0]
        assert (first["deadline"], first["due_date"]) == ("6月30日前", "2026-06-30")
