"""Copied, read-only, locked and foreign files (issue 12, holes 4, 7, 8, 10).

Root may write anywhere, so when the tests run as root the read-only cases run in a child
process without the capabilities that bypass file permissions (setpriv); as a normal user
they run directly.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from msdesk import migrations, offices, plans
from msdesk.backup import backup_dir, backup_file, restore_backup
from msdesk.errors import FileLockedError, LockTimeoutError
from msdesk.store import check_file, create_store, open_store
from tests import _package_fixtures as F
from tests._cli_matrix import REPLACES, matrix, run

ROOT = Path(__file__).resolve().parent.parent
HOLDER = textwrap.dedent("""
    import sys, time
    from msdesk.store import open_store
    from msdesk import plans
    store = open_store(sys.argv[1], actor="张干事")
    print("ready", flush=True)
    n = 0
    while sys.stdin.readline():          # each line: one acknowledged edit
        with store.transaction():
            plans.add_plan(store, 2023, "编辑%d" % n)
        n += 1
        print(n, flush=True)
""")


def child(script: str, *args, user: bool = False) -> subprocess.Popen:
    cmd = [sys.executable, "-c", script, *map(str, args)]
    if user and os.geteuid() == 0:  # root without the capabilities that bypass file permissions
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *cmd]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )


@pytest.fixture
def holder(tmp_path):
    """Another program (the GUI, say) with the ledger open."""
    path = tmp_path / "台账.msdesk"
    with create_store(path) as s, s.transaction():
        offices.set_self_office(s, "烈山区", "district")
    proc = child(HOLDER, path)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    yield path, proc
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(timeout=10)


# -- 10. a copied .msdesk is complete -------------------------------------------------------------


def test_a_copy_taken_two_seconds_after_an_edit_holds_it(tmp_path):
    path = tmp_path / "新台账.msdesk"
    store = create_store(path)
    with store.transaction():
        offices.set_self_office(store, "古饶镇", "township")
        plans.add_plan(store, 2023, "第一份计划")
    time.sleep(2)
    shutil.copy(path, tmp_path / "拷贝.msdesk")  # the .msdesk alone, no -wal
    with store.transaction():
        plans.add_plan(store, 2024, "第二份计划")
    time.sleep(2)
    shutil.copy(path, tmp_path / "拷贝2.msdesk")
    store.close()
    assert check_file(tmp_path / "拷贝.msdesk") == migrations.latest_version()
    with open_store(tmp_path / "拷贝.msdesk") as copy:
        assert [p["title"] for p in plans.plans(copy)] == ["第一份计划"]
    with open_store(tmp_path / "拷贝2.msdesk") as copy:
        assert sorted(p["title"] for p in plans.plans(copy)) == ["第一份计划", "第二份计划"]


def test_db_check_refuses_a_file_without_the_msdesk_schema(tmp_path, capsys):
    path = tmp_path / "空.msdesk"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    shutil.copy(path, tmp_path / "空拷贝.msdesk")  # header only: the table is still in the WAL
    conn.close()
    code, out, err = run(["db", "check", str(tmp_path / "空拷贝.msdesk")])
    assert code == 3 and "文件正常" not in out
    assert "没有台账数据" in err


# -- 4, 7. exclusive use, bounded lock waits, clear write failures -----------------------------------


def test_second_program_cannot_open_a_file_in_use(holder):
    path, proc = holder
    with pytest.raises(FileLockedError) as err:
        open_store(path)
    assert "张干事" in err.value.message and "正在使用" in err.value.message
    with open_store(path, read_only=True) as s:  # reading is still possible
        assert s.read_only and offices.self_office(s)["name"] == "烈山区"


def test_restore_while_the_file_is_open_loses_nothing(holder, tmp_path):
    path, proc = holder
    old = backup_file(path, reason="旧")
    for _ in range(63):
        proc.stdin.write("x\n")
        proc.stdin.flush()
        proc.stdout.readline()
    with pytest.raises(FileLockedError):
        restore_backup(old, path)
    code, out, err = run(["db", "restore", str(old), str(path)])
    assert code == 3 and "张干事" in err and "Traceback" not in err
    proc.stdin.close()
    proc.wait(timeout=10)
    with open_store(path) as s:
        assert len(plans.plans(s)) == 63


def test_a_killed_holder_does_not_lock_the_file_forever(holder):
    path, proc = holder
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    with open_store(path) as s:
        assert not s.read_only


def test_lock_wait_is_bounded_and_reported(tmp_path):
    path = tmp_path / "锁.msdesk"
    create_store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a write held elsewhere
    try:
        with open_store(path) as s:
            s.set_lock_wait(0.3)
            with pytest.raises(LockTimeoutError) as err:
                with s.transaction():
                    plans.add_plan(s, 2023, "等待")
            assert "未保存" in err.value.message and "0.3" in err.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_store(path) as s:
        assert plans.plans(s) == []


def test_external_change_is_noticed(tmp_path):
    path = tmp_path / "外部.msdesk"
    with create_store(path) as a:
        assert not a.changed_elsewhere()
        with a.transaction():
            plans.add_plan(a, 2023, "本程序")
        assert not a.changed_elsewhere()
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("UPDATE plans SET title = '外部修改'")
        other.close()
        assert a.changed_elsewhere()
        assert not a.changed_elsewhere()


# -- 7, 8. read-only files and folders ----------------------------------------------------------

READ_ONLY = textwrap.dedent("""
    import json, sys
    from msdesk.store import open_store, check_file
    from msdesk.errors import MsdeskError
    from msdesk import plans
    out = {}
    for key in ("file", "folder"):
        path = sys.argv[1 if key == "file" else 2]
        try:
            out[key + "_check"] = check_file(path)
            s = open_store(path)
            out[key + "_ro"] = [s.read_only, s.read_only_reason]
            out[key + "_plans"] = len(plans.plans(s))
            try:
                with s.transaction():
                    plans.add_plan(s, 2023, "不应保存")
                out[key + "_write"] = "saved"
            except MsdeskError as exc:
                out[key + "_write"] = [type(exc).__name__, exc.message]
            s.close()
        except MsdeskError as exc:
            out[key + "_error"] = exc.message
    print(json.dumps(out, ensure_ascii=False))
