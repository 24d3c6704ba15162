"""The blank 进展情况表 sent to a subordinate office or a 牵头单位.

Sheet 进展情况表: row 1 the title, row 2 填报单位/牵头单位 and 报告期 (checked on
import, so a table for another office or quarter is refused), row 3 how to fill
it in, row 4 the headers, one row per indicator from row 5. Ids, targets and the
previous period's figures are locked (the sheet is protected without a password,
so a clerk who must can still unlock it); 累计完成 and the funds accept numbers
≥ 0 only (qualitative indicators take words). A4 landscape, header repeated.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..notice.workbook import _letter, _save
from .scope import Scope, ScopeIndicator, ScopeProject

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEET = "进展情况表"
HEADER_ROW, FIRST_ROW = 4, 5
# (key, header, width); the reader recognises these headers like any hand-made table's.
COLUMNS = [
    ("seq", "序号", 6),
    ("project", "项目", 30),
    ("indicator", "指标", 22),
    ("unit", "计量单位", 8),
    ("target", "目标", 10),
    ("previous", "上期累计", 10),
    ("actual", "累计完成", 11),
    ("completion", "完成率", 9),
    ("progress_note", "进展情况", 36),
    ("problems", "存在问题", 22),
    ("next_steps", "下一步计划", 22),
    ("funds_planned", "计划投资（万元）", 13),
    ("funds_received", "到位资金（万元）", 13),
    ("funds_spent", "已支出资金（万元）", 13),
    ("id", "指标编号（勿改）", 38),
]
COL = {key: n for n, (key, _h, _w) in enumerate(COLUMNS, 1)}
FILLED = ("actual", "progress_note", "problems", "next_steps", "funds_planned", "funds_received", "funds_spent")
PROJECT_LEVEL = (
    "seq",
    "project",
    "progress_note",
    "problems",
    "next_steps",
    "funds_planned",
    "funds_received",
    "funds_spent",
)
HELP = (
    "填写说明：只在白色单元格中填写。“累计完成”填年初至本期末的累计数（只填数字；定性指标填文字，如“已完成”），"
    "不得小于“上期累计”；资金单位为万元。灰色列和表头请勿修改，不要增删列。填好后交回，由上级单位导入。"
)
SIGNOFF = "负责人：　　　　　　填报人：　　　　　　联系电话：　　　　　　填报日期：　　　年　　月　　日"


def title(scope: Scope) -> str:
    p = scope.period
    name = f"第{p.number}季度" if p.kind == "quarter" else f"{p.number}月"
    return f"{scope.name}{p.year}年民生实事{name}进展情况表"


def write_template(scope: Scope, path: str | Path) -> Path:
    """Write the blank table for the scope; returns the path (.xlsx added when missing)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = SHEET
    st = _styles()
    _heading(ws, scope, st)
    numeric_cells: list[str] = []
    r = FIRST_ROW
    for project in scope.projects:
        rows: list[ScopeIndicator | None] = list(project.indicators) or [None]
        for n, ind in enumerate(rows):
            _indicator_row(ws, r, project, ind, n == 0, st)
            ws.row_dimensions[r].height = _height(ind.indicator["name"] if ind else "", "indicator")
            if ind is not None and ind.indicator.get("kind") == "number":
                numeric_cells.append(f"{_letter(COL['actual'])}{r}")
            r += 1
        _fit_project(ws, r - len(rows), r - 1, project_text(project))
        if len(rows) > 1:
            for key in PROJECT_LEVEL:
                ws.merge_cells(start_row=r - len(rows), start_column=COL[key], end_row=r - 1, end_column=COL[key])
    ws.cell(r + 1, 1, SIGNOFF)
    ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=len(COLUMNS) - 1)
    _validation(ws, numeric_cells, r - 1)
    _page_setup(ws, r - 1)
    return _save(wb, Path(path))


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="000000")
    return dict(
        title=Font(name="黑体", size=16, bold=True),
        bold=Font(name="黑体", size=10, bold=True),
        body=Font(name="仿宋", size=10),
        grey=PatternFill("solid", fgColor="E7E6E6"),
        head=PatternFill("solid", fgColor="DDEBF7"),
        box=Border(left=thin, right=thin, top=thin, bottom=thin),
        wrap=Alignment(wrap_text=True, vertical="center"),
        center=Alignment(horizontal="center", vertical="center", wrap_text=True),
        open=Protection(locked=False),
        shut=Protection(locked=True),
    )


