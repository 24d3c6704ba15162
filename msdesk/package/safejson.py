"""JSON from outside, parsed only within bounds.

Python's json module recurses once per nesting level and turns any run of
digits into an int, so `[` × 100000 raises RecursionError and 5000 digits a
ValueError, and a lone surrogate (\\ud800) passes the parser but crashes the
first print. Before json.loads sees a byte, a linear scan checks the size, the
nesting depth, the digits in each number and the length of each string; after
it, non-finite numbers and unpaired surrogates are refused. Every refusal is
a PackageError 'bad_data' with a Chinese reason.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, NoReturn

from . import errors as E
from .errors import PackageError

MAX_BYTES = 100 << 20  # the zip reader's per-member limit; manifest.json is far smaller
MAX_MANIFEST_BYTES = 1 << 20
MAX_DEPTH = 32  # data.json is 3 levels deep (object → list → row)
MAX_NUMBER_CHARS = 40  # 10^15 with decimals and an exponent fits easily
MAX_STRING_CHARS = 100_000  # the longest text field is 20,000 characters

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")
_LONG_NUMBER = re.compile(rf"[-+0-9.eE]{{{MAX_NUMBER_CHARS + 1},}}")


def _refuse(member: str, detail: str) -> PackageError:
    return PackageError("bad_data", E.BAD_JSON.format(member=member, detail=detail), member)


def _scan(text: str, member: str) -> None:
    """Size-bounded checks in linear time, before any parsing."""

    def blank(match: re.Match[str]) -> str:
        if len(match.group()) > MAX_STRING_CHARS + 2:
            raise _refuse(member, f"文本超过 {MAX_STRING_CHARS} 个字符")
        return '""'

    bare = _STRING.sub(blank, text)
    depth = 0
    for match in _BRACKET.finditer(bare):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_DEPTH:
            raise _refuse(member, f"嵌套超过 {MAX_DEPTH} 层")
    if _LONG_NUMBER.search(bare):
        raise _refuse(member, f"数字超过 {MAX_NUMBER_CHARS} 位")


def _no_constant(name: str) -> NoReturn:
    raise ValueError(name)


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def loads(raw: bytes, member: str, max_bytes: int = MAX_BYTES) -> Any:  # JSON: its readers check the shape
    """Parse bounded JSON; PackageError('bad_data') for anything out of bounds or malformed."""
    if len(raw) > max_bytes:
        raise _refuse(member, f"超过 {max_bytes >> 20 or 1} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _refuse(member, "不是 UTF-8 编码的文本") from exc
    _scan(text, member)
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise _refuse(member, f"第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}") from exc
    except (ValueError, RecursionError) as exc:  # NaN, Infinity, 1e400; recursion cannot pass the scan
        raise _refuse(member, f"含有无效的数值（{str(exc)[:20]}）") from exc
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _refuse(member, "含有无效的字符（不成对的代理码）") from exc
    return data