""")


def read_only_pair(tmp_path):
    base = tmp_path / "ro"
    base.mkdir()
    for name in ("file", "folder"):
        (base / name).mkdir()
        with create_store(base / name / "台账.msdesk") as s, s.transaction():
            plans.add_plan(s, 2023, "原计划")
    ro_file = base / "file" / "台账.msdesk"
    ro_file.chmod(0o444)
    for p in (base / "folder" / "台账.msdesk",):
        p.chmod(0o444)
    (base / "folder").chmod(0o555)
    return ro_file, base / "folder" / "台账.msdesk"


def test_read_only_files_open_read_only_and_say_so(tmp_path):
    ro_file, ro_folder = read_only_pair(tmp_path)
    proc = child(READ_ONLY, ro_file, ro_folder, user=True)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    result = json.loads(out)
    for key in ("file", "folder"):
        assert f"{key}_error" not in result, result
        ro, reason = result[f"{key}_ro"]
        assert ro and "只读" in reason and "损坏" not in reason
        assert result[f"{key}_plans"] == 1
        kind, message = result[f"{key}_write"]
        assert kind == "ReadOnlyError" and "只读" in message and "未保存" in message


# -- the CLI never prints a traceback --------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_world(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("MSDESK_HOME")
    os.environ["MSDESK_HOME"] = str(home)
    root = tmp_path_factory.mktemp("world")
    net = F.network(root / "n", townships=("古饶镇",))
    F.enter_progress(net.townships["古饶镇"], net.plan_id, {net.indicators["培训"]: 100})
    from msdesk import identity

    world = dict(
        backup=str(backup_file(net.district.path, reason="好")),
        notice=str(ROOT / "resources" / "demo" / "lieshan-2023-50-projects-notice.txt"),
        out=str(root / "out"),
        keybak=str(identity.export_identity(net.townships["古饶镇"], root / "key.bak")),
        cert=str(root / "cert.pem"),
        package=str(F.submit(net, "古饶镇", root / "pk").path),
    )
    Path(world["cert"]).write_bytes(identity.certificate(net.townships["古饶镇"]).cert_pem)
    (root / "out").mkdir()
    net.close()
    (root / "world.json").write_text(json.dumps(world, ensure_ascii=False), "utf-8")
    yield world, root, home
    if old is None:
        os.environ.pop("MSDESK_HOME", None)
    else:
        os.environ["MSDESK_HOME"] = old


def bad_files(root: Path) -> dict:
    folder = root / "bad"
    folder.mkdir(exist_ok=True)
    out = {"missing": folder / "不存在.msdesk"}
    (folder / "空.msdesk").write_bytes(b"")
    out["empty"] = folder / "空.msdesk"
    with create_store(folder / "好.msdesk") as s, s.transaction():
        plans.add_plan(s, 2023, "计划")
    raw = (folder / "好.msdesk").read_bytes()
    (folder / "坏.msdesk").write_bytes(raw[:100] + bytes(range(256)) * 40 + raw[100 + 10240 :])
    out["corrupt"] = folder / "坏.msdesk"
    conn = sqlite3.connect(folder / "别的.msdesk")
    conn.execute("CREATE TABLE customers (id, name)")
    conn.commit()
    conn.close()
    out["not_msdesk"] = folder / "别的.msdesk"
    shutil.copy(folder / "好.msdesk", folder / "新版.msdesk")
    conn = sqlite3.connect(folder / "新版.msdesk")
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.commit()
    conn.close()
    out["newer"] = folder / "新版.msdesk"
    return out


FILE_ERRORS = {0, 3}  # 0 where the command does not need the ledger (db backups lists nothing)


@pytest.mark.parametrize("kind", ["missing", "empty", "corrupt", "not_msdesk", "newer"])
def test_every_command_against_every_bad_file(cli_world, kind, monkeypatch, tmp_path):
    world, root, home = cli_world
    monkeypatch.setenv("MSDESK_HOME", str(home))
    monkeypatch.setenv("MSDESK_PASSPHRASE", F.PASS)
    bad = bad_files(tmp_path)[kind]
    before = bad.read_bytes() if bad.exists() else None
    for row in matrix(world, str(bad)):
        assert row["code"] != "traceback", row
        assert "Traceback" not in row["err"] + row["out"], row
        if row["argv"].startswith(REPLACES):
            # a missing file is created, a damaged one replaced (the old bytes kept among the backups);
            # another program's database or a newer version's file is never touched
            creates = kind == "missing" or row["argv"].startswith("db restore")
            assert row["code"] == (0 if creates and kind not in ("not_msdesk", "newer") else 3), row
            continue
        assert row["code"] in FILE_ERRORS, row
        if row["code"] == 3:
            assert "错误：" in row["err"] and "文件" in row["err"], row
        if row["argv"].startswith("rollup --db") and "--apply" in row["argv"]:  # the last before REPLACES
            assert (bad.read_bytes() if bad.exists() else None) == before
    if kind in ("not_msdesk", "newer"):
        assert bad.read_bytes() == before
    else:
        with open_store(bad) as s:
            assert s.rows("plans")
    if kind in ("empty", "corrupt"):
        kept = [p for p in backup_dir(bad).iterdir() if "原文件" in p.name]
        assert [p.read_bytes() for p in kept] == [before]


def test_every_command_against_a_locked_file(cli_world, holder, monkeypatch):
    world, root, home = cli_world
    monkeypatch.setenv("MSDESK_HOME", str(home))
    monkeypatch.setenv("MSDESK_PASSPHRASE", F.PASS)
    path, proc = holder
    for row in matrix(world, str(path)):
        assert row["code"] != "traceback" and "Traceback" not in row["err"], row
        if row["writes"]:
            assert row["code"] == 3 and "张干事" in row["err"], row
        else:
            assert row["code"] in (0, 3, 4, 5, 6, 16, 19), row


def test_every_command_against_a_read_only_file(cli_world, tmp_path):
    world, root, home = cli_world
    ro_file, ro_folder = read_only_pair(tmp_path)
    for bad in (ro_file, ro_folder):
        proc = child(
            f"import runpy, sys; sys.argv = ['m', {str(root / 'world.json')!r}, {str(bad)!r}];"
            " runpy.run_module('tests._cli_matrix', run_name='__main__')",
            user=True,
        )
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        rows = [json.loads(line) for line in out.splitlines()]
        assert len(rows) > 20
        for row in rows:
            assert row["code"] != "traceback" and "Traceback" not in row["err"], row
            assert "损坏" not in row["err"], row
            if row["writes"] and row["code"] != 0:  # refused: read-only, or a package/key reason first
                assert row["code"] in {3, 4, 5, 6, *range(10, 22)}, row
        with open_store(bad, read_only=True) as s:
            assert [p["title"] for p in plans.plans(s)] == ["原计划"]
