"""Readers → blocks: Word tables with merged cells, PDF ruled tables read cell by cell, .xlsx notices, .ofd text
layer, .doc through LibreOffice (a stand-in converter here) or a clear message."""

from __future__ import annotations

import os
import sys
import zipfile

import pytest

from msdesk.errors import MsdeskError
from msdesk.notice import parse_notice, read_notice_file
from msdesk.notice.blocks import cell_text, rejoin_cjk
from msdesk.notice.reader import read_notice_blocks
from msdesk.paths import resource_path
from tests._docx import DocxFile

HEADER = ("序号", "实施内容", "牵头单位", "完成时限")


def test_cell_text_keeps_units_apart_and_joins_broken_words():
    assert cell_text(["县民政局", "县代建中心"]) == "县民政局、县代建中心"
    assert cell_text(["区市场监", "管局"]) == "区市场监管局"
    assert rejoin_cjk("区卫生健康 委员会") == "区卫生健康委员会"
    assert rejoin_cjk("PM2.5 浓度 下降") == "PM2.5 浓度下降"


def _docx(path):
    rows = [
        list(HEADER),
        ["一、养老服务（2项）", "", "", ""],
        ["1", "开工建设养护楼 1 栋。", ["县民政局", "县代建中心"], "5月底前动工"],  # several units, one per line
        ["", "建成老年大学 1 所。", "", "12月底前"],
        ["2", "新增助餐点 30 个。", "县民政局", "9月投入使用"],
    ]
    # 序号 merged down: row 3 is the same item's second sub-task; the category row merged across
    merges = ((1, 0, 1, 3), (2, 0, 3, 0), (2, 2, 3, 2))
    return DocxFile().para("某县2026年民生实事项目表").table(rows, merges).save(path)


def test_docx_table_with_merged_cells(tmp_path):
    path = _docx(tmp_path / "通知.docx")
    rows = [b.cells for b in read_notice_blocks(path) if b.kind == "row"]
    assert rows[1] == ["一、养老服务（2项）", "", "", ""]  # merged across: written once, columns kept
    assert rows[2] == ["1", "开工建设养护楼 1 栋。", "县民政局、县代建中心", "5月底前动工"]
    assert rows[3] == ["", "建成老年大学 1 所。", "", "12月底前"]  # merged down with its 序号: a sub-task row
    plan = parse_notice(read_notice_file(path))
    first, second = plan.projects
    assert [c.name for c in plan.categories] == ["养老服务"]
    assert (first.seq, first.lead_units, first.deadline) == ("1", ["县民政局", "县代建中心"], "12月底前")
    assert [(i.target, i.unit, i.deadline) for i in first.indicators] == [
        (1, "栋", "5月底前动工"),
        (1, "所", "12月底前"),
    ]
    assert (second.seq, second.lead_units, second.deadline) == ("2", ["县民政局"], "9月投入使用")


