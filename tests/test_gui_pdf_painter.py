"""The print preview paints our PDFs itself (ui/pdf_painter.py, ui/pdf_preview.py; no QtPdf):
every page as poppler draws it, the pages read only as they come into view, printing every page
in its own orientation, and neither QtPdf nor QtNetwork loaded."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QRect
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

import ui.pdf_painter as painter_module
from msdesk.cli import main
from msdesk.errors import MsdeskError
from msdesk.export import fonts
from msdesk.export.pdf_pages import PdfPages, Shape, TextRun, read_pages
from tests._pdf_pages import export_ledgers, page_images
from ui.export_dialog import preview_pdf
from ui.pdf_painter import Faces, page_image

ROOT = Path(__file__).resolve().parents[1]
DPI = 100
BLUR = 2.0  # a slight blur: antialiasing differences between two renderers are not a drift
# Ink the two pictures do not share, relative to the page's ink (poppler). The painter measures
# 0.13-0.18 on these pages; a wrong face, missing column rules or text 2 pt low measure 0.4 or more.
LIMIT = 0.22


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    base = tmp_path_factory.mktemp("painter")
    out = export_ledgers(base)  # in the bundled faces, as the preview draws them
    bulletin = base / "通报.docx"
    assert main(["report", "bulletin", "--db", str(base / "small.msdesk"), "--period", "2023Q3"]
                + ["--out", str(bulletin), "--pdf"]) == 0  # fmt: skip
    out["bulletin"] = bulletin.with_suffix(".pdf")
    yield out
    fonts.register_fonts(dirs=fonts.font_dirs())


def to_pil(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QBuffer.ReadWrite)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("L")


def painted(pdf: Path) -> list[Image.Image]:
    faces = Faces()
    with PdfPages(pdf) as pages:
        return [to_pil(page_image(pages.page(i), DPI, faces)) for i in range(len(pages))]


def drift(ours: Image.Image, poppler: Image.Image) -> float:
    a, b = ours.filter(ImageFilter.GaussianBlur(BLUR)), poppler.filter(ImageFilter.GaussianBlur(BLUR))
    differing = ImageStat.Stat(ImageChops.difference(a, b)).sum[0]
    ink = ImageStat.Stat(b.point(lambda v: 255 - v)).sum[0]
    return differing / max(ink, 1.0)


def worst_drift(pdf: Path) -> float:
    ours, theirs = painted(pdf), [p.convert("L") for p in page_images(pdf, DPI)]
    assert len(ours) == len(theirs)
    assert all(a.size == b.size for a, b in zip(ours, theirs))
    return max(drift(a, b) for a, b in zip(ours, theirs))


@pytest.mark.parametrize("name", ["small", "scaled", "bulletin"])
def test_every_page_is_painted_as_poppler_draws_it(qapp, pdfs, name):
    assert worst_drift(pdfs[name]) < LIMIT


def _wrong_face(monkeypatch):
    sized = Faces.sized
    monkeypatch.setattr(Faces, "sized", lambda self, font, size: sized(self, "WenQuanYiMicroHei", size))


def _no_column_rules(monkeypatch):
    draw = painter_module._draw_shape

    def skip_vertical(painter, shape):
        (_, (x0, _y0)), (_, (x1, _y1)) = shape.segments[0], shape.segments[-1]
        if len(shape.segments) != 2 or abs(x0 - x1) > 0.1:
            draw(painter, shape)

    monkeypatch.setattr(painter_module, "_draw_shape", skip_vertical)


def _text_too_low(monkeypatch):
    draw = painter_module._draw_text
    monkeypatch.setattr(
        painter_module,
        "_draw_text",
        lambda painter, run, faces: draw(painter, dataclasses.replace(run, y=run.y + 2), faces),
    )


@pytest.mark.parametrize("bug", [_wrong_face, _no_column_rules, _text_too_low])
def test_the_comparison_catches_a_drift(qapp, pdfs, monkeypatch, bug):
    bug(monkeypatch)
    assert worst_drift(pdfs["small"]) > LIMIT * 1.5


def _title(page) -> TextRun:
    return max((i for i in page.items if isinstance(i, TextRun)), key=lambda r: r.size)


def _box(run: TextRun, zoom: float) -> QRect:
    """Where the run's characters are on a sheet drawn at zoom pixels per point."""
    left, top = round(run.xs[0] * zoom), round((run.y - run.size) * zoom)
    return QRect(left, top, round(run.size * len(run.xs) * zoom), round(run.size * zoom))


