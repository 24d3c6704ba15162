"""How many examples a property test draws: the listed number in the normal run,
ten times that under HYPOTHESIS_PROFILE=fuzz (a bug hunt before a release)."""

import os


def examples(n: int) -> int:
    return n * (10 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 1)
