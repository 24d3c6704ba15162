"""报送 → 导入进展表 / 生成进展表模板: preview every row, refuse bad cells, import, show the source."""

from __future__ import annotations

import pytest

from msdesk.session import Session
from tests import _package_fixtures as F
from tests._progress_table_fixtures import fill, hand_made
from tests.gui_helpers import shot
from ui.progress_import_dialog import ProgressImportDialog, ProgressTemplateDialog


@pytest.fixture
def net(tmp_path):
    n = F.build_district(tmp_path / "区")
    yield n
    n.close()


def cells(table, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_template_then_preview_and_import(qtbot, app_style, net, tmp_path):
    s, i = net.district, net.indicators
    maker = ProgressTemplateDialog(Session(s, net.plan_id, "2023Q3"))
    qtbot.addWidget(maker)
    maker.target_box.setCurrentIndex(maker.target_box.findText("下级单位：宋疃镇"))
    out = maker.save(str(tmp_path / "宋疃镇.xlsx"))
    assert out.is_file() and "已生成宋疃镇2023年第3季度进展表" in maker.result.text()

    dialog = ProgressImportDialog(Session(s, net.plan_id, "2023Q3"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.target_box.setCurrentIndex(dialog.target_box.findText("下级单位：宋疃镇"))
    filled = fill(
        out,
        tmp_path / "宋疃镇填好.xlsx",
        {i["培训"]: 700, i["新增"]: 90, i["孤儿"]: "已完成"},
        {i["培训"]: {"progress_note": "已开班 7 期"}},
    )
    dialog.choose_file(str(filled))
    assert cells(dialog.table, 0) == ["已对应", "已对应", "已对应", "已对应", "跳过"]
    assert cells(dialog.table, 4)[:4] == ["培训家政服务人员", "新增家政服务人员", "残疾人康复救助", "孤儿保障"]
    assert cells(dialog.table, 7)[:4] == ["700", "90", "", "已完成"]
    assert "对应 4 行，未对应 0 行" in dialog.summary.text() and "将修改 5 个数值" in dialog.summary.text()
    assert dialog.import_btn.isEnabled()
    shot(dialog, "progress-import-preview")
    with qtbot.waitSignal(dialog.imported, timeout=5000) as signal:
        dialog.import_btn.click()
    assert signal.args[0].startswith("已导入宋疃镇")
    assert "已导入宋疃镇2023年第3季度进展表（未签名）" in dialog.result.text()
    town = net.township_ids["宋疃镇"]
    got = {r["indicator_id"]: (r["actual"], r["actual_text"]) for r in s.rows("progress", "office_id = ?", [town])}
    assert got == {i["培训"]: (700, None), i["新增"]: (90, None), i["孤儿"]: (None, "已完成")}
    assert not dialog.import_btn.isEnabled()


def test_preview_shows_unmatched_rows_and_cell_errors_and_blocks_import(qtbot, app_style, net, tmp_path):
    s = net.district
    path = hand_made(
        tmp_path / "手工.xlsx",
        ["古饶镇2023年第3季度进展情况"],
        ["序号", "指标", "累计完成", "完成率", "进展情况"],
        [
            [3, "培训家政服务人员", "一千", None, "已开班"],
            [3, "新增家政服务人员", 100, "90%", None],
            [42, "自定指标", 5, None, None],
            ["合计", None, 105, None, None],
        ],
    )
    dialog = ProgressImportDialog(Session(s, net.plan_id, "2023Q3"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose_file(str(path))
    assert cells(dialog.table, 0) == ["错误", "错误", "未对应", "跳过"]
    notes = cells(dialog.table, 8)
    assert "C3：累计完成“一千”不是数字" in notes[0]
    assert "D4：完成率 90% 与累计完成 100 ÷ 目标 216 = 46.3% 不符" in notes[1]
    assert "第42项不在古饶镇的任务中" in notes[2] and notes[3] == "合计行"
    assert "有 2 处错误" in dialog.summary.text()
    assert not dialog.import_btn.isEnabled()
    shot(dialog, "progress-import-errors")
    # the same table said to be for 2023Q2: refused by the title cell
    dialog.period_box.setCurrentIndex(dialog.period_box.findData("2023Q2"))
    assert "A1 单元格写的报告期是" in dialog.summary.text()
    assert not s.rows("progress")


def test_rollup_status_says_a_table_is_unsigned(qtbot, app_style, net, tmp_path):
    """The existing 汇总 dialog's 说明 column shows the source of a table's figures."""
    from msdesk.progress_table import import_table, resolve_scope, write_template
    from ui.package.rollup import RollupDialog

    s, i = net.district, net.indicators
    scope = resolve_scope(s, None, "2023Q3", "古饶镇")
    filled = fill(write_template(scope, tmp_path / "t.xlsx"), tmp_path / "f.xlsx", {i["培训"]: 600, i["康复"]: 80})
    import_table(s, scope, filled)

    dialog = RollupDialog(Session(s, net.plan_id, "2023Q3"))
    qtbot.addWidget(dialog)
    dialog.show()
    names = cells(dialog.status_table, 0)
    row = names.index("古饶镇")
    assert dialog.status_table.item(row, 5).text() == "Excel 进展表，未签名"
    assert dialog.status_rows[row]["source"] == "Excel 进展表（未签名）"
    shot(dialog, "progress-rollup-source")


def test_lead_unit_template_and_import_from_the_dialogs(qtbot, app_style, net, tmp_path):
    s, i = net.district, net.indicators
    maker = ProgressTemplateDialog(Session(s, net.plan_id, "2023Q3"))
    qtbot.addWidget(maker)
    maker.target_box.setCurrentIndex(maker.target_box.findText("牵头单位：区商务局"))
    out = maker.save(str(tmp_path / "区商务局.xlsx"))
    filled = fill(
        out,
        tmp_path / "区商务局填好.xlsx",
        {i["培训"]: 3000, i["新增"]: 600},
        {i["培训"]: {"progress_note": "全区培训 3000 人次", "problems": "师资紧张"}},
    )
    dialog = ProgressImportDialog(Session(s, net.plan_id, "2023Q3"))
    qtbot.addWidget(dialog)
    dialog.target_box.setCurrentIndex(dialog.target_box.findText("牵头单位：区商务局"))
    dialog.choose_file(str(filled))
    assert cells(dialog.table, 4) == ["培训家政服务人员", "新增家政服务人员", ""]
    assert dialog.do_import()
    assert "记为本单位进度" in dialog.result.text()
    me = s.rows("offices", "is_self = 1")[0]["id"]
    got = {r["indicator_id"]: r["actual"] for r in s.rows("progress", "office_id = ?", [me])}
    assert got == {i["培训"]: 3000, i["新增"]: 600}
    report = s.rows("project_reports", "office_id = ?", [me])[0]
    assert (report["progress_note"], report["problems"]) == ("全区培训 3000 人次", "师资紧张")


def test_报送_menu_opens_both_dialogs_on_the_window_plan_and_period(qtbot, win, tmp_path):
    win.set_period("2023Q2")
    win.actions_["progress_template"].trigger()
    maker = win.package_dialog
    assert isinstance(maker, ProgressTemplateDialog) and maker.isVisible()
    assert maker.period_box.currentData() == "2023Q2"
    maker.target_box.setCurrentIndex(maker.target_box.findText("下级单位：宋疃镇"))
    out = maker.save(str(tmp_path / "宋疃镇.xlsx"))
    assert out.is_file() and "宋疃镇2023年第2季度进展表" in maker.result.text()
    maker.close()
    win.actions_["progress_import"].trigger()
    dialog = win.package_dialog
    assert isinstance(dialog, ProgressImportDialog) and dialog.isVisible()
    assert dialog.period_code == "2023Q2" and dialog.plan_id == win.session.plan_id
    dialog.close()
