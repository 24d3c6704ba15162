"""Zip writing and careful zip reading.

A package arrives by e-mail from outside; read_members refuses anything odd
before a byte of it is used: truncated or corrupt archives, names that would
escape a folder (../, absolute paths, drive letters, subfolders: packages are
flat), duplicate names, too many or too large members, and zip bombs (a
member's real size is counted while reading, never taken from the header).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path, PurePosixPath

from . import errors as E
from .errors import PackageError

MAX_PACKAGE_MB = 200
MAX_MEMBER_MB = 100
MAX_TOTAL_MB = 300
MAX_MEMBERS = 100
MAX_RATIO = 200  # JSON compresses ~10-20×; hundreds-fold is a bomb
RATIO_MIN_BYTES = 1 << 20  # small members may compress well legitimately
_MB = 1 << 20


def write_package(path: Path, members: list[tuple[str, bytes]]) -> Path:
    """Write members in order; non-ASCII names get the UTF-8 flag (zipfile sets it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    stamp = datetime.now().timetuple()[:6]
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # readable files when unpacked
            info.flag_bits |= 0x800
            zf.writestr(info, data)
    tmp.replace(path)  # never leave half a package under the final name
    return path


def read_members(source: Path | bytes, name: str | None = None) -> dict[str, bytes]:
    """All members of a package, checked. Raises PackageError with the reason."""
    label = name or (Path(source).name if not isinstance(source, bytes) else "数据包")
    if not isinstance(source, bytes):
        path = Path(source)
        if not path.is_file():
            raise PackageError("not_found", E.NOT_FOUND.format(name=path))
        if path.stat().st_size > MAX_PACKAGE_MB * _MB:
            raise PackageError("unsafe", E.PACKAGE_TOO_BIG.format(name=label, limit=MAX_PACKAGE_MB))
        source = path.read_bytes()
    try:
        zf = zipfile.ZipFile(io.BytesIO(source))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise PackageError("corrupt", E.CORRUPT.format(name=label, detail=_why(exc))) from exc
    with zf:
        infos = zf.infolist()
        _refuse_office_file(infos, label)
        _check_names(infos)
        out: dict[str, bytes] = {}
        total = 0
        for info in infos:
            data = _read_one(zf, info, label)
            total += len(data)
            if total > MAX_TOTAL_MB * _MB:
                raise PackageError("unsafe", E.PACKAGE_TOO_BIG.format(name=label, limit=MAX_TOTAL_MB))
            out[info.filename] = data
    return out


_OFFICE_KINDS = {"xl/": "Excel 工作簿", "word/": "Word 文档", "ppt/": "PowerPoint 文稿"}


def _refuse_office_file(infos: list[zipfile.ZipInfo], label: str) -> None:
    """An .xlsx or .docx is a zip too: say what it is, instead of calling its folders an attack."""
    names = [i.filename for i in infos]
    if "[Content_Types].xml" not in names:
        return
    for prefix, what in _OFFICE_KINDS.items():
        if any(n.startswith(prefix) for n in names):
            raise PackageError("corrupt", E.OFFICE_FILE.format(name=label, what=what))


def _check_names(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise PackageError("unsafe", E.TOO_MANY.format(count=len(infos)))
    seen: set[str] = set()
    for info in infos:
        raw = info.filename
        pure = PurePosixPath(raw.replace("\\", "/"))
        if (
            not raw
            or raw.startswith(("/", "\\"))
            or ":" in raw
            or "\\" in raw
            or ".." in pure.parts
            or len(pure.parts) != 1
            or info.is_dir()
        ):
            raise PackageError("unsafe", E.UNSAFE_PATH.format(member=raw), member=raw)
        key = raw.casefold()  # Windows folders would merge these
        if key in seen:
            raise PackageError("unsafe", E.DUPLICATE_MEMBER.format(member=raw), member=raw)
        seen.add(key)
        if info.file_size > MAX_MEMBER_MB * _MB:
            raise PackageError("unsafe", E.TOO_BIG.format(member=raw, limit=MAX_MEMBER_MB), member=raw)
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise PackageError("unsafe", E.BOMB.format(member=raw, ratio=ratio), member=raw)


def _read_one(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> bytes:
    """Read a member counting real bytes: a lying header cannot make us inflate more."""
    limit = min(info.file_size, MAX_MEMBER_MB * _MB)
    chunks, size = [], 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(1 << 16)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise PackageError("unsafe", E.BOMB.format(member=info.filename, ratio="?"), member=info.filename)
                chunks.append(chunk)
    except PackageError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise PackageError("corrupt", E.CORRUPT.format(name=label, detail=_why(exc))) from exc
    except Exception as exc:  # zlib.error and friends from a damaged stream
        raise PackageError("corrupt", E.CORRUPT.format(name=label, detail=_why(exc))) from exc
    return b"".join(chunks)


def _why(exc: Exception) -> str:
    text = str(exc)
    if "CRC" in text or "Bad CRC" in text:
        return "校验失败"
    if "not a zip file" in text.lower() or "File is not a zip file" in text:
        return "不是 zip 格式"
    if "truncated" in text.lower() or isinstance(exc, EOFError):
        return "文件被截断"
    return text or exc.__class__.__name__
