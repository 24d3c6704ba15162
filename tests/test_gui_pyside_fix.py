"""The app survives many Qt calls (PySide6 6.12.0 on Python 3.11 drops a reference to None per void call)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CODE = """
import sys
import ui
from PySide6.QtWidgets import QApplication, QLabel, QTableWidgetItem
app = QApplication([])
label, item = QLabel(), QTableWidgetItem()
for i in range(100000):
    label.setText("已保存")
    item.setData(256, i)
print("done")
"""


def test_a_long_session_of_qt_calls_does_not_abort():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-1500:]
    assert out.stdout.strip() == "done"
