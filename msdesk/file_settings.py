"""Per-file settings a clerk may change: warning thresholds, backups kept, due days.

Kept in the file's settings table, so each office's document carries its own
rules (several provinces use different 红黄绿灯 thresholds).
"""

from __future__ import annotations

from dataclasses import dataclass

from .backup import DEFAULT_KEEP
from .errors import ValidationError
from .periods import DEFAULT_DUE_DAYS
from .progress import DEFAULT_MAX_RATIO
from .status import DEFAULT_RED_GAP, DEFAULT_YELLOW_GAP
from .store import Store


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    default: float
    low: float
    high: float
    hint: str


SETTINGS = (
    Setting(
        "warn.yellow_gap",
        "黄灯：落后序时进度（百分点）达到",
        DEFAULT_YELLOW_GAP,
        0,
        100,
        "落后序时进度达到这么多个百分点时亮黄灯，标为“滞后”。",
    ),
    Setting(
        "warn.red_gap",
        "红灯：落后序时进度（百分点）超过",
        DEFAULT_RED_GAP,
        0,
        100,
        "落后序时进度超过这么多个百分点时亮红灯。",
    ),
    Setting("backup.keep", "自动备份保留份数", DEFAULT_KEEP, 1, 100, "超过后删除最旧的备份。"),
    Setting("due_days", "报送截止：季度结束后第几天", DEFAULT_DUE_DAYS, 0, 60, "用于判断按时、逾期报送。"),
    Setting("validate.max_ratio", "累计完成超过目标几倍时提示核对", DEFAULT_MAX_RATIO, 1, 100, "防止多输一位数。"),
)
BY_KEY = {s.key: s for s in SETTINGS}


def read(store: Store) -> dict[str, float]:
    return {s.key: float(store.setting(s.key, str(s.default)) or s.default) for s in SETTINGS}


def write(store: Store, values: dict[str, float]) -> None:
    """Validate all values, then write them in one transaction."""
    clean = {}
    for key, raw in values.items():
        setting = BY_KEY[key]
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise ValidationError(f"“{setting.label}”应填数字。", field=key) from None
        if not setting.low <= value <= setting.high:
            from .numbers import format_number

            raise ValidationError(
                f"“{setting.label}”应在 {format_number(setting.low)} 到 {format_number(setting.high)} 之间。", field=key
            )
        clean[key] = value
    merged = {**read(store), **clean}
    if merged["warn.yellow_gap"] > merged["warn.red_gap"]:
        raise ValidationError("黄灯阈值不能大于红灯阈值。", field="warn.yellow_gap")
    with store.transaction():
        for key, value in clean.items():
            store.set_setting(key, f"{value:g}")
