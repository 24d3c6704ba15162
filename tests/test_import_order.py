"""Every core module can be the first one imported (a script or the CLI may start anywhere):
msdesk.package imported first used to fail on a deadlines → notice → plans → deadlines cycle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules() -> list[str]:
    """The top-level modules and the sub-packages (whose __init__ imports their modules)."""
    out = []
    for path in sorted([*(ROOT / "msdesk").glob("*.py"), *(ROOT / "msdesk").glob("*/__init__.py")]):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] != "__main__":
            out.append(".".join(parts))
    return out


def test_each_core_module_imports_first():
    modules = _modules()
    assert "msdesk.package" in modules and "msdesk.deadlines" in modules
    # one fresh interpreter per module, all started from one small driver to keep it quick
    driver = (
        "import subprocess, sys\n"
        "bad = [m for m in sys.argv[1:] if subprocess.run([sys.executable, '-c', 'import ' + m],"
        " capture_output=True).returncode]\n"
        "print(' '.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", driver, *modules],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        check=True,
    )
    assert result.stdout.split() == []
