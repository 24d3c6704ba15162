"""Make the .docx, .pdf and .xlsx documents of the notice corpus (tests/data/notices).

Each document is a shape of tests/data/notices/<name>.txt issued in another file format, so that every
reader (Word tables with merged cells, ruled PDF tables over several pages, workbooks that are
not msdesk's own template, an OFD whose lines are wrapped and split into runs) is tested on real shapes. The documents share the truth file
<name>.truth.json with the text version; after writing, this script checks that every truth item's
text is in the document, so the truth still fits.

The generated files are committed; tests never run this script.

    PYTHONPATH=. python scripts/make_notice_corpus.py
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tests._docx import DocxFile, paragraphs, tables

rl_config.invariant = 1  # no creation date or random ID in the PDFs: the same input makes the same bytes

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "notices"
FONT_FILE = ROOT / "resources" / "fonts" / "gbsn00lp.ttf"
FONT = "CorpusSong"

# ---------------------------------------------------------------------------------------------
# The shapes, as clean tables (the .txt files hold the same notices as copying/extraction left them)
# ---------------------------------------------------------------------------------------------

QINGXI_MASTHEAD = [
    "清溪县人民政府办公室关于对2025年民生实事实行重点督办的通知",
    "清府办〔2025〕9号",
    "各乡镇人民政府、街道办事处，县级各部门：",
    "根据《2025年县政府工作报告》的安排，现将2025年“民生实事”目标任务分解下达给你们。请各责任单位细化措施、"
    "压实责任，按时完成。县政府督查室将跟踪督办，请各责任单位于每季度最后一个月25日前把完成情况书面报县政府督查室。",
    "附件：2025年民生实事目标任务分解表",
    "清溪县人民政府办公室",
    "2025年2月24日",
]
QINGXI_TITLE = "2025年民生实事目标任务分解表"
QINGXI_HEADER = ["序号", "民生实事", "责任单位", "完成时限"]
# (序号, [(实施内容, 完成时限), …], [责任单位…]): several (content, deadline) pairs are sub-tasks of one item.
QINGXI_ROWS = [
    ("1", [("启动建设城北河道综合治理工程和滨河湿地公园。", "12月底前")], ["县水务局", "县住建局", "县城投公司"]),
    ("2", [("新建3座人行天桥。", "9月投入使用")], ["县住建局"]),
    ("3", [("启动县图书馆新馆建设。", "12月底前")], ["县文广旅局", "县代建中心"]),
    ("4", [("建成县残疾人康复中心。", "5月底前动工")], ["县残联"]),
    ("5", [("开工建设县社会福利中心养护楼。", "5月底前动工"), ("开工建设县老年大学。", "12月底前")], ["县民政局"]),
    ("6", [("迁建县政务服务中心。", "12月底前")], ["县政务服务中心", "县代建中心"]),
    ("7", [("完成城区棚户区改造1850户。", "12月底前")], ["县住建局"]),
    ("8", [("新建公办幼儿园2所，改扩建乡镇中心小学3所。", "12月底前")], ["县教体局", "县代建中心"]),
    ("9", [("城区新建2个农贸市场。", "6月30日前")], ["县商务局"]),
    ("10", [("新增城区公共停车泊位800个。", "年底前")], ["县公安局交警大队", "县住建局"]),
]

CHANGQIAO_TITLE = "长桥区2025年重大民生实事项目目标任务责任分解表"
CHANGQIAO_HEADER = ["序号", "项目名称", "主要内容", "区政府分管领导", "牵头单位", "配合单位"]
# (序号, 项目名称, 分管领导, [(主要内容, 牵头单位, 配合单位), …])
CHANGQIAO_ROWS = [
    ("1", "增加教育资源供给", "李明", [("新建、改扩建学校8所，新增学位3600个。", "区教育局", "各镇街")]),
    ("2", "促进就业稳定增长", "李明", [("城镇新增就业9000人，开展职业技能补贴培训6000人次。", "区人社局", "各镇街")]),
    (
        "3",
        "老街区复兴发展",
        "王涛",
        [
            ("完成历史文化街区修缮1处。", "区文体旅局", "区城投公司"),
            ("完成老街区道路整治5条。", "区住建局", "相关街道"),
        ],
    ),
    (
        "4",
        "优化养老服务",
        "张丽",
        [("为全区1.6万名老年人提供居家上门服务，对260户困难老人家庭进行适老化改造。", "区民政局", "各镇街")],
    ),
    ("5", "文体惠民行动", "王涛", [("新建城市书房3家，开展文旅惠民活动100场。", "区文体旅局", "各镇街")]),
    ("6", "改善交通出行", "赵军", [("新增公共停车泊位1200个。", "区住建局", "区公安分局")]),
]

WANGJIANG_MASTHEAD = [
    "望江区民生工作领导小组办公室文件",
    "望民生办〔2024〕3号",
    "望江区民生工作领导小组办公室关于印发2024年民生实事任务清单的通知",
    "各街道、区直各单位：",
    "现将《望江区2024年民生实事任务清单》印发给你们，请对照任务清单和推进措施，认真抓好落实。",
    "望江区民生工作领导小组办公室",
    "2024年3月12日",
]
WANGJIANG_TITLE = "望江区2024年民生实事任务清单"
WANGJIANG_HEADER = ["序号", "牵头单位", "实施内容", "推进措施", "备注"]
WANGJIANG_ROWS = [
    (
        "1",
        "区人社局",
        "促进重点群体稳定就业，新增城镇就业0.42万人，“三公里”充分就业社区数量达到城市社区的70%。",
        [
            "(1)开展“家门口”就业服务，每月至少组织1场专场招聘。",
            "(2)推进“三公里”就业圈提质增效，做好社区就业服务站点建设。",
            "(3)募集就业见习岗位120个，开发公益性岗位260个。",
        ],
        "",
    ),
    (
        "2",
        "区人社局",
        "支持毕业生求职创业，对符合条件的毕业生按1500元/人的标准发放求职创业补贴。",
        ["(1)通过部门信息共享审核申请信息。", "(2)补贴资金直补到人，发放到毕业生社会保障卡金融账户。"],
        "",
    ),
    (
        "3",
        "区商务局",
        "实施放心家政行动，培训家政服务人员2100人次，新增家政服务人员800人。",
        ["(1)实施家政服务员技能升级行动。", "(2)推动家政进社区。", "(3)开展家政企业信用评价。"],
        "",
    ),
    ("4", "", "实施农村敬老院运营服务能力提升，对公建公营敬老院给予运营补助。", [], "无任务"),
    (
        "5",
        "区卫生健康委员会",
        "实施出生缺陷防治提升行动，新生儿遗传代谢病筛查率和听力障碍筛查率分别达到98%和95%以上。",
        ["(1)落实免费筛查政策，做到应筛尽筛。", "(2)加强筛查阳性病例随访管理。", "(3)每季度开展一次质控督导。"],
        "",
    ),
    ("6", "区教体局", "实施乡村教师能力提升培训。", ["(1)按省统一部署组织参训。"], "省级任务为乡村教师全员培训"),
    (
        "7",
        "区教体局",
        "实施“安心托幼”行动，新增托位450个，公办园在园幼儿占比达到60%。",
        ["(1)3月底前下达托位建设任务。", "(2)9月底前完成新增托位验收。"],
        "",
    ),
    ("8", "区医保局", "实行异地就医直接结算“自助备案”。", ["(1)推广线上备案渠道。", "(2)开展政策宣传进社区。"], ""),
    (
        "9",
        "区市场监管局",
        "开展食品安全“你点我检”监督抽检300批次。",
        ["(1)征集群众点检需求。", "(2)抽检结果按季度向社会公开。"],
        "",
    ),
    ("10", "", "推动“快递进村”。", [], "属市级任务"),
]
WANGJIANG_TITLE2 = "区级重点民生实事（4项）"
WANGJIANG_HEADER2 = ["序号", "项目名称", "实施内容", "牵头单位", "完成时限"]
WANGJIANG_ROWS2 = [
    ("1", "城南中学扩建工程", "新建教学楼1栋，新增学位900个。", "区教体局", "8月底前"),
    ("2", "滨湖社区卫生服务中心", "建成社区卫生服务中心1个。", "区卫生健康委员会", "10月底前"),
    ("3", "老旧小区电梯加装", "为老旧住宅加装电梯40部。", "区住建局", "12月底前"),
    ("4", "口袋公园建设", "建设口袋公园6个。", "区城管局", "6月30日前"),
]
WANGJIANG_CC = ["抄送：区委办、区人大办、区政协办。", "望江区民生工作领导小组办公室          2024年3月12日印发"]

QISHAN_TITLE = "祁山县2025年民生工程目标任务表"
QISHAN_HEADER = ["序号", "类别", "项目名称", "目标任务", "牵头单位", "备注"]
# (序号, 类别 (first row of a category only), 项目名称, [目标任务…], 牵头单位, 备注)
QISHAN_ROWS = [
    (
        "1",
        "一、就业促进(3项)",
        "促进重点群体稳定就业",
        ["城镇新增就业1200人", "“三公里”充分就业社区5个"],
        "县人社局",
        "",
    ),
    ("2", "", "支持毕业生求职创业", ["按1500元/人标准发放求职创业补贴"], "县人社局", ""),
    ("3", "", "放心家政行动", ["培训家政服务人员650人次", "新增家政服务人员300人"], "县科商工信局", ""),
    (
        "4",
        "二、社会保障(3项)",
        "农村敬老院运营服务能力提升",
        ["改造提升公建公营敬老院4家"],
        "县民政局",
        "按照工程进度测算",
    ),
    ("5", "", "城乡公益性公墓建设管理", ["推进不少于6个城乡公益性公墓新建或改扩建"], "县民政局", "按照工程进度测算"),
    ("6", "", "长期护理保险制度建设", ["制定推进长期护理保险制度建设实施方案"], "县医保局", "省级任务"),
]

HUAIYANG_TITLE = "全市2024年实施民生实事年度目标任务"
HUAIYANG_HEADER = ["类别", "序号", "年度目标任务", "牵头单位"]
HUAIYANG_ROWS = [
    (
        "一、促进就业（3项）",
        [
            (
                "1",
                "促进重点群体稳定就业，新增城镇就业2.4万人左右，“三公里”充分就业社区数量达到城市社区的60%。",
                "市人力资源和社会保障局",
            ),
            (
                "2",
                "支持毕业生求职创业，对符合条件的毕业生按1500元/人的标准发放求职创业补贴。",
                "市人力资源和社会保障局",
            ),
            ("3", "实施放心家政行动，培训家政服务人员1.1万人次，新增家政服务人员4500人。", "市商务局"),
        ],
    ),
    (
        "二、社会保障（2项）",
        [
            ("4", "加强城乡低保人员和特困人员生活保障，规范确定和调整低保标准。", "市民政局"),
            ("5", "加强城乡公益性公墓建设管理，推进不少于5个城乡公益性公墓新建或改扩建。", "市民政局"),
        ],
    ),
    (
        "三、教育惠民（2项）",
        [
            ("6", "实施“安心托幼”行动，新增托位2100个。", "市教育体育局、市卫生健康委"),
            ("7", "实施中小学教室光环境改造，完成改造教室900间。", "市教育体育局"),
        ],
    ),
]

KEQIAO_TITLE = "2024年度省政府民生实事涉我区工作任务分解"
KEQIAO_HEADER = ["序号", "工作任务", "责任单位", "时间节点"]
KEQIAO_ROWS = [
    ("1", ["新改扩建公办中小学校2所", "新增学位1620个"], "教体局", "8月底前"),
    ("2", ["完成城乡义务教育共同体结对帮扶学校3所"], "教体局", "年底前"),
    ("3", ["新增婴幼儿托位500个"], "卫健局", "11月底前"),
    ("4", ["为0—3岁婴幼儿家庭提供入户指导服务1.1万人次"], "卫健局、妇联", "年底前"),
    ("5", ["新增城镇就业1.3万人", "帮助城镇失业人员再就业2800人"], "人力社保局", "12月底前"),
    ("6", ["改造提升农贸市场5家"], "市场监管分局", "10月底前"),
    ("7", ["新建城市公园绿地12公顷"], "综合执法局、自然资源和规划分局", "12月底前"),
]


HEYANG_TITLE = "2025年镇级民生实事项目表"
HEYANG_HEADER = ["序号", "项目名称", "建设内容", "责任单位", "完成时限"]
# a category is a row of its own, merged across the table
HEYANG_ROWS = [
    (
        "一、民生保障类（3项）",
        [
            ("1", "敬老院消防改造", "改造敬老院消防设施2处，配备微型消防站1个", "镇民政办", "6月30日前"),
            ("2", "临时救助", "对遭遇急难的困难群众及时给予临时救助，做到应救尽救", "镇民政办、镇财政所", "年底前"),
            ("3", "残疾人托养", "为36名重度残疾人提供集中或居家托养服务", "镇残联", "12月底前"),
        ],
    ),
    (
        "二、基础设施类（2项）",
        [
            ("4", "村组道路硬化", "硬化村组道路7.5公里", "镇建设办", "10月底前"),
            ("5", "农村饮水巩固提升", "新建蓄水池4座，更换供水管道12公里", "镇水利站", "9月底前"),
        ],
    ),
]

# A workbook with one sheet per attachment: the district's share of the city list, and its own list
LUOSHUI_SHEETS = [
    (
        "附件1",
        "洛水区2025年承担市级民生实事任务表",
        ["序号", "实施内容", "牵头单位", "配合单位", "备注"],
        [
            (1, "新增城镇就业2800人，城镇调查失业率控制在5.5%以内。", "区人社局", "各街道", None),
            (2, "新增普惠性托位320个。", "区卫健委", "区教体局", None),
            (3, "改造城镇老旧小区14个。", "区住建局", "各街道", None),
            (4, "实施农村电网巩固提升工程。", None, None, "无任务"),
            (5, "开展食品安全“你点我检”抽检180批次。", "区市场监管局", None, None),
        ],
    ),
    (
        "附件2",
        "洛水区2025年区级重点民生实事",
        ["序号", "项目名称", "建设内容", "牵头单位", "完成时限"],
        [
            (1, "洛水公园二期", "建设滨水步道3.2公里，新增停车泊位260个。", "区城管局", "9月底前"),
            (2, "第三中学新校区", "新建教学楼2栋，新增学位1350个。", "区教体局", "8月底前"),
            (3, "社区食堂", "新建社区食堂8个。", "区民政局", "6月30日前"),
        ],
    ),
]

# A long 分解表 (100 items over ten pages): the size of a city's list, for the readers and the
# speed target (a 10-page PDF table read in ≤ 1 s). Items are made from templates and places, so the
# truth is written here with the table rather than by hand.
LONG_NAME = "long-task-table"
LONG_TITLE = "安平市2026年民生实事项目任务分解表"
LONG_HEADER = ["序号", "项目名称", "目标任务", "牵头单位", "配合单位", "完成时限"]
LONG_PLACES = [
    "城东片区",
    "城西片区",
    "南湖街道",
    "北山街道",
    "高新区",
    "临港镇",
    "石门镇",
    "青龙乡",
    "白鹭湾",
    "老城区",
    "金沙湾",
]
LONG_DEADLINES = ["3月底前", "6月30日前", "9月底前", "10月底前", "11月底前", "12月底前", "年底前"]
# (项目名称, 目标任务 with {place} and {n}, unit of n, lead, partner, factor for n)
LONG_TEMPLATES = [
    (
        "口袋公园建设",
        "在{place}新建口袋公园{n}个，配套建设健身步道和休憩设施，方便周边居民就近休闲健身。",
        "个",
        "市城管局",
        "市住建局",
        2,
    ),
    (
        "老旧小区改造",
        "改造{place}老旧小区{n}个，同步完成雨污分流、屋面防水和消防通道整治。",
        "个",
        "市住建局",
        "属地街道",
        3,
    ),
    (
        "农贸市场提升",
        "改造提升{place}农贸市场{n}家，实现明码标价、智慧计量和食品快检全覆盖。",
        "家",
        "市商务局",
        "市市场监管局",
        1,
    ),
    (
        "社区助餐服务",
        "在{place}新增社区老年助餐点{n}个，为高龄、独居老人提供优惠助餐和送餐服务。",
        "个",
        "市民政局",
        "市财政局",
        2,
    ),
    (
        "公共停车泊位",
        "在{place}新增公共停车泊位{n}个，接入全市智慧停车平台，实现余位实时查询。",
        "个",
        "市公安局交警支队",
        "市城管局",
        150,
    ),
    (
        "充电设施建设",
        "在{place}建设电动自行车集中充电端口{n}个，消除楼道充电安全隐患。",
        "个",
        "市应急管理局",
        "市消防救援支队",
        300,
    ),
    (
        "学校扩容",
        "在{place}新建、改扩建中小学校{n}所，新增学位满足适龄儿童就近入学需求。",
        "所",
        "市教育局",
        "市发展改革委",
        1,
    ),
    ("托育服务", "在{place}新增普惠性托位{n}个，支持幼儿园开设2至3岁托班。", "个", "市卫生健康委", "市教育局", 80),
    ("供水管网改造", "改造{place}老旧供水管网{n}公里，解决高峰时段水压不足问题。", "公里", "市水务局", "市水务集团", 4),
    ("道路照明提升", "在{place}新增和更换道路照明灯具{n}盏，消除夜间照明盲区。", "盏", "市城管局", "市供电公司", 120),
    (
        "体育设施补短板",
        "在{place}新建或改造全民健身场地{n}处，配建笼式球场和健身路径。",
        "处",
        "市体育局",
        "属地街道",
        2,
    ),
    ("城市书房", "在{place}建成城市书房{n}家，实行通借通还和夜间开放。", "家", "市文化旅游局", "市图书馆", 1),
    ("背街小巷整治", "整治{place}背街小巷{n}条，完成路面修复、立面清洗和管线规整。", "条", "市城管局", "属地街道", 5),
    (
        "困难群众帮扶",
        "为{place}困难家庭实施居家适老化改造{n}户，安装扶手、防滑地面和紧急呼叫设备。",
        "户",
        "市民政局",
        "市残联",
        40,
    ),
    (
        "健康体检",
        "为{place}65岁及以上老年人免费健康体检{n}人次，建立电子健康档案。",
        "人次",
        "市卫生健康委",
        "属地卫生院",
        1500,
    ),
]


def long_items():
    """(序号, 名称, 目标任务, 牵头单位, 配合单位, 完成时限, (n, unit)) for the 100 items, always the same."""
    items = []
    for k in range(100):
        name, text, unit, lead, partner, factor = LONG_TEMPLATES[k % len(LONG_TEMPLATES)]
        place = LONG_PLACES[(k + 3 * (k // len(LONG_TEMPLATES))) % len(LONG_PLACES)]  # no template twice in a place
        n = factor * (1 + (k * 7 + k // len(LONG_TEMPLATES)) % 5)
        items.append(
            (
                str(k + 1),
                f"{place}{name}",
                text.format(place=place, n=n),
                lead,
                partner,
                LONG_DEADLINES[k % len(LONG_DEADLINES)],
                (n, unit),
            )
        )
    return items


def long_truth() -> dict:
    return {
        "year": 2026,
        "items": [
            {
                "match": content[:24],
                "category": None,
                "seq": seq,
                "name": name,
                "lead_units": [lead],
                "targets": [{"value": n, "unit": unit}],
                "deadline": deadline,
                "task_level": "local",
            }
            for seq, name, content, lead, partner, deadline, (n, unit) in long_items()
        ],
    }


# ---------------------------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------------------------


def _docx(font_size=12, landscape=False) -> DocxFile:
    return DocxFile(font="仿宋", size=font_size, landscape=landscape)


def _merged_down(r: int, count: int, cols) -> tuple[tuple[int, int, int, int], ...]:
    """序号 and other columns merged over an item's sub-task rows (from row r, `count` rows)."""
    return tuple((r, c, r + count - 1, c) for c in cols) if count > 1 else ()


