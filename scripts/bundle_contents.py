"""What goes into the PyInstaller bundle and what is left out (used by build.spec).

Kept apart from build.spec so the rules can be tested without running PyInstaller
(tests/test_build_spec.py) and read in one place:

- data: every folder of resources/ and the db migrations (msdesk.paths looks them up frozen too);
- Qt: only the PySide6 modules our code imports (scanned from the sources), only the plugin
  folders a widgets app needs, only the Chinese Qt translations;
- then every shared library that nothing kept links to any more is dropped (the Qt virtual
  keyboard plugin alone drags in QtQml and QtQuick, the GTK theme plugin pulls in GTK's stack).
"""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from collections import deque
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent
RESOURCE_DIRS = ["fonts", "icons", "styles", "demo", "manual"]

# Never ship these even if something starts importing them: the browser engine alone is ~200 MB.
QT_BANNED = {
    "QtWebEngineCore",
    "QtWebEngineWidgets",
    "QtWebEngineQuick",
    "QtWebChannel",
    "QtWebSockets",
    "QtWebView",
    "Qt3DCore",
    "Qt3DRender",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DExtras",
    "Qt3DAnimation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtSpatialAudio",
    "QtTextToSpeech",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickWidgets",
    "QtQuickTest",
    "QtDesigner",
    "QtUiTools",
    "QtHelp",
    "QtBluetooth",
    "QtNfc",
    "QtPositioning",
    "QtLocation",
    "QtSensors",
    "QtSerialPort",
    "QtSerialBus",
    "QtNetworkAuth",
    "QtHttpServer",
    "QtRemoteObjects",
    "QtScxml",
    "QtSql",
    "QtTest",
    "QtDataVisualization",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtSvgWidgets",
    "QtAxContainer",
    "QtNetwork",
    "QtDBus",
    "QtConcurrent",
    "QtStateMachine",
    "QtXml",
}
QT_ALWAYS = {"QtCore", "QtGui", "QtWidgets"}

# Python packages for development, tests or the build itself.
DEV_EXCLUDES = [
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "pytest_benchmark",
    "hypothesis",
    "IPython",
    "PyInstaller",
    "setuptools",
    "pip",
    "pkg_resources",
    "pydoc_data",
    "lib2to3",
    "numpy",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "tests",
    # image codecs and XML flavours nobody here reads (libavif alone is 5 MB)
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL._imagingtk",
    # interactive console line editing (libreadline + libtinfo). ssl has to stay although
    # nothing connects: pyHanko's fetchers import it when pyhanko.sign is imported.
    "readline",
    # Neither the self-test, the screenshots nor notice import/bulletin export import these
    # (traced with sys.modules): help browser and doctest, the old build tools, XML-RPC,
    # reportlab's charts and bitmap renderer (the tables are platypus only), pdfplumber's page
    # images (pdfium; its library was never bundled), pillow's text drawing (its own FreeType
    # and HarfBuzz, 1.3 MB zipped) and colour management (LittleCMS).
    "pydoc",
    "doctest",
    "distutils",
    "xmlrpc",
    "reportlab.graphics",
    "pypdfium2",
    "pypdfium2_raw",
    "PIL.ImageFont",
    "PIL._imagingft",
    "PIL.ImageCms",
    "PIL._imagingcms",
    # the tests read PDFs back with pypdf; the app signs and reads with pyHanko and pdfplumber
    "pypdf",
    # never imported at run time either: the pure-Python decimal (the C one is there), cffi's
    # compiler front end (modules built with cffi need only _cffi_backend), sqlite-utils' CLI
    # table printer, unittest (PyInstaller's graph reaches it through test helpers)
    "_pydecimal",
    "cffi",
    "pycparser",
    "tabulate",
    "unittest",
    # aiohttp is only imported (pyHanko imports it at import; nothing here goes online): its C
    # speed-ups have pure-Python fallbacks that aiohttp, yarl, propcache and frozenlist pick when
    # the compiled module is missing (1 MB on disk)
    "aiohttp._http_parser",
    "aiohttp._http_writer",
    "aiohttp._websocket.reader_c",
    "aiohttp._websocket.mask",
    "yarl._quoting_c",
    "propcache._helpers_c",
    "frozenlist._frozenlist",
    # Japanese and Korean codecs (Chinese GB and Big5 stay): a notice is never in Shift-JIS or
    # EUC-KR, and charset detection skips a codec it cannot look up
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_iso2022",
    # the signature box is drawn by reportlab (msdesk/package/pdfsign.py), so pyHanko's OpenType
    # engine and with it fontTools and HarfBuzz are not needed (3.6 MB zipped); reportlab imports
    # uharfbuzz only if it is there, for text shaping, which the tables do not switch on
    "pyhanko.pdf_utils.font.opentype",
    "fontTools",
    "uharfbuzz",
]

