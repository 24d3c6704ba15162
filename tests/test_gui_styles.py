"""The highlighted item of every drop-down and list is drawn readable (it used to be blank:
white text on a white highlight in the 报告期 and 从备份恢复 combo popups)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QItemSelectionModel, QStringListModel
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QListView, QTableView

ITEMS = ["2023年第1季度", "2023年第2季度", "2023年第3季度", "2023年第4季度"]


def _luminance(c: QColor) -> float:
    def ch(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())


def _contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _check_row(image, rect, tmp_path, name):
    """The row's background is a highlight (not the plain white around it), and its text is there
    and readable on it: enough pixels unlike the background, the darkest at contrast ≥ 4.5."""
    image.save(str(tmp_path / f"{name}.png"))
    pixels = [
        image.pixelColor(x, y)
        for x in range(rect.left() + 2, rect.right() - 2)
        for y in range(rect.top() + 2, rect.bottom() - 1)
    ]
    background = QColor(Counter(p.rgb() for p in pixels).most_common(1)[0][0])
    assert background.name() != "#ffffff", f"{name}: the highlighted row has no highlight"
    text = [p for p in pixels if _contrast(p, background) > 1.5]
    assert len(text) > 30, f"{name}: the highlighted item's text is not drawn (blank row)"
    best = max(_contrast(p, background) for p in text)
    assert best >= 4.5, f"{name}: text contrast only {best:.1f}"


@pytest.fixture
def app():
    from ui.app import make_app

    return make_app()


def test_combo_popup_highlighted_item_is_readable(app, qtbot, tmp_path):
    combo = QComboBox()
    combo.addItems(ITEMS)
    qtbot.addWidget(combo)
    combo.resize(260, 30)
    combo.show()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    index = combo.model().index(2, 0)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
    app.processEvents()
    popup = view.window()
    image = popup.grab().toImage()
    rect = view.visualRect(index).translated(view.mapTo(popup, view.rect().topLeft()))
    _check_row(image, rect, tmp_path, "combo_popup")
    combo.hidePopup()


@pytest.mark.parametrize("kind", [QListView, QTableView])
def test_list_and_table_highlight_is_readable(app, qtbot, tmp_path, kind):
    view = kind()
    model = QStringListModel(ITEMS)
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(300, 160)
    if kind is QTableView:
        view.setColumnWidth(0, 260)
    view.show()
    qtbot.waitExposed(view)
    index = model.index(1, 0)
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
    view.clearFocus()  # an unfocused list must show its selection readably too
    app.processEvents()
    viewport = view.viewport()
    _check_row(viewport.grab().toImage(), view.visualRect(index), tmp_path, kind.__name__)
