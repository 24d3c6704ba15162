"""What an office does: a township receives a 任务包, reports and signs; a district (or a
city) also splits targets, sends 任务包, receives, verifies and rolls up. The screens ask
here which actions and tables to offer, and what the first step of an empty file is."""

from __future__ import annotations

from . import offices
from .store import Store

# capabilities only an office with subordinates has
BREAKDOWN = "breakdown"  # 目标分解 page and the 目标任务分解表
TASK_PACKAGE = "task_package"  # 生成任务包
RECEIVE = "receive_submissions"  # 导入下级报送, 校验
ROLLUP = "rollup"  # 汇总
UPPER_ONLY = frozenset({BREAKDOWN, TASK_PACKAGE, RECEIVE, ROLLUP})
UPPER_LEVELS = ("district", "city", "province")

TOWNSHIP_FIRST_STEP = (
    "本台账还没有计划。乡镇（街道）请先用“报送→导入任务包…”导入区里下发的任务包（.zip），项目和本单位的目标会一起导入。"
)
UPPER_FIRST_STEP = (
    "本台账还没有计划。请用“文件→导入通知…”导入年度通知，或用“编辑→新建计划…”建立"
    "（可从去年的计划复制）；收到上级下发的任务包时用“报送→导入下级报送…”导入。"
)


def level(store: Store) -> str:
    me = offices.self_office(store)
    return (me or {}).get("level") or "township"


def is_upper(store: Store) -> bool:
    """An office that has (or may have) subordinates: a district sees township actions and its own."""
    return level(store) in UPPER_LEVELS or bool(offices.subordinates(store))


def can(store: Store, capability: str) -> bool:
    """Whether to offer this capability's actions and tables in this file."""
    return capability not in UPPER_ONLY or is_upper(store)


def first_step(store: Store) -> str:
    """The welcome banner of a file with no plan: a township starts from the 任务包."""
    return UPPER_FIRST_STEP if is_upper(store) else TOWNSHIP_FIRST_STEP
