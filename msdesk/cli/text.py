"""argparse's own words (usage:, options, error: …) in Chinese, so `msdesk --help` and its error
messages read as one language. argparse looks its texts up through the module-level function `_`
(meant for gettext catalogues) each time it prints, so swapping that function is enough."""

from __future__ import annotations

import argparse
from typing import TypeAlias

# What `register(sub)` of each command module receives: the parser's subcommand list.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择 %(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个参数值",
    "expected at least one argument": "至少需要一个参数值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可对应 %(matches)s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
}


def _chinese(text: str) -> str:
    return ZH.get(text, text)


def install() -> None:
    # argparse looks its words up through its module-level gettext _(), which typeshed does not list
    argparse._ = _chinese  # type: ignore[attr-defined]
