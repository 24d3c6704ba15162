"""Rotating backups with the SQLite backup API, and restore.

Backups sit beside the file in '<name>.backups/' so they travel with it on a
USB stick; each is a complete, consistent msdesk file.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Protocol

from . import errors, filelock
from .errors import StoreError, os_reason
from .filelock import default_actor, unwritable_reason
from .migrations import check_file

DEFAULT_KEEP = 10
_SAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")


class OpenFile(Protocol):
    """What auto_backup uses of an open msdesk.store.Store (not imported: store imports this module)."""

    path: Path
    conn: sqlite3.Connection

    def setting(self, key: str, default: str | None = None) -> str | None: ...


def backup_dir(path: Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".backups")


def backup_file(
    path: str | Path, reason: str = "手动", keep: int | None = None, conn: sqlite3.Connection | None = None
) -> Path:
    """Write a consistent copy of the file (even while open) and keep the newest `keep`."""
    path = Path(path)
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}-{_SAFE.sub('_', reason)}{path.suffix or '.msdesk'}"
    if conn is not None:  # the open file: its -wal pages into the .msdesk first (a complete file on disk too)
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass
    source = conn or sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    finally:
        dest.close()
        if conn is None:
            source.close()
    rotate(path, keep if keep is not None else DEFAULT_KEEP)
    return target


def list_backups(path: str | Path) -> list[Path]:
    """Newest first."""
    folder = backup_dir(Path(path))
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and not p.name.endswith(("-wal", "-shm", "-journal"))),
        key=lambda p: p.name,
        reverse=True,
    )


def rotate(path: Path, keep: int) -> None:
    for old in list_backups(path)[max(keep, 1) :]:
        old.unlink(missing_ok=True)


def restore_backup(backup: str | Path, target: str | Path, actor: str | None = None) -> Path:
    """Replace target with a backup. The current target is backed up first, so a
    restore can itself be undone. The backup is checked before anything changes, and
    a target another program has open is refused (FileLockedError names the holder):
    replacing it would silently throw away every edit that window goes on saving."""
    backup, target = Path(backup), Path(target)
    try:
        check_file(backup)
    except StoreError as exc:
        raise StoreError(errors.BACKUP_INVALID.format(path=backup, detail=exc.message)) from exc
    reason = unwritable_reason(target)
    if reason:
        raise errors.ReadOnlyError(errors.READ_ONLY_WRITE.format(reason=reason))
    key = filelock.acquire(target, actor or default_actor())
    try:
        if target.exists():
            _keep_current(target)
        tmp = target.with_name(target.name + ".restoring")
        src = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        shutil.move(str(tmp), str(target))  # atomic rename on the same folder
    except OSError as exc:
        raise errors.WriteFailedError(errors.WRITE_FAILED.format(path=target, detail=os_reason(exc))) from exc
    finally:
        filelock.release(key)
    return target


def _keep_current(target: Path) -> None:
    """Back up the file about to be replaced. A damaged file (what a restore is for) is kept
    byte for byte; another program's database or a newer version's file is never replaced."""
    try:
        check_file(target)
    except (errors.ForeignFileError, errors.TooNewError):
        raise
    except StoreError:
        folder = backup_dir(target)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        shutil.copy2(target, folder / f"{target.stem}-{stamp}-恢复前_原文件{target.suffix or '.msdesk'}")
        return
    backup_file(target, reason="恢复前")


def auto_backup(store: OpenFile, min_hours: float = 12.0) -> Path | None:
    """Back up an open store unless a backup newer than min_hours exists.

    The GUI calls this after opening and before closing a file; keep comes
    from the file's own setting 'backup.keep'. A read-only file is not backed up (nothing
    can change it here, and its folder may not take a backup folder)."""
    if getattr(store, "read_only", False):
        return None
    keep = int(store.setting("backup.keep") or DEFAULT_KEEP)
    newest = list_backups(store.path)[:1]
    if newest:
        age_hours = (datetime.now().timestamp() - newest[0].stat().st_mtime) / 3600
        if age_hours < min_hours:
            return None
    return backup_file(store.path, reason="自动", keep=keep, conn=store.conn)
