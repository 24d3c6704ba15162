"""Found by walking the CLI as a clerk and as a hostile sender: each refusal is Chinese, has a
documented exit code (3 file cannot be opened, 4 invalid input) and leaves the ledger unchanged."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from msdesk import cli, trust
from msdesk.store import create_store, open_store

DATA = Path(__file__).parent / "data" / "notices"


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_renamed_docx_as_xlsx_is_a_damaged_workbook_with_exit_3(capsys, tmp_path, demo_path):
    fake = tmp_path / "通知.xlsx"
    shutil.copy(DATA / "pdf-task-table.docx", fake)  # a Word file renamed to .xlsx
    before = digest(demo_path)
    code, _, err = run(capsys, "import", "notice", fake, "--db", demo_path, "--year", "2023")
    assert code == 3
    assert "不是有效的 Excel 工作簿" in err and "workbook part" not in err
    assert digest(demo_path) == before


def test_empty_and_truncated_notice_files_exit_3(capsys, tmp_path, demo_path):
    empty = tmp_path / "通知.docx"
    empty.write_bytes(b"")
    truncated = tmp_path / "通知.pdf"
    truncated.write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    before = digest(demo_path)
    for path in (empty, truncated, tmp_path / "不存在.docx"):
        code, _, err = run(capsys, "import", "notice", path, "--db", demo_path, "--year", "2023")
        assert code == 3, err
        assert err.startswith("错误：") and "Traceback" not in err
    assert digest(demo_path) == before


def test_rollup_for_a_period_of_another_year_is_refused_and_writes_nothing(capsys, demo_path):
    before = digest(demo_path)
    code, out, err = run(
        capsys, "rollup", "--db", demo_path, "--period", "2031Q3", "--due", "2031-10-10", "--apply", "--yes"
    )
    assert code == 4
    assert "不在2023年计划的年度内" in err and "已把" not in out
    assert digest(demo_path) == before


@pytest.mark.parametrize("due", ["9999-12-31", "2032-10-10", "2023-06-30"])
def test_a_due_date_typed_wrong_is_refused_and_writes_nothing(capsys, demo_path, due):
    """9999, a year typed as 2032 for 2023, or a date before the period's last month."""
    before = digest(demo_path)
    code, out, err = run(capsys, "rollup", "--db", demo_path, "--period", "2023Q3", "--due", due)
    assert code == 4
    assert f"截止日期 {due} 不合理：2023年第3季度的报送截止日期应在 2023-09-01 至" in err
    assert digest(demo_path) == before


def test_a_plausible_due_date_is_stored(capsys, demo_path):
    code, out, _ = run(capsys, "rollup", "--db", demo_path, "--period", "2023Q3", "--due", "2023-10-15")
    assert code == 0 and "截止日期 2023-10-15" in out


def test_trust_add_with_parent_after_a_wrong_first_add_makes_it_the_parent(capsys, tmp_path, demo_path, monkeypatch):
    monkeypatch.setenv("MSDESK_PASSPHRASE", "烈山区口令2023")
    assert run(capsys, "keys", "init", "--db", demo_path)[0] == 0
    tasks = tmp_path / "任务包"
    assert run(capsys, "package", "export", "--db", demo_path, "--tasks", "--out", tasks)[0] == 0
    package = next(tasks.glob("*.zip"))
    town = tmp_path / "古饶镇.msdesk"
    create_store(town).close()
    assert run(capsys, "office", "set", "--db", town, "--name", "古饶镇", "--level", "township")[0] == 0
    assert run(capsys, "trust", "add", package, "--db", town)[0] == 0  # forgot --parent
    code, out, _ = run(capsys, "trust", "add", package, "--db", town, "--parent")
    assert code == 0 and "（上级单位）" in out
    code, out, err = run(capsys, "package", "import", package, "--db", town, "--office", "古饶镇")
    assert code == 0, out + err
    with open_store(town) as store:
        rows = trust.list_trusted(store)
        assert [r["role"] for r in rows] == ["parent"]
        me = next(o for o in store.rows("offices", "is_self = 1"))
        assert me["parent_id"] == rows[0]["office_id"]
        assert store.get("offices", rows[0]["office_id"])["parent_id"] is None


