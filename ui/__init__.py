"""msdesk Qt GUI. Owns no business rules: it shows and edits what msdesk/ computes."""

from . import pyside_fix  # noqa: F401  - must run before any widget work (see the module)
