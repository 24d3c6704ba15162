"""Helpers for the GUI tests: the small realistic sample plan, screenshots, typing like a clerk,
and the steps several GUI test files share (the fixtures themselves are in conftest.py).

Screenshots go to a temporary folder, or to the folder named by MSDESK_SCREENSHOTS
(`MSDESK_SCREENSHOTS=docs pytest tests/test_gui_screens.py` refreshes docs/screenshot-main.png).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from msdesk import offices, plans, progress
from msdesk.periods import quarters
from tests._package_fixtures import PERIOD

_SHOTS: list[Path] = []

# (category, seq, content, lead units, task level, [(indicator, target, unit)], {period: [actuals]})
SAMPLE = [
    ("促进就业", "1", "促进重点群体稳定就业，城镇新增就业0.67万人；力争7个城市社区达到省级“三公里”充分就业社区标准。",
     ["区人力资源和社会保障局"], "local", [("城镇新增就业", 0.67, "万人"), ("充分就业社区", 7, "个")],
     {"2023Q1": [0.2, 1], "2023Q2": [0.41, 3]}),
    ("促进就业", "3", "培训家政服务人员3750人次，新增家政服务人员650人。", ["区商务局"], "local",
     [("培训家政服务人员", 3750, "人次"), ("新增家政服务人员", 650, "人")],
     {"2023Q1": [1000, 120], "2023Q2": [1500, 200]}),
    ("社会保障", "5", "新增17个城乡老年食堂（助餐点）。", ["区民政局"], "local", [("新增老年食堂", 17, "个")],
     {"2023Q1": [5], "2023Q2": [12]}),
    ("困难群体救助", "6", "开展困难职工帮扶不少于14人次。基本实现孤儿和事实无人抚养儿童应保尽保。",
     ["区总工会", "区民政局"], "local", [("困难职工帮扶", 14, "人次"), ("孤儿保障", None, "应保尽保")],
     {"2023Q1": [14, None]}),
    ("困难群体救助", "7", "实施困难残疾人康复工程，为559名残疾人提供康复救助。", ["区残联"], "local",
     [("残疾人康复救助", 559, "名")], {"2023Q1": [100], "2023Q2": [200]}),
    ("困难群体救助", "9", "持续优化无障碍环境，为136户困难重度残疾人家庭实施无障碍改造。", ["区残联"], "local",
     [("无障碍改造", 136, "户")], {}),
    ("困难群体救助", "12", "救助血友病、恶性肿瘤、心脏大血管疾病、再生障碍性贫血等重大疾病困难患者。", [],
     "city", [], {}),
    ("困难群体救助", "14", "全区办理法律援助案件不少于380件，实现刑事法律援助案件全覆盖。", ["区司法局"], "local",
     [("法律援助案件", 380, "件")], {"2023Q1": [90], "2023Q2": [150]}),
]
PLAN_TITLE = "烈山区2023年实施50项民生实事"


def build_sample(store) -> dict:
    """One transaction per part, like a clerk would have entered it. Returns ids by seq."""
    ids: dict = {"projects": {}, "indicators": {}}
    with store.transaction():
        ids["office"] = offices.set_self_office(store, "烈山区", "district", head="张主任", preparer="李干事",
                                                phone="0561-1234567")
        plan = plans.add_plan(store, 2023, PLAN_TITLE, issuing_office="烈山区民生工作领导小组办公室",
                              doc_number="烈民生〔2023〕2号")
        ids["plan"] = plan
        cats: dict = {}
        for pos, (cat, seq, content, leads, level, inds, _figs) in enumerate(SAMPLE):
            if cat not in cats:
                cats[cat] = plans.add_category(store, plan, cat, len(cats), seq="一二三"[len(cats)])
            pid = plans.add_project(store, plan, seq, content, pos, cats[cat], lead_units=leads, task_level=level,
                                    task_level_text="属市级任务" if level == "city" else None)
            ids["projects"][seq] = pid
            for n, (name, target, unit) in enumerate(inds):
                if target is None:
                    iid = plans.add_indicator(store, pid, name, n, kind="qualitative", target_text=unit)
                else:
                    iid = plans.add_indicator(store, pid, name, n, target=target, unit=unit)
                ids["indicators"][(seq, n)] = iid
    for pos, (_c, seq, _t, _l, _lv, inds, figs) in enumerate(SAMPLE):
        for period, values in figs.items():
            with store.transaction():
                for n, value in enumerate(values):
                    if value is not None:
                        progress.set_actual(store, ids["indicators"][(seq, n)], period, value)
    return ids


def shots_dir() -> Path:
    """MSDESK_SCREENSHOTS if set, else one temporary folder for the whole run: a test run never
    overwrites a tracked picture unless asked to."""
    if not _SHOTS:
        wanted = os.environ.get("MSDESK_SCREENSHOTS")
        _SHOTS.append(Path(wanted) if wanted else Path(tempfile.mkdtemp(prefix="msdesk-shots-")))
        _SHOTS[0].mkdir(parents=True, exist_ok=True)
    return _SHOTS[0]


def shot(widget, name: str) -> Path:
    """Save a screenshot of a widget for people to look at."""
    from PySide6.QtWidgets import QApplication
    QApplication.processEvents()   # let pending layout requests settle, as a visible window would
    target = shots_dir() / f"{name}.png"
    assert widget.grab().save(str(target)), target
    return target


def type_text(qtbot, widget, text: str) -> None:
    """Type like a clerk: ASCII as key presses, Chinese as an input-method commit (how a
    pinyin IME delivers it; QTest's key clicks only know ASCII)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    run = ""
    for ch in text + "\0":
        if ch != "\0" and ord(ch) < 128:
            if run:
                event = QInputMethodEvent()
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
                run = ""
            qtbot.keyClicks(widget, ch)
        elif ch != "\0":
            run += ch
        elif run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def click_in_box(button_text: str, seen: list | None = None, shot_name: str | None = None) -> None:
    """Click `button_text` in the next modal QMessageBox once it is up (exec() blocks the test).
    `seen` collects the box's text. Gives up after about 2 s, so a box that never comes fails
    the test on its assertions instead of hanging the run."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    tries = []

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries.append(1)
            if len(tries) < 100:
                QTimer.singleShot(20, click)
            return
        if shot_name and seen is not None and not seen:
            shot(box, shot_name)
        if seen is not None:
            seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()
    QTimer.singleShot(0, click)


# -- the main window on a file ----------------------------------------------

def open_window(qtbot, path):
    from ui.main_window import MainWindow
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_path(path)
    qtbot.waitUntil(lambda: win.store is not None and win.plan_id is not None, timeout=10000)
    return win


# -- the 目标分解 tab ---------------------------------------------------------

def show_breakdown(qtbot, win):
    win.actions_["show_breakdown"].trigger()
    page = win.breakdown
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def indicator(win, seq, part):
    return next(r for r in win.breakdown.model.grid.rows if r.project_seq == seq and part in r.name)


def shown(page, row_id, col):
    model = page.model
    r = next(n for n, row in enumerate(model.grid.rows) if row.indicator_id == row_id)
    return model.index(r, col).data()


def type_into(qtbot, page, index, text, key=Qt.Key_Return):
    view = page.view
    view.setFocus()
    view.setCurrentIndex(index)
    if text[0].isascii():
        qtbot.keyClicks(view, text[0])                # the first key opens the cell's editor ...
        editor = QApplication.focusWidget()
        assert editor is not view
        type_text(qtbot, editor, text[1:])            # ... which gets the rest, as with a real keyboard
    else:                                             # Chinese: F2 opens the editor, the IME commits into it
        qtbot.keyClick(view, Qt.Key_F2)
        editor = QApplication.focusWidget()
        assert editor is not view
        qtbot.keyClick(editor, Qt.Key_A, Qt.ControlModifier)
        type_text(qtbot, editor, text)
    qtbot.keyClick(editor, key)
    QApplication.processEvents()                      # Qt commits an Enter on the next event-loop turn


# -- the 下级单位 dialog ------------------------------------------------------

def open_dialog(qtbot, win):
    win.actions_["subordinates"].trigger()
    dialog = win.subordinates_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def names(dialog):
    return [dialog.table.item(n, 0).text() for n in range(dialog.table.rowCount())]


def pick(dialog, name):
    dialog.table.selectRow(names(dialog).index(name))


def fill(qtbot, dialog, name, code):
    for field, text in ((dialog.name, name), (dialog.code, code)):
        field.selectAll()
        field.del_()
        type_text(qtbot, field, text)


# -- a stand-in for the main window, for dialogs tested alone ------------------

class Window(QWidget):
    """What the dialogs need from the main window."""

    def __init__(self, store, plan_id=None, period=PERIOD):
        super().__init__()
        self.store, self.plan_id, self.period = store, plan_id, period
        self.reloads = 0
        self.period_box = QComboBox(self)   # the main window's 报告期 box
        for p in quarters(2023):
            self.period_box.addItem(p.label, p.code)
        self.period_box.setCurrentIndex(self.period_box.findData(period))

    def reload(self):
        self.reloads += 1

    def forget_undo(self):
        self.undo_forgotten = True

    def set_period(self, code):
        self.period = code
        self.period_box.setCurrentIndex(self.period_box.findData(code))
