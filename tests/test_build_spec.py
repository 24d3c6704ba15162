"""build.spec without running PyInstaller: the spec is executed with stand-ins for Analysis/EXE/COLLECT
that record what they are given, and the collection rules (scripts/bundle_contents.py) are checked on
the file layouts PySide6 really has on Linux and Windows."""

from __future__ import annotations

import os
import re
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

import msdesk

ROOT = Path(__file__).resolve().parent.parent
RULES = runpy.run_path(str(ROOT / "scripts" / "bundle_contents.py"))


class Recorder:
    calls: dict[str, list] = {}

    def __init__(self, kind):
        self.kind = kind

    def __call__(self, *args, **kwargs):
        Recorder.calls.setdefault(self.kind, []).append((args, kwargs))
        return SimpleNamespace(
            binaries=[], datas=[], scripts=[], pure=[], zipped_data=[], kind=self.kind, args=args, kwargs=kwargs
        )


@pytest.fixture(scope="module")
def spec(tmp_path_factory):
    """Run build.spec as PyInstaller would, recording the calls."""
    Recorder.calls = {}
    work = tmp_path_factory.mktemp("work")
    names = {
        "SPECPATH": str(ROOT),
        "SPEC": str(ROOT / "build.spec"),
        "workpath": str(work),
        "DISTPATH": str(work / "dist"),
        "specnm": "build",
        **{k: Recorder(k) for k in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    runpy.run_path(str(ROOT / "build.spec"), init_globals=names)
    return SimpleNamespace(calls=Recorder.calls, work=work)


def analysis(spec) -> dict:
    [(args, kwargs)] = spec.calls["Analysis"]
    return {"scripts": args[0], **kwargs}


def test_entry_script_is_the_msdesk_command(spec):
    [script] = analysis(spec)["scripts"]
    text = Path(script).read_text(encoding="utf-8")
    assert Path(script) == ROOT / "scripts" / "msdesk_entry.py"
    assert "from msdesk.cli import main" in text and "sys.exit(main())" in text


ENTRY = runpy.run_path(str(ROOT / "scripts" / "msdesk_entry.py"))  # not run as __main__: defines only


@pytest.mark.parametrize(
    "env, platform, change",
    [
        ({"QT_IM_MODULE": "fcitx"}, "linux", {"QT_IM_MODULE": "ibus"}),  # fcitx5 on UOS / Kylin
        ({"QT_IM_MODULE": "fcitx5"}, "linux", {"QT_IM_MODULE": "ibus"}),
        ({"QT_IM_MODULE": "ibus"}, "linux", {}),
        ({}, "linux", {}),
        ({"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "fcitx;ibus"}, "linux", {}),  # the user chose a list
        ({"QT_IM_MODULE": "fcitx"}, "win32", {}),
    ],
)
def test_frozen_app_asks_for_an_input_method_it_carries(env, platform, change):
    assert ENTRY["chinese_input_env"](env, platform) == change


def test_every_resource_folder_and_the_migrations_are_collected(spec):
    datas = {Path(src).resolve(): dest for src, dest in analysis(spec)["datas"]}
    folders = [p for p in (ROOT / "resources").iterdir() if p.is_dir()]
    assert folders, "resources/ has sub-folders"
    for folder in folders:
        if folder.name == "fonts":  # lean copies made at build time (scripts/bundle_fonts.py)
            lean = spec.work / "fonts"
            assert datas.get(lean.resolve()) == "resources/fonts"
            assert sorted(p.name for p in lean.iterdir()) == sorted(p.name for p in folder.iterdir())
            continue
        assert datas.get(folder.resolve()) == f"resources/{folder.name}", f"{folder.name} is not bundled"
    assert datas.get((ROOT / "db").resolve()) == "db"
    assert sorted(p.name for p in (ROOT / "db").glob("*.sql")), "migrations exist"


def test_modules_imported_by_name_are_hidden_imports(spec):
    from msdesk.cli import COMMAND_MODULES

    hidden = set(analysis(spec)["hiddenimports"])
    for name in COMMAND_MODULES:
        if (ROOT / "msdesk" / f"{name.replace('.', '/')}.py").exists():
            assert f"msdesk.{name}" in hidden
    assert {"ui.app", "ui.main_window", "ui.screenshot", "msdesk.demo"} <= hidden


def test_webengine_and_other_unused_qt_modules_are_excluded(spec):
    excludes = set(analysis(spec)["excludes"])
    for big in (
        "QtWebEngineCore",
        "QtWebEngineWidgets",
        "Qt3DCore",
        "QtMultimedia",
        "QtQml",
        "QtQuick",
        "QtNetwork",
        "QtDesigner",
    ):
        assert f"PySide6.{big}" in excludes
    assert {"pytest", "hypothesis", "tkinter", "PyInstaller"} <= excludes


def test_no_python_module_the_code_imports_is_excluded(spec):
    """The bundle leaves out pypdf, pillow's text drawing, reportlab's charts...: the app must not start
    importing them (the frozen program would fail only where that code runs)."""
    excludes = [m for m in analysis(spec)["excludes"] if not m.startswith("PySide6.")]
    assert {"pypdf", "PIL.ImageFont", "reportlab.graphics", "distutils"} <= set(excludes)
    pattern = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.M)
    for folder in ("msdesk", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for name in pattern.findall(path.read_text(encoding="utf-8")):
                hit = [m for m in excludes if name == m or name.startswith(m + ".")]
                assert not hit, f"{path.relative_to(ROOT)} imports {name}, which build.spec excludes"


def test_no_qt_module_the_code_imports_is_excluded(spec):
    excludes = set(analysis(spec)["excludes"])
    used = RULES["qt_modules_used"](ROOT)
    assert {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"} <= used  # what ui/ imports today
    assert not {"QtPdf", "QtNetwork"} & used  # the preview paints our PDFs itself (ui/pdf_painter.py)
    assert not {f"PySide6.{m}" for m in used} & excludes


def test_a_new_qt_import_in_ui_is_picked_up(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "msdesk").mkdir()
    (tmp_path / "ui" / "chart.py").write_text("from PySide6.QtCharts import QChart\n", encoding="utf-8")
    assert "QtCharts" in RULES["qt_modules_used"](tmp_path)
    assert "PySide6.QtCharts" not in RULES["excludes"](tmp_path)


def test_executable_has_icon_version_and_no_upx(spec):
    exes = spec.calls["EXE"]
    assert exes
    for _args, kwargs in exes:
        assert kwargs["upx"] is False
        icon = Path(kwargs["icon"])
        assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00", "a Windows .ico"
        from PIL import Image

        with Image.open(icon) as ico:
            assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.ico.sizes())
            ico.size = (16, 16)
            small = ico.convert("RGBA")
        pixels = {small.tobytes()[i : i + 4] for i in range(0, 16 * 16 * 4, 4)}
        assert len(pixels) > 10, "the 16 px icon is a picture, not a blank square"
        assert Path(kwargs["version"]).parent == spec.work
    assert {kw["name"] for _, kw in exes} >= {"msdesk"}
    [(_, coll)] = spec.calls["COLLECT"]
    assert coll["name"] == "msdesk"


def test_version_resource_follows_msdesk_version(spec):
    """The file is the Python expression PyInstaller evaluates (pefile, its loader, exists only on Windows)."""
    names = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    )

    def record(kind):
        return lambda *a, **k: SimpleNamespace(kind=kind, args=a, **k)

    # eval of the file our own build wrote, with a recorder for each class it names
    built = eval((spec.work / "version_info.txt").read_text(encoding="utf-8"), {n: record(n) for n in names})
    assert built.kind == "VSVersionInfo"
    expected = RULES_VERSION["version_tuple"](msdesk.__version__)
    assert built.ffi.filevers == expected and built.ffi.prodvers == expected
    [string_info, var_info] = built.kids
    [table] = string_info.args[0]
    fields = {s.args[0]: s.args[1] for s in table.args[1]}
    assert fields["ProductVersion"] == fields["FileVersion"] == msdesk.__version__
    assert fields["ProductName"] == msdesk.APP_TITLE and fields["OriginalFilename"] == "msdesk.exe"
    assert table.args[0] == "080404b0" and var_info.args[0][0].args == ("Translation", [2052, 1200])


RULES_VERSION = runpy.run_path(str(ROOT / "scripts" / "version_info.py"))


@pytest.mark.parametrize(
    "version, expected",
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3.4", (1, 2, 3, 4)), ("2.0rc1", (2, 0, 1, 0)), ("3", (3, 0, 0, 0))],
)
def test_version_tuple(version, expected):
    # rc1 keeps its number: Windows only compares the four numbers, an rc sorts before the release's .0 anyway
    assert RULES_VERSION["version_tuple"](version) == expected


@pytest.mark.parametrize(
    "dest, kept",
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/plugins/wayland-graphics-integration-client/libqt-plugin-wayland-egl.so", False),  # raster
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
        ("PySide6/Qt/plugins/wayland-graphics-integration-client/libvulkan-server.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),  # Windows wheel layout
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\plugins\\platforminputcontexts\\qtvirtualkeyboardplugin.dll", False),
        ("PySide6\\translations\\qtbase_zh_CN.qm", True),
        ("PySide6\\translations\\qtwebengine_zh_CN.qm", False),
        ("libcups.so.2", False),
        ("libdbus-1.so.3", False),
        ("libglib-2.0.so.0", False),
        ("libfreetype.so.6", False),  # Qt's own wheels take FreeType and Fontconfig from the system
        ("libfontconfig.so.1", False),
        ("libstdc++.so.6", True),  # Qt 6.11 needs a newer one than UOS 20 has
        ("libsqlite3.so.0", True),
        ("resources/icons/msdesk.ico", False),  # Windows gets one made at build time
        ("resources/icons/msdesk.png", True),
        ("libgssapi_krb5.so.2", False),  # comes with CUPS on the target system
        ("libX11.so.6", False),
        ("pdfminer/cmap/UniGB-UTF16-H.json.gz", True),  # simplified Chinese maps stay
        ("pdfminer/cmap/GBK-EUC-H.json.gz", True),
        ("pdfminer/cmap/to-unicode-Adobe-GB1.json.gz", True),
        ("pdfminer/cmap/UniJIS-UTF16-H.json.gz", False),  # Japanese, Korean, traditional Chinese go
        ("pdfminer/cmap/UniGB-UCS2-H.json.gz", True),
        ("pdfminer/cmap/GBK2K-H.json.gz", True),
        ("pdfminer/cmap/UniGB-UTF32-H.json.gz", False),  # no PDF writer uses the UTF-8/UTF-32 maps
        ("pdfminer/cmap/UniGB-UTF8-H.json.gz", False),
        ("pdfminer/cmap/GBT-EUC-H.json.gz", False),  # traditional characters in GB coding
        ("pdfminer/cmap/GBpc-EUC-H.json.gz", False),  # old Macintosh
        ("pdfminer/cmap/KSC-EUC-H.json.gz", False),
        ("pdfminer/cmap/to-unicode-Adobe-CNS1.json.gz", False),
        ("pdfminer/cmap/H.json.gz", False),
        ("pdfminer/cmap/UniGB-UTF16-V.json.gz", False),  # vertical writing
        ("pdfminer/cmap/GB-EUC-V.json.gz", False),
        ("pdfminer/cmap/GB-H.json.gz", True),
        ("resources/fonts/gbsn00lp.ttf", True),
        ("lxml/etree.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
def test_keep_rules(dest, kept):
    assert RULES["keep"](dest) is kept


def test_libraries_nothing_links_to_are_pruned():
    b = [
        ("PySide6/QtWidgets.abi3.so", "/s/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/s/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/s/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", "/s/libQt6Quick.so.6", "BINARY"),  # was the virtual keyboard's
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
        ("libxkbcommon.so.0", "/usr/lib/libxkbcommon.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        ("libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
    ]
    links = {
        "/s/QtWidgets.abi3.so": {"libQt6Widgets.so.6"},
        "/s/libqxcb.so": {"libQt6XcbQpa.so.6"},
        "/s/libQt6XcbQpa.so.6": {"libxkbcommon.so.0", "libc.so.6"},
    }
    kept = RULES["prune_unreachable"](b, lambda src: links.get(src, set()))
    assert sorted(e[0] for e in kept) == sorted(
        [
            "PySide6/QtWidgets.abi3.so",
            "PySide6/Qt/plugins/platforms/libqxcb.so",
            "PySide6/Qt/lib/libQt6Widgets.so.6",
            "PySide6/Qt/lib/libQt6XcbQpa.so.6",
            "libxkbcommon.so.0",
            "libpython3.11.so.1.0",
            "libQt6Widgets.so.6",
        ]
    )


def test_windows_dlls_are_pruned_the_same_way():
    b = [
        ("PySide6\\QtGui.pyd", "C:\\s\\QtGui.pyd", "EXTENSION"),
        ("PySide6\\Qt6Gui.dll", "C:\\s\\Qt6Gui.dll", "BINARY"),
        ("PySide6\\opengl32sw.dll", "C:\\s\\opengl32sw.dll", "BINARY"),
        ("PySide6\\Qt6Quick.dll", "C:\\s\\Qt6Quick.dll", "BINARY"),
        ("python311.dll", "C:\\py\\python311.dll", "BINARY"),
        ("VCRUNTIME140.dll", "C:\\py\\vcruntime140.dll", "BINARY"),
    ]
    links = {"C:\\s\\QtGui.pyd": {"Qt6Gui.dll"}, "C:\\py\\python311.dll": {"VCRUNTIME140.dll"}}
    kept = RULES["prune_unreachable"](b, lambda src: links.get(src, set()))
    # opengl32sw.dll is loaded by name at run time: kept although nothing links to it
    assert [e[0] for e in kept] == [
        "PySide6\\QtGui.pyd",
        "PySide6\\Qt6Gui.dll",
        "PySide6\\opengl32sw.dll",
        "python311.dll",
        "VCRUNTIME140.dll",
    ]


def test_symbolic_links_are_left_out_of_the_bundle():
    """A zip tool that follows links would store each Qt library twice (86 MB instead of 61)."""
    toc = [
        ("libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/venv/PySide6/Qt/lib/libQt6Widgets.so.6", "BINARY"),
        ("resources/fonts/gbsn00lp.ttf", "/src/resources/fonts/gbsn00lp.ttf", "DATA"),
    ]
    assert [e[2] for e in RULES["without_links"](toc)] == ["BINARY", "DATA"]


def test_notice_encoding_is_still_found_without_the_codecs_the_bundle_leaves_out():
    """The bundle has no Japanese/Korean codecs: charset detection must still read a GBK notice."""
    import subprocess
    import sys

    left_out = [m for m in RULES["DEV_EXCLUDES"] if m.startswith("_codecs_")]
    assert left_out and "_codecs_cn" not in left_out
    notice = next((ROOT / "resources" / "demo").glob("*.txt"))
    code = (
        f"import sys\nfor m in {left_out!r}: sys.modules[m] = None\n"
        "from charset_normalizer import from_bytes\n"
        f"text = open({str(notice)!r}, encoding='utf-8').read()\n"
        "best = from_bytes(text.encode('gbk')).best()\n"
        "print(best.encoding, str(best) == text)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout.split()
    assert out == ["gb18030", "True"]


def test_only_code_pages_a_mainland_office_meets_are_kept():
    left_out = set(RULES["encodings_left_out"]())
    assert {"encodings.cp866", "encodings.koi8_r", "encodings.mac_greek", "encodings.tis_620"} <= left_out
    for kept in ("gbk", "gb18030", "gb2312", "utf_8", "utf_8_sig", "utf_16", "cp437", "cp1252", "idna", "latin_1"):
        assert f"encodings.{kept}" not in left_out
    assert set(RULES["encodings_left_out"]()) <= set(RULES["excludes"](ROOT))


def test_standard_library_and_our_code_lose_docstrings_libraries_keep_asserts():
    import email.parser

    import pyhanko.sign

    import msdesk.numbers

    pure = [
        ("email.parser", email.parser.__file__, "PYMODULE"),
        ("msdesk.numbers", msdesk.numbers.__file__, "PYMODULE"),
        ("pyhanko.sign", pyhanko.sign.__file__, "PYMODULE"),
        ("frozen_thing", None, "PYMODULE"),
    ]
    kinds = [kind for _, _, kind in RULES["docstrings_dropped"](pure, ROOT)]
    assert kinds == ["PYMODULE-2", "PYMODULE-2", "PYMODULE", "PYMODULE"]


def test_compiled_charset_helpers_are_swapped_for_their_python_sources():
    import charset_normalizer.md

    compiled = Path(charset_normalizer.md.__file__)
    binaries = [
        (f"charset_normalizer/{compiled.name}", str(compiled), "EXTENSION"),
        ("lxml/etree.cpython-311-x86_64-linux-gnu.so", "/wheel/lxml/etree.so", "EXTENSION"),
    ]
    kept, pure = RULES["pure_python_twins"](binaries, [("a", "/a.py", "PYMODULE")])
    assert kept == binaries[1:]  # the wheel is compiled (mypyc) and its source is beside it
    assert pure == [("a", "/a.py", "PYMODULE"), ("charset_normalizer.md", str(compiled.with_name("md.py")), "PYMODULE")]