def test_control_characters_never_reach_the_file_or_the_terminal(capsys, tmp_path, demo_path):
    code, _, _ = run(capsys, "office", "set", "--db", demo_path, "--head", "张\x1b[2J三\x07", "--phone", "0561\x9b1")
    assert code == 0
    code, out, _ = run(capsys, "office", "show", "--db", demo_path)
    assert "负责人：张[2J三" in out and "联系电话：05611" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")


def test_rollup_apply_with_nothing_to_write_does_not_claim_a_write_or_a_backup(capsys, demo_path):
    before = digest(demo_path)
    backups = demo_path.parent / f"{demo_path.name}.backups"
    code, out, _ = run(capsys, "rollup", "--db", demo_path, "--period", "2023Q3", "--apply", "--yes")
    assert code == 0
    assert "没有需要写入的数字，未做任何修改" in out and "写入前已备份" not in out
    assert digest(demo_path) == before
    assert not backups.exists() or not any(backups.iterdir())


def test_a_period_of_an_impossible_year_is_refused_not_a_traceback(capsys, tmp_path, demo_path, monkeypatch):
    monkeypatch.setenv("MSDESK_PASSPHRASE", "烈山区口令2023")
    assert run(capsys, "keys", "init", "--db", demo_path)[0] == 0
    before = digest(demo_path)
    for period in ("9999Q4", "0000Q1", "10000-01"):
        code, _, err = run(capsys, "package", "export", "--db", demo_path, "--period", period, "--out", tmp_path / "包")
        assert code == 4 and "报告期" in err, err
    assert digest(demo_path) == before and not (tmp_path / "包").exists()


def test_a_notice_with_no_items_or_an_impossible_year_is_invalid_input(capsys, tmp_path):
    empty = tmp_path / "通知.txt"
    empty.write_text("关于做好2026年工作的通知\n各镇街：\n请认真做好各项工作。\n", encoding="utf-8")
    db = tmp_path / "台账.msdesk"
    code, _, err = run(capsys, "import", "notice", empty, "--db", db, "--year", "2026")
    assert code == 4 and "没有识别到任何民生实事项目" in err and not db.exists()
    notice = tmp_path / "实事.txt"
    notice.write_text("2026年民生实事项目\n1.新建养老服务站 3 个（牵头单位：区民政局）\n", encoding="utf-8")
    for year in ("99999", "-1", "0"):
        code, _, err = run(capsys, "import", "notice", notice, "--db", db, "--year", year)
        assert code == 4 and "年度" in err, err
        assert not db.exists()


def test_a_footer_with_control_characters_or_a_formula_exports_as_plain_text(capsys, tmp_path, demo_path):
    import openpyxl

    out = tmp_path / "报表"
    code, _, err = run(
        capsys,
        "export",
        "--db",
        demo_path,
        "--period",
        "2023Q3",
        "--out",
        out,
        "--footer",
        '=HYPERLINK("x")\x1b[31m\n第二行 & 说明',
    )
    assert code == 0, err
    book = openpyxl.load_workbook(next(out.glob("*.xlsx")))
    footer = book.worksheets[0].oddFooter.left.text
    assert footer == '=HYPERLINK("x")[31m 第二行 && 说明'  # one line, & escaped for Excel's codes
    assert len(list(out.glob("*.pdf"))) == 1


def test_a_damaged_or_renamed_file_is_named_in_chinese_with_exit_3(capsys, tmp_path, demo_path):
    renamed = tmp_path / "清单.xlsx"
    shutil.copy(DATA / "pdf-task-table.docx", renamed)
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    before = digest(demo_path)
    for path in (renamed, empty, tmp_path / "没有.xlsx"):
        code, _, err = run(capsys, "import", "workbook", path, "--db", demo_path)
        assert code == 3, err
        assert "Exception" not in err and "Error" not in err
    code, _, err = run(capsys, "trust", "add", renamed, "--db", demo_path)
    assert code != 0 and "不是有效的证书文件" in err and "asn1" not in err and "ParseError" not in err
    assert digest(demo_path) == before


def test_an_output_path_that_cannot_be_written_is_explained_in_chinese_with_exit_3(capsys, tmp_path, demo_path):
    a_file = tmp_path / "已有文件.xlsx"
    a_file.write_bytes(b"x")
    code, _, err = run(capsys, "export", "--db", demo_path, "--period", "2023Q3", "--out", a_file)
    assert code == 3 and "已有同名的文件" in err and "File exists" not in err
    code, _, err = run(
        capsys, "report", "bulletin", "--db", demo_path, "--period", "2023Q3", "--out", a_file / "通报.docx"
    )
    assert code == 3 and "已有同名的文件" in err and "File exists" not in err


