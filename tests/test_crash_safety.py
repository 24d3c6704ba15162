"""A process killed with SIGKILL mid-stream loses nothing it acknowledged."""

import os
import signal
import subprocess
import sys
import textwrap

from msdesk.migrations import check_file
from msdesk.store import open_store

WRITER = textwrap.dedent("""
    import sys
    from msdesk.store import open_store
    from msdesk import plans
    store = open_store(sys.argv[1])
    plan = plans.plans(store)[0]["id"]
    i = 0
    while True:
        with store.transaction():
            pid = plans.add_project(store, plan, str(i), "第%d项" % i, i, lead_units=["区民政局"])
            plans.add_indicator(store, pid, "指标", 0, target=100 + i, unit="人")
        print(i, flush=True)   # acknowledged only after COMMIT returned
        i += 1
""")


def test_sigkill_mid_stream_keeps_every_acknowledged_edit(store, db_path):
    from msdesk import plans

    with store.transaction():
        plans.add_plan(store, 2023, "压力测试")
    store.close()
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    acked = []
    for line in child.stdout:
        acked.append(int(line))
        if len(acked) >= 150:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    assert check_file(db_path) >= 1  # integrity_check passes
    with open_store(db_path) as s:
        seqs = {int(r["seq"]) for r in s.rows("projects")}
        assert set(acked) <= seqs
        # each edit is whole: a project never lacks its indicator
        orphans = s.query(
            "SELECT count(*) AS n FROM projects p WHERE NOT EXISTS "
            "(SELECT 1 FROM indicators i WHERE i.project_id = p.id)"
        )
        assert orphans[0]["n"] == 0
