"""Import the yearly 民生实事 notice: read a file, parse it, commit it as one plan.

    from msdesk.notice import parse_notice, read_notice_file, import_plan

The names are loaded on first use (PEP 562): the plans' own rules need only notice.numbers
(Chinese numerals), and the parser should not be loaded before the main window is shown.
"""
from importlib import import_module

_WHERE = {"import_plan": "commit", "parse_notice": "parse", "read_notice_file": "reader",
          **{name: "model" for name in ("ParsedCategory", "ParsedIndicator", "ParsedMeasure", "ParsedPlan",
                                         "ParsedProject", "ParsedRate")}}

__all__ = ["parse_notice", "read_notice_file", "import_plan", "ParsedPlan", "ParsedProject", "ParsedCategory",
           "ParsedIndicator", "ParsedMeasure", "ParsedRate"]


def __getattr__(name: str):
    if name in _WHERE:
        value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
