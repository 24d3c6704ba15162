"""One SQLite file is one office's document.

The Store opens a file safely (checks before touching it), upgrades older
files after a backup, and is the only place that writes: every write goes
through insert / update / delete inside transaction(), which records the
audit trail in the same transaction.

Why not sqlite-utils' own insert/upsert for writes: they wrap each call in
`with conn:`, which commits any enclosing transaction early; a user action
must be one transaction. sqlite-utils is used for reads and introspection.
"""
from __future__ import annotations

import getpass
import sqlite3
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from . import errors
from .errors import StoreError
from . import migrations
from .backup import backup_file
from .migrations import check_file

AUDITED_SKIP = {"created_at", "updated_at"}
READ_CACHE_KB, BULK_CACHE_KB = -8192, -65536   # SQLite page cache per connection (negative: KiB)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Store:
    """An open msdesk file. Use open_store() / create_store() to get one."""

    def __init__(self, path: Path, conn: sqlite3.Connection, actor: str):
        self.path = Path(path)
        self.conn = conn
        self._db = None
        self.actor = actor
        self._depth = 0
        self._txn: str | None = None
        self._lock = threading.RLock()
        self.listeners: list = []  # called with the set of tables changed by a committed transaction
        self._changed: set[str] = set()
        self._stamp = now()
        self._audit_rows: list[tuple] = []
        self._big_cache = False   # the page cache raised for a bulk import in this transaction

    @property
    def db(self):
        """sqlite-utils over this connection, for introspection (a table's columns). Made on first
        use: importing it costs a tenth of a second of the window's start, and reads need none of it."""
        if self._db is None:
            import sqlite_utils
            self._db = sqlite_utils.Database(self.conn)
        return self._db

    # -- transactions -------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[str]:
        """One user action: everything inside commits together or not at all.

        Nested calls join the outer transaction. Yields the transaction id
        that groups its audit rows.
        """
        with self._lock:
            if self._depth == 0:
                self.conn.execute("BEGIN IMMEDIATE")
                self._txn = new_id()
                self._stamp = now()  # one user action, one time stamp
                self._changed = set()
                self._audit_rows = []
            self._depth += 1
            try:
                yield self._txn  # type: ignore[misc]
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self.conn.execute("ROLLBACK")
                    self._txn = None
                    self._audit_rows = []
                    self._page_cache(big=False)
                raise
            self._depth -= 1
            if self._depth == 0:
                try:
                    self._flush_audit()
                except BaseException:
                    self.conn.execute("ROLLBACK")
                    self._txn = None
                    raise
                self.conn.execute("COMMIT")
                self._txn = None
                self._page_cache(big=False)
                changed, self._changed = self._changed, set()
                for listener in list(self.listeners):
                    listener(changed)

    def _page_cache(self, big: bool) -> None:
        """Random UUID keys touch many index pages: a bulk import gets a 64 MB page cache for its
        transaction. Reading needs far less, and a connection keeps what it cached: with 64 MB
        a 20,000-project file read once stayed in memory twice (the GUI's and a worker's)."""
        if big != self._big_cache:
            self.conn.execute(f"PRAGMA cache_size = {BULK_CACHE_KB if big else READ_CACHE_KB}")
            self._big_cache = big

    def _require_txn(self) -> str:
        if self._depth == 0 or self._txn is None:
            raise RuntimeError("writes must run inside store.transaction()")
        return self._txn

    def _audit(self, action: str, table: str, row_id: str, field=None, old=None, new=None) -> None:
        # Buffered and written just before COMMIT, inside the same transaction.
        self._audit_rows.append((self._stamp, self.actor, action, table, row_id, field, _text(old),
                                 _text(new), self._require_txn()))
        self._changed.add(table)

    def _flush_audit(self) -> None:
        if self._audit_rows:
            self.conn.executemany(
                "INSERT INTO audit_log (at, actor, action, table_name, row_id, field, old_value, new_value, txn)"
                " VALUES (?,?,?,?,?,?,?,?,?)", self._audit_rows)
            self._audit_rows = []

    # -- writes -------------------------------------------------------
    def insert(self, table: str, **values: Any) -> str:
        self._require_txn()
        values.setdefault("id", new_id())
        values.setdefault("created_at", self._stamp)
        values.setdefault("updated_at", self._stamp)
        cols = tuple(values)
        self.conn.execute(_insert_sql(table, cols), [values[c] for c in cols])
        self._audit("insert", table, values["id"], new=_summary(values))
        return values["id"]

    def insert_many(self, table: str, rows: list[dict]) -> list[str]:
        """Bulk insert of rows sharing the same columns (imports, roll-up).

        Audited as one entry per call (count and first/last id): the records
        themselves carry the transaction's time stamp, and one audit row per
        imported figure would double the size and time of a large import."""
        self._require_txn()
        if not rows:
            return []
        for values in rows:
            values.setdefault("id", new_id())
            values.setdefault("created_at", self._stamp)
            values.setdefault("updated_at", self._stamp)
        if len(rows) >= 1000:
            self._page_cache(big=True)
        cols = tuple(rows[0])
        self.conn.executemany(_insert_sql(table, cols), [[v[c] for c in cols] for v in rows])
        self._audit("insert", table, rows[0]["id"],
                    new=f"批量新增 {len(rows)} 条（{rows[0]['id']} … {rows[-1]['id']}）")
        return [v["id"] for v in rows]

    def update(self, table: str, row_id: str, **changes: Any) -> dict[str, Any]:
        """Write the fields that differ; returns their old values (for undo)."""
        self._require_txn()
        row = self.get(table, row_id, include_deleted=True)
        if row is None:
            raise KeyError(f"{table} {row_id}")
        diff = {k: v for k, v in changes.items() if row.get(k) != v}
        if not diff:
            return {}
        diff_sql = ", ".join(f"{_ident(k)} = ?" for k in diff)
        self.conn.execute(
            f"UPDATE {_ident(table)} SET {diff_sql}, updated_at = ? WHERE id = ?",
            [*diff.values(), self._stamp, row_id],
        )
        for field, value in diff.items():
            if field not in AUDITED_SKIP:
                action = "delete" if (field == "deleted" and value) else (
                    "restore" if field == "deleted" else "update")
                self._audit(action, table, row_id, field, row.get(field), value)
        return {k: row.get(k) for k in diff}

    def delete(self, table: str, row_id: str) -> None:
        """Soft delete: the record stays, marked deleted, so merges keep identity."""
        self.update(table, row_id, deleted=1)

    def restore(self, table: str, row_id: str) -> None:
        self.update(table, row_id, deleted=0)

    # -- reads --------------------------------------------------------
    def get(self, table: str, row_id: str, include_deleted: bool = False) -> dict | None:
        sql = f"SELECT * FROM {_ident(table)} WHERE id = ?"
        if not include_deleted:
            sql += " AND deleted = 0"
        cur = self.conn.execute(sql, (row_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row))

    def rows(self, table: str, where: str | None = None, params: Any = (), order_by: str | None = None,
             include_deleted: bool = False) -> list[dict]:
        clauses = [] if include_deleted else ["deleted = 0"]
        if where:
            clauses.append(f"({where})")
        sql = f"SELECT * FROM {_ident(table)}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order_by:
            sql += f" ORDER BY {order_by}"
        return self.query(sql, params)

    def query(self, sql: str, params: Any = ()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, row)) for row in cur]

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        old = self.setting(key)
        if old == value:
            return
        self._require_txn()
        self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
        self._audit("update", "settings", key, "value", old, value)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def own_connection(self) -> Iterator["Store"]:
        """The same file on a second connection, for work on another thread.

        Two threads on one connection share its transaction: the GUI would read a
        worker's half-written import, and their statements interleave. On separate
        connections SQLite (WAL) keeps them apart: readers see committed data only,
        writers queue on the file lock. Commits still reach this store's listeners.
        """
        other = Store(self.path, _connect(self.path), self.actor)
        other.listeners = self.listeners
        try:
            yield other
        finally:
            other.conn.close()  # the GUI's connection checkpoints when the file closes

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@lru_cache(maxsize=256)
def _insert_sql(table: str, cols: tuple) -> str:
    return f"INSERT INTO {_ident(table)} ({', '.join(map(_ident, cols))}) VALUES ({', '.join('?' * len(cols))})"


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad identifier {name!r}")
    return f'"{name}"'


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _summary(values: dict) -> str:
    keep = {k: v for k, v in values.items() if k not in AUDITED_SKIP and k != "id" and v not in (None, "")}
    text = ", ".join(f"{k}={v}" for k, v in keep.items())
    return text[:500]


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, one per user action.
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: an acknowledged commit survives a crash or power cut, not just a killed process.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA cache_size = {READ_CACHE_KB}")   # raised for bulk imports: Store._page_cache
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some locked-down PCs
        return "本机用户"


def open_store(path: str | Path, actor: str | None = None, backup_keep: int | None = None) -> Store:
    """Open an existing file; upgrade it in place after a backup if it is older."""
    path = Path(path)
    version = check_file(path)
    latest = migrations.latest_version()
    if 0 < version < latest:
        backup_file(path, reason=f"升级前v{version}", keep=backup_keep)
    conn = _connect(path)
    for migration in migrations.pending(conn):
        migrations.apply(conn, migration)
    return Store(path, conn, actor or default_actor())


def create_store(path: str | Path, actor: str | None = None) -> Store:
    """Create a new, empty file. Refuses to overwrite an existing one."""
    path = Path(path)
    if path.exists():
        raise StoreError(errors.EXISTS.format(path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path)
    for migration in migrations.pending(conn):
        migrations.apply(conn, migration)
    return Store(path, conn, actor or default_actor())
