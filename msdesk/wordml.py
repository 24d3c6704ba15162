"""A .docx package written directly as WordprocessingML (zipfile and strings, no python-docx/lxml).

The parts are the minimum Word, WPS and LibreOffice open without a repair prompt: content types, the
package and document relationships, document.xml, styles.xml, settings.xml, fontTable.xml, an optional
footer and the core properties. Entries carry a fixed date, so the same document gives the same bytes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_FIXED_DATE = (2000, 1, 1, 0, 0, 0)
# characters XML 1.0 cannot hold (control characters pasted from elsewhere, a lone surrogate from a badly
# decoded file): dropped, not an error
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EMU_PER_TWIP = 635


def mm_twips(mm: float) -> int:
    return round(int(mm * 36000) / EMU_PER_TWIP)


def pt_twips(pt: float) -> int:
    return round(int(pt * 12700) / EMU_PER_TWIP)


def attr(value: str) -> str:
    """An attribute value, quoted and escaped."""
    return quoteattr(_NOT_XML.sub("", value))


def run_content(text: str) -> str:
    """Text → w:t pieces, a tab → w:tab, a line break → w:br (as Word stores what the clerk typed)."""
    out = []
    for i, line in enumerate(_NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                out.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(out)


def fonts_rpr(font: str) -> str:
    """Word picks the face of Chinese characters from w:eastAsia, not from the plain font name."""
    name = attr(font)
    return f"<w:rFonts w:ascii={name} w:hAnsi={name} w:eastAsia={name}/>"


def part(root: str, body: str, extra_ns: str = "") -> str:
    """A WordprocessingML part: `root` element in the w namespace (and r), holding `body`."""
    return f'{_HEAD}<w:{root} xmlns:w="{W_NS}" xmlns:r="{R_NS}"{extra_ns}>{body}</w:{root}>'


def font_table(fonts: Sequence[tuple[str, str]]) -> str:
    """Fonts as (name, name to fall back to or ''); charset 86 = GB2312, so Word maps Chinese to them."""
    items = []
    for name, alt in fonts:
        fallback = f"<w:altName w:val={attr(alt)}/>" if alt else ""
        items.append(
            f'<w:font w:name={attr(name)}>{fallback}<w:charset w:val="86"/><w:family w:val="modern"/></w:font>'
        )
    return part("fonts", "".join(items))


SETTINGS = part(
    "settings",
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
    ' w:val="14"/></w:compat>',
)


def write_package(
    path: Path,
    document: str,
    styles: str,
    fonts: str,
    *,
    footer: str | None = None,
    title: str = "",
) -> None:
    """Write the .docx. `document` is the whole document.xml; its sectPr refers to the footer as rIdFooter."""
    overrides = [
        ("/word/document.xml", f"{_CT}.document.main+xml"),
        ("/word/styles.xml", f"{_CT}.styles+xml"),
        ("/word/settings.xml", f"{_CT}.settings+xml"),
        ("/word/fontTable.xml", f"{_CT}.fontTable+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ]
    rels = [("rIdStyles", "styles", "styles.xml"), ("rIdSettings", "settings", "settings.xml")]
    rels.append(("rIdFonts", "fontTable", "fontTable.xml"))
    parts = {"word/document.xml": document, "word/styles.xml": styles, "word/settings.xml": SETTINGS}
    parts["word/fontTable.xml"] = fonts
    if footer is not None:
        overrides.append(("/word/footer1.xml", f"{_CT}.footer+xml"))
        rels.append(("rIdFooter", "footer", "footer1.xml"))
        parts["word/footer1.xml"] = footer
    types = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    parts["[Content_Types].xml"] = (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{types}</Types>'
    )
    parts["_rels/.rels"] = _relationships(
        [
            ("rId1", f"{_DOC_REL}/officeDocument", "word/document.xml"),
            ("rId2", f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml"),
        ]
    )
    parts["word/_rels/document.xml.rels"] = _relationships([(i, f"{_DOC_REL}/{t}", target) for i, t, target in rels])
    parts["docProps/core.xml"] = (
        f"{_HEAD}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{escape(_NOT_XML.sub('', title))}</dc:title><dc:creator>msdesk</dc:creator></cp:coreProperties>"
    )
    order = ["[Content_Types].xml", "_rels/.rels"] + [
        name for name in parts if name not in ("[Content_Types].xml", "_rels/.rels")
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, _FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name].encode("utf-8"))


def _relationships(rels: Sequence[tuple[str, str, str]]) -> str:
    items = "".join(f'<Relationship Id="{i}" Type="{kind}" Target="{target}"/>' for i, kind, target in rels)
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{items}</Relationships>'