def test_a_very_long_office_name_is_refused_and_the_longest_allowed_one_works(capsys, tmp_path, demo_path, monkeypatch):
    monkeypatch.setenv("MSDESK_PASSPHRASE", "烈山区口令2023")
    before = digest(demo_path)
    code, _, err = run(capsys, "office", "set", "--db", demo_path, "--name", "某某市某某区" * 40)
    assert code == 4 and "最多 64 个字" in err and digest(demo_path) == before
    longest = ("某某市某某区" * 11)[:64]
    assert run(capsys, "office", "set", "--db", demo_path, "--name", longest)[0] == 0
    out = tmp_path / "报表"
    code, _, err = run(
        capsys, "export", "--db", demo_path, "--period", "2023Q3", "--out", out, "--category", "促进就业"
    )
    assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and all(len(n.encode()) < 255 and n.startswith("某某市某某区") for n in names)
    code, _, err = run(capsys, "keys", "init", "--db", demo_path)  # the certificate holds 64 characters
    assert code == 0, err
    code, _, err = run(capsys, "package", "export", "--db", demo_path, "--tasks", "--out", tmp_path / "包")
    assert code == 0, err
    assert len(list((tmp_path / "包").glob("*.zip"))) == 1


def test_rollup_names_the_source_of_an_excel_table_once(capsys, tmp_path, demo_path):
    import openpyxl

    blank = tmp_path / "进展表.xlsx"
    assert (
        run(
            capsys,
            "workbook",
            "progress-template",
            "--db",
            demo_path,
            "--office",
            "古饶镇",
            "--period",
            "2023-07",
            "--out",
            blank,
        )[0]
        == 0
    )
    book = openpyxl.load_workbook(blank)
    book.active["G5"] = 0.3
    book.save(blank)
    assert (
        run(capsys, "import", "progress", blank, "--db", demo_path, "--office", "古饶镇", "--period", "2023-07")[0] == 0
    )
    code, out, _ = run(capsys, "rollup", "--db", demo_path, "--period", "2023-07")
    line = next(x for x in out.splitlines() if x.strip().startswith("古饶镇"))
    assert code == 0 and "数据来源：Excel 进展表（未签名）" in line and line.count("未签名") == 1


def test_bulletin_from_an_edited_text_with_control_characters_or_nothing(capsys, tmp_path, demo_path):
    edited = tmp_path / "通报.txt"
    edited.write_text("进展情况通报\x1b[31m\n〔2023〕1号\n正文\x07内容\x0c\n", encoding="utf-8")
    out = tmp_path / "通报.docx"
    code, _, err = run(
        capsys, "report", "bulletin", "--db", demo_path, "--period", "2023Q3", "--out", out, "--text", edited, "--pdf"
    )
    assert code == 0, err
    from tests._docx import paragraphs

    text = "\n".join(paragraphs(out))
    assert "进展情况通报[31m" in text and "正文内容" in text and out.with_suffix(".pdf").exists()
    blank = tmp_path / "空.txt"
    blank.write_text("  \n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "report",
        "bulletin",
        "--db",
        demo_path,
        "--period",
        "2023Q3",
        "--out",
        tmp_path / "空.docx",
        "--text",
        blank,
    )
    assert code == 4 and "是空的" in err and not (tmp_path / "空.docx").exists()


def test_audit_with_a_limit_below_one_is_refused_not_the_whole_history(capsys, demo_path):
    for limit in ("-5", "0"):
        code, out, err = run(capsys, "audit", demo_path, "--limit", limit)
        assert code == 4 and "显示条数" in err and out == ""
    code, out, _ = run(capsys, "audit", demo_path, "--limit", "3")
    assert code == 0 and len(out.splitlines()) == 3


def test_clerk_message_never_shows_a_library_s_english_text():
    import errno

    from msdesk.errors import ValidationError, clerk_message

    assert clerk_message(ValidationError("目标值不能为负数。")) == "目标值不能为负数。"
    disk = clerk_message(OSError(errno.ENOSPC, "No space left on device", "/x/台账.msdesk"))
    assert disk.startswith("操作失败：“/x/台账.msdesk”：") and "No space" not in disk
    other = clerk_message(KeyError("project_id"))
    assert other.startswith("操作失败（KeyError）") and "project_id" not in other
