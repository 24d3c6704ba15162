"""`msdesk selftest` and `msdesk screenshot`: in-process, and as subprocesses with the network blocked."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from msdesk import cli
from msdesk.cli import selftest as cli_selftest

ROOT = Path(__file__).resolve().parent.parent
OK = re.compile(r"^自检通过：示例台账、报表导出、签名报送包、校验 全部正常（\d+\.\d 秒）$")

# Runs before msdesk is imported: every way Python code can reach the network raises, and each
# attempt is reported on stderr (so an attempt that some library swallows is still seen).
NO_NETWORK = r"""
import socket, sys
MARK = "NETWORK-ATTEMPT"
EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
          "socket.sendto", "socket.sendmsg", "socket.bind"}

def _report(what):
    sys.stderr.write(f"{MARK} {what}\n")
    sys.stderr.flush()
    raise OSError(f"网络已被测试禁用：{what}")

def _audit(event, args):
    if event in EVENTS:
        _report(f"{event} {args!r}")

sys.addaudithook(_audit)   # catches C-level calls too, whoever holds a reference to them
socket.socket.connect = lambda self, *a: _report(f"connect {a!r}")
socket.socket.connect_ex = lambda self, *a: _report(f"connect_ex {a!r}")
socket.getaddrinfo = lambda *a, **k: _report(f"getaddrinfo {a!r}")
socket.create_connection = lambda *a, **k: _report(f"create_connection {a!r}")
"""
# ... and, as in the desktop bundle, the standard modules build.spec leaves out cannot be imported:
# the self-test and the window must not need them.
STDLIB_LEFT_OUT = {"readline", "tkinter", "_tkinter", "pydoc_data", "lib2to3"}
BUNDLE_LEAVES_OUT = sorted(
    STDLIB_LEFT_OUT & set(runpy.run_path(str(ROOT / "scripts" / "bundle_contents.py"))["DEV_EXCLUDES"])
)
NO_NETWORK += f"for _name in {BUNDLE_LEAVES_OUT!r}:\n    sys.modules[_name] = None\n"
RUN_CLI = "\nfrom msdesk.cli import main\nsys.exit(main(sys.argv[1:]))\n"


def run_blocked(args, tmp_path, code=RUN_CLI, timeout=180):
    env = {
        **os.environ,
        "MSDESK_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(tmp_path / "tmp"),
    }
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-c", NO_NETWORK + code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """tempfile's folder for this test only, to see what the self-test leaves behind."""
    import tempfile

    folder = tmp_path / "systmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_selftest_in_process_passes_and_leaves_nothing(capsys, private_tmp):
    home = Path(os.environ["MSDESK_HOME"])
    before = sorted(home.rglob("*"))
    assert cli.main(["selftest"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and OK.match(out[0]), out
    assert sorted(home.rglob("*")) == before, "keys or files written to the user's data folder"
    assert list(private_tmp.iterdir()) == []
    assert os.environ["MSDESK_HOME"] == str(home)


def test_selftest_verbose_lists_each_step(capsys, private_tmp):
    assert cli.main(["selftest", "--verbose"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("：")[0].strip() for line in lines[:4]] == [
        "1. 示例台账",
        "2. 报表导出",
        "3. 签名报送包",
        "4. 校验",
    ]
    assert "50 个项目" in lines[0] and ".pdf" in lines[1] and "_报送包_2023Q3.zip" in lines[2]
    assert "报送包有效：烈山区" in lines[3] and "篡改后的副本被正确拒绝" in lines[3]
    assert OK.match(lines[-1])


def test_selftest_keep_leaves_the_package_for_inspection(capsys, private_tmp):
    assert cli.main(["selftest", "--keep"]) == 0
    kept = re.search(r"临时文件夹已保留：(.+)", capsys.readouterr().out).group(1)
    packages = list(Path(kept).rglob("*_报送包_*.zip"))
    assert len(packages) == 1
    from msdesk.package import verify_package

    assert verify_package(packages[0]).kind == "submission"


def test_missing_package_module_fails_at_that_step(capsys, monkeypatch, private_tmp):
    monkeypatch.setitem(sys.modules, "msdesk.package", None)  # as in a build without the exchange code
    assert cli.main(["selftest"]) == 1
    line = capsys.readouterr().out.strip()
    assert line == "自检失败：第 3 步“签名报送包”出错：本版本缺少这部分功能（找不到模块 msdesk.package）"
    assert list(private_tmp.iterdir()) == []


def test_a_verifier_that_misses_tampering_fails_the_selftest(capsys, monkeypatch, private_tmp):
    import shutil

    monkeypatch.setattr(cli_selftest, "_altered_copy", lambda src, dest: Path(shutil.copy(src, dest)))
    assert cli.main(["selftest"]) == 1
    assert capsys.readouterr().out.strip() == "自检失败：第 4 步“校验”出错：被篡改的报送包没有被识别出来"


def test_failed_table_export_names_the_step(capsys, monkeypatch, private_tmp):
    import msdesk.export

    monkeypatch.setattr(msdesk.export, "export_tables", lambda *a, **k: [])
    assert cli.main(["selftest"]) == 1
    assert capsys.readouterr().out.strip() == "自检失败：第 2 步“报表导出”出错：只生成了 0 个文件"


def test_unwritable_temporary_folder_is_reported(capsys, monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "没有这个文件夹"))
    assert cli.main(["selftest"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"自检失败：无法创建临时文件夹（{tmp_path / '没有这个文件夹'}）：")


def test_network_guard_catches_an_attempt(tmp_path):
    """The guard used below really sees a connection attempt (else the next tests prove nothing)."""
    code = (
        "\nimport socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\nexcept OSError:\n    pass\n"
        "import _socket\ns = _socket.socket()\ntry:\n    s.connect(('127.0.0.1', 9))\nexcept OSError:\n    pass\n"
    )
    result = run_blocked([], tmp_path, code=code)
    assert result.stderr.count("NETWORK-ATTEMPT") == 2, result.stderr


def test_modules_the_bundle_leaves_out_are_blocked_in_these_runs(tmp_path):
    assert BUNDLE_LEAVES_OUT == ["_tkinter", "lib2to3", "pydoc_data", "readline", "tkinter"]
    code = (
        "\nfor m in ('readline', 'tkinter', 'ssl'):\n    try:\n        __import__(m)\n        print(m, 'ok')\n"
        "    except ImportError:\n        print(m, 'missing')\n"
    )
    result = run_blocked([], tmp_path, code=code)
    assert result.stdout.split() == ["readline", "missing", "tkinter", "missing", "ssl", "ok"], result.stderr


def test_selftest_subprocess_makes_no_network_connection(tmp_path):
    result = run_blocked(["selftest"], tmp_path)
    assert "NETWORK-ATTEMPT" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert OK.match(result.stdout.strip()), result.stdout
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "home" / "keys").exists()


def colours(image) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)})


