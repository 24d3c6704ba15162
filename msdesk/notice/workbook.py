"""The project-list workbook: msdesk writes it (or a blank template), another office
fills it, msdesk reads it back.

Layout of sheet 项目清单: row 1 the title, row 2 年度 / 发文单位 / 文号, row 3 the
headers, data from row 4. One row per indicator: a project with three indicators
takes three rows; the rows after the first repeat its 序号 or leave it empty.
序号 are unique within a category (a second list may start again at 1); a row whose
类别 differs from the project above starts a new project. Columns are found by their
header, so a workbook filled in an older template (without 完成时限, 备注) still reads.
Reading checks every cell and reports each bad one as "第5行 I列（目标值）：'abc'
不是数字"; a workbook with any bad cell imports nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import plans
from ..errors import FileAccessError, MsdeskError, os_reason
from ..progress import MAX_FIGURE
from ..unit_names import split_units as _units
from ..xlsx_cell import Value, write_cell
from .deadlines import mark_standing
from .model import TASK_LEVEL_LABELS, ParsedCategory, ParsedIndicator, ParsedMeasure, ParsedPlan, ParsedProject
from .numbers import normalise_width, seq_key

if TYPE_CHECKING:  # openpyxl is loaded when a workbook is written or read, not with this module
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ..store import Store

SHEET = "项目清单"
HEADER_ROW, FIRST_ROW = 3, 4
COLUMNS = [  # (key, header, width)
    ("seq", "序号", 8),
    ("category", "类别", 16),
    ("name", "项目名称", 20),
    ("content", "实施内容", 50),
    ("lead_units", "牵头单位", 22),
    ("partner_units", "配合单位", 18),
    ("task_level", "任务级别", 10),
    ("ind_name", "指标名称", 24),
    ("target", "目标值", 10),
    ("unit", "计量单位", 9),
    ("comparator", "比较方式", 9),
    ("baseline", "基数", 9),
    ("target_text", "定性目标", 14),
    ("measures", "推进措施", 50),
    ("deadline", "完成时限", 14),
    ("ind_deadline", "指标完成时限", 14),
    ("remarks", "备注", 20),
    ("ongoing", "常态化开展", 11),
]
# Added after the first templates went out: a workbook filled in an older template has no such columns.
OPTIONAL = ("deadline", "ind_deadline", "remarks", "ongoing")
ONGOING_YES, ONGOING_NO = "是", "否"
COL = {key: i + 1 for i, (key, _h, _w) in enumerate(COLUMNS)}
HEADERS = {key: header for key, header, _w in COLUMNS}
LEVEL_BY_LABEL = {label: key for key, label in TASK_LEVEL_LABELS.items()}
LEVEL_BY_LABEL.update(
    {
        "本级": "local",
        "区级任务": "local",
        "市级": "city",
        "属市级任务": "city",
        "省级": "province",
        "属省级任务": "province",
        "": "local",
    }
)
COMPARATOR_WORDS = {">=": "不少于", "<=": "不超过", "=": "达到", "~": "左右"}
COMPARATOR_BY_WORD = {
    "不少于": ">=",
    "不低于": ">=",
    "以上": ">=",
    "≥": ">=",
    ">=": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "以下": "<=",
    "≤": "<=",
    "<=": "<=",
    "达到": "=",
    "=": "=",
    "左右": "~",
    "约": "~",
    "≈": "~",
    "~": "~",
    "": ">=",
}
NOT_XLSX = "“{path}”不是 .xlsx 工作簿（或已损坏，或是改了扩展名的其他文件）。请用 msdesk 生成的模板填写后另存为 .xlsx。"
NO_SHEET = "工作簿中没有“项目清单”工作表。请使用 msdesk 生成的模板。"
NO_CACHED_VALUE = "是公式“{formula}”，但文件中没有保存计算结果。请在 Excel/WPS 中打开后保存一次再导入，或直接填写数值"
SUFFIX_WORDS = ("左右", "以上", "以下")
PLAN_GONE = "该计划已被删除，无法导出项目清单。"
BAD_HEADERS = "第3行的表头与模板不一致（应为：{expected}）。请使用 msdesk 生成的模板，不要增删或移动列。"


class WorkbookFileError(MsdeskError):
    """The workbook cannot be opened (missing, damaged, not an xlsx): the CLI's exit code 3."""

    exit_code = 3


