"""Paint the pages of a PDF msdesk wrote onto a QPainter: the printer, the print preview, an image.

msdesk.export.pdf_pages reads the page into drawing items (no Qt); this module only draws them.
Text is drawn as glyph runs at the exact x of every character, from the font file the PDF's
embedded subset was made from (msdesk.export.fonts.face_file), so the sheet has the same
characters in the same places as the PDF; rules and fills are vector paths. On a printer that
means vector output, sharper than the bitmap QtPdf used to send.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGlyphRun,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPen,
    QRawFont,
)

from msdesk.export import fonts
from msdesk.export.pdf_pages import Page, PdfPages, Shape, TextRun
from msdesk.paths import resource_path

_registered: dict[str, list[str]] = {}  # font file -> its families in Qt's font database
BASE_SIZE = 64.0  # pixel size the faces are loaded at; each run gets its own size from it


class Faces:
    """QRawFont per (face file, size), each face file loaded once."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[str, int]] = {}
        self._base: dict[tuple[str, int], QRawFont] = {}
        self._sized: dict[tuple[str, int, float], QRawFont] = {}

    def _load(self, path: str, index: int) -> QRawFont:
        """The face through the font database, so that the font engine knows its file: Qt's PDF
        and print output then embeds the face (text stays text) instead of outlining each glyph."""
        families = _registered.get(path)
        if families is None:  # once per file and process: each add would load the face again
            families = _registered[path] = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(path))
        if index < len(families):
            font = QFont(families[index])
            font.setPixelSize(round(BASE_SIZE))
            font.setHintingPreference(QFont.PreferNoHinting)  # hinting would move glyphs at small sizes
            raw = QRawFont.fromFont(font)
            if raw.isValid() and raw.familyName() == families[index]:
                return raw
        return QRawFont(path, BASE_SIZE, QFont.PreferNoHinting)  # not a font Qt can register: the file itself

    def face(self, path: str, index: int, size: float) -> QRawFont:
        raw = self._sized.get((path, index, size))
        if raw is None:
            base = self._base.get((path, index))
            if base is None:
                base = self._base[(path, index)] = self._load(path, index)
            raw = QRawFont(base)
            raw.setPixelSize(size)
            self._sized[(path, index, size)] = raw
        return raw

    def sized(self, pdf_font: str, size: float) -> QRawFont:
        file = self._files.get(pdf_font)
        if file is None:
            path, index = fonts.face_file(pdf_font)
            file = self._files[pdf_font] = (str(path), index)
        return self.face(*file, size)

    def fallback(self, size: float) -> QRawFont:
        """The bundled title face, which covers far more characters than the Song body face."""
        name, index, _label = fonts.BUNDLED_TITLE
        return self.face(str(resource_path("fonts", name)), index, size)


def _colour(rgb: tuple[float, float, float]) -> QColor:
    return QColor.fromRgbF(*rgb)


def _draw_text(painter: QPainter, run: TextRun, faces: Faces) -> None:
    raw = faces.sized(run.font, run.size)
    glyphs = raw.glyphIndexesForString(run.text)
    chars = list(run.text)
    if len(glyphs) != len(chars):  # characters beyond the BMP: one run per character
        glyphs = [(raw.glyphIndexesForString(c) or [0])[0] for c in chars]
    painter.setPen(_colour(run.colour))
    missing = [i for i, g in enumerate(glyphs) if g == 0]
    for font, picked in ((raw, [i for i, g in enumerate(glyphs) if g]), (faces.fallback(run.size), missing)):
        if not picked:
            continue
        ids = glyphs if font is raw else font.glyphIndexesForString("".join(chars[i] for i in picked))
        glyph_run = QGlyphRun()
        glyph_run.setRawFont(font)
        glyph_run.setGlyphIndexes([ids[i] for i in picked] if font is raw else list(ids))
        glyph_run.setPositions([QPointF(run.xs[i], run.y) for i in picked])
        painter.drawGlyphRun(QPointF(0, 0), glyph_run)


def _draw_shape(painter: QPainter, shape: Shape) -> None:
    path = QPainterPath()
    for op, pts in shape.segments:
        if op == "m":
            path.moveTo(*pts)
        elif op == "l":
            path.lineTo(*pts)
        elif op == "c":
            path.cubicTo(*pts)
        else:
            path.closeSubpath()
    if shape.fill is not None:
        path.setFillRule(Qt.OddEvenFill if shape.evenodd else Qt.WindingFill)
        painter.fillPath(path, _colour(shape.fill))
    if shape.stroke is not None:
        pen = QPen(_colour(shape.stroke), shape.width)  # width 0: the thinnest line the device can draw
        pen.setCapStyle(Qt.FlatCap)
        pen.setJoinStyle(Qt.MiterJoin)
        painter.strokePath(path, pen)


def paint_page(painter: QPainter, page: Page, target: QRectF, faces: Faces) -> None:
    """Draw the page scaled to fit target, centred across and from the top (as QtPdf did)."""
    scale = min(target.width() / page.width, target.height() / page.height)
    painter.save()
    painter.translate(target.x() + (target.width() - page.width * scale) / 2, target.y())
    painter.scale(scale, scale)
    for item in page.items:
        if isinstance(item, TextRun):
            _draw_text(painter, item, faces)
        else:
            _draw_shape(painter, item)
    painter.restore()


def page_image(page: Page, dpi: float, faces: Faces | None = None) -> QImage:
    """The page as a white RGB image at dpi (the screenshot and the tests look at these)."""
    image = QImage(
        math.ceil(page.width * dpi / 72 - 1e-6), math.ceil(page.height * dpi / 72 - 1e-6), QImage.Format_RGB32
    )
    image.fill(Qt.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    try:
        paint_page(painter, page, QRectF(0, 0, image.width(), image.height()), faces or Faces())
    finally:
        painter.end()
    return image


def orientation(width: float, height: float) -> QPageLayout.Orientation:
    return QPageLayout.Landscape if width > height else QPageLayout.Portrait


def turn_sheet(device: QPagedPaintDevice, width: float, height: float) -> None:
    """Give the next sheet the page's paper size (A4 matched as A4, not a custom size) and turn."""
    device.setPageSize(QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Point))
    device.setPageOrientation(orientation(width, height))


def paint_pages(pdf: PdfPages, device: QPagedPaintDevice, on_page: Callable[[int, int], bool] | None = None) -> int:
    """Draw every page onto the printer (or the preview), one sheet per page, each sheet turned
    to the page's orientation. on_page(done, total) is called before each page; returning
    False stops (the clerk cancelled). Returns the number of pages drawn."""
    total = len(pdf)
    if total:
        turn_sheet(device, *pdf.size(0))
    painter = QPainter(device)
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    faces = Faces()
    drawn = 0
    try:
        for i in range(total):
            if on_page is not None and not on_page(i, total):
                break
            if i:
                turn_sheet(device, *pdf.size(i))
                device.newPage()
            paint_page(painter, pdf.page(i), QRectF(painter.viewport()), faces)
            drawn += 1
    finally:
        painter.end()
    return drawn
