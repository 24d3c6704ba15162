"""The pages of a PDF that msdesk wrote, as plain drawing items, for the print preview to paint.

The preview and the printer used to render our PDFs with QtPdf (PDFium, 4.5 MB, and QtNetwork
through it). Our own PDFs hold only what reportlab draws for a table or a bulletin: text in
embedded TrueType subsets, straight rules, filled or stroked rectangles. pdfminer (already in
the program for reading notices) interprets the page content; this module keeps what a painter
needs, with no Qt: text runs (font, size, colour, baseline, each character's x) and shapes
(path segments with stroke and fill). Coordinates are PDF points from the page's top-left
corner, y downwards, as a painter wants them.

PdfPages(path) opens the file and reads the page sizes at once; page(i) interprets one page
when it is first asked for (a 200-page table must not be read whole before the first sheet).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import PSException
from pdfminer.utils import Matrix, apply_matrix_pt

from ..errors import MsdeskError

Colour = tuple[float, float, float]  # red, green, blue in 0..1
Segment = tuple[str, tuple[float, ...]]  # ("m", (x, y)), ("l", (x, y)), ("c", (x1, y1, x2, y2, x3, y3)), ("h", ())
BLACK: Colour = (0.0, 0.0, 0.0)
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_CONTROLS = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)])


@dataclass(frozen=True, slots=True)
class TextRun:
    """Characters on one baseline in one font, size and colour; xs[i] is where text[i] starts."""

    font: str  # the PDF's font name without the subset tag ("BousungEG-Light-GB")
    size: float
    colour: Colour
    y: float  # baseline
    xs: tuple[float, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Shape:
    """One painted path: table rules are two-point lines, cell fills are closed rectangles."""

    segments: tuple[Segment, ...]
    stroke: Colour | None
    fill: Colour | None
    width: float
    evenodd: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    width: float
    height: float
    items: tuple[TextRun | Shape, ...]

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def text(self) -> str:
        return "".join(item.text for item in self.items if isinstance(item, TextRun))


def font_key(name: str) -> str:
    """The face a PDF font name stands for: reportlab names a subset "AAAAAB+Face" and a face
    from a collection "Face-0"; both belong to the one face."""
    return re.sub(r"-\d+$", "", _SUBSET.sub("", name))


def colour_of(value: Any) -> Colour:
    """A PDF colour (grey, RGB or CMYK numbers) as RGB; a pattern or anything odd prints black."""
    if isinstance(value, (int, float)):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(isinstance(v, (int, float)) for v in value):
        return BLACK
    v = [min(1.0, max(0.0, float(x))) for x in value]
    if len(v) == 1:
        return (v[0], v[0], v[0])
    if len(v) == 3:
        return (v[0], v[1], v[2])
    if len(v) == 4:
        c, m, y, k = v
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return BLACK


class _Collector(PDFTextDevice):
    """pdfminer device that keeps drawing items instead of building a layout (faster, and the
    painter needs positions, not words)."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.items: list[TextRun | Shape] = []
        self.top = 0.0  # the page's top edge in PDF units: y' = top - y
        self.left = 0.0
        self._run: dict[str, Any] | None = None

    def begin_page(self, page: PDFPage, ctm: Matrix) -> None:
        x0, _y0, _x1, y1 = page.mediabox
        self.left, self.top = float(x0), float(y1)
        self.items = []
        self._run = None

    def end_page(self, page: PDFPage) -> None:
        self._flush()

    def _flush(self) -> None:
        run, self._run = self._run, None
        if run and run["text"]:
            self.items.append(TextRun(run["font"], run["size"], run["colour"], run["y"], tuple(run["xs"]), run["text"]))

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> float:
        advance = font.char_width(cid) * fontsize * scaling
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            return advance  # nothing we could name: a space-like gap
        a, b, c, d, e, f = matrix
        size = fontsize * math.hypot(c, d)
        x, y = e + c * rise - self.left, self.top - (f + d * rise)
        name = font_key(str(getattr(font, "fontname", "") or getattr(font, "basefont", "")))
        colour = colour_of(graphicstate.ncolor)
        run = self._run
        if run is None or (run["font"], run["size"], run["colour"], run["y"]) != (name, size, colour, y):
            self._flush()
            run = self._run = {"font": name, "size": size, "colour": colour, "y": y, "xs": [], "text": ""}
        text = text.translate(_CONTROLS)  # a control character pasted into a name: an empty glyph, drawn as nothing
        if text and not text.isspace():
            run["xs"].append(x)
            run["text"] += text
        return advance

    def paint_path(
        self, graphicstate: PDFGraphicState, stroke: bool, fill: bool, evenodd: bool, path: Sequence[Any]
    ) -> None:
        self._flush()  # keep the order of text and shapes: a filled cell must not cover its text
        segments = self._segments(path)
        if not segments or not (stroke or fill):
            return
        a, b, _c, _d, _e, _f = self.ctm if self.ctm is not None else (1, 0, 0, 1, 0, 0)
        width = float(graphicstate.linewidth or 0) * math.hypot(a, b)
        self.items.append(
            Shape(
                tuple(segments),
                colour_of(graphicstate.scolor) if stroke else None,
                colour_of(graphicstate.ncolor) if fill else None,
                width,
                evenodd,
            )
        )

    def _point(self, x: Any, y: Any) -> tuple[float, float]:
        px, py = apply_matrix_pt(self.ctm, (float(x), float(y))) if self.ctm is not None else (float(x), float(y))
        return px - self.left, self.top - py

    def _segments(self, path: Sequence[Any]) -> list[Segment]:
        out: list[Segment] = []
        current = (0.0, 0.0)
        for op, *args in path:
            if op == "h":
                out.append(("h", ()))
                continue
            pts = [self._point(args[i], args[i + 1]) for i in range(0, len(args) - 1, 2)]
            if op in ("m", "l"):
                out.append((op, pts[0]))
            elif op == "c":
                out.append(("c", pts[0] + pts[1] + pts[2]))
            elif op == "v":  # first control point is the current point
                out.append(("c", current + pts[0] + pts[1]))
            elif op == "y":  # second control point is the end point
                out.append(("c", pts[0] + pts[1] + pts[1]))
            else:
                continue
            current = pts[-1]
        return out