def _ink(image: QImage, rect: QRect) -> float:
    """Share of dark pixels in rect."""
    dark = sum(
        1
        for x in range(rect.left(), rect.right() + 1, 2)
        for y in range(rect.top(), rect.bottom() + 1, 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    return dark / max(1, ((rect.width() + 1) // 2) * ((rect.height() + 1) // 2))


def test_preview_shows_every_page_and_reads_only_those_in_view(qtbot, pdfs):
    dialog = preview_pdf(None, pdfs["scaled"])
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    total = len(PdfReader(pdfs["scaled"]).pages)
    assert dialog.page_count() == total > 6 and dialog.page_label.text() == f"第 1 页，共 {total} 页"
    qtbot.waitUntil(lambda: 0 in dialog.strip.painted)
    assert max(dialog.strip.painted) < 3  # the rest is read when it scrolls into view
    last = dialog.strip.page_rect(total - 1)
    dialog.scroll.verticalScrollBar().setValue(last.top())
    qtbot.waitUntil(lambda: total - 1 in dialog.strip.painted)
    assert dialog.page_label.text() == f"第 {total} 页，共 {total} 页"
    assert len(dialog.pdf._read) < total
    actions = {a.text(): a for a in dialog.toolbar.actions()}
    actions["上一页"].trigger()
    assert dialog.page_label.text() == f"第 {total - 1} 页，共 {total} 页"
    actions["下一页"].trigger()
    actions["下一页"].trigger()  # past the last page: stays there
    assert dialog.page_label.text() == f"第 {total} 页，共 {total} 页"


def test_the_previewed_page_has_the_chinese_title_in_ink(qtbot, pdfs):
    dialog = preview_pdf(None, pdfs["small"])
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    image = dialog.strip.grab().toImage()
    zoom, top_left = dialog.strip.zoom, dialog.strip.page_rect(0).topLeft()
    title = _title(dialog.pdf.page(0))
    assert "民生实事项目清单" in title.text
    box = _box(title, zoom).translated(top_left)
    assert _ink(image, box) > 0.08  # strokes of Chinese characters where the title is
    margin = QRect(top_left.x() + 2, top_left.y() + 2, round(30 * zoom), round(30 * zoom))
    assert _ink(image, margin) == 0  # and a blank margin around the table
    dialog.fit("page")
    page = dialog.strip.page_rect(dialog.current_page())
    assert page.height() <= dialog.scroll.viewport().height()
    wider = dialog.strip.width()
    next(a for a in dialog.toolbar.actions() if a.text() == "放大").trigger()
    assert dialog.strip.width() > wider


@pytest.mark.parametrize("name, landscape", [("small", True), ("bulletin", False)])
def test_printing_draws_every_page_as_vectors_in_its_orientation(qtbot, pdfs, tmp_path, name, landscape):
    dialog = preview_pdf(None, pdfs[name])
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFullPage(True)
    assert dialog.print_to(printer) == dialog.page_count()
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == dialog.page_count()
    for page in printed.pages:
        box = page.mediabox
        assert (box.width > box.height) == landscape
        assert not (page["/Resources"].get("/XObject") or {})  # no page picture: text and rules are drawn
    title = _title(dialog.pdf.page(0)).text
    assert title in "".join(printed.pages[0].extract_text().split())  # text stays text, in an embedded face
    on_paper = [p.convert("L") for p in page_images(tmp_path / "printed.pdf", 50)]
    original = [p.convert("L") for p in page_images(pdfs[name], 50)]
    assert drift(on_paper[0], original[0].resize(on_paper[0].size)) < 0.35


def test_a_page_that_cannot_be_read_says_so_and_the_others_show(qtbot, pdfs, monkeypatch):
    read = PdfPages.page

    def second_is_damaged(self, index):
        if index == 1:
            raise MsdeskError("PDF 文件第 2 页无法读取。")
        return read(self, index)

    monkeypatch.setattr(PdfPages, "page", second_is_damaged)
    dialog = preview_pdf(None, pdfs["scaled"])
    qtbot.addWidget(dialog)
    first, second = dialog.strip.picture(0).toImage(), dialog.strip.picture(1).toImage()
    title = _title(read(dialog.pdf, 0))
    zoom = dialog.strip.zoom
    box = _box(title, zoom)
    assert _ink(first, box) > 0.05
    whole = QRect(0, 0, second.width() - 1, second.height() - 1)
    assert 0 < _ink(second, whole) < 0.05  # a white sheet with the message on it


def test_a_broken_pdf_is_refused_in_chinese(qapp, tmp_path):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4\n%%EOF")
    with pytest.raises(MsdeskError, match="无法预览"):
        preview_pdf(None, bad)


def test_rules_are_vector_paths_of_the_pdfs_width(qapp, pdfs):
    with PdfPages(pdfs["small"]) as pdf:
        shapes = [i for i in pdf.page(0).items if isinstance(i, Shape)]
    assert shapes and {round(s.width, 2) for s in shapes} <= {0.6, 0.8, 1.0, 0.5}


def test_preview_and_print_load_neither_qtpdf_nor_qtnetwork(tmp_path, pdfs):
    code = textwrap.dedent(f"""
        import json, sys
        from PySide6.QtWidgets import QApplication
        from PySide6.QtPrintSupport import QPrinter
        app = QApplication([])
        from ui.export_dialog import preview_pdf
        dialog = preview_pdf(None, {str(pdfs["small"])!r})
        app.processEvents()
        printer = QPrinter(QPrinter.HighResolution)
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName({str(tmp_path / "p.pdf")!r})
        pages = dialog.print_to(printer)
        print(json.dumps([pages, sorted(m for m in ("PySide6.QtPdf", "PySide6.QtNetwork") if m in sys.modules)]))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MSDESK_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    pages, loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert pages == len(PdfReader(pdfs["small"]).pages) and loaded == []


def test_fills_colours_and_curves_are_painted(qapp, tmp_path):
    """What our tables do not use today but a header shading or a seal would: a filled cell,
    coloured text, a circle; drawn where poppler draws them, in their colours."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_fonts(dirs=[])
    path = tmp_path / "彩色.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFillColorRGB(0.75, 0.75, 0.75)
    canvas.rect(72, 700, 200, 40, stroke=1, fill=1)
    canvas.setFillColorRGB(0.8, 0, 0)
    canvas.setFont(fonts.TITLE_FONT, 20)
    canvas.drawString(80, 712, "表头底色")
    canvas.setStrokeColorRGB(0.8, 0, 0)
    canvas.setLineWidth(2)
    canvas.circle(400, 500, 60, stroke=1, fill=0)
    canvas.save()
    fonts.register_fonts(dirs=fonts.font_dirs())
    page = read_pages(path)[0]
    image = page_image(page, DPI)
    ratio = DPI / 72
    grey = image.pixelColor(round(260 * ratio), round((842 - 705) * ratio))
    assert abs(grey.redF() - 0.75) < 0.05 and abs(grey.blueF() - 0.75) < 0.05
    ring = image.pixelColor(round(460 * ratio), round((842 - 500) * ratio))
    assert ring.redF() > 0.6 and ring.greenF() < 0.4  # the red circle's right edge
    reds = [
        image.pixelColor(x, y)
        for x in range(round(80 * ratio), round(160 * ratio))
        for y in range(round((842 - 730) * ratio), round((842 - 710) * ratio))
    ]
    assert any(c.redF() > 0.6 and c.greenF() < 0.3 for c in reds)  # red strokes of the text
    assert drift(to_pil(image), page_images(path, DPI)[0].convert("L")) < LIMIT


def test_printing_a_long_table_shows_progress_and_can_be_cancelled(qtbot, pdfs, tmp_path, monkeypatch):
    import ui.pdf_preview as preview_module

    monkeypatch.setattr(preview_module, "PROGRESS_PAGES", 2)  # the scaled ledger counts as long
    seen = []
    set_value = preview_module.QProgressDialog.setValue

    def clerk_cancels_at_the_fourth_sheet(progress, value):
        seen.append((value, progress.labelText(), progress.maximum()))
        set_value(progress, value)
        if value == 3:
            progress.cancel()

    monkeypatch.setattr(preview_module.QProgressDialog, "setValue", clerk_cancels_at_the_fourth_sheet)
    dialog = preview_pdf(None, pdfs["scaled"])
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    total = dialog.page_count()
    assert dialog.print_to(printer) == 3
    assert seen[0] == (0, f"正在打印，共 {total} 页…", total) and [v for v, _, _ in seen] == [0, 1, 2, 3]
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 3


def test_zoomed_all_the_way_in_the_kept_pictures_stay_within_memory(qtbot, pdfs):
    """放大 to the end (600%) and scroll through a long table: a page picture is then some 70 MB, and
    keeping the last dozen of them (as at 100%) took most of a clerk's 4 GB. The pictures kept stay
    under the preview's budget, while the pages in view are still drawn."""
    from ui.pdf_preview import CACHE_BYTES

    dialog = preview_pdf(None, pdfs["scaled"])
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    zoom_in = next(a for a in dialog.toolbar.actions() if a.text() == "放大")
    for _ in range(20):
        zoom_in.trigger()
    assert dialog.strip.zoom == 6.0
    bar = dialog.scroll.verticalScrollBar()
    for index in range(dialog.page_count()):
        bar.setValue(dialog.strip.page_rect(index).top())
        qtbot.waitUntil(lambda i=index: i in dialog.strip.painted)
        assert dialog.strip.kept_bytes() <= CACHE_BYTES
    assert dialog.strip.painted == set(range(dialog.page_count()))
    assert dialog.current_page() in dialog.strip.kept_pages()  # the sheet in view is not thrown away
