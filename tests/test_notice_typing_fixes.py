"""Faults that `mypy --strict` found in msdesk.notice when its exemption was removed (issue 13).

Each was a None that the code went on to use: a crash with an English traceback instead of a
result or a Chinese message.
"""

from __future__ import annotations

import pytest

from msdesk.errors import MsdeskError
from msdesk.notice.model import ParsedPlan
from msdesk.notice.parse import _Walker
from msdesk.notice.workbook import write_workbook


def walk(rows: list[str]) -> _Walker:
    lines = list(enumerate(rows, 1))
    walker = _Walker(ParsedPlan())
    walker.all_lines = lines
    walker.walk(lines, set(), dict(lines))
    return walker


def test_a_cut_table_row_whose_joined_cells_read_as_a_category_row_does_not_crash():
    # Row 2 has three of the five cells, row 3 (no 序号) brings the other three: the walker joins them
    # (人 + 社 = 人社). The joined row holds only 一、就业 and 人社: a category row. Before, the walker then
    # wrote the lines of the item it had just removed into "the current item", which was None.
    walker = walk(["项目名称\t牵头单位\t配合单位\t完成时限\t备注", "一、就业\t人社\t人", "社\t\t"])
    assert [c.name for c in walker.plan.categories] == ["就业"]
    assert walker.occs == []
    assert walker.unplaced == [(2, "一、就业\t人社\t人")]  # its cells were not read: listed, not lost


def test_a_cut_table_row_that_joins_into_an_item_keeps_both_lines():
    walker = walk(["项目名称\t牵头单位\t配合单位\t完成时限\t备注", "建设公园2个\t区住建", "局\t区财政局\t12月底前\t"])
    assert len(walker.occs) == 1
    occ = walker.occs[0]
    assert occ.lines == [2, 3]
    assert occ.deadline == "12月底前"
    assert "区住建局" in occ.text


def test_project_workbook_of_a_plan_that_is_gone_is_refused_in_chinese(store, tmp_path):
    # write_workbook read plan["title"] of store.get(...) = None: TypeError, now a message for the clerk.
    with pytest.raises(MsdeskError, match="该计划已被删除"):
        write_workbook(store, "no-such-plan", tmp_path / "清单.xlsx")
    assert not (tmp_path / "清单.xlsx").exists()
