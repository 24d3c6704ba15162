"""进展表: a filled 进展情况表 in Excel from an office without msdesk or from a 牵头单位.

scope.py says whose rows a table holds (a subordinate office or a lead unit) and
their targets; template.py writes the blank table; sheet.py finds the header
row of any reasonable table; preview.py matches rows to indicators and checks
every cell; apply.py writes the figures (one transaction, backup first);
sources.py says where each office's figures came from (signed or not).
"""

from .apply import ImportOutcome, import_table
from .preview import Preview, preview_table
from .scope import Scope, resolve_scope
from .sources import OWN, SIGNED, TABLE, data_sources, source_label
from .template import write_template

__all__ = [
    "Scope",
    "resolve_scope",
    "write_template",
    "Preview",
    "preview_table",
    "ImportOutcome",
    "import_table",
    "SIGNED",
    "TABLE",
    "OWN",
    "data_sources",
    "source_label",
]
