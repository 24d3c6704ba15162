"""Official tables: export the fixture plan, read the files back as a clerk's printer would see them."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from pypdf import PdfReader

from msdesk import progress, status
from msdesk.errors import ValidationError
from msdesk.export import export_tables, fonts
from msdesk.paths import resource_path
from msdesk.store import create_store, open_store
from tests._export_fixtures import INJECTION, LONG_NOTE, build_plan

FOOTER = "证书指纹：AB12 CD34 EF56 7890"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The fixture plan exported once for 2023Q3 (all tables, both formats)."""
    base = tmp_path_factory.mktemp("export")
    store = create_store(base / "台账.msdesk", actor="测试员")
    ids = build_plan(store)
    calls = []
    files = export_tables(
        store,
        ids["plan"],
        "2023Q3",
        base / "out",
        footer_note=FOOTER,
        progress_cb=lambda done, total: calls.append((done, total)),
    )
    yield dict(store=store, ids=ids, files=files, calls=calls, base=base)
    store.close()


@pytest.fixture(scope="module")
def book(exported):
    return openpyxl.load_workbook(next(f for f in exported["files"] if f.suffix == ".xlsx"))


@pytest.fixture(scope="module")
def pdf_pages(exported):
    reader = PdfReader(next(f for f in exported["files"] if f.suffix == ".pdf"))
    return [page.extract_text() for page in reader.pages]


def sheet_rows(ws):
    return [[c for c in row] for row in ws.iter_rows()]


def find_row(ws, column_label: str, text: str):
    """The cells of the first row whose column `column_label` holds `text`."""
    header = header_row(ws)
    col = header.index(column_label)
    for row in ws.iter_rows():
        if row[col].value == text:
            return {label: cell for label, cell in zip(header, row) if label}
    raise AssertionError(f"no row with {column_label}={text}")


def header_row(ws) -> list:
    """Column labels; a two-row header (资金情况 over 计划投资…) gives the lower labels."""
    rows = list(ws.iter_rows(values_only=True))
    for n, row in enumerate(rows):
        if row[0] == "序号":
            below = rows[n + 1]
            if below[0] is None:  # merged 序号 cell: the header has a second row
                return [b if b is not None else a for a, b in zip(row, below)]
            return list(row)
    raise AssertionError("no header row")


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- files and progress --------------------------------------------------------------


def test_one_workbook_and_one_pdf_named_for_office_and_period(exported):
    names = [f.name for f in exported["files"]]
    assert names == ["烈山区_2023年第3季度_民生实事报表.xlsx", "烈山区_2023年第3季度_民生实事报表.pdf"]
    assert all(f.stat().st_size > 0 for f in exported["files"])
    assert not [p for p in (exported["base"] / "out").iterdir() if p.name.startswith(".导出中")]


def test_progress_callback_counts_up_to_total(exported):
    calls = exported["calls"]
    assert calls[0] == (0, 6) and calls[-1] == (6, 6)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


# -- Excel ----------------------------------------------------------------------


def test_one_sheet_per_table_with_title_header_and_signoff_blocks(book):
    assert book.sheetnames == ["项目清单", "目标任务分解表", "第3季度进展情况表"]
    titles = [
        "烈山区2023年民生实事项目清单",
        "烈山区2023年民生实事目标任务分解表",
        "烈山区2023年民生实事第3季度进展情况表",
    ]
    for ws, title in zip(book.worksheets, titles):
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        assert ws["A1"].value == title
        assert any("报告期：2023年第3季度" in t for t in texts)
        assert "填报单位（盖章）：烈山区" in texts
        assert "填报日期：2023年10月8日" in texts
        signoff = [t for t in texts if t.startswith("负责人")]
        assert len(signoff) == 1
        assert "负责人：张明" in signoff[0] and "填报人：李芳" in signoff[0] and "联系电话：0561-3012345" in signoff[0]


