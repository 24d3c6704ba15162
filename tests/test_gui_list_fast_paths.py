"""The project list's fast paths show what the plain ones showed: precomputed search keys, rows of
another 报告期 over the same projects, and a window that starts without the export and signing
libraries."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from msdesk import overview, status
from msdesk.session import Session
from ui.project_table_model import COL_SEQ, ProjectTableModel

ROOT = Path(__file__).resolve().parents[1]


def _old_filter(rows, text):
    """The search as it was before the keys: every typed word, lower-cased, somewhere in the joined texts."""

    def hay(r):
        p = r.project
        return " ".join(
            filter(None, (p["seq"], p.get("name"), p.get("content"), r.category, *r.lead_units, *r.partner_units))
        ).lower()

    words = text.lower().split()
    return [r.id for r in rows if all(w in hay(r) for w in words)]


_texts = hs.text(alphabet="第项民生实事就业医疗ABCabc 12", max_size=8)


def _row(i, seq, name, content, category, leads, partners):
    project = dict(id=f"p{i}", seq=seq, name=name or None, content=content, position=i, task_level="local")
    return overview.ProjectRow(
        project, category, 0, leads, partners, assessment=status.Assessment(status.ON_TRACK, status.GREEN, 0.5, 0.5)
    )


_rows = hs.lists(
    hs.tuples(
        hs.text(alphabet="0123456789", min_size=1, max_size=3),
        _texts,
        _texts,
        _texts,
        hs.lists(_texts, max_size=2),
        hs.lists(_texts, max_size=2),
    ),
    min_size=1,
    max_size=25,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(specs=_rows, typed=hs.lists(hs.text(alphabet="第项民生就业ab A12 ", max_size=6), min_size=1, max_size=5))
def test_search_keys_match_what_the_old_filter_matched(qapp, specs, typed):
    rows = [_row(i, *spec) for i, spec in enumerate(specs)]
    m = ProjectTableModel()
    m.set_rows(rows)
    for text in typed:  # typed in turn: narrowing, widening and unrelated searches
        m.set_filter(text=text.strip())
        assert sorted(m.visible_ids()) == sorted(_old_filter(rows, text.strip()))
    # a project renamed by an edit is found by its new name
    changed = overview.ProjectRow(
        {**rows[0].project, "content": "改名后的内容"},
        rows[0].category,
        0,
        rows[0].lead_units,
        rows[0].partner_units,
        assessment=rows[0].assessment,
    )
    m.update_rows([changed])
    m.set_filter(text="改名后")
    assert m.visible_ids() == [rows[0].id]


def test_another_period_keeps_search_filter_and_order_with_new_figures(qapp, gui_file):
    path, _ids = gui_file
    session = Session.open(path)
    try:
        m = ProjectTableModel()
        m.set_rows(session.rows(period="2023Q2"))
        m.set_filter(text="残疾人")
        m.sort(COL_SEQ)
        shown_q2 = m.visible_ids()
        q3 = session.rows(period="2023Q3")
        m.set_rows(q3)
        assert len(shown_q2) == 2 and m.visible_ids() == shown_q2
        assert [m.row(n).assessment for n in range(m.rowCount())] == [
            next(r for r in q3 if r.id == pid).assessment for pid in m.visible_ids()
        ]
        fresh = ProjectTableModel()
        fresh.set_rows(q3)
        fresh.set_filter(text="残疾人")
        assert m.options() == fresh.options() and m.visible_ids() == fresh.visible_ids()
    finally:
        session.close()


HEAVY = ("reportlab", "openpyxl", "cryptography", "pyhanko", "docx", "PySide6.QtCharts")


def test_opening_the_window_on_a_file_loads_no_export_or_signing_library(gui_file, tmp_path):
    path, _ids = gui_file
    code = textwrap.dedent(f"""
        import sys
        from ui.app import make_app, start_window
        app = make_app()
        win = start_window({str(path)!r})
        for _ in range(200):
            app.processEvents()
            if win.store is not None and win.model.total():
                break
            import time; time.sleep(0.02)
        win.tabs.setCurrentIndex(0); app.processEvents()
        print("ROWS", win.model.total())
        print("LOADED", " ".join(sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r} or m in {HEAVY!r})))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MSDESK_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = {line.split(" ", 1)[0]: line.split(" ", 1)[1:] for line in out.stdout.splitlines()}
    assert int(lines["ROWS"][0]) > 0  # the file really opened and the list shows its projects
    assert lines["LOADED"] == [""]