def _pdf(path, pages=1, rows_per_page=3):
    """A ruled table drawn the way office software prints it: a unit name spread by justification and a cell
    whose text wraps inside a word."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("NoticeSong", str(resource_path("fonts", "gbsn00lp.ttf"))))
    c = canvas.Canvas(str(path), pagesize=A4)
    widths = [40, 250, 120, 90]
    xs = [40]
    for w in widths:
        xs.append(xs[-1] + w)
    number = 0
    for page in range(pages):
        c.setFont("NoticeSong", 14)
        c.drawString(40, 800, "某区2026年民生实事任务表")
        top = 770
        rows = [HEADER] + [None] * rows_per_page
        height = 40
        for r, row in enumerate(rows):
            y = top - r * height
            c.line(xs[0], y, xs[-1], y)
            c.setFont("NoticeSong", 10)
            if row is None:
                number += 1
                row = (str(number), f"新建口袋公园 {number} 个，改造绿道 {number + 1} 公里。", None, "12月底前")
            for k, text in enumerate(row):
                if text is None:
                    continue
                c.drawString(xs[k] + 4, y - 16, text)
            if r:  # the unit: spread across the cell, and wrapped inside a word on the next row
                spread = "区卫生健康委员会" if number % 2 else "区市场监"
                for i, ch in enumerate(spread):
                    c.drawString(xs[2] + 4 + i * 14, y - 16, ch)
                if not number % 2:
                    c.drawString(xs[2] + 4, y - 30, "管局")
        bottom = top - len(rows) * height
        c.line(xs[0], bottom, xs[-1], bottom)
        for x in xs:
            c.line(x, top, x, bottom)
        c.drawString(290, 60, f"— {page + 1} —")
        c.showPage()
    c.save()
    return path


def test_pdf_ruled_table_read_cell_by_cell(tmp_path):
    path = _pdf(tmp_path / "任务表.pdf")
    rows = [b.cells for b in read_notice_blocks(path) if b.kind == "row"]
    assert rows[0] == list(HEADER)
    assert rows[1] == ["1", "新建口袋公园 1 个，改造绿道 2 公里。", "区卫生健康委员会", "12月底前"]
    assert rows[2][2] == "区市场监管局"
    plan = parse_notice(read_notice_file(path))
    assert [(p.seq, p.lead_units, p.deadline) for p in plan.projects] == [
        ("1", ["区卫生健康委员会"], "12月底前"),
        ("2", ["区市场监管局"], "12月底前"),
        ("3", ["区卫生健康委员会"], "12月底前"),
    ]
    assert [i.target for i in plan.projects[1].indicators] == [2, 3]


def test_pdf_table_over_pages_keeps_one_list(tmp_path):
    path = _pdf(tmp_path / "十页.pdf", pages=3)
    plan = parse_notice(read_notice_file(path))
    assert [p.seq for p in plan.projects] == [str(n) for n in range(1, 10)]
    assert all(p.lead_units for p in plan.projects)


def test_xlsx_notice_in_its_own_layout(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "某县2026年民生实事任务分解表"
    sheet.merge_cells("A1:E1")
    sheet.append(["序号", "项目名称", "建设内容", "责任单位", "完成时限"])
    sheet.append([1, "城南水厂", "建设水厂 1 座。", "县住建局", "10月底前"])
    sheet.append([2, "老旧小区改造", "改造老旧小区 12 个。", None, "年底前"])
    sheet.merge_cells("D3:D4")  # one unit leads both items
    sheet.append([3.0, "农贸市场", "改造农贸市场 2 家。", "县商务局\n县市场监管局", "无任务"])
    path = tmp_path / "分解表.xlsx"
    book.save(path)
    plan = parse_notice(read_notice_file(path))
    assert plan.year == 2026
    assert [(p.seq, p.name, p.lead_units, p.deadline, p.task_level) for p in plan.projects] == [
        ("1", "城南水厂", ["县住建局"], "10月底前", "local"),
        ("2", "老旧小区改造", ["县住建局"], "年底前", "local"),
        ("3", "农贸市场", ["县商务局", "县市场监管局"], None, "none"),
    ]  # 无任务 in any cell sets the task level


def _ofd(path, lines):
    """A minimal OFD (GB/T 33190): OFD.xml → Document.xml → one page of TextObjects."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    objects = "".join(
        f'<ofd:TextObject ID="{i + 10}" Boundary="20 {30 + i * 8} 170 6" Font="1" Size="4.2">'
        f'<ofd:TextCode X="0" Y="4.2" DeltaX="g {len(text) - 1} 4.2">{text}</ofd:TextCode></ofd:TextObject>'
        for i, text in enumerate(lines)
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "OFD.xml",
            f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<ofd:Document {ns}><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
            f"</ofd:Pages></ofd:Document>",
        )
        z.writestr(
            "Doc_0/Pages/Page_0/Content.xml",
            f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>',
        )
    return path


def test_ofd_text_layer(tmp_path):
    path = _ofd(
        tmp_path / "通知.ofd",
        ["某区2026年民生实事", "一、促进就业（1项）", "1.新增城镇就业 4200 人。（牵头单位：区人社局）"],
    )
    blocks = read_notice_blocks(path)
    assert [b.text for b in blocks] == [
        "某区2026年民生实事",
        "一、促进就业（1项）",
        "1.新增城镇就业 4200 人。（牵头单位：区人社局）",
    ]
    assert {b.page for b in blocks} == {1}
    plan = parse_notice(read_notice_file(path))
    assert [(p.seq, p.lead_units, p.indicators[0].target) for p in plan.projects] == [("1", ["区人社局"], 4200)]


def test_damaged_ofd_and_ofd_without_text(tmp_path):
    bad = tmp_path / "坏的.ofd"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(MsdeskError, match="不是有效的 OFD"):
        read_notice_file(bad)
    with pytest.raises(MsdeskError, match="没有可提取的文字"):
        read_notice_file(_ofd(tmp_path / "空.ofd", []))


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """A stand-in for LibreOffice on PATH: 'converts' by writing a known .docx where soffice would."""
    source = _docx(tmp_path / "converted.docx")
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(f"""#!{sys.executable}
import shutil, sys
args = sys.argv[1:]
assert "--headless" in args and args[args.index("--convert-to") + 1] == "docx"
out = args[args.index("--outdir") + 1]
shutil.copyfile({str(source)!r}, out + "/notice.docx")
""")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return script


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_are_converted_when_office_is_installed(tmp_path, fake_soffice, suffix):
    path = tmp_path / f"旧通知{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    plan = parse_notice(read_notice_file(path))
    assert [p.seq for p in plan.projects] == ["1", "2"]


def test_doc_without_office_asks_for_docx(tmp_path, monkeypatch):
    monkeypatch.setattr("msdesk.notice.reader._office", lambda: None)
    path = tmp_path / "旧通知.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(MsdeskError, match="没有安装 LibreOffice.*另存为 .docx"):
        read_notice_file(path)