class WorkbookError(MsdeskError):
    """Bad cells; .errors lists one Chinese message per cell."""

    exit_code = 4

    def __init__(self, errors: list[str]):
        shown = errors[:30]
        more = f"\n……另有 {len(errors) - 30} 处错误" if len(errors) > 30 else ""
        super().__init__(f"工作簿有 {len(errors)} 处错误，未做任何修改：\n" + "\n".join(shown) + more)
        self.errors = errors


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


# -- writing ---------------------------------------------------------------


def _new_sheet(title: str, year: int | None, office: str | None, doc_number: str | None) -> tuple[Workbook, Worksheet]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.worksheets[0]  # the one sheet of a new workbook (its active sheet)
    ws.title = SHEET
    write_cell(ws.cell(1, 1), title)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    for col, (label, value) in enumerate((("年度", year), ("发文单位", office), ("文号", doc_number))):
        ws.cell(2, 1 + col * 2, label).font = Font(bold=True)
        _put(ws, 2, 2 + col * 2, value)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for key, header, width in COLUMNS:
        cell = ws.cell(HEADER_ROW, COL[key], header)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[_letter(COL[key])].width = width
    ws.freeze_panes = ws.cell(FIRST_ROW, 1).coordinate
    levels = DataValidation(type="list", formula1='"' + ",".join(TASK_LEVEL_LABELS.values()) + '"', allow_blank=True)
    comps = DataValidation(type="list", formula1='"' + ",".join(COMPARATOR_WORDS.values()) + '"', allow_blank=True)
    yes_no = DataValidation(type="list", formula1=f'"{ONGOING_YES},{ONGOING_NO}"', allow_blank=True)
    for dv, key in ((levels, "task_level"), (comps, "comparator"), (yes_no, "ongoing")):
        ws.add_data_validation(dv)
        dv.add(f"{_letter(COL[key])}{FIRST_ROW}:{_letter(COL[key])}2000")
    help_ws = wb.create_sheet("填写说明")
    for i, line in enumerate(HELP_LINES, 1):
        write_cell(help_ws.cell(i, 1), line)
    help_ws.column_dimensions["A"].width = 100
    return wb, ws


HELP_LINES = [
    "项目清单填写说明",
    "1. 第2行填写年度（如 2024）、发文单位、文号；第3行表头不要修改，不要增删或移动列。",
    "2. 每个指标占一行；同一项目有多个指标时，后续行的“序号”填相同序号或留空，项目的其他列可留空。",
    "3. 类别写成“一、促进就业”或“促进就业”；牵头单位、配合单位多个时用顿号（、）分隔。",
    "4. 任务级别：本级任务、市级任务、省级任务、无任务（留空即本级任务）。",
    "5. 目标值只填数字（如 559、0.5、98）；计量单位单独填（名、人次、个、%、万人）；比较方式：不少于、不超过、达到、左右（留空即不少于）。",
    "6. 没有数字目标的，在“定性目标”填写（如 应保尽保、全覆盖、按期完成），目标值留空。",
    "7. 推进措施可写多条，在同一单元格内换行（Alt+Enter）；编号照写（1. 或 (1) 或 ①）。",
    "8. 序号在同一类别内不能重复；不同类别可以各自从 1 编号（如第二张清单“区级重点民生实事”）。",
    "9. 完成时限照通知原文填写（如 12月底前、9月投入使用、6月30日前），写在项目的第一行；"
    "某个指标（子任务）有自己的完成时限时填在该行的“指标完成时限”。",
    "10. 常态化开展：没有年度目标、照常填报、不按序时进度评判的项目填“是”，不是的填“否”；"
    "留空（或没有这一列的旧表）按完成时限判断（如 常态化开展、长期坚持 即为是）。",
]


def _put(ws: Worksheet, row: int, col: int, value: Value) -> None:
    cell = write_cell(ws.cell(row, col), value)  # cleaned, and never a formula (msdesk.xlsx_cell)
    if isinstance(value, str):
        if "\n" in value or len(value) > 20:
            from openpyxl.styles import Alignment

            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_template(path: Path, year: int | None = None) -> Path:
    wb, _ws = _new_sheet("民生实事项目清单", year, None, None)
    return _save(wb, path)


