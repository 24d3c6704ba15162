"""The exchange from the command line, non-interactive, with exit codes for scripts."""

from __future__ import annotations

import argparse
import json
import zipfile

import pytest

from msdesk import identity
from msdesk.cli import build_parser, main
from tests import _package_fixtures as F


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def offices_on_disk(tmp_path, monkeypatch):
    """District with plan, breakdown and its key; one township file without a key."""
    net = F.build_district(tmp_path, townships=("古饶镇", "宋疃镇"))
    from msdesk import offices
    from msdesk.store import create_store

    t = create_store(tmp_path / "古饶镇.msdesk")
    with t.transaction():
        offices.set_self_office(t, "古饶镇", "township")
    t.close()
    net.district.close()
    pw = tmp_path / "口令.txt"
    pw.write_text(F.PASS + "\n", "utf-8")
    monkeypatch.delenv("MSDESK_PASSPHRASE", raising=False)
    return dict(
        district=tmp_path / "烈山区.msdesk",
        town=tmp_path / "古饶镇.msdesk",
        pw=pw,
        root=tmp_path,
        plan=net.plan_id,
        indicators=net.indicators,
    )


def test_keys_commands(offices_on_disk, capsys, monkeypatch):
    o = offices_on_disk
    code, out = run(capsys, "keys", "init", "--db", o["town"])
    assert code == 1 and "--passphrase-file" in out and "MSDESK_PASSPHRASE" in out  # no prompt without a terminal
    code, out = run(capsys, "keys", "init", "--db", o["town"], "--passphrase-file", o["pw"])
    assert code == 0 and "指纹" in out
    code, out = run(capsys, "keys", "show", "--db", o["town"], "--cert", o["root"] / "古饶镇.pem")
    assert code == 0 and "古饶镇" in out and (o["root"] / "古饶镇.pem").read_bytes().startswith(b"-----BEGIN CERT")
    code, out = run(capsys, "keys", "export", "--db", o["town"], "--out", o["root"] / "备份.msdkey")
    assert code == 0
    monkeypatch.setenv("MSDESK_HOME", str(o["root"] / "新电脑"))
    monkeypatch.setenv("MSDESK_PASSPHRASE", "错误的口令")
    code, out = run(capsys, "keys", "import", o["root"] / "备份.msdkey", "--db", o["town"])
    assert code == 5 and "口令不正确" in out
    monkeypatch.setenv("MSDESK_PASSPHRASE", F.PASS)
    code, out = run(capsys, "keys", "import", o["root"] / "备份.msdkey", "--db", o["town"])
    assert code == 0 and "已恢复" in out


def test_exchange_by_script(offices_on_disk, capsys, monkeypatch):
    o = offices_on_disk
    monkeypatch.setenv("MSDESK_PASSPHRASE", F.PASS)
    d, t = o["district"], o["town"]
    code, out = run(capsys, "keys", "init", "--db", d)  # build_district made the key already
    assert code == 5 and "已有签名证书" in out
    assert run(capsys, "keys", "init", "--db", t)[0] == 0
    run(capsys, "keys", "show", "--db", d, "--cert", o["root"] / "区.pem")
    code, out = run(
        capsys,
        "trust",
        "add",
        o["root"] / "区.pem",
        "--db",
        t,
        "--parent",
        "--fingerprint",
        "0000 0000 0000 0000 0000 0000 0000 0000",
    )
    assert code == 6 and "核对失败" in out
    code, out = run(capsys, "trust", "add", o["root"] / "区.pem", "--db", t, "--parent")
    assert code == 0 and "未核对指纹" in out

    code, out = run(capsys, "package", "export", "--tasks", "--db", d, "--out", o["root"] / "下发")
    assert code == 0 and "任务包" in out
    tasks = next((o["root"] / "下发").glob("*.zip"))
    code, out = run(capsys, "package", "import", tasks, "--db", t)
    assert code == 0 and "本单位的目标任务" in out

    from msdesk.store import open_store

    with open_store(t) as ts:
        F.enter_progress(ts, o["plan"], {o["indicators"]["培训"]: 700})
        fp = identity.certificate(ts).fingerprint
    code, out = run(capsys, "package", "export", "--db", t, "--period", "2023Q3", "--out", o["root"] / "附件")
    assert code == 0 and "首次报送" in out
    pkg = next((o["root"] / "附件").glob("*.zip"))

    code, out = run(capsys, "package", "verify", pkg, "--db", d)
    assert code == 14 and "不在本单位的信任列表" in out
    code, out = run(capsys, "trust", "add", pkg, "--db", d, "--fingerprint", fp.lower())
    assert code == 0 and "已核对" in out
    code, out = run(capsys, "trust", "list", "--db", d)
    assert "古饶镇" in out and fp in out
    code, out = run(capsys, "package", "verify", pkg, "--db", d, "--check-pdf")
    assert code == 0 and "报送包有效" in out and "数字签名有效" in out
    code, out = run(capsys, "package", "verify", pkg)
    assert code == 0 and "未核对信任列表" in out

    altered = o["root"] / "改过.zip"
    with zipfile.ZipFile(pkg) as zin, zipfile.ZipFile(altered, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data.replace(b"700", b"799") if info.filename == "data.json" else data)
    code, out = run(capsys, "package", "verify", altered, "--db", d)
    assert code == 12 and "data.json" in out

    code, out = run(capsys, "package", "import", o["root"] / "附件", "--db", d, "--dry-run")
    assert code == 0 and "将接收" in out and "试运行" in out
    code, out = run(capsys, "package", "import", o["root"] / "附件", "--db", d)
    assert code == 0 and "已接收" in out
    code, out = run(capsys, "package", "import", pkg, "--db", d)
    assert code == 18 and "已经导入过" in out

    code, out = run(capsys, "rollup", "--db", d, "--period", "2023Q3", "--due", F.DUE_AHEAD, "--json")
    report = json.loads(out)
    train = next(i for i in report["indicators"] if i["indicator_id"] == o["indicators"]["培训"])
    assert train["total"] == 700 and train["target"] == 3750
    assert {s["office"]: s["status"] for s in report["submissions"]} == {"古饶镇": "按时报送", "宋疃镇": "未报送"}
    code, out = run(capsys, "rollup", "--db", d, "--period", "2023Q3", "--apply", "--yes")
    assert code == 0 and "宋疃镇：未报送" in out and "写入本单位的累计完成" in out

    code, out = run(
        capsys, "package", "return", "--db", d, "--office", "古饶镇", "--period", "2023Q3", "--reason", "数据有误"
    )
    assert code == 0 and "已退回" in out
    code, out = run(capsys, "trust", "revoke", "古饶镇", "--db", d, "--reason", "换证")
    assert code == 0
    assert run(capsys, "package", "verify", pkg, "--db", d)[0] == 15


def test_every_exchange_command_has_chinese_help():
    parser = build_parser()

    def walk(p, path):
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert choice.help and any("\u4e00" <= c <= "\u9fff" for c in choice.help), path + [choice.dest]
                for name, sub in action.choices.items():
                    yield from walk(sub, path + [name])
            elif action.option_strings and action.dest != "help":
                yield path, action

    top = {"keys", "trust", "package", "rollup"}
    for path, action in walk(parser, []):
        if path and path[0] in top:
            assert action.help and any("\u4e00" <= c <= "\u9fff" for c in action.help), (path, action.dest)
