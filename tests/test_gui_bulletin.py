"""报表 → 进展通报: the draft is previewed, edited, regenerated (asked first) and saved with the edits."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

import ui.bulletin_dialog as bulletin_dialog
from msdesk.bulletin import build_bulletin, to_text
from msdesk.session import Session
from tests._docx import paragraphs as docx_paragraphs
from tests._export_fixtures import build_plan
from tests.gui_helpers import click_in_box, shot


@pytest.fixture
def plan(store):
    return build_plan(store)


@pytest.fixture
def dialog(qtbot, store, plan):
    dlg = bulletin_dialog.BulletinDialog(Session(store, plan["plan"], "2023Q3"))
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_opens_with_the_draft_of_the_period(dialog, store, plan):
    assert dialog.period_combo.currentData() == "2023Q3"
    assert dialog.text() == to_text(build_bulletin(store, plan["plan"], "2023Q3"))
    assert dialog.text().startswith("烈山区2023年民生实事第3季度进展情况通报")
    assert "一、总体情况" in dialog.text() and "资金情况" in dialog.text()
    units = [dialog.unit_combo.itemText(i) for i in range(dialog.unit_combo.count())]
    assert units[0] == "全部牵头单位" and "区残联" in units
    assert not dialog.edited
    shot(dialog, "bulletin-dialog")


def test_edits_are_saved_into_docx_and_pdf(dialog, tmp_path):
    text = dialog.text().replace("一、总体情况", "一、总体情况（经办人已核对）")
    dialog.editor.setPlainText(text)
    assert dialog.edited
    path = dialog.save("docx", tmp_path / "通报")
    assert path == tmp_path / "通报.docx"
    paragraphs = docx_paragraphs(path)
    assert "一、总体情况（经办人已核对）" in paragraphs
    assert paragraphs[0] == "烈山区2023年民生实事" and paragraphs[1] == "第3季度进展情况通报"
    pdf = dialog.save("pdf", tmp_path / "通报.pdf")
    assert "经办人已核对" in "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "已保存" in dialog.status.text()


def test_regenerate_asks_before_throwing_edits_away(qtbot, dialog):
    dialog.editor.setPlainText(dialog.text() + "补充一句。\n")
    dialog.period_combo.setCurrentIndex(1)  # 第2季度
    seen = []
    click_in_box("取消", seen)
    assert dialog.regenerate() is False
    assert "补充一句。" in dialog.text() and "重新生成会丢弃" in seen[0]
    click_in_box(bulletin_dialog.DISCARD, seen)
    dialog.regenerate_button.click()
    qtbot.waitUntil(lambda: "补充一句。" not in dialog.text(), timeout=3000)
    assert dialog.text().startswith("烈山区2023年民生实事第2季度进展情况通报") and not dialog.edited


def test_regenerate_without_edits_does_not_ask_and_filters(dialog):
    dialog.category_combo.setCurrentText("困难群体救助")
    assert dialog.regenerate() is True
    assert dialog.text().startswith("烈山区2023年民生实事（困难群体救助）第3季度进展情况通报")


def test_closing_with_unsaved_edits_asks(qtbot, dialog):
    dialog.editor.setPlainText("改过的文字")
    seen = []
    click_in_box("取消", seen)
    dialog.close()
    assert dialog.isVisible() and "还没有保存" in seen[0]
    click_in_box(bulletin_dialog.CLOSE_ANYWAY)
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def test_a_file_that_cannot_be_written_says_why(dialog, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(bulletin_dialog.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    assert dialog.save("docx", tmp_path / "x.txt") == tmp_path / "x.txt.docx"
    blocker = tmp_path / "占用"
    blocker.write_text("")
    assert dialog.save("docx", blocker / "通报.docx") is None
    assert shown and "无法在" in shown[0]


def test_报表_menu_opens_the_bulletin_of_the_window_plan_and_period(qtbot, win, monkeypatch):
    win.set_period("2023Q2")
    action = win.actions_["bulletin"]
    assert action.isEnabled() and "报表" in action.associatedObjects()[-1].title()
    action.trigger()
    dialog = win.bulletin_dialog
    assert dialog.isVisible() and dialog.parent() is win
    assert dialog.text().startswith("烈山区2023年民生实事第2季度进展情况通报")
    dialog.close()
    said = []
    monkeypatch.setattr(bulletin_dialog.QMessageBox, "information", lambda *a: said.append(a[2]))
    win.session.plan_id = None
    win.bulletin_dialog = None
    action.trigger()
    assert win.bulletin_dialog is None and "请先导入民生实事通知" in said[0]
