"""进展情况通报: the written bulletin of a period, drafted from the ledger (no Qt)."""

from .build import build_bulletin, short_name
from .model import Block, Bulletin, from_text, to_text
from .render import write_bulletin

__all__ = ["Block", "Bulletin", "build_bulletin", "from_text", "short_name", "to_text", "write_bulletin"]
