"""最近打开: a short list of files in the user's data folder (not the registry, so tests
and portable installs keep their own)."""

from __future__ import annotations

import json
from pathlib import Path

from .paths import data_dir

MAX_RECENT = 10


def _file() -> Path:
    return data_dir() / "recent.json"


def recent_files() -> list[Path]:
    try:
        names = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(n) for n in names if isinstance(n, str)]


def add_recent(path: str | Path) -> list[Path]:
    path = Path(path).resolve()
    files = [path] + [p for p in recent_files() if p != path]
    files = files[:MAX_RECENT]
    try:
        _file().write_text(json.dumps([str(p) for p in files], ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # a read-only data folder must not stop the clerk from working
    return files


def _periods_file() -> Path:
    return data_dir() / "last_periods.json"


def _last_periods() -> dict[str, object]:
    try:
        found = json.loads(_periods_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def last_period(path: str | Path) -> str | None:
    """The 报告期 this user last had open in this file (opened again where they left off)."""
    code = _last_periods().get(str(Path(path).resolve()))
    return code if isinstance(code, str) else None


def remember_period(path: str | Path, code: str) -> None:
    known = {k: v for k, v in _last_periods().items() if Path(k) in set(recent_files())}
    known[str(Path(path).resolve())] = code
    try:
        _periods_file().write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass
