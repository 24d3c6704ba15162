"""PyInstaller runtime hook (build.spec): small stand-ins for the network and image modules the bundle
leaves out, installed before the program imports anything.

Two libraries import, at import time, code that msdesk never runs:
- pyHanko imports its time-stamp client and certificate fetchers, which import aiohttp, certifi and
  ssl (with its own OpenSSL, libssl + libcrypto). msdesk never goes online: it signs without a
  time stamp and validates with allow_fetching=False (msdesk/package/pdfsign.py).
- reportlab does `from PIL import Image` and treats `Image is None` as "no bitmap images"
  (reportlab.lib.utils.haveImages); the tables and bulletins hold text and lines only. openpyxl and
  pyHanko import pillow inside try/except ImportError.

The stand-ins take the place of those modules; using one raises a Chinese error instead of reaching the
network. tests/test_bundle_flows.py runs every flow with the left-out modules blocked and these
stand-ins in place, so a new import of them fails CI rather than a clerk's PC.
"""

import sys
import types

OFFLINE = "本程序不联网：{what}不可用（安装包不含网络组件）"


def _offline(what: str) -> type:
    class Offline:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise RuntimeError(OFFLINE.format(what=what))

    Offline.__name__ = Offline.__qualname__ = what
    return Offline


def _module(name: str, **attrs: object) -> None:
    if name in sys.modules:  # already imported: leave it
        return
    module = types.ModuleType(name, "msdesk 安装包的替身模块（scripts/frozen_standins.py）")
    module.__dict__.update(attrs)
    sys.modules[name] = module


def install() -> None:
    _module(
        "pyhanko.sign.timestamps.aiohttp_client",
        AIOHttpTimeStamper=_offline("AIOHttpTimeStamper"),
        HTTPTimeStamper=_offline("HTTPTimeStamper"),
        __all__=["AIOHttpTimeStamper", "HTTPTimeStamper"],
    )
    # a package without submodules: `from .aiohttp_fetchers.util import ...` then fails as ImportError
    _module(
        "pyhanko_certvalidator.fetchers.aiohttp_fetchers",
        AIOHttpFetcherBackend=_offline("AIOHttpFetcherBackend"),
        __all__=["AIOHttpFetcherBackend"],
    )
    # `from PIL import Image` gives None: reportlab then has no bitmap images, which it never draws here
    _module("PIL", Image=None)


install()
