"""msdesk report bulletin: files written in the official form, edits taken in, exit codes."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from msdesk.cli import main
from tests._docx import body_paragraphs, paragraphs, run_fonts, section, tables
from tests._export_fixtures import build_plan


@pytest.fixture
def db(store, db_path):
    build_plan(store)
    store.close()
    return db_path


def test_docx_and_pdf_in_the_official_form(db, tmp_path, capsys):
    out = tmp_path / "通报" / "三季度通报.docx"
    assert main(["report", "bulletin", "--db", str(db), "--period", "2023Q3", "--out", str(out), "--pdf"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("已生成：") == 2 and out.with_suffix(".pdf").exists()
    s = section(out)
    assert (round(s["width"]), round(s["height"])) == (210, 297)  # A4 portrait
    assert [round(s[side]) for side in ("top", "bottom", "left", "right")] == [37, 35, 28, 26]
    paras = {text: p for text, p in zip(paragraphs(out), body_paragraphs(out)) if text}
    assert run_fonts(paras["一、总体情况"]) == [("黑体", 16, False)]
    assert run_fonts(paras["（一）超额完成项目"]) == [("楷体", 16, False)]
    body = next(p for t, p in paras.items() if t.startswith("《烈山区2023年实施50项民生实事》共8项"))
    assert run_fonts(body) == [("仿宋", 16, False)]
    assert list(paras)[-2:] == ["烈山区", "二〇二三年十月八日"]
    assert tables(out)[0][0][0] == "排名"  # 报送情况 at a district with townships
    pdf = PdfReader(out.with_suffix(".pdf"))
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "第3季度进展情况通报" in text and "资金情况" in text
    fonts = {str(f.get("/BaseFont")) for p in pdf.pages for f in (p["/Resources"].get("/Font") or {}).values()}
    assert any("Msdesk" in f or "Sungti" in f or "Hei" in f or "+" in f for f in fonts)  # embedded subsets


def test_edited_text_goes_into_the_files(db, tmp_path):
    draft = tmp_path / "草稿.txt"
    out = tmp_path / "通报.docx"
    assert (
        main(
            ["report", "bulletin", "--db", str(db), "--period", "2023Q2", "--out", str(out), "--save-text", str(draft)]
        )
        == 0
    )
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("烈山区2023年民生实事第2季度进展情况通报\n××〔2023〕×号\n")
    draft.write_text(
        text.replace("××〔2023〕×号", "烈民生〔2023〕9号").replace("五、下一步工作", "五、下一步工作（区政府审定）"),
        encoding="utf-8",
    )
    assert (
        main(
            [
                "report",
                "bulletin",
                "--db",
                str(db),
                "--period",
                "2023Q2",
                "--out",
                str(out),
                "--pdf",
                "--text",
                str(draft),
            ]
        )
        == 0
    )
    texts = paragraphs(out)
    assert "烈民生〔2023〕9号" in texts and "五、下一步工作（区政府审定）" in texts
    assert "区政府审定" in "".join(p.extract_text() for p in PdfReader(out.with_suffix(".pdf")).pages)


def test_monthly_period_and_filters(db, tmp_path):
    out = tmp_path / "a.docx"
    assert (
        main(["report", "bulletin", "--db", str(db), "--period", "2023Q3", "--out", str(out), "--lead-unit", "区残联"])
        == 0
    )
    first = paragraphs(out)
    assert first[0] == "烈山区2023年民生实事（区残联）" and first[1] == "第3季度进展情况通报"


@pytest.mark.parametrize(
    "extra, code, message",
    [
        (["--period", "2023Q5"], 4, "报告期“2023Q5”格式不对"),
        (["--period", "2024Q1"], 4, "不在2023年计划的年度内"),
        (["--period", "2023Q3", "--category", "教育惠民"], 4, "没有名为“教育惠民”的类别"),
        (["--period", "2023Q3", "--lead-unit", "区体育局"], 4, "没有牵头单位为“区体育局”的项目"),
        (["--period", "2023Q3", "--text", "不存在.txt"], 3, "无法读取文字文件"),
    ],
)
def test_bad_input_exits_with_a_chinese_message(db, tmp_path, capsys, extra, code, message):
    out = tmp_path / "x.docx"
    assert main(["report", "bulletin", "--db", str(db), "--out", str(out), *extra]) == code
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_wrong_output_type_and_missing_file(db, tmp_path, capsys):
    assert main(["report", "bulletin", "--db", str(db), "--period", "2023Q3", "--out", str(tmp_path / "x.pdf")]) == 4
    assert "应以 .docx 结尾" in capsys.readouterr().err
    assert (
        main(
            [
                "report",
                "bulletin",
                "--db",
                str(tmp_path / "无.msdesk"),
                "--period",
                "2023Q3",
                "--out",
                str(tmp_path / "x.docx"),
            ]
        )
        == 3
    )
    assert "找不到文件" in capsys.readouterr().err
