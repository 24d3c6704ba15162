"""常态化开展 (ongoing): a project reported on but not scored, from the notice to the printed table,
the 进展情况通报 and the task package."""

from __future__ import annotations

import json
import shutil
import zipfile

import openpyxl
import pytest

from msdesk import edits, history, migrations, overview, plans, presign, progress, status
from msdesk.bulletin import to_text
from msdesk.bulletin.build import build_bulletin
from msdesk.deadlines import is_standing
from msdesk.export import export_tables
from msdesk.notice import import_plan, parse_notice
from msdesk.notice.deadlines import standing_wording
from msdesk.notice.model import ParsedIndicator, ParsedProject
from msdesk.notice.summary import describe
from msdesk.package import data as package_data
from msdesk.progress_table.scope import resolve_scope
from msdesk.progress_table.template import write_template
from msdesk.store import create_store, open_store
from tests import _package_fixtures as F
from tests._bulletin_check import check_bulletin


def _lagging_plan(store, small_plan):
    """Q3 of 2023 (序时进度 75%): project 7 has 100 of 559 (17.9%, 滞后 red), project 3 nothing."""
    with store.transaction():
        progress.set_actual(store, small_plan["indicators"][2], "2023Q3", 100)
    return small_plan


def _rows(store, plan):
    return {r.project["seq"]: r for r in overview.project_rows(store, plan, "2023Q3")}


def _set_ongoing(store, project_id, on=True):
    with store.transaction():
        plans.update_project(store, project_id, ongoing=on)


# -- core: status, counts, lagging ------------------------------------------------------


def test_an_ongoing_project_is_shown_not_scored(store, small_plan):
    plan = _lagging_plan(store, small_plan)["plan"]
    before = _rows(store, plan)["7"].assessment
    assert (before.status, before.level) == (status.LAGGING, status.RED)
    _set_ongoing(store, small_plan["projects"][2])
    row = _rows(store, plan)["7"]
    a = row.assessment
    assert (a.status, a.level) == (status.ONGOING, status.NONE)
    assert a.completion == pytest.approx(100 / 559)  # the figure still shows its completion
    assert status.status_text(a) == "常态化开展"  # no light in words either
    assert [i.assessment.status for i in row.indicators] == [status.ONGOING]
    assert status.reason(a, [("残疾人康复救助", row.indicators[0].assessment)]) is None
    # with no figure at all it is not 未启动 either
    _set_ongoing(store, small_plan["projects"][0])
    first = _rows(store, plan)["3"].assessment
    assert (first.status, first.level, first.completion) == (status.ONGOING, status.NONE, None)


def test_counts_lagging_list_and_summary_leave_ongoing_out(store, small_plan):
    plan = _lagging_plan(store, small_plan)["plan"]
    rows = list(_rows(store, plan).values())
    counts = overview.status_counts(rows)
    assert (counts[status.LAGGING], counts[status.ONGOING], counts["red_lagging"]) == (1, 0, 1)
    assert [r.project["seq"] for r in overview.lagging(rows)] == ["3", "7", "6"]
    _set_ongoing(store, small_plan["projects"][2])
    rows = list(_rows(store, plan).values())
    counts = overview.status_counts(rows)
    assert (counts[status.LAGGING], counts[status.ONGOING], counts["red_lagging"]) == (0, 1, 0)
    assert "7" not in [r.project["seq"] for r in overview.lagging(rows)]
    whole = overview.summary(rows, lambda r: "all")[0]
    assert whole[status.ONGOING] == 1 and whole["completion"] is None  # 3 and 6 have no completion
    # 7 is still asked for its figures and 进展情况 before signing: it is reported on
    assert "7" in [g.seq for g in presign.missing_entries(store, plan, "2023Q3")]


def test_the_frame_and_case_key_follow_the_flag(store, small_plan):
    """Two projects alike but for the flag never share an assessment (the case key holds it)."""
    plan = small_plan["plan"]
    with store.transaction():
        a = plans.add_project(store, plan, "8", "建设公园。", 4, ongoing=True)
        b = plans.add_project(store, plan, "9", "建设公园。", 5)
        for pid in (a, b):
            ind = plans.add_indicator(store, pid, "公园", 0, target=4, unit="个")
            progress.set_actual(store, ind, "2023Q3", 1)
    frame = overview.plan_frame(store, plan)
    rows = {r.project["seq"]: r for r in overview.project_rows(store, plan, "2023Q3", frame=frame)}
    assert rows["8"].assessment.status == status.ONGOING
    assert rows["9"].assessment.status == status.LAGGING
    one = overview.project_rows(store, plan, "2023Q3", project_ids=[a], frame=frame)[0]
    assert one.assessment == rows["8"].assessment and one.indicators[0].assessment.status == status.ONGOING


