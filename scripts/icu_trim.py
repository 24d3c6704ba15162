"""Rebuild Qt's ICU data library with only the data a Chinese desktop app uses (Linux bundles).

PySide6's Linux wheels carry libicudata.so.NN: one 30 MB array (icudtNN_dat) holding ICU's
data for every language, every legacy code page and every transliterator. Qt reads it only for
collation, locale-aware case mapping, time-zone names and code pages it lacks itself, and msdesk
only ever runs in Chinese (English kept as the fallback Qt asks for). Keeping root, zh and en and
the few Chinese code pages shrinks it to about 5 MB, the biggest single cut in the bundle size.

The data array is an ICU "common data" package (ucmndata.h): a header, a table of contents of
(name offset, data offset) pairs sorted by name, the names, then the items, each 16-byte aligned.
We copy the header, drop entries and write the rest back in the same order, so ICU's binary search
still works, and wrap the array in a shared library with the same soname and symbol using gcc.

    python scripts/icu_trim.py SOURCE_LIB OUTPUT_LIB     # prints the sizes
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import elf_info  # a sibling script, also run by build.spec through runpy

# Locale bundles kept in every tree (main, coll, curr, lang, region, unit, zone, rbnf, brkitr):
# the root fallback, Chinese (mainland, simplified), English; pool.res and res_index.res are shared.
KEPT_LOCALES = re.compile(r"^(root|pool|res_index|zh|zh_Hans|zh_Hans_CN|zh_CN|en|en_US|en_US_POSIX|en_001)\.res$")
# Code pages beyond what Qt converts itself (UTF-*, Latin-1): GB18030/GBK and Windows Western.
KEPT_CONVERTERS = {"gb18030.cnv", "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv", "ibm-5348_P110-1997.cnv"}
# Trees Qt never opens: transliteration (Latin-Cyrillic, ...); break iterators (Qt breaks text with its
# own Unicode tables); the display names of currencies, languages and units, and number spell-out
# (QLocale has its own CLDR data and asks ICU only for collation, case mapping, time-zone names and
# code pages). Region names stay: ICU's time-zone names fall back to "<country> time".
DROPPED_TREES = {"translit", "brkitr", "curr", "lang", "unit", "rbnf"}
# Top-level items no Qt call reaches: character names (u_charName), the spoof checker, StringPrep and
# UTS #46 (QUrl converts international domain names with its own code).
# Nor what only ICU's number/message formatting and locale matching read (plural rules, day periods, units,
# grammatical features, langInfo for LocaleMatcher), emoji and Indic layout properties (Qt has its own
# Unicode tables), and the NFKC normalisers (Qt normalises itself; collation uses the built-in NFC).
DROPPED_ITEMS = re.compile(
    r"^(unames\.icu|confusables\.cfu|\w+\.spp|uts46\.nrm|nfkc(_cf)?\.nrm|uemoji\.icu|ulayout\.icu|langInfo\.res"
    r"|plurals\.res|pluralRanges\.res|dayPeriods\.res|units\.res|grammaticalFeatures\.res|genderList\.res"
    r"|currencyNumericCodes\.res)$"
)
LOCALE_BUNDLE = re.compile(r"^[a-z]{2,3}(_\w+)?\.res$")


def keep_item(name: str) -> bool:
    """True for a package entry ("icudt73l/coll/zh.res") the app can need."""
    parts = name.split("/")[1:]  # drop the "icudt73l" prefix
    base = parts[-1]
    if len(parts) > 1 and parts[0] in DROPPED_TREES:
        return False
    if base.endswith(".dict") or (len(parts) == 1 and DROPPED_ITEMS.match(base)):
        return False  # word-break dictionaries (Thai, Khmer, CJK) and DROPPED_ITEMS
    if base.endswith(".cnv"):
        return base in KEPT_CONVERTERS
    if base.endswith(".res") and (len(parts) > 1 or LOCALE_BUNDLE.match(base)):
        return bool(KEPT_LOCALES.match(base))
    return True  # normalisation, properties, supplemental data, time zones, break rules...


def read_data_symbol(lib: Path) -> tuple[str, bytes]:
    """The icudtNN_dat symbol's name and bytes, read from the library's dynamic symbol table."""
    return elf_info.symbol_bytes(lib, lambda name: re.fullmatch(r"icudt\d+_dat", name) is not None)


def split_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(entry name, item bytes)]) of an ICU common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise ValueError("不是小端 ICU 公共数据包（CmnD）")
    toc = blob[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    pairs = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(pairs):
        end = pairs[i + 1][1] if i + 1 < count else len(toc)
        items.append((toc[name_at : toc.index(b"\0", name_at)].decode("ascii"), toc[data_at:end]))
    return blob[:header_size], items


PAD = b"\xaa"


def _pad16(n: int) -> int:
    return (n + 15) & ~15


def join_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again, entries in the given (sorted) order, items 16-byte aligned and padded with
    0xAA as icupkg does (so an untouched package comes back byte for byte)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    names_at = 4 + 8 * len(items)
    data_at = _pad16(len(header) + names_at + len(names)) - len(header)
    toc = bytearray(struct.pack("<I", len(items)))
    body = bytearray()
    name_pos = names_at
    for name, data in items:
        toc += struct.pack("<II", name_pos, data_at + len(body))
        name_pos += len(name) + 1
        body += data + PAD * (_pad16(len(data)) - len(data))
    toc += names
    toc += PAD * (data_at - len(toc))
    return header + bytes(toc) + bytes(body)


def trimmed_package(blob: bytes) -> bytes:
    header, items = split_package(blob)
    return join_package(header, [(n, d) for n, d in items if keep_item(n)])


def write_library(blob: bytes, symbol: str, soname: str, out: Path) -> Path:
    """A shared library exporting `symbol` = blob (what ICU's libicuuc links to), built with gcc."""
    with tempfile.TemporaryDirectory() as tmp:
        dat = Path(tmp) / "icudata.dat"
        dat.write_bytes(blob)
        asm = Path(tmp) / "icudata.S"
        asm.write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n"
            f'{symbol}:\n.incbin "{dat}"\n.size {symbol}, .-{symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["gcc", "-shared", "-nostdlib", "-o", str(out), f"-Wl,-soname,{soname}", str(asm)],
            check=True,
            capture_output=True,
        )
    return out


def trim_library(source: Path, out: Path) -> Path:
    symbol, blob = read_data_symbol(source)
    return write_library(trimmed_package(blob), symbol, source.name, out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    trim_library(source, out)
    print(f"ICU 数据：{source.stat().st_size / 1e6:.1f} MB → {out.stat().st_size / 1e6:.1f} MB（{out}）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
