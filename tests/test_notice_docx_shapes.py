""".docx notices as Word, WPS and LibreOffice write them, read as a person reads the page; hostile files refused.

Each file is built by hand (tests/_docx.py) with the one shape under test: content controls, tracked
changes, smart tags and hyperlinks, breaks and tabs, alternate content and text boxes, merged and nested
cells. Hostile files (a DTD, an entity bomb, a zip bomb, absurd nesting) give a Chinese message quickly.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile

import pytest

from msdesk.errors import MsdeskError
from msdesk.notice import parse_notice, read_notice_file
from msdesk.notice.reader import NoticeFileError, read_notice_blocks
from tests._docx import DocxFile, para_xml, table_xml

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
V = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _blocks(tmp_path, document: DocxFile, name: str = "通知.docx"):
    path = document.save(tmp_path / name)
    return [(b.kind, b.text if b.kind == "para" else b.cells) for b in read_notice_blocks(path)]


def test_content_controls_around_paragraphs_runs_rows_and_cells(tmp_path):
    """WPS and Word forms wrap text in w:sdt at every level: the text inside is the document's text."""
    document = DocxFile()
    document.raw(
        f'<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>{para_xml("某县2026年民生实事")}'
        "</w:sdtContent></w:sdt>"
    )
    document.raw(
        f"<w:p>{_r('文号：')}<w:sdt><w:sdtPr/><w:sdtContent>{_r('县民生〔2026〕1号')}</w:sdtContent></w:sdt></w:p>"
    )
    table = table_xml([["序号", "实施内容", "牵头单位"]])
    row = f"<w:tr><w:tc>{para_xml('1')}</w:tc>"
    row += f"<w:sdt><w:sdtContent><w:tc>{para_xml('新增就业 300 人。')}</w:tc></w:sdtContent></w:sdt>"
    row += f"<w:tc><w:sdt><w:sdtContent>{para_xml('县人社局')}</w:sdtContent></w:sdt></w:tc></w:tr>"
    wrapped_row = f"<w:sdt><w:sdtContent>{row}</w:sdtContent></w:sdt>"
    document.raw(table.replace("</w:tbl>", wrapped_row + "</w:tbl>"))
    assert _blocks(tmp_path, document) == [
        ("para", "某县2026年民生实事"),
        ("para", "文号：县民生〔2026〕1号"),
        ("row", ["序号", "实施内容", "牵头单位"]),
        ("row", ["1", "新增就业 300 人。", "县人社局"]),
    ]


def test_tracked_changes_read_as_accepted(tmp_path):
    """Revisions left in the notice: inserted and moved-to text is read, deleted and moved-from text is not."""
    ins = '<w:ins w:id="1" w:author="办公室" w:date="2026-01-05T00:00:00Z">'
    document = DocxFile().raw(
        f"<w:p>{_r('城镇新增就业')}{ins}{_r('0.8')}</w:ins>"
        f'<w:del w:id="2" w:author="办公室"><w:r><w:delText>0.6</w:delText></w:r></w:del>{_r(" 万人。")}'
        f'<w:moveFrom w:id="3" w:author="办公室">{_r("（已移走）")}</w:moveFrom></w:p>'
        f'<w:p><w:moveTo w:id="4" w:author="办公室">{_r("（牵头单位：县人社局）")}</w:moveTo></w:p>'
    )
    row_deleted = table_xml([["序号", "实施内容"], ["1", "删除的行"], ["2", "保留的行"]])
    row_deleted = row_deleted.replace(
        "<w:tr><w:tc><w:tcPr></w:tcPr><w:p><w:r><w:t>1<",
        '<w:tr><w:trPr><w:del w:id="5" w:author="办公室"/></w:trPr><w:tc><w:tcPr></w:tcPr><w:p><w:r><w:t>1<',
        1,
    )
    document.raw(row_deleted)
    assert _blocks(tmp_path, document) == [
        ("para", "城镇新增就业0.8 万人。"),
        ("para", "（牵头单位：县人社局）"),
        ("row", ["序号", "实施内容"]),
        ("row", ["2", "保留的行"]),
    ]


def test_smart_tags_hyperlinks_and_simple_fields_keep_their_text(tmp_path):
    document = DocxFile().raw(
        f'<w:p>{_r("详见")}<w:hyperlink r:id="rId99"><w:smartTag w:uri="urn:x" w:element="place">{_r("县政府网站")}'
        f'</w:smartTag></w:hyperlink>{_r("，")}<w:smartTag w:uri="urn:x" w:element="date">{_r("2026年3月")}</w:smartTag>'
        f'<w:fldSimple w:instr=" PAGE ">{_r("2")}</w:fldSimple>'
        f'<w:customXml w:element="unit">{_r("发布")}</w:customXml></w:p>'
    )
    assert _blocks(tmp_path, document) == [("para", "详见县政府网站，2026年3月2发布")]


