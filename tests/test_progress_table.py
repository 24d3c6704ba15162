"""进展表 in Excel: template → filled → import, hand-made layouts, refusals, re-import, lead units.

Every test builds a real district file (tests/_package_fixtures), writes real .xlsx files and
checks the figures that land in the database, one by one.
"""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from msdesk import backup, progress
from msdesk.package import rollup
from msdesk.progress_table import data_sources, import_table, preview_table, resolve_scope, write_template
from msdesk.progress_table.apply import TableRefused
from msdesk.progress_table.sources import OWN, SIGNED, TABLE
from msdesk.progress_table.template import COL, FIRST_ROW, HEADER_ROW
from tests import _package_fixtures as F
from tests._progress_table_fixtures import fill, hand_made, libreoffice_resave

Q3 = "2023Q3"


@pytest.fixture
def net(tmp_path):
    n = F.build_district(tmp_path / "区")
    yield n
    n.close()


def figures(store, office_id, period=Q3) -> dict:
    rows = store.query(
        "SELECT g.indicator_id, g.actual, g.actual_text, g.done FROM progress g JOIN periods d"
        " ON d.id = g.period_id WHERE g.office_id = ? AND d.code = ? AND g.deleted = 0",
        [office_id, period],
    )
    return {r["indicator_id"]: (r["actual"], r["actual_text"], r["done"]) for r in rows}


def reports(store, office_id, period=Q3) -> dict:
    rows = store.query(
        "SELECT r.* FROM project_reports r JOIN periods d ON d.id = r.period_id"
        " WHERE r.office_id = ? AND d.code = ? AND r.deleted = 0",
        [office_id, period],
    )
    return {r["project_id"]: r for r in rows}


def audit_count(store) -> int:
    return store.query("SELECT count(*) AS n FROM audit_log")[0]["n"]


def template(net, tmp_path, office="古饶镇", period=Q3, lead_unit=None):
    scope = resolve_scope(net.district, None, period, None if lead_unit else office, lead_unit)
    return scope, write_template(scope, tmp_path / f"{lead_unit or office}-{period}.xlsx")


# -- the template ------------------------------------------------------------------


def test_template_holds_the_office_share_previous_figures_locks_validation_and_print_setup(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["古饶镇"]
    with s.transaction():
        progress.set_actual(s, i["培训"], "2023Q2", 600, office_id=town)
    scope, path = template(net, tmp_path)
    ws = load_workbook(path).active
    assert ws.title == "进展情况表"
    assert ws["A1"].value == "古饶镇2023年民生实事第3季度进展情况表"
    assert ws["A2"].value == "填报单位：古饶镇" and ws["E2"].value.startswith("报告期：2023年第3季度")
    headers = [ws.cell(HEADER_ROW, c).value for c in range(1, 16)]
    assert headers[:8] == ["序号", "项目", "指标", "计量单位", "目标", "上期累计", "累计完成", "完成率"]
    by_id = {ws.cell(r, COL["id"]).value: r for r in range(FIRST_ROW, ws.max_row + 1)}
    # 古饶镇's shares from the 目标任务分解表, not the district's targets
    assert ws.cell(by_id[i["培训"]], COL["target"]).value == 1250
    assert ws.cell(by_id[i["新增"]], COL["target"]).value == 216
    assert ws.cell(by_id[i["康复"]], COL["target"]).value == 186
    assert ws.cell(by_id[i["孤儿"]], COL["target"]).value == "应保尽保"
    assert ws.cell(by_id[i["培训"]], COL["previous"]).value == 600
    assert ws.cell(by_id[i["新增"]], COL["previous"]).value is None
    # ids and targets locked, the figures to fill open; the sheet protected
    r = by_id[i["培训"]]
    assert ws.protection.sheet
    assert ws.cell(r, COL["id"]).protection.locked and ws.cell(r, COL["target"]).protection.locked
    assert not ws.cell(r, COL["actual"]).protection.locked and not ws.cell(r, COL["progress_note"]).protection.locked
    assert ws.column_dimensions["O"].hidden
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    actual_rule = next(dv for ref, dv in rules.items() if f"G{r}" in ref)
    assert (
        actual_rule.type == "decimal" and actual_rule.operator == "greaterThanOrEqual" and actual_rule.formula1 == "0"
    )
    # the qualitative row takes words: no number rule on it
    assert not any(f"G{by_id[i['孤儿']]}" in ref for ref in rules)
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$4:$4" or ws.print_title_rows == "4:4"
    # a project's two indicator rows share one merged 序号
    assert f"A{by_id[i['培训']]}:A{by_id[i['新增']]}" in {str(m) for m in ws.merged_cells.ranges}


def test_lead_unit_template_holds_only_its_projects_with_the_plan_targets(net, tmp_path):
    scope, path = template(net, tmp_path, lead_unit="区商务局")
    ws = load_workbook(path).active
    assert ws["A2"].value == "牵头单位：区商务局"
    ids = [ws.cell(r, COL["id"]).value for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, COL["id"]).value]
    assert ids == [net.indicators["培训"], net.indicators["新增"]]
    assert [ws.cell(FIRST_ROW + k, COL["target"]).value for k in (0, 1)] == [3750, 650]