def docx_qingxi(path: Path):
    doc = _docx()
    for i, line in enumerate(QINGXI_MASTHEAD):
        doc.para(line, center=i < 2, bold=i == 0)
    doc.para("附件")
    doc.para(QINGXI_TITLE, center=True, bold=True, size=16)
    rows: list = [list(QINGXI_HEADER)]
    merges: tuple = ()
    for seq, parts, units in QINGXI_ROWS:
        merges += _merged_down(len(rows), len(parts), (0, 2))  # 序号 and 责任单位 over the sub-task rows
        for k, (content, deadline) in enumerate(parts):
            rows.append([seq if k == 0 else "", content, list(units) if k == 0 else "", deadline])
    doc.table(rows, merges, widths_mm=[14, 80, 38, 30], header=True)
    doc.save(path)


def docx_changqiao(path: Path):
    doc = _docx(11, landscape=True)
    doc.para("附件")
    doc.para(CHANGQIAO_TITLE, center=True, bold=True, size=16)
    rows: list = [list(CHANGQIAO_HEADER)]
    merges: tuple = ()
    for seq, name, leader, parts in CHANGQIAO_ROWS:
        merges += _merged_down(len(rows), len(parts), (0, 1, 3))
        for k, (content, lead, partner) in enumerate(parts):
            rows.append([seq, name, content, leader, lead, partner] if k == 0 else ["", "", content, "", lead, partner])
    doc.table(rows, merges, widths_mm=[13, 36, 105, 26, 30, 35], header=True)
    doc.save(path)


