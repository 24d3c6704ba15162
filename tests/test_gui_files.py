"""File menu: new, open (with the store's messages for bad files), recent, backup, restore, office."""

from __future__ import annotations

import sqlite3

from msdesk import offices, recent
from msdesk.backup import list_backups
from msdesk.store import create_store, open_store
from tests.gui_helpers import shot, type_text
from ui.main_window import MainWindow
from ui.office_settings import OfficeSettingsDialog


def new_window(qtbot, app_style):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def test_welcome_page_then_bad_files_show_the_store_message(qtbot, app_style, tmp_path):
    win = new_window(qtbot, app_style)
    assert win.pages.currentIndex() == 0
    shot(win, "welcome")
    text_file = tmp_path / "通知.msdesk"
    text_file.write_text("这不是数据库", encoding="utf-8")
    other = tmp_path / "其他.msdesk"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    newer = tmp_path / "新版本.msdesk"
    create_store(newer).close()
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    corrupt = tmp_path / "损坏.msdesk"
    store = create_store(corrupt)
    with store.transaction():
        offices.set_self_office(store, "烈山区", "district", head="张" * 3000)
    store.close()
    data = bytearray(corrupt.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a damaged page, header intact
    corrupt.write_bytes(bytes(data))
    for path, words in (
        (tmp_path / "没有.msdesk", "找不到文件"),
        (text_file, "不是民生实事台账文件"),
        (other, "其他程序的数据库"),
        (newer, "更新版本"),
        (corrupt, "已损坏"),
    ):
        win.open_path(path)
        qtbot.waitUntil(lambda words=words: win.last_error is not None and words in win.last_error, timeout=5000)
        assert win.store is None
        assert words in win.welcome.error.text()
        assert win.message_box.isVisible()
        win.message_box.close()
        win.last_error = None
    shot(win, "welcome_error")


def test_new_file_asks_for_the_office_and_titles_the_window(qtbot, app_style, tmp_path):
    win = new_window(qtbot, app_style)
    path = tmp_path / "宋疃镇2024.msdesk"
    win.new_file(str(path))
    assert win.store is not None and path.exists()
    dialog = win.office_dialog
    assert dialog.isVisible()
    dialog.save()  # empty name: refused, dialog stays
    assert "不能为空" in dialog.message.text() and dialog.isVisible()
    type_text(qtbot, dialog.name, "宋疃镇")
    type_text(qtbot, dialog.parent_name, "烈山区")
    type_text(qtbot, dialog.head, "周镇长")
    dialog.save()
    assert not dialog.isVisible()
    assert "宋疃镇" in win.windowTitle() and path.name in win.windowTitle()
    win.new_plan(2024, "宋疃镇2024年民生实事")
    assert win.plan_box.currentText().endswith("宋疃镇2024年民生实事")
    assert [win.period_box.itemData(i) for i in range(4)] == ["2024Q1", "2024Q2", "2024Q3", "2024Q4"]
    win.add_project("新建村级卫生室2个")
    assert win.model.rowCount() == 1
    win.close_store()
    with open_store(path) as s:
        me = offices.self_office(s)
        assert (me["name"], me["head"], s.get("offices", me["parent_id"])["name"]) == ("宋疃镇", "周镇长", "烈山区")
    assert recent.recent_files()[0] == path.resolve()


def test_office_settings_round_trip_and_monthly_periods(qtbot, window):
    dialog = OfficeSettingsDialog(window.session, window)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "烈山区" and dialog.phone.text() == "0561-1234567"
    dialog.preparer.setText("王干事")
    dialog.monthly.setChecked(True)
    dialog.show()
    shot(dialog, "office_settings")
    dialog.save()
    assert window.period_box.count() == 12 and window.period_box.itemText(0) == "2023年1月"
    window.set_period("2023-07")
    assert window.expected_label.text() == "序时进度 58%"
    row = window.model.row(0)
    window.open_project(row.id)
    editor = window.entry.first_editor()
    editor.setText("0.3")
    editor.editingFinished.emit()
    from msdesk import progress as core_progress

    assert core_progress.progress_row(window.store, row.indicators[0].indicator["id"], "2023-07")["actual"] == 0.3
    window.actions_["undo"].trigger()  # the figure
    assert window.actions_["undo"].text() == "撤销“单位设置”"
    window.actions_["undo"].trigger()
    assert window.period_box.count() == 4
    assert offices.self_office(window.store)["preparer"] == "李干事"


def test_recent_files_reopen_the_last_file(qtbot, window, gui_file, app_style):
    path, _ids = gui_file
    window.close_file()
    assert window.pages.currentIndex() == 0
    assert window.welcome.recent.count() == 1
    assert window.welcome.recent.item(0).text().startswith(path.name)
    shot(window, "welcome_recent")
    from ui.app import start_window

    again = start_window()
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.store is not None, timeout=10000)
    assert again.store.path == path
    again.close_store()


