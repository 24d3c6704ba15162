"""msdesk export: files written, exit codes and Chinese messages for bad input."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from msdesk.cli import build_parser, main
from tests._export_fixtures import build_plan


@pytest.fixture
def db(store, db_path):
    build_plan(store)
    store.close()
    return db_path


def test_export_writes_both_files_and_lists_them(db, tmp_path, capsys):
    out = tmp_path / "报表"
    code = main(["export", "--db", str(db), "--period", "2023Q3", "--out", str(out), "--footer", "证书指纹：AB12 CD34"])
    assert code == 0
    files = sorted(p.name for p in out.iterdir())
    assert files == ["烈山区_2023年第3季度_民生实事报表.pdf", "烈山区_2023年第3季度_民生实事报表.xlsx"]
    printed = capsys.readouterr().out
    assert printed.count("已导出：") == 2
    assert "证书指纹：AB12 CD34" in PdfReader(out / files[0]).pages[0].extract_text()


def test_tables_format_and_filters(db, tmp_path):
    out = tmp_path / "out"
    code = main(
        [
            "export",
            "--db",
            str(db),
            "--period",
            "2023年第2季度",
            "--out",
            str(out),
            "--tables",
            "progress",
            "--format",
            "xlsx",
            "--lead-unit",
            "区商务局",
        ]
    )
    assert code == 0
    files = list(out.iterdir())
    assert [f.name for f in files] == ["烈山区_2023年第2季度_进展情况表_区商务局.xlsx"]
    ws = openpyxl.load_workbook(files[0]).active
    seqs = [row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert seqs == [3, 45]
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"  # no note: the page number is centred


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--period", "2023Q5"], "报告期“2023Q5”格式不对"),
        (["--period", "2024Q1"], "报告期“2024年第1季度”不在2023年计划的年度内"),
        (["--period", "2023Q3", "--tables", "summary"], "报表“summary”无效"),
        (["--period", "2023Q3", "--format", "docx"], "格式“docx”无效"),
        (["--period", "2023Q3", "--category", "教育惠民"], "没有名为“教育惠民”的类别"),
        (["--period", "2023Q3", "--plan-year", "2024"], "没有 2024 年的计划"),
    ],
)
def test_bad_choices_exit_4_with_a_chinese_message(db, tmp_path, capsys, extra, message):
    out = tmp_path / "out"
    code = main(["export", "--db", str(db), "--out", str(out), *extra])
    assert code == 4
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_missing_file_exits_3(tmp_path, capsys):
    code = main(["export", "--db", str(tmp_path / "无此文件.msdesk"), "--period", "2023Q3", "--out", str(tmp_path)])
    assert code == 3
    assert "找不到文件" in capsys.readouterr().err


def test_missing_required_option_is_a_usage_error(db):
    with pytest.raises(SystemExit) as exc:
        main(["export", "--db", str(db), "--period", "2023Q3"])
    assert exc.value.code == 2


def test_every_option_has_chinese_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    export = sub.choices["export"]
    for action in export._actions:
        if action.dest != "help":
            assert action.help and any("\u4e00" <= ch <= "\u9fff" for ch in action.help), action.dest


def test_monthly_period_names_the_month(db, tmp_path):
    code = main(
        [
            "export",
            "--db",
            str(db),
            "--period",
            "2023-09",
            "--out",
            str(tmp_path / "m"),
            "--tables",
            "progress",
            "--format",
            "xlsx,pdf",
        ]
    )
    assert code == 0
    xlsx = tmp_path / "m" / "烈山区_2023年9月_进展情况表.xlsx"
    ws = openpyxl.load_workbook(xlsx)["9月进展情况表"]
    assert ws["A1"].value == "烈山区2023年民生实事9月进展情况表"
    assert "序时进度：75.0%" in ws["A2"].value
    assert "9月进展情况表" in PdfReader(xlsx.with_suffix(".pdf")).pages[0].extract_text()


def test_fingerprint_printed_by_default_once_the_office_has_a_certificate(db, tmp_path):
    from msdesk import identity
    from msdesk.store import open_store

    with open_store(db) as store:
        fingerprint = identity.create_identity(store, "测试口令-长一些-1234").fingerprint
    assert main(["export", "--db", str(db), "--period", "2023Q3", "--out", str(tmp_path / "o"), "--format", "pdf"]) == 0
    pdf = next((tmp_path / "o").iterdir())
    text = PdfReader(pdf).pages[-1].extract_text()
    assert f"证书指纹：{fingerprint}" in text


def test_output_folder_that_is_a_file_exits_3_and_explains(db, tmp_path, capsys):
    blocker = tmp_path / "报表"
    blocker.write_text("不是文件夹")
    assert main(["export", "--db", str(db), "--period", "2023Q3", "--out", str(blocker)]) == 3
    assert "无法创建输出文件夹" in capsys.readouterr().err
