"""Shared fixtures: real SQLite files in temporary folders, never the user's data.

Every test is marked `gui` (files named test_gui_*.py, which drive Qt widgets) or `core`
(everything else), so `pytest -m core` runs the core tests alone."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import settings

from msdesk import offices, plans
from msdesk.demo import create_demo
from msdesk.store import create_store, open_store
from tests.sample_plan import build_sample

# The README test command (and CI) draws the same examples every run, so a red run can be
# repeated. HYPOTHESIS_PROFILE=fuzz draws new random ones, 10x as many: run it to look for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("fuzz", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keys, recent files and demo data go to a temporary MSDESK_HOME per test."""
    monkeypatch.setenv("MSDESK_HOME", str(tmp_path_factory.mktemp("home")))


def pytest_collection_modifyitems(items):
    for item in items:
        gui = item.path.name.startswith("test_gui_")
        item.add_marker(pytest.mark.gui if gui else pytest.mark.core)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "测试台账.msdesk"


@pytest.fixture
def store(db_path):
    s = create_store(db_path, actor="测试员")
    yield s
    s.close()


@pytest.fixture
def small_plan(store):
    """A small district plan: 2 categories, 4 projects, numeric/qualitative/≤ indicators."""
    with store.transaction():
        office = offices.set_self_office(
            store, "烈山区", "district", head="张主任", preparer="李干事", phone="0561-1234567"
        )
        plan = plans.add_plan(
            store, 2023, "烈山区2023年实施50项民生实事", issuing_office="烈山区民生办", doc_number="烈民生〔2023〕2号"
        )
        c1 = plans.add_category(store, plan, "促进就业", 0, seq="一", declared_count=2)
        c2 = plans.add_category(store, plan, "困难群体救助", 1, seq="三", declared_count=2)
        p1 = plans.add_project(
            store, plan, "3", "培训家政服务人员3750人次，新增家政服务人员650人。", 0, c1, lead_units=["区商务局"]
        )
        i1 = plans.add_indicator(store, p1, "培训家政服务人员", 0, target=3750, unit="人次")
        i2 = plans.add_indicator(store, p1, "新增家政服务人员", 1, target=650, unit="人")
        p2 = plans.add_project(
            store, plan, "12", "救助重大疾病困难患者。", 1, c1, task_level="city", task_level_text="属市级任务"
        )
        p3 = plans.add_project(store, plan, "7", "为559名残疾人提供康复救助。", 2, c2, lead_units=["区残联"])
        i3 = plans.add_indicator(store, p3, "残疾人康复救助", 0, target=559, unit="名")
        p4 = plans.add_project(
            store, plan, "6", "基本实现孤儿和事实无人抚养儿童应保尽保。", 3, c2, lead_units=["区总工会", "区民政局"]
        )
        i4 = plans.add_indicator(store, p4, "孤儿保障", 0, kind="qualitative", target_text="应保尽保")
    return dict(office=office, plan=plan, categories=[c1, c2], projects=[p1, p2, p3, p4], indicators=[i1, i2, i3, i4])


@pytest.fixture
def demo(tmp_path):
    """The demo file (烈山区 2023, five townships, three quarters of progress), open in the core."""
    s = open_store(create_demo(tmp_path / "烈山区示例.msdesk"), actor="测试员")
    yield s
    s.close()


# -- GUI: the small sample file in a main window, or the demo file in one ----------------


@pytest.fixture
def gui_file(tmp_path):
    path = tmp_path / "烈山区2023.msdesk"
    store = create_store(path, actor="测试员")
    ids = build_sample(store)
    store.close()
    return path, ids


@pytest.fixture
def app_style(qapp):
    from ui.app import make_app

    return make_app()


@pytest.fixture
def window(qtbot, app_style, gui_file):
    from ui.main_window import MainWindow

    path, _ids = gui_file
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(path)
    qtbot.waitUntil(lambda: win.store is not None, timeout=10000)
    yield win
    win.close_store()


@pytest.fixture
def demo_path(tmp_path):
    return create_demo(tmp_path / "烈山区示例.msdesk")


@pytest.fixture
def win(qtbot, app_style, demo_path):
    from tests.gui_helpers import open_window

    w = open_window(qtbot, demo_path)
    yield w
    w.close_store()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """pytest-qt closes a test's windows before fixtures end; a main window still holding a
    refused value would ask 返回修改/放弃 and wait for a click forever. Give such values up."""
    import sys

    if "ui.main_window" in sys.modules:
        _give_up_refused_values()
    return (yield)


def _give_up_refused_values() -> None:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            for pane in filter(None, (widget._built("entry"), widget._built("detail"))):  # not built: nothing held
                while (held := pane.refused()) is not None:
                    pane.revert(held[0])


# Key files are sealed with scrypt at full cost (about a second per unlock, msdesk.identity.SCRYPT_N).
# Tests that sign packages unlock keys hundreds of times, so they use the lowest cost the code
# accepts; the same code path runs. tests/test_security_entry.py checks the shipped cost with
# the `full_kdf` fixture.
from msdesk import identity as _identity  # noqa: E402

SHIPPED_SCRYPT_N = getattr(_identity, "SCRYPT_N", None)


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch):
    monkeypatch.setattr(_identity, "SCRYPT_N", 2**14, raising=False)


@pytest.fixture
def full_kdf(monkeypatch):
    monkeypatch.setattr(_identity, "SCRYPT_N", SHIPPED_SCRYPT_N)
    return SHIPPED_SCRYPT_N
