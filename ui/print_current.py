"""打印 (Ctrl+P): the table the clerk is looking at, as the same PDF 导出报表 writes, in a print
preview drawn sharply on this screen.

The preview draws each page as an image; a page rendered at a fixed 200 dpi and shrunk without
smoothing looked blurred on a 1366×768 laptop and on a high-DPI screen alike. Here each page is
rendered for the printer's resolution times the screen's device pixel ratio (capped) and drawn
with smooth scaling, so the preview at 100 % and the printed sheet are both crisp."""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

from msdesk import identity
from msdesk.errors import MsdeskError
from msdesk.export import TABLE_LABELS, prepare, write_files

from . import strings
from .ops import run_op

BASE_DPI = 200       # a page's pixels per inch on a screen of pixel ratio 1 (the preview zooms up to 200 %)
MAX_DPI = 400        # never larger: a 30-page table stays a few hundred MB at most in the preview


def render_dpi(printer: QPrinter, pixel_ratio: float) -> int:
    """Dots per inch to render a page at: BASE_DPI times the screen's device pixel ratio (a 2×
    screen gets twice the pixels), never above the printer's own resolution or MAX_DPI."""
    return int(min(printer.resolution(), MAX_DPI, BASE_DPI * max(1.0, pixel_ratio)))


def paint_sharp(document: QPdfDocument, printer: QPrinter, pixel_ratio: float) -> int:
    painter = QPainter(printer)
    painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
    painter.setRenderHint(QPainter.Antialiasing, True)
    try:
        dpi = render_dpi(printer, pixel_ratio)
        for i in range(document.pageCount()):
            if i:
                printer.newPage()
            points = document.pagePointSize(i)
            target = QRectF(painter.viewport())
            scale = min(target.width() / points.width(), target.height() / points.height())
            w, h = points.width() * scale, points.height() * scale
            image = document.render(i, QSize(int(points.width() * dpi / 72), int(points.height() * dpi / 72)))
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y(), w, h), image)
    finally:
        painter.end()
    return document.pageCount()


def preview(parent, pdf_path) -> QPrintPreviewDialog:
    document = QPdfDocument(parent)
    if document.load(str(pdf_path)) != QPdfDocument.Error.None_:
        raise MsdeskError(strings.PRINT_CANNOT_OPEN.format(path=pdf_path))
    printer = QPrinter(QPrinter.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.A4))
    printer.setPageOrientation(QPageLayout.Landscape)
    printer.setFullPage(True)   # the PDF carries its own margins
    printer.setDocName(Path(pdf_path).stem)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(strings.PRINT_TITLE.format(name=Path(pdf_path).stem))
    ratio = (parent.devicePixelRatioF() if parent is not None else
             QGuiApplication.primaryScreen().devicePixelRatio())
    dialog.paintRequested.connect(lambda p: paint_sharp(document, p, ratio))
    dialog._document, dialog._printer = document, printer   # both live as long as the dialog
    from .geometry import cap_to_screen
    dialog.resize(1100, 760)
    cap_to_screen(dialog)
    dialog.open()
    return dialog


def print_table(window, table: str) -> None:
    """Write `table` of the window's plan and 报告期 as a PDF (on a worker), then preview it."""
    store, plan_id, period = window.store, window.plan_id, window.period
    if store is None or plan_id is None:
        window.show_error(strings.NO_PLAN)
        return
    data = prepare(store, plan_id, period, tables=(table,), footer_note=identity.footer_note(store))
    folder = Path(tempfile.mkdtemp(prefix="msdesk-print-"))

    def done(paths):
        pdf = next(p for p in paths if p.suffix == ".pdf")
        try:
            window.print_preview = preview(window, pdf)
        except MsdeskError as exc:
            window.show_error(exc.message)

    window.statusBar().showMessage(strings.PRINT_PREPARING.format(table=TABLE_LABELS[table]), 5000)
    window.print_op = run_op(window, lambda: write_files(data, folder, formats=("pdf",)), done,
                             lambda exc: window.show_error(getattr(exc, "message", None) or str(exc)),
                             label=strings.PRINT_PREPARING.format(table=TABLE_LABELS[table]))
