"""Every CLI command against one ledger file: used in-process by tests/test_security_files.py and,
for the read-only case, in a child process without root's permission-bypassing capabilities
(root can write anywhere, so a read-only file can only be tried without them).

Run as a script: python -m tests._cli_matrix WORLD.json BADFILE  → JSON lines on stdout.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback

# (argv with {f} for the bad ledger and {w[...]} for files of the good world, writes the file?)
COMMANDS = [
    ("db check {f}", False),
    ("db backup {f}", False),
    ("db backups {f}", False),
    ("audit {f}", False),
    ("office show --db {f}", False),
    ("office set --db {f} --name 某镇", True),
    ("import notice {w[notice]} --db {f} --dry-run", False),
    ("export --db {f} --period 2023Q3 --out {w[out]}", False),
    ("keys init --db {f}", True),
    ("keys show --db {f}", False),
    ("keys export --db {f} --out {w[out]}/key.bak", False),
    ("keys import {w[keybak]} --db {f}", True),
    ("trust add {w[cert]} --db {f}", True),
    ("trust confirm 0000 --db {f}", True),
    ("trust list --db {f}", False),
    ("trust revoke 某镇 --db {f}", True),
    ("package export --db {f} --period 2023Q3 --out {w[out]}", True),
    ("package verify {w[package]} --db {f}", False),
    ("package import {w[package]} --db {f}", True),
    ("package import {w[package]} --db {f} --dry-run", False),
    ("package return --db {f} --office 某镇 --period 2023Q3 --reason 重报", True),
    ("rollup --db {f} --period 2023Q3", False),
    ("rollup --db {f} --period 2023Q3 --apply --yes", True),
    # last: these two may create the missing file, or replace a damaged one (what a restore is for)
    ("import notice {w[notice]} --db {f}", True),
    ("db restore {w[backup]} {f}", True),
]
REPLACES = ("import notice", "db restore")


def run(argv: list[str]) -> tuple[int | str, str, str]:
    from msdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        except BaseException:  # anything else would have been a traceback
            code = "traceback"
            err.write(traceback.format_exc())
    return code, out.getvalue(), err.getvalue()


def matrix(world: dict, bad: str):
    for template, writes in COMMANDS:
        argv = template.format(f=bad, w=world).split()
        code, out, err = run(argv)
        yield dict(argv=" ".join(argv), writes=writes, code=code, out=out, err=err)


if __name__ == "__main__":
    import os

    os.environ.setdefault("MSDESK_PASSPHRASE", "烈山区口令2023")
    world = json.loads(open(sys.argv[1], encoding="utf-8").read())
    for row in matrix(world, sys.argv[2]):
        print(json.dumps(row, ensure_ascii=False), flush=True)
