"""Seed notices for the notice-import tests (read-only files in /work/shared/seeds, or next to the repo)."""
from __future__ import annotations

from pathlib import Path

_CANDIDATES = [Path(__file__).resolve().parents[2] / "shared" / "seeds", Path("/work/shared/seeds"),
               Path(__file__).resolve().parents[1] / "resources" / "demo"]


def seed_path(name: str) -> Path:
    for folder in _CANDIDATES:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(name)


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")


LIESHAN = "lieshan-2023-50-projects-notice.txt"
YAOHAI = "yaohai-2024-50-projects-notice.txt"
JINAN = "jinan-2022-employment-plan.txt"