# -- round trips --------------------------------------------------------------------


def test_template_filled_with_openpyxl_imports_every_figure_once(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["古饶镇"]
    scope, path = template(net, tmp_path)
    filled = fill(
        path,
        tmp_path / "填好.xlsx",
        {i["培训"]: 900, i["新增"]: "120", i["康复"]: 140.5, i["孤儿"]: "已完成"},
        {
            i["培训"]: {
                "progress_note": "已培训 900 人次",
                "problems": "场地不足",
                "next_steps": "四季度加开两期",
                "funds_planned": 30,
                "funds_received": 20.5,
                "funds_spent": 12,
            }
        },
    )
    before = audit_count(s)
    outcome = import_table(s, scope, filled)
    assert outcome.written and outcome.backup is None  # only added figures: nothing to back up
    assert figures(s, town) == {
        i["培训"]: (900, None, 0),
        i["新增"]: (120, None, 0),
        i["康复"]: (140.5, None, 0),
        i["孤儿"]: (None, "已完成", 1),
    }
    rep = reports(s, town)[net.projects["3"]]
    assert (rep["progress_note"], rep["problems"], rep["next_steps"]) == (
        "已培训 900 人次",
        "场地不足",
        "四季度加开两期",
    )
    assert (rep["funds_planned"], rep["funds_received"], rep["funds_spent"]) == (30, 20.5, 12)
    assert audit_count(s) > before
    sub = s.rows("submissions", "office_id = ?", [town])
    assert len(sub) == 1 and sub[0]["source"] == "table" and sub[0]["status"] == "accepted"
    assert json.loads(sub[0]["manifest_json"])["file"] == "填好.xlsx"
    assert [r.how for r in outcome.preview.matched] == ["指标编号"] * 4
    # the roll-up counts the table like a package
    totals = {r.indicator["id"]: r.total for r in rollup.consolidated(s, net.plan_id, Q3)}
    assert totals[i["培训"]] == 900 and totals[i["康复"]] == 140.5

    # re-importing the same table: nothing written, no backup, no new submission
    backups = len(backup.list_backups(s.path))
    after = audit_count(s)
    again = import_table(s, scope, filled)
    assert not again.written and "未做任何修改" in again.message
    assert audit_count(s) == after and len(backup.list_backups(s.path)) == backups
    assert len(s.rows("submissions", "office_id = ?", [town], include_deleted=True)) == 1

    # a corrected table replaces a figure: backed up first, the earlier table superseded, both kept
    corrected = fill(filled, tmp_path / "更正.xlsx", {i["培训"]: 950})
    outcome = import_table(s, scope, corrected)
    assert outcome.written and outcome.backup.is_file() and outcome.preview.change_count == 1
    assert figures(s, town)[i["培训"]] == (950, None, 0) and figures(s, town)[i["新增"]] == (120, None, 0)
    history = s.rows("submissions", "office_id = ?", [town], order_by="version")
    assert [(h["version"], h["status"], h["source"]) for h in history] == [
        (1, "superseded", "table"),
        (2, "accepted", "table"),
    ]
    assert len(s.rows("table_imports", "office_id = ?", [town])) == 2


def test_a_table_saved_by_libreoffice_imports_with_its_computed_completion(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["宋疃镇"]
    scope, path = template(net, tmp_path, office="宋疃镇")
    filled = fill(
        path,
        tmp_path / "宋疃镇填好.xlsx",
        {i["培训"]: 1000, i["新增"]: 150, i["康复"]: 93, i["孤儿"]: "正在保障"},
        {i["康复"]: {"progress_note": "已救助 93 名", "funds_spent": 8.25}},
    )
    saved = libreoffice_resave(filled, tmp_path / "lo")
    ws = load_workbook(saved, data_only=True).active
    assert ws.cell(FIRST_ROW, COL["completion"]).value == pytest.approx(0.8)  # LibreOffice computed the rate
    # what the template set survives LibreOffice: protection, locks, number rules, A4 landscape, hidden ids
    assert ws.protection.sheet and ws.cell(FIRST_ROW, COL["target"]).protection.locked
    assert not ws.cell(FIRST_ROW, COL["actual"]).protection.locked
    assert any(dv.type == "decimal" and dv.formula1 == "0" for dv in ws.data_validations.dataValidation)
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["O"].hidden
    outcome = import_table(s, scope, saved)
    assert outcome.written and not outcome.preview.errors
    assert figures(s, town) == {
        i["培训"]: (1000, None, 0),
        i["新增"]: (150, None, 0),
        i["康复"]: (93, None, 0),
        i["孤儿"]: (None, "正在保障", 0),
    }
    rep = reports(s, town)[net.projects["7"]]
    assert rep["progress_note"] == "已救助 93 名" and rep["funds_spent"] == 8.25


# -- hand-made layouts -----------------------------------------------------------------


def test_hand_made_table_with_columns_reordered(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["烈山镇"]
    scope = resolve_scope(s, None, Q3, "烈山镇")
    path = hand_made(
        tmp_path / "烈山镇.xlsx",
        ["烈山镇2023年第三季度民生实事进展情况"],
        ["累计完成数", "指标名称", "存在问题", "序号", "进展情况", "完成率", "目标任务", "项目/实施内容"],
        [
            [1300, "培训家政服务人员", "", 3, "进展顺利", "104%", 1250, "培训家政服务人员"],
            [200, "新增家政服务人员", "", 3, "", 0.917, 218, ""],
            [187, "残疾人康复救助", "无", 7, "已全部救助", "100%", 187, "康复救助"],
            ["已完成", "孤儿保障", "", 6, "", "", "应保尽保", "孤儿应保尽保"],
        ],
    )
    outcome = import_table(s, scope, path)
    assert outcome.written
    assert figures(s, town) == {
        i["培训"]: (1300, None, 0),
        i["新增"]: (200, None, 0),
        i["康复"]: (187, None, 0),
        i["孤儿"]: (None, "已完成", 1),
    }
    assert [r.how for r in outcome.preview.matched] == ["序号+指标名称"] * 4
    assert reports(s, town)[net.projects["3"]]["progress_note"] == "进展顺利"
    assert reports(s, town)[net.projects["7"]]["problems"] is None  # “无” is no problem reported


def test_hand_made_table_with_a_merged_seq_category_and_notes_rows(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["古饶镇"]
    scope = resolve_scope(s, None, Q3, "古饶镇")
    path = hand_made(
        tmp_path / "合并.xlsx",
        ["古饶镇民生实事进展情况表", "填报单位：古饶镇    报告期：2023年第3季度"],
        ["序号", "项目", "指标", "目标", "累计完成", "进展情况", "下一步计划"],
        [
            ["一、促进就业"],
            ["（3）", "家政服务", "培训家政服务人员", 1250, 640, "上半年培训 640 人次", "继续开班"],
            [None, None, "新增家政服务人员", 216, 88, None, None],
            ["7", "残疾人康复", "残疾人康复救助", 186, 99, "按月救助", None],
            ["注：累计完成为年初至本季度末的累计数。"],
        ],
        merges=["A4:G4", "A5:A6", "B5:B6", "F5:F6", "G5:G6", "A9:G9"],
    )
    outcome = import_table(s, scope, path)
    assert outcome.written
    assert figures(s, town) == {i["培训"]: (640, None, 0), i["新增"]: (88, None, 0), i["康复"]: (99, None, 0)}
    rep = reports(s, town)
    assert rep[net.projects["3"]]["progress_note"] == "上半年培训 640 人次"
    assert rep[net.projects["3"]]["next_steps"] == "继续开班"
    assert rep[net.projects["7"]]["progress_note"] == "按月救助"
    skipped = [r.note for r in outcome.preview.rows if r.state == "skipped"]
    assert len(skipped) == 2 and not outcome.preview.unmatched


def test_hand_made_table_with_two_header_rows_and_a_totals_row(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["宋疃镇"]
    scope = resolve_scope(s, None, Q3, "宋疃镇")
    path = hand_made(
        tmp_path / "合计.xlsx",
        ["2023年第三季度进展情况表（宋疃镇）"],
        ["序号", "项目名称", "指标", "计量单位", "年度目标", "累计完成", "资金情况（万元）", None, None, "备注"],
        [
            [3, "家政", "培训家政服务人员", "人次", 1250, 500, 40, 30, 25.5, ""],
            [None, None, "新增家政服务人员", "人", 216, 60, None, None, None, ""],
            [7, "康复", "残疾人康复救助", "名", 186, 120, 10, 10, 9, ""],
            ["合计", None, None, None, None, 680, 50, 40, 34.5, ""],
            [99, "本镇自定项目", "自定指标", "个", 5, 3, None, None, None, "不在计划中"],
        ],
        second_header=[
            "序号",
            "项目名称",
            "指标",
            "计量单位",
            "年度目标",
            "累计完成",
            "计划投资",
            "到位资金",
            "已支出资金",
            "备注",
        ],
        merges=["G2:I2"],
    )
    outcome = import_table(s, scope, path)
    assert outcome.written
    assert figures(s, town) == {i["培训"]: (500, None, 0), i["新增"]: (60, None, 0), i["康复"]: (120, None, 0)}
    rep = reports(s, town)
    assert (
        rep[net.projects["3"]]["funds_planned"],
        rep[net.projects["3"]]["funds_received"],
        rep[net.projects["3"]]["funds_spent"],
    ) == (40, 30, 25.5)
    assert (rep[net.projects["7"]]["funds_planned"], rep[net.projects["7"]]["funds_spent"]) == (10, 9)
    states = {r.row: (r.state, r.note) for r in outcome.preview.rows}
    assert states[7] == ("skipped", "合计行")
    assert states[8][0] == "unmatched" and "第99项不在宋疃镇的任务中" in states[8][1]
    assert outcome.preview.table.ignored == ["备注"]


# -- refusals and cell errors -----------------------------------------------------------


def test_a_table_for_another_period_or_office_is_refused_with_the_cell(net, tmp_path):
    s, i = net.district, net.indicators
    _scope, path = template(net, tmp_path, office="古饶镇", period="2023Q2")
    filled = fill(path, tmp_path / "二季度.xlsx", {i["培训"]: 500})
    before = audit_count(s)
    with pytest.raises(TableRefused) as exc:
        import_table(s, resolve_scope(s, None, Q3, "古饶镇"), filled)
    assert "E2 单元格写的报告期是“2023年第2季度”，不是2023年第3季度" in exc.value.message
    with pytest.raises(TableRefused) as exc:
        import_table(s, resolve_scope(s, None, "2023Q2", "宋疃镇"), filled)
    assert "A2 单元格写的填报单位是“古饶镇”，不是宋疃镇" in exc.value.message
    assert audit_count(s) == before and not s.rows("submissions")


def test_bad_cells_explain_themselves_and_nothing_is_written(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["古饶镇"]
    with s.transaction():
        progress.set_actual(s, i["康复"], "2023Q2", 150, office_id=town)
    scope = resolve_scope(s, None, Q3, "古饶镇")
    path = hand_made(
        tmp_path / "错.xlsx",
        ["古饶镇进展表"],
        ["序号", "指标", "累计完成", "完成率", "计划投资"],
        [
            [3, "培训家政服务人员", "九百", None, "十万"],
            [3, "新增家政服务人员", 108, "80%", None],
            [7, "残疾人康复救助", 120, None, None],
        ],
    )
    before = audit_count(s)
    with pytest.raises(TableRefused) as exc:
        import_table(s, scope, path)
    errors = [str(e) for e in exc.value.preview.errors]
    assert errors[0] == "C3：累计完成“九百”不是数字，请只填写阿拉伯数字（可带小数点）。"
    assert errors[1] == "D4：完成率 80% 与累计完成 108 ÷ 目标 216 = 50.0% 不符，请核对累计完成或完成率。"
    assert errors[2] == "C5：累计完成 120 小于上期已报的 150。累计数只增不减，请核对。"
    assert errors[3].startswith("E3：计划投资“十万”不是数字")
    assert audit_count(s) == before and figures(s, town) == {}


def test_a_formula_without_a_saved_result_is_named_not_read_as_empty(net, tmp_path):
    """openpyxl and other programs write formulas without their result; reading such a cell as
    empty would drop the figure without a word. The cell is named; once the table has been opened
    and saved in an office suite, the computed figure imports."""
    s, i = net.district, net.indicators
    town = net.township_ids["古饶镇"]
    scope = resolve_scope(s, None, Q3, "古饶镇")
    path = hand_made(
        tmp_path / "公式.xlsx",
        ["古饶镇进展表"],
        ["序号", "指标", "累计完成"],
        [[3, "培训家政服务人员", "=400+500"], [7, "残疾人康复救助", 120]],
    )
    before = audit_count(s)
    with pytest.raises(TableRefused) as exc:
        import_table(s, scope, path)
    errors = [str(e) for e in exc.value.preview.errors]
    assert len(errors) == 1 and errors[0].startswith("C3：是公式（=400+500），但文件里没有保存计算结果")
    assert audit_count(s) == before and figures(s, town) == {}

    saved = libreoffice_resave(path, tmp_path / "lo")
    import_table(s, scope, saved)
    assert figures(s, town) == {i["培训"]: (900, None, 0), i["康复"]: (120, None, 0)}


def test_a_table_for_an_office_with_a_signed_package_is_refused(tmp_path):
    net = F.network(tmp_path / "网", townships=("古饶镇",))
    try:
        s, i = net.district, net.indicators
        F.enter_progress(net.townships["古饶镇"], net.plan_id, {i["培训"]: 700, i["康复"]: 90})
        from msdesk.package import import_submission

        assert import_submission(s, F.submit(net, "古饶镇").path).ok
        scope = resolve_scope(s, None, F.PERIOD, "古饶镇")
        _scope, path = template(net, tmp_path)
        with pytest.raises(TableRefused) as exc:
            import_table(s, scope, fill(path, tmp_path / "f.xlsx", {i["培训"]: 800}))
        assert "已有签名报送包" in exc.value.message
        assert figures(s, net.township_ids["古饶镇"])[i["培训"]][0] == 700
    finally:
        net.close()


# -- msdesk's own 进展情况表, alone and inside a package; a signed package supersedes --------


def test_exported_progress_table_and_package_member_import_then_a_signed_package_supersedes(tmp_path):
    from msdesk.export import export_tables
    from msdesk.package import import_submission
    from msdesk.package.build import _rollup_note

    net = F.network(tmp_path / "网", townships=("古饶镇", "宋疃镇"))
    try:
        s, i = net.district, net.indicators
        F.enter_progress(
            net.townships["古饶镇"],
            net.plan_id,
            {i["培训"]: 910, i["新增"]: 101, i["康复"]: 77, i["孤儿"]: True},
            note="镇里已推进",
        )
        F.enter_progress(net.townships["宋疃镇"], net.plan_id, {i["培训"]: 620, i["新增"]: 90, i["康复"]: 55})
        exported = export_tables(
            net.townships["古饶镇"], net.plan_id, F.PERIOD, tmp_path / "导出", tables=("progress",), formats=("xlsx",)
        )[0]
        gurao, songtuan = net.township_ids["古饶镇"], net.township_ids["宋疃镇"]
        outcome = import_table(s, resolve_scope(s, None, F.PERIOD, "古饶镇"), exported)
        assert outcome.written
        assert figures(s, gurao) == {
            i["培训"]: (910, None, 0),
            i["新增"]: (101, None, 0),
            i["康复"]: (77, None, 0),
            i["孤儿"]: (None, "已全部保障", 1),
        }
        assert reports(s, gurao)[net.projects["3"]]["progress_note"] == "镇里已推进"
        # 宋疃镇's signed package, read as a table (its 进展情况表 member): unsigned figures
        package = F.submit(net, "宋疃镇", tmp_path / "包").path
        outcome = import_table(s, resolve_scope(s, None, F.PERIOD, "宋疃镇"), package)
        assert outcome.written and outcome.preview.table.sheet == "第3季度进展情况表"
        assert outcome.preview.table.source.startswith(package.name + " › ")
        assert figures(s, songtuan) == {i["培训"]: (620, None, 0), i["新增"]: (90, None, 0), i["康复"]: (55, None, 0)}
        sources = {r["office"]["name"]: r["source"] for r in data_sources(s, F.PERIOD)}
        assert sources == {"古饶镇": TABLE, "宋疃镇": TABLE}
        assert {r["office"]["name"]: r["source"] for r in rollup.submission_status(s, F.PERIOD)} == sources
        assert _rollup_note(s, net_period())["unsigned_offices"] == ["古饶镇", "宋疃镇"]
        # now the same package is imported as a signed package: it supersedes the table
        result = import_submission(s, package)
        assert result.ok, result.message
        history = s.rows("submissions", "office_id = ?", [songtuan], order_by="received_at")
        assert [(h["source"], h["status"]) for h in history] == [("table", "superseded"), ("package", "accepted")]
        row = next(r for r in data_sources(s, F.PERIOD) if r["office"]["name"] == "宋疃镇")
        assert row["source"] == SIGNED and row["signed"] and len(row["history"]) == 2
        # the district's own package upward says which figures came unsigned
        from msdesk.package import export_submission
        from msdesk.package.zipio import read_members

        upward = export_submission(s, F.PERIOD, tmp_path / "上报", F.PASS)
        note = json.loads(read_members(upward.path)["data.json"])
        assert note["unsigned_offices"] == ["古饶镇"]
        assert {r["office"]: (r["source"], r["signed"]) for r in note["rollup"]} == {
            "古饶镇": (TABLE, False),
            "宋疃镇": (SIGNED, True),
        }
    finally:
        net.close()


def net_period():
    from msdesk.periods import parse_period

    return parse_period(F.PERIOD)


def test_typed_figures_show_as_own_entry(net):
    s, i = net.district, net.indicators
    with s.transaction():
        progress.set_actual(s, i["培训"], Q3, 10, office_id=net.township_ids["烈山镇"])
    sources = {r["office"]["name"]: r["source"] for r in data_sources(s, Q3)}
    assert sources == {"古饶镇": "", "宋疃镇": "", "烈山镇": OWN}


# -- lead units --------------------------------------------------------------------------


def test_lead_unit_table_lands_as_the_district_own_progress(net, tmp_path):
    s, i = net.district, net.indicators
    me = s.rows("offices", "is_self = 1")[0]["id"]
    scope, path = template(net, tmp_path, lead_unit="区商务局")
    filled = fill(
        path,
        tmp_path / "商务局.xlsx",
        {i["培训"]: 2900, i["新增"]: 500},
        {i["培训"]: {"progress_note": "全区已培训 2900 人次", "problems": "培训机构不足"}},
    )
    outcome = import_table(s, scope, filled)
    assert outcome.written and outcome.submission_id is None
    assert figures(s, me) == {i["培训"]: (2900, None, 0), i["新增"]: (500, None, 0)}
    rep = reports(s, me)[net.projects["3"]]
    assert (rep["progress_note"], rep["problems"]) == ("全区已培训 2900 人次", "培训机构不足")
    assert not s.rows("submissions")
    log = s.rows("table_imports")
    assert [(r["lead_unit"], r["office_id"], r["changed_values"]) for r in log] == [("区商务局", me, 4)]
    # another lead unit's table is refused by the cell that names it
    other, other_path = template(net, tmp_path, lead_unit="区残联")
    with pytest.raises(TableRefused) as exc:
        import_table(s, scope, fill(other_path, tmp_path / "残联.xlsx", {i["康复"]: 300}))
    assert "A2 单元格写的牵头单位是“区残联”，不是区商务局" in exc.value.message


def test_preview_lists_every_row_and_writes_nothing(net, tmp_path):
    s, i = net.district, net.indicators
    scope, path = template(net, tmp_path)
    filled = fill(path, tmp_path / "f.xlsx", {i["培训"]: 300})
    before = audit_count(s)
    preview = preview_table(s, scope, filled)
    assert audit_count(s) == before
    assert [(r.state, r.indicator, r.new) for r in preview.rows if r.state == "matched"] == [
        ("matched", "培训家政服务人员", "300"),
        ("matched", "新增家政服务人员", ""),
        ("matched", "残疾人康复救助", ""),
        ("matched", "孤儿保障", ""),
    ]
    assert preview.change_count == 1 and preview.ok


def _cells_openpyxl(path) -> dict:
    wb = load_workbook(path, data_only=True)
    return {
        ws.title: {
            (r, c): v
            for r, row in enumerate(ws.iter_rows(values_only=True), 1)
            for c, v in enumerate(row, 1)
            if v is not None
        }
        for ws in wb.worksheets
    }


def _cells_fast(path) -> dict:
    """The quick reader's values; a formula without a saved result (openpyxl reads None) is kept as
    its formula text, so that the preview can name it, and left out here."""
    from msdesk.progress_table.xlsx_values import Unsaved, read_sheets

    return {
        name: {
            (r, c): v
            for r, row in enumerate(rows, 1)
            for c, v in enumerate(row, 1)
            if v is not None and not isinstance(v, Unsaved)
        }
        for name, rows, _merges in read_sheets(path.read_bytes())
    }


def test_quick_reader_reads_what_openpyxl_reads(net, tmp_path):
    """The XML reader behind the import gives the same values as openpyxl, for our template,
    the same saved by LibreOffice, and msdesk's exported workbook of all three tables."""
    from msdesk.export import export_tables

    s, i = net.district, net.indicators
    with s.transaction():
        progress.set_actual(s, i["培训"], Q3, 1234.5)
        progress.set_report_field(s, net.projects["3"], Q3, "progress_note", "=不是公式\n第二行")
    _scope, path = template(net, tmp_path)
    filled = fill(path, tmp_path / "f.xlsx", {i["培训"]: 12.25, i["孤儿"]: "已完成"})
    saved = libreoffice_resave(filled, tmp_path / "lo")
    exported = export_tables(s, net.plan_id, Q3, tmp_path / "导出", formats=("xlsx",))[0]
    for book in (filled, saved, exported):
        assert _cells_fast(book) == _cells_openpyxl(book), book.name


def test_qualitative_words_are_kept_as_written_and_done_only_when_they_say_so(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["古饶镇"]
    scope, path = template(net, tmp_path)
    import_table(s, scope, fill(path, tmp_path / "a.xlsx", {i["孤儿"]: "已完成摸底，正在发放（第一批）"}))
    assert figures(s, town)[i["孤儿"]] == (None, "已完成摸底，正在发放（第一批）", 0)
    import_table(s, scope, fill(path, tmp_path / "b.xlsx", {i["孤儿"]: "已完成。"}))
    assert figures(s, town)[i["孤儿"]] == (None, "已完成。", 1)


@pytest.mark.parametrize(
    "label, key",
    [
        ("序号", "seq"),
        ("项目/实施内容", "project"),
        ("项目名称及主要内容", "project"),
        ("实施内容", "project"),
        ("指标名称", "indicator"),
        ("目标任务", "target"),
        ("年度目标任务数", "target"),
        ("目标值（人）", "target"),
        ("累计完成", "actual"),
        ("本期累计完成数", "actual"),
        ("累计\n完成", "actual"),
        ("完成数", "actual"),
        ("完成率（%）", "completion"),
        ("上期累计", "previous"),
        ("进展情况", "progress_note"),
        ("存在问题", "problems"),
        ("下一步工作计划", "next_steps"),
        ("计划投资（万元）", "funds_planned"),
        ("到位资金", "funds_received"),
        ("已支出资金（万元）", "funds_spent"),
        ("指标编号（勿改）", "id"),
        ("计量单位", "unit"),
        ("序时进度", None),
        ("牵头单位", None),
        ("备注", None),
        ("填报单位", None),
    ],
)
def test_header_labels(label, key):
    from msdesk.progress_table.sheet import header_key

    assert header_key(label) == key


def test_a_table_without_seq_matches_by_unique_indicator_name(net, tmp_path):
    s, i = net.district, net.indicators
    town = net.township_ids["古饶镇"]
    path = hand_made(
        tmp_path / "无序号.xlsx",
        [],
        ["指标", "累计完成数"],
        [["残疾人康复救助", 66], ["新增家政服务人员", 44], ["不存在的指标", 1]],
    )
    outcome = import_table(s, resolve_scope(s, None, Q3, "古饶镇"), path)
    assert figures(s, town) == {i["康复"]: (66, None, 0), i["新增"]: (44, None, 0)}
    assert [r.how for r in outcome.preview.matched] == ["指标名称", "指标名称"]
    assert "不存在的指标" in outcome.preview.unmatched[0].note
