"""Just enough of the ELF format (little-endian, 64-bit: x86_64, aarch64, loongarch64) for the build.

PyInstaller's dependency scan on Linux asks ldd, which lists everything a library pulls in
transitively, including what system libraries such as libcups link to; the bundle needs each
file's own DT_NEEDED list to know what it really links to (scripts/bundle_contents.py).
"""

from __future__ import annotations

import struct
from pathlib import Path

SHT_DYNAMIC, SHT_NOBITS, DT_NEEDED = 6, 8, 1


def is_elf64le(data: bytes) -> bool:
    return data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1


def _cstr(data: bytes, at: int) -> str:
    return data[at : data.index(b"\0", at)].decode("utf-8", "replace")


def sections(elf: bytes) -> list[tuple[str, int, int, int, int]]:
    """(name, type, address, file offset, size) of every section."""
    if not is_elf64le(elf):
        raise ValueError("不是 64 位小端 ELF 文件")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    raw = [struct.unpack_from("<IIQQQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    names_at = raw[shstrndx][4]
    return [(_cstr(elf, names_at + n), t, addr, off, size) for n, t, _flags, addr, off, size in raw]


def needed(path: Path) -> list[str] | None:
    """The library's own DT_NEEDED names, or None when it is not a 64-bit little-endian ELF file."""
    elf = Path(path).read_bytes()
    if not is_elf64le(elf):
        return None
    by_name = {s[0]: s for s in sections(elf)}
    dynamic = next((s for s in by_name.values() if s[1] == SHT_DYNAMIC), None)
    if dynamic is None or ".dynstr" not in by_name:
        return []
    strings_at = by_name[".dynstr"][3]
    found = []
    for at in range(dynamic[3], dynamic[3] + dynamic[4], 16):
        tag, value = struct.unpack_from("<qQ", elf, at)
        if tag == 0:
            break
        if tag == DT_NEEDED:
            found.append(_cstr(elf, strings_at + value))
    return found


def symbol_bytes(path: Path, match) -> tuple[str, bytes]:
    """Name and contents of the first defined dynamic symbol whose name satisfies match(name)."""
    elf = Path(path).read_bytes()
    secs = sections(elf)
    by_name = {s[0]: s for s in secs}
    _, _, _, sym_at, sym_size = by_name[".dynsym"]
    strings_at = by_name[".dynstr"][3]
    for at in range(sym_at, sym_at + sym_size, 24):
        st_name, _info, _other, _shndx, value, size = struct.unpack_from("<IBBHQQ", elf, at)
        name = _cstr(elf, strings_at + st_name)
        if size and match(name):
            for _n, stype, addr, off, sec_size in secs:
                if stype != SHT_NOBITS and addr and addr <= value < addr + sec_size:
                    start = off + value - addr
                    return name, elf[start : start + size]
    raise ValueError(f"{path} 中没有所需的符号")