# Imported by libraries at import time, never used: scripts/frozen_standins.py (a runtime hook) puts
# stand-ins where they cannot be avoided, and tests/test_bundle_flows.py runs every flow without them.
# - the network: pyHanko's time-stamp client and certificate fetchers (msdesk signs without a time
#   stamp and validates with allow_fetching=False) bring aiohttp and its helpers, certifi's CA list
#   and ssl with Python's own OpenSSL (libssl + libcrypto; cryptography has its own built in);
# - _hashlib: the other user of that OpenSSL; hashlib falls back to its built-in md5/sha1/sha2/sha3/
#   blake2, and nothing here uses hashlib's pbkdf2/scrypt (keys are encrypted by cryptography);
# - pillow (with 5 MB of image codecs): reportlab imports it but draws no bitmap here.
OFFLINE_EXCLUDES = [
    "aiohttp",
    "aiohappyeyeballs",
    "aiosignal",
    "frozenlist",
    "propcache",
    "yarl",
    "multidict",
    "attr",
    "attrs",
    "idna",
    "certifi",
    "brotli",
    "requests",
    "urllib3",
    "ssl",
    "_ssl",
    "_hashlib",
    "PIL",
    # what only served the above: pyHanko's online parts, pdfplumber's page images (pillow),
    # oscrypto (pyHanko reads the system's trust store with it; msdesk passes its own roots)
    "pyhanko.sign.timestamps.aiohttp_client",
    "pyhanko.sign.signers.csc_signer",
    "pyhanko.sign.validation.qualified.eutl_fetch",
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers",
    "pdfplumber.display",
    "oscrypto",
    # .docx notices are read and the 进展情况通报 written with the standard library (msdesk/notice/read_docx.py,
    # msdesk/wordml.py); pyHanko imports lxml only inside try/except ImportError (XMP metadata)
    "docx",
    "lxml",
    # sqlite-utils with its CLI's click, plugin manager (pluggy) and date parser (dateutil): msdesk
    # reads a table's columns with PRAGMA table_info (Store.columns); pyHanko parses ISO dates without
    # dateutil when it is missing
    "sqlite_utils",
    "click",
    "pluggy",
    "dateutil",
    # never imported by any flow (tests/test_bundle_flows.py): tar archives, FTP, .netrc, CGI, the web
    # browser launcher, memory tracing
    "tarfile",
    "ftplib",
    "netrc",
    "cgi",
    "webbrowser",
    "tracemalloc",
    # traditional-Chinese codecs (Big5, Big5-HKSCS; a mainland notice is GB/GBK/GB18030 or UTF-8),
    # bzip2 and LZMA (zip members here are deflated; shutil and zipfile import them only if present)
    "_codecs_tw",
    "_codecs_hk",
    "bz2",
    "_bz2",
    "lzma",
    "_lzma",
]

# Python's codecs kept (the other ~90 single-byte code pages for Cyrillic, Greek, Arabic, Thai, Mac,
# EBCDIC... are 0.45 MB): Unicode, ASCII/Latin-1/Western Windows, the mainland GB family, zip's cp437,
# Windows' mbcs/oem, what the standard library itself asks for (idna, punycode, the bytes-to-bytes
# codecs). Charset detection of a .txt notice skips a code page it cannot look up.
ENCODINGS_KEPT = {
    "__init__",
    "aliases",
    "ascii",
    "latin_1",
    "iso8859_1",
    "iso8859_15",
    "cp1252",
    "cp437",
    "mbcs",
    "oem",
    "gb2312",
    "gbk",
    "gb18030",
    "hz",
    "utf_7",
    "utf_8",
    "utf_8_sig",
    "utf_16",
    "utf_16_be",
    "utf_16_le",
    "utf_32",
    "utf_32_be",
    "utf_32_le",
    "charmap",
    "undefined",
    "raw_unicode_escape",
    "unicode_escape",
    "idna",
    "punycode",
    "base64_codec",
    "hex_codec",
    "quopri_codec",
    "uu_codec",
    "zlib_codec",
}


def encodings_left_out() -> list[str]:
    import encodings

    found = {p.stem for p in Path(encodings.__path__[0]).glob("*.py")}
    return sorted(f"encodings.{name}" for name in found - ENCODINGS_KEPT)


