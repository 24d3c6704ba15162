"""Chinese renders on a machine with no Chinese fonts: the app ships and registers its own."""

import subprocess
import sys
import textwrap

from msdesk.paths import resource_path

PROBE = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QFontDatabase, QFontMetrics, QGuiApplication
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    before = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    from ui.app import make_app
    make_app()
    font = app.font()
    fm = QFontMetrics(font)
    ok = all(fm.inFontUcs4(ord(ch)) for ch in "民生实事台账滞后序时进度")
    label = QLabel("民生实事台账：序时推进（绿灯）")
    label.setFont(font)
    label.grab().save(sys.argv[1])
    print(len(before), font.family(), ok, sep="|")
""")


def test_bundled_fonts_and_licences_are_shipped():
    for name in ("gbsn00lp.ttf", "wqy-microhei.ttc", "COPYRIGHT-arphic.txt", "COPYRIGHT-wqy-microhei.txt"):
        assert resource_path("fonts", name).is_file(), name


def test_chinese_renders_without_system_cjk_fonts(tmp_path):
    # A fontconfig setup that sees only a Latin font folder: a PC with no Chinese fonts.
    latin = tmp_path / "latin-fonts"
    latin.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig><dir>{latin}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    shot = tmp_path / "label.png"
    env = {"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(shot)],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(resource_path().parent),
    )
    assert out.returncode == 0, out.stderr
    cjk_before, family, covered = out.stdout.strip().splitlines()[-1].split("|")
    assert cjk_before == "0", "the probe should see no system Chinese font"
    assert (family, covered) == ("WenQuanYi Micro Hei", "True")
    assert shot.stat().st_size > 500
