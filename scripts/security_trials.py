"""Long security trials whose figures go into docs/security.md (not part of the test run).

  python scripts/security_trials.py sigkill [--trials 200]   kill -9 a writer mid-stream, count lost edits
  python scripts/security_trials.py writers [--edits 500]    concurrent writers on one ledger

sigkill: each trial starts a fresh process that opens the ledger with msdesk's Store and
commits one edit per transaction, printing its number only after COMMIT returned; the
trial kills it with SIGKILL after a random number of acknowledged edits, then checks the
file (integrity_check), that every acknowledged edit is there and whole, and that a copy
of the .msdesk alone (no -wal), taken right after the kill, also holds every acknowledged
edit but the last (the checkpoint after it may not have run). A kill in the middle of a
checkpoint leaves the .msdesk alone torn until the ledger is next opened (the -wal file
still holds every page, so the ledger itself is whole): such copies are counted as torn.

writers: a second program opening the ledger is refused (FileLockedError names the holder);
two threads of one program, each on its own connection (Store.own_connection, as the GUI's
worker does), commit interleaved edits; every edit must be there.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WRITER = textwrap.dedent("""
    import sys
    from msdesk.store import open_store
    from msdesk import plans
    store = open_store(sys.argv[1])
    plan = plans.plans(store)[0]["id"]
    i = int(sys.argv[2])
    while True:
        with store.transaction():
            pid = plans.add_project(store, plan, str(i), "第%d项" % i, i, lead_units=["区民政局"])
            plans.add_indicator(store, pid, "指标", 0, target=100 + i, unit="人")
        print(i, flush=True)
        i += 1
""")


def _count(path: Path) -> tuple[set[int], int]:
    from msdesk.store import open_store

    with open_store(path, read_only=True) as s:
        seqs = {int(r["seq"]) for r in s.rows("projects")}
        orphans = s.query(
            "SELECT count(*) AS n FROM projects p WHERE NOT EXISTS "
            "(SELECT 1 FROM indicators i WHERE i.project_id = p.id)"
        )[0]["n"]
    return seqs, orphans


def sigkill(trials: int) -> int:
    from msdesk import plans
    from msdesk.store import check_file, create_store

    folder = Path(tempfile.mkdtemp(prefix="msdesk-sigkill-"))
    path = folder / "压力测试.msdesk"
    with create_store(path) as s, s.transaction():
        plans.add_plan(s, 2023, "压力测试")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    rng = random.Random(12)
    acked_total = lost = copy_lost = bad = torn = 0
    nxt = 0
    for trial in range(trials):
        stop_after = rng.randint(1, 400)
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(nxt)], stdout=subprocess.PIPE, text=True, env=env
        )
        acked = []
        for line in child.stdout:
            acked.append(int(line))
            if len(acked) >= stop_after:
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        shutil.copy(path, folder / "拷贝.msdesk")  # what a clerk would e-mail: the .msdesk alone
        for suffix in ("-wal", "-shm"):
            Path(str(folder / "拷贝.msdesk") + suffix).unlink(missing_ok=True)
        try:
            check_file(path)
            seqs, orphans = _count(path)
        except Exception as exc:  # a ledger that cannot even be read counts as a failure
            print(f"trial {trial}: {exc}", file=sys.stderr)
            bad += 1
            continue
        try:
            copy_seqs, _ = _count(folder / "拷贝.msdesk")
            copy_lost += len(set(acked[:-1]) - copy_seqs)
        except Exception as exc:  # killed mid-checkpoint: the .msdesk alone is torn, the -wal still whole
            print(f"trial {trial}: copy: {str(exc)[:120]}", file=sys.stderr)
            torn += 1
        missing = set(acked) - seqs
        lost += len(missing)
        bad += orphans > 0
        acked_total += len(acked)
        nxt = max(seqs | {nxt}) + 1
        if (trial + 1) % 20 == 0:
            print(f"{trial + 1} trials, {acked_total} acknowledged edits, {lost} lost", flush=True)
    print(
        f"SIGKILL: {trials} trials, {acked_total} acknowledged edits, {lost} lost, {bad} damaged ledgers; "
        f"copy of the .msdesk alone right after the kill: {copy_lost} acknowledged edits missing (all but the "
        f"last of each trial), {torn} copies torn (killed mid-checkpoint; the ledger with its -wal intact)"
    )
    shutil.rmtree(folder, ignore_errors=True)
    return 1 if lost or bad or copy_lost else 0


def writers(edits: int) -> int:
    from msdesk import plans
    from msdesk.store import create_store

    folder = Path(tempfile.mkdtemp(prefix="msdesk-writers-"))
    path = folder / "并发.msdesk"
    store = create_store(path, actor="窗口")
    with store.transaction():
        plan = plans.add_plan(store, 2023, "并发")
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from msdesk.store import open_store; open_store(sys.argv[1])", str(path)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    refused = probe.returncode != 0 and "FileLockedError" in probe.stderr and "窗口" in probe.stderr
    errors: list[str] = []

    def work(tag: str) -> None:
        with store.own_connection() as mine:
            for i in range(edits):
                try:
                    with mine.transaction():
                        plans.add_project(mine, plan, f"{tag}{i}", f"{tag}第{i}项", i)
                except Exception as exc:  # a lost edit is what the trial counts
                    errors.append(f"{tag}{i}: {exc}")

    threads = [threading.Thread(target=work, args=(t,)) for t in ("甲", "乙")]
    for t in threads:
        t.start()
    for i in range(edits):  # the window's own connection writes too
        with store.transaction():
            plans.add_project(store, plan, f"丙{i}", f"丙第{i}项", i)
    for t in threads:
        t.join()
    count = len(store.rows("projects"))
    store.close()
    print(
        f"writers: second program refused: {refused}; 3 writers × {edits} edits: {count} stored, "
        f"{3 * edits - count} lost, {len(errors)} errors"
    )
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if refused and count == 3 * edits and not errors else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("sigkill")
    p.add_argument("--trials", type=int, default=200)
    p = sub.add_parser("writers")
    p.add_argument("--edits", type=int, default=500)
    args = parser.parse_args()
    return sigkill(args.trials) if args.what == "sigkill" else writers(args.edits)


if __name__ == "__main__":
    sys.exit(main())