def test_project_list_shows_every_project_and_no_task_items(book):
    ws = book["项目清单"]
    assert header_row(ws) == ["序号", "类别", "项目名称", "实施内容", "牵头单位", "推进措施", "备注"]
    seqs = [row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert seqs == [1, 3, 6, 7, 12, 14, 40, 45]
    no_task = find_row(ws, "序号", 40)
    assert no_task["备注"].value == "烈山区无任务" and no_task["牵头单位"].value == "—"
    assert find_row(ws, "序号", 12)["备注"].value == "属市级任务"
    six = find_row(ws, "序号", 6)
    assert six["牵头单位"].value == "区总工会、区民政局" and six["类别"].value == "困难群体救助"
    seven = find_row(ws, "序号", 7)["推进措施"].value
    assert seven.startswith("1.为120名") and "\n2.为430名" in seven


def test_progress_figures_are_numbers_with_formats(book, exported):
    ws = book["第3季度进展情况表"]
    row = find_row(ws, "指标", "残疾人康复救助")
    assert row["累计完成"].value == 420 and row["累计完成"].data_type == "n"
    assert row["年度目标"].value == 559 and row["年度目标"].number_format == '"≥"0'
    assert row["完成率"].value == pytest.approx(420 / 559) and row["完成率"].number_format == "0.0%"
    assert row["序时进度"].value == pytest.approx(0.75) and row["序时进度"].number_format == "0.0%"
    assert row["计划投资"].value == 120.5 and row["计划投资"].number_format == "0.00"
    employment = find_row(ws, "指标", "城镇新增就业")
    assert employment["年度目标"].value == 0.67 and employment["年度目标"].number_format == '"≥"0.00'
    assert employment["计量单位"].value == "万人"


def test_status_is_the_core_assessment_with_level_in_words(book, exported):
    ws = book["第3季度进展情况表"]
    store, ids = exported["store"], exported["ids"]
    for name in ("残疾人康复救助", "省级“三公里”充分就业社区", "法律援助案件", "刑事法律援助案件", "培训家政服务人员"):
        ind = store.get("indicators", ids["indicators"][name])
        a = status.assess_indicator(ind, progress.progress_row(store, ind["id"], "2023Q3"), 0.75)
        expected = a.status if a.level == status.NONE else f"{a.status}（{a.level_label}）"
        assert find_row(ws, "指标", name)["状态"].value == expected
    assert find_row(ws, "指标", "省级“三公里”充分就业社区")["状态"].value == "滞后（红灯）"
    assert find_row(ws, "指标", "法律援助案件")["状态"].value == "滞后（黄灯）"
    assert find_row(ws, "序号", 40)["状态"].value == "无任务"


def test_progress_total_row_sums_funds(book):
    ws = book["第3季度进展情况表"]
    total = find_row(ws, "项目", "合计")
    assert total["计划投资"].value == pytest.approx(120.5 * 8)
    assert total["到位资金"].value == pytest.approx(90 * 8)
    assert total["已支出资金"].value == pytest.approx(60.75 * 8)


def test_breakdown_per_office_with_totals(book):
    ws = book["目标任务分解表"]
    header = header_row(ws)
    assert header[:5] == ["序号", "项目", "指标", "计量单位", "目标任务"]
    assert header[5:] == ["古饶镇", "宋疃镇", "合计", "备注"]
    row = find_row(ws, "指标", "残疾人康复救助")
    assert (row["宋疃镇"].value, row["古饶镇"].value, row["合计"].value) == (300, 259, 559)
    assert row["备注"].value in (None, "")
    short = find_row(ws, "指标", "新增家政服务人员")
    assert short["合计"].value == 630 and short["备注"].value == "分解合计少于目标 20"
    assert find_row(ws, "指标", "城镇新增就业")["合计"].value in (None, "")


def test_sheets_print_on_a4_landscape_fit_to_width_with_repeated_header(book):
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert int(ws.page_setup.fitToHeight) == 0
        assert int(ws.page_setup.firstPageNumber) == 1 and ws.page_setup.useFirstPageNumber
        first, last = (int(n) for n in re.findall(r"\d+", ws.print_title_rows))
        assert ws.cell(first, 1).value == "序号"
        assert ws.freeze_panes == f"A{last + 1}"
        assert ws.oddFooter.right.text == "第 &P 页 共 &N 页" and ws.oddFooter.left.text == FOOTER
        assert all(ws.column_dimensions[c].width > 3 for c in "ABCDE")


def test_user_text_starting_with_formula_characters_stays_text(book, exported):
    ws = book["第3季度进展情况表"]
    problems = find_row(ws, "序号", 7)["存在问题"]
    assert problems.value == INJECTION and problems.data_type == "s"
    assert find_row(ws, "序号", 45)["下一步计划"].value == "+加快改造进度"
    assert find_row(ws, "序号", 3)["存在问题"].value == "-2 人次待补录"
    assert find_row(book["项目清单"], "序号", 14)["备注"].value == "@区法院 配合"
    xlsx = next(f for f in exported["files"] if f.suffix == ".xlsx")
    with zipfile.ZipFile(xlsx) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        styles = z.read("xl/styles.xml").decode()
    assert all("<f>" not in s and "<f " not in s for s in sheets)
    assert 'quotePrefix="1"' in styles


def test_long_narrative_is_continued_below_not_cut(book):
    ws = book["第3季度进展情况表"]
    col = header_row(ws).index("进展情况")
    start = find_row(ws, "序号", 7)["进展情况"].row
    pieces = []
    for r in range(start, ws.max_row + 1):
        if r > start and ws.cell(r, 1).value not in (None, ""):
            break
        pieces.append(ws.cell(r, col + 1).value or "")
    assert len(pieces) > 1
    assert "".join(pieces).startswith(LONG_NOTE)
    assert all((ws.row_dimensions[r].height or 0) <= 409 for r in range(start, start + len(pieces)))


# -- PDF ------------------------------------------------------------------------


def sections(pages):
    """Pages grouped by the table title printed on their first page."""
    out = []
    for text in pages:
        if "民生实事" in text.split("\n")[0] or re.search(r"烈山区2023年民生实事\S+(清单|分解表|进展情况表)", text):
            out.append([text])
        else:
            out[-1].append(text)
    return out


def test_pdf_numbers_pages_per_table_and_repeats_headers(pdf_pages):
    groups = sections(pdf_pages)
    assert len(groups) == 3
    assert sum(len(g) for g in groups) == len(pdf_pages)
    assert len(groups[2]) >= 3  # the long 进展情况 runs over pages
    for group, columns in zip(groups, (("实施内容", "推进措施"), ("目标任务", "古饶镇"), ("进展情况", "序时进度"))):
        for n, text in enumerate(group, 1):
            assert f"第 {n} 页 共 {len(group)} 页" in text
            assert FOOTER in text
            assert all(c in flat(text) for c in columns)  # header repeated on every page
        assert "负责人：张明" in flat(group[-1]) and "联系电话：0561-3012345" in flat(group[-1])
        assert "填报单位（盖章）：烈山区" in flat(group[0])


def test_pdf_figures_and_status(pdf_pages):
    text = flat("".join(pdf_pages))
    assert "≥559" in text and "75.1%" in text and "滞后（红灯）" in text and "滞后（黄灯）" in text
    assert "964.00" in text  # funds total
    assert "分解合计少于目标20" in text
    assert "烈山区无任务" in text and "属市级任务" in text


def test_pdf_long_narrative_is_not_lost(pdf_pages):
    text = flat("".join(pdf_pages))
    assert "本段结尾标记：进展文字完整。" in text
    # every repetition of the narrative's sentence survives the page breaks
    assert text.count("经专家评估符合救助条件") + text.count("经专家评估符合救助条") >= 14
    assert flat(INJECTION) in text


def test_pdf_fonts_are_embedded(exported):
    pdf = next(f for f in exported["files"] if f.suffix == ".pdf")
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts_lines = out.strip().splitlines()[2:]
    assert fonts_lines
    for line in fonts_lines:
        emb = line.split()[-5]
        assert emb == "yes", line


# -- choices and filters -------------------------------------------------------------


@pytest.fixture
def plan(store):
    return build_plan(store)


def test_filtered_export_states_the_filter_and_keeps_only_matching_projects(store, plan, tmp_path):
    files = export_tables(store, plan["plan"], "2023Q3", tmp_path, category="困难群体救助", lead_unit="区残联")
    assert [f.name for f in files] == [
        "烈山区_2023年第3季度_民生实事报表_困难群体救助_区残联.xlsx",
        "烈山区_2023年第3季度_民生实事报表_困难群体救助_区残联.pdf",
    ]
    wb = openpyxl.load_workbook(files[0])
    for ws in wb.worksheets:
        notes = [ws.cell(r, 1).value for r in range(2, 4)]
        assert any("筛选条件：类别：困难群体救助；牵头单位：区残联（共 1 项）" in (n or "") for n in notes)
        seqs = {row[0] for row in ws.iter_rows(values_only=True) if isinstance(row[0], int)}
        assert seqs == {7}
    text = flat("".join(p.extract_text() for p in PdfReader(files[1]).pages))
    assert "筛选条件：类别：困难群体救助；牵头单位：区残联（共1项）" in text
    assert "区商务局" not in text


def test_unknown_filter_is_refused_and_nothing_is_written(store, plan, tmp_path):
    with pytest.raises(ValidationError, match="没有牵头单位为“区教育局”"):
        export_tables(store, plan["plan"], "2023Q3", tmp_path / "out", lead_unit="区教育局")
    with pytest.raises(ValidationError, match="没有名为“教育惠民”的类别"):
        export_tables(store, plan["plan"], "2023Q3", tmp_path / "out", category="教育惠民")
    with pytest.raises(ValidationError, match="格式"):
        export_tables(store, plan["plan"], "2023Q3", tmp_path / "out", formats=("docx",))
    with pytest.raises(ValidationError, match="报表"):
        export_tables(store, plan["plan"], "2023Q3", tmp_path / "out", tables=("summary",))
    assert not (tmp_path / "out").exists()


def test_single_table_earlier_quarter(store, plan, tmp_path):
    files = export_tables(store, plan["plan"], "2023Q1", tmp_path, tables=["progress"], formats=["xlsx"])
    assert [f.name for f in files] == ["烈山区_2023年第1季度_进展情况表.xlsx"]
    ws = openpyxl.load_workbook(files[0])["第1季度进展情况表"]
    assert ws["A1"].value == "烈山区2023年民生实事第1季度进展情况表"
    row = find_row(ws, "指标", "残疾人康复救助")
    assert row["累计完成"].value == 120 and row["序时进度"].value == pytest.approx(0.25)


def test_markup_characters_in_user_text_print_literally(store, plan, tmp_path):
    with store.transaction():
        progress.set_report_field(store, plan["projects"]["14"], "2023Q3", "problems", "案件<b>多</b> & 人手少")
    files = export_tables(store, plan["plan"], "2023Q3", tmp_path, tables=["progress"], formats=["pdf"])
    text = "".join(p.extract_text() for p in PdfReader(files[0]).pages)
    assert "案件<b>多</b>&人手少" in flat(text)


def test_wide_breakdown_continues_in_a_second_column_group(store, plan, tmp_path):
    from msdesk import offices, plans

    names = [f"第{n}街道" for n in range(1, 11)]
    with store.transaction():
        for name in names:
            oid = offices.add_office(store, name, "township", parent_id=plan["office"])
            plans.set_breakdown(store, plan["indicators"]["残疾人康复救助"], oid, target=10)
    files = export_tables(store, plan["plan"], "2023Q3", tmp_path, tables=["breakdown"])
    text = flat("".join(p.extract_text() for p in PdfReader(files[1]).pages))
    assert all(name in text for name in names) and text.count("目标任务") >= 2
    header = header_row(openpyxl.load_workbook(files[0])["目标任务分解表"])
    assert len(header) == 5 + 12 + 2 and header[-2] == "合计"


# -- fonts --------------------------------------------------------------------


def test_system_fangsong_is_preferred_when_present(tmp_path):
    shutil.copy(resource_path("fonts", "gbsn00lp.ttf"), tmp_path / "simfang.ttf")
    try:
        chosen = fonts.register_fonts(dirs=[tmp_path])
        assert chosen.body_label == "仿宋" and chosen.body_path == tmp_path / "simfang.ttf"
        assert chosen.title_path == resource_path("fonts", "wqy-microhei.ttc")  # no 黑体 here: bundled sans
        empty = tmp_path / "none"
        empty.mkdir()
        assert fonts.register_fonts(dirs=[empty]).body_path == resource_path("fonts", "gbsn00lp.ttf")
    finally:
        fonts.register_fonts(dirs=fonts.font_dirs())


def test_every_row_of_a_many_page_table_is_printed(store, tmp_path):
    """Page after page, no project may go missing between the row planner and the printed table."""
    from tests._export_fixtures import build_scaled

    plan = build_scaled(store, 60)
    files = export_tables(store, plan, "2023Q3", tmp_path, formats=["pdf"])
    groups = sections([p.extract_text() for p in PdfReader(files[0]).pages])
    assert len(groups) == 3
    for group in groups:
        assert len(group) > 2
        text = flat("".join(group))
        missing = [n for n in range(1, 61) if f"社区服务提升{n}" not in text]
        assert missing == []


def test_characters_missing_from_the_song_face_are_set_in_the_fallback_face(store, plan, tmp_path):
    from msdesk import offices

    fonts.register_fonts()
    assert not fonts.body_covers("王喆") and fonts.body_covers("王明")
    assert fonts.with_fallback("负责人：王喆") == f'负责人：王<font name="{fonts.TITLE_FONT}">喆</font>'
    with store.transaction():
        offices.set_self_office(store, "烈山区", "district", head="王喆")
        progress.set_report_field(store, plan["projects"]["14"], "2023Q3", "progress_note", "堃喆路改造完成")
    files = export_tables(store, plan["plan"], "2023Q3", tmp_path, tables=["progress"], formats=["pdf"])
    reader = PdfReader(files[0])
    text = flat("".join(p.extract_text() for p in reader.pages))
    assert "负责人：王喆" in text and "堃喆路改造完成" in text


def test_export_for_a_subordinate_office_uses_its_figures_and_name(store, plan, tmp_path):
    town = plan["towns"][0]
    with store.transaction():
        progress.set_actual(store, plan["indicators"]["残疾人康复救助"], "2023Q3", 210, office_id=town)
        progress.set_signoff(store, "2023Q3", office_id=town, head="赵镇长", report_date="2023-10-06")
    files = export_tables(
        store, plan["plan"], "2023Q3", tmp_path, tables=["progress"], formats=["xlsx"], office_id=town
    )
    assert files[0].name == "宋疃镇_2023年第3季度_进展情况表.xlsx"
    ws = openpyxl.load_workbook(files[0]).active
    assert ws["A1"].value == "宋疃镇2023年民生实事第3季度进展情况表"
    assert find_row(ws, "指标", "残疾人康复救助")["累计完成"].value == 210
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "填报单位（盖章）：宋疃镇" in texts and any("负责人：赵镇长" in t for t in texts)


def test_a_notice_without_project_names_gets_no_blank_name_column(tmp_path):
    """The 烈山区 notice gives only 实施内容: its space goes to the content instead of an empty column."""
    from msdesk.demo import create_demo
    from msdesk.periods import parse_period

    store = open_store(create_demo(tmp_path / "示例.msdesk"))
    plan_id = store.query("SELECT id FROM plans")[0]["id"]
    [xlsx, pdf] = export_tables(store, plan_id, parse_period("2023Q3"), tmp_path / "out", tables=("projects",))
    ws = openpyxl.load_workbook(xlsx)["项目清单"]
    assert header_row(ws) == ["序号", "类别", "实施内容", "牵头单位", "推进措施", "备注"]
    content = find_row(ws, "序号", 7)["实施内容"]
    assert content.value == "实施困难残疾人康复工程，为 559 名残疾人提供康复救助。"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["E"].width * 0.9  # 实施内容 ≈ 推进措施 wide
    text = PdfReader(str(pdf)).pages[0].extract_text()
    assert "实施内容" in text and "项目名称" not in text


def test_a_projects_indicator_rows_read_as_one_block_including_its_number(book):
    """序号 and 项目 of a project with several indicators read as one merged cell: no rule above
    the second indicator's row in either column (the 序号 column had one, so the blank under
    the number looked like a project without a number)."""
    for sheet, label in (
        ("目标任务分解表", "省级“三公里”充分就业社区"),
        ("第3季度进展情况表", "省级“三公里”充分就业社区"),
    ):
        ws = book[sheet]
        header = header_row(ws)
        row = find_row(ws, "指标", label)
        assert row["序号"].value in (None, "") and row["项目"].value in (None, "")
        assert row["序号"].border.top.style is None, sheet
        assert row["项目"].border.top.style is None, sheet
        assert row["指标"].border.top.style is not None, sheet
        assert header.index("序号") == 0


@pytest.mark.parametrize(
    "text",
    [
        "促进重点群体稳定就业，城镇新增就业 0.67 万人；力争 7 个城市社区达到省级“三公里”充分就业社区标准。",
        "农村低保标准年均增幅不低于 4.5%，城市低保标准年均增幅不低于 7%，每年调整一次或适时调整，特困人员基本"
        "生活保障标准不低于当地最低生活保障标准的 1.3 倍。提高城乡居民医保政府补助标准。",
        "开展“送温暖”活动（含《困难职工帮扶办法》宣传）：慰问困难职工、农民工！是否全覆盖？已覆盖。",
        "救助罕见病患者𠀋𠀋，开展“送温暖”活动。",  # a character outside the Song face: fallback runs (several frags)
    ],
)
def test_pdf_cells_break_chinese_lines_by_the_punctuation_rules(text):
    """No line of a wrapped cell starts with ，；：。、！？”）》 or ends with “（《, and no
    punctuation hangs past the cell's edge into the border (reportlab hung 。、 and let ，；” start lines)."""
    from msdesk.export import pdf
    from msdesk.export.fonts import register_fonts

    register_fonts()
    style = pdf._Styles().cell(8.5, "left")
    for width in range(40, 240, 4):
        p = pdf.para(text, style)
        p.wrap(width, 1e6)
        lines = p.blPara.lines
        if p.blPara.kind == 0:
            texts, used = ["".join(words) for _, words in lines], [width - extra for extra, _ in lines]
        else:
            texts, used = ["".join(f.text for f in line.words) for line in lines], [line.currentWidth for line in lines]
        assert "".join(texts).replace(" ", "") == text.replace(" ", ""), width
        assert not [t for t in texts[1:] if t[:1] in "，；：。、！？”）》%"], (width, texts)
        assert not [t for t in texts[:-1] if t[-1:] in "“（《"], (width, texts)
        assert max(used) <= width + 0.01, (width, texts)
        if width >= 60:  # a number is never cut in two where a space before it allows a break
            for number in re.findall(r"(?<= )[0-9][0-9.%]*", text):
                assert any(number in t for t in texts), (width, number, texts)


@pytest.mark.parametrize("status_text", ["未启动（红灯）", "滞后（黄灯）", "序时推进（绿灯）"])
def test_pdf_status_breaks_before_its_bracket(status_text):
    """状态 in its narrow column: 未启动 / （红灯） on two lines, never 未启动（红 / 灯）."""
    from msdesk.export import pdf
    from msdesk.export.fonts import register_fonts

    register_fonts()
    style = pdf._Styles().cell(8.5, "center")
    cell = pdf.cell_value(status_text, style, 40)
    lines = cell[0].breakLines([40]).lines
    texts = ["".join(f.text for f in line.words) for line in lines]
    head = status_text.split("（")[0]
    assert texts == [head, status_text[len(head) :]]


def test_the_signoff_block_never_stands_alone_on_a_page(tmp_path):
    """When the last rows fill a page exactly, the last row moves over with the sign-off
    (负责人/填报人/联系电话) instead of the sign-off printing alone on a page without the table
    (the demo's 目标任务分解表 did that once the Chinese line breaking changed a row's height)."""
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from msdesk.export import pdf
    from msdesk.export.fonts import register_fonts
    from msdesk.export.paging import GridSpec, PagedGrid

    register_fonts()
    st = pdf._Styles()
    widths = [60, 300]
    head = [["序号", "项目"]]
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), pdf.BODY_FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("LEADING", (0, 0), (-1, -1), 12),
    ]
    alone = []
    for n in range(20, 64):  # some n ends the rows right at a page bottom
        body = [[str(k), f"第{k}行"] for k in range(1, n + 1)]
        spec = GridSpec(head, cmds, widths, [False, False], body, [False] * n, 12)
        signoff = pdf.para("负责人：张明　　填报人：李干事　　联系电话：0561-3012345", st.note)
        spec.trailer = 3 * pdf.mm + signoff.wrap(pdf.FRAME_WIDTH, 1e6)[1] + 1
        out = tmp_path / f"{n}.pdf"
        SimpleDocTemplate(str(out), pagesize=pdf.PAGE, topMargin=pdf.MARGIN_TOP, bottomMargin=pdf.MARGIN_BOTTOM).build(
            [PagedGrid(spec, 0, []), Spacer(1, 3 * pdf.mm), signoff]
        )
        pages = [p.extract_text() for p in PdfReader(out).pages]
        assert "第1行" in pages[0] and f"第{n}行" in flat("".join(pages))
        if "第" not in pages[-1].replace("负责人", ""):
            alone.append(n)
        assert "负责人" in pages[-1]
    assert alone == []


