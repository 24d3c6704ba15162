"""All Chinese UI wording in one place, so the same thing is always called the same.

Names follow shared/GLOSSARY.md.
"""

from msdesk import APP_TITLE

APP = APP_TITLE
UNSAVED_TITLE = "未打开文件"

# -- menus and actions: (text, status tip / tooltip) --------------------
MENU_FILE = "文件(&F)"
MENU_EDIT = "编辑(&E)"
MENU_VIEW = "查看(&V)"
MENU_REPORT = "报送(&S)"
MENU_TABLES = "报表(&R)"
MENU_SETTINGS = "设置(&T)"
MENU_HELP = "帮助(&H)"
MENU_RECENT = "最近打开(&R)"

ACTIONS = {
    "new": ("新建台账(&N)…", "新建一个空白的民生实事台账文件"),
    "open": ("打开台账(&O)…", "打开已有的台账文件（.msdesk）"),
    "demo": ("打开示例台账", "打开烈山区2023年示例台账，可随意练习"),
    "import_notice": ("导入通知(&I)…", "从年度民生实事通知（txt/docx/pdf）导入项目清单"),
    "export_report": ("导出报表(&X)…", "把本报告期的进度表导出为 Excel 或 PDF 正式报表"),
    "backup": ("立即备份(&B)", "把当前台账完整备份一份到同目录的“.backups”文件夹"),
    "restore": ("从备份恢复…", "选择一份备份恢复台账；恢复前会先自动备份当前文件"),
    "close_file": ("关闭台账", "关闭当前台账文件，回到欢迎页"),
    "quit": ("退出(&Q)", "退出程序（所有修改已自动保存）"),
    "undo": ("撤销", "撤销上一步修改"),
    "redo": ("重做", "重做刚才撤销的修改"),
    "find": ("查找项目(&F)", "在项目清单中按名称、序号、单位或内容搜索"),
    "add_project": ("新增项目…", "在当前计划中新增一个民生实事项目"),
    "delete_project": ("删除项目", "删除当前选中的项目（可撤销）"),
    "new_plan": ("新建计划…", "手工新建一个年度民生实事计划（不导入通知时使用）"),
    "next_project": ("下一个项目", "填报下一个项目（按清单当前的排序和筛选）"),
    "prev_project": ("上一个项目", "填报上一个项目"),
    "open_project": ("打开项目", "打开选中的项目进行填报"),
    "show_list": ("项目清单", "回到项目清单"),
    "show_entry": ("季度填报", "填报当前项目本报告期的进度"),
    "show_detail": ("项目信息", "查看和修改当前项目的基本信息、推进措施和指标"),
    "show_overview": ("进度概览", "按类别、牵头单位查看完成情况和滞后项目"),
    "show_breakdown": ("目标分解", "把各项数值目标分解到下级单位（目标任务分解表），任务包按此下发"),
    "refresh": ("刷新", "重新读取台账文件中的全部数据"),
    "clear_filters": ("清除筛选", "清除全部筛选条件和搜索词"),
    "office": ("单位设置(&O)…", "设置填报单位、级别、上级单位、负责人、填报人和联系电话"),
    "subordinates": ("下级单位…", "新增、重命名或删除下级单位（乡镇/街道、村/社区），目标分解表按这些单位分列"),
    "file_settings": ("文件设置…", "设置本台账的预警阈值、备份保留份数、报送期限等规则"),
    "audit": ("修改记录…", "查看本台账的全部修改记录（谁、何时、改了什么）"),
    "keys": ("签名密钥…", "查看或生成本单位的签名密钥和证书指纹"),
    "pkg_export": ("生成报送包…", "把本报告期的数据打包并签名，报送上级单位"),
    "pkg_verify": ("校验报送包 / 任务包…", "检查一个报送包的签名和内容是否完好"),
    "pkg_import": ("导入下级报送…", "导入下级单位报来的报送包"),
    "progress_import": ("导入进展表…", "导入下级单位或牵头单位交回的 Excel 进展表（未签名数据），先预览再导入"),
    "progress_template": ("生成进展表模板…", "为一个下级单位或牵头单位生成本期空白进展表（Excel），交其填写"),
    "bulletin": ("进展通报(&B)…", "根据本报告期数据起草进展情况通报，可修改后保存为 Word 或 PDF"),
    "rollup": ("汇总…", "把各下级单位的报送数据汇总成本级报表"),
    "about": ("关于", "程序版本和字体授权说明"),
}

