"""打印预览 of a PDF msdesk wrote: the pages one under another, read and drawn only when they
scroll into view, so a 300-page city table opens as fast as a one-page one.

The pages are painted by ui.pdf_painter (no QtPdf). 打印… asks for the printer with the system's
print dialog, then draws every page onto it as vector text and rules (with a progress dialog for
a long table). PdfPreviewDialog.print_to(printer) does the drawing (tests use it with a PDF printer).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter, QPaintEvent, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from msdesk.errors import MsdeskError
from msdesk.export.pdf_pages import PdfPages

from . import strings
from .pdf_painter import Faces, orientation, page_image, paint_pages

GAP = 14  # grey space between and around the sheets, in screen pixels
CACHED_PAGES = 12  # page pictures kept at the current zoom (a few screens' worth)
CACHE_BYTES = 200 << 20  # and no more memory than this for them: an A4 sheet at 600% is some 70 MB
ZOOM_STEP = 1.25
BACKGROUND = QColor(128, 128, 128)
PROGRESS_PAGES = 30  # printing a longer table shows a progress dialog (with 取消) while its pages are drawn


class PageStrip(QWidget):
    """Every page of the PDF at `zoom` screen pixels per point, painted only where visible."""

    def __init__(self, pdf: PdfPages, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.faces = Faces()
        self.zoom = 1.0
        self.painted: set[int] = set()  # pages drawn so far (the tests look at which)
        self._tops: list[int] = []
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self.set_zoom(1.0)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = max(0.1, min(zoom, 6.0))
        self._cache.clear()
        top, width, self._tops = GAP, 0, []
        for i in range(len(self.pdf)):
            size = self.page_size(i)
            self._tops.append(top)
            top += size.height() + GAP
            width = max(width, size.width())
        self.setFixedSize(width + 2 * GAP, max(top, 2 * GAP))
        self.update()

    def page_size(self, index: int) -> QSize:
        w, h = self.pdf.size(index)
        return QSize(round(w * self.zoom), round(h * self.zoom))

    def page_rect(self, index: int) -> QRect:
        size = self.page_size(index)
        return QRect((self.width() - size.width()) // 2, self._tops[index], size.width(), size.height())

    def page_at(self, y: int) -> int:
        """The page shown at height y of the strip (the one above, in a gap)."""
        return max(0, bisect.bisect_right(self._tops, y) - 1)

    def picture(self, index: int) -> QPixmap:
        pixmap = self._cache.get(index)
        if pixmap is None:
            ratio = self.devicePixelRatioF()
            try:
                pixmap = QPixmap.fromImage(page_image(self.pdf.page(index), 72 * self.zoom * ratio, self.faces))
            except MsdeskError as exc:  # a damaged page: say so on the sheet, the others still show
                pixmap = self._unreadable(index, exc.message, ratio)
            pixmap.setDevicePixelRatio(ratio)
            self._cache[index] = pixmap
            self.painted.add(index)
        self._cache.move_to_end(index)
        while len(self._cache) > 1 and (len(self._cache) > CACHED_PAGES or self.kept_bytes() > CACHE_BYTES):
            self._cache.popitem(last=False)  # the picture asked for last is always kept
        return pixmap

    def kept_pages(self) -> list[int]:
        return list(self._cache)

    def kept_bytes(self) -> int:
        return sum(p.width() * p.height() * p.depth() // 8 for p in self._cache.values())

    def _unreadable(self, index: int, message: str, ratio: float) -> QPixmap:
        size = self.page_size(index)
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.fill(Qt.white)
        painter = QPainter(pixmap)
        painter.drawText(pixmap.rect().adjusted(20, 20, -20, -20), Qt.AlignCenter | Qt.TextWordWrap, message)
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = event.rect()
        painter.fillRect(area, BACKGROUND)
        if self._tops:
            for i in range(self.page_at(area.top()), self.page_at(area.bottom()) + 1):
                rect = self.page_rect(i)
                if rect.intersects(area):
                    painter.fillRect(rect.translated(3, 3), QColor(90, 90, 90))  # a sheet's shadow
                    painter.drawPixmap(rect.topLeft(), self.picture(i))
        painter.end()


class PdfPreviewDialog(QDialog):
    """The print preview: toolbar (打印…, 放大, 缩小, 适合宽度, 整页, 上一页/下一页) over the scrolling pages."""

    def __init__(self, pdf: PdfPages, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(strings.PRINT_TITLE.format(name=pdf.path.name))
        self.strip = PageStrip(pdf)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.strip)
        self.scroll.setAlignment(Qt.AlignHCenter)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)  # fitting the width must not toggle it
        self.scroll.setStyleSheet("QScrollArea { background: rgb(128, 128, 128); }")
        self.scroll.verticalScrollBar().valueChanged.connect(self._show_page_number)
        self.page_label = QLabel()
        self.toolbar = self._toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.scroll)
        self.printer = QPrinter(QPrinter.HighResolution)
        self.printer.setFullPage(True)  # the PDF carries its own margins
        self.printer.setDocName(pdf.path.stem)
        if len(pdf):
            self.printer.setPageOrientation(orientation(*pdf.size(0)))
        self._fitted: str | None = "page"  # a whole sheet in view, as a print preview opens
        self.scroll.viewport().installEventFilter(self)
        self.finished.connect(lambda _result: pdf.close())
        self._show_page_number()
        self.scroll.setFocus()  # PageUp/PageDown and the arrows scroll the pages at once

    def _toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.print_action = bar.addAction(strings.PREVIEW_PRINT, self.print_dialog)
        self.print_action.setToolTip(strings.PREVIEW_PRINT_TIP)
        bar.addSeparator()
        bar.addAction(strings.PREVIEW_ZOOM_IN, lambda: self.set_zoom(self.strip.zoom * ZOOM_STEP))
        bar.addAction(strings.PREVIEW_ZOOM_OUT, lambda: self.set_zoom(self.strip.zoom / ZOOM_STEP))
        bar.addAction(strings.PREVIEW_FIT_WIDTH, lambda: self.fit("width"))
        bar.addAction(strings.PREVIEW_FIT_PAGE, lambda: self.fit("page"))
        bar.addSeparator()
        bar.addAction(strings.PREVIEW_PREVIOUS, lambda: self.go_to(self.current_page() - 1))
        bar.addWidget(self.page_label)
        bar.addAction(strings.PREVIEW_NEXT, lambda: self.go_to(self.current_page() + 1))
        return bar

    def page_count(self) -> int:
        return len(self.pdf)

    def current_page(self) -> int:
        """The page at the top of the view (0-based)."""
        return self.strip.page_at(self.scroll.verticalScrollBar().value() + GAP)

    def go_to(self, index: int) -> None:
        """Scroll so page index (0-based, clamped) is at the top of the view."""
        if self.page_count():
            index = max(0, min(index, self.page_count() - 1))
            self.scroll.verticalScrollBar().setValue(self.strip.page_rect(index).top() - GAP)

    def _show_page_number(self, *_: object) -> None:
        total = self.page_count()
        self.page_label.setText(strings.PREVIEW_PAGE.format(page=min(self.current_page() + 1, total), total=total))

    def set_zoom(self, zoom: float, keep: str | None = None) -> None:
        page = self.current_page()
        self._fitted = keep
        self.strip.set_zoom(zoom)
        self.go_to(page)

    def fit(self, how: str) -> None:
        """Zoom so the widest page fits the view across ("width") or a whole page fits ("page")."""
        if not self.page_count():
            return
        view = self.scroll.viewport().size()
        widest = max(self.pdf.size(i)[0] for i in range(self.page_count()))
        zoom = (view.width() - 2 * GAP) / widest
        if how == "page":
            w, h = self.pdf.size(self.current_page())
            zoom = min((view.width() - 2 * GAP) / w, (view.height() - 2 * GAP) / h)
        self.set_zoom(zoom, keep=how)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Resize and self._fitted:
            self.fit(self._fitted)  # the view got its final size (or the clerk resized the window)
        return super().eventFilter(watched, event)

    def print_dialog(self) -> int:
        """打印…: the system's print dialog, then every page onto the chosen printer."""
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(strings.PREVIEW_PRINT_TITLE)
        if dialog.exec() != QDialog.Accepted:
            return 0
        try:
            return self.print_to(self.printer)
        except MsdeskError as exc:  # a page that cannot be read: the sheets before it are printed
            QMessageBox.warning(self, strings.PREVIEW_PRINT_TITLE, exc.message)
            return 0

    def print_to(self, printer: QPrinter) -> int:
        return paint_pdf(self.pdf, printer, self)


def paint_pdf(document: PdfPages, printer: QPagedPaintDevice, parent: QWidget | None = None) -> int:
    """Draw every page of the PDF onto the printer (or preview) as vector text and rules, one
    sheet per page. A long table shows a progress dialog (with 取消) while its pages are read."""
    total = len(document)
    progress = None
    if parent is not None and total > PROGRESS_PAGES:
        progress = QProgressDialog(strings.PREVIEW_READING.format(total=total), "取消", 0, total, parent)
        progress.setWindowTitle(strings.PRINT_TITLE.format(name=document.path.name))
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(300)

    def on_page(done: int, total: int) -> bool:
        if progress is None:
            return True
        progress.setValue(done)  # a window-modal progress dialog lets its Cancel button be clicked here
        return not progress.wasCanceled()

    try:
        return paint_pages(document, printer, on_page)
    finally:
        if progress is not None:
            progress.close()
            progress.deleteLater()
