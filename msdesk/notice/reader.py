"""Notice files → blocks → text.

.txt (UTF-8 or GB18030/GBK, detected), .docx (zipfile + the standard XML parser), .pdf (pdfplumber: ruled
tables cell by cell), .xlsx (openpyxl, a notice in its own layout), .ofd (the text
layer of the XML pages), .doc/.wps (converted by LibreOffice when it is installed).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..errors import MsdeskError, os_reason
from .blocks import Block, render

SUPPORTED = (".txt", ".docx", ".pdf", ".xlsx", ".ofd", ".doc", ".wps")
NOT_FOUND = "找不到通知文件：{path}。"
UNSUPPORTED = "不支持的文件类型“{suffix}”：请选择 .txt、.docx、.pdf、.xlsx 或 .ofd 文件（.doc/.wps 请先在 Word/WPS 中另存为 .docx）。"
UNREADABLE = "无法读取文件“{path}”：{detail}"
DAMAGED = {
    ".docx": "文件“{path}”不是有效的 Word 文档（.docx），可能已损坏，或是改了扩展名的 .doc/.wps 文件。"
    "请在 Word/WPS 中打开后“另存为”.docx，或把通知文字复制粘贴到导入窗口。",
    ".pdf": "文件“{path}”不是有效的 PDF，可能已损坏或没有下载完整。请重新获取该文件，或把通知文字复制粘贴到导入窗口。",
    ".xlsx": "文件“{path}”不是有效的 Excel 工作簿（.xlsx），可能已损坏。请在 Excel/WPS 中打开后另存为 .xlsx，"
    "或把通知文字复制粘贴到导入窗口。",
    ".ofd": "文件“{path}”不是有效的 OFD 文件，可能已损坏或没有下载完整。请向发文单位索取 Word 或 PDF 版本，"
    "或把通知文字复制粘贴到导入窗口。",
}
NO_TEXT_LAYER = (
    "{kind} 文件“{path}”没有可提取的文字（可能是扫描件）。请向发文单位索取 Word 版本，或把文字复制粘贴到导入窗口。"
)
EMPTY_FILE = "文件“{path}”是空的。"
NEEDS_OFFICE = (
    "“{path}”是旧版 Word/WPS 文档（{suffix}），本机没有安装 LibreOffice，无法直接读取。"
    "请在 Word 或 WPS 中打开它，另存为 .docx 后再导入，或把通知文字复制粘贴到导入窗口。"
)
CONVERT_FAILED = (
    "LibreOffice 未能转换“{path}”（{detail}）。请在 Word 或 WPS 中打开它，另存为 .docx 后再导入，"
    "或把通知文字复制粘贴到导入窗口。"
)


# what a reader returns: the text of a .txt notice, the blocks of any other file
_Read = TypeVar("_Read", str, list[Block])


class NoticeFileError(MsdeskError):
    """The notice file cannot be opened or read (missing, damaged, wrong type): the CLI's exit code 3."""

    exit_code = 3


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


def read_notice_file(path: str | Path) -> str:
    """The notice as text (a table row is one line of tab-separated cells), ready for parse_notice."""
    path = Path(path)
    if path.suffix.lower() == ".txt":
        return _read(path, lambda p: decode_text(p.read_bytes()))
    return render(read_notice_blocks(path))


def read_notice_blocks(path: str | Path) -> list[Block]:
    """The notice as blocks: paragraphs and table rows, with their page where the file has pages."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return [Block("para", line) for line in read_notice_file(path).splitlines()]
    if suffix in (".doc", ".wps"):
        return _converted(path)
    if suffix not in (".docx", ".xlsx", ".pdf", ".ofd") and path.is_file():
        raise NoticeFileError(UNSUPPORTED.format(suffix=suffix or "无扩展名"))

    def read(p: Path) -> list[Block]:
        if suffix in (".docx", ".xlsx"):
            from . import read_office

            return read_office.docx_blocks(p) if suffix == ".docx" else read_office.xlsx_blocks(p)
        from . import read_layout

        return read_layout.pdf_blocks(p) if suffix == ".pdf" else read_layout.ofd_blocks(p)

    return _read(path, read)


def _read(path: Path, read: Callable[[Path], _Read]) -> _Read:
    if not path.is_file():
        raise NoticeFileError(NOT_FOUND.format(path=path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise NoticeFileError(UNSUPPORTED.format(suffix=suffix or "无扩展名"))
    try:
        result = read(path)
    except MsdeskError as exc:  # a reader's own explanation; a plain one is still a file that cannot be read
        if type(exc) is not MsdeskError:
            raise
        raise NoticeFileError(exc.message) from exc
    except OSError as exc:
        if exc.errno is None:  # openpyxl/zipfile say "not a workbook" with a bare IOError: a damaged file
            raise NoticeFileError(DAMAGED.get(suffix, UNREADABLE).format(path=path, detail=exc)) from exc
        # no permission, a file on a lost network drive …
        raise NoticeFileError(UNREADABLE.format(path=path, detail=os_reason(exc))) from exc
    except RecursionError as exc:
        raise NoticeFileError(DAMAGED.get(suffix, UNREADABLE).format(path=path, detail="结构异常")) from exc
    except Exception as exc:  # a damaged file: say which one, never a traceback or a library's English
        raise NoticeFileError(DAMAGED.get(suffix, UNREADABLE).format(path=path, detail=exc)) from exc
    text = result if isinstance(result, str) else render(result)
    if not text.strip():
        if suffix in (".pdf", ".ofd"):
            raise NoticeFileError(NO_TEXT_LAYER.format(kind=suffix[1:].upper(), path=path))
        raise NoticeFileError(EMPTY_FILE.format(path=path))
    return result


def is_project_workbook(path: str | Path) -> bool:
    """True for msdesk's own 项目清单 workbook (template/write): it is read by workbook.read_workbook, while
    any other .xlsx is a notice issued as a spreadsheet and goes through the notice reader."""
    from . import workbook

    try:
        import openpyxl

        book = openpyxl.load_workbook(str(path), read_only=True)
        try:
            sheet = book.worksheets[0]
            row = next(sheet.iter_rows(min_row=workbook.HEADER_ROW, max_row=workbook.HEADER_ROW, values_only=True), ())
        finally:
            book.close()
    except Exception:  # a damaged file is explained by whichever reader opens it
        return False
    found = {str(v).strip() for v in row if v is not None}
    return {header for _k, header, _w in workbook.COLUMNS[:4]} <= found


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _converted(path: Path) -> list[Block]:
    """.doc/.wps → .docx with LibreOffice (headless, in a temporary folder), then read as .docx."""
    if not path.is_file():
        raise NoticeFileError(NOT_FOUND.format(path=path))
    office = _office()
    if office is None:
        raise NoticeFileError(NEEDS_OFFICE.format(path=path, suffix=path.suffix.lower()))
    from .read_office import docx_blocks

    with tempfile.TemporaryDirectory(prefix="msdesk-notice-") as folder:
        source = Path(folder) / ("notice" + path.suffix.lower())
        shutil.copyfile(path, source)  # a name LibreOffice can take whatever characters the clerk's file has
        try:
            subprocess.run(
                [
                    office,
                    "--headless",
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    folder,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise NoticeFileError(CONVERT_FAILED.format(path=path, detail=type(exc).__name__)) from exc
        out = Path(folder) / "notice.docx"
        if not out.is_file():
            raise NoticeFileError(CONVERT_FAILED.format(path=path, detail="没有生成 .docx"))
        return _read(out, docx_blocks)