# -- welcome page ----------------------------------------------------------
WELCOME_TITLE = "民生实事台账"
WELCOME_TEXT = "请新建或打开一个台账文件。第一次使用可以先打开示例台账练习。"
WELCOME_NEW = "新建台账"
WELCOME_OPEN = "打开台账"
WELCOME_DEMO = "打开示例"
WELCOME_RECENT = "最近打开："
FILE_FILTER = "民生实事台账 (*.msdesk);;所有文件 (*)"

# -- toolbar / filters -----------------------------------------------------
PLAN = "计划："
PERIOD = "报告期："
ALL = "全部"
FILTER_CATEGORY = "类别"
FILTER_LEAD = "牵头单位"
FILTER_STATUS = "状态"
FILTER_LEVEL = "任务级别"
SEARCH_PLACEHOLDER = "输入序号或关键词搜索（Ctrl+F）"
ROWS_SHOWN = "显示 {shown} / 共 {total} 个项目"
NO_PLAN = "本台账还没有计划。请用“文件→导入通知…”导入年度通知，或用“编辑→新建计划…”手工建立。"

# -- table columns -----------------------------------------------------------
COLUMNS = ["类别", "序号", "项目名称 / 实施内容", "牵头单位", "任务级别", "完成率", "状态"]

# -- status bar ----------------------------------------------------------------
SAVED_AT = "已保存 {time}"
NOTHING_CHANGED = "未修改"
OPENING = "正在打开台账…"
LOADING = "正在读取数据…"
BACKED_UP = "已备份到：{path}"
RESTORED = "已从备份恢复：{name}"
WORKING = "请稍候…"

# -- quarterly entry -------------------------------------------------------------
ENTRY_HEADERS = ["指标", "目标", "上期累计", "本期累计", "完成率", "序时进度", "状态"]
ENTRY_DONE = "已完成"
ENTRY_NO_PROJECT = "请在项目清单中选择一个项目（双击或按回车）。"
ENTRY_NO_INDICATORS = "本项目没有可量化的指标，请填写下面的进展情况。"
ENTRY_NARRATIVE = "进展情况与问题"
ENTRY_FUNDS = "资金（万元）"
ENTRY_HINT = (
    "Tab / 回车 到下一格；Shift+回车 在文字中换行；Ctrl+PgDn 下一个项目，Ctrl+PgUp 上一个项目。每格填完自动保存。"
)
ENTRY_PROJECT_OF = "第 {n} / {total} 个项目"
ENTRY_NOT_SAVED_SUBMITTED = "未保存：本报告期已报送，您选择了不修改。"
HELD_VALUE_TITLE = "有数值未保存"
HELD_VALUE_TEXT = "“{label}”中填写的“{typed}”没有保存：\n{reason}\n\n返回修改，还是放弃这个数值（恢复为原来的值）？"
HELD_VALUE_BACK = "返回修改"
EMPTY_VALUE = "（空）"
HELD_VALUE_DROP = "放弃该数值"

# -- project detail -------------------------------------------------------------------
DETAIL_FIELDS = {
    "seq": "序号",
    "name": "项目名称",
    "content": "实施内容",
    "lead_units": "牵头单位",
    "partner_units": "配合单位",
    "task_level": "任务级别",
    "task_level_text": "任务说明",
    "remarks": "备注",
}
UNITS_HINT = "多个单位用顿号“、”分隔"
MEASURES = "推进措施"
MEASURE_HEADERS = ["序号", "措施内容"]
INDICATORS = "指标"
INDICATOR_HEADERS = ["指标名称", "类型", "比较方式", "目标值", "计量单位", "目标原文（定性目标）"]
KIND_LABELS = {"number": "数值", "qualitative": "定性"}
ADD_MEASURE = "新增措施"
DEL_MEASURE = "删除措施"
ADD_INDICATOR = "新增指标"
DEL_INDICATOR = "删除指标"
NEW_MEASURE_TEXT = "（新措施，请填写内容）"
NEW_INDICATOR_NAME = "新指标"

