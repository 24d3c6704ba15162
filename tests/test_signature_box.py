"""The visible signature box on a signed table: its three lines are set apart (they overlapped:
a leading of 9 pt under a 10 pt face). Read from the box's own appearance stream."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader

from msdesk import identity
from msdesk.export import export_tables
from msdesk.package import pdfsign


def _appearance(pdf: bytes) -> str:
    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    for annot in page["/Annots"]:
        annot = annot.get_object()
        if annot.get("/T") == pdfsign.FIELD_NAME or annot.get("/FT") == "/Sig":
            return annot["/AP"]["/N"].get_object().get_data().decode("latin-1")
    raise AssertionError("no signature box on the last page")


def test_signature_box_lines_do_not_overlap(store, small_plan, tmp_path):
    ident = identity.create_identity(store, "烈山区口令2023")
    [pdf] = export_tables(store, small_plan["plan"], "2023Q3", tmp_path, tables=["progress"], formats=["pdf"])
    stream = _appearance(pdfsign.sign_pdf(pdf.read_bytes(), ident))
    size, leading = map(float, re.search(r"/F1 ([\d.]+) Tf ([\d.]+) TL", stream).groups())
    assert leading >= 1.15 * size, (size, leading)          # CJK glyphs fill the em box: room between lines
    steps = [float(d) for d in re.findall(r"-?[\d.]+ (-[\d.]+) Td", stream)]
    assert len(steps) >= 2 and all(-s >= 1.15 * size for s in steps)   # each line a full line below the last


def test_signature_box_sits_in_the_bottom_right_margin_of_the_last_page(store, small_plan, tmp_path):
    ident = identity.create_identity(store, "烈山区口令2023")
    [pdf] = export_tables(store, small_plan["plan"], "2023Q3", tmp_path, tables=["progress"], formats=["pdf"])
    pages = PdfReader(io.BytesIO(pdfsign.sign_pdf(pdf.read_bytes(), ident))).pages
    right = float(pages[-1].mediabox.right)
    [rect] = [[float(v) for v in a.get_object()["/Rect"]] for a in pages[-1]["/Annots"]
              if a.get_object().get("/FT") == "/Sig"]
    assert rect == [int(right - pdfsign.RIGHT) - pdfsign.BOX_WIDTH, pdfsign.BOTTOM,
                    int(right - pdfsign.RIGHT), pdfsign.BOTTOM + pdfsign.BOX_HEIGHT]
    assert all("/Annots" not in p or not any(a.get_object().get("/FT") == "/Sig" for a in p["/Annots"])
               for p in pages[:-1])
