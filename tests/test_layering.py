"""The core (msdesk/) never imports Qt: it must run headless and stay testable without a GUI."""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


# The one exception: the msdesk command starts the GUI when given no subcommand.
ALLOWED = {
    ("msdesk/cli/__init__.py", "from ui.app import run_gui"),
    ("msdesk/cli/selftest.py", "from ui.screenshot import save_screenshot"),
}  # msdesk screenshot (bundle check)


def test_no_qt_import_in_core_sources():
    offenders = []
    for path in (ROOT / "msdesk").rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        for m in re.finditer(
            r"^\s*((from|import)\s+(PySide6|shiboken6|ui)\b.*)$", path.read_text(encoding="utf-8"), re.M
        ):
            if (rel, m.group(1).split("  #")[0].strip()) not in ALLOWED:
                offenders.append((rel, m.group(1)))
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    code = (
        "import pkgutil, importlib, sys, msdesk\n"
        "for m in pkgutil.walk_packages(msdesk.__path__, 'msdesk.'):\n"
        "    if m.name != 'msdesk.__main__': importlib.import_module(m.name)\n"
        "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_every_ui_text_is_defined_once():
    """A second `NAME = ...` in ui/strings.py silently replaces the first, and the screen that
    used the first shows the wrong words (未打开文件 became a dialog title once)."""
    import ast
    from collections import Counter

    source = (pathlib.Path(__file__).parent.parent / "ui" / "strings.py").read_text(encoding="utf-8")
    names = Counter(
        t.id
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    )
    assert [n for n, k in names.items() if k > 1] == []