# Plugin folders a widgets app uses. Not: tls/networkinformation (no network), multimedia, sqldrivers,
# egldeviceintegrations (embedded boards), ...
# generic (evdev/TUIO input) is for kiosks without a window system, like eglfs.
# Nor the OpenGL integrations (xcbglintegrations, wayland-graphics-integration-client): the widgets paint
# in software (raster) and reach the screen as shared-memory images on X11 and Wayland alike; only
# QOpenGLWidget/QtQuick would need GL. Without them nothing links libQt6OpenGL or libxcb-glx any more.
# build_bundle.sh opens the window on Xvfb and on weston with this set.
QT_PLUGIN_DIRS = {
    "platforms",
    "platformthemes",
    "platforminputcontexts",
    "imageformats",
    "iconengines",
    "printsupport",
    "styles",
    "wayland-decoration-client",
    "wayland-shell-integration",
}
# Single plugins left out inside kept folders (file name stems, any platform's prefix/suffix).
QT_PLUGINS_DROPPED = {
    "qtvirtualkeyboardplugin",  # on-screen keyboard: needs QtQml + QtQuick (~25 MB)
    "qeglfs",
    "qlinuxfb",
    "qvnc",
    "qvkkhrdisplay",
    "qminimalegl",  # framebuffers / kiosks, not desktops
    "qgtk3",  # GTK theme: pulls GTK's libraries and may clash with the system's GTK; Qt's Fusion is used
    # image formats the app never opens (PNG is built into Qt; ICO and SVG icons are kept)
    "qtiff",
    "qwebp",
    "qicns",
    "qtga",
    "qwbmp",
    "qpdf",
    "qjpeg",
    "qgif",
    # Wayland pieces for compositors and non-desktop shells (a desktop client uses xdg-shell + wayland-egl)
    "dmabuf-server",
    "drm-egl-server",
    "shm-emulation-server",
    "vulkan-server",
    "ivi-shell",
    "fullscreen-shell-v1",
    "qt-shell",
    "wl-shell-plugin",
}
# Qt's own dialog texts in Chinese; the other ~60 MB of translations are not needed.
QT_TRANSLATIONS = {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}
# Taken from the system, not bundled: printing must talk to the machine's own CUPS (every UOS / Kylin
# desktop has it, as PySide6's own wheels assume); bundling it dragged in GnuTLS and Kerberos (~10 MB)
# whose configuration files might not match the system's. Likewise D-Bus, which every desktop session
# runs on (input methods, portals; the bundled copy brought systemd and libgcrypt, ~3 MB, and should
# match the running bus daemon anyway), and GLib, the base of every Linux desktop (UOS's DDE, Kylin's
# UKUI, GNOME), whose bundled copy can clash with the system's GIO modules (~2 MB with PCRE2).
# Kerberos is what the system's CUPS links (libcups2 depends on libgssapi-krb5-2), never bundled.
# Xlib is there on every X11 session and under XWayland.
SYSTEM_LIBRARIES = {
    "libcups.so.2",
    "libdbus-1.so.3",
    "libglib-2.0.so.0",
    "libgthread-2.0.so.0",
    "libgssapi_krb5.so.2",
    "libkrb5.so.3",
    "libk5crypto.so.3",
    "libkrb5support.so.0",
    "libcom_err.so.2",
    "libkeyutils.so.1",
    "libX11.so.6",
    "libX11-xcb.so.1",
    # Fonts and keyboard maps: Qt's own wheels take FreeType, Fontconfig and xkbcommon from the system,
    # and every desktop has them (each GUI toolkit draws its text with them); a bundled Fontconfig may
    # not understand the system's /etc/fonts configuration. With them go what only they link (libpng,
    # brotli, expat). zlib, libuuid and zstd are part of every Debian-family base system (apt and
    # systemd need them). Not libstdc++/libgcc_s: Qt 6.11 needs GLIBCXX_3.4.29 (GCC 11), newer than
    # UOS 20's, so the build machine's copy has to come along.
    "libfreetype.so.6",
    "libfontconfig.so.1",
    "libxkbcommon.so.0",
    "libz.so.1",
    "libuuid.so.1",
    "libzstd.so.1",
}
# Loaded by Qt with LoadLibrary at run time (no import-table link), so never pruned: software OpenGL
# and the shader compiler are Qt's fallbacks on Windows PCs with poor graphics drivers.
LOADED_AT_RUN_TIME = {"opengl32sw.dll", "d3dcompiler_47.dll"}
# pdfminer's character maps for CID fonts without a ToUnicode table: only the Adobe-GB1 ones (simplified
# Chinese: GB2312, GBK, GB18030 and Unicode encodings) can occur in a mainland notice; the Japanese,
# Korean and traditional-Chinese maps were 6 MB), and of those only the horizontal ones (-H; the -V maps
# for vertical writing, which no notice table uses, were another 0.9 MB). A PDF that needs a missing map
# still opens (pdfminer falls back to an empty map and the text of that font is not read).
# Of those, not the UTF-8 and UTF-32 maps (PDF writers use UCS-2/UTF-16 for Unicode-encoded CID fonts), the
# GB/T 12345 (traditional characters in GB coding) and the old Macintosh (GBpc, GBTpc) ones: 0.35 MB.
PDFMINER_CMAPS = re.compile(r"(GB|UniGB-UCS2|UniGB-UTF16|GBK|GBK2K|GBKp)(-EUC)?-H|to-unicode-Adobe-GB1")
PIECES_NOT_NEEDED = {"examples", "include", "typesystems", "glue", "scripts", "doc", "qml", "resources"}


ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]  # what Explorer, the taskbar and Alt+Tab ask for


