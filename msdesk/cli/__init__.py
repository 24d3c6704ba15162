"""The msdesk command: the GUI by default, and the same core headless for scripts.

Exit codes: 0 ok; 1 general error; 2 usage; 3 file cannot be opened;
4 invalid input; other codes are documented by each command.
Each command group is one module with register(subparsers): msdesk/cli/<group>.py, listed
in COMMAND_MODULES below, so this file stays small.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .. import APP_TITLE, __version__
from ..errors import MsdeskError, os_reason
from . import text as cli_text

# Modules that add subcommands, named under msdesk (one line per command group; a module written
# as msdesk/cli_<area>.py is listed as "cli_<area>" until it moves to msdesk/cli/<area>.py).
# Missing ones are skipped so a partial build still runs.
COMMAND_MODULES = [
    "cli.db",
    "cli.notice",
    "cli.progress",  # adds to the import/workbook commands of cli.notice, so it comes after it
    "cli.export",
    "cli.package",
    "cli.selftest",
    "cli.report",
]


def build_parser() -> argparse.ArgumentParser:
    cli_text.install()
    parser = argparse.ArgumentParser(prog="msdesk", description=f"{APP_TITLE}（msdesk）：不带子命令时打开图形界面。")
    parser.add_argument("--version", action="version", version=f"msdesk {__version__}", help="显示版本号并退出")
    parser.add_argument("--demo", action="store_true", help="打开示例台账（首次使用时自动创建）")
    parser.add_argument("--db", metavar="FILE", help="打开指定的台账文件")
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"msdesk.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"msdesk.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from ui.app import run_gui  # imported late: the CLI must work without a display

        return int(run_gui(db=args.db, demo=args.demo))
    try:
        return int(args.func(args) or 0)
    except MsdeskError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        # a file the command reads or writes (an output folder, a key file) cannot be used:
        # a clerk's situation, not a program error, so a message instead of a traceback.
        # `msdesk … | head`: the reader has gone; stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        if isinstance(exc, BrokenPipeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        name = exc.filename or ""
        print(f"错误：无法读写文件“{name}”（{os_reason(exc)}）。请检查路径、权限和磁盘空间。", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
