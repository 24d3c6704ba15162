"""Every clerk's flow runs without the modules the desktop bundle leaves out.

build.spec leaves out pillow, the network stack (aiohttp & co., ssl, certifi), OpenSSL's hashlib and
more (scripts/bundle_contents.py: excludes()), and puts small stand-ins in place of the two imports
that cannot be avoided (scripts/frozen_standins.py). Here each flow runs in a subprocess in which
every left-out module raises ImportError and the stand-ins are installed, as in the frozen program:
a future `import PIL` or `import ssl` on one of these paths fails here instead of on a clerk's PC.

Flows: the self-test (demo file, xlsx + pdf tables, signed 报送包, its verification), a district
receiving three townships' signed packages and rolling them up, reading a notice from .pdf, .docx,
.ofd and .xlsx, the 进展通报 as .docx + .pdf, and the main window with its print preview.
"""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENTS = runpy.run_path(str(ROOT / "scripts" / "bundle_contents.py"))
NOTICES = ROOT / "tests" / "data" / "notices"
# the flows below use the test helpers (tests._package_fixtures), which the bundle never holds
LEFT_OUT = sorted(set(CONTENTS["excludes"](ROOT)) - {"tests"})

PRELUDE = r"""
import json, runpy, sys
LEFT_OUT = json.loads(sys.argv[1])
ATTEMPTS = []


class LeftOut:
    # a meta-path finder ahead of all others: a module the bundle leaves out cannot be imported
    def find_spec(self, name, path=None, target=None):
        if any(name == m or name.startswith(m + ".") for m in LEFT_OUT):
            ATTEMPTS.append(name)
            raise ModuleNotFoundError(f"安装包不含 {name}", name=name)
        return None


sys.meta_path.insert(0, LeftOut())
runpy.run_path(sys.argv[2])  # scripts/frozen_standins.py, the bundle's runtime hook
args = sys.argv[3:]
"""


def run_blocked(code: str, args: list[str], tmp_path: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "MSDESK_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    standins = str(ROOT / "scripts" / "frozen_standins.py")
    return subprocess.run(
        [sys.executable, "-c", PRELUDE + code, json.dumps(LEFT_OUT), standins, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


CLI = """
from msdesk.cli import main
for line in args:
    rc = main(json.loads(line))
    if rc != 0:
        sys.exit(f"命令失败（{rc}）：{line}")
print("left-out imports tried:", sorted(set(ATTEMPTS)))
"""


def cli_lines(*commands: list[str]) -> list[str]:
    return [json.dumps(c, ensure_ascii=False) for c in commands]


def test_the_left_out_list_holds_what_the_bundle_relies_on():
    for name in ("PIL", "aiohttp", "ssl", "_ssl", "_hashlib", "certifi"):
        assert name in LEFT_OUT


def test_selftest_notices_tables_and_bulletin_without_left_out_modules(tmp_path):
    out = tmp_path / "out"
    demo = str(out / "示例.msdesk")
    out.mkdir()
    # a .txt notice saved in GBK, as many office PCs still do: its encoding has to be detected
    gbk = out / "通知-gbk.txt"
    gbk.write_bytes((ROOT / "resources" / "demo").glob("*.txt").__next__().read_text(encoding="utf-8").encode("gbk"))
    commands = cli_lines(
        ["selftest"],  # demo file, xlsx + pdf tables, signed package, verification
        ["demo", "create", demo],
        ["export", "--db", demo, "--period", "2023Q3", "--out", str(out / "报表")],
        ["report", "bulletin", "--db", demo, "--period", "2023Q3", "--out", str(out / "通报.docx"), "--pdf"],
        *(
            ["import", "notice", str(NOTICES / name), "--db", str(out / f"{name}.msdesk"), "--year", "2024"]
            for name in ("cells-one-per-line.pdf", "cells-one-per-line.docx", "division-label-lines.ofd")
        ),
        ["import", "notice", str(NOTICES / "long-task-table.xlsx"), "--db", str(out / "xlsx.msdesk"), "--year", "2024"],
        ["import", "notice", str(gbk), "--db", str(out / "gbk.msdesk"), "--year", "2023"],
    )
    done = run_blocked(CLI, commands, tmp_path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    assert "自检通过" in done.stdout
    for name in ("烈山区_2023年第3季度_民生实事报表.xlsx", "烈山区_2023年第3季度_民生实事报表.pdf"):
        assert (out / "报表" / name).stat().st_size > 1000
    assert (out / "通报.docx").stat().st_size > 1000 and (out / "通报.pdf").read_bytes().startswith(b"%PDF")
    assert done.stdout.count("已导入：") == 5  # one plan from each notice format
    assert "已导入：烈山区" in done.stdout  # the GBK text was read as Chinese
    for name in ("cells-one-per-line.pdf", "cells-one-per-line.docx", "division-label-lines.ofd", "xlsx", "gbk"):
        assert (out / f"{name}.msdesk").stat().st_size > 0


NETWORK = """
from pathlib import Path
from msdesk.package import import_folder, rollup
from tests import _package_fixtures as F

root = Path(args[0])
net = F.network(root)
for k, name in enumerate(F.TOWNSHIPS):
    i = net.indicators
    F.enter_progress(net.townships[name], net.plan_id, {i["培训"]: 900 + k, i["新增"]: 120, i["康复"]: 100, i["孤儿"]: True})
    F.submit(net, name, root / "邮件附件")
results = import_folder(net.district, root / "邮件附件")
print("actions:", sorted(r.action for r in results))
rows = rollup.consolidated(net.district, net.plan_id, F.PERIOD)
print("trained:", [float(r.total) for r in rows if r.indicator["id"] == net.indicators["培训"]])
net.close()
"""


def test_district_receives_signed_packages_without_left_out_modules(tmp_path):
    done = run_blocked(NETWORK, [str(tmp_path / "办公室")], tmp_path)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "actions: ['accepted', 'accepted', 'accepted']" in done.stdout
    assert "trained: [2703.0]" in done.stdout  # 900 + 901 + 902


@pytest.mark.timeout(300)
def test_main_window_and_print_preview_without_left_out_modules(tmp_path):
    shot, preview = tmp_path / "main-window.png", tmp_path / "print-preview.png"
    done = run_blocked(CLI, cli_lines(["screenshot", str(shot), "--preview", str(preview)]), tmp_path)
    assert done.returncode == 0, done.stderr[-4000:]
    assert shot.stat().st_size > 10_000 and preview.stat().st_size > 10_000


STANDINS = """
from pyhanko.sign.timestamps import HTTPTimeStamper
from reportlab.lib import utils
try:
    HTTPTimeStamper("http://tsa.example")
except RuntimeError as err:
    print("refused:", err)
print("images:", utils.haveImages)
"""


def test_stand_ins_refuse_the_network_and_leave_reportlab_without_bitmaps(tmp_path):
    done = run_blocked(STANDINS, [], tmp_path)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "refused: 本程序不联网：HTTPTimeStamper不可用（安装包不含网络组件）" in done.stdout
    assert "images: False" in done.stdout
