"""Automatic numbering (Word's 编号, w:numPr) read as the numbers a person sees on the page.

A notice whose 一、 categories, 1. items or 序号 column are numbered by Word, WPS or LibreOffice holds no
digits in its text: the numbers live in numbering.xml. The reader renders them, so the items keep their 序号.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from html import escape

from msdesk.notice import parse_notice, read_notice_file
from msdesk.wordml import part
from tests._docx import DocxFile

FODT_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
    "<office:automatic-styles>"
    '<text:list-style style:name="CN"><text:list-level-style-number text:level="1"'
    ' style:num-format="一, 二, 三, ..." style:num-suffix="、"/></text:list-style>'
    '<text:list-style style:name="DOT"><text:list-level-style-number text:level="1"'
    ' style:num-format="1" style:num-suffix="."/></text:list-style>'
    '<text:list-style style:name="SEQ"><text:list-level-style-number text:level="1"'
    ' style:num-format="1"/></text:list-style>'
    "</office:automatic-styles><office:body><office:text>"
)
FODT_TAIL = "</office:text></office:body></office:document>"
CATEGORIES = [
    (
        "促进就业",
        [
            "促进重点群体稳定就业，城镇新增就业0.67万人。（牵头单位：区人力资源和社会保障局）",
            "支持毕业生求职创业，按1500元/人标准发放求职创业补贴。（牵头单位：区人力资源和社会保障局）",
            "培训家政服务人员3750人次，新增家政服务人员650人。（牵头单位：区商务局）",
        ],
    ),
    (
        "社会保障",
        [
            "新增17个城乡老年食堂（助餐点）。（牵头单位：区民政局）",
            "开展困难职工帮扶不少于14人次。（牵头单位：区总工会）",
        ],
    ),
]


def _numbered(style: str, texts: list[str], list_id: str, continues: str | None = None) -> str:
    """An ODF list; `continues` names the list whose numbering it carries on (LibreOffice's 继续编号)."""
    attrs = f' xml:id="{list_id}" text:style-name="{style}"' + (
        f' text:continue-list="{continues}"' if continues else ""
    )
    items = "".join(f"<text:list-item><text:p>{escape(t)}</text:p></text:list-item>" for t in texts)
    return f"<text:list{attrs}>{items}</text:list>"


def _plain(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>"


def _libreoffice_docx(tmp_path, body: str, name: str):
    """The document written by LibreOffice as .docx, from a flat ODF text built here."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    source = tmp_path / f"{name}.fodt"
    source.write_text(FODT_HEAD + body + FODT_TAIL, encoding="utf-8")
    out = tmp_path / "out"
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run(
        [office, profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    made = out / f"{name}.docx"
    with zipfile.ZipFile(made) as archive:
        assert b"LibreOffice" in archive.read("docProps/app.xml") and "word/numbering.xml" in archive.namelist()
    return made


def test_categories_and_items_numbered_by_the_word_processor_keep_their_numbers(tmp_path):
    """一、 categories and 1. items numbered automatically, the items' numbers running on across categories."""
    body = _plain("示范区2025年实施5项民生实事")
    for n, (name, items) in enumerate(CATEGORIES):
        body += _numbered("CN", [f"{name}（{len(items)}项）"], f"c{n}", f"c{n - 1}" if n else None)
        body += _numbered("DOT", items, f"i{n}", f"i{n - 1}" if n else None)
    text = read_notice_file(_libreoffice_docx(tmp_path, body, "通知"))
    assert "一、促进就业（3项）" in text and "二、社会保障（2项）" in text
    assert "4.新增17个城乡老年食堂（助餐点）。" in text
    plan = parse_notice(text)
    assert [p.seq for p in plan.projects] == ["1", "2", "3", "4", "5"]
    assert [c.name for c in plan.categories] == ["促进就业", "社会保障"]
    assert plan.projects[3].lead_units == ["区民政局"]


def test_a_serial_number_column_numbered_automatically(tmp_path):
    """The 序号 cells hold no text, only Word's numbering: each row keeps its number."""
    rows = [
        ("促进就业", "城镇新增就业0.67万人", "区人社局"),
        ("促进就业", "发放求职创业补贴", "区人社局"),
        ("社会保障", "新增17个老年食堂", "区民政局"),
    ]

    def cell(inner: str) -> str:
        return f"<table:table-cell>{inner}</table:table-cell>"

    table = '<table:table table:name="T"><table:table-column table:number-columns-repeated="4"/><table:table-row>'
    table += "".join(cell(_plain(h)) for h in ("序号", "类别", "项目内容", "牵头单位")) + "</table:table-row>"
    for i, row in enumerate(rows):
        seq = cell(_numbered("SEQ", [""], f"s{i}", f"s{i - 1}" if i else None))
        table += "<table:table-row>" + seq + "".join(cell(_plain(c)) for c in row) + "</table:table-row>"
    table += "</table:table>"
    text = read_notice_file(_libreoffice_docx(tmp_path, _plain("示范区2025年民生实事项目表") + table, "项目表"))
    lines = text.splitlines()
    assert "1\t促进就业\t城镇新增就业0.67万人\t区人社局" in lines
    assert "3\t社会保障\t新增17个老年食堂\t区民政局" in lines


NUMBERING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf06c"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def _numbered_para(text: str, num_id: int, level: int = 0) -> str:
    props = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    return f"<w:p>{props}<w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def test_word_numbering_levels_instances_overrides_and_bullets(tmp_path):
    """Word's shapes: a second level restarts under each first-level item; two w:num of one list carry on
    its count; a startOverride restarts at its value; bullets and numId 0 add no number; a paragraph
    style based on a numbered style (Word's 标题 with a multilevel list) numbers its paragraphs."""
    doc = DocxFile()
    doc.styles = part(
        "styles",
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
        '</w:style><w:style w:type="paragraph" w:styleId="Heading1Red"><w:basedOn w:val="Heading1"/></w:style>',
    )
    for xml in (
        _numbered_para("促进就业", 1),
        _numbered_para("新增就业", 1, 1),
        _numbered_para("发放补贴", 1, 1),
        _numbered_para("社会保障", 2),  # another instance of the same list: 二、
        _numbered_para("新增食堂", 2, 1),  # the second level restarted under 二、
        _numbered_para("教育文化", 3),  # restarted at 11
        _numbered_para("要点", 4),
        _numbered_para("不编号", 0),
        '<w:p><w:pPr><w:pStyle w:val="Heading1Red"/></w:pPr><w:r><w:t>城乡建设</w:t></w:r></w:p>',
    ):
        doc.raw(xml)
    path = doc.save(tmp_path / "通知.docx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/numbering.xml", NUMBERING)
    assert read_notice_file(path).splitlines() == [
        "一、促进就业",
        "（1）新增就业",
        "（2）发放补贴",
        "二、社会保障",
        "（1）新增食堂",
        "十一、教育文化",
        "要点",
        "不编号",
        "十二、城乡建设",
    ]


def test_a_damaged_numbering_part_leaves_the_text_readable(tmp_path):
    """numbering.xml cut short or hostile (a DTD): the notice's text is still read, without the numbers."""
    for n, broken in enumerate(('<w:numbering xmlns:w="x"><w:num', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')):
        path = DocxFile().raw(_numbered_para("促进就业", 1)).save(tmp_path / f"通知{n}.docx")
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("word/numbering.xml", broken)
        assert read_notice_file(path).splitlines() == ["促进就业"]


def test_a_hostile_start_value_gives_a_short_number(tmp_path):
    """w:start of a billion in a letter format would be a string of 38 million letters per paragraph, and a
    number text of a thousand %1 a thousand numbers."""
    hostile = NUMBERING.replace(
        '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>',
        '<w:start w:val="999999999"/><w:numFmt w:val="upperLetter"/>',
    )
    path = DocxFile().raw(_numbered_para("促进就业", 1)).save(tmp_path / "通知.docx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/numbering.xml", hostile)
    assert read_notice_file(path) == "999999999、促进就业"
    path = DocxFile().raw(_numbered_para("促进就业", 1)).save(tmp_path / "通知2.docx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/numbering.xml", NUMBERING.replace('w:val="%1、"', 'w:val="' + "%1" * 1000 + '"'))
    assert read_notice_file(path) == "一" * 20 + " 促进就业"