# -- 完成时限 ---------------------------------------------------------------------------


def _add_deadlines(store, plan):
    from msdesk import plans

    with store.transaction():
        plans.update_project(store, plan["projects"]["7"], deadline="12月底前")
        plans.update_project(store, plan["projects"]["45"], deadline="9月投入使用")
        first = plans.indicators(store, plan["projects"]["3"])[0]
        plans.update_indicator(store, first["id"], deadline="6月30日前")


def test_project_list_has_a_deadline_column_only_when_a_project_has_one(store, plan, tmp_path):
    plain = export_tables(store, plan["plan"], "2023Q3", tmp_path / "a", tables=["projects"], formats=["xlsx"])
    assert "完成时限" not in header_row(openpyxl.load_workbook(plain[0])["项目清单"])
    _add_deadlines(store, plan)
    files = export_tables(store, plan["plan"], "2023Q3", tmp_path / "b", tables=["projects"])
    ws = openpyxl.load_workbook(next(f for f in files if f.suffix == ".xlsx"))["项目清单"]
    assert header_row(ws) == ["序号", "类别", "项目名称", "实施内容", "牵头单位", "推进措施", "完成时限", "备注"]
    assert find_row(ws, "序号", 7)["完成时限"].value == "12月底前"
    assert find_row(ws, "序号", 45)["完成时限"].value == "9月投入使用"
    assert find_row(ws, "序号", 3)["完成时限"].value.endswith("：6月30日前")  # a sub-task's own deadline
    assert find_row(ws, "序号", 1)["完成时限"].value is None
    assert find_row(ws, "序号", 40)["备注"].value == "烈山区无任务"
    text = flat("".join(p.extract_text() for p in PdfReader(next(f for f in files if f.suffix == ".pdf")).pages))
    assert "完成时限" in text and "12月底前" in text and "9月投入使用" in text


def test_progress_table_measures_dated_projects_against_their_deadline(store, plan, tmp_path):
    _add_deadlines(store, plan)
    files = export_tables(store, plan["plan"], "2023Q2", tmp_path, tables=["progress"], formats=["xlsx"])
    ws = openpyxl.load_workbook(files[0])["第2季度进展情况表"]
    assert any("按完成时限计" in str(c.value) for row in ws.iter_rows() for c in row if c.value)
    due_june = find_row(ws, "指标", plans_first_indicator(store, plan["projects"]["3"]))
    assert due_june["序时进度"].value == pytest.approx(1.0)  # due 6月30日: all of it expected at Q2
    assert find_row(ws, "指标", "残疾人康复救助")["序时进度"].value == pytest.approx(0.5)


def plans_first_indicator(store, project_id) -> str:
    from msdesk import plans

    return plans.indicators(store, project_id)[0]["name"]