class PdfPages:
    """An open PDF: len() pages, size(i) at once, page(i) read on first use and kept."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self._file: IO[bytes] = open(self.path, "rb")
        except OSError as exc:
            raise MsdeskError(f"无法打开 PDF 文件“{self.path}”进行预览。") from exc
        try:
            self._pages = list(PDFPage.create_pages(PDFDocument(PDFParser(self._file))))
        except (PSException, ValueError, KeyError, TypeError) as exc:
            self._file.close()
            raise MsdeskError(f"PDF 文件“{self.path}”已损坏或不是 PDF，无法预览。") from exc
        self._rsrc = PDFResourceManager(caching=True)  # each subset font is parsed once, not per page
        self._device = _Collector(self._rsrc)
        self._interpreter = PDFPageInterpreter(self._rsrc, self._device)
        self._read: dict[int, Page] = {}

    def __len__(self) -> int:
        return len(self._pages)

    def size(self, index: int) -> tuple[float, float]:
        x0, y0, x1, y1 = self._pages[index].mediabox
        return float(x1) - float(x0), float(y1) - float(y0)

    def page(self, index: int) -> Page:
        if index not in self._read:
            try:
                self._interpreter.process_page(self._pages[index])
            except (PSException, ValueError, KeyError, TypeError) as exc:
                raise MsdeskError(f"PDF 文件“{self.path}”第 {index + 1} 页无法读取。") from exc
            width, height = self.size(index)
            self._read[index] = Page(width, height, tuple(self._device.items))
        return self._read[index]

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def read_pages(path: str | Path) -> list[Page]:
    """Every page of the PDF (for tests and small files; the preview reads page by page)."""
    with PdfPages(path) as pdf:
        return [pdf.page(i) for i in range(len(pdf))]