def write_workbook(store: Store, plan_id: str, path: Path) -> Path:
    plan = store.get("plans", plan_id)
    if plan is None:
        raise MsdeskError(PLAN_GONE)
    wb, ws = _new_sheet(plan["title"], plan["year"], plan["issuing_office"], plan["doc_number"])
    cats = {c["id"]: c for c in plans.categories(store, plan_id)}
    row = FIRST_ROW
    for project in plans.projects(store, plan_id):
        cat = cats.get(project["category_id"])
        inds: list[dict[str, Any] | None] = [*plans.indicators(store, project["id"])] or [None]
        measures = "\n".join(plans.measure_line(m["seq"], m["text"]) for m in plans.measures(store, project["id"]))
        for i, ind in enumerate(inds):
            values = dict(seq=project["seq"])
            if i == 0:
                values.update(
                    category=(f"{cat['seq']}、{cat['name']}" if cat and cat["seq"] else (cat or {}).get("name")),
                    name=project["name"],
                    content=project["content"],
                    lead_units="、".join(plans.units(store, project["id"], "lead")),
                    partner_units="、".join(plans.units(store, project["id"], "partner")),
                    task_level=project["task_level_text"] or TASK_LEVEL_LABELS[project["task_level"]],
                    measures=measures or None,
                    deadline=project["deadline"],
                    remarks=project["remarks"],
                    ongoing=ONGOING_YES if project["ongoing"] else ONGOING_NO,  # a blank is read by the rule
                )
            if ind is not None:
                numeric = ind["kind"] == "number"
                values.update(
                    ind_name=ind["name"],
                    target=ind["target"] if numeric else None,
                    unit=ind["unit"],
                    comparator=COMPARATOR_WORDS.get(ind["comparator"]) if numeric else None,
                    baseline=ind["baseline"],
                    target_text=None if numeric else ind["target_text"],
                    ind_deadline=ind["deadline"],
                )
            for key, value in values.items():
                if value not in (None, ""):
                    _put(ws, row, COL[key], value)
            row += 1
    return _save(wb, path)


