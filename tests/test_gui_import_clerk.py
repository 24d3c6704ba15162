"""A clerk imports a new year's notice through the real main window (File → 导入民生实事通知).

Found by walking through the import as a township clerk: 取消 while the import was being written
closed the dialog yet imported the plan; the 无任务 list items showed “X：X” in the project list;
a filled-in project-list workbook took negative or absurd targets, a % target with unit 人 and
silently dropped a formula cell; a damaged .docx/.pdf was explained in a library's English.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from msdesk import plans
from msdesk.notice import parse_notice
from msdesk.notice.workbook import write_template
from tests._notice_fixtures import LIESHAN, YAOHAI, seed_text
from tests.gui_helpers import click_in_box, shot
from ui.import_dialog import ImportDialog
from ui.project_table_model import COL_NAME, COL_SEQ

ROOT = Path(__file__).resolve().parents[1]


def db_picture(store):
    return {
        t: store.query(f"SELECT * FROM {t} ORDER BY rowid")
        for t in ("plans", "categories", "projects", "indicators", "measures", "progress")
    }


def in_dialog(fn):
    """Run fn(dialog) once the import dialog opened by the main window is up."""

    def drive():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, ImportDialog):
            QTimer.singleShot(20, drive)
            return
        fn(dlg)

    QTimer.singleShot(0, drive)


answer = click_in_box


def paste_and_replace(qtbot, window, text):
    """文件 → 导入通知, paste the text, 解析, 导入, answer 替换 for the year already there."""

    def go(dlg):
        dlg.text_edit.setPlainText(text)  # what a paste does
        dlg.parse_button.click()
        answer("替换")
        dlg.commit()

    in_dialog(go)
    window.run_external("import_notice")
    qtbot.waitUntil(lambda: window.model.total() == 50, timeout=10000)


def list_text(window, seq):
    model = window.model
    for row in range(model.rowCount()):
        if model.index(row, COL_SEQ).data() == seq:
            return model.index(row, COL_NAME).data()
    raise KeyError(seq)


def test_cancel_while_the_import_is_written_does_not_close_as_if_nothing_happened(qtbot, window):
    """取消 (or Esc) right after 导入: the import runs on a worker and cannot be stopped halfway, so
    the dialog must stay and say so; it used to close as “cancelled” while the plan was imported."""
    store = window.store
    seen = {}

    def go(dlg):
        dlg.set_text(seed_text(YAOHAI))
        seen["op"] = dlg.commit()
        dlg.cancel_button.click()
        qtbot.keyClick(dlg, Qt.Key_Escape)
        seen["visible"], seen["status"] = dlg.isVisible(), dlg.status.text()
        seen["cancel_enabled"] = dlg.cancel_button.isEnabled()
        seen["dialog"] = dlg

    in_dialog(go)
    window.run_external("import_notice")
    assert seen["visible"] and "中途不能取消" in seen["status"] and not seen["cancel_enabled"]
    dlg = seen["dialog"]
    assert seen["op"].finished and dlg.result() == dlg.DialogCode.Accepted
    plan = store.get("plans", window.plan_id)
    assert plan["year"] == 2024  # imported, and the window says so
    qtbot.waitUntil(lambda: window.model.total() == 52, timeout=10000)


def test_cancel_before_importing_leaves_the_file_unchanged(qtbot, window):
    store = window.store
    before = db_picture(store)

    def go(dlg):
        dlg.set_text(seed_text(LIESHAN))
        dlg.project_item("7").setCheckState(0, Qt.Unchecked)
        dlg.cancel_button.click()

    in_dialog(go)
    window.run_external("import_notice")
    assert db_picture(store) == before and window.model.total() == 8


def test_no_task_list_items_show_their_text_once(qtbot, window):
    """瑶海 十二、瑶海区无任务：“分别为：A、B…” gives 15 items of one text each; the list showed “A：A”."""
    in_dialog(lambda dlg: (dlg.set_text(seed_text(YAOHAI)), dlg.commit()))
    window.run_external("import_notice")
    qtbot.waitUntil(lambda: window.model.total() == 52, timeout=10000)
    assert list_text(window, "十二-1") == "支持毕业生求职创业补贴"
    assert list_text(window, "十二-15") == "培育“食安名坊”"
    assert list_text(window, "（30）").startswith("实施农村电网巩固提升工程")
    shot(window, "import_yaohai_list")
    rows = {r["seq"]: r for r in plans.projects(window.store, window.plan_id)}
    assert rows["十二-1"]["task_level_text"] == "瑶海区无任务" and rows["十二-1"]["name"] is None


def _bad_workbook(path: Path) -> Path:
    from openpyxl import load_workbook

    write_template(path, 2024)
    wb = load_workbook(path)
    ws = wb["项目清单"]
    rows = [  # 序号 类别 名称 实施内容 牵头 配合 级别 指标名称 目标值 单位 比较 基数 定性目标 措施
        (
            1,
            "一、促进就业",
            None,
            "新增城镇就业 1.15 万人左右",
            "区人社局",
            None,
            None,
            "新增城镇就业",
            1.15,
            "万人",
            "左右",
            None,
            None,
            "1.开展招聘",
        ),
        (2, "一、促进就业", None, "帮扶困难人员", "区人社局", None, None, "帮扶", -5, "人", None, None, None, None),
        (
            3,
            "二、社会保障",
            None,
            "新增老年食堂",
            "区民政局",
            None,
            None,
            "老年食堂",
            10**16,
            "个",
            None,
            None,
            None,
            None,
        ),
        (4, "二、社会保障", None, "低保覆盖率", "区民政局", None, None, "覆盖率", "98%", "人", None, None, None, None),
        (5, "二、社会保障", None, "培训", "区民政局", None, None, "培训人次", "=40*3", "人次", None, None, None, None),
    ]
    for r, values in enumerate(rows, 4):
        for c, value in enumerate(values, 1):
            if value is not None:
                ws.cell(r, c, value)
    wb.save(path)  # openpyxl does not calculate: the formula cell has no saved result
    return path


def test_workbook_filled_with_mistakes_names_every_bad_cell_and_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    store = window.store
    before = db_picture(store)
    path = _bad_workbook(tmp_path / "项目清单.xlsx")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))
    seen = {}

    def go(dlg):
        op = dlg.load_file(path)
        qtbot.waitUntil(lambda: op.finished, timeout=10000)
        seen["error"], seen["commit_enabled"] = dlg.error_text, dlg.commit_button.isEnabled()
        dlg.reject()

    in_dialog(go)
    window.run_external("import_notice")
    error = seen["error"]
    assert error.startswith("工作簿有 4 处错误，未做任何修改") and warned == [error]
    assert "第5行 I列（目标值）：'-5' 不能为负数" in error
    assert "第6行 I列（目标值）：'10000000000000000' 过大，请核对位数" in error
    assert "第7行 J列（计量单位）：目标值写成百分数（'98%'），计量单位却是“人”" in error
    assert "第8行 I列（目标值）：是公式“=40*3”，但文件中没有保存计算结果" in error
    assert not seen["commit_enabled"] and db_picture(store) == before


def test_workbook_fixed_imports_with_the_target_as_written(qtbot, window, tmp_path):
    from openpyxl import load_workbook

    path = _bad_workbook(tmp_path / "项目清单.xlsx")
    wb = load_workbook(path)
    ws = wb["项目清单"]
    ws["I5"], ws["I6"], ws["J7"], ws["I8"] = 5, 16, "%", 120
    wb.save(path)

    def go(dlg):
        op = dlg.load_file(path)
        qtbot.waitUntil(lambda: op.finished, timeout=10000)
        dlg.commit()  # the file holds 2023; this workbook is 2024: no question

    in_dialog(go)
    window.run_external("import_notice")
    qtbot.waitUntil(lambda: window.model.total() == 5, timeout=10000)
    rows = {r["seq"]: r for r in plans.projects(window.store, window.plan_id)}
    ind = plans.indicators(window.store, rows["1"]["id"])[0]
    assert (ind["target"], ind["comparator"], ind["target_text"]) == (1.15, "~", "1.15万人左右")
    ind = plans.indicators(window.store, rows["4"]["id"])[0]
    assert (ind["target"], ind["unit"]) == (98, "%")


def test_preview_refuses_a_negative_or_absurd_target(qtbot, store):
    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.set_text(seed_text(LIESHAN))
    dlg.tree.setCurrentItem(dlg.project_item("7"))
    dlg.ind_table.item(0, 1).setText("-559")
    assert dlg.edit_error.text() == "目标值“-559”不能为负数。"
    assert dlg.project_item("7").text(4) == "≥559名" and dlg.ind_table.item(0, 1).text() == "559"
    dlg.ind_table.item(0, 1).setText("5590000000000000")
    assert "过大" in dlg.edit_error.text() and dlg.project_item("7").text(4) == "≥559名"


def test_damaged_word_file_is_explained_in_chinese(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "通知.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600)  # a .doc renamed to .docx
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(text))

    def go(dlg):
        op = dlg.load_file(bad)
        qtbot.waitUntil(lambda: op.finished, timeout=10000)
        dlg.reject()

    in_dialog(go)
    window.run_external("import_notice")
    assert len(warned) == 1 and "不是有效的 Word 文档" in warned[0] and "另存为" in warned[0]
    assert "Package" not in warned[0]


def test_word_copy_of_the_notice_imports_like_the_text(qtbot, window, tmp_path):
    from tests._docx import DocxFile

    path = tmp_path / "烈山区民生实事.docx"
    document = DocxFile()
    for line in seed_text(LIESHAN).splitlines():
        document.para(line)
    document.save(path)

    def go(dlg):
        op = dlg.load_file(path)
        qtbot.waitUntil(lambda: op.finished, timeout=10000)
        answer("替换")
        dlg.commit()

    in_dialog(go)
    window.run_external("import_notice")
    qtbot.waitUntil(lambda: window.model.total() == 50, timeout=10000)
    expected = parse_notice(seed_text(LIESHAN))
    got = {r["seq"]: r for r in plans.projects(window.store, window.plan_id)}
    for p in expected.projects:
        row = got[p.seq]
        assert (row["content"], row["task_level"], row["task_level_text"]) == (
            p.content,
            p.task_level,
            p.task_level_text,
        )
        assert plans.units(window.store, row["id"]) == p.lead_units
        assert [m["text"] for m in plans.measures(window.store, row["id"])] == [m.text for m in p.measures]
    assert list_text(window, "39") == "推进棚户区改造，着力解决新市民、青年人等住房困难。"


def test_cli_points_a_workbook_to_import_workbook(tmp_path):
    book = write_template(tmp_path / "清单.xlsx", 2024)
    run = subprocess.run(
        [sys.executable, "-m", "msdesk", "import", "notice", str(book), "--db", str(tmp_path / "t.msdesk")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode != 0 and "msdesk import workbook" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "t.msdesk").exists()


def test_text_pasted_from_word_with_no_break_spaces_is_searchable(qtbot, window):
    """Word/WPS/web copies carry no-break spaces (and zero-width ones) between figures and units: they
    were kept in 实施内容, so typing “0.67 万人” in the search box found nothing."""
    pasted = seed_text(LIESHAN).replace(" ", "\u00a0").replace("。", "。\u200b")
    paste_and_replace(qtbot, window, pasted)
    window.search.setText("0.67 万人")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    assert list_text(window, "1").startswith("促进重点群体稳定就业，城镇新增就业 0.67 万人；")
    row = {r["seq"]: r for r in plans.projects(window.store, window.plan_id)}["7"]
    assert row["content"] == "实施困难残疾人康复工程，为 559 名残疾人提供康复救助。"
    clean = next(p for p in parse_notice(seed_text(LIESHAN)).projects if p.seq == "7")
    assert [m["text"] for m in plans.measures(window.store, row["id"])] == [m.text for m in clean.measures]


def test_pasted_text_without_a_year_is_not_imported_as_1990(qtbot, window, monkeypatch):
    """Only the list was pasted (no masthead, no year): the 年度 box silently said 1990 and the
    plan went in as a 1990 plan. Now it says 请选择 and 导入 asks for the year first."""
    seen = {"warned": []}
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: seen["warned"].append(text))

    def go(dlg):
        dlg.text_edit.setPlainText(
            "一、促进就业（2项）\n1.新增城镇就业 100 人。（牵头单位：区人社局）\n"
            "2.培训家政服务人员 50 人次。（牵头单位：区商务局）\n"
        )
        dlg.parse_button.click()
        seen["shown"], seen["status"] = dlg.year_spin.text(), dlg.status.text()
        seen["first"] = dlg.commit()
        seen["error"] = dlg.error_text
        dlg.year_spin.setValue(2025)
        seen["status_after"] = dlg.status.text()
        dlg.commit()

    in_dialog(go)
    window.run_external("import_notice")
    assert seen["shown"] == "请选择" and "没有找到计划年度" in seen["status"]
    assert seen["first"] is None and "没有找到计划年度" in seen["error"] and seen["warned"] == [seen["error"]]
    assert "没有找到计划年度" not in seen["status_after"]
    assert sorted(p["year"] for p in plans.plans(window.store)) == [2023, 2025]
    qtbot.waitUntil(lambda: window.model.total() == 2, timeout=10000)


def test_preview_refuses_a_second_item_with_the_same_number(qtbot, store):
    """Renumbering item 8 to 7 gave two projects 7 in one category (merge by 序号 then can't tell them apart)."""
    dlg = ImportDialog(None, store)
    qtbot.addWidget(dlg)
    dlg.set_text(seed_text(LIESHAN))
    dlg.tree.setCurrentItem(dlg.project_item("8"))
    dlg.seq_edit.setText("7")
    dlg.seq_edit.editingFinished.emit()
    assert dlg.edit_error.text() == "序号“7”与同一类别中的另一项目重复，请改用其他序号。"
    assert dlg.project_item("8").text(0) == "8" and dlg.seq_edit.text() == "8"
    dlg.seq_edit.setText("8-1")
    dlg.seq_edit.editingFinished.emit()
    assert dlg.edit_error.text() == "" and dlg.project_item("8-1").text(2) == "区残联"


def test_undo_after_replacing_the_plan_cannot_touch_the_old_one(qtbot, window, gui_file):
    """An edit typed before 替换 held the old plan's records: Ctrl+Z afterwards silently changed a
    project of the deleted plan. The import ends the undo history and says so."""
    path, ids = gui_file
    window.set_period("2023Q3")
    window.open_project(ids["projects"]["7"], 1)
    field = window.entry.editor("actual", ids["indicators"][("7", 0)])
    field.setText("333")
    field.editingFinished.emit()
    assert window.undo_stack.canUndo()
    before = window.store.query("SELECT count(*) n FROM audit_log")[0]["n"]
    paste_and_replace(qtbot, window, seed_text(LIESHAN))
    assert not window.undo_stack.canUndo() and not window.actions_["undo"].isEnabled()
    assert "此前的修改不能再撤销" in window.statusBar().currentMessage()
    after = window.store.query("SELECT count(*) n FROM audit_log")[0]["n"]
    window.actions_["undo"].trigger()  # Ctrl+Z: nothing happens to any record
    assert window.store.query("SELECT count(*) n FROM audit_log")[0]["n"] == after > before
