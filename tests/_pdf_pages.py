"""A representative ledger exported to PDF and rendered to page images, for checking that
speed work on the PDF writer leaves the printed result exactly as it was.

The reference images in tests/data/pdf_pages/ were made by the writer before that work
(`python -m tests._pdf_pages` rewrites them; only do that for an intended change of the print).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from msdesk import progress
from msdesk.export import export_tables, fonts
from msdesk.store import create_store
from tests._export_fixtures import build_plan, build_scaled

REFERENCE = Path(__file__).parent / "data" / "pdf_pages"
DPI = 50
FOOTER = "证书指纹：AB12 CD34 EF56 7890"


def export_ledgers(base: Path) -> dict[str, Path]:
    """Two ledgers, all tables: the small fixture plan (long narrative split over pages,
    formula-like text, a name the body face lacks) and 30 generated projects (many page breaks)."""
    fonts.register_fonts(dirs=[])  # the bundled faces, so the pages do not depend on the machine's fonts
    out = {}
    store = create_store(base / "small.msdesk", actor="测试员")
    ids = build_plan(store)
    with store.transaction():
        progress.set_report_field(store, ids["projects"]["14"], "2023Q3", "problems", "联系人：王喆、李堃（区司法局）")
    out["small"] = export_tables(store, ids["plan"], "2023Q3", base / "small", formats=["pdf"], footer_note=FOOTER)[0]
    store.close()
    store = create_store(base / "scaled.msdesk", actor="测试员")
    plan = build_scaled(store, 30)
    out["scaled"] = export_tables(store, plan, "2023Q3", base / "scaled", formats=["pdf"])[0]
    store.close()
    return out


def page_images(pdf: Path, dpi: int = DPI) -> list[Image.Image]:
    """Each page as a greyscale image, rendered by poppler (what a clerk's viewer would show)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", str(pdf), f"{tmp}/p"], check=True)
        return [
            Image.open(io.BytesIO(p.read_bytes()))
            for p in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        ]


def reference_images(name: str) -> list[Image.Image]:
    files = sorted(REFERENCE.glob(f"{name}-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    return [Image.open(p) for p in files]


def main() -> None:
    REFERENCE.mkdir(parents=True, exist_ok=True)
    for old in REFERENCE.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        for name, pdf in export_ledgers(Path(tmp)).items():
            for n, image in enumerate(page_images(pdf), 1):
                image.save(REFERENCE / f"{name}-{n}.png", optimize=True)
    print(f"{len(list(REFERENCE.glob('*.png')))} 页参考图像已写入 {REFERENCE}", file=sys.stderr)


if __name__ == "__main__":
    main()