def test_screenshot_subprocess_shows_the_demo_without_network(tmp_path):
    from PySide6.QtGui import QImage

    shot, preview = tmp_path / "主窗口.png", tmp_path / "打印预览.png"
    result = run_blocked(["screenshot", str(shot), "--preview", str(preview)], tmp_path)
    assert "NETWORK-ATTEMPT" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.match(r"截图已保存：.+（\d+×\d+）；窗口显示 \d+\.\d\d 秒、台账内容显示 \d+\.\d\d 秒", result.stdout)
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 600
    assert colours(image) > 50, "an empty window"
    assert f"打印预览截图已保存：{preview}" in result.stdout
    page = QImage(str(preview))  # the PDF table painted by ui/pdf_painter.py in the print preview
    assert page.width() >= 800 and colours(page) > 50
    # the demo was made in a temporary data folder: the user's recent files are untouched
    assert not (tmp_path / "home" / "recent.json").exists()


def test_screenshot_of_a_missing_file_is_refused(tmp_path, capsys):
    assert cli.main(["screenshot", str(tmp_path / "a.png"), "--db", str(tmp_path / "没有.msdesk")]) == 1
    assert capsys.readouterr().err.strip() == f"错误：找不到台账文件“{tmp_path / '没有.msdesk'}”。"
    assert not (tmp_path / "a.png").exists()
