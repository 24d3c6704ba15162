"""Entry point of the frozen app (build.spec): the same `msdesk` command as the source install.

No arguments opens the window; `msdesk selftest`, `msdesk --version` and every other
subcommand work headless.
"""
import sys

from msdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