def test_named_edit_ticks_and_undoes(store, small_plan):
    pid = small_plan["projects"][2]
    h = history.History()
    assert h.push(edits.SetOngoing(store, pid, True, "修改第7项 设为常态化开展"))
    assert store.get("projects", pid)["ongoing"] == 1
    assert h.undo_text() == "修改第7项 设为常态化开展"
    h.undo()
    assert store.get("projects", pid)["ongoing"] == 0
    h.redo()
    assert store.get("projects", pid)["ongoing"] == 1
    assert not h.push(edits.SetOngoing(store, pid, True, "again"))  # nothing changed: no step


def test_copying_a_plan_keeps_the_flag(store, small_plan):
    _set_ongoing(store, small_plan["projects"][2])
    new = plans.copy_plan(store, small_plan["plan"], 2024)
    assert [p["ongoing"] for p in plans.projects(store, new)] == [0, 0, 1, 0]


# -- migration ---------------------------------------------------------------------------


def test_a_file_made_before_the_flag_opens_without_loss(tmp_path, monkeypatch):
    ours = next(m for m in migrations.available() if m.name == "ongoing")
    old_dir = tmp_path / "db"
    old_dir.mkdir()
    for mig in migrations.available():
        if mig.number < ours.number:
            shutil.copy(mig.path, old_dir / mig.path.name)
    real = migrations.migrations_dir
    monkeypatch.setattr(migrations, "migrations_dir", lambda: old_dir)
    path = tmp_path / "旧台账.msdesk"
    with create_store(path) as s:
        with s.transaction():
            plan = plans.add_plan(s, 2026, "旧计划")
            s.insert("projects", plan_id=plan, position=0, seq="1", content="建设养老服务中心", deadline="长期坚持")
        assert "ongoing" not in {r["name"] for r in s.query("PRAGMA table_info(projects)")}
        old_version = s.schema_version
    monkeypatch.setattr(migrations, "migrations_dir", real)
    with open_store(path) as s:
        assert s.schema_version == migrations.latest_version() > old_version
        (project,) = plans.projects(s, plan)
        assert (project["content"], project["deadline"], project["ongoing"]) == ("建设养老服务中心", "长期坚持", 0)
        with s.transaction():
            plans.update_project(s, project["id"], ongoing=True)
        assert s.get("projects", project["id"])["ongoing"] == 1


# -- notice import -----------------------------------------------------------------------

NOTICE = """关于印发《某区2026年民生实事项目》的通知

一、公共服务（4项）

序号\t项目名称\t实 施 内 容\t牵头单位\t完成时限

1\t送戏下乡\t开展送戏下乡演出 120 场。\t区文旅局\t常态化开展

2\t口袋公园建设\t建设口袋公园 6 个。\t区城管局\t6月30日前

3\t志愿服务\t组织志愿服务活动 50 场。\t区文明办\t全年常态化推进

4\t就业援助\t新增城镇就业 300 人。\t区人社局\t长期坚持
"""


def test_standing_wording_is_read_from_the_field():
    for text in ("常态化开展", "常态化推进", "长期坚持", "持续推进", "全年常态化开展", "长效管理"):
        assert is_standing(text), text
    for text in ("12月底前", "6月底前完成，长效管理", "年底前", "持续", None, ""):
        assert not is_standing(text), text


def test_notice_with_standing_deadlines_marks_them_and_the_preview_says_so(store):
    plan = parse_notice(NOTICE)
    assert [(p.seq, p.deadline, p.ongoing) for p in plan.projects] == [
        ("1", "常态化开展", True),
        ("2", "6月30日前", False),
        ("3", "全年常态化推进", True),
        ("4", "长期坚持", True),
    ]
    assert any("按常态化开展处理" in n for n in plan.projects[0].notes)
    preview = describe(plan)
    assert "送戏下乡" in preview and preview.count("｜常态化开展") == 3
    with store.transaction():
        plan_id = import_plan(store, plan)
    assert [p["ongoing"] for p in plans.projects(store, plan_id)] == [1, 0, 1, 1]


def test_a_target_or_content_with_no_figure_can_say_standing():
    plan = parse_notice(
        "一、文化服务（2项）\n1.常态化开展文明实践活动。（牵头单位：区文明办）\n"
        "2.持续推进城乡环境整治，完成整治村庄 30 个。（牵头单位：区住建局）\n"
        "3.巩固菜市整治效果，形成管理长效机制。（牵头单位：区市场监管局）\n"
    )
    # a yearly figure is scored; a mechanism to be set up is an outcome, not a standing service
    assert [p.ongoing for p in plan.projects] == [True, False, False]
    item = ParsedProject("5", "做好困难群众救助。", indicators=[ParsedIndicator("救助", "qualitative", None, None)])
    assert standing_wording(item) is None
    item.indicators[0].target_text = "持续推进"
    assert standing_wording(item) == "持续推进"
    item.indicators.append(ParsedIndicator("救助人数", target=100, unit="人"))
    assert standing_wording(item) is None


# -- exports and the bulletin ------------------------------------------------------------