def _heading(ws: Worksheet, scope: Scope, st: dict[str, Any]) -> None:
    last = len(COLUMNS) - 1  # the id column is hidden
    ws.cell(1, 1, title(scope)).font = st["title"]
    ws.cell(1, 1).alignment = st["center"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.row_dimensions[1].height = 30
    ws.cell(2, 1, f"{scope.kind_label}：{scope.name}").font = st["bold"]
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=4)
    doc = f"（{scope.plan['doc_number']}）" if scope.plan.get("doc_number") else ""
    ws.cell(
        2,
        5,
        f"报告期：{scope.period.label}　　序时进度：{scope.period.expected * 100:.1f}%　　"
        f"计划：{scope.plan['title']}{doc}",
    ).font = st["bold"]
    ws.merge_cells(start_row=2, start_column=5, end_row=2, end_column=last)
    ws.cell(3, 1, HELP).font = st["body"]
    ws.cell(3, 1).alignment = st["wrap"]
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=last)
    ws.row_dimensions[3].height = 30
    for key, header, width in COLUMNS:
        cell = ws.cell(HEADER_ROW, COL[key], header)
        cell.font, cell.fill, cell.alignment, cell.border = st["bold"], st["head"], st["center"], st["box"]
        ws.column_dimensions[_letter(COL[key])].width = width
    ws.row_dimensions[HEADER_ROW].height = 30


ONGOING_LINE = "\n（常态化开展：照常填报，不计算序时进度）"


def project_text(project: ScopeProject) -> str:
    """The project cell: its name, and for a standing (常态化开展) project a line saying it is not
    scored. The reader still finds it by 序号 (and the name, which the cell still holds)."""
    return project.label + (ONGOING_LINE if project.project.get("ongoing") else "")


def _indicator_row(
    ws: Worksheet, r: int, project: ScopeProject, ind: ScopeIndicator | None, first: bool, st: dict[str, Any]
) -> None:
    values = {"seq": project.project["seq"], "project": project_text(project)}
    if first:
        report = project.report or {}
        values.update({k: report.get(k) for k in FILLED if k != "actual"})
    if ind is None:
        values.update(indicator="—", target="—")
    else:
        i = ind.indicator
        values.update(indicator=i["name"], unit=i.get("unit") or "", id=i["id"], previous=ind.previous)
        values["target"] = ind.target if ind.target is not None else (ind.target_text or "—")
        if ind.actual is not None:
            values["actual"] = ind.actual
        elif ind.actual_text:
            values["actual"] = ind.actual_text
        if ind.numeric and (i.get("comparator") or ">=") != "<=" and i.get("baseline") is None:
            a, t = _letter(COL["actual"]), _letter(COL["target"])
            values["completion"] = f'=IF(OR({a}{r}="",NOT(ISNUMBER({a}{r}))),"",{a}{r}/{t}{r})'
    for key, _h, _w in COLUMNS:
        value = values.get(key)
        cell = ws.cell(r, COL[key])
        if isinstance(value, str) and not (key == "completion" and value.startswith("=")):
            cell.value = value
            cell.data_type = "s"  # a project text starting with "=" stays text
        elif value is not None:
            cell.value = value
        cell.font, cell.border = st["body"], st["box"]
        cell.alignment = st["center"] if key in ("seq", "unit") else st["wrap"]
        if key in FILLED:
            cell.protection = st["open"]
        else:
            cell.protection = st["shut"]
            cell.fill = st["grey"]
        if key == "completion":
            cell.number_format = "0.0%"
        elif key in ("target", "previous", "actual") and isinstance(value, float):
            cell.number_format = "0.####" if not float(value).is_integer() else "0"


LINE_PT = 13.5  # one wrapped line of 10 pt text


def _height(text: str, key: str) -> float:
    from ..export.xlsx import text_lines

    width = dict((k, w) for k, _h, w in COLUMNS)[key]
    return max(22.0, text_lines(text, width, 10) * LINE_PT + 6)


def _fit_project(ws: Worksheet, first: int, last: int, label: str) -> None:
    """The project's text (merged over its rows) must fit: the first row takes what is missing."""
    need = _height(label, "project")
    have = sum(ws.row_dimensions[r].height for r in range(first, last + 1))
    if need > have:
        ws.row_dimensions[first].height += need - have


def _validation(ws: Worksheet, numeric_cells: list[str], last_row: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="请填写数字",
        error="请填写大于或等于 0 的数字。",
    )
    dv.promptTitle, dv.prompt, dv.showInputMessage = "累计完成", "年初至本期末的累计数（数字，≥0）", True
    for ref in numeric_cells:
        dv.add(ref)
    money = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="请填写数字",
        error="资金请填写大于或等于 0 的数字（万元）。",
    )
    if last_row >= FIRST_ROW:
        money.add(f"{_letter(COL['funds_planned'])}{FIRST_ROW}:{_letter(COL['funds_spent'])}{last_row}")
    for item in (dv, money):
        if item.sqref:
            ws.add_data_validation(item)


def _page_setup(ws: Worksheet, last_row: int) -> None:
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.column_dimensions[_letter(COL["id"])].hidden = True
    ws.freeze_panes = f"{_letter(COL['indicator'])}{FIRST_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{_letter(len(COLUMNS) - 1)}{last_row + 1}"
    # types-openpyxl marks the footer optional; a new sheet always has it
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"  # type: ignore[union-attr]
    # Locked: ids, targets, previous figures. No password: a clerk who must can unlock it.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