def docx_wangjiang(path: Path):
    doc = _docx(landscape=True)
    for i, line in enumerate(WANGJIANG_MASTHEAD):
        doc.para(line, center=i < 3, bold=i in (0, 2))
    doc.para("附件2")
    doc.para(WANGJIANG_TITLE, center=True, bold=True, size=16)
    rows: list = [list(WANGJIANG_HEADER)]
    rows += [[seq, lead, content, list(measures), note] for seq, lead, content, measures, note in WANGJIANG_ROWS]
    doc.table(rows, widths_mm=[13, 30, 80, 90, 32], header=True)
    doc.para(WANGJIANG_TITLE2, center=True, bold=True, size=14)
    doc.table(
        [list(WANGJIANG_HEADER2)] + [list(r) for r in WANGJIANG_ROWS2], widths_mm=[13, 50, 90, 50, 30], header=True
    )
    for line in WANGJIANG_CC:
        doc.para(line)
    doc.save(path)


def docx_heyang(path: Path):
    doc = _docx()
    doc.para(HEYANG_TITLE, center=True, bold=True, size=16)
    rows: list = [list(HEYANG_HEADER)]
    merges: tuple = ()
    for category, items in HEYANG_ROWS:
        merges += ((len(rows), 0, len(rows), 4),)  # the category row spans the table
        rows.append([category, "", "", "", ""])
        rows += [list(values) for values in items]
    doc.table(rows, merges, widths_mm=[13, 35, 75, 32, 25], header=True)
    doc.save(path)


