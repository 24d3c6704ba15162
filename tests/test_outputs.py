"""Where exports and packages go, and what they are called (office and period in the name)."""

from __future__ import annotations

import pytest

from msdesk import outputs
from msdesk.export import export_tables
from msdesk.package.build import default_name
from msdesk.periods import parse_period


def test_default_folder_is_next_to_the_ledger_until_the_clerk_chooses_one(tmp_path):
    ledger = tmp_path / "台账" / "宋疃镇.msdesk"
    assert outputs.default_folder("exports", ledger) == ledger.parent / "报表"
    assert outputs.default_folder("packages", ledger) == ledger.parent / "报送包"
    chosen = tmp_path / "U盘" / "报送"
    chosen.mkdir(parents=True)
    outputs.remember_folder("packages", chosen)
    assert outputs.default_folder("packages", ledger) == chosen.resolve()
    assert outputs.default_folder("exports", ledger) == ledger.parent / "报表"  # per kind
    outputs.remember_folder("packages", None)
    assert outputs.default_folder("packages", ledger) == ledger.parent / "报送包"


def test_a_chosen_folder_that_is_gone_falls_back_to_the_ledger(tmp_path):
    gone = tmp_path / "拔掉的U盘"
    gone.mkdir()
    outputs.remember_folder("exports", gone)
    gone.rmdir()
    assert outputs.default_folder("exports", tmp_path / "a.msdesk") == tmp_path / "报表"


def test_unknown_kind_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError):
        outputs.default_folder("photos", tmp_path / "a.msdesk")


def test_names_carry_office_and_period():
    q3 = parse_period("2023Q3")
    assert outputs.package_file_name("宋疃镇", "submission", q3) == "宋疃镇_报送包_2023Q3.zip"
    assert outputs.package_file_name("宋疃镇", "submission", "2023Q3", 2) == "宋疃镇_报送包_2023Q3_第2次报送.zip"
    assert outputs.package_file_name("烈山区", "tasks", year=2023) == "烈山区_任务包_2023年.zip"
    assert outputs.package_file_name("烈山区", "tasks", year=2023, version=3) == "烈山区_任务包_2023年_第3版.zip"
    assert outputs.export_file_stem("烈山区", q3, "进展情况表") == "烈山区_2023年第3季度_进展情况表"
    assert outputs.certificate_file_name("宋疃镇") == "宋疃镇_证书.pem"
    assert outputs.key_backup_file_name("宋 疃/镇") == "宋疃镇_证书备份.msdkey"
    assert default_name("宋疃镇", "submission", q3, 1) == "宋疃镇_报送包_2023Q3.zip"


def test_exported_table_is_named_by_office_and_period(store, small_plan, tmp_path):
    files = export_tables(store, small_plan["plan"], "2023Q3", tmp_path, tables=["progress"], formats=["xlsx"])
    assert [f.name for f in files] == ["烈山区_2023年第3季度_进展情况表.xlsx"]
