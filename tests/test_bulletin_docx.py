"""The 进展情况通报 .docx read back from its XML: text, fonts, table cells and margins as GB/T 9704 sets them,
a package Word/WPS/LibreOffice open without repair, and LibreOffice reading it back whole."""

from __future__ import annotations

import posixpath
import shutil
import subprocess
import zipfile
from xml.etree import ElementTree

import pytest

from msdesk.bulletin import build_bulletin, write_bulletin
from msdesk.bulletin.model import H1, H2, H3, PARA, TABLE, Block, Bulletin
from msdesk.notice.reader import read_notice_blocks
from tests._docx import W, body_paragraphs, paragraphs, run_fonts, section, styles, tables
from tests._export_fixtures import build_plan

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _bulletin() -> Bulletin:
    ranking = [["排名", "单位", "完成率", "状态"]] + [[str(i), f"第{i}镇", f"{90 - i}%", "序时"] for i in range(1, 41)]
    return Bulletin(
        title="某区2026年民生实事（区民政局）第3季度进展情况通报",
        doc_number="某民生〔2026〕3号",
        blocks=[
            Block(PARA, "为及时掌握民生实事推进情况 & <核对>，现通报如下："),
            Block(H1, "一、总体情况"),
            Block(H2, "（一）超额完成项目"),
            Block(H3, "1. 第1项重点群体稳定就业（牵头单位：区人社局）"),
            Block(PARA, "  前后有空格 \t制表符\x07控制字符\udc80"),
            Block(TABLE, rows=ranking),
        ],
        signature="某区民生工作领导小组办公室",
        date_text="二〇二六年十月八日",
    )


@pytest.fixture
def written(tmp_path):
    return write_bulletin(_bulletin(), tmp_path / "通报.docx")


def test_text_fonts_and_paragraph_settings(written):
    texts = paragraphs(written)
    assert texts[:3] == ["某区2026年民生实事（区民政局）", "第3季度进展情况通报", "某民生〔2026〕3号"]
    assert "为及时掌握民生实事推进情况 & <核对>，现通报如下：" in texts
    assert "  前后有空格 \t制表符控制字符" in texts  # spaces kept; a control character and a lone surrogate dropped
    assert texts[-2:] == ["某区民生工作领导小组办公室", "二〇二六年十月八日"]
    paras = dict(zip(texts, body_paragraphs(written)))
    assert run_fonts(paras["第3季度进展情况通报"]) == [("方正小标宋简体", 22, False)]
    assert run_fonts(paras["某民生〔2026〕3号"]) == [("仿宋", 16, False)]
    assert run_fonts(paras["一、总体情况"]) == [("黑体", 16, False)]
    assert run_fonts(paras["（一）超额完成项目"]) == [("楷体", 16, False)]
    assert run_fonts(paras["1. 第1项重点群体稳定就业（牵头单位：区人社局）"]) == [("仿宋", 16, True)]
    body = paras["为及时掌握民生实事推进情况 & <核对>，现通报如下："]
    spacing, indent, jc = (body.find(f"{W}pPr/{W}{tag}") for tag in ("spacing", "ind", "jc"))
    assert (spacing.get(W + "line"), spacing.get(W + "lineRule")) == ("560", "exact")  # 28 pt, 固定值
    assert indent.get(W + "firstLine") == "640" and jc.get(W + "val") == "both"  # 两字缩进, 两端对齐
    for heading in ("一、总体情况", "（一）超额完成项目"):
        assert paras[heading].find(f"{W}pPr/{W}keepNext") is not None  # stays with what it heads
    signature = paras["某区民生工作领导小组办公室"]
    assert signature.find(f"{W}pPr/{W}jc").get(W + "val") == "right"
    assert signature.find(f"{W}pPr/{W}ind").get(W + "right") == "1280"  # 右空四字


