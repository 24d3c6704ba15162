"""Write a bulletin as .docx (WordprocessingML, msdesk.wordml) or .pdf (reportlab), in the official layout:
A4, GB/T 9704 margins (上37 下35 左28 右26 mm), 三号 仿宋 body, 黑体 headings, 楷体 for
（一） headings, page numbers at the foot. Files appear whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import FileAccessError, MsdeskError, os_reason
from .model import Bulletin

FORMATS = ("docx", "pdf")
MARGINS_MM = dict(top=37, bottom=35, left=28, right=26)
BODY_PT, TABLE_PT, TITLE_PT, LINE_PT = 16, 11, 22, 28


def title_lines(title: str, width: int = 18) -> list[str]:
    """A long title in two lines broken where the sense breaks (after 民生实事 and any scope),
    not wherever the line runs out, which can leave 报 alone on the second line."""
    if len(title) <= width or "民生实事" not in title:
        return [title]
    cut = title.index("民生实事") + len("民生实事")
    while cut < len(title) and title[cut] == "（":
        cut = title.index("）", cut) + 1
    return [title[:cut], title[cut:]] if cut < len(title) else [title]


def write_bulletin(bulletin: Bulletin, where: str | Path, fmt: str | None = None) -> Path:
    """Write the bulletin to `where` as docx or pdf (from the suffix when fmt is None)."""
    path = Path(where)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise MsdeskError(f"不支持的文件格式“{fmt or '（无扩展名）'}”：通报可保存为 .docx 或 .pdf。")
    if fmt == "docx":
        from .docx_writer import write_docx as writer
    else:
        from .pdf_writer import write_pdf as writer
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".通报生成中-", suffix=f".{fmt}", dir=folder)
    except OSError as exc:
        raise FileAccessError(f"无法在“{folder}”中保存文件：{os_reason(exc)}。请换一个文件夹。") from exc
    os.close(fd)
    try:
        writer(bulletin, Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except PermissionError as exc:
        raise MsdeskError(f"无法写入“{path}”：文件可能正在被 Word/WPS 或 PDF 阅读器打开，请关闭后重试。") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
