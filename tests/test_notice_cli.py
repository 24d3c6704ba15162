"""msdesk import notice / import workbook / workbook template|write, through cli.main."""

from __future__ import annotations

import json

from msdesk import cli, plans
from msdesk.store import open_store
from tests._notice_fixtures import LIESHAN, YAOHAI, seed_path, seed_text


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_dry_run_prints_summary_and_changes_nothing(capsys, tmp_path):
    db = tmp_path / "台账.msdesk"
    code, out, _ = run(capsys, "import", "notice", seed_path(LIESHAN), "--db", db, "--dry-run")
    assert code == 0
    assert "识别到类别 10 个、项目 50 项" in out
    assert "三、困难群体救助：11 项（标明 11 项）" in out
    assert "未归入项目的文字" in out and "试运行：未做任何修改" in out
    assert "  7｜区残联｜本级任务｜≥559名｜3 条｜" in out
    assert "  39｜—｜烈山区无任务｜按期完成｜0 条｜" in out
    assert not db.exists()


def test_json_output(capsys):
    code, out, _ = run(capsys, "import", "notice", seed_path(YAOHAI), "--json")
    data = json.loads(out)
    assert code == 0 and data["year"] == 2024 and len(data["projects"]) == 52
    p30 = next(p for p in data["projects"] if p["seq"] == "（30）")
    assert p30["indicators"][0]["baseline"] == 99.9844
    assert data["unplaced_lines"][0] == "各街镇、龙岗片区，区有关单位："


def test_import_then_refuse_then_replace(capsys, tmp_path):
    db = tmp_path / "台账.msdesk"
    code, out, _ = run(capsys, "import", "notice", seed_path(LIESHAN), "--db", db)
    assert code == 0 and "已导入：烈山区2023年实施50项民生实事（2023年，50 项）" in out
    code, _, err = run(capsys, "import", "notice", seed_path(LIESHAN), "--db", db)
    assert code == 5 and "已有 2023 年的计划" in err and "--mode replace" in err
    code, _, _ = run(capsys, "import", "notice", seed_path(LIESHAN), "--db", db, "--mode", "replace")
    assert code == 0
    with open_store(db) as store:
        assert len(plans.plans(store)) == 1
        assert len(plans.projects(store, plans.current_plan(store)["id"])) == 50


def test_gbk_txt_file(capsys, tmp_path):
    gbk = tmp_path / "通知GBK.txt"
    gbk.write_bytes(seed_text(LIESHAN).encode("gb18030"))
    code, out, _ = run(capsys, "import", "notice", gbk, "--dry-run")
    assert code == 0 and "项目 50 项" in out


def test_bad_files(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("msdesk.notice.reader._office", lambda: None)  # a machine without LibreOffice
    code, _, err = run(capsys, "import", "notice", tmp_path / "没有.txt", "--dry-run")
    assert code == 3 and "找不到通知文件" in err  # 3: the file cannot be opened
    doc = tmp_path / "旧格式.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = run(capsys, "import", "notice", doc, "--dry-run")
    assert code == 3 and "另存为 .docx" in err
    code, _, err = run(capsys, "import", "notice", seed_path(LIESHAN))
    assert code == 1 and "--db" in err


def test_workbook_commands(capsys, tmp_path):
    db = tmp_path / "台账.msdesk"
    run(capsys, "import", "notice", seed_path(LIESHAN), "--db", db)
    code, out, _ = run(capsys, "workbook", "write", tmp_path / "清单.xlsx", "--db", db)
    assert code == 0 and "已导出项目清单工作簿" in out
    code, out, _ = run(capsys, "workbook", "template", tmp_path / "模板.xlsx", "--year", "2024")
    assert code == 0 and (tmp_path / "模板.xlsx").exists()
    code, out, _ = run(capsys, "import", "workbook", tmp_path / "清单.xlsx", "--db", db, "--dry-run")
    assert code == 0 and "项目 50 项" in out
    code, out, _ = run(capsys, "import", "workbook", tmp_path / "清单.xlsx", "--db", db, "--mode", "merge")
    assert code == 0 and "已合并导入" in out


def test_workbook_errors_exit_4(capsys, tmp_path):
    from openpyxl import load_workbook

    from msdesk.notice.workbook import COL, FIRST_ROW, write_template

    path = write_template(tmp_path / "模板.xlsx", year=2024)
    wb = load_workbook(path)
    ws = wb["项目清单"]
    ws.cell(FIRST_ROW, COL["seq"], "1")
    ws.cell(FIRST_ROW, COL["content"], "新增就业。")
    ws.cell(FIRST_ROW, COL["target"], "abc")
    wb.save(path)
    code, _, err = run(capsys, "import", "workbook", path, "--db", tmp_path / "x.msdesk")
    assert code == 4 and "第4行 I列（目标值）：'abc' 不是数字" in err
    assert not (tmp_path / "x.msdesk").exists()


def _subparsers(parser):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices
    return {}


def test_every_command_and_option_has_chinese_help():
    import re

    top = _subparsers(cli.build_parser())
    checked = 0
    for group in ("import", "workbook"):
        for name, parser in _subparsers(top[group]).items():
            for action in parser._actions:
                if action.dest == "help":
                    continue
                assert action.help and re.search(r"[\u4e00-\u9fff]", action.help), (group, name, action.dest)
                checked += 1
    assert checked >= 15
