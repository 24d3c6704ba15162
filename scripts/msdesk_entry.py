"""Entry point of the frozen app (build.spec): the same `msdesk` command as the source install.

No arguments opens the window; `msdesk selftest`, `msdesk --version` and every other
subcommand work headless.
"""

import os
import sys

# Qt input-method plugins the bundle carries (PySide6 ships ibus and compose, not fcitx).
BUNDLED_IM = {"ibus", "compose"}


def chinese_input_env(env, platform: str = sys.platform) -> dict:
    """Changes to the environment so Chinese input works in the bundled Qt on Linux.

    UOS / Kylin desktops running fcitx5 set QT_IM_MODULE=fcitx, a plugin our Qt does not have,
    which would leave the clerk without any Chinese input. fcitx5 also speaks the ibus protocol,
    so ask for ibus instead (it can only help: without it there is no input method at all).
    """
    wanted = env.get("QT_IM_MODULE", "")
    if not platform.startswith("linux") or not wanted or wanted in BUNDLED_IM or env.get("QT_IM_MODULES"):
        return {}
    return {"QT_IM_MODULE": "ibus"}


if __name__ == "__main__":
    # a large export writes the workbook in a second process; in the frozen app that process
    # starts as this program again and must run the export helper, not open a window
    import multiprocessing

    multiprocessing.freeze_support()
    if getattr(sys, "frozen", False):
        os.environ.update(chinese_input_env(os.environ))
    from msdesk.cli import main

    sys.exit(main())
