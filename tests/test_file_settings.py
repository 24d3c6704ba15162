"""Per-file settings change the rules where they are applied."""

import pytest

from msdesk import file_settings, overview, progress, status
from msdesk.errors import ValidationError


def test_defaults(store):
    assert file_settings.read(store) == {
        "warn.yellow_gap": 10.0,
        "warn.red_gap": 30.0,
        "backup.keep": 10.0,
        "due_days": 10.0,
        "validate.max_ratio": 3.0,
    }


def test_stricter_thresholds_turn_a_project_red(store, small_plan):
    ind = small_plan["indicators"][2]  # 559 名
    with store.transaction():
        progress.set_actual(store, ind, "2023Q3", 380)  # 68 %, 7 points behind 75 %

    def level():
        return {r.project["seq"]: r for r in overview.project_rows(store, small_plan["plan"], "2023Q3")}["7"]

    assert level().assessment.level == status.GREEN
    file_settings.write(store, {"warn.yellow_gap": 3, "warn.red_gap": 5})
    assert level().assessment.level == status.RED


def test_due_days_setting_moves_new_periods_due_date(store):
    file_settings.write(store, {"due_days": 15})
    with store.transaction():
        progress.ensure_period(store, "2023Q3")
    assert store.rows("periods")[0]["due_date"] == "2023-10-15"


@pytest.mark.parametrize(
    "values, message",
    [
        ({"warn.yellow_gap": "abc"}, "应填数字"),
        ({"warn.red_gap": 150}, "应在 0 到 100 之间"),
        ({"warn.yellow_gap": 40}, "黄灯阈值不能大于红灯阈值"),
        ({"backup.keep": 0}, "应在 1 到 100 之间"),
    ],
)
def test_bad_values_change_nothing(store, values, message):
    with pytest.raises(ValidationError, match=message):
        file_settings.write(store, values)
    assert store.query("SELECT * FROM settings") == []
