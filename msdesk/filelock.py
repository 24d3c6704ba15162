"""Exclusive use of a ledger file: one program at a time may write it.

SQLite lets two programs open the same file and interleave their writes, and a
restore can replace the file under a window that still shows 已保存. So whoever
opens a ledger for writing holds an operating-system lock on '<file>.lock' next
to it, and writes into that file who holds it (user, computer, time, process).
A second program — another window, `msdesk db restore`, a script — is refused
with those details. The OS releases the lock when the holder exits, even when
it is killed, so a stale lock file never blocks anyone: only a held lock counts.

Within one process the lock is shared (a worker thread, a test opening the file
twice); it is released when the last user closes.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import errors
from .errors import FileLockedError


@dataclass
class _Hold:
    fd: int  # the open lock file, locked
    target: Path  # its path, removed on release
    count: int  # users in this process


_held: dict[str, _Hold] = {}  # resolved path -> the lock this process holds
_guard = threading.Lock()


def lock_path(path: Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".lock")


def _key(path: Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # os.name == "nt", spelled so that type checkers know msvcrt
        import msvcrt

        try:  # lock a byte far past the text, so others can still read who holds it
            os.lseek(fd, 0x7FFFFFF0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def holder(path: Path) -> dict[str, Any] | None:
    """Who holds the file, read from its lock file (None when nobody or unreadable)."""
    try:
        info = json.loads(lock_path(path).read_text("utf-8"))
        return info if isinstance(info, dict) else None
    except (OSError, ValueError):
        return None


def locked_message(path: Path, info: dict[str, Any] | None) -> str:
    info = info or {}
    return errors.LOCKED.format(
        path=path,
        user=info.get("user") or "另一用户",
        host=info.get("host") or "另一台电脑",
        since=str(info.get("since") or "")[:16].replace("T", " ") or "不久前",
        pid=info.get("pid") or "?",
    )


def acquire(path: Path, user: str) -> str:
    """Take the lock for path or raise FileLockedError naming the holder. Returns the key for release()."""
    key = _key(path)
    with _guard:
        if key in _held:
            _held[key].count += 1
            return key
        target = lock_path(path)
        for _ in range(3):  # the holder may remove the lock file between our open and our lock
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                raise FileLockedError(locked_message(Path(path), holder(path)), holder(path))
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(target))
            except OSError:
                same = False
            if same:
                break
            os.close(fd)
        else:
            raise FileLockedError(locked_message(Path(path), holder(path)), holder(path))
        info = {
            "user": user,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds"),
            "program": "msdesk",
        }
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        _held[key] = _Hold(fd, target, 1)
        return key


def release(key: str | None) -> None:
    if key is None:
        return
    with _guard:
        entry = _held.get(key)
        if entry is None:
            return
        entry.count -= 1
        if entry.count > 0:
            return
        del _held[key]
        fd, target = entry.fd, entry.target
        try:
            os.unlink(target)  # still holding the lock: nobody can have taken it meanwhile
        except OSError:  # Windows cannot delete an open file; the next holder overwrites it
            pass
        os.close(fd)


def unwritable_reason(path: Path) -> str | None:
    """Why this user cannot write the file (read-only file or folder), or None."""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return errors.READ_ONLY_FILE.format(path=path)
    if not os.access(path.parent, os.W_OK):
        return errors.READ_ONLY_FOLDER.format(path=path)
    return None


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some locked-down PCs
        return "本机用户"
