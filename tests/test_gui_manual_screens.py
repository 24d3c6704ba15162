"""scripts/manual_screens.py takes the manual's pictures from the real screens (it is rerun
whenever the screens change, so it must keep working)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("manual_screens", ROOT / "scripts" / "manual_screens.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_capture_writes_every_picture_the_manual_shows(qtbot, tmp_path):
    screens = _script()
    saved = screens.capture(tmp_path / "images", tmp_path / "full")
    names = {p.name for p in saved}
    html = (ROOT / "resources" / "manual" / "index.html").read_text(encoding="utf-8")
    wanted = {Path(src).name for src in re.findall(r'<img src="([^"]+)"', html)}
    assert wanted <= names, wanted - names
    main = QImage(str(tmp_path / "full" / "main_list.png"))
    assert (main.width(), main.height()) == screens.SIZE  # the real window at 1366×768
    small = QImage(str(tmp_path / "images" / "main_list.png"))
    assert small.width() == screens.MANUAL_WIDTH
    for path in saved:  # a picture, not an empty grey rectangle
        image = QImage(str(path))
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) >= 4, path.name  # pictures use a 256-colour palette
    assert (tmp_path / "full" / "manual.png").is_file()