def docx_from_text(name: str, path: Path):
    """A notice typed in Word as paragraphs: each line of the text version becomes a paragraph."""
    doc = _docx()
    for line in (OUT / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc.para(line.strip())
    doc.save(path)


# ---------------------------------------------------------------------------------------------
# PDF: ruled tables, header repeated on every page, page numbers in the footer
# ---------------------------------------------------------------------------------------------


def _styles():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=14)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=1)
    return body, cell, title


def _pdf(path: Path, story, page_size=A4, dash="—"):
    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 12)
        canvas.drawCentredString(
            page_size[0] / 2, 12 * mm, f"{dash}{doc.page}{dash}" if dash == "—" else f"- {doc.page} -"
        )
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=page_size,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=path.stem,
        author="msdesk tests",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _ruled(data, widths, spans=(), header_rows=1):
    table = Table(data, colWidths=widths, repeatRows=header_rows)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
    ]
    style += [("SPAN", a, b) for a, b in spans]
    table.setStyle(TableStyle(style))
    return table


def pdf_wangjiang(path: Path):
    body, cell, title = _styles()
    P = lambda text, st=cell: Paragraph(text, st)  # noqa: E731
    story = [
        P(WANGJIANG_MASTHEAD[0], title),
        P(WANGJIANG_MASTHEAD[1], body),
        Spacer(1, 6),
        P(WANGJIANG_MASTHEAD[2], title),
    ] + [P(line, body) for line in WANGJIANG_MASTHEAD[3:]]
    story += [Spacer(1, 12), P("附件2", body), P(WANGJIANG_TITLE, title)]
    data = [[P(h) for h in WANGJIANG_HEADER]]
    for seq, lead, content, measures, note in WANGJIANG_ROWS:
        data.append([P(seq), P(lead), P(content), P("<br/>".join(measures)), P(note)])
    width = landscape(A4)[0] - 40 * mm
    story.append(_ruled(data, [14 * mm, 32 * mm, 85 * mm, width - 171 * mm, 40 * mm]))
    story += [Spacer(1, 14), P(WANGJIANG_TITLE2, title)]
    data = [[P(h) for h in WANGJIANG_HEADER2]] + [[P(v) for v in row] for row in WANGJIANG_ROWS2]
    story.append(_ruled(data, [14 * mm, 50 * mm, width - 150 * mm, 50 * mm, 36 * mm]))
    story += [Spacer(1, 20)] + [P(line, body) for line in WANGJIANG_CC]
    _pdf(path, story, landscape(A4))


