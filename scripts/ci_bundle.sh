#!/usr/bin/env bash
# CI step for the desktop bundle: builds dist/msdesk with PyInstaller and checks the frozen program
# (scripts/build_bundle.sh: --version, selftest, main-window screenshot, size, the zip and its SHA-256,
# checked from the unpacked zip). About 1 minute on 2 cores with a warm PyInstaller cache, 2-3 cold
# or on a busy machine.
# Skips cleanly (exit 0) when the build tools are not there, so it can be called from .ci/run on any box.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() { echo "跳过安装包检查：$*"; exit 0; }

[ -x .venv/bin/python ] || skip "没有 .venv（先运行 scripts/setup.sh）"
.venv/bin/python -c "import PyInstaller" 2>/dev/null || skip "未安装 PyInstaller（.venv/bin/pip install pyinstaller 后可运行）"
[ -x .venv/bin/pyinstaller ] || skip "找不到 .venv/bin/pyinstaller"
case "$(uname -s)" in Linux) ;; *) skip "此脚本只在 Linux 上检查（Windows 见 docs/install.md）" ;; esac

exec bash scripts/build_bundle.sh