def _save(wb: Workbook, path: Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
    except OSError as exc:
        raise FileAccessError(
            f"无法保存“{path}”：{os_reason(exc)}。文件可能正在 Excel/WPS 中打开，请关闭后重试。"
        ) from exc
    return path


# -- reading ---------------------------------------------------------------


class _Reader:
    def __init__(self, ws: Worksheet, formulas: Worksheet | None = None, col: dict[str, int] | None = None):
        self.ws = ws
        self.col = col or COL  # key -> column number, found from the header row
        self.formulas = formulas  # the same sheet read with formulas (data_only=False), or None
        self.errors: list[str] = []
        self.ongoing_given: set[int] = set()  # id() of the projects whose 常态化开展 cell says 是/否

    def formula(self, row: int, key: str) -> str | None:
        """The formula of an empty-looking cell whose result the file does not hold (saved by a
        program that does not calculate): reading it as empty would drop the value silently."""
        if self.formulas is None:
            return None
        if key not in self.col:
            return None
        value = self.formulas.cell(row, self.col[key]).value
        text = getattr(value, "text", value)  # ArrayFormula keeps its text in .text
        return text if isinstance(text, str) and text.startswith("=") else None

    def cell(self, row: int, key: str) -> str:
        if key not in self.col:  # an optional column the workbook does not have
            return ""
        value = self.ws.cell(row, self.col[key]).value
        if value is None:
            formula = self.formula(row, key)
            if formula:
                self.error(row, key, NO_CACHED_VALUE.format(formula=formula))
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def error(self, row: int, key: str, text: str) -> None:
        self.errors.append(f"第{row}行 {_letter(self.col[key])}列（{HEADERS[key]}）：{text}")

    def number(self, row: int, key: str) -> tuple[float | None, bool]:
        """(value, was a percentage written with %)"""
        raw = self.ws.cell(row, self.col[key]).value
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None, False
        if isinstance(raw, bool):
            self.error(row, key, f"'{raw}' 不是数字")
            return None, False
        if isinstance(raw, (int, float)):
            return float(raw), False
        text = normalise_width(str(raw)).strip().replace(",", "").replace("，", "")
        percent = text.endswith("%")
        try:
            return float(text.rstrip("%").strip()), percent
        except ValueError:
            self.error(row, key, f"'{raw}' 不是数字")
            return None, False


def read_workbook(path: Path) -> ParsedPlan:
    """Read a filled project-list workbook; raises WorkbookError listing every bad cell."""
    from openpyxl import load_workbook

    path = Path(path)
    if not path.is_file():
        raise WorkbookFileError(f"找不到工作簿：{path}。")
    try:
        wb = load_workbook(path, data_only=True, read_only=False)
        formulas = load_workbook(path, data_only=False, read_only=False)
    except Exception as exc:  # zipfile/openpyxl raise many kinds (with English names) for a damaged or foreign file
        raise WorkbookFileError(NOT_XLSX.format(path=path)) from exc
    if SHEET not in wb.sheetnames:
        raise MsdeskError(NO_SHEET)
    ws = wb[SHEET]
    reader = _Reader(ws, formulas[SHEET] if SHEET in formulas.sheetnames else None, _header_columns(ws))
    plan = ParsedPlan(title=str(ws.cell(1, 1).value or "").strip())
    _read_masthead(reader, plan)
    _read_rows(reader, plan)
    if reader.errors:
        raise WorkbookError(reader.errors)
    if not plan.projects:
        raise MsdeskError("工作簿中没有填写任何项目（从第4行起填写），未做任何修改。")
    # 是/否 as written; a blank (or an older template without the column): the 完成时限 and targets say it
    mark_standing(plan, skip=reader.ongoing_given)
    return plan


def _header_columns(ws: Worksheet) -> dict[str, int]:
    """Column of each known header. Every column of the first template must be there; an unknown
    or repeated header is refused, since its cells would otherwise be dropped without a word."""
    key_of = {header: key for key, header, _w in COLUMNS}
    found: dict[str, int] = {}
    for col in range(1, ws.max_column + 1):
        text = re.sub(r"\s+", "", str(ws.cell(HEADER_ROW, col).value or ""))
        if not text:
            continue
        key = key_of.get(text)
        if key is None or key in found:
            found = {}
            break
        found[key] = col
    if not found or any(key not in found for key, _h, _w in COLUMNS if key not in OPTIONAL):
        raise MsdeskError(BAD_HEADERS.format(expected="、".join(h for _k, h, _w in COLUMNS)))
    return found


def _read_masthead(reader: _Reader, plan: ParsedPlan) -> None:
    ws = reader.ws
    raw_year = ws.cell(2, 2).value
    text = normalise_width(str(raw_year or "")).strip().rstrip("年")
    if isinstance(raw_year, float) and raw_year.is_integer():
        text = str(int(raw_year))
    if re.fullmatch(r"\d{4}", text) and 1990 <= int(text) <= 2100:
        plan.year = int(text)
    else:
        reader.errors.append(
            f"第2行 B列（年度）：'{raw_year if raw_year is not None else ''}' 不是有效年度（应为四位数字，如 2024）"
        )
    plan.issuing_office = str(ws.cell(2, 4).value or "").strip() or None
    plan.doc_number = str(ws.cell(2, 6).value or "").strip() or None
    plan.title = plan.title or (f"{plan.year}年民生实事" if plan.year else "民生实事")
    plan.notice_title = plan.title


def _read_rows(reader: _Reader, plan: ParsedPlan) -> None:
    cat_index: dict[str, int] = {}
    current: ParsedProject | None = None
    scope = ""  # the category last written: 序号 are unique within it, not across the plan
    seen: set[tuple[str, str]] = set()
    for row in range(FIRST_ROW, reader.ws.max_row + 1):
        values = {key: reader.cell(row, key) for key, _h, _w in COLUMNS}
        if not any(values.values()):
            continue
        seq = values["seq"]
        new_category = bool(values["category"]) and values["category"] != scope
        starts = bool(seq) and (current is None or seq != current.seq or new_category)
        if starts:
            scope = values["category"] or scope
            key = (scope, seq_key(seq))
            if key in seen:
                where = f"类别“{scope}”中" if scope else "前面"
                reader.error(row, "seq", f"序号 '{seq}' 在{where}已出现过，同一项目的多个指标请写在相邻行")
            seen.add(key)
            current = _project(reader, plan, cat_index, row, values)
        elif current is None:
            reader.error(row, "seq", "第一个项目必须填写序号")
            continue
        elif values["deadline"] and values["deadline"] != getattr(current, "deadline", None):
            reader.error(
                row, "deadline", "项目的完成时限请写在该项目的第一行；某个指标自己的完成时限请填在“指标完成时限”"
            )
        ind = _indicator(reader, row, values)
        if ind is not None:
            ind.deadline = values["ind_deadline"] or None
            current.indicators.append(ind)
        elif values["ind_deadline"]:
            reader.error(row, "ind_deadline", "填写了指标完成时限，但这一行没有指标（目标值或定性目标）")


def _project(
    reader: _Reader, plan: ParsedPlan, cat_index: dict[str, int], row: int, values: dict[str, str]
) -> ParsedProject:
    from .indicators import extract, measure_rates
    from .parse import HEADING, task_level_of

    category = None
    if values["category"]:
        label = values["category"]
        if label not in cat_index:
            m = HEADING.match(label)
            seq, name = (m.group(1), m.group(2).strip()) if m else (None, label)
            cat_index[label] = len(plan.categories)
            plan.categories.append(ParsedCategory(name=name, seq=seq))
        category = cat_index[label]
    level_text = values["task_level"].replace(" ", "")
    level = LEVEL_BY_LABEL.get(level_text)
    if level is None and re.search(r"[省市区县]级任务|无任务", level_text):
        level = task_level_of(level_text)  # as written in the notice: 属市级任务, 烈山区无任务
    if level is None:
        reader.error(
            row,
            "task_level",
            f"'{values['task_level']}' 不是有效的任务级别（应为 本级任务、市级任务、省级任务 或 无任务）",
        )
        level = "local"
    if not values["content"] and not values["name"]:
        reader.error(row, "content", "实施内容和项目名称不能都为空")
    measures = []
    for line in values["measures"].splitlines():
        seq, text = plans.split_measure(line)
        if text:
            measures.append(ParsedMeasure(text=text, seq=seq))
    project = ParsedProject(
        seq=values["seq"],
        content=values["content"] or values["name"],
        name=values["name"] or None,
        category=category,
        lead_units=_units(values["lead_units"].replace("\n", "、")),
        partner_units=_units(values["partner_units"].replace("\n", "、")),
        task_level=level,
        task_level_text=None if level_text in ("", "本级任务", "本级") else level_text,
        measures=measures,
        line_no=row,
    )
    project.deadline = values["deadline"] or None
    project.remarks = values["remarks"] or None
    if values["ongoing"] not in ("", ONGOING_YES, ONGOING_NO):
        reader.error(row, "ongoing", f"'{values['ongoing']}' 应填“{ONGOING_YES}”“{ONGOING_NO}”或留空")
    elif values["ongoing"]:
        project.ongoing = values["ongoing"] == ONGOING_YES
        reader.ongoing_given.add(id(project))
    project.rates = extract(project.content)[1]  # 标准 are not columns: derive them again from the text
    for index, measure in enumerate(measures):
        for rate in measure_rates(measure.text):
            rate.measure_index = index
            project.rates.append(rate)
    plan.projects.append(project)
    return project


def _indicator(reader: _Reader, row: int, values: dict[str, str]) -> ParsedIndicator | None:
    target, percent = reader.number(row, "target")
    baseline, _ = reader.number(row, "baseline")
    word = values["comparator"].replace(" ", "")
    comparator = COMPARATOR_BY_WORD.get(word)
    if comparator is None:
        reader.error(
            row, "comparator", f"'{values['comparator']}' 不是有效的比较方式（应为 不少于、不超过、达到 或 左右）"
        )
    unit = values["unit"] or ("%" if percent else None)
    name = values["ind_name"]
    if target is None and values["target"] == "" and not values["target_text"]:
        if (values["unit"] or values["comparator"] or values["baseline"]) and not reader.formula(row, "target"):
            reader.error(row, "target", "填写了计量单位或比较方式，但目标值为空")
        return None
    if target is not None and values["target_text"]:
        reader.error(row, "target_text", "已填写数字目标值，定性目标请留空（或删去目标值）")
    if target is None and values["target"] != "":
        return None  # the bad number is already reported
    if target is None:
        return ParsedIndicator(
            name=name or values["target_text"],
            kind="qualitative",
            unit=None,
            comparator=None,
            target=None,
            target_text=values["target_text"],
        )
    if target < 0:
        reader.error(row, "target", f"'{values['target']}' 不能为负数")
    elif target >= MAX_FIGURE:
        reader.error(row, "target", f"'{values['target']}' 过大，请核对位数")
    if percent and values["unit"] and values["unit"] != "%":
        reader.error(
            row,
            "unit",
            f"目标值写成百分数（'{values['target']}'），计量单位却是“{values['unit']}”；百分数的计量单位请填 %",
        )
    word = values["comparator"]
    target_text = (
        f"{values['target']}{unit or ''}{word}" if word in SUFFIX_WORDS else f"{word}{values['target']}{unit or ''}"
    )
    return ParsedIndicator(
        name=name or values["name"] or "目标任务",
        kind="number",
        unit=unit,
        comparator=comparator or ">=",
        target=target,
        target_text=target_text,
        baseline=baseline,
    )
