"""PAdES signature on the PDF tables, with a visible box in Chinese.

The box is drawn by reportlab as a one-page PDF of the box's size (the Song face, only the glyphs used
embedded, as in the tables) and pyHanko places that page as the signature's appearance. pyHanko's own
text stamp would need its OpenType engine, i.e. fontTools and HarfBuzz: 3.6 MB of the zip a clerk
receives, for three lines of text.
"""

from __future__ import annotations

import io
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

from ..identity import BAD_PASS, Identity, IdentityError
from ..paths import resource_path

if TYPE_CHECKING:  # pyHanko is imported when a PDF is signed, not with the package module
    from pyhanko.sign.signers import SimpleSigner

FIELD_NAME = "单位签名"
# In the footer band, right of the page number: the tables leave 16 mm at the bottom.
BOX_WIDTH, BOX_HEIGHT, BOTTOM, RIGHT = 235, 38, 4, 40
# CJK glyphs fill the em box: a leading of 1.3 em keeps the three lines apart (they overlapped, issue 14).
FONT_SIZE, LEADING, PADDING = 7.5, 9.75, 6
STAMP_FONT = "MsdeskStamp"


def box_lines(office: str, when: datetime, fingerprint: str) -> list[str]:
    return [f"数字签名：{office}", f"签名时间：{when.strftime('%Y-%m-%d %H:%M')}", f"证书指纹：{fingerprint}"]


def box_pdf(lines: list[str]) -> bytes:
    """The visible box: a 1 pt frame and the lines, centred; a long office name makes the text smaller
    rather than run out of the frame."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if STAMP_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(STAMP_FONT, str(resource_path("fonts", "gbsn00lp.ttf"))))
    widest = max(pdfmetrics.stringWidth(line, STAMP_FONT, FONT_SIZE) for line in lines)
    scale = min(1.0, (BOX_WIDTH - 2 * PADDING) / widest)
    size, leading = FONT_SIZE * scale, LEADING * scale
    out = io.BytesIO()
    canvas = Canvas(
        out,
        pagesize=(BOX_WIDTH, BOX_HEIGHT),
        pageCompression=1,
        initialFontName=STAMP_FONT,  # type: ignore[arg-type]  # the stubs give it the size's type
        initialFontSize=size,
    )  # no unused Helvetica reference
    canvas.setLineWidth(1)
    canvas.rect(0.5, 0.5, BOX_WIDTH - 1, BOX_HEIGHT - 1)
    # first baseline: the block of lines centred (a CJK glyph sits about 0.12 em below the baseline)
    top = (BOX_HEIGHT + leading * (len(lines) - 1)) / 2 - 0.38 * size
    text = canvas.beginText((BOX_WIDTH - widest * scale) / 2, top)
    text.setFont(STAMP_FONT, size, leading=leading)
    for line in lines:
        text.textLine(line)
    canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _signer(ident: Identity) -> SimpleSigner:
    from pyhanko.sign import signers

    if ident.key is None:  # only the certificate was read (Identity.sign refuses the same way)
        raise IdentityError(BAD_PASS)
    cert = asn1_x509.Certificate.load(ident.cert.public_bytes(serialization.Encoding.DER))
    key = asn1_keys.PrivateKeyInfo.load(
        ident.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    # pyHanko's Signer turns None into an empty certificate store; SimpleSigner's annotation omits None.
    return signers.SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=None)  # type: ignore[arg-type]


def _box(writer: Any) -> tuple[int, tuple[int, int, int, int]]:
    """Bottom-right corner of the last page, inside the margin (read with pyHanko's own parser, which
    the signer needs anyway: the bundle carries no second PDF library for this)."""
    count = int(writer.root["/Pages"]["/Count"])
    page_ref, _ = writer.find_page_for_modification(count - 1)
    page = page_ref.get_object()
    while "/MediaBox" not in page:  # inherited from the page tree
        page = page["/Parent"]
    x2 = int(float(page["/MediaBox"][2]) - RIGHT)
    return count - 1, (x2 - BOX_WIDTH, BOTTOM, x2, BOTTOM + BOX_HEIGHT)


def sign_pdf(pdf_bytes: bytes, ident: Identity, when: datetime | None = None) -> bytes:
    """Return the PDF with a visible PAdES-B-B signature of the office."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    # the page is exactly the box: no margin (pyHanko's default 5 shrank it to three quarters)
    full_box = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID, margins=layout.Margins()
    )
    when = when or datetime.now()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    page, box = _box(writer)
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=ident.office_name,
        reason="民生实事报表报送",
        location=ident.office_name,
    )
    out = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="msdesk-sign-") as tmp:
        appearance = Path(tmp) / "box.pdf"  # pyHanko imports the page from a file
        appearance.write_bytes(box_pdf(box_lines(ident.office_name, when, ident.fingerprint)))
        style = StaticStampStyle.from_pdf_file(str(appearance), border_width=0, background_layout=full_box)
        signers.PdfSigner(meta, signer=_signer(ident), stamp_style=style).sign_pdf(writer, output=out)
    return out.getvalue()


def validate_pdf(pdf_bytes: bytes, trusted_cert_der: bytes) -> list[dict[str, Any]]:
    """Validate every signature in a PDF, trusting exactly the given certificate."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(trusted_cert_der)
    ctx = ValidationContext(trust_roots=[root], allow_fetching=False)
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    out: list[dict[str, Any]] = []
    for sig in reader.embedded_signatures:
        st = validate_pdf_signature(sig, ctx)
        out.append(
            dict(
                field=sig.field_name,
                intact=st.intact,
                valid=st.valid,
                trusted=st.trusted,
                coverage=str(st.coverage),
                signer=st.signing_cert.subject.human_friendly,
                bottom_line=st.bottom_line,
            )
        )
    return out
