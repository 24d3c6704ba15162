"""Numbered SQL migrations in db/, tracked with PRAGMA user_version."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from . import errors
from .errors import StoreError
from .paths import migrations_dir

APPLICATION_ID = 0x4D534B44  # 'MSKD': tells our files from other SQLite files
SQLITE_HEADER = b"SQLite format 3\x00"

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available(folder: Path | None = None) -> list[Migration]:
    folder = folder or migrations_dir()
    found = []
    for path in folder.iterdir():
        m = _NAME.match(path.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), path))
    found.sort(key=lambda mig: mig.number)
    numbers = [mig.number for mig in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations in {folder} are not numbered 001..N: {numbers}")
    return found


def latest_version() -> int:
    return len(available())


def pending(conn: sqlite3.Connection) -> list[Migration]:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    return [m for m in available() if m.number > current]


def apply(conn: sqlite3.Connection, migration: Migration) -> None:
    """Apply one migration atomically: its SQL and the version bump commit together."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _statements(migration.sql()):
            conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {migration.number}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    # sqlite3.complete_statement lets us split on ';' without breaking triggers.
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not buf.strip().startswith("--"):
        out.append(buf.strip())
    return out


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Read without writing anything, even the -shm file: a WAL file in a read-only folder
    cannot get one, so such a file is read as immutable (nobody can write there either)."""
    uri = f"file:{Path(path).as_posix()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    return sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False, isolation_level=None)


def check_file(path: Path) -> int:
    """Check a file without modifying it. Returns its schema version.

    Raises StoreError with a clear Chinese message for a missing or unreadable file, a file
    that is not SQLite, a corrupt file, another program's database, a database without the
    msdesk schema (ForeignFileError / EMPTY_SCHEMA) or a file from a newer version (TooNewError).
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(errors.FILE_MISSING.format(path=path))
    try:
        with open(path, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(errors.NO_READ.format(path=path)) from exc
    if header != SQLITE_HEADER:
        raise StoreError(errors.NOT_SQLITE.format(path=path))
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise StoreError(errors.CORRUPT.format(path=path, detail=exc)) from exc
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            detail = "; ".join(str(r[0]) for r in result[:3])
            raise StoreError(errors.CORRUPT.format(path=path, detail=detail))
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(errors.CORRUPT.format(path=path, detail=exc)) from exc
    finally:
        conn.close()
    if app_id != APPLICATION_ID:
        # no tables: a copy of a file whose data was still in its -wal file, or a blank database
        if tables or app_id:
            raise errors.ForeignFileError(errors.FOREIGN.format(path=path))
        raise StoreError(errors.EMPTY_SCHEMA.format(path=path))
    latest = latest_version()
    if version > latest:
        raise errors.TooNewError(errors.TOO_NEW.format(path=path, found=version, supported=latest))
    return int(version)