def test_page_margins_and_page_number(written):
    assert section(written) == {
        "width": 210.0,
        "height": 297.0,
        "top": 37.0,
        "bottom": 35.0,
        "left": 28.0,
        "right": 26.0,
        "footer": 25.0,
    }
    with zipfile.ZipFile(written) as archive:
        footer = ElementTree.fromstring(archive.read("word/footer1.xml"))
    assert "".join(t.text or "" for t in footer.iter(W + "t")) == "— 1 —"
    assert [i.text for i in footer.iter(W + "instrText")] == [" PAGE "]
    assert [f.get(W + "fldCharType") for f in footer.iter(W + "fldChar")] == ["begin", "separate", "end"]


def test_table_cells_styles_and_widths(written):
    (table,) = tables(written)
    assert table[0] == ["排名", "单位", "完成率", "状态"] and table[40] == ["40", "第40镇", "50%", "序时"]
    with zipfile.ZipFile(written) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    tbl = root.find(f"{W}body/{W}tbl")
    rows = tbl.findall(W + "tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None  # the header repeats on every page
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    cell_styles = [[tc.find(f"{W}p/{W}pPr/{W}pStyle").get(W + "val") for tc in r.findall(W + "tc")] for r in rows[:2]]
    assert cell_styles == [["通报表头"] * 4, ["通报表格", "通报表格名称", "通报表格", "通报表格"]]
    defined = styles(written)
    for style_id, font in (("通报表头", "黑体"), ("通报表格", "仿宋"), ("通报表格名称", "仿宋")):
        rpr = defined[style_id].find(W + "rPr")
        assert rpr.find(W + "rFonts").get(W + "eastAsia") == font and rpr.find(W + "sz").get(W + "val") == "22"
    assert defined["Normal"].find(f"{W}rPr/{W}rFonts").get(W + "eastAsia") == "仿宋"
    assert defined["TableGrid"].find(f"{W}tblPr/{W}tblBorders/{W}insideH").get(W + "val") == "single"
    widths = [int(c.get(W + "w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
    usable = round((210 - 28 - 26) * 1440 / 25.4)
    assert len(widths) == 4 and sum(widths) <= usable + 4 and widths[1] == max(widths)  # names take the rest


def test_the_package_is_complete_and_well_formed(written):
    """Every part parses, has a content type and is reached by a relationship: what Word checks before it
    offers to repair a file."""
    with zipfile.ZipFile(written) as archive:
        names = set(archive.namelist())
        for name in names:
            ElementTree.fromstring(archive.read(name))
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        overrides = {o.get("PartName").lstrip("/") for o in types.iter(CT + "Override")}
        defaults = {d.get("Extension") for d in types.iter(CT + "Default")}
        reached = set()
        for rels in (n for n in names if n.endswith(".rels")):
            base = posixpath.dirname(posixpath.dirname(rels))
            for rel in ElementTree.fromstring(archive.read(rels)).iter(REL + "Relationship"):
                reached.add(posixpath.normpath(posixpath.join(base, rel.get("Target"))))
    assert all(n in overrides or n.rsplit(".", 1)[-1] in defaults for n in names)
    assert names - reached == {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"}
    assert reached <= names
    assert {"word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml"} <= overrides


def test_the_same_bulletin_gives_the_same_bytes(tmp_path):
    a = write_bulletin(_bulletin(), tmp_path / "a.docx")
    b = write_bulletin(_bulletin(), tmp_path / "b.docx")
    assert a.read_bytes() == b.read_bytes()


def test_libreoffice_opens_it_and_keeps_every_line(store, tmp_path):
    """LibreOffice converts the real bulletin and saves it as its own .docx; read back, nothing is lost."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    bulletin = build_bulletin(store, build_plan(store)["plan"], "2023Q3")
    (tmp_path / "ours").mkdir()
    ours = write_bulletin(bulletin, tmp_path / "ours" / "通报.docx")
    subprocess.run(
        [office, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "docx",
         "--outdir", str(tmp_path / "lo"), str(ours)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    theirs = tmp_path / "lo" / "通报.docx"
    assert read_notice_blocks(theirs) == read_notice_blocks(ours)
    assert any(b.kind == "row" and b.cells[0] == "排名" for b in read_notice_blocks(theirs))
    assert len(paragraphs(theirs)) == len(paragraphs(ours))