# -- overview ---------------------------------------------------------------------
OVERVIEW_CHART = "各类别项目进度（个）"
OVERVIEW_BY_CATEGORY = "按类别"
OVERVIEW_BY_LEAD = "按牵头单位"
OVERVIEW_LAGGING = "滞后与未启动项目（红灯在前）"
OVERVIEW_LAGGING_MANY = (
    "滞后与未启动项目（红灯在前；共 {total} 项，这里列出前 {shown} 项，全部请在项目清单中按“状态”筛选）"
)
OVERVIEW_SUMMARY_HEADERS = [
    "{label}",
    "项目数",
    "已完成",
    "序时推进",
    "滞后",
    "未启动",
    "无任务",
    "常态化",  # 常态化开展, short: the table shares the page with the lagging list
    "平均完成率",
]
OVERVIEW_ONGOING_COLUMN = OVERVIEW_SUMMARY_HEADERS.index("常态化")
OVERVIEW_ONGOING_COLUMN_TIP = "常态化开展的项目数：只报进展，不按序时进度评判"
OVERVIEW_LAGGING_HEADERS = ["序号", "项目名称", "牵头单位", "完成率", "序时进度", "状态"]
OVERVIEW_HEADLINE = (
    "{period}（序时进度 {expected}）：共 {total} 个项目，已完成 {done} 个，序时推进 {on_track} 个，"
    "滞后 {lagging} 个（其中红灯 {red} 个），未启动 {not_started} 个{not_started_red}，无任务 {no_task} 个。"
)
OVERVIEW_ONGOING = "常态化开展 {n} 个（只报进展，不按序时进度评判）。"  # shown only when there are some
OVERVIEW_NOT_STARTED_RED = "（其中红灯 {n} 个）"  # shown only when some have not started that late
OVERVIEW_NONE_LAGGING = "没有滞后项目。"

# -- office settings ------------------------------------------------------------------
OFFICE_TITLE = "单位设置"
OFFICE_FIELDS = {
    "name": "填报单位",
    "level": "单位级别",
    "parent": "上级单位",
    "head": "负责人",
    "preparer": "填报人",
    "phone": "联系电话",
    "reports_monthly": "按月填报",
}
OFFICE_MONTHLY_HINT = "按月（如 2026-07）；不勾选则按季度"
OFFICE_MONTHLY_TIP = "勾选后报告期按月（如 2026-07），不勾选按季度（如 2026Q3）"

# -- dialogs ---------------------------------------------------------------------------
ERROR_TITLE = "出错了"
CANNOT_OPEN = "无法打开台账"
NEW_PLAN_TITLE = "新建计划"
NEW_PLAN_YEAR = "年度"
NEW_PLAN_NAME = "计划名称"
NEW_PROJECT_TITLE = "新增项目"
NEW_PROJECT_PROMPT = "项目内容（实施内容）："
RESTORE_TITLE = "从备份恢复"
RESTORE_PROMPT = "选择要恢复的备份（最新的在最上面）。恢复前会先把当前文件再备份一份。"
NO_BACKUPS = "这个台账还没有备份。"
MISSING_MODULE = "“{name}”功能尚未安装（缺少模块 {module}）。"
CONFIRM_DELETE_PROJECT = "删除项目“{name}”？删除后可用“撤销”恢复。"
ABOUT_TEXT = (
    "民生实事台账 {version}\n\n离线桌面程序：导入年度通知、季度填报、正式报表与签名报送。\n"
    "中文字体：文鼎 PL 简报宋（Arphic Public License）、文泉驿微米黑（GPL/Apache）。"
)

# -- undo labels --------------------------------------------------------------------
UNDO_PREFIX = "撤销“{text}”"
UNDONE = "已撤销：{text}"
UNDO_FORGOTTEN = "数据已由导入或汇总整体更新，此前的修改不能再撤销（可从备份恢复）。"
REDONE = "已重做：{text}"
REDO_PREFIX = "重做“{text}”"