def pdf_qingxi(path: Path):
    body, cell, title = _styles()
    P = lambda text, st=cell: Paragraph(text, st)  # noqa: E731
    story = [P(QINGXI_MASTHEAD[0], title)] + [P(line, body) for line in QINGXI_MASTHEAD[1:]]
    story += [Spacer(1, 12), P("附件", body), P(QINGXI_TITLE, title)]
    data, spans = [[P(h) for h in QINGXI_HEADER]], []
    for seq, parts, units in QINGXI_ROWS:
        top = len(data)
        for k, (content, deadline) in enumerate(parts):
            data.append([P(seq if k == 0 else ""), P(content), P("<br/>".join(units) if k == 0 else ""), P(deadline)])
        if len(parts) > 1:
            spans += [((0, top), (0, top + len(parts) - 1)), ((2, top), (2, top + len(parts) - 1))]
    story.append(_ruled(data, [14 * mm, 80 * mm, 42 * mm, 34 * mm], spans))
    _pdf(path, story, A4, dash="-")


def _tab_rows(name: str) -> tuple[str, list[str], list[list[str]]]:
    """Title, header and rows of a tab-separated notice: the header repeated on a later page is dropped, page
    numbers are dropped and a row cut inside a cell is joined back, so the PDF has one table row per item."""
    lines = [t for t in (OUT / f"{name}.txt").read_text(encoding="utf-8").splitlines() if t.strip()]
    title, header = lines[0], lines[1].split("\t")
    rows: list[list[str]] = []
    for line in lines[2:]:
        cells = line.split("\t")
        if cells == header or "\t" not in line:
            continue
        if rows and len(rows[-1]) < len(header):
            rows[-1] = rows[-1][:-1] + [rows[-1][-1] + cells[0]] + cells[1:]
        else:
            rows.append(cells)
    return title, header, rows


