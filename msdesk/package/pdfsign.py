"""PAdES signature on the PDF tables, with a visible box in Chinese.

pyHanko embeds a subset of a standalone TrueType font for the box text
(it cannot read the .ttc collection), hence gbsn00lp.ttf.
"""
from __future__ import annotations

import io
import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization

from ..identity import BAD_PASS, Identity, IdentityError
from ..paths import resource_path

if TYPE_CHECKING:   # pyHanko is imported when a PDF is signed, not with the package module
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko.stamp import TextStampStyle

FIELD_NAME = "单位签名"
# fontTools complains about the bundled font's table padding while subsetting; harmless.
logging.getLogger("fontTools").setLevel(logging.ERROR)
# In the footer band, right of the page number: the tables leave 16 mm at the bottom.
BOX_WIDTH, BOX_HEIGHT, BOTTOM, RIGHT = 235, 38, 4, 40


def _signer(ident: Identity) -> SimpleSigner:
    from pyhanko.sign import signers
    if ident.key is None:   # only the certificate was read (Identity.sign refuses the same way)
        raise IdentityError(BAD_PASS)
    cert = asn1_x509.Certificate.load(ident.cert.public_bytes(serialization.Encoding.DER))
    key = asn1_keys.PrivateKeyInfo.load(ident.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    # pyHanko's Signer turns None into an empty certificate store; SimpleSigner's annotation omits None.
    return signers.SimpleSigner(signing_cert=cert, signing_key=key, cert_registry=None)  # type: ignore[arg-type]


def _style() -> TextStampStyle:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle
    font = GlyphAccumulatorFactory(str(resource_path("fonts", "gbsn00lp.ttf")), font_size=7)
    return TextStampStyle(stamp_text="数字签名：%(office)s\n签名时间：%(when)s\n证书指纹：%(fp)s",
                          # the box text is set at TextBoxStyle's font_size (10), then scaled into the box;
                          # a leading of 9 under a 10 pt face made the three lines overlap (issue 14)
                          text_box_style=TextBoxStyle(font=font, font_size=10, leading=12), border_width=1)


def _box(pdf_bytes: bytes) -> tuple[int, tuple[int, int, int, int]]:
    """Bottom-right corner of the last page, inside the margin."""
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(pdf_bytes))
    page = reader.pages[-1]
    right = float(page.mediabox.right)
    x2 = int(right - RIGHT)
    return len(reader.pages) - 1, (x2 - BOX_WIDTH, BOTTOM, x2, BOTTOM + BOX_HEIGHT)


def sign_pdf(pdf_bytes: bytes, ident: Identity, when: datetime | None = None) -> bytes:
    """Return the PDF with a visible PAdES-B-B signature of the office."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    when = when or datetime.now()
    page, box = _box(pdf_bytes)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
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
        out.append(dict(field=sig.field_name, intact=st.intact, valid=st.valid, trusted=st.trusted,
                        coverage=str(st.coverage), signer=st.signing_cert.subject.human_friendly,
                        bottom_line=st.bottom_line))
    return out
