"""The store: safe open, migrations, transactions and the audit trail."""

import hashlib
import shutil
import sqlite3

import pytest
import sqlite_utils

from msdesk import audit, backup, migrations, plans
from msdesk.errors import StoreError
from msdesk.migrations import check_file
from msdesk.store import create_store, open_store


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_has_latest_schema_and_pragmas(store):
    assert store.schema_version == migrations.latest_version()
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID


def test_create_refuses_to_overwrite(store, db_path):
    with pytest.raises(StoreError, match="已存在"):
        create_store(db_path)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "找不到文件"),
        (b"", "不是民生实事台账文件"),
        (b"\xd5\xe2\xca\xc7\xd2\xbb\xb7\xdd Word \xce\xc4\xb5\xb5" * 100, "不是民生实事台账文件"),
    ],
)
def test_bad_files_get_chinese_message_and_stay_untouched(tmp_path, content, message):
    path = tmp_path / "x.msdesk"
    if content is not None:
        path.write_bytes(content)
    before = digest(path) if path.exists() else None
    with pytest.raises(StoreError, match=message):
        open_store(path)
    assert (digest(path) if path.exists() else None) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == (["x.msdesk"] if content is not None else [])


def test_corrupt_file_is_refused_untouched(small_plan, store, db_path, tmp_path):
    store.close()
    data = bytearray(db_path.read_bytes())
    # Scribble over the middle of the file (past the header page): pages become garbage.
    for i in range(4096 + 100, min(len(data), 4096 * 6), 7):
        data[i] = 0xFF
    bad = tmp_path / "损坏.msdesk"
    bad.write_bytes(bytes(data))
    before = digest(bad)
    with pytest.raises(StoreError, match="已损坏"):
        open_store(bad)
    assert digest(bad) == before


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(StoreError, match="其他程序的数据库"):
        open_store(path)
    assert digest(path) == before


def test_newer_file_is_refused_untouched(store, db_path):
    store.conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    store.close()
    before = digest(db_path)
    with pytest.raises(StoreError, match="更新版本"):
        open_store(db_path)
    assert digest(db_path) == before
    assert not backup.backup_dir(db_path).exists()


def test_old_file_is_upgraded_after_backup_without_loss(tmp_path, monkeypatch):
    """A v1 file meets a program that knows a v2 migration: backup, then upgrade in place."""
    mig_dir = tmp_path / "db"
    mig_dir.mkdir()
    shutil.copy(migrations.available()[0].path, mig_dir / "001_initial.sql")
    monkeypatch.setattr(migrations, "migrations_dir", lambda: mig_dir)
    path = tmp_path / "旧版.msdesk"
    with create_store(path) as s:
        with s.transaction():
            plan = plans.add_plan(s, 2023, "旧计划")
    (mig_dir / "002_notes.sql").write_text("ALTER TABLE plans ADD COLUMN note TEXT;\n", encoding="utf-8")
    with open_store(path) as s:
        assert s.schema_version == 2
        assert s.get("plans", plan)["title"] == "旧计划"
        assert "note" in s.columns("plans")
    saved = backup.list_backups(path)
    assert len(saved) == 1 and "升级前v1" in saved[0].name
    assert check_file(saved[0]) == 1


def test_failed_action_rolls_back_everything(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            plans.add_plan(store, 2024, "半截计划")
            raise RuntimeError("boom")
    assert store.rows("plans") == []
    assert store.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == 0


def test_write_outside_transaction_is_refused(store):
    with pytest.raises(RuntimeError):
        store.insert("plans", year=2024, title="x")


def test_audit_records_who_what_old_new(store):
    with store.transaction():
        plan = plans.add_plan(store, 2023, "初稿")
    with store.transaction():
        store.update("plans", plan, title="定稿")
    with store.transaction():
        store.delete("plans", plan)
    rows = audit.entries(store, table="plans")
    assert [r["action"] for r in rows] == ["delete", "update", "insert"]
    update = rows[1]
    assert (update["field"], update["old_value"], update["new_value"], update["actor"]) == (
        "title",
        "初稿",
        "定稿",
        "测试员",
    )
    assert "修改计划.title：初稿 → 定稿" in audit.describe(update)
    # soft delete: the record is kept, hidden from normal reads
    assert store.get("plans", plan) is None
    assert store.get("plans", plan, include_deleted=True)["deleted"] == 1


def test_listeners_hear_committed_tables_only(store):
    heard = []
    store.listeners.append(heard.append)
    with store.transaction():
        plans.add_plan(store, 2023, "计划")
    with pytest.raises(ValueError):
        with store.transaction():
            plans.add_plan(store, 2024, "计划2")
            raise ValueError
    assert heard == [{"plans"}]


def test_worker_connection_keeps_its_transaction_apart_from_the_gui(store):
    """A background import runs on store.own_connection(): until it commits, the GUI's
    connection sees nothing of it; after, it sees everything and hears the commit."""
    import threading

    heard = []
    store.listeners.append(heard.append)
    inside, finish = threading.Event(), threading.Event()

    def worker():
        with store.own_connection() as own, own.transaction():
            plans.add_plan(own, 2024, "2024年民生实事")
            inside.set()
            finish.wait(10)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(10)
    assert store.rows("plans") == []  # half a transaction is invisible to the GUI
    assert store.conn.in_transaction is False  # and the GUI is not inside the worker's transaction
    finish.set()
    thread.join(10)
    assert [p["title"] for p in store.rows("plans")] == ["2024年民生实事"]
    assert heard == [{"plans"}]


def test_every_record_gets_a_uuid(small_plan, store):
    import uuid

    for table in ("plans", "categories", "projects", "indicators", "project_units", "offices"):
        for row in store.rows(table, include_deleted=True):
            assert uuid.UUID(row["id"]).version == 4


def test_columns_lists_a_tables_columns_in_order_as_sqlite_utils_does(tmp_path):
    with create_store(tmp_path / "列.msdesk") as s:
        names = s.columns("plans")
        assert names == [c.name for c in sqlite_utils.Database(s.conn)["plans"].columns]
        assert names[0] == "id" and "title" in names
        assert s.columns("没有这张表") == []
        with pytest.raises(StoreError):
            s.columns('plans"; DROP TABLE plans; --')
        assert "title" in s.columns("plans")
