"""The first window opens without loading what only later actions need: the export and
signature libraries, the notice parser, sqlite-utils (until a file is opened), the charts, the
database layer and the tab pages (built when a file opens or a tab is first shown,
ui/window/lazy_pages.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_AT_START = [
    "reportlab",
    "openpyxl",
    "cryptography",
    "pyhanko",
    "lxml",
    "PIL",
    "docx",
    "pypdf",
    "sqlite_utils",
    "msdesk.notice.parse",
    "msdesk.export.pdf",
    "PySide6.QtCharts",
    "pdfminer",  # the print preview reads our PDFs with it (ui/pdf_preview.py), not the first window
    "PySide6.QtNetwork",
    # the database layer and what reads it: loaded with the first file
    "msdesk.store",
    "msdesk.session",
    "msdesk.edits",
    "msdesk.overview",
    "msdesk.plans",
    "msdesk.breakdown",
    "msdesk.breakdown_workbook",
    "msdesk.notice.workbook",
    # the workbench and its tabs: built when a file opens / a tab is first shown
    "ui.project_table_model",
    "ui.quarter_entry",
    "ui.project_detail",
    "ui.overview_page",
    "ui.breakdown_page",
]


def test_first_window_loads_no_export_signature_or_parser_library(tmp_path):
    code = textwrap.dedent(f"""
        import json, sys
        from ui.app import make_app, start_window
        app = make_app(); win = start_window(); app.processEvents()
        assert win.isVisible()
        print(json.dumps(sorted(m for m in {NOT_AT_START!r} if m in sys.modules)))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MSDESK_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
