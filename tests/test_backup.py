"""Rotating backups and restore."""

import pytest

from msdesk import backup, plans
from msdesk.errors import StoreError
from msdesk.store import open_store


def add_plan(store, title):
    with store.transaction():
        return plans.add_plan(store, 2023, title)


def test_backup_rotates_and_restore_brings_data_back(store, db_path):
    add_plan(store, "第一版")
    for _ in range(4):
        backup.backup_file(db_path, keep=3, conn=store.conn)
    saved = backup.list_backups(db_path)
    assert len(saved) == 3
    add_plan(store, "第二版")
    store.close()
    backup.restore_backup(saved[0], db_path)
    with open_store(db_path) as s:
        assert [p["title"] for p in plans.plans(s)] == ["第一版"]
    # the file as it was before the restore was kept too
    assert any("恢复前" in p.name for p in backup.list_backups(db_path))


def test_restore_refuses_a_bad_backup_and_keeps_the_file(store, db_path, tmp_path):
    add_plan(store, "现有数据")
    store.close()
    junk = tmp_path / "junk.msdesk"
    junk.write_bytes(b"not a database at all" * 50)
    with pytest.raises(StoreError, match="备份文件.*无法使用"):
        backup.restore_backup(junk, db_path)
    with open_store(db_path) as s:
        assert [p["title"] for p in plans.plans(s)] == ["现有数据"]


def test_auto_backup_respects_interval(store):
    assert backup.auto_backup(store) is not None
    assert backup.auto_backup(store) is None
    assert backup.auto_backup(store, min_hours=0) is not None