def test_backup_now_and_restore(qtbot, window, gui_file):
    path, ids = gui_file
    window.backup_now()  # opening made the 自动 backup already: wait for the 手动 one
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("已备份到"), timeout=10000)
    backup = next(p for p in list_backups(path) if "手动" in p.name)
    window.set_period("2023Q3")
    window.open_project(ids["projects"]["7"])
    field = window.entry.editor("actual", ids["indicators"][("7", 0)])
    type_text(qtbot, field, "333")
    field.editingFinished.emit()
    assert "59.6%" in window.entry.status_label.text()  # 333 / 559
    window.restore_from_backup(backup)
    qtbot.waitUntil(lambda: window.store is not None, timeout=10000)
    with open_store(path) as s:
        assert (
            s.query("SELECT count(*) n FROM progress p JOIN periods d ON d.id = p.period_id WHERE d.code = '2023Q3'")[
                0
            ]["n"]
            == 0
        )
    assert any("恢复前" in p.name for p in list_backups(path))  # the restore itself can be undone
    assert window.statusBar().currentMessage() == f"已从备份恢复：{backup.name}"  # not hidden by 已打开


def test_demo_is_created_once_then_opened(qtbot, app_style, monkeypatch):
    import msdesk.demo
    from msdesk.paths import default_demo_path
    from msdesk.store import create_store
    from tests.sample_plan import build_sample

    made = []

    def fake_create_demo(path):
        store = create_store(path)
        build_sample(store)
        store.close()
        made.append(path)
        return path

    monkeypatch.setattr(msdesk.demo, "create_demo", fake_create_demo)
    from ui.app import start_window

    win = start_window(demo=True)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    assert win.store.path == default_demo_path() and made == [default_demo_path()]
    assert win.model.rowCount() == 8
    win.close_file()
    win.open_demo()
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    assert made == [default_demo_path()]  # opened again, not rebuilt
    win.close_store()


def test_reload_after_an_outside_import_shows_the_new_plan(qtbot, window):
    from msdesk import plans as core_plans

    with window.store.transaction():
        plan = core_plans.add_plan(window.store, 2024, "烈山区2024年民生实事")
        core_plans.add_project(window.store, plan, "1", "新建口袋公园5个", 0, lead_units=["区住建局"])
    window.plan_id = plan  # what the import dialog does before calling reload()
    window.reload()
    assert window.plan_box.currentText() == "2024年　烈山区2024年民生实事"
    assert window.period == "2024Q1" and window.period_box.currentText() == "2024年第1季度"
    assert window.model.rowCount() == 1
    assert window.filter_boxes["lead"].findText("区住建局") > 0
    window.plan_box.setCurrentIndex(window.plan_box.findText("2023年　烈山区2023年实施50项民生实事"))
    window.plan_box.activated.emit(window.plan_box.currentIndex())
    assert window.model.total() == 8 and window.period == "2023Q2"
    # figures typed now go to the period on screen
    from msdesk import progress as core_progress

    row = window.model.row(0)
    window.open_project(row.id)
    editor = window.entry.editor("actual", row.indicators[0].indicator["id"])
    editor.setText("0.5")
    editor.editingFinished.emit()
    stored = core_progress.progress_row(window.store, row.indicators[0].indicator["id"], "2023Q2")
    assert stored["actual"] == 0.5


def test_big_files_reload_on_a_worker_and_the_newest_request_wins(qtbot, window, gui_file, monkeypatch):
    import ui.window.refresh

    _path, ids = gui_file
    monkeypatch.setattr(ui.window.refresh, "BACKGROUND_ROWS", 1)  # treat the sample as a big file
    window.open_project(ids["projects"]["7"])
    window.set_period("2023Q1")
    window.set_period("2023Q3")  # a second change before the first read is back
    assert not window.entry.isEnabled()  # no typing against the old figures meanwhile
    qtbot.waitUntil(lambda: window.entry.isEnabled() and window.loading.finished, timeout=10000)
    qtbot.wait(50)  # let the first, outdated read land too
    assert window.period == "2023Q3"
    row = next(r for r in window.rows if r.id == ids["projects"]["7"])
    assert row.assessment.expected == 0.75
    assert "2023年第3季度" in window.entry.grid_box.title()
    assert window.entry.editor("actual", ids["indicators"][("7", 0)]).text() == ""


def test_undo_of_a_new_plan_goes_back_to_the_previous_plan(qtbot, window):
    window.new_plan(2024, "烈山区2024年民生实事")
    assert window.model.total() == 0 and window.period == "2024Q1"
    window.actions_["undo"].trigger()
    assert window.plan_box.count() == 1
    assert window.plan_box.currentText().startswith("2023年")
    assert window.model.total() == 8 and window.period.startswith("2023")
    window.actions_["redo"].trigger()
    assert window.plan_box.count() == 2


def test_a_backup_that_cannot_be_written_is_explained_in_chinese(qtbot, window, gui_file, monkeypatch):
    """A file-system error during 立即备份 reaches the clerk as Chinese, not the system's English text."""
    import errno

    import msdesk.backup

    said = []
    monkeypatch.setattr(window, "show_error", said.append)

    def no_space(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", str(gui_file[0]))

    monkeypatch.setattr(msdesk.backup, "backup_file", no_space)
    window.backup_now()
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said[0].startswith("操作失败：") and "No space" not in said[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in said[0].split("：", 1)[1])
