#!/usr/bin/env bash
# Builds the one-folder desktop bundle (dist/msdesk/) from build.spec and checks the frozen
# program headless, the way a clerk's clean machine would run it: no virtual environment, no
# source tree, an empty home folder, no display (QT_QPA_PLATFORM=offscreen).
#
#   bash scripts/build_bundle.sh           # build + check (about 1 minute on 2 cores)
#   CHECK_ONLY=1 bash scripts/build_bundle.sh   # check an existing dist/msdesk only
#
# Checks: every library in the bundle finds what it links to inside it (or among the few the target
# desktop provides: libc, OpenGL/EGL, xcb/Wayland core, CUPS, D-Bus, GLib; scripts/bundle_links.py);
# Qt's ICU data is the trimmed one (scripts/icu_trim.py); the size is within MAX_MB; resources and migrations are there and
# QtWebEngine/QtQuick are not; `msdesk --version` matches msdesk.__version__; `msdesk selftest` passes;
# a GBK-encoded notice is read (charset detection with the bundle's trimmed codecs);
# `msdesk screenshot --preview` saves the main window with the demo file and the print preview of its
# PDF table; with Xvfb installed the window also opens on a real X11 server; with no subcommand the GUI
# starts and keeps running; with Weston installed it also opens on a headless Wayland compositor. Prints the size, build time, start-to-window time and self-test time.
# The screenshot and a figures file are left in build/bundle-check/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=.venv/bin/python
CHECK_DIR=build/bundle-check
MAX_MB=${MAX_MB:-100}   # the size limit (MB = 10^6 bytes, apparent size; now 99.3, the goal of issue 17): fail loudly if something big sneaks in
MAX_ZIP_MB=${MAX_ZIP_MB:-45}  # the zip a clerk receives (now 41.5 MB; one e-mail attachment is 50 MB), see docs/install.md

