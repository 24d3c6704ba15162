"""Signed packages between offices: 报送包 upward, 任务包 downward, and the roll-up.

build    - export_submission / export_tasks (data.json, tables, manifest, signatures)
verify   - verify_package: valid, or exactly why not (errors.PackageError.reason)
receive  - import_submission / import_folder (dry run) / import_tasks / return_submission
rollup   - due dates, who submitted, consolidated figures, apply to own figures
"""

from .build import Built, export_submission, export_tasks
from .errors import EXIT_CODES, PackageError
from .receive import ImportResult, import_folder, import_submission, import_tasks, return_submission
from .verify import Verified, verify_package

__all__ = [
    "Built",
    "export_submission",
    "export_tasks",
    "EXIT_CODES",
    "PackageError",
    "ImportResult",
    "import_folder",
    "import_submission",
    "import_tasks",
    "return_submission",
    "Verified",
    "verify_package",
]