def windows_icon(png: Path, dest: Path) -> Path:
    """A multi-size .ico from the app icon (resources/icons/msdesk.png, drawn by ui/app_icon.py).

    The committed msdesk.ico holds only 256 px; Windows shrinks that badly to 16 px in Explorer lists.
    """
    from PIL import Image

    dest.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(png) as image:
        image.convert("RGBA").save(dest, format="ICO", sizes=[(n, n) for n in ICON_SIZES])
    return dest


def datas(root: Path = ROOT, fonts: Path | None = None) -> list[tuple[str, str]]:
    """resources/* and db/; `fonts` replaces resources/fonts (build.spec: lean copies, scripts/bundle_fonts.py)."""
    folders = {d: (fonts if d == "fonts" and fonts else root / "resources" / d) for d in RESOURCE_DIRS}
    entries = [(str(folders[d]), f"resources/{d}") for d in RESOURCE_DIRS]
    entries.append((str(root / "db"), "db"))
    return entries


def qt_modules_used(root: Path = ROOT) -> set[str]:
    """The PySide6 modules our code imports (a new import in ui/ is bundled automatically)."""
    found = set(QT_ALWAYS)
    for folder in ("ui", "msdesk"):
        for path in (root / folder).rglob("*.py"):
            found.update(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    return found


def qt_modules_available() -> set[str]:
    import PySide6

    folder = Path(PySide6.__file__).parent
    return {p.name.split(".")[0] for p in folder.iterdir() if re.match(r"Qt\w+\..*(so|pyd)$", p.name)}


def excludes(root: Path = ROOT) -> list[str]:
    qt = (qt_modules_available() | QT_BANNED) - qt_modules_used(root)
    return [f"PySide6.{m}" for m in sorted(qt)] + DEV_EXCLUDES + OFFLINE_EXCLUDES + encodings_left_out()


def _plugin_stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


# Resources the program never opens: the committed 256-px .ico (Windows gets a multi-size one made at
# build time, windows_icon(); Linux uses msdesk.png).
RESOURCES_NOT_SHIPPED = {("resources", "icons", "msdesk.ico")}


def keep(dest: str) -> bool:
    """False for the Qt plugins, translations and pieces the app never loads, and system libraries."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if parts[-1] in SYSTEM_LIBRARIES or parts in RESOURCES_NOT_SHIPPED:
        return False
    if parts[:2] == ("pdfminer", "cmap") and len(parts) == 3 and parts[-1].endswith(".json.gz"):
        return bool(PDFMINER_CMAPS.fullmatch(parts[-1].removesuffix(".json.gz")))
    if "PySide6" not in parts:
        return True
    rest = parts[parts.index("PySide6") + 1 :]
    if rest and rest[0] == "Qt":  # Linux/macOS wheels have PySide6/Qt/plugins, Windows PySide6/plugins
        rest = rest[1:]
    if len(rest) >= 2 and rest[0] == "plugins":
        return rest[1] in QT_PLUGIN_DIRS and _plugin_stem(rest[-1]) not in QT_PLUGINS_DROPPED
    if len(rest) >= 2 and rest[0] == "translations":
        return rest[-1] in QT_TRANSLATIONS
    return not (len(rest) >= 2 and rest[0] in PIECES_NOT_NEEDED)


def trim_icu(binaries: list[tuple], work: Path, trim_library) -> list[tuple]:
    """Linux: swap Qt's libicudata.so.NN for the root/zh/en build of scripts/icu_trim.py.

    Without gcc (or with an ICU data layout we do not know) the full library stays, with a warning:
    a bigger bundle, never a broken one.
    """
    out = []
    for dest, src, kind in binaries:
        name = PurePath(dest.replace("\\", "/")).name
        if kind != "SYMLINK" and re.fullmatch(r"libicudata\.so\.\d+", name):
            try:
                src = str(trim_library(Path(src), work / name))
            except (OSError, ValueError, KeyError, subprocess.CalledProcessError) as err:
                print(f"警告：未能精简 ICU 数据（{err}），安装包将多出约 25 MB", file=sys.stderr)
        out.append((dest, src, kind))
    return out


def _is_library(dest: str) -> bool:
    """A shared library that is only there because something links to it (not a plugin or module)."""
    name = PurePath(dest.replace("\\", "/")).name.lower()
    if re.match(r"(lib)?python3", name) or "/plugins/" in dest.replace("\\", "/") or name in LOADED_AT_RUN_TIME:
        return False
    return bool(re.search(r"\.so(\.\d+)*$", name) and not re.search(r"\.(cpython|abi3)", name)) or (
        name.endswith(".dll") and not name.endswith(".pyd")
    )


def docstrings_dropped(pure: list[tuple], root: Path = ROOT) -> list[tuple]:
    """The PYZ entries of the standard library and of msdesk/ui marked for optimisation level 2.

    Level 2 compiles without docstrings (0.4 MB of the archive) and without assert statements. Only
    code known to run the same that way: the standard library (CPython is tested under -OO), and our
    own, which neither asserts nor reads a docstring at run time (tests/test_bundle_flows.py checks
    that). The other libraries stay at level 0: pyHanko, asn1crypto and reportlab check with assert.
    """
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    ours = [(root / "msdesk").resolve(), (root / "ui").resolve()]
    out = []
    for name, src, kind in pure:
        if kind == "PYMODULE" and src:
            path = Path(src).resolve()
            in_stdlib = path.is_relative_to(stdlib) and "site-packages" not in path.parts
            if in_stdlib or any(path.is_relative_to(folder) for folder in ours):
                kind = "PYMODULE-2"
        out.append((name, src, kind))
    return out


# Compiled (mypyc) modules shipped with their pure-Python source beside them: the source goes into the
# archive instead (0.4 MB less; detecting a 33 KB GBK notice takes 0.04 s either way).
PURE_PYTHON_TWINS = {"charset_normalizer.md", "charset_normalizer.cd"}


def pure_python_twins(binaries: list[tuple], pure: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """(binaries without the PURE_PYTHON_TWINS extensions, pure with their .py sources added)."""
    kept, added = [], []
    for dest, src, kind in binaries:
        path = PurePath(dest.replace("\\", "/"))
        name = ".".join([*path.parent.parts, path.name.split(".")[0]])
        twin = Path(src).with_name(path.name.split(".")[0] + ".py")
        if kind == "EXTENSION" and name in PURE_PYTHON_TWINS and twin.is_file():
            added.append((name, str(twin), "PYMODULE"))
        else:
            kept.append((dest, src, kind))
    return kept, pure + added


def without_links(entries: list[tuple]) -> list[tuple]:
    """The TOC without PyInstaller's symbolic links (Linux/macOS; Windows has none)."""
    return [e for e in entries if e[2] != "SYMLINK"]


def prune_unreachable(binaries: list[tuple], imports_of) -> list[tuple]:
    """Drop libraries that nothing kept links to, following links from every module and plugin.

    imports_of(src_path) -> names of the libraries a binary links to (PyInstaller's bindepend).
    SYMLINK entries live or die with their target.
    """
    files = [e for e in binaries if e[2] != "SYMLINK"]
    by_name: dict[str, list[tuple]] = {}
    for entry in files:
        by_name.setdefault(PurePath(entry[0].replace("\\", "/")).name.lower(), []).append(entry)
    queue = deque(e for e in files if not _is_library(e[0]))
    reached = set(id(e) for e in queue)
    while queue:
        entry = queue.popleft()
        for name in imports_of(entry[1]):
            for dep in by_name.get(PurePath(name).name.lower(), []):
                if id(dep) not in reached:
                    reached.add(id(dep))
                    queue.append(dep)
    kept = [e for e in files if id(e) in reached]
    kept_dests = {e[0].replace("\\", "/") for e in kept}
    links = [e for e in binaries if e[2] == "SYMLINK" and e[1].replace("\\", "/") in kept_dests]
    return kept + links