# -- tooltips and small labels -----------------------------------------------------
TIP_PLAN = "选择年度民生实事计划"
TIP_PERIOD = "选择报告期：填报和完成率都按这个报告期计算"
TIP_FILTER = "按{label}筛选项目"
TIP_SEARCH = "输入即搜索；多个词用空格分开"
TIP_TABLE = "双击或按回车打开项目进行填报"
TIP_RECENT = "重新打开最近用过的台账文件"
TIP_RECENT_LIST = "双击或按回车打开"
TIP_OPEN_PATH = "打开 {path}"
TIP_LAGGING = "双击打开项目进行填报"
TIP_CHOICE = "双击或按 F2 选择"
TIP_DONE_BOX = "本指标已全部完成时勾选（空格键切换）"
TIP_STEP = "{what}项目（{key}）"
PLAN_ITEM = "{year}年　{title}"
EXPECTED = "序时进度 {percent}"
LAST_PROJECT = "已经是最后一个项目。"
FIRST_PROJECT = "已经是第一个项目。"
OPENED = "已打开：{path}"
NEW_FILE_NAME = "新台账.msdesk"
NEW_PLAN_DEFAULT = "{year}年民生实事项目"
RECENT_NONE = "（无）"
BACKUP_REASON = "手动"
NO_OFFICE = "未设置填报单位"
UNDO = "撤销"
REDO = "重做"
SAVE = "保存"
CANCEL = "取消"
UNCATEGORISED = "（未分类）"
NOT_FILLED = "（未填）"
PREV_PROJECT = "◀ 上一个"
NEXT_PROJECT = "下一个 ▶"
PARENT_PLACEHOLDER = "如：烈山区民生工作领导小组办公室"
DETAIL_BASIC = "基本信息"

# -- undo step names ----------------------------------------------------------------
EDIT_LABEL = "修改第{seq}项 {what}"
ADD_PROJECT_LABEL = "新增项目"
DELETE_PROJECT_LABEL = "删除第{seq}项"
INDICATOR_FIELD_LABELS = {
    "name": "指标名称",
    "target": "目标值",
    "unit": "计量单位",
    "target_text": "目标原文",
    "kind": "指标类型",
    "comparator": "比较方式",
}

# -- quarterly entry, inside the form ----------------------------------------------------
ENTRY_TITLE = "第{seq}项　{name}{content}"
ENTRY_INFO = "类别：{category}　　牵头单位：{units}　　任务级别：{level}"
ENTRY_STATUS = "项目状态：{status}　完成率 {completion}"
ENTRY_GRID_TITLE = "指标完成情况（{period}，累计数）"
ENTRY_QUALITATIVE = "完成情况{what}"
ENTRY_ACTUAL = "累计完成{what}"
ENTRY_QUALITATIVE_HINT = "如：已应保尽保"
ENTRY_ACTUAL_HINT = "累计数"
ENTRY_NOTE_HINT = "填写本期{label}"
ENTRY_FUNDS_HINT = "万元"

# -- overview chart / table row tooltips ---------------------------------------------------
CHART_COMPLETION = "完成率 {percent}"
STATUS_TIP = "完成率 {completion}，序时进度 {expected}"
STATUS_TIP_ONGOING = "常态化开展：只填报进展，不按序时进度评判（完成率 {completion}）"
ONGOING_CHECK = "常态化开展（不按序时进度评判，不亮灯）"
ONGOING_ON = "设为常态化开展"
ONGOING_OFF = "取消常态化开展"
ONGOING_TIP = "没有年度目标的常态化项目：照常填报数字和进展情况，但不亮灯、不计入滞后。"
STATUS_DECIDED_BY = "\n完成率是各指标的平均；状态按最落后的指标“{name}”：完成 {completion}，{status}"

