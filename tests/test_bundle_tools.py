"""The build helpers that keep the Linux bundle small, on the real PySide6 libraries of this machine:
ELF link lists (scripts/elf_info.py), the trimmed ICU data (scripts/icu_trim.py) and the link check
the build script runs on the finished bundle (scripts/bundle_links.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))  # the scripts import their siblings
import bundle_contents
import bundle_links
import elf_info
import icu_trim

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle tools")

QT_LIB = Path(__import__("PySide6").__file__).parent / "Qt" / "lib"
QT_PLUGINS = QT_LIB.parent / "plugins"
ICU_DATA = next(QT_LIB.glob("libicudata.so.*"))


def test_needed_lists_only_what_the_library_itself_links_to():
    names = elf_info.needed(QT_PLUGINS / "printsupport" / "libcupsprintersupport.so")
    assert "libcups.so.2" in names and "libQt6PrintSupport.so.6" in names
    # what libcups links to (GnuTLS, Kerberos, Avahi) is CUPS's business: ldd would list it
    assert not any(n.startswith(("libgnutls", "libavahi", "libkrb5")) for n in names)


def test_needed_of_a_file_that_is_not_elf_is_none(tmp_path):
    (tmp_path / "x.so").write_bytes(b"MZ\x90\x00 not a Linux library")
    assert elf_info.needed(tmp_path / "x.so") is None


def test_icu_package_round_trip_is_byte_for_byte():
    symbol, blob = icu_trim.read_data_symbol(ICU_DATA)
    assert re.fullmatch(r"icudt\d+_dat", symbol) and len(blob) > 20_000_000
    header, items = icu_trim.split_package(blob)
    assert len(items) > 3000 and [n for n, _ in items] == sorted(n for n, _ in items)
    assert icu_trim.join_package(header, items) == blob


@pytest.mark.parametrize(
    "name, kept",
    [
        ("icudt73l/zh.res", True),
        ("icudt73l/zh_Hans_CN.res", True),
        ("icudt73l/root.res", True),
        ("icudt73l/en.res", True),
        ("icudt73l/fr.res", False),
        ("icudt73l/zh_Hant_TW.res", False),
        ("icudt73l/coll/zh.res", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/coll/de.res", False),
        ("icudt73l/zone/zh.res", True),
        ("icudt73l/zone/pool.res", True),
        ("icudt73l/lang/ja.res", False),
        ("icudt73l/gb18030.cnv", True),
        ("icudt73l/ibm-1386_P100-2001.cnv", True),  # GBK's base table
        ("icudt73l/big5-html.cnv", False),
        ("icudt73l/cnvalias.icu", True),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/brkitr/line.brk", False),  # Qt breaks lines with its own tables
        ("icudt73l/curr/zh.res", False),
        ("icudt73l/lang/zh.res", False),
        ("icudt73l/region/zh.res", True),  # time-zone names fall back to the country's name
        ("icudt73l/unames.icu", False),
        ("icudt73l/rfc3491.spp", False),
        ("icudt73l/uts46.nrm", False),
        ("icudt73l/coll/unames.icu", True),  # only top-level items are dropped by name
        ("icudt73l/likelySubtags.res", True),
        ("icudt73l/translit/root.res", False),
        ("icudt73l/supplementalData.res", True),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/nfkc.nrm", False),  # Qt normalises with its own tables
        ("icudt73l/langInfo.res", False),  # LocaleMatcher only
        ("icudt73l/plurals.res", False),
        ("icudt73l/metaZones.res", True),  # time-zone names
        ("icudt73l/timezoneTypes.res", True),
        ("icudt73l/keyTypeData.res", True),
    ],
)
def test_which_icu_items_are_kept(name, kept):
    assert icu_trim.keep_item(name) is kept


@pytest.fixture(scope="module")
def trimmed_icu(tmp_path_factory):
    assert shutil.which("gcc"), "the Linux build needs gcc (scripts/setup.sh installs it)"
    return icu_trim.trim_library(ICU_DATA, tmp_path_factory.mktemp("icu") / ICU_DATA.name)


def test_trimmed_icu_is_small_and_keeps_soname_and_symbol(trimmed_icu):
    assert trimmed_icu.stat().st_size < ICU_DATA.stat().st_size / 4
    symbol, blob = icu_trim.read_data_symbol(trimmed_icu)
    assert symbol == icu_trim.read_data_symbol(ICU_DATA)[0]
    names = [n for n, _ in icu_trim.split_package(blob)[1]]
    assert any(n.endswith("/coll/zh.res") for n in names) and not any(n.endswith("/fr.res") for n in names)


QT_ICU_PROBE = r"""
import functools
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
towns = ["宋疃镇", "烈山镇", "古饶镇", "任楼街道", "杨庄街道", "阿城"]
print("|".join(sorted(towns, key=functools.cmp_to_key(QCollator(QLocale("zh_CN")).compare))))
print(QTimeZone(b"Asia/Shanghai").displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale("zh_CN")))
print(QStringDecoder("GB18030").isValid(), QStringDecoder("GBK").isValid())
numeric = QCollator(QLocale("zh_CN"))
numeric.setNumericMode(True)  # how Qt's file dialog sorts names
print(numeric.compare("报表2", "报表10") < 0, QLocale("zh_CN").toUpper("msdesk ǆ"), QLocale("tr_TR").toUpper("i"))
print(QTimeZone(b"Asia/Shanghai").displayName(QTimeZone.DaylightTime, QTimeZone.LongName, QLocale("zh_CN")))
print(sorted({line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line}))
"""


def test_qt_sorts_chinese_by_pinyin_with_the_trimmed_data(trimmed_icu):
    """The ICU data Qt does use (pinyin collation, zone names, GBK) is still there."""
    env = {**os.environ, "LD_PRELOAD": str(trimmed_icu), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", QT_ICU_PROBE], capture_output=True, text=True, env=env, encoding="utf-8", timeout=60
    )
    assert out.returncode == 0, out.stderr
    order, zone, codecs, cases, summer, mapped = out.stdout.splitlines()
    assert order == "阿城|古饶镇|烈山镇|任楼街道|宋疃镇|杨庄街道"
    assert zone == "中国标准时间"
    assert codecs == "True True"
    assert cases == "True MSDESK Ǆ İ"  # numeric order; locale-aware upper case (Turkish dotted I)
    assert summer == "中国夏令时间"
    assert mapped == repr([str(trimmed_icu)])  # really ran on the trimmed copy


def test_trim_icu_swaps_the_library_and_keeps_the_full_one_when_it_cannot(tmp_path, capsys):
    binaries = [
        ("PySide6/Qt/lib/libicudata.so.73", "/wheel/libicudata.so.73", "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/wheel/libicuuc.so.73", "BINARY"),
    ]
    swapped = bundle_contents.trim_icu(binaries, tmp_path, lambda src, out: out)
    assert swapped == [("PySide6/Qt/lib/libicudata.so.73", str(tmp_path / "libicudata.so.73"), "BINARY"), binaries[1]]

    def no_gcc(src, out):
        raise FileNotFoundError("gcc")

    assert bundle_contents.trim_icu(binaries, tmp_path, no_gcc) == binaries
    assert "未能精简 ICU 数据" in capsys.readouterr().err


def _library(folder: Path, name: str, needs: list[str] = ()) -> Path:
    """A tiny shared library linking to `needs` (gcc records them as DT_NEEDED), which are looked up
    at link time in folder/../stubs."""
    stubs = folder.parent / "stubs"
    src = folder.parent / "empty.c"
    src.write_text("int x;\n")
    subprocess.run(
        [
            "gcc",
            "-shared",
            "-o",
            str(folder / name),
            str(src),
            f"-L{stubs}",
            "-Wl,--no-as-needed",
            *[f"-l:{n}" for n in needs],
        ],
        check=True,
        capture_output=True,
    )
    return folder / name


@pytest.fixture
def folders(tmp_path):
    for name in ("_internal", "stubs"):
        (tmp_path / name).mkdir()
    return tmp_path / "_internal", tmp_path / "stubs"


def test_link_check_reports_a_library_the_bundle_lacks(folders):
    bundle, stubs = folders
    _library(stubs, "libextra.so.1")
    _library(bundle, "libapp.so", ["libextra.so.1"])
    assert bundle_links.problems(bundle) == {"libapp.so": ["libextra.so.1（未找到）"]}
    _library(bundle, "libextra.so.1")  # now the bundle carries it
    assert bundle_links.problems(bundle) == {}


def test_link_check_accepts_what_every_desktop_provides(folders):
    bundle, stubs = folders
    for name in ("libcups.so.2", "libdbus-1.so.3"):
        _library(stubs, name)
    _library(bundle, "libprint.so", ["libcups.so.2", "libdbus-1.so.3", "libc.so.6"])
    assert bundle_links.problems(bundle) == {}
    assert bundle_links.main([str(bundle)]) == 0
