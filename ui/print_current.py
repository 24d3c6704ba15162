"""打印 (Ctrl+P): the table the clerk is looking at, as the same PDF 导出报表 writes, in the one
print preview of msdesk (export_dialog.preview_pdf: the pages drawn as vector text and rules by
ui.pdf_painter, so the preview and the printed sheet are both crisp)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from msdesk import identity
from msdesk.errors import MsdeskError, clerk_message
from msdesk.export import TABLE_LABELS, prepare, write_files

from . import strings
from .export_dialog import preview_pdf
from .ops import run_op


def print_table(window, table: str) -> None:
    """Write `table` of the window's plan and 报告期 as a PDF (on a worker), then preview it."""
    store, plan_id, period = window.store, window.plan_id, window.period
    if store is None or plan_id is None:
        window.show_error(strings.NO_PLAN)
        return
    data = prepare(store, plan_id, period, tables=(table,), footer_note=identity.footer_note(store))
    folder = Path(tempfile.mkdtemp(prefix="msdesk-print-"))

    def forget() -> None:  # the PDF is only for this preview: nothing is left in the temporary folder
        shutil.rmtree(folder, ignore_errors=True)

    def done(paths):
        pdf = next(p for p in paths if p.suffix == ".pdf")
        try:
            window.print_preview = preview_pdf(window, pdf)
        except MsdeskError as exc:
            forget()
            window.show_error(exc.message)
            return
        window.print_preview.finished.connect(lambda _result: forget())  # after the PDF is closed

    def failed(exc):
        forget()
        window.show_error(clerk_message(exc))

    window.statusBar().showMessage(strings.PRINT_PREPARING.format(table=TABLE_LABELS[table]), 5000)
    window.print_op = run_op(
        window,
        lambda: write_files(data, folder, formats=("pdf",)),
        done,
        failed,
        label=strings.PRINT_PREPARING.format(table=TABLE_LABELS[table]),
    )
