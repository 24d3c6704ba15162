"""Notice files → text: .txt (UTF-8 or GB18030/GBK, detected), .docx, .pdf with a text layer."""
from __future__ import annotations

from pathlib import Path

from ..errors import MsdeskError

SUPPORTED = (".txt", ".docx", ".pdf")
NOT_FOUND = "找不到通知文件：{path}。"
UNSUPPORTED = "不支持的文件类型“{suffix}”：请选择 .txt、.docx 或 .pdf 文件（.doc 请先在 Word/WPS 中另存为 .docx）。"
UNREADABLE = "无法读取文件“{path}”：{detail}"
DAMAGED = {
    ".docx": "文件“{path}”不是有效的 Word 文档（.docx），可能已损坏，或是改了扩展名的 .doc/.wps 文件。"
             "请在 Word/WPS 中打开后“另存为”.docx，或把通知文字复制粘贴到导入窗口。",
    ".pdf": "文件“{path}”不是有效的 PDF，可能已损坏或没有下载完整。请重新获取该文件，"
            "或把通知文字复制粘贴到导入窗口。",
}
NO_TEXT_LAYER = "PDF 文件“{path}”没有可提取的文字（可能是扫描件）。请向发文单位索取 Word 版本，或把文字复制粘贴到导入窗口。"
EMPTY_FILE = "文件“{path}”是空的。"


def decode_text(data: bytes) -> str:
    """Bytes of a .txt notice → str. UTF-8 (with or without BOM) first, then the detector, then GB18030."""
    if not data:
        return ""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # GBK/GB2312 are subsets: the usual encoding of Chinese .txt files
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("gb18030", errors="replace")


def read_notice_file(path) -> str:
    path = Path(path)
    if not path.is_file():
        raise MsdeskError(NOT_FOUND.format(path=path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise MsdeskError(UNSUPPORTED.format(suffix=suffix or "无扩展名"))
    try:
        if suffix == ".txt":
            text = decode_text(path.read_bytes())
        elif suffix == ".docx":
            text = _docx_text(path)
        else:
            text = _pdf_text(path)
    except MsdeskError:
        raise
    except OSError as exc:  # no permission, a file on a lost network drive …
        raise MsdeskError(UNREADABLE.format(path=path, detail=exc.strerror or exc)) from exc
    except Exception as exc:  # a damaged file: say which one, never a traceback or a library's English
        raise MsdeskError(DAMAGED.get(suffix, UNREADABLE).format(path=path, detail=exc)) from exc
    if not text.strip():
        raise MsdeskError((NO_TEXT_LAYER if suffix == ".pdf" else EMPTY_FILE).format(path=path))
    return text


def _docx_text(path: Path) -> str:
    """Paragraphs and tables in document order; a table row becomes one line of tab-separated cells."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    document = docx.Document(str(path))
    lines = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, document).text)
        elif tag == "tbl":
            for row in Table(element, document).rows:
                # a cell's own paragraphs are joined so that the row stays on one line
                lines.append("\t".join("".join(p.text.strip() for p in cell.paragraphs) for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    reader = PdfReader(str(path))
    return "\n".join((page.extract_text() or "") for page in reader.pages)
