"""目标分解 for ceilings (≤, 不超过) and ranges (约, 左右): the 目标 column says which, and a ceiling
shared out below its limit is not flagged as a shortfall; going over it is."""

from __future__ import annotations

from PySide6.QtCore import Qt

from msdesk import plans
from tests.gui_helpers import indicator, shot, show_breakdown, shown, type_into
from ui.breakdown_table_model import COL_TARGET


def test_ceiling_and_range_targets(qtbot, win):
    page = show_breakdown(qtbot, win)
    care = indicator(win, "7", "康复")  # 559 名, split 5 ways, adds up
    with win.store.transaction():  # read as “不超过 559 名” (a ceiling)
        plans.update_indicator(win.store, care.indicator_id, comparator="<=")
    qtbot.waitUntil(lambda: shown(page, care.indicator_id, COL_TARGET) == "≤559")
    about = indicator(win, "19", "老年学校")  # 0.5 万人左右
    assert shown(page, about.indicator_id, COL_TARGET) == "约0.5"
    assert shown(page, indicator(win, "9", "无障碍").indicator_id, COL_TARGET) == "136"  # ≥: the plain figure
    assert shown(page, care.indicator_id, page.model.col_difference) == "一致"

    cell = page.cell_index(care.indicator_id, "古饶镇")
    low = int(cell.data()) - 20
    type_into(qtbot, page, cell, str(low))  # 539 ≤ 559: within the ceiling
    state = shown(page, care.indicator_id, page.model.col_difference)
    assert state == "低于 20"
    assert page.model.index(cell.row(), page.model.col_difference).data(Qt.BackgroundRole) is None
    assert "不一致 0 项" in page.summary.text()
    page.only_bad.setChecked(True)
    assert page.view.isRowHidden(cell.row())
    page.only_bad.setChecked(False)
    assert "不超过" in page.model.index(cell.row(), page.model.col_difference).data(Qt.ToolTipRole)
    shot(win, "breakdown_ceiling")

    type_into(qtbot, page, cell, str(low + 40))  # 579 > 559: over the ceiling
    assert shown(page, care.indicator_id, page.model.col_difference) == "超 20"
    assert page.model.index(cell.row(), page.model.col_difference).data(Qt.BackgroundRole) is not None
    assert "不一致 1 项" in page.summary.text()