def test_progress_table_says_ongoing_with_no_expected(store, small_plan, tmp_path):
    plan = _lagging_plan(store, small_plan)["plan"]
    _set_ongoing(store, small_plan["projects"][2])
    xlsx, pdf = export_tables(store, plan, "2023Q3", tmp_path, tables=["progress"], formats=["xlsx", "pdf"])
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    (seven,) = [r for r in rows if str(r[0]) == "7"]
    assert seven[2] == "残疾人康复救助" and seven[8] == "常态化开展"
    assert seven[7] == "—"  # no 序时进度 to meet
    assert seven[6] == pytest.approx(100 / 559, abs=1e-3) or "17.9" in str(seven[6])
    assert any("常态化开展 1 项" in str(r[0]) for r in rows[:4] if r[0])
    assert pdf.stat().st_size > 0
    (book,) = export_tables(store, plan, "2023Q3", tmp_path / "清单", tables=["projects"], formats=["xlsx"])
    listed = [r for r in openpyxl.load_workbook(book).active.iter_rows(values_only=True) if str(r[0]) == "7"]
    assert listed[0][-1] == "常态化开展"  # 备注


def test_bulletin_uses_the_flag(store, small_plan, tmp_path):
    plan = _lagging_plan(store, small_plan)["plan"]
    _set_ongoing(store, small_plan["projects"][2])
    text = to_text(build_bulletin(store, plan, "2023Q3"))
    assert "常态化开展的1项（第7项" in text and "完成率17.9%" in text
    lag_part = text.split("滞后项目")[-1] if "滞后项目" in text else ""
    assert "残疾人康复救助" not in lag_part
    check_bulletin(store, plan, "2023Q3", tmp_path / "通报")


# -- the task package and the township's template ----------------------------------------


def test_task_package_carries_the_flag_to_the_township(tmp_path):
    net = F.build_district(tmp_path / "办公室")
    try:
        _set_ongoing(net.district, net.projects["3"])
        F.add_township(net, "古饶镇")
        built = F.send_tasks(net)
        t = net.townships["古饶镇"]
        assert t.get("projects", net.projects["3"])["ongoing"] == 1
        assert t.get("projects", net.projects["7"])["ongoing"] == 0
        with zipfile.ZipFile(built) as z:
            sent = json.loads(z.read("data.json"))
        assert {p["id"]: p["ongoing"] for p in sent["projects"]}[net.projects["3"]] == 1
        rows = {r.id: r for r in overview.project_rows(t, net.plan_id, F.PERIOD)}
        assert rows[net.projects["3"]].assessment.status == status.ONGOING
        scope = resolve_scope(net.district, net.plan_id, F.PERIOD, office="古饶镇")
        path = write_template(scope, tmp_path / "进展表.xlsx")
        cells = [c for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True) for c in r if c]
        assert any("常态化开展" in str(c) for c in cells)
    finally:
        net.close()


def test_a_package_without_the_field_imports_as_zero(tmp_path, monkeypatch):
    real_tree = package_data.plan_tree

    def old_tree(store, plan_id):
        tree = real_tree(store, plan_id)
        for row in tree["projects"]:
            row.pop("ongoing")
        return tree

    monkeypatch.setattr(package_data, "plan_tree", old_tree)
    net = F.build_district(tmp_path / "办公室")
    try:
        F.add_township(net, "古饶镇")
        t = net.townships["古饶镇"]
        F.send_tasks(net)
        _set_ongoing(t, net.projects["3"])  # set here by hand, then a task package from an old version
        F.send_tasks(net)
        assert t.get("projects", net.projects["3"])["ongoing"] == 0
    finally:
        net.close()


def test_fill_ongoing_reads_only_one_or_true():
    data = {
        "projects": [{"id": "a"}, {"id": "b", "ongoing": 1}, {"id": "c", "ongoing": "是"}, {"id": "d", "ongoing": True}]
    }
    package_data.fill_ongoing(data)
    assert [p["ongoing"] for p in data["projects"]] == [0, 1, 0, 1]


def test_project_list_workbook_carries_the_flag_both_ways(store, small_plan, tmp_path):
    from msdesk.notice.workbook import COL, FIRST_ROW, read_workbook, write_workbook

    _set_ongoing(store, small_plan["projects"][2])
    with store.transaction():
        plans.update_project(store, small_plan["projects"][0], deadline="长期坚持")  # said, then unticked
    book = write_workbook(store, small_plan["plan"], tmp_path / "清单.xlsx")
    parsed = read_workbook(book)
    assert [(p.seq, p.ongoing) for p in parsed.projects] == [("3", False), ("12", False), ("7", True), ("6", False)]
    wb = openpyxl.load_workbook(book)
    ws = wb["项目清单"]
    rows = [r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, COL["ongoing"]).value]
    for r in rows:
        ws.cell(r, COL["ongoing"]).value = None  # blank: the 完成时限 decides
    ws.cell(rows[-1], COL["ongoing"]).value = "好的"
    wb.save(book)
    with pytest.raises(Exception, match="应填“是”“否”或留空"):
        read_workbook(book)
    ws.cell(rows[-1], COL["ongoing"]).value = None
    wb.save(book)
    assert [p.ongoing for p in read_workbook(book).projects] == [True, False, False, False]