# -- 目标任务分解表 ----------------------------------------------------------------------------
BREAKDOWN_HEADERS = ["序号", "项目", "指标", "单位", "目标"]
BREAKDOWN_TOTAL = "合计"
BREAKDOWN_DIFFERENCE = "差额"
BREAKDOWN_TITLE = "目标任务分解表　{plan}"
BREAKDOWN_HINT = (
    "直接在单位列中输入分解目标：回车到下一项指标，Tab 到下一个单位；填“无”表示该单位没有这项任务，"
    "清空表示不分解；从 Excel 复制的多个单元格可按 Ctrl+V 一次粘贴。"
    "合计与目标不一致的行在“差额”列写明“差 …”或“超 …”。"
    "每格填完自动保存，可撤销。"
)
BREAKDOWN_SUMMARY = "共 {rows} 项数值指标，已分解 {split} 项，合计与目标一致 {ok} 项，不一致 {bad} 项。"
BREAKDOWN_NO_SUBS = "本单位还没有下级单位。请点击“下级单位…”添加乡镇/街道（或村/社区），再分解目标。"
BREAKDOWN_NO_ROWS = "当前计划没有可分解的数值指标（只分解本级任务中有数值目标的指标）。"
BREAKDOWN_SPLIT = "平均分解"
BREAKDOWN_ONLY_BAD = "只看不一致"
BREAKDOWN_EXPORT = "导出Excel…"
BREAKDOWN_IMPORT = "从Excel导入…"
BREAKDOWN_XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
BREAKDOWN_XLSX_NAME = "{year}年目标任务分解表.xlsx"
BREAKDOWN_EXPORTED = "已导出：{path}"
BREAKDOWN_IMPORTED = "已从Excel导入 {n} 个单元格的分解目标（可撤销）。"
BREAKDOWN_IMPORT_SAME = "Excel 中的分解目标与台账一致，没有需要导入的修改。"
BREAKDOWN_IMPORT_LABEL = "从Excel导入目标分解（{n} 格）"
BREAKDOWN_PASTE_LABEL = "粘贴目标分解（{n} 格）"
BREAKDOWN_PASTED = "已粘贴 {n} 个单元格的分解目标（可撤销）。"
BREAKDOWN_PASTE_SAME = "粘贴的分解目标与台账一致，没有修改。"
BREAKDOWN_PASTE_EMPTY = "剪贴板中没有可粘贴的内容。请先在 Excel/WPS 中复制各单位的分解目标。"
BREAKDOWN_PASTE_WHERE = "请先点选某个单位列中的单元格（粘贴内容从该格向右、向下填入），再按 Ctrl+V。"
TIP_BREAKDOWN_EXPORT = "把目标任务分解表导出为 Excel，在 Excel/WPS 中填写后再导入"
TIP_BREAKDOWN_IMPORT = "导入在 Excel 中填好的目标任务分解表；有错误的单元格会逐个列出，改正前不导入"
BREAKDOWN_SPLIT_LABEL = "平均分解第{seq}项 {name}"
BREAKDOWN_CELL_LABEL = "分解第{seq}项 {name}（{office}）"
TIP_BREAKDOWN_SPLIT = "把当前行的目标平均分给各下级单位（整数目标按整数分，余数给前几个单位）"
TIP_BREAKDOWN_ONLY_BAD = "只显示已分解但合计与目标不一致的指标"
TIP_BREAKDOWN_OFFICE = "{name}（区划代码 {code}）"
TIP_BREAKDOWN_CELL = "输入该单位的分解目标；“无”表示无此任务，清空表示不分解"
TIP_BREAKDOWN_DIFFERENCE = "各单位合计减去本级目标"
TIP_BREAKDOWN_RATIO = "百分比等比率指标不相加，各单位分别填写自己的目标"
TIP_BREAKDOWN_EMPTY = "这项指标还没有分解到下级单位"
TIP_BREAKDOWN_STATE = "各单位合计 {total}，本级目标 {target}：{state}"
TIP_BREAKDOWN_CEILING = "（上限指标：各单位合计不超过本级目标即可）"

# -- 下级单位 --------------------------------------------------------------------------------------
SUBS_TITLE = "下级单位"
SUBS_INTRO = "“{office}”的下级单位。目标任务分解表按这些单位分列，任务包发给这些单位。"
SUBS_HEADERS = ["单位名称", "级别", "区划代码", "已收到的数据"]
SUBS_NAME = "单位名称"
SUBS_CODE = "区划代码"
SUBS_LEVEL = "级别"
SUBS_CODE_HINT = "如 340604100（可不填）"
SUBS_ADD = "新增"
SUBS_RENAME = "保存修改"
SUBS_DELETE = "删除"
SUBS_CLOSE = "关闭"
SUBS_NONE = "无"
SUBS_DATA = {"submissions": "报送包 {n} 个", "progress": "进度 {n} 条", "project_reports": "进展情况 {n} 条"}
SUBS_ADD_LABEL = "新增下级单位“{name}”"
SUBS_RENAME_LABEL = "修改下级单位“{name}”"
SUBS_DELETE_LABEL = "删除下级单位“{name}”"
SUBS_DELETED = "已删除“{name}”，可用“编辑→撤销”恢复。"
SUBS_PICK = "请先在列表中选择一个单位。"
TIP_SUBS_ADD = "用上面填写的名称和区划代码新增一个下级单位"
TIP_SUBS_RENAME = "把选中单位改成上面填写的名称和区划代码"
TIP_SUBS_DELETE = "删除选中的单位（已报送过数据的单位不能删除；可撤销）"

