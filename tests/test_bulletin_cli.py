"""msdesk report bulletin: files written in the official form, edits taken in, exit codes."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from msdesk.cli import main
from tests._export_fixtures import build_plan


@pytest.fixture
def db(store, db_path):
    build_plan(store)
    store.close()
    return db_path


def _east_asian(run) -> str:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_docx_and_pdf_in_the_official_form(db, tmp_path, capsys):
    out = tmp_path / "通报" / "三季度通报.docx"
    assert main(["report", "bulletin", "--db", str(db), "--period", "2023Q3", "--out", str(out), "--pdf"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("已生成：") == 2 and out.with_suffix(".pdf").exists()
    d = docx.Document(str(out))
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)  # A4 portrait
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    paras = {p.text: p for p in d.paragraphs if p.text}
    assert _east_asian(paras["一、总体情况"].runs[0]) == "黑体"
    assert _east_asian(paras["（一）超额完成项目"].runs[0]) == "楷体"
    body = next(p for t, p in paras.items() if t.startswith("《烈山区2023年实施50项民生实事》共8项"))
    assert _east_asian(body.runs[0]) == "仿宋" and body.runs[0].font.size.pt == 16
    assert list(paras)[-2:] == ["烈山区", "二〇二三年十月八日"]
    assert d.tables[0].rows[0].cells[0].text == "排名"  # 报送情况 at a district with townships
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
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "烈民生〔2023〕9号" in paragraphs and "五、下一步工作（区政府审定）" in paragraphs
    assert "区政府审定" in "".join(p.extract_text() for p in PdfReader(out.with_suffix(".pdf")).pages)


def test_monthly_period_and_filters(db, tmp_path):
    out = tmp_path / "a.docx"
    assert (
        main(["report", "bulletin", "--db", str(db), "--period", "2023Q3", "--out", str(out), "--lead-unit", "区残联"])
        == 0
    )
    first = docx.Document(str(out)).paragraphs
    assert first[0].text == "烈山区2023年民生实事（区残联）" and first[1].text == "第3季度进展情况通报"


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
