"""PAdES signature on the PDF tables, with a visible box in Chinese.

pyHanko embeds a subset of a standalone TrueType font for the box text
(it cannot read the .ttc collection), hence gbsn00lp.ttf.
"""
from __future__ import annotations

import io
from datetime import datetime

from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

import logging

from ..paths import resource_path
from ..identity import Identity

FIELD_NAME = "单位签名"
# fontTools complains about the bundled font's table padding while subsetting; harmless.
logging.getLogger("fontTools").setLevel(logging.ERROR)
# In the footer band, right of the page number: the tables leave 16 mm at the bottom.
BOX_WIDTH, BOX_HEIGHT, BOTTOM, RIGHT = 235, 38, 4, 40


def _signer(ident: Identity):
    from pyhanko.sign import signers
    cert = asn1_x509.Certificate.load(ident.cert.public_bytes(serialization.Encoding.DER))
    key = asn1_keys.PrivateKeyInfo.load(ident.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=None)


def _style():
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle
    font = GlyphAccumulatorFactory(str(resource_path("fonts", "gbsn00lp.ttf")), font_size=7)
    return TextStampStyle(stamp_text="数字签名：%(office)s\n签名时间：%(when)s\n证书指纹：%(fp)s",
                          # the box text is set at TextBoxStyle's font_size (10), then scaled into the box;
                          # a leading of 9 under a 10 pt face made the three lines overlap (issue 14)
                          text_box_style=TextBoxStyle(font=font, font_size=10, leading=12), border_width=1)


def _box(writer) -> tuple[int, tuple[int, int, int, int]]:
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
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    when = when or datetime.now()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    page, box = _box(writer)
    fields.append_signature_field(writer, fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box))
    fp = ident.fingerprint
    meta = signers.PdfSignatureMetadata(field_name=FIELD_NAME, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256", name=ident.office_name,
                                        reason="民生实事报表报送", location=ident.office_name)
    pdf_signer = signers.PdfSigner(meta, signer=_signer(ident), stamp_style=_style())
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out, appearance_text_params=dict(
        office=ident.office_name, when=when.strftime("%Y-%m-%d %H:%M"), fp=fp))
    return out.getvalue()


def validate_pdf(pdf_bytes: bytes, trusted_cert_der: bytes) -> list[dict]:
    """Validate every signature in a PDF, trusting exactly the given certificate."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    root = asn1_x509.Certificate.load(trusted_cert_der)
    ctx = ValidationContext(trust_roots=[root], allow_fetching=False)
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    out = []
    for sig in reader.embedded_signatures:
        st = validate_pdf_signature(sig, ctx)
        out.append(dict(field=sig.field_name, intact=st.intact, valid=st.valid, trusted=st.trusted,
                        coverage=str(st.coverage), signer=st.signing_cert.subject.human_friendly,
                        bottom_line=st.bottom_line))
    return out
