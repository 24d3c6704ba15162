"""汇总 as a district clerk uses it (issues 12 and 14): the view with 已报 n/m and partial-data
statuses, 写入本级累计完成 that asks first, backs up and undoes in one step, and the 汇总表
exported and printed."""

from __future__ import annotations

import pytest

from msdesk import backup, outputs
from msdesk.package import import_submission
from tests import _package_fixtures as F
from tests.gui_helpers import Window, shot
from ui import strings
from ui.package import rollup as RU
from ui.pdf_preview import PdfPreviewDialog


@pytest.fixture
def net(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "_file", lambda: tmp_path / "output_folders.json")
    n = F.network(tmp_path / "办公室", townships=("古饶镇", "宋疃镇"))
    for k, name in enumerate(n.townships):
        F.enter_progress(n.townships[name], n.plan_id, {n.indicators["培训"]: 600 + k, n.indicators["康复"]: 90})
    assert import_submission(n.district, F.submit(n, "古饶镇", tmp_path / "收件").path).ok
    yield n
    n.close()


def _own_actual(net, name):
    rows = net.district.query(
        "SELECT g.actual FROM progress g JOIN periods d ON d.id = g.period_id JOIN offices o ON o.id = g.office_id"
        " WHERE d.code = ? AND g.indicator_id = ? AND o.is_self = 1 AND g.deleted = 0",
        [F.PERIOD, net.indicators[name]],
    )
    return rows[0]["actual"] if rows else None


def test_view_shows_reported_share_and_partial_statuses(qtbot, net):
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = RU.run_rollup(win)
    assert dlg.tabs.tabText(0) == "汇总表" and dlg.tabs.currentWidget() is dlg.view_widget
    assert "已报 1/2" in dlg.view_widget.headline.text()
    rows = dlg.view_widget.rows
    sources = {rows.item(r, 2).text(): rows.item(r, 7).text() for r in range(rows.rowCount())}
    assert "据 1/2" in sources["培训家政服务人员"]
    offices = dlg.view_widget.offices
    labels = {offices.item(r, 0).text(): offices.item(r, 1).text() for r in range(offices.rowCount())}
    assert labels["宋疃镇"].startswith("未报送") and labels["古饶镇"] in ("按时报送", "逾期报送")
    shot(dlg, "rollup_view")


def test_write_back_asks_backs_up_and_is_one_undo(qtbot, net):
    # the district reported more last quarter than the one township's sum now: a falling total
    F.enter_progress(net.district, net.plan_id, {net.indicators["培训"]: 900}, period="2023Q2")
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = RU.run_rollup(win)
    asked = []
    assert dlg.apply(ask=lambda q: asked.append(q) or False) == 0
    assert "已取消" in dlg.result.text() and _own_actual(net, "培训") is None
    question = asked[0]
    assert "已报 1/2" in question and "还有 1 个单位未报送" in question
    assert "小于本单位上期已报的累计数" in question and "上期 900" in question
    before = len(backup.list_backups(net.district.path))
    assert dlg.apply(ask=lambda q: True) == 2
    assert _own_actual(net, "培训") == 600
    assert len(backup.list_backups(net.district.path)) == before + 1
    assert "写入前已备份" in dlg.result.text() and "已报 1/2" in dlg.result.text()
    assert win.session.history.undo_text() == "写入本级累计完成" and dlg.undo_btn.isEnabled()
    shot(dlg, "rollup_applied")
    assert dlg.undo_apply()
    assert _own_actual(net, "培训") is None and _own_actual(net, "康复") is None
    assert strings.ROLLUP_UNDONE in dlg.result.text() and not dlg.undo_btn.isEnabled()
    win.session.redo()  # 重做 in the main window writes the sums again
    assert _own_actual(net, "培训") == 600
    win.session.undo()  # and 撤销 there is the same one step
    assert _own_actual(net, "康复") is None


def test_write_back_with_the_real_question_box(qtbot, net):
    from tests.gui_helpers import click_in_box

    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = RU.run_rollup(win)
    seen = []
    click_in_box("写入", seen, shot_name="rollup_apply_question")
    assert dlg.apply() == 2
    assert "已报 1/2" in seen[0] and "确定写入吗" in seen[0]


def test_rollup_table_exports_to_the_ledger_folder_and_prints(qtbot, net):
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = RU.run_rollup(win)
    box = dlg.export_table()
    folder = net.district.path.parent / "报表"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["烈山区_2023年第3季度_汇总表.pdf", "烈山区_2023年第3季度_汇总表.xlsx"]
    assert box.open_button.text() == "打开所在文件夹" and str(folder) in box.text()
    box.close()
    preview = dlg.print_table()
    assert isinstance(preview, PdfPreviewDialog) and "汇总表" in preview.windowTitle()
    preview.close()


def test_rollup_dialog_fits_a_small_screen(qtbot, net):
    win = Window(net.district, net.plan_id)
    qtbot.addWidget(win)
    dlg = RU.run_rollup(win)
    from ui import geometry

    area = geometry.available(dlg)
    assert dlg.height() <= area.height() and dlg.width() <= area.width()
    assert dlg.maximumHeight() <= area.height()


def test_main_window_rollup_write_is_undone_by_the_windows_undo(qtbot, tmp_path):
    """汇总… from the real menu, 写入 after the question, then 编辑→撤销 in the main window puts
    the district's own figures back in one step."""
    from tests.gui_helpers import click_in_box
    from ui.main_window import MainWindow

    n = F.network(tmp_path / "办公室", townships=("古饶镇", "宋疃镇"))
    F.enter_progress(n.townships["古饶镇"], n.plan_id, {n.indicators["培训"]: 600})
    assert import_submission(n.district, F.submit(n, "古饶镇", tmp_path / "收件").path).ok
    path, indicator = n.district.path, n.indicators["培训"]
    n.close()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(path)
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)

    def own():
        rows = win.store.query(
            "SELECT g.actual FROM progress g JOIN periods d ON d.id = g.period_id JOIN offices o ON o.id = g.office_id"
            " WHERE d.code = ? AND g.indicator_id = ? AND o.is_self = 1 AND g.deleted = 0",
            [F.PERIOD, indicator],
        )
        return rows[0]["actual"] if rows else None

    win.actions_["rollup"].trigger()
    dlg = win.package_dialog
    dlg.period_box.setCurrentIndex(dlg.period_box.findData(F.PERIOD))
    seen = []
    click_in_box("写入", seen)
    dlg.apply_btn.click()
    assert "已报 1/2" in seen[0] and own() == 600
    assert "写入本级累计完成" in win.actions_["undo"].text() and win.actions_["undo"].isEnabled()
    dlg.close()
    win.actions_["undo"].trigger()
    qtbot.waitUntil(lambda: own() is None, timeout=5000)
    win.close_store()
