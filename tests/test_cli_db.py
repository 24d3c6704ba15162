"""The headless msdesk command for files: exit codes and Chinese messages."""

import subprocess
import sys

from msdesk import __version__, backup, plans
from msdesk.cli import build_parser, main


def run(*args):
    return subprocess.run([sys.executable, "-m", "msdesk", *args], capture_output=True, text=True)


def test_version():
    out = run("--version")
    assert out.returncode == 0 and __version__ in out.stdout


def test_check_backup_audit_restore(store, db_path, capsys):
    with store.transaction():
        plan = plans.add_plan(store, 2023, "原标题")
    store.close()
    assert main(["db", "check", str(db_path)]) == 0
    assert "完整性检查通过" in capsys.readouterr().out
    assert main(["db", "backup", str(db_path)]) == 0
    saved = backup.list_backups(db_path)
    assert len(saved) == 1
    from msdesk.store import open_store

    with open_store(db_path) as s, s.transaction():
        s.update("plans", plan, title="改后标题")
    assert main(["audit", str(db_path), "--table", "plans"]) == 0
    assert "原标题 → 改后标题" in capsys.readouterr().out
    assert main(["db", "restore", str(saved[0]), str(db_path)]) == 0
    with open_store(db_path) as s:
        assert s.get("plans", plan)["title"] == "原标题"


def test_bad_file_exit_code_and_message(tmp_path):
    bad = tmp_path / "坏文件.msdesk"
    bad.write_text("这不是数据库", encoding="utf-8")
    out = run("db", "check", str(bad))
    assert out.returncode == 3
    assert "不是民生实事台账文件" in out.stderr


def test_every_command_and_option_has_chinese_help():
    import re

    parser = build_parser()

    def walk(p, path):
        for action in p._actions:
            if action.dest == "help":
                continue
            if hasattr(action, "choices") and isinstance(action.choices, dict):
                for name, sub in action.choices.items():
                    yield from walk(sub, path + [name])
                helps = {a.dest: a.help for a in action._choices_actions}
                for name in action.choices:
                    yield path + [name], helps.get(name)
            else:
                yield path + [action.dest], action.help

    for where, text in walk(parser, ["msdesk"]):
        assert text and re.search(r"[\u4e00-\u9fff]", text), f"{' '.join(where)} lacks Chinese help"


def test_office_set_and_show(store, db_path, capsys):
    store.close()
    assert main(["office", "set", "--db", str(db_path), "--head", "王主任"]) == 4
    assert "--name" in capsys.readouterr().err
    assert (
        main(["office", "set", "--db", str(db_path), "--name", "瑶海区", "--level", "district", "--preparer", "李干事"])
        == 0
    )
    assert main(["office", "set", "--db", str(db_path), "--phone", "0551-1234567"]) == 0
    capsys.readouterr()
    assert main(["office", "show", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "填报单位：瑶海区（区/县）" in out and "填报人：李干事" in out and "联系电话：0551-1234567" in out


def test_argparse_own_words_are_chinese_too():
    """`msdesk --help` and usage errors: no English headings or messages from argparse."""
    out = run("--help")
    assert out.returncode == 0
    assert out.stdout.startswith("用法：msdesk") and "位置参数" in out.stdout and "显示本帮助并退出" in out.stdout
    assert "显示版本号并退出" in out.stdout
    for english in ("usage:", "positional arguments", "options:", "show this help", "version number"):
        assert english not in out.stdout
    bad = run("export", "--db", "x.msdesk")
    assert bad.returncode == 2
    assert "msdesk export：错误：缺少必需的参数：--period, --out" in bad.stderr and "error" not in bad.stderr
    wrong = run("frobnicate")
    assert "无效的选择 'frobnicate'" in wrong.stderr


def test_output_piped_into_head_stops_quietly(tmp_path):
    """`msdesk audit FILE | head`: the reader closes the pipe early; no Python traceback."""
    from msdesk.demo import create_demo

    path = create_demo(tmp_path / "示例.msdesk")
    proc = subprocess.Popen(
        [sys.executable, "-m", "msdesk", "audit", str(path), "--limit", "20000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.readline()
    proc.stdout.close()  # what head does after its lines
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 1 and "Traceback" not in err and err == ""


def test_a_new_township_ledger_and_the_district_s_subordinates_from_the_command_line(tmp_path, capsys):
    """A district sets up its own file and its townships; a township makes its empty ledger."""
    from msdesk import offices
    from msdesk.store import open_store

    district = tmp_path / "烈山区.msdesk"
    assert main(["db", "create", str(district), "--name", "烈山区", "--level", "district", "--preparer", "李干事"]) == 0
    assert "已新建台账" in capsys.readouterr().out
    assert main(["office", "add", "--db", str(district), "--name", "古饶镇", "--code", "340604100"]) == 0
    assert main(["office", "add", "--db", str(district), "--name", "宋疃镇"]) == 0
    assert main(["office", "add", "--db", str(district), "--name", "古饶镇"]) == 4
    assert "单位名称不能重复" in capsys.readouterr().err
    assert main(["office", "list", "--db", str(district)]) == 0
    assert capsys.readouterr().out.splitlines() == ["古饶镇（340604100）　乡镇/街道", "宋疃镇　乡镇/街道"]
    with open_store(district) as s:
        me = offices.self_office(s)
        assert (me["name"], me["level"], me["preparer"]) == ("烈山区", "district", "李干事")

    assert main(["db", "create", str(district), "--name", "别的"]) == 3  # never overwrites
    assert "已存在" in capsys.readouterr().err
    blank = tmp_path / "空.msdesk"
    assert main(["db", "create", str(blank), "--name", " "]) == 4
    assert not blank.exists()  # a refused name leaves no half-made file
