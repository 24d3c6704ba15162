"""导出报表 dialog and PDF print preview, driven as a clerk would (offscreen)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

import ui.export_dialog as export_dialog
from msdesk.export.pdf_pages import PdfPages
from msdesk.session import Session
from tests._export_fixtures import build_plan
from ui import reveal


@pytest.fixture
def plan(store):
    return build_plan(store)


@pytest.fixture
def dialog(qtbot, store, plan, tmp_path):
    dlg = export_dialog.ExportDialog(Session(store, plan["plan"], "2023Q3"), footer_note="证书指纹：AB12")
    qtbot.addWidget(dlg)
    dlg.folder_edit.setText(str(tmp_path / "报表"))
    return dlg


def test_dialog_offers_periods_categories_and_lead_units(dialog):
    periods = [dialog.period_combo.itemText(i) for i in range(dialog.period_combo.count())]
    assert periods == ["2023年第1季度", "2023年第2季度", "2023年第3季度", "2023年第4季度"]
    assert dialog.period_combo.currentData() == "2023Q3"
    cats = [dialog.category_combo.itemText(i) for i in range(dialog.category_combo.count())]
    assert cats == ["全部类别", "促进就业", "困难群体救助", "城乡建设"]
    units = [dialog.unit_combo.itemText(i) for i in range(dialog.unit_combo.count())]
    assert units[0] == "全部牵头单位" and "区残联" in units and "区总工会" in units
    assert all(box.isChecked() for box in dialog.table_boxes.values())


def test_export_runs_in_background_then_previews_the_pdf(qtbot, dialog, tmp_path):
    dialog.show()
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    names = sorted(p.name for p in (tmp_path / "报表").iterdir())
    assert names == ["烈山区_2023年第3季度_民生实事报表.pdf", "烈山区_2023年第3季度_民生实事报表.xlsx"]
    assert dialog.bar.value() == dialog.bar.maximum() == 6
    assert "已导出" in dialog.status.text() and dialog.export_button.isEnabled()
    pdf = tmp_path / "报表" / names[0]
    assert "证书指纹：AB12" in PdfReader(pdf).pages[0].extract_text()
    assert dialog.preview.page_count() == len(PdfReader(pdf).pages)
    assert dialog.preview.page_label.text() == f"第 1 页，共 {len(PdfReader(pdf).pages)} 页"
    assert dialog.preview_button.isEnabled() and dialog.folder_button.isEnabled()
    first = dialog.preview
    dialog.preview_button.click()
    assert dialog.preview is not first and dialog.preview.isVisible()


def test_filters_and_table_choice_reach_the_files(qtbot, dialog, tmp_path, monkeypatch):
    dialog.preview_box.setChecked(False)
    dialog.table_boxes["breakdown"].setChecked(False)
    dialog.pdf_box.setChecked(False)
    dialog.category_combo.setCurrentText("困难群体救助")
    dialog.unit_combo.setCurrentText("区残联")
    dialog.period_combo.setCurrentIndex(1)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(dialog.files), timeout=30000)
    assert [f.name for f in dialog.files] == ["烈山区_2023年第2季度_民生实事报表_困难群体救助_区残联.xlsx"]
    assert dialog.preview is None and not dialog.preview_button.isEnabled()
    opened = []
    monkeypatch.setattr(reveal.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    box = dialog.finished_box  # no preview asked for: where the files went, with 打开所在文件夹
    assert box.isVisible() and box.open_button.text() == "打开所在文件夹"
    assert "烈山区_2023年第2季度_民生实事报表_困难群体救助_区残联.xlsx" in box.text()
    box.open_button.click()
    assert opened == [str(tmp_path / "报表")] and not box.isVisible()
    dialog.folder_button.click()
    assert opened == [str(tmp_path / "报表")] * 2 and dialog.folder_button.text() == "打开所在文件夹"


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: [b.setChecked(False) for b in d.table_boxes.values()], "请至少勾选一张报表"),
        (lambda d: (d.xlsx_box.setChecked(False), d.pdf_box.setChecked(False)), "请至少勾选一种格式"),
        (lambda d: d.folder_edit.setText("  "), "请选择保存报表的文件夹"),
        (
            lambda d: (d.category_combo.setCurrentText("城乡建设"), d.unit_combo.setCurrentText("区残联")),
            "类别“城乡建设”中没有牵头单位为“区残联”的项目",
        ),
    ],
)
def test_bad_choices_are_explained_and_nothing_is_written(dialog, tmp_path, change, message):
    change(dialog)
    dialog.export_button.click()
    assert message in dialog.status.text()
    assert dialog.worker is None
    assert not (tmp_path / "报表").exists()


def test_write_failure_is_reported_not_lost(qtbot, dialog, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(export_dialog.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    blocker = tmp_path / "是文件不是文件夹"
    blocker.write_text("x")
    dialog.folder_edit.setText(str(blocker))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert "无法创建输出文件夹" in shown[0] and "无法创建输出文件夹" in dialog.status.text()
    assert dialog.export_button.isEnabled() and not dialog.files


def test_paint_pdf_prints_every_page(qtbot, store, plan, tmp_path):
    from msdesk.export import export_tables

    pdf = export_tables(store, plan["plan"], "2023Q3", tmp_path, formats=["pdf"])[0]
    document = PdfPages(pdf)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert export_dialog.paint_pdf(document, printer) == len(PdfReader(pdf).pages)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == len(PdfReader(pdf).pages)


def test_run_uses_the_windows_store_plan_and_period(qtbot, store, plan, monkeypatch):
    monkeypatch.setattr(export_dialog.ExportDialog, "open", lambda self: None)
    window = SimpleNamespace(session=Session(store, plan["plan"], "2023Q2"))
    dlg = export_dialog.run(window)
    qtbot.addWidget(dlg)
    assert dlg.period_combo.currentData() == "2023Q2" and dlg.plan_id == plan["plan"]


# -- from the main window, as a clerk at quarter end ------------------------


def _file_menu_action(win, text):
    for top in win.menuBar().actions():
        for action in top.menu().actions():
            if text in action.text():
                return action
    raise AssertionError(text)


def test_export_from_the_window_menu_does_not_block_the_window(qtbot, window, tmp_path):
    """文件 → 导出报表 returns at once (a window-modal dialog, like the package dialogs), so the
    window keeps its event loop; an exec() here blocked the action until the dialog closed."""
    window.period = "2023Q2"
    action = _file_menu_action(window, "导出报表")
    action.trigger()  # with exec() this call only returned once the dialog was closed
    dialog = window.export_dialog
    assert isinstance(dialog, export_dialog.ExportDialog)
    assert dialog.isVisible() and dialog.isModal() and dialog.parent() is window
    assert dialog.period_combo.currentData() == "2023Q2"
    dialog.folder_edit.setText(str(tmp_path / "季末"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    assert dialog.preview.isVisible()
    dialog.preview.close()
    names = sorted(p.name for p in (tmp_path / "季末").iterdir())
    assert names == ["烈山区_2023年第2季度_民生实事报表.pdf", "烈山区_2023年第2季度_民生实事报表.xlsx"]
    dialog.reject()
    assert not dialog.isVisible()


def test_closing_during_export_finishes_the_files_but_opens_no_preview(qtbot, window, tmp_path):
    _file_menu_action(window, "导出报表").trigger()
    dialog = window.export_dialog
    dialog.folder_edit.setText(str(tmp_path / "报表"))
    dialog.export_button.click()
    dialog.reject()  # 关闭 while the worker writes: waits for whole files
    assert not dialog.isVisible() and not dialog.worker.running()
    qtbot.wait(300)  # the worker's queued 'succeeded' arrives after the dialog closed
    assert dialog.preview is None or not dialog.preview.isVisible()
    assert len(list((tmp_path / "报表").glob("*.pdf"))) == 1
    assert not list((tmp_path / "报表").glob(".导出中-*"))