def pdf_from_tab_text(name: str, path: Path, widths_mm: list[float]):
    """A ruled table on landscape pages, the header repeated on every page, page numbers in the footer."""
    body, cell, title_style = _styles()
    title, header, rows = _tab_rows(name)
    P = lambda text, st=cell: Paragraph(text, st)  # noqa: E731
    data = [[P(h) for h in header]] + [[P(c) for c in row] for row in rows]
    _pdf(
        path, [P(title, title_style), Spacer(1, 8), _ruled(data, [w * mm for w in widths_mm])], landscape(A4), dash="-"
    )


def pdf_changqiao(path: Path):
    body, cell, title = _styles()
    P = lambda text, st=cell: Paragraph(text, st)  # noqa: E731
    story = [P("附件", body), P(CHANGQIAO_TITLE, title)]
    data, spans = [[P(h) for h in CHANGQIAO_HEADER]], []
    for seq, name, leader, parts in CHANGQIAO_ROWS:
        top = len(data)
        for k, (content, lead, partner) in enumerate(parts):
            first = k == 0
            data.append(
                [
                    P(seq if first else ""),
                    P(name if first else ""),
                    P(content),
                    P(leader if first else ""),
                    P(lead),
                    P(partner),
                ]
            )
        if len(parts) > 1:
            spans += [((c, top), (c, top + len(parts) - 1)) for c in (0, 1, 3)]
    width = landscape(A4)[0] - 40 * mm
    story.append(_ruled(data, [14 * mm, 40 * mm, width - 164 * mm, 30 * mm, 40 * mm, 40 * mm], spans))
    _pdf(path, story, landscape(A4))


def pdf_long(path: Path):
    body, cell, title = _styles()
    cell = ParagraphStyle("long", parent=cell, fontSize=12, leading=20)
    P = lambda text, st=cell: Paragraph(text, st)  # noqa: E731
    story = [P("附件", body), P(LONG_TITLE, title), Spacer(1, 6)]
    data = [[P(h) for h in LONG_HEADER]]
    data += [[P(v) for v in row[:6]] for row in long_items()]
    story.append(_ruled(data, [12 * mm, 28 * mm, 66 * mm, 26 * mm, 22 * mm, 16 * mm]))
    _pdf(path, story, A4)


