"""Where things live: bundled resources, migrations and the user's data.

All asset lookups go through resource_path() so that the PyInstaller bundle
(sys._MEIPASS) and a source checkout behave the same.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return app_root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    return app_root() / "db"


def data_dir() -> Path:
    """The user's data folder: %APPDATA%\\msdesk on Windows, ~/.local/share/msdesk elsewhere.

    MSDESK_HOME overrides it (tests, portable installs on a USB stick).
    """
    override = os.environ.get("MSDESK_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home())) / "msdesk"
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / "msdesk"
    base.mkdir(parents=True, exist_ok=True)
    return base


def default_demo_path() -> Path:
    return data_dir() / "示例-烈山区2023.msdesk"
