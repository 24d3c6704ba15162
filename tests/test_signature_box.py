"""The visible signature box on a signed table: drawn by reportlab as a page of the box's size and placed
by pyHanko in the bottom-right margin of the last page. Its three lines are set apart (they overlapped:
a leading of 9 pt under a 10 pt face), and a long office name stays inside the frame."""

from __future__ import annotations

import io
from datetime import datetime

import pdfplumber
from pypdf import PdfReader

from msdesk import identity
from msdesk.export import export_tables
from msdesk.package import pdfsign

WHEN = datetime(2023, 10, 9, 14, 30)
FINGERPRINT = "E0EF 64D0 D916 3EFE 3F68 B454 35C5 85EF"


def _lines(pdf: bytes) -> list[list[dict]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        [page] = doc.pages
        assert (page.width, page.height) == (pdfsign.BOX_WIDTH, pdfsign.BOX_HEIGHT)
        rows: dict[float, list[dict]] = {}
        for char in page.chars:
            rows.setdefault(round(char["top"], 1), []).append(char)
    return [sorted(rows[top], key=lambda c: c["x0"]) for top in sorted(rows)]


def test_box_lines_are_apart_and_read_as_written():
    lines = pdfsign.box_lines("烈山区", WHEN, FINGERPRINT)
    rows = _lines(pdfsign.box_pdf(lines))
    assert ["".join(c["text"] for c in row) for row in rows] == lines
    size = rows[0][0]["size"]
    for upper, lower in zip(rows, rows[1:]):
        assert lower[0]["top"] - upper[0]["top"] >= 1.15 * size  # CJK glyphs fill the em box
    chars = [c for row in rows for c in row]
    assert min(c["top"] for c in chars) > 2 and max(c["bottom"] for c in chars) < pdfsign.BOX_HEIGHT - 2


def test_a_long_office_name_is_set_smaller_inside_the_frame():
    name = "某某省某某市某某县某某镇人民政府民生实事工作领导小组办公室"
    rows = _lines(pdfsign.box_pdf(pdfsign.box_lines(name, WHEN, FINGERPRINT)))
    chars = [c for row in rows for c in row]
    assert "".join(c["text"] for c in rows[0]) == "数字签名：" + name
    assert min(c["x0"] for c in chars) >= 2 and max(c["x1"] for c in chars) <= pdfsign.BOX_WIDTH - 2
    assert rows[0][0]["size"] < pdfsign.FONT_SIZE


def test_signature_box_sits_in_the_bottom_right_margin_of_the_last_page(store, small_plan, tmp_path):
    ident = identity.create_identity(store, "烈山区口令2023")
    [pdf] = export_tables(store, small_plan["plan"], "2023Q3", tmp_path, tables=["progress"], formats=["pdf"])
    pages = PdfReader(io.BytesIO(pdfsign.sign_pdf(pdf.read_bytes(), ident))).pages
    right = float(pages[-1].mediabox.right)
    [widget] = [a.get_object() for a in pages[-1]["/Annots"] if a.get_object().get("/FT") == "/Sig"]
    assert [float(v) for v in widget["/Rect"]] == [
        int(right - pdfsign.RIGHT) - pdfsign.BOX_WIDTH,
        pdfsign.BOTTOM,
        int(right - pdfsign.RIGHT),
        pdfsign.BOTTOM + pdfsign.BOX_HEIGHT,
    ]
    assert all(
        "/Annots" not in p or not any(a.get_object().get("/FT") == "/Sig" for a in p["/Annots"]) for p in pages[:-1]
    )
    # the appearance is the reportlab page, imported whole (same size as the box: no margin, no scaling)
    forms = widget["/AP"]["/N"].get_object()["/Resources"]["/XObject"]
    assert [[float(v) for v in f.get_object()["/BBox"]] for f in forms.values()] == [
        [0, 0, pdfsign.BOX_WIDTH, pdfsign.BOX_HEIGHT]
    ]
    assert b" Do" in widget["/AP"]["/N"].get_object().get_data()
