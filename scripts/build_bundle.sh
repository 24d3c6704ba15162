#!/usr/bin/env bash
# Builds the one-folder desktop bundle (dist/msdesk/) from build.spec and checks the frozen
# program headless, the way a clerk's clean machine would run it: no virtual environment, no
# source tree, an empty home folder, no display (QT_QPA_PLATFORM=offscreen).
#
#   bash scripts/build_bundle.sh           # build + check (about 1 minute on 2 cores)
#   CHECK_ONLY=1 bash scripts/build_bundle.sh   # check an existing dist/msdesk only
#
# Checks: `msdesk --version` matches msdesk.__version__, `msdesk selftest` passes, `msdesk screenshot`
# saves the main window with the demo file open and the print preview of its PDF table, the bundle carries resources and migrations and
# no QtWebEngine/QtQuick. Prints the size, build time, start-to-window time and self-test time.
# The screenshot and a figures file are left in build/bundle-check/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=.venv/bin/python
CHECK_DIR=build/bundle-check
MAX_MB=${MAX_MB:-250}   # fail loudly if something big sneaks in (target: under 150 MB, see docs/install.md)

fail() { echo "安装包检查失败：$*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

[ -x .venv/bin/pyinstaller ] || bash scripts/setup.sh
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
for f in resources/fonts/gbsn00lp.ttf resources/fonts/wqy-microhei.ttc resources/styles/app.qss resources/icons/msdesk.png; do
  [ -s "$INTERNAL/$f" ] || fail "安装包缺少 $f"
done
for sql in db/*.sql; do
  cmp -s "$sql" "$INTERNAL/$sql" || fail "安装包中的数据库升级脚本 $sql 缺失或与源码不同"
done
unwanted=$(find dist/msdesk \( -iname '*WebEngine*' -o -iname '*Qt6Quick*' -o -iname '*Qt6Qml*' -o -iname '*Qt63D*' \
  -o -iname '*Qt6Multimedia*' \) | head -5)
[ -z "$unwanted" ] || fail "安装包含有不需要的 Qt 模块：$unwanted"
for p in platforms/libqxcb.so platforms/libqoffscreen.so printsupport/libcupsprintersupport.so imageformats/libqjpeg.so; do
  [ -f "$INTERNAL/PySide6/Qt/plugins/$p" ] || fail "安装包缺少 Qt 插件 $p"
done
SIZE_MB=$(du -sm dist/msdesk | cut -f1)
SIZE_H=$(du -sh dist/msdesk | cut -f1)
[ "$SIZE_MB" -le "$MAX_MB" ] || fail "安装包 ${SIZE_MB} MB，超过上限 ${MAX_MB} MB"

# A copy somewhere else, run with an empty environment: nothing may come from .venv or the sources.
WORK=$(mktemp -d /tmp/msdesk-bundle-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp -a dist/msdesk "$WORK/msdesk"
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

echo "== 冻结程序：主窗口截图和打印预览截图（offscreen，示例台账；检查 QtPdf 与打印组件）"
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
安装包大小        $SIZE_H（dist/msdesk，${SIZE_MB} MB，目标 150 MB 以内）
打包用时          ${BUILD_S}
启动到主窗口显示  ${WINDOW_S} 秒（offscreen，自进程启动计；示例台账内容显示 ${CONTENT_S} 秒；截图命令连同打印预览总用时 ${SHOT_S} 秒）
冻结程序自检      ${SELFTEST_S} 秒（$line）
截图              $ROOT/$CHECK_DIR/main-window.png、print-preview.png
EOF
echo "安装包检查通过。"
