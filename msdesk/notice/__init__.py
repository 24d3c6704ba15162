"""Import the yearly 民生实事 notice: read a file, parse it, commit it as one plan.

    from msdesk.notice import parse_notice, read_notice_file, import_plan

The names load on first use (PEP 562): the main window needs only notice.workbook's helpers
at start, not the parser.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as mypy sees them; at run time __getattr__ loads them
    from .commit import import_plan
    from .model import ParsedCategory, ParsedIndicator, ParsedMeasure, ParsedPlan, ParsedProject, ParsedRate
    from .parse import parse_notice
    from .reader import read_notice_file

_HOME = {
    "import_plan": "commit",
    "parse_notice": "parse",
    "read_notice_file": "reader",
    **{
        name: "model"
        for name in ("ParsedCategory", "ParsedIndicator", "ParsedMeasure", "ParsedPlan", "ParsedProject", "ParsedRate")
    },
}

__all__ = [
    "parse_notice",
    "read_notice_file",
    "import_plan",
    "ParsedPlan",
    "ParsedProject",
    "ParsedCategory",
    "ParsedIndicator",
    "ParsedMeasure",
    "ParsedRate",
]


def __getattr__(name: str) -> Any:  # any of the names in _HOME: a function or a class
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_HOME[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