def test_breaks_and_tabs_as_a_person_sees_them(tmp_path):
    """A line break starts a new line (in a cell: a new line of the cell); a page break and a field code are
    not text; a tab is a tab."""
    document = DocxFile().raw(
        "<w:p><w:r><w:t>1.新增就业</w:t><w:tab/><w:t>300 人</w:t><w:br/><w:t>（牵头单位：县人社局）</w:t>"
        '<w:br w:type="page"/><w:instrText> PAGE </w:instrText><w:noBreakHyphen/><w:t>附</w:t><w:cr/><w:t>件</w:t></w:r></w:p>'
    )
    document.raw(
        table_xml([["牵头单位", "序号"]]).replace(
            "</w:tbl>",
            "<w:tr><w:tc><w:p><w:r><w:t>县民政局</w:t><w:br/><w:t>县代建中心</w:t></w:r></w:p></w:tc>"
            f"<w:tc>{para_xml('1')}</w:tc></w:tr></w:tbl>",
        )
    )
    assert _blocks(tmp_path, document) == [
        ("para", "1.新增就业\t300 人\n（牵头单位：县人社局）-附\n件"),
        ("row", ["牵头单位", "序号"]),
        ("row", ["县民政局、县代建中心", "1"]),
    ]


def _text_box(text: str) -> str:
    """A text box as Word 2010+ and WPS write it: DrawingML in mc:Choice, the same box in VML as mc:Fallback."""
    content = f"<w:txbxContent>{para_xml(text)}</w:txbxContent>"
    return (
        f'<w:r><mc:AlternateContent {MC}><mc:Choice Requires="wps"><w:drawing><wp:anchor {WP}><a:graphic {A}>'
        f"<a:graphicData><wps:wsp {WPS}><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic>"
        f"</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:rect {V}><v:textbox>{content}</v:textbox>"
        "</v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_alternate_content_and_text_boxes_are_read_once(tmp_path):
    document = DocxFile()
    document.raw(f"<w:p>{_r('附件1')}{_text_box('（此件公开发布）')}</w:p>")
    document.raw(
        f'<w:p><mc:AlternateContent {MC}><mc:Choice Requires="w14">{_r("新增就业 300 人。")}</mc:Choice>'
        f"<mc:Fallback>{_r('新增就业 300 人。')}</mc:Fallback></mc:AlternateContent></w:p>"
    )
    document.raw(
        f'<mc:AlternateContent {MC}><mc:Choice Requires="w14">{para_xml("正文段落")}</mc:Choice>'
        f"<mc:Fallback>{para_xml('正文段落')}</mc:Fallback></mc:AlternateContent>"
    )
    document.raw(
        table_xml([["牵头单位"]]).replace(
            "</w:tbl>", f"<w:tr><w:tc><w:p>{_r('县人社局')}{_text_box('县财政局')}</w:p></w:tc></w:tr></w:tbl>"
        )
    )
    assert _blocks(tmp_path, document) == [
        ("para", "附件1"),
        ("para", "（此件公开发布）"),
        ("para", "新增就业 300 人。"),
        ("para", "正文段落"),
        ("row", ["牵头单位"]),
        ("row", ["县人社局、县财政局"]),
    ]


def test_merged_cells_word_style_grid_before_and_nested_tables(tmp_path):
    """vMerge with no value (how Word writes the continuation), a row that starts one column in (gridBefore)
    and a table nested in a cell: columns stay under their headers, the nested text stays in its cell."""
    header = "<w:tr>" + "".join(f"<w:tc>{para_xml(t)}</w:tc>" for t in ("序号", "实施内容", "牵头单位")) + "</w:tr>"
    first = (
        f'<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{para_xml("1")}</w:tc>'
        f"<w:tc>{para_xml('建成养护楼 1 栋。')}</w:tc>"
        f'<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{para_xml("县民政局")}</w:tc></w:tr>'
    )
    second = (
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        f"<w:tc>{para_xml('建成老年大学 1 所。')}</w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
    )
    nested = table_xml([["县卫健委"], ["县医保局"]])
    third = (
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        f"<w:tc>{para_xml('新增助餐点 30 个。')}</w:tc><w:tc>{nested}<w:p/></w:tc></w:tr>"
    )
    wide = f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>{para_xml("二、医疗卫生（1项）")}</w:tc></w:tr>'
    document = DocxFile().raw(f"<w:tbl><w:tblGrid/>{header}{wide}{first}{second}{third}</w:tbl>")
    assert _blocks(tmp_path, document) == [
        ("row", ["序号", "实施内容", "牵头单位"]),
        ("row", ["二、医疗卫生（1项）", "", ""]),
        ("row", ["1", "建成养护楼 1 栋。", "县民政局"]),
        ("row", ["", "建成老年大学 1 所。", ""]),  # merged down with its 序号: the same item's sub-task
        ("row", ["", "新增助餐点 30 个。", "县卫健委、县医保局"]),
    ]


def test_a_notice_with_every_wrapper_parses_like_plain_paragraphs(tmp_path):
    """The parser sees the same notice whether the clerk's office wrapped it in controls and revisions or not."""
    lines = ["某县2026年民生实事项目", "一、就业（1项）", "1.稳岗就业。新增就业 300 人。（牵头单位：县人社局）"]
    plain = DocxFile()
    wrapped = DocxFile()
    for i, line in enumerate(lines):
        plain.para(line)
        head, tail = line[:2], line[2:]
        wrapped.raw(
            f'<w:sdt><w:sdtContent><w:p><w:smartTag w:uri="urn:x" w:element="n">{_r(head)}</w:smartTag>'
            f'<w:ins w:id="{i}" w:author="x">{_r(tail)}</w:ins></w:p></w:sdtContent></w:sdt>'
        )
    a = parse_notice(read_notice_file(plain.save(tmp_path / "a.docx")))
    b = parse_notice(read_notice_file(wrapped.save(tmp_path / "b.docx")))
    assert [(p.seq, p.name, p.lead_units) for p in a.projects] == [(p.seq, p.name, p.lead_units) for p in b.projects]
    assert len(a.projects) == 1 and a.projects[0].lead_units == ["县人社局"]


def test_a_notice_saved_by_libreoffice_reads_the_same(tmp_path):
    """LibreOffice rewrites the file its own way (styles, paraIds, rsids, proofErr, bookmarks): same blocks."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    rows = [
        ["序号", "实施内容", "牵头单位"],
        ["一、养老（1项）", "", ""],
        ["1", "建成养护楼 1 栋。", ["县民政局", "县代建中心"]],
        ["", "建成老年大学 1 所。", ""],
    ]
    source = (
        DocxFile()
        .para("某县2026年民生实事")
        .para("甲\t乙")
        .table(rows, merges=((1, 0, 1, 2), (2, 0, 3, 0), (2, 2, 3, 2)))
    )
    source.para("请认真组织实施。")
    (tmp_path / "src").mkdir()
    src = source.save(tmp_path / "src" / "通知.docx")
    out = tmp_path / "out"
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = out / "通知.docx"
    with zipfile.ZipFile(resaved) as archive:
        assert b"LibreOffice" in archive.read("docProps/app.xml")  # the file is LibreOffice's, not ours
    assert read_notice_blocks(resaved) == read_notice_blocks(src)


# ---- hostile files ----


def _raw_docx(path, document_xml: bytes, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compress) as archive:
        archive.writestr("word/document.xml", document_xml)
    return path


BODY = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


@pytest.mark.parametrize(
    "xml",
    [
        # billion laughs: ten levels of ten entities, 10^9 copies if expanded
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(9))
        + b"]>"
        + BODY
        + b"<w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>",
        # an external entity that would read a file of the clerk's computer
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + BODY
        + b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>",
        b'<!DOCTYPE w:document SYSTEM "http://example.invalid/x.dtd">' + BODY + b"</w:body></w:document>",
    ],
)
def test_a_dtd_or_entities_are_refused(tmp_path, xml):
    started = time.monotonic()
    with pytest.raises(NoticeFileError, match="文档类型定义（DTD）.*不予读取") as caught:
        read_notice_file(_raw_docx(tmp_path / "通知.docx", xml))
    assert "通知.docx" in caught.value.message and time.monotonic() - started < 5


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    path = tmp_path / "炸弹.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(BODY + b"<w:p><w:r><w:t>")
            chunk = b"A" * (1 << 20)
            for _ in range(80):  # 80 MB of text in about 80 KB of file
                stream.write(chunk)
            stream.write(b"</w:t></w:r></w:p></w:body></w:document>")
    assert path.stat().st_size < 1 << 20
    with pytest.raises(NoticeFileError, match="解压后超过 64 MB"):
        read_notice_file(path)


def test_a_size_that_lies_in_the_zip_header_is_still_bounded(tmp_path, monkeypatch):
    """A crafted header that claims 100 bytes for 8 KB: nothing inflates past what was claimed (zipfile stops
    there, the read is bounded by the claim) and the clerk is told the file is damaged, in Chinese."""
    import msdesk.notice.read_docx as read_docx

    monkeypatch.setattr(read_docx, "MAX_DOCUMENT", 4096)
    xml = BODY + b"<w:p><w:r><w:t>" + b"x" * 8000 + b"</w:t></w:r></w:p></w:body></w:document>"
    path = _raw_docx(tmp_path / "通知.docx", xml)
    data = bytearray(path.read_bytes())
    size = len(xml).to_bytes(4, "little")
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # local header and central directory: claim 100 bytes
        at = data.index(header)
        offset = 22 if header == b"PK\x03\x04" else 24
        assert data[at + offset : at + offset + 4] == size
        data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(NoticeFileError, match="不是有效的 Word 文档") as caught:
        read_notice_file(path)
    assert "通知.docx" in caught.value.message


def test_absurd_nesting_and_spans_are_refused_or_bounded(tmp_path):
    deep = BODY + b"<w:p>" + b"<w:smartTag>" * 100_000 + b"</w:smartTag>" * 100_000 + b"</w:p></w:body></w:document>"
    with pytest.raises(NoticeFileError, match="嵌套层数过多"):
        read_notice_file(_raw_docx(tmp_path / "深.docx", deep))
    huge_span = DocxFile().raw(
        f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr>{para_xml("1.新增就业 300 人。")}'
        f'</w:tc><w:tc><w:tcPr><w:gridSpan w:val="x"/></w:tcPr>{para_xml("县人社局")}</w:tc></w:tr></w:tbl>'
    )
    rows = [b.cells for b in read_notice_blocks(huge_span.save(tmp_path / "宽.docx"))]
    assert len(rows) == 1 and len(rows[0]) <= 65 and "县人社局" in rows[0]


def test_a_zip_without_a_word_document_is_a_damaged_docx(tmp_path):
    path = tmp_path / "表格.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(MsdeskError, match="不是有效的 Word 文档.*另存为"):
        read_notice_file(path)
    bad_xml = _raw_docx(tmp_path / "坏.docx", BODY + "<w:p><w:r><w:t>未闭合".encode())
    with pytest.raises(MsdeskError, match="不是有效的 XML（第 1 行）"):
        read_notice_file(bad_xml)


def test_main_part_found_from_the_relationships_and_strict_ooxml(tmp_path):
    """Word's "Strict Open XML" save uses other namespaces; some generators name the main part otherwise."""
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    path = tmp_path / "严格.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"'
            ' Target="/word/document2.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document2.xml",
            f'<w:document xmlns:w="{strict}"><w:body><w:p><w:r><w:t>某县2026年民生实事</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    assert [b.text for b in read_notice_blocks(path)] == ["某县2026年民生实事"]


def test_a_notice_laid_out_inside_a_one_cell_frame_reads_like_one_without(tmp_path):
    """WPS and web pages pasted into Word put the whole notice in a bordered one-cell table (a frame):
    its paragraphs stay paragraphs and the item table inside it keeps its rows and columns."""
    rows = [
        ["序号", "项目名称", "实施内容", "牵头单位"],
        ["1", "新增就业", "城镇新增就业0.67万人。", "区人社局"],
        ["2", "老年食堂", "新增17个城乡老年食堂。", "区民政局"],
    ]
    lines = ["示范区2025年民生实事项目表", "请各单位认真组织实施。"]
    plain = DocxFile().para(lines[0]).table(rows).para(lines[1])
    cell = para_xml(lines[0]) + table_xml(rows) + para_xml(lines[1])
    framed = DocxFile().raw(f"<w:tbl><w:tblGrid/><w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl>")
    assert _blocks(tmp_path, framed, "框.docx") == _blocks(tmp_path, plain)
    projects = parse_notice(read_notice_file(tmp_path / "框.docx")).projects
    assert [(p.seq, p.lead_units) for p in projects] == [("1", ["区人社局"]), ("2", ["区民政局"])]


def test_a_notice_in_a_one_cell_frame_without_a_table_keeps_its_paragraphs(tmp_path):
    lines = ["某县2026年民生实事项目", "一、就业（1项）", "1.稳岗就业。新增就业 300 人。（牵头单位：县人社局）"]
    framed = DocxFile().raw(
        "<w:tbl><w:tblGrid/><w:tr><w:tc>" + "".join(map(para_xml, lines)) + "</w:tc></w:tr></w:tbl>"
    )
    assert _blocks(tmp_path, framed) == [("para", line) for line in lines]
    assert len(parse_notice(read_notice_file(tmp_path / "通知.docx")).projects) == 1
