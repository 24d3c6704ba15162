"""Windows version resource for msdesk.exe, generated from msdesk.__version__.

build.spec calls write_version_file() at build time (the file goes to build/, never
committed), so the version shown in Explorer's Properties dialog cannot drift from the code.
Run on its own to print the text: `python scripts/version_info.py`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = """\
VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('080404b0', [
        StringStruct('CompanyName', '{company}'),
        StringStruct('FileDescription', '{title}'),
        StringStruct('FileVersion', '{version}'),
        StringStruct('InternalName', '{name}'),
        StringStruct('LegalCopyright', '{company}'),
        StringStruct('OriginalFilename', '{name}.exe'),
        StringStruct('ProductName', '{title}'),
        StringStruct('ProductVersion', '{version}')])
    ]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
COMPANY = "民生实事台账（msdesk）"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); a suffix such as '0.2.0rc1' keeps only the numbers before it."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    if not numbers:
        raise ValueError(f"version without numbers: {version!r}")
    return tuple((numbers + [0, 0, 0, 0])[:4])


def app_metadata() -> tuple[str, str, str]:
    sys.path.insert(0, str(ROOT))
    try:
        from msdesk import APP_NAME, APP_TITLE, __version__
    finally:
        sys.path.pop(0)
    return APP_NAME, APP_TITLE, __version__


def version_info_text() -> str:
    name, title, version = app_metadata()
    # 080404b0 / 2052: Simplified Chinese (PRC), Unicode code page 1200
    return TEMPLATE.format(tup=version_tuple(version), version=version, name=name, title=title, company=COMPANY)


def write_version_file(dest: str | Path) -> Path:
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(version_info_text(), encoding="utf-8")
    return dest


if __name__ == "__main__":
    print(version_info_text())
