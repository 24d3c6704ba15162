"""Bundle sizes (issue 17): the one-folder bundle on disk ≤ 100 MB and the zip a clerk receives
≤ 50 MB, with no symbolic links (so the zip is the same whatever the archiver does with links)
and the SHA-256 file beside it. Reads what scripts/build_bundle.sh built (dist/); it does not build.

Run: bash scripts/build_bundle.sh && .venv/bin/python -m pytest tests/bench/test_bench_bundle.py \\
         -p no:cacheprovider --override-ini addopts= -s
"""

from __future__ import annotations

import hashlib
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
TARGET_DISK_MB, TARGET_ZIP_MB = 100, 50


def test_bundle_and_zip_sizes(benchmark):
    folder = DIST / "msdesk"
    zips = sorted(DIST.glob("msdesk-*.zip"), key=lambda p: p.stat().st_mtime)
    assert folder.is_dir() and zips, "先运行 bash scripts/build_bundle.sh 生成 dist/msdesk 和压缩包"
    archive = zips[-1]

    def measure():
        files = [p for p in folder.rglob("*")]
        links = [p for p in files if p.is_symlink()]
        size = sum(p.stat().st_size for p in files if p.is_file() and not p.is_symlink())
        return size, links

    size, links = benchmark.pedantic(measure, rounds=1, iterations=1)
    zip_size = archive.stat().st_size
    recorded = Path(f"{archive}.sha256").read_text().split()[0]
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    qt_libs = [p.name for p in folder.rglob("libQt6*.so*")] or [p.name for p in folder.rglob("Qt6*.dll")]
    benchmark.extra_info.update(disk_mb=round(size / 1e6, 1), zip_mb=round(zip_size / 1e6, 1), links=len(links))
    print(
        f"\n安装包 {size / 1e6:.1f} MB（目标 ≤ {TARGET_DISK_MB}），压缩包 {zip_size / 1e6:.1f} MB"
        f"（目标 ≤ {TARGET_ZIP_MB}），符号链接 {len(links)} 个，{archive.name}"
    )
    print("压缩后最大的部分（MB）：" + "，".join(f"{name} {size / 1e6:.1f}" for name, size in zip_parts(archive)))
    assert links == [] and len(qt_libs) == len(set(qt_libs))  # every Qt library once
    assert recorded == digest
    assert size <= TARGET_DISK_MB * 1e6 and zip_size <= TARGET_ZIP_MB * 1e6


def zip_parts(archive: Path, top: int = 12) -> list[tuple[str, int]]:
    """Compressed bytes per part of the bundle (a folder of _internal, or a Qt/pillow library on its own),
    largest first: where a cut would help."""
    parts: Counter[str] = Counter()
    with zipfile.ZipFile(archive) as z:
        for info in z.infolist():
            path = info.filename.split("/")[1:]
            if path[:1] == ["_internal"]:
                path = path[1:]
            depth = 4 if path[:2] == ["PySide6", "Qt"] else 2 if path[:1] in (["PySide6"], ["pillow.libs"]) else 1
            parts["/".join(path[:depth])] += info.compress_size
    return parts.most_common(top)
