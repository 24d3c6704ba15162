"""Every menu action speaks Chinese: text, tooltip and status tip; other helpers' dialogs load lazily."""

from __future__ import annotations

import re
import sys

import pytest
from PySide6.QtWidgets import QMenu

from ui.main_window import MainWindow
from ui.window.menus import EXTERNAL

HAN = re.compile(r"[\u4e00-\u9fff]")


def menu_actions(menu: QMenu):
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield action
        if action.menu():
            yield from menu_actions(action.menu())


def test_every_menu_action_has_a_chinese_text_tooltip_and_status_tip(qtbot, app_style):
    win = MainWindow()
    qtbot.addWidget(win)
    missing = []
    seen = 0
    for top in win.menuBar().actions():
        assert HAN.search(top.text()), top.text()
        for action in menu_actions(top.menu()):
            seen += 1
            for what, text in (
                ("text", action.text()),
                ("tooltip", action.toolTip()),
                ("status tip", action.statusTip()),
            ):
                if not HAN.search(text or ""):
                    missing.append((action.text(), what))
    assert seen >= 30
    assert missing == []


def test_frequent_actions_have_shortcuts(qtbot, app_style):
    win = MainWindow()
    qtbot.addWidget(win)
    for key in (
        "new",
        "open",
        "undo",
        "redo",
        "find",
        "next_project",
        "prev_project",
        "backup",
        "import_notice",
        "export_report",
    ):
        assert not win.actions_[key].shortcut().isEmpty(), key
    assert win.actions_["next_project"].shortcut().toString() == "Ctrl+PgDown"


@pytest.mark.parametrize("key", sorted(EXTERNAL))
def test_external_dialog_actions_import_their_module_only_when_triggered(qtbot, window, monkeypatch, key):
    module_name, func = EXTERNAL[key]
    calls = []
    fake = type(sys)(module_name)
    setattr(fake, func, lambda win: calls.append((win.store.path, win.plan_id, win.period)))
    monkeypatch.setitem(sys.modules, module_name, fake)
    window.actions_[key].trigger()
    assert calls == [(window.store.path, window.plan_id, window.period)]


def test_missing_dialog_module_gives_a_chinese_message(qtbot, window, monkeypatch):
    monkeypatch.setitem(EXTERNAL, "rollup", ("ui.no_such_dialog_module", "run_rollup"))
    window.actions_["rollup"].trigger()
    assert "尚未安装" in window.last_error
    assert window.message_box.isVisible()
