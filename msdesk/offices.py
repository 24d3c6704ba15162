"""填报单位 and its subordinates. The file's own office has is_self = 1."""

from __future__ import annotations

from collections.abc import Sequence
from types import EllipsisType
from typing import Any

from .errors import ValidationError
from .store import Store

LEVELS = {"township": "乡镇/街道", "district": "区/县", "city": "市", "province": "省", "other": "其他"}


NAME_MAX = 64  # the certificate's 单位名称 (X.509 common name) holds at most 64 characters


def _usable_name(name: str, what: str = "单位名称") -> str:
    if not name or not name.strip():
        raise ValidationError(f"{what}不能为空。", field="name")
    name = name.strip()
    if len(name) > NAME_MAX:
        raise ValidationError(f"{what}太长（{len(name)} 个字），最多 {NAME_MAX} 个字，未做任何修改。", field="name")
    return name


def self_office(store: Store) -> dict[str, Any] | None:
    rows = store.rows("offices", "is_self = 1")
    return rows[0] if rows else None


def set_self_office(store: Store, name: str, level: str = "township", **fields: Any) -> str:
    """Create or update the office that keeps this file (one user action)."""
    name = _usable_name(name, "填报单位名称")
    if level not in LEVELS:
        raise ValidationError(f"单位级别“{level}”无效。", field="level")
    current = self_office(store)
    if current:
        store.update("offices", current["id"], name=name, level=level, **fields)
        return str(current["id"])
    return store.insert("offices", name=name, level=level, is_self=1, **fields)


def add_office(
    store: Store,
    name: str,
    level: str = "township",
    parent_id: str | None = None,
    region_code: str | None = None,
    id: str | None = None,
    **fields: Any,
) -> str:
    values = dict(name=_usable_name(name), level=level, parent_id=parent_id, region_code=region_code, **fields)
    if id:
        values["id"] = id
    return store.insert("offices", **values)


def subordinates(store: Store, parent_id: str | None = None) -> list[dict[str, Any]]:
    if parent_id is None:
        me = self_office(store)
        if not me:
            return []
        parent_id = me["id"]
    return store.rows("offices", "parent_id = ?", [parent_id], order_by="name")


def find_by_name(store: Store, name: str) -> dict[str, Any] | None:
    rows = store.rows("offices", "name = ?", [name])
    return rows[0] if rows else None


PARENT_LEVEL = {"township": "district", "district": "city", "city": "province", "province": "other", "other": "other"}


def set_parent(store: Store, name: str | None) -> str | None:
    """Set the 上级单位 of the file's own office by name, adding that office if it is new."""
    me = self_office(store)
    if not me:
        raise ValidationError("请先填写填报单位名称。", field="name")
    name = (name or "").strip()
    if not name:
        store.update("offices", me["id"], parent_id=None)
        return None
    if name == me["name"]:
        raise ValidationError("上级单位不能是本单位。", field="parent")
    parent = find_by_name(store, name)
    parent_id = parent["id"] if parent else add_office(store, name, PARENT_LEVEL[me["level"]])
    store.update("offices", me["id"], parent_id=parent_id)
    return parent_id


# -- 下级单位: maintained by the upper office (the columns of the 目标任务分解表) --------------


def _check_name(store: Store, name: str, office_id: str | None = None) -> str:
    name = _usable_name(name or "")
    for other in store.rows("offices", "name = ?", [name]):
        if other["id"] != office_id:
            what = "本单位" if other["is_self"] else "已有单位"
            raise ValidationError(f"{what}已叫“{name}”，单位名称不能重复。", field="name")
    return name


def check_region_code(code: str | None) -> str | None:
    """行政区划代码: 6 digits (区县), 9 (乡镇街道) or 12 (村/社区); empty means none."""
    code = (code or "").strip()
    if not code:
        return None
    if not code.isascii() or not code.isdigit() or len(code) not in (6, 9, 12):
        raise ValidationError(
            f"区划代码“{code}”无效：应为6位、9位或12位数字（如乡镇街道 340604100）。", field="region_code"
        )
    return code


CHILD_LEVEL = {
    "province": "city",
    "city": "district",
    "district": "township",
    "township": "other",
    "other": "other",
}  # a township's 下级 are 村/社区: 其他


def add_subordinate(store: Store, name: str, region_code: str | None = None, level: str | None = None) -> str:
    """A new 下级单位 of this file's office, with a unique name."""
    me = self_office(store)
    if not me:
        raise ValidationError("请先在“单位设置”中填写本单位名称。")
    level = level or CHILD_LEVEL[me["level"]]
    if level not in LEVELS:
        raise ValidationError(f"单位级别“{level}”无效。", field="level")
    return add_office(
        store, _check_name(store, name), level, parent_id=me["id"], region_code=check_region_code(region_code)
    )


def rename_office(
    store: Store, office_id: str, name: str, region_code: str | None | EllipsisType = ..., level: str | None = None
) -> dict[str, Any]:
    """Rename a subordinate (and change its region code / level if given). Returns the old values."""
    if store.get("offices", office_id) is None:
        raise ValidationError("该单位已被删除。")
    changes: dict[str, str | None] = {"name": _check_name(store, name, office_id)}
    if not isinstance(region_code, EllipsisType):
        changes["region_code"] = check_region_code(region_code)
    if level is not None:
        if level not in LEVELS:
            raise ValidationError(f"单位级别“{level}”无效。", field="level")
        changes["level"] = level
    return store.update("offices", office_id, **changes)


def received_data(store: Store, office_id: str) -> dict[str, Any]:
    """What this file holds from the office: submissions received and figures/notes rolled up."""
    counts = {}
    for table in ("submissions", "progress", "project_reports"):
        counts[table] = store.query(
            f"SELECT count(*) AS n FROM {table} WHERE office_id = ? AND deleted = 0", [office_id]
        )[0]["n"]
    counts["trusted_certs"] = store.query(
        "SELECT count(*) AS n FROM trusted_certs WHERE office_id = ? AND deleted = 0 AND revoked_at IS NULL",
        [office_id],
    )[0]["n"]
    return counts


def delete_office(store: Store, office_id: str) -> list[str]:
    """Soft-delete a subordinate and its target shares; refused once it has sent data.

    Returns the ids of the shares deleted with it, for restore_office (undo)."""
    office = store.get("offices", office_id)
    if office is None:
        raise ValidationError("该单位已被删除。")
    if office["is_self"]:
        raise ValidationError("不能删除本单位。")
    n = received_data(store, office_id)
    if n["submissions"] or n["progress"] or n["project_reports"]:
        raise ValidationError(
            f"“{office['name']}”已有报送数据（报送包 {n['submissions']} 个、进度数据 {n['progress']} 条、"
            f"进展情况 {n['project_reports']} 条），不能删除：删除会让汇总和历次报送对不上。"
            "单位改名请直接修改名称，不要删除后重建。"
        )
    if n["trusted_certs"]:
        raise ValidationError(
            f"“{office['name']}”的证书还在信任列表中，请先在“报送→签名密钥…→信任列表”中撤销，再删除。"
        )
    shares = [r["id"] for r in store.rows("target_breakdowns", "office_id = ?", [office_id])]
    for share_id in shares:
        store.delete("target_breakdowns", share_id)
    store.delete("offices", office_id)
    return shares


def restore_office(store: Store, office_id: str, shares: Sequence[str] = ()) -> None:
    """Undo delete_office: the office comes back with the same shares."""
    store.restore("offices", office_id)
    for share_id in shares:
        store.restore("target_breakdowns", share_id)
