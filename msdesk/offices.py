"""填报单位 and its subordinates. The file's own office has is_self = 1."""
from __future__ import annotations

from .errors import ValidationError
from .store import Store

LEVELS = {"township": "乡镇/街道", "district": "区/县", "city": "市", "province": "省", "other": "其他"}


def self_office(store: Store) -> dict | None:
    rows = store.rows("offices", "is_self = 1")
    return rows[0] if rows else None


def set_self_office(store: Store, name: str, level: str = "township", **fields) -> str:
    """Create or update the office that keeps this file (one user action)."""
    if not name or not name.strip():
        raise ValidationError("填报单位名称不能为空。", field="name")
    if level not in LEVELS:
        raise ValidationError(f"单位级别“{level}”无效。", field="level")
    current = self_office(store)
    if current:
        store.update("offices", current["id"], name=name.strip(), level=level, **fields)
        return current["id"]
    return store.insert("offices", name=name.strip(), level=level, is_self=1, **fields)


def add_office(store: Store, name: str, level: str = "township", parent_id=None, region_code=None,
               id=None, **fields) -> str:
    if not name or not name.strip():
        raise ValidationError("单位名称不能为空。", field="name")
    values = dict(name=name.strip(), level=level, parent_id=parent_id, region_code=region_code, **fields)
    if id:
        values["id"] = id
    return store.insert("offices", **values)


def subordinates(store: Store, parent_id: str | None = None) -> list[dict]:
    if parent_id is None:
        me = self_office(store)
        if not me:
            return []
        parent_id = me["id"]
    return store.rows("offices", "parent_id = ?", [parent_id], order_by="name")


def find_by_name(store: Store, name: str) -> dict | None:
    rows = store.rows("offices", "name = ?", [name])
    return rows[0] if rows else None


PARENT_LEVEL = {"township": "district", "district": "city", "city": "province", "province": "other",
                "other": "other"}


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