def pdf_heyang(path: Path):
    body, cell, title = _styles()
    P = lambda text, st=cell: Paragraph(text, st)  # noqa: E731
    story = [P(HEYANG_TITLE, title), Spacer(1, 6)]
    data, spans = [[P(h) for h in HEYANG_HEADER]], []
    for category, items in HEYANG_ROWS:
        spans.append(((0, len(data)), (4, len(data))))
        data.append([P(category), "", "", "", ""])
        data += [[P(v) for v in values] for values in items]
    story.append(_ruled(data, [14 * mm, 32 * mm, 66 * mm, 32 * mm, 26 * mm], spans))
    _pdf(path, story, A4)


# ---------------------------------------------------------------------------------------------
# Excel: shapes that are not msdesk's own project-list template
# ---------------------------------------------------------------------------------------------

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _sheet(title: str, header: list[str], widths: list[int]):
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.cell(1, 1).font = Font(name="宋体", size=16, bold=True)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.append(header)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + col)].width = width
        ws.cell(2, col).font = Font(name="黑体", bold=True)
    return wb, ws


def _box_all(ws):
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.border = _BOX
            c.alignment = Alignment(wrap_text=True, vertical="center")


def xlsx_qishan(path: Path):
    wb, ws = _sheet(QISHAN_TITLE, QISHAN_HEADER, [6, 16, 24, 40, 14, 18])
    category_start = None
    for seq, category, name, targets, lead, note in QISHAN_ROWS:
        top = ws.max_row + 1
        for k, target in enumerate(targets):
            ws.append(
                [
                    seq if k == 0 else None,
                    category if k == 0 else None,
                    name if k == 0 else None,
                    target,
                    lead if k == 0 else None,
                    note if k == 0 else None,
                ]
            )
        bottom = ws.max_row
        if len(targets) > 1:
            for col in (1, 3, 5, 6):
                ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
        if category:  # the category cell is merged down over all rows of its category
            if category_start:
                ws.merge_cells(start_row=category_start, start_column=2, end_row=top - 1, end_column=2)
            category_start = top
    ws.merge_cells(start_row=category_start, start_column=2, end_row=ws.max_row, end_column=2)
    _box_all(ws)
    wb.save(path)


def xlsx_huaiyang(path: Path):
    wb, ws = _sheet(HUAIYANG_TITLE, HUAIYANG_HEADER, [14, 6, 60, 24])
    for category, rows in HUAIYANG_ROWS:
        top = ws.max_row + 1
        for k, (seq, content, lead) in enumerate(rows):
            ws.append([category if k == 0 else None, int(seq), content, lead])
        ws.merge_cells(start_row=top, start_column=1, end_row=ws.max_row, end_column=1)
    _box_all(ws)
    wb.save(path)


def xlsx_keqiao(path: Path):
    wb, ws = _sheet(KEQIAO_TITLE, KEQIAO_HEADER, [6, 48, 28, 14])
    for seq, tasks, units, deadline in KEQIAO_ROWS:
        for k, task in enumerate(tasks):  # a second target on a row of its own, other cells empty
            ws.append([int(seq) if k == 0 else None, task, units if k == 0 else None, deadline if k == 0 else None])
    _box_all(ws)
    wb.save(path)


def xlsx_luoshui(path: Path):
    wb = Workbook()
    wb.remove(wb.active)
    for sheet_name, title, header, rows in LUOSHUI_SHEETS:
        ws = wb.create_sheet(sheet_name)
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.cell(1, 1).font = Font(name="宋体", size=16, bold=True)
        ws.append(header)
        for col, width in enumerate([6, 30, 40, 14, 12][: len(header)], start=1):
            ws.column_dimensions[chr(64 + col)].width = width
        for row in rows:
            ws.append(list(row))
        _box_all(ws)
    wb.save(path)


def xlsx_long(path: Path):
    wb, ws = _sheet(LONG_TITLE, LONG_HEADER, [6, 22, 60, 18, 16, 12])
    for row in long_items():
        ws.append([int(row[0]), *row[1:6]])
    _box_all(ws)
    wb.save(path)


# ---------------------------------------------------------------------------------------------
# OFD (GB/T 33190): a zip of XML pages whose text sits in positioned TextObjects
# ---------------------------------------------------------------------------------------------

OFD_NS = "http://www.ofdspec.org/2016"
OFD_CHARS = 28  # characters per printed line (a 4.2 mm 仿宋 line on A4 with margins)
OFD_LINES = 26  # lines per page, so a notice runs over two pages


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _ofd_page(lines: list[str], page_no: int, next_id: int) -> tuple[str, int]:
    """A page: every printed line split into up to three TextObjects on one baseline, as OFD
    writers emit runs, plus the page number — N — at the foot."""
    size, top, left = 4.2, 30.0, 27.0
    objects = []
    for row, line in enumerate(lines + ["", f"— {page_no} —"]):
        if not line:
            continue
        y = top + row * size * 1.6 if row < len(lines) else 280.0
        x0 = left if row < len(lines) else 95.0
        cuts = [0, len(line)] if len(line) < 12 else [0, len(line) // 3, 2 * len(line) // 3, len(line)]
        for a, b in zip(cuts, cuts[1:]):
            run = line[a:b]
            width = size * len(run)
            objects.append(
                f'<ofd:TextObject ID="{next_id}" Boundary="{x0 + a * size:.2f} {y:.2f} {width:.2f} {size * 1.4:.2f}" '
                f'Font="2" Size="{size}"><ofd:TextCode X="0" Y="{size:.2f}" '
                f'DeltaX="g {max(len(run) - 1, 0)} {size}">{_xml_escape(run)}</ofd:TextCode></ofd:TextObject>'
            )
            next_id += 1
    body = "".join(objects)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
        f'<ofd:Layer ID="{next_id}">{body}</ofd:Layer></ofd:Content></ofd:Page>'
    )
    return xml, next_id + 1


