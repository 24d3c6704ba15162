import sys

from .cli import main

# Guarded: a large export starts a second process (forkserver/spawn) that imports the main
# module again; without the guard that process would run the command (or open a window) anew.
if __name__ == "__main__":
    sys.exit(main())
