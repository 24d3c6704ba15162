"""Seed notices for the notice-import tests, kept in the repository (tests/data/seeds) so a bare clone runs every test."""

from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"


def seed_path(name: str) -> Path:
    path = SEEDS / name
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")


LIESHAN = "lieshan-2023-50-projects-notice.txt"
YAOHAI = "yaohai-2024-50-projects-notice.txt"
JINAN = "jinan-2022-employment-plan.txt"