def ofd_from_text(name: str, path: Path):
    import zipfile

    printed = []
    for line in (OUT / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        while len(line) > OFD_CHARS:  # the printed page wraps long paragraphs
            cut = OFD_CHARS + (line[OFD_CHARS] in "，。、；：）》”")  # no line starts with a closing mark
            printed.append(line[:cut])
            line = line[cut:]
        printed.append(line)
    pages = [printed[i : i + OFD_LINES] for i in range(0, len(printed), OFD_LINES)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" '
            f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>{name}</ofd:DocID>'
            f"<ofd:Creator>msdesk tests</ofd:Creator></ofd:DocInfo>"
            f"<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        z.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
            f"<ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea>"
            f"<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        z.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" '
            f'BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="仿宋" '
            f'FamilyName="仿宋"/></ofd:Fonts></ofd:Res>',
        )
        next_id = 100
        for i, lines in enumerate(pages):
            xml, next_id = _ofd_page(lines, i + 1, next_id)
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", xml)


# ---------------------------------------------------------------------------------------------

DOCUMENTS = {
    "cells-one-per-line.docx": docx_qingxi,
    "cells-one-per-line.pdf": pdf_qingxi,
    "project-table-subrows.docx": docx_changqiao,
    "project-table-subrows.pdf": pdf_changqiao,
    "pdf-task-table.docx": docx_wangjiang,
    "pdf-task-table.pdf": pdf_wangjiang,
    "yi-items-with-measures.docx": lambda p: docx_from_text("yi-items-with-measures", p),
    "keyword-blocks-schedule.docx": lambda p: docx_from_text("keyword-blocks-schedule", p),
    "small-stop-lead-labels.docx": lambda p: docx_from_text("small-stop-lead-labels", p),
    "division-label-lines.ofd": lambda p: ofd_from_text("division-label-lines", p),
    "investment-plan-table.pdf": lambda p: pdf_from_tab_text("investment-plan-table", p, [14, 40, 90, 24, 30, 36, 30]),
    "pipe-rows-category-rows.docx": docx_heyang,
    "pipe-rows-category-rows.pdf": pdf_heyang,
    "workbook-two-sheets.xlsx": xlsx_luoshui,
    "long-task-table.pdf": pdf_long,
    "long-task-table.xlsx": xlsx_long,
    "province-bracket-labels.ofd": lambda p: ofd_from_text("province-bracket-labels", p),
    "multi-target-rows.xlsx": xlsx_qishan,
    "category-column-web-table.xlsx": xlsx_huaiyang,
    "pipe-table-subrows.xlsx": xlsx_keqiao,
}


FIXED_TIME = (2025, 1, 1, 0, 0, 0)
_W3CDTF = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def freeze_zip(path: Path):
    """Rewrite a .docx/.xlsx/.ofd with fixed entry times and document dates, so running the
    script again gives byte-identical files and no spurious diffs."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        entries = [(info.filename, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = _W3CDTF.sub(b"2025-01-01T00:00:00Z", data)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def document_text(path: Path) -> str:
    """All text of a generated document, to check it against the truth (PDF cells wrap, so no PDF)."""
    if path.suffix == ".docx":
        parts = paragraphs(path) + [c for t in tables(path) for row in t for c in row]
        return "\n".join(parts)
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        return "\n".join(
            str(v)
            for ws in load_workbook(path).worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    return ""


def main() -> int:
    problems = []
    truth = long_truth()
    lines = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in truth["items"])
    (OUT / f"{LONG_NAME}.truth.json").write_text(
        f'{{\n  "year": {truth["year"]},\n  "items": [\n{lines}\n  ]\n}}\n', encoding="utf-8"
    )
    for name, make in DOCUMENTS.items():
        path = OUT / name
        make(path)
        if path.suffix in (".docx", ".xlsx", ".ofd"):
            freeze_zip(path)
        stem = name.rsplit(".", 1)[0]
        truth = json.loads((OUT / f"{stem}.truth.json").read_text(encoding="utf-8"))
        text = _norm(document_text(path))
        if text:
            problems += [f"{name}: {it['match']}" for it in truth["items"] if _norm(it["match"]) not in text]
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    for p in problems:
        print("truth text not in the document:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
