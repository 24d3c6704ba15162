#!/usr/bin/env bash
# Sets up msdesk on a fresh machine: the system libraries Qt needs (Debian/Ubuntu,
# only when missing), a virtual environment in .venv and the app with its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
if command -v dpkg >/dev/null 2>&1; then
  # Qt's xcb platform plugin needs the xcb-* libraries to open a window on a real X11 desktop;
  # gcc wraps the trimmed ICU data of the Linux bundle (scripts/icu_trim.py and its tests);
  # LibreOffice Calc re-saves a 进展表 in the tests as a clerk's office suite would.
  for pkg in libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
             libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libwayland-cursor0 poppler-utils gcc \
             libreoffice-calc-nogui; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
  done
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "安装所需的系统软件包: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
echo "msdesk 已安装到 .venv"
