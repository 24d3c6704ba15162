"""Where finished files go and what they are called.

Clerks look for an export or a package next to their ledger file, or in the
one folder they chose once (remembered per user in the data folder, like the
recent-files list). File names carry the office and the period, so a folder
holding several offices' or quarters' files stays readable.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .paths import data_dir
from .periods import Period, parse_period

KINDS = ("exports", "packages")
EXPORTS_FOLDER = "报表"  # sub-folder next to the ledger for exported tables
PACKAGES_FOLDER = "报送包"  # ... and for packages (报送包 and 任务包)


def _file() -> Path:
    return data_dir() / "output_folders.json"


def _chosen() -> dict[str, Any]:
    try:
        found = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def chosen_folder(kind: str) -> Path | None:
    """The folder this user chose once for this kind of output, if it still exists."""
    value = _chosen().get(kind)
    if isinstance(value, str) and Path(value).is_dir():
        return Path(value)
    return None


def remember_folder(kind: str, folder: str | Path | None) -> None:
    """Remember the folder the clerk picked (None forgets it: back to next to the ledger)."""
    if kind not in KINDS:
        raise ValueError(kind)
    known = _chosen()
    if folder is None:
        known.pop(kind, None)
    else:
        known[kind] = str(Path(folder).resolve())
    try:
        _file().write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass  # a read-only data folder must not stop the export


def default_folder(kind: str, ledger_path: str | Path | None = None) -> Path:
    """Where an export ("exports") or a package ("packages") goes unless the clerk picks
    another folder: the one chosen before, else a sub-folder next to the ledger file,
    else (no ledger, e.g. a CLI run on a copy) the data folder. Not created here."""
    if kind not in KINDS:
        raise ValueError(kind)
    chosen = chosen_folder(kind)
    if chosen is not None:
        return chosen
    sub = EXPORTS_FOLDER if kind == "exports" else PACKAGES_FOLDER
    if ledger_path:
        return Path(ledger_path).resolve().parent / sub
    return data_dir() / sub


NAME_PART_MAX = 20  # characters of an office, category or unit name in a file name


def _part(text: str, limit: int = NAME_PART_MAX) -> str:
    """A name shortened for a file name: the whole name may be long, a file name has 255 bytes
    (about 85 Chinese characters) on Linux and Windows alike."""
    text = safe_name(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe_name(text: str) -> str:
    """A file name Windows and Linux both accept: no \\ / : * ? " < > | nor spaces."""
    return re.sub(r'[\\/:*?"<>|\s]+', "", text)


def _period(period: Period | str | None) -> Period:
    return period if isinstance(period, Period) else parse_period(str(period))


def package_file_name(
    office: str, kind: str, period: Period | str | None = None, version: int = 1, year: int | None = None
) -> str:
    """宋疃镇_报送包_2023Q3.zip (第2次报送: 宋疃镇_报送包_2023Q3_第2次报送.zip);
    烈山区_任务包_2023年.zip (a second edition: 烈山区_任务包_2023年_第2版.zip)."""
    if kind == "tasks":
        extra = f"_第{version}版" if version > 1 else ""
        return safe_name(f"{_part(office)}_任务包_{year}年{extra}.zip")
    extra = f"_第{version}次报送" if version > 1 else ""
    return safe_name(f"{_part(office)}_报送包_{_period(period).code}{extra}.zip")


def export_file_stem(office: str, period: Period | str, table_label: str, *filters: str) -> str:
    """烈山区_2023年第3季度_进展情况表 (filters such as a category are appended)."""
    return safe_name(
        "_".join([_part(office), _period(period).label, table_label, *[_part(f, 16) for f in filters if f]])
    )


def certificate_file_name(office: str) -> str:
    """宋疃镇_证书.pem: the certificate the office hands its upper office."""
    return safe_name(f"{_part(office)}_证书.pem")


def key_backup_file_name(office: str) -> str:
    """宋疃镇_证书备份.msdkey: the passphrase-protected key backup."""
    return safe_name(f"{_part(office)}_证书备份.msdkey")
