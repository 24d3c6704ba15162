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

import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import errors, filelock, migrations
from .backup import backup_file
from .errors import LockTimeoutError, ReadOnlyError, StoreError, WriteFailedError
from .filelock import default_actor, unwritable_reason
from .migrations import check_file, connect_read_only

AUDITED_SKIP = {"created_at", "updated_at"}
LOCK_WAIT = 5.0  # seconds a write waits for another program's write lock before it is reported
READ_CACHE_KB, BULK_CACHE_KB = -8192, -65536  # SQLite page cache per connection (negative: KiB)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class Store:
    """An open msdesk file. Use open_store() / create_store() to get one."""

    def __init__(self, path: Path, conn: sqlite3.Connection, actor: str):
        self.path = Path(path)
        self.conn = conn
        self.actor = actor
        self._depth = 0
        self._txn: str | None = None
        self._lock = threading.RLock()
        self.listeners: list[
            Callable[[set[str]], None]
        ] = []  # called with the set of tables changed by a committed transaction
        self._changed: set[str] = set()
        self._stamp = now()
        self._audit_rows: list[tuple[str | None, ...]] = []
        self.read_only_reason: str | None = None  # why nothing can be saved (a banner text), None if writable
        self.lock_wait = LOCK_WAIT
        self._lock_key: str | None = None
        self._data_version = self._read_data_version()
        self._big_cache = False  # the page cache raised for a bulk import in this transaction

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def columns(self, table: str) -> list[str]:
        """The table's column names in order (PRAGMA table_info). Not sqlite-utils: the desktop
        bundle then needs neither it nor its click, pluggy and dateutil."""
        if not table.isidentifier():
            raise StoreError(f"表名不正确：{table}")
        return [row[1] for row in self.conn.execute(f'PRAGMA table_info("{table}")')]

    # -- transactions -------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[str]:
        """One user action: everything inside commits together or not at all.

        Nested calls join the outer transaction. Yields the transaction id
        that groups its audit rows.
        """
        with self._lock:
            if self._depth == 0:
                if self.read_only:
                    raise ReadOnlyError(errors.READ_ONLY_WRITE.format(reason=self.read_only_reason))
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    raise self._write_error(exc) from exc
                self._txn = new_id()
                self._stamp = now()  # one user action, one time stamp
                self._changed = set()
                self._audit_rows = []
            self._depth += 1
            try:
                yield self._require_txn()  # set above, or by the outer transaction
            except BaseException as exc:
                self._depth -= 1
                if self._depth == 0:
                    self._rollback()
                    self._audit_rows = []
                    self._page_cache(big=False)
                    if isinstance(exc, sqlite3.OperationalError):
                        raise self._write_error(exc) from exc
                raise
            self._depth -= 1
            if self._depth == 0:
                try:
                    self._flush_audit()
                    self.conn.execute("COMMIT")
                except BaseException as exc:
                    self._rollback()
                    if isinstance(exc, sqlite3.OperationalError):
                        raise self._write_error(exc) from exc
                    raise
                self._txn = None
                self._data_version = self._read_data_version()
                self.checkpoint()
                self._page_cache(big=False)
                changed, self._changed = self._changed, set()
                for listener in list(self.listeners):
                    listener(changed)

    def _rollback(self) -> None:
        self._txn = None
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:  # SQLite already rolled back (disk full, I/O error)
            pass

    def _write_error(self, exc: sqlite3.OperationalError) -> StoreError:
        """A failed write as a message the clerk can act on; nothing of the action was saved."""
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return LockTimeoutError(errors.LOCK_TIMEOUT.format(path=self.path, seconds=self.lock_wait))
        if "readonly" in text or "read-only" in text:
            reason = errors.READ_ONLY_FILE.format(path=self.path)
            return ReadOnlyError(errors.READ_ONLY_WRITE.format(reason=reason))
        return WriteFailedError(errors.WRITE_FAILED.format(path=self.path, detail=exc))

    # -- the file as a whole ------------------------------------------
    def set_lock_wait(self, seconds: float) -> None:
        """How long a write waits for another program's write lock before LockTimeoutError.
        The GUI keeps this short (about a second) so the window never freezes."""
        self.lock_wait = seconds
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def checkpoint(self) -> bool:
        """Copy committed pages from the -wal file into the .msdesk file, so that the .msdesk alone
        is complete (a clerk copies or e-mails just that file). Runs after every commit; the GUI
        also calls it about a second after going idle, for the rare case a reader held it back.
        True when the file is complete."""
        if self.read_only:
            return True
        try:
            busy, log, done = self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error:
            return False
        return bool(busy == 0 and log == done)

    def _read_data_version(self) -> int:
        try:
            version: int = self.conn.execute("PRAGMA data_version").fetchone()[0]
            return version
        except sqlite3.Error:
            return 0

    def changed_elsewhere(self) -> bool:
        """True once after another connection (another program, a worker thread's own_connection)
        committed to the file since this store last wrote or asked: time to reload the views."""
        current = self._read_data_version()
        changed, self._data_version = current != self._data_version, current
        return changed

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

    def _audit(
        self, action: str, table: str, row_id: str, field: str | None = None, old: object = None, new: object = None
    ) -> None:
        # Buffered and written just before COMMIT, inside the same transaction.
        self._audit_rows.append(
            (self._stamp, self.actor, action, table, row_id, field, _text(old), _text(new), self._require_txn())
        )
        self._changed.add(table)

    def _flush_audit(self) -> None:
        if self._audit_rows:
            self.conn.executemany(
                "INSERT INTO audit_log (at, actor, action, table_name, row_id, field, old_value, new_value, txn)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                self._audit_rows,
            )
            self._audit_rows = []

    # -- writes -------------------------------------------------------
    def insert(self, table: str, **values: Any) -> str:
        self._require_txn()
        values = _plain(values)
        values.setdefault("id", new_id())
        values.setdefault("created_at", self._stamp)
        values.setdefault("updated_at", self._stamp)
        cols = tuple(values)
        with _encodable():
            self.conn.execute(_insert_sql(table, cols), [values[c] for c in cols])
        self._audit("insert", table, values["id"], new=_summary(values))
        new_row: str = values["id"]
        return new_row

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[str]:
        """Bulk insert of rows sharing the same columns (imports, roll-up).

        Audited as one entry per call (count and first/last id): the records
        themselves carry the transaction's time stamp, and one audit row per
        imported figure would double the size and time of a large import."""
        self._require_txn()
        if not rows:
            return []
        for values in rows:
            values.update(_plain(values))  # in place: callers read the ids set below from their rows
            values.setdefault("id", new_id())
            values.setdefault("created_at", self._stamp)
            values.setdefault("updated_at", self._stamp)
        if len(rows) >= 1000:
            self._page_cache(big=True)
        cols = tuple(rows[0])
        with _encodable():
            self.conn.executemany(_insert_sql(table, cols), [[v[c] for c in cols] for v in rows])
        self._audit(
            "insert", table, rows[0]["id"], new=f"批量新增 {len(rows)} 条（{rows[0]['id']} … {rows[-1]['id']}）"
        )
        return [v["id"] for v in rows]

    def update(self, table: str, row_id: str, **changes: Any) -> dict[str, Any]:
        """Write the fields that differ; returns their old values (for undo)."""
        self._require_txn()
        row = self.get(table, row_id, include_deleted=True)
        if row is None:
            raise KeyError(f"{table} {row_id}")
        diff = {k: v for k, v in _plain(changes).items() if row.get(k) != v}
        if not diff:
            return {}
        diff_sql = ", ".join(f"{_ident(k)} = ?" for k in diff)
        with _encodable():
            self.conn.execute(
                f"UPDATE {_ident(table)} SET {diff_sql}, updated_at = ? WHERE id = ?",
                [*diff.values(), self._stamp, row_id],
            )
        for field, value in diff.items():
            if field not in AUDITED_SKIP:
                action = "delete" if (field == "deleted" and value) else ("restore" if field == "deleted" else "update")
                self._audit(action, table, row_id, field, row.get(field), value)
        return {k: row.get(k) for k in diff}

    def delete(self, table: str, row_id: str) -> None:
        """Soft delete: the record stays, marked deleted, so merges keep identity."""
        self.update(table, row_id, deleted=1)

    def restore(self, table: str, row_id: str) -> None:
        self.update(table, row_id, deleted=0)

    # -- reads --------------------------------------------------------
    def get(self, table: str, row_id: str, include_deleted: bool = False) -> dict[str, Any] | None:
        sql = f"SELECT * FROM {_ident(table)} WHERE id = ?"
        if not include_deleted:
            sql += " AND deleted = 0"
        cur = self.conn.execute(sql, (row_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row))

    def rows(
        self,
        table: str,
        where: str | None = None,
        params: Any = (),
        order_by: str | None = None,
        include_deleted: bool = False,
    ) -> list[dict[str, Any]]:
        clauses = [] if include_deleted else ["deleted = 0"]
        if where:
            clauses.append(f"({where})")
        sql = f"SELECT * FROM {_ident(table)}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order_by:
            sql += f" ORDER BY {order_by}"
        return self.query(sql, params)

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(sql, params)
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, row)) for row in cur]

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        value: str | None = row[0] if row else default
        return value

    def set_setting(self, key: str, value: str | None) -> None:
        old = self.setting(key)
        if old == value:
            return
        self._require_txn()
        self.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
        self._audit("update", "settings", key, "value", old, value)

    @property
    def schema_version(self) -> int:
        version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    @contextmanager
    def own_connection(self) -> Iterator[Store]:
        """The same file on a second connection, for work on another thread.

        Two threads on one connection share its transaction: the GUI would read a
        worker's half-written import, and their statements interleave. On separate
        connections SQLite (WAL) keeps them apart: readers see committed data only,
        writers queue on the file lock. Commits still reach this store's listeners.
        """
        other = Store(self.path, connect_read_only(self.path) if self.read_only else _connect(self.path), self.actor)
        other.read_only_reason = self.read_only_reason
        other.set_lock_wait(self.lock_wait)
        other.listeners = self.listeners
        try:
            yield other
        finally:
            other.conn.close()  # the GUI's connection checkpoints when the file closes

    def close(self) -> None:
        try:
            if not self.read_only:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass
        self.conn.close()
        filelock.release(self._lock_key)
        self._lock_key = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def _encodable() -> Iterator[None]:
    """SQLite stores UTF-8: a text with an unpaired surrogate (from a broken paste or file) cannot be
    written. Refuse it like any bad input instead of crashing with UnicodeEncodeError."""
    try:
        yield
    except UnicodeEncodeError as exc:
        raise errors.ValidationError(errors.UNENCODABLE) from exc


@lru_cache(maxsize=256)
def _insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO {_ident(table)} ({', '.join(map(_ident, cols))}) VALUES ({', '.join('?' * len(cols))})"


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"bad identifier {name!r}")
    return f'"{name}"'


# Control characters (C0 but tab/LF/CR, DEL, C1) have no place in a clerk's record: from a hostile
# package or a workbook's _x001B_ escape they would reach terminals (ESC sequences) and printouts.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """The values with control characters removed from every text: what the file keeps."""
    return {k: _CONTROL.sub("", v) if isinstance(v, str) and _CONTROL.search(v) else v for k, v in values.items()}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _summary(values: dict[str, Any]) -> str:
    keep = {k: v for k, v in values.items() if k not in AUDITED_SKIP and k != "id" and v not in (None, "")}
    text = ", ".join(f"{k}={v}" for k, v in keep.items())
    return text[:500]


def _connect(path: Path, lock_wait: float = LOCK_WAIT) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, one per user action.
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=lock_wait)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: an acknowledged commit survives a crash or power cut, not just a killed process.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA cache_size = {READ_CACHE_KB}")  # raised for bulk imports: Store._page_cache
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


def open_store(
    path: str | Path, actor: str | None = None, backup_keep: int | None = None, read_only: bool = False
) -> Store:
    """Open an existing file; upgrade it in place after a backup if it is older.

    A file this user cannot write (read-only file or folder) opens read-only and says why
    (store.read_only_reason, for a banner); read_only=True asks for that. Opening for writing
    takes the file's lock (filelock): FileLockedError names whoever has it open elsewhere."""
    path = Path(path)
    actor = actor or default_actor()
    version = check_file(path)
    latest = migrations.latest_version()
    reason = errors.READ_ONLY_ASKED.format(path=path) if read_only else unwritable_reason(path)
    key = None
    if not reason:
        try:
            key = filelock.acquire(path, actor)
        except PermissionError:  # os.access cannot always tell (Windows folder permissions)
            reason = errors.READ_ONLY_FOLDER.format(path=path)
    if reason:
        if version < latest:
            raise StoreError(errors.READ_ONLY_OLD.format(path=path))
        store = Store(path, connect_read_only(path), actor)
        store.read_only_reason = reason
        return store
    try:
        if 0 < version < latest:
            backup_file(path, reason=f"升级前v{version}", keep=backup_keep)
        conn = _connect(path)
        for migration in migrations.pending(conn):
            migrations.apply(conn, migration)
    except sqlite3.OperationalError as exc:
        filelock.release(key)
        raise StoreError(errors.WRITE_FAILED.format(path=path, detail=exc)) from exc
    except BaseException:
        filelock.release(key)
        raise
    store = Store(path, conn, actor)
    store._lock_key = key
    return store


def create_store(path: str | Path, actor: str | None = None) -> Store:
    """Create a new, empty file. Refuses to overwrite an existing one."""
    path = Path(path)
    if path.exists():
        raise StoreError(errors.EXISTS.format(path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    if unwritable_reason(path):
        raise errors.ReadOnlyError(errors.CANNOT_CREATE.format(path=path))
    actor = actor or default_actor()
    key = filelock.acquire(path, actor)
    try:
        conn = _connect(path)
        for migration in migrations.pending(conn):
            migrations.apply(conn, migration)
    except BaseException:
        filelock.release(key)
        raise
    store = Store(path, conn, actor)
    store._lock_key = key
    return store
