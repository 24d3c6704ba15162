"""Check that every library, module and plugin in the bundle finds what it links to.

Each file's own DT_NEEDED names (scripts/elf_info.py) must resolve inside the bundle, or be one of the
few libraries every target desktop provides: the C library, OpenGL/EGL/Vulkan, the xcb and Wayland
cores (PyInstaller leaves these out on purpose) and CUPS (scripts/bundle_contents.py). What those system
libraries link to in turn is the system's business, so it is not followed.

    python scripts/bundle_links.py dist/msdesk/_internal     # exit 1 and a list when something is missing
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import elf_info
from bundle_contents import SYSTEM_LIBRARIES

# PyInstaller's own exclusions (C library, graphics drivers' libraries, xcb/Wayland cores) + ours.
SYSTEM_PROVIDED = re.compile(
    r"^(ld-linux[^/]*|lib(c|m|dl|pthread|rt|resolv|util)\.so[^/]*"
    r"|lib(EGL|GL|GLX|GLdispatch|OpenGL|drm|gbm|vulkan)\.so[^/]*"
    r"|libxcb\.so\.1|libwayland-[a-z]+\.so[^/]*|" + "|".join(map(re.escape, sorted(SYSTEM_LIBRARIES))) + ")$"
)


def resolved(path: Path, env: dict) -> dict[str, str | None]:
    """name -> path as the dynamic loader finds it (ldd), None when not found."""
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
    found: dict[str, str | None] = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) => (not found|(\S+))", line)
        if m:
            found[m.group(1)] = m.group(3)
    return found


def problems(internal: Path) -> dict[str, list[str]]:
    """{file relative to the bundle: [what it links to that the bundle lacks]}."""
    internal = internal.resolve()
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    bad: dict[str, list[str]] = {}
    for path in sorted(internal.rglob("*.so*")):
        if not path.is_file() or path.is_symlink():
            continue
        names = elf_info.needed(path)
        if not names:
            continue
        where = resolved(path, env)
        lacking = [
            f"{name}（未找到）" if where.get(name) is None else where[name]
            for name in names
            if not SYSTEM_PROVIDED.match(name) and not (where.get(name) or "").startswith(str(internal) + os.sep)
        ]
        if lacking:
            bad[str(path.relative_to(internal))] = lacking
    return bad


def main(argv: list[str]) -> int:
    bad = problems(Path(argv[0]))
    for name, lacking in bad.items():
        print(f"  {name}: {' '.join(lacking)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