# -- gui-main (issues 12 and 14 in the main window): help, print, roles, safe writes, deletion -----
DELETE_CONFIRM_TITLE = "确认删除"
DELETE_CONFIRM_YES = "删除"
DELETE_CONFIRM_NO = "取消"
NOT_SAVED = "未保存"
READ_ONLY_BANNER = "只读：{reason}"
FILE_CHANGED_ELSEWHERE = "文件已被其他程序修改，已重新读取，屏幕上显示的是文件中的最新内容。"
FILE_REPLACED = (
    "文件“{path}”已被替换（复制或恢复了另一个文件）。本窗口仍显示打开时的内容，"
    "之后的修改不会写入新文件：请关闭后重新打开。"
)
PKG_IMPORT_TOWNSHIP = ("导入任务包…", "导入上级（区）下发的任务包：项目和本单位的目标一起导入")
PRINT_TITLE = "打印预览 — {name}"
PRINT_CANNOT_OPEN = "无法打开 PDF 文件“{path}”进行预览。"
PRINT_PREPARING = "正在准备打印：{table}…"
PREVIEW_READING = "正在打印，共 {total} 页…"
PREVIEW_PRINT = "打印…"
PREVIEW_PRINT_TIP = "选择打印机后打印全部页面"
PREVIEW_PRINT_TITLE = "打印"
PREVIEW_ZOOM_IN = "放大"
PREVIEW_ZOOM_OUT = "缩小"
PREVIEW_FIT_WIDTH = "适合宽度"
PREVIEW_FIT_PAGE = "整页"
PREVIEW_PAGE = "第 {page} 页，共 {total} 页"
PREVIEW_PREVIOUS = "上一页"
PREVIEW_NEXT = "下一页"
ACTIONS["print"] = (
    "打印当前表格…",
    "把当前页面对应的报表（项目清单/进展情况表/目标任务分解表）打开打印预览，可直接打印",
)
ABOUT_TITLE = "关于民生实事台账"
ACTIONS["about"] = ("关于", "程序版本、台账与备份所在文件夹、证书指纹和字体授权说明")
ROW_REASON = "第{seq}项：{reason}"
TARGET_FROM_TASKS = "本单位的目标由上级在任务包中分解下达；“未分解”表示上级没有分解这项指标"
PLAN_COPIED = "已新建计划“{title}”（从以前的计划复制，不带完成数）；此前的修改不能再撤销。"
ACTIONS["new_plan"] = ("新建计划…", "新建一个年度计划，可从以前的计划复制类别、项目、牵头单位和指标（不带完成数）")

# -- gui-dialogs: outputs, 汇总 view and safe write-back, 签名前检查 (issues 12, 14) ---------------
ROLLUP_TAB_VIEW = "汇总表"
ROLLUP_TAB_STATUS = "报送情况与退回"
ROLLUP_TAB_DETAIL = "各单位明细"
ROLLUP_EXPORT = "导出汇总表…"
TIP_ROLLUP_EXPORT = "把本期汇总表导出为 Excel 和 PDF，保存到报表文件夹"
ROLLUP_PRINT = "打印汇总表…"
TIP_ROLLUP_PRINT = "生成汇总表 PDF 并打开打印预览"
ROLLUP_UNDO = "撤销写入"
TIP_ROLLUP_UNDO = "把刚才写入的累计完成全部恢复成写入前的数字（一步撤销）"
ROLLUP_APPLY_TITLE = "写入本级累计完成"
ROLLUP_APPLY_YES = "写入"
ROLLUP_APPLY_NO = "取消"
ROLLUP_NOTHING = "没有需要写入的汇总数（本级累计完成已与下级合计一致）。"
ROLLUP_APPLIED = (
    "已把 {n} 项下级合计写入本级累计完成（{reported}）。写入前已备份：{backup}。可点“撤销写入”或用“编辑→撤销”一步恢复。"
)
ROLLUP_UNDONE = "已撤销写入，本级累计完成恢复为写入前的数字。"
ROLLUP_CANCELLED = "已取消，未写入。"
ROLLUP_EXPORTED = "汇总表已导出"
EXPORT_DONE_TITLE = "导出完成"
EXPORT_DONE = "报表已导出。"
PACKAGE_DONE_TITLE = "数据包已生成"
CERT_DONE_TITLE = "证书已保存"
KEY_BACKUP_DONE_TITLE = "证书备份已保存"
PRESIGN_CANCELLED = "已返回填写，未签名。"
TASKS_TOWNSHIP_ONLY = "（任务包由区县发给下级；本单位是乡镇，只生成报送包）"
VERIFY_FAILED = "无法校验此文件：{reason}"
