"""Official tables (项目清单, 目标任务分解表, 进展情况表) as print-ready Excel and PDF."""

from .api import FORMATS, export_tables, prepare, write_files
from .tables import TABLE_KEYS, TABLE_LABELS

__all__ = ["export_tables", "prepare", "write_files", "FORMATS", "TABLE_KEYS", "TABLE_LABELS"]
