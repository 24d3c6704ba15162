"""关于: the version, where this file's data, backups, outputs and keys are, and the
fingerprint of the office's certificate, as lines a clerk can read out or copy."""

from __future__ import annotations

from pathlib import Path

from . import __version__, identity
from .backup import backup_dir
from .outputs import default_folder
from .paths import data_dir
from .store import Store


def places(ledger_path: str | Path | None = None) -> list[tuple[str, Path]]:
    """(label, folder or file) in the order 关于 shows them."""
    out: list[tuple[str, Path]] = []
    if ledger_path:
        ledger = Path(ledger_path).resolve()
        out += [("台账文件", ledger), ("自动备份", backup_dir(ledger))]
    out += [
        ("导出的报表", default_folder("exports", ledger_path)),
        ("报送包、任务包", default_folder("packages", ledger_path)),
        ("签名密钥和证书", identity.keys_dir()),
        ("程序数据（示例台账、最近打开）", data_dir()),
    ]
    return out


def fingerprint(store: Store | None) -> str | None:
    if store is None or not identity.has_identity(store):
        return None
    try:
        return identity.certificate(store).fingerprint
    except Exception:  # a missing or unreadable certificate file: 关于 must still open
        return None


def lines(store: Store | None = None, ledger_path: str | Path | None = None) -> list[str]:
    out = [f"民生实事台账 {__version__}"]
    out += [f"{label}：{path}" for label, path in places(ledger_path)]
    fp = fingerprint(store)
    out.append(f"本单位证书指纹：{fp}" if fp else "本单位证书指纹：尚未生成签名密钥（报送→签名密钥）")
    return out
