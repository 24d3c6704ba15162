"""read_notice_file: .txt in UTF-8/GBK/GB18030, .docx, .pdf with a text layer, and clear errors."""

from __future__ import annotations

import pytest

from msdesk.errors import MsdeskError
from msdesk.notice import parse_notice, read_notice_file
from msdesk.paths import resource_path
from tests._docx import DocxFile
from tests._notice_fixtures import LIESHAN, YAOHAI, seed_text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_txt_encodings(tmp_path, encoding):
    text = seed_text(YAOHAI)
    path = tmp_path / f"通知-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert read_notice_file(path).replace("\r\n", "\n") == text


def test_gbk_parses_like_utf8(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(seed_text(LIESHAN).encode("gbk"))
    plan = parse_notice(read_notice_file(path))
    assert len(plan.projects) == 50 and plan.projects[6].lead_units == ["区残联"]


def test_docx_paragraphs_and_tables(tmp_path):
    document = DocxFile()
    for line in seed_text(LIESHAN).split("附件 2")[0].splitlines():
        document.para(line)
    document.table([["单位名", "城镇新增就业(万人)", "备注"], ["烈山区", "0.67", ""]])
    path = document.save(tmp_path / "通知.docx")
    plan = parse_notice(read_notice_file(path))
    assert len(plan.projects) == 50
    assert plan.doc_number == "烈民生〔2023〕2号"
    assert "烈山区\t0.67" in plan.unplaced_lines  # table rows are listed, not lost


def test_pdf_text_layer(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("NoticeSong", str(resource_path("fonts", "gbsn00lp.ttf"))))
    path = tmp_path / "通知.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("NoticeSong", 11)
    y = 800
    lines = [
        "烈民生〔2023〕2号",
        "一、促进就业（2 项）",
        "1.促进重点群体稳定就业，城镇新增就业 0.67 万人。",
        "（牵头单位：区人力资源和社会保障局）",
        "2.培训家政服务人员 3750 人次。（牵头单位：区商务局）",
    ]
    for line in lines:
        c.drawString(40, y, line)
        y -= 20
    c.showPage()
    c.save()
    plan = parse_notice(read_notice_file(path))
    assert [(p.seq, p.lead_units) for p in plan.projects] == [("1", ["区人力资源和社会保障局"]), ("2", ["区商务局"])]
    assert plan.projects[1].indicators[0].target == 3750


def test_scanned_pdf_without_text(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "扫描件.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(MsdeskError, match="没有可提取的文字"):
        read_notice_file(path)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("旧格式.rtf", b"{\\rtf1", "不支持的文件类型"),
        ("坏的.docx", b"PK\x03\x04 not really a zip", "不是有效的 Word 文档.*另存为"),
        ("坏的.pdf", b"%PDF-1.4 garbage", "不是有效的 PDF"),
        ("空的.txt", b"", "是空的"),
    ],
)
def test_bad_files(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(MsdeskError, match=message):
        read_notice_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(MsdeskError, match="找不到通知文件"):
        read_notice_file(tmp_path / "没有.txt")


def test_docx_project_table_in_document_order(tmp_path):
    document = DocxFile()
    document.para("某县民生工作领导小组办公室关于印发2025年民生实事项目的通知")
    document.para("各乡镇：现将项目清单印发给你们。")
    rows = [
        ["序号", "项目名称", "实施内容", "牵头单位"],
        ["一、就业（1项）", "", "", ""],
        ["1", "稳岗就业", "新增就业 300 人。", "县人社局"],
        ["2", "技能培训", "培训 900 人次。", "县人社局"],
    ]
    document.table(rows, merges=((1, 0, 1, 3),))
    document.para("请认真组织实施。")
    path = document.save(tmp_path / "表格通知.docx")
    text = read_notice_file(path)
    assert text.index("各乡镇") < text.index("序号\t项目名称") < text.index("请认真组织实施")
    plan = parse_notice(text)
    assert [(p.seq, p.name, p.lead_units, p.category) for p in plan.projects] == [
        ("1", "稳岗就业", ["县人社局"], 0),
        ("2", "技能培训", ["县人社局"], 0),
    ]
    assert plan.year == 2025 and plan.notes  # 标明 1 项, 识别到 2 项: the clerk is told
