"""Import the yearly 民生实事 notice: read a file, parse it, commit it as one plan.

    from msdesk.notice import parse_notice, read_notice_file, import_plan
"""
from .commit import import_plan
from .model import ParsedCategory, ParsedIndicator, ParsedMeasure, ParsedPlan, ParsedProject, ParsedRate
from .parse import parse_notice
from .reader import read_notice_file

__all__ = ["parse_notice", "read_notice_file", "import_plan", "ParsedPlan", "ParsedProject", "ParsedCategory",
           "ParsedIndicator", "ParsedMeasure", "ParsedRate"]