fail() { echo "安装包检查失败：$*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

[ -x .venv/bin/pyinstaller ] || bash scripts/setup.sh

# The bundle can only carry the libraries the build machine has: the Qt xcb and Wayland plugins need
# these at build time (a desktop has them; a bare CI box usually lacks xcb-icccm/keysyms and wayland-cursor).
# gcc (with binutils) wraps the trimmed ICU data into a library (scripts/icu_trim.py).
BUNDLE_LIBS="gcc libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0
  libxcb-xfixes0 libxcb-xkb1 libxcb-cursor0 libxcb-sync1 libxcb-shm0 libxcb-util1 libxkbcommon-x11-0
  libwayland-client0 libwayland-cursor0 libwayland-egl1"
if command -v dpkg >/dev/null 2>&1; then
  need_apt=()
  for pkg in $BUNDLE_LIBS; do dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg"); done
  if [ ${#need_apt[@]} -gt 0 ]; then
    echo "安装打包所需的系统库: ${need_apt[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null \
      || fail "无法安装 ${need_apt[*]}（请手工安装后重试）"
  fi
fi
VERSION=$("$PY" -c "import msdesk; print(msdesk.__version__)")

if [ "${CHECK_ONLY:-0}" != "1" ]; then
  mkdir -p build
  echo "== 打包 msdesk $VERSION（pyinstaller build.spec）"
  t0=$(date +%s.%N)
  .venv/bin/pyinstaller build.spec --noconfirm --log-level WARN > build/pyinstaller.log 2>&1 \
    || { tail -40 build/pyinstaller.log >&2; fail "PyInstaller 打包出错（完整日志：build/pyinstaller.log）"; }
  BUILD_S="$(since "$t0") 秒"
else
  BUILD_S="(未重新打包)"
fi
[ -x dist/msdesk/msdesk ] || fail "没有找到 dist/msdesk/msdesk"

echo "== 检查安装包内容"
INTERNAL=dist/msdesk/_internal
for d in resources/fonts resources/icons resources/styles resources/demo db; do
  [ -d "$INTERNAL/$d" ] || fail "安装包缺少 $d/"
done
for f in resources/fonts/gbsn00lp.ttf resources/fonts/wqy-microhei.ttc resources/fonts/COPYRIGHT-arphic.txt \
  resources/fonts/COPYRIGHT-wqy-microhei.txt resources/fonts/arphic-license/gb resources/styles/app.qss resources/icons/msdesk.png; do
  [ -s "$INTERNAL/$f" ] || fail "安装包缺少 $f"
done
for sql in db/*.sql; do
  cmp -s "$sql" "$INTERNAL/$sql" || fail "安装包中的数据库升级脚本 $sql 缺失或与源码不同"
done
unwanted=$(find dist/msdesk \( -iname '*WebEngine*' -o -iname '*Qt6Quick*' -o -iname '*Qt6Qml*' -o -iname '*Qt63D*' \
  -o -iname '*Qt6Multimedia*' \) | head -5)
[ -z "$unwanted" ] || fail "安装包含有不需要的 Qt 模块：$unwanted"
for p in platforms/libqxcb.so platforms/libqoffscreen.so printsupport/libcupsprintersupport.so imageformats/libqico.so iconengines/libqsvgicon.so; do
  [ -f "$INTERNAL/PySide6/Qt/plugins/$p" ] || fail "安装包缺少 Qt 插件 $p"
done
# Every library, module and plugin in the bundle must find what it links to inside the bundle, or be one of
# the few the target system provides (scripts/bundle_links.py). Otherwise e.g. the xcb plugin fails on a
# real desktop only.
problems=$("$PY" scripts/bundle_links.py "$INTERNAL") \
  || fail "以下文件要用安装包里没有的动态库（打包机缺这些库时 PyInstaller 无法收入）：
$problems"

for icu in "$INTERNAL"/PySide6/Qt/lib/libicudata.so.*; do
  [ -e "$icu" ] || continue
  [ "$(stat -c %s "$icu")" -lt 10000000 ] || fail "ICU 数据没有精简（$(basename "$icu") 仍有 $(du -h "$icu" | cut -f1)；打包机需要 gcc，见 build/pyinstaller.log 中的警告）"
done

SIZE_BYTES=$(du -sb dist/msdesk | cut -f1)
SIZE_MB=$(awk -v b="$SIZE_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
SIZE_H=$(du -sh dist/msdesk | cut -f1)
[ "$SIZE_BYTES" -le $(( MAX_MB * 1000000 )) ] || fail "安装包 ${SIZE_MB} MB，超过上限 ${MAX_MB} MB（各部分大小：du -sh dist/msdesk/_internal/* | sort -h）"

# The archive a clerk receives: a zip of dist/msdesk with a SHA-256 file beside it. The bundle holds
# no symbolic links, so the zip is the same size whether or not the zip tool follows links.
links=$(find dist/msdesk -type l | head -5)
[ -z "$links" ] || fail "安装包含有符号链接（解压工具可能把库存两份）：$links"
ARCHIVE="dist/msdesk-$VERSION-$(uname -s | tr 'A-Z' 'a-z')-$(uname -m).zip"
rm -f "$ARCHIVE" "$ARCHIVE.sha256"
(cd dist && zip -qr -9 -X "$(basename "$ARCHIVE")" msdesk)
(cd dist && sha256sum "$(basename "$ARCHIVE")" > "$(basename "$ARCHIVE").sha256")
ZIP_BYTES=$(stat -c %s "$ARCHIVE")
ZIP_MB=$(awk -v b="$ZIP_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
[ "$ZIP_BYTES" -le $(( MAX_ZIP_MB * 1000000 )) ] || fail "压缩包 ${ZIP_MB} MB，超过上限 ${MAX_ZIP_MB} MB"

# The archive unpacked somewhere else, run with an empty environment: nothing may come from .venv or
# the sources, and what the clerk unpacks is what is checked.
WORK=$(mktemp -d /tmp/msdesk-bundle-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp "$ARCHIVE" "$ARCHIVE.sha256" "$WORK/"
(cd "$WORK" && sha256sum -c --quiet "$(basename "$ARCHIVE").sha256") || fail "压缩包的 SHA-256 校验不符"
(cd "$WORK" && unzip -q "$(basename "$ARCHIVE")")
[ -x "$WORK/msdesk/msdesk" ] || fail "解压后没有可执行的 msdesk/msdesk"
mkdir -p "$WORK/home" "$CHECK_DIR"
CLEAN_ENV=(env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C QT_QPA_PLATFORM=offscreen
           MSDESK_HOME="$WORK/home/msdesk-data")
frozen() { (cd "$WORK" && exec "${CLEAN_ENV[@]}" "$WORK/msdesk/msdesk" "$@"); }

echo "== 冻结程序：--version"
got=$(frozen --version)
[ "$got" = "msdesk $VERSION" ] || fail "--version 输出“$got”，应为“msdesk $VERSION”"
echo "$got"

echo "== 冻结程序：selftest"
t0=$(date +%s.%N)
line=$(frozen selftest) || fail "自检未通过：$line"
SELFTEST_S=$(since "$t0")
echo "$line"
case "$line" in 自检通过*) ;; *) fail "自检输出不对：$line" ;; esac

echo "== 冻结程序：读取 GBK 编码的通知（编码检测用安装包里的纯 Python 模块和精简后的编码表）"
iconv -f UTF-8 -t GBK resources/demo/lieshan-2023-50-projects-notice.txt > "$WORK/通知-gbk.txt" \
  || fail "无法生成 GBK 编码的示例通知（需要 iconv）"
notice=$(frozen import notice "$WORK/通知-gbk.txt" --dry-run) || fail "冻结程序读取 GBK 通知出错：$notice"
case "$notice" in *"通知：烈山区"*"项目 50 项"*) echo "$notice" | head -1 ;; *) fail "GBK 通知没有读对：$(echo "$notice" | head -3)" ;; esac

echo "== 冻结程序：主窗口截图和打印预览截图（offscreen，示例台账；检查打印预览与打印组件）"
t0=$(date +%s.%N)
shot=$(frozen screenshot "$WORK/main-window.png" --preview "$WORK/print-preview.png" 2> "$WORK/screenshot.err") \
  || { cat "$WORK/screenshot.err" >&2; fail "主窗口没有打开：$shot"; }
SHOT_S=$(since "$t0")
echo "$shot"
for png in main-window.png print-preview.png; do
  [ -s "$WORK/$png" ] || fail "没有生成截图 $png"
done
cp "$WORK/main-window.png" "$WORK/print-preview.png" "$CHECK_DIR/"
WINDOW_S=$(echo "$shot" | sed -n 's/.*窗口显示 \([0-9.]*\) 秒.*/\1/p')
CONTENT_S=$(echo "$shot" | sed -n 's/.*台账内容显示 \([0-9.]*\) 秒.*/\1/p')
[ -z "$(ls -A "$WORK/home" | grep -v msdesk-data)" ] || fail "冻结程序在用户主目录写入了：$(ls -A "$WORK/home")"

# The real X11 path (xcb plugin), when Xvfb is installed (apt-get install xvfb).
XCB_LINE="未检查（没有 Xvfb）"
if command -v Xvfb >/dev/null 2>&1; then
  echo "== 冻结程序：在 X11（Xvfb）上截图"
  display=":$(( 90 + RANDOM % 100 ))"
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp > "$WORK/xvfb.log" 2>&1 &
  xvfb=$!
  sleep 1.5
  xshot=$(cd "$WORK" && exec env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 DISPLAY="$display" \
            QT_QPA_PLATFORM=xcb MSDESK_HOME="$WORK/home/msdesk-data" "$WORK/msdesk/msdesk" screenshot \
            "$WORK/main-window-x11.png" 2> "$WORK/x11.err") || { kill "$xvfb"; cat "$WORK/x11.err" >&2; fail "X11 下主窗口没有打开"; }
  kill "$xvfb"; wait "$xvfb" 2>/dev/null || true
  echo "$xshot"
  cp "$WORK/main-window-x11.png" "$CHECK_DIR/"
  XCB_LINE="$(echo "$xshot" | sed -n 's/.*窗口显示 \([0-9.]*\) 秒.*台账内容显示 \([0-9.]*\) 秒.*/窗口显示 \1 秒，示例台账内容显示 \2 秒/p')"
fi

# Wayland (newer Kylin / UOS sessions), when Weston is installed (apt-get install weston): a headless
# compositor, and the window opened with QT_QPA_PLATFORM=wayland (no fallback to X11).
WAYLAND_LINE="未检查（没有 weston）"
if command -v weston >/dev/null 2>&1; then
  echo "== 冻结程序：在 Wayland（weston 无头合成器）上截图"
  run_dir="$WORK/xdg-run"; mkdir -p "$run_dir"; chmod 700 "$run_dir"
  XDG_RUNTIME_DIR="$run_dir" weston --backend=headless-backend.so --socket=msdesk-check --width=1600 \
    --height=1000 > "$WORK/weston.log" 2>&1 &
  weston_pid=$!
  for _ in $(seq 50); do [ -S "$run_dir/msdesk-check" ] && break; sleep 0.1; done
  wshot=$(cd "$WORK" && exec env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 XDG_RUNTIME_DIR="$run_dir" \
            WAYLAND_DISPLAY=msdesk-check QT_QPA_PLATFORM=wayland MSDESK_HOME="$WORK/home/msdesk-data" \
            "$WORK/msdesk/msdesk" screenshot "$WORK/main-window-wayland.png" 2> "$WORK/wayland.err") \
    || { kill "$weston_pid"; cat "$WORK/wayland.err" "$WORK/weston.log" >&2; fail "Wayland 下主窗口没有打开"; }
  kill "$weston_pid"; wait "$weston_pid" 2>/dev/null || true
  echo "$wshot"
  cp "$WORK/main-window-wayland.png" "$CHECK_DIR/"
  WAYLAND_LINE="$(echo "$wshot" | sed -n 's/.*窗口显示 \([0-9.]*\) 秒.*台账内容显示 \([0-9.]*\) 秒.*/窗口显示 \1 秒，示例台账内容显示 \2 秒/p')"
fi

echo "== 冻结程序：不带子命令启动图形界面（--demo，5 秒后结束）"
set +e
(cd "$WORK" && exec "${CLEAN_ENV[@]}" "$WORK/msdesk/msdesk" --demo) > "$WORK/gui.out" 2>&1 &
gui=$!
sleep 5
if kill -0 "$gui" 2>/dev/null; then
  kill "$gui"; wait "$gui" 2>/dev/null
  echo "图形界面已启动并保持运行。"
else
  wait "$gui"; rc=$?
  cat "$WORK/gui.out" >&2
  set -e; fail "不带子命令启动后 5 秒内退出了（退出码 $rc）"
fi
set -e
[ -f "$WORK/home/msdesk-data/示例-烈山区2023.msdesk" ] || fail "--demo 没有生成示例台账"

cat <<EOF | tee "$CHECK_DIR/figures.txt"
== msdesk $VERSION 安装包（$(uname -sm)，$(nproc) 核）
安装包大小        ${SIZE_MB} MB（${SIZE_BYTES} 字节；du -sh 显示 ${SIZE_H}；上限 ${MAX_MB} MB）
压缩包            ${ZIP_MB} MB（$ROOT/$ARCHIVE，SHA-256 在同名 .sha256 文件；上限 ${MAX_ZIP_MB} MB，目标 50 MB）
打包用时          ${BUILD_S}
启动到主窗口显示  ${WINDOW_S} 秒（offscreen，自进程启动计；示例台账内容显示 ${CONTENT_S} 秒；截图命令连同打印预览总用时 ${SHOT_S} 秒）
X11（Xvfb，xcb）   ${XCB_LINE}
Wayland（weston）  ${WAYLAND_LINE}
冻结程序自检      ${SELFTEST_S} 秒（$line）
截图              $ROOT/$CHECK_DIR/main-window.png、print-preview.png
EOF
echo "安装包检查通过。"
