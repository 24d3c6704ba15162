"""`msdesk selftest`: proves on the user's own machine (or a fresh bundle) that the whole chain works.

In a temporary folder it creates the demo file, writes the official tables, makes a signed
报送包 and verifies it (and checks that an altered copy is refused), then prints one line and
exits 0, or names the step that failed and exits 1. Nothing outside the temporary folder is
touched: the keys of the throw-away office go there too (MSDESK_HOME points at it meanwhile).

`msdesk screenshot FILE` opens the main window headless, saves it as an image and quits
(used by scripts/build_bundle.sh to check the frozen GUI).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import zipfile
from argparse import Namespace
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import MsdeskError, os_reason
from .text import Subparsers

PASSPHRASE = "自检口令-msdesk"  # throw-away key in the temporary folder
OK_LINE = "自检通过：{steps} 全部正常（{seconds:.1f} 秒）"
FAIL_LINE = "自检失败：第 {n} 步“{step}”出错：{reason}"


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "selftest", help="自检：在临时文件夹中生成示例台账、导出报表和签名报送包并校验（不联网，不改动任何台账）"
    )
    p.add_argument("--verbose", "-v", action="store_true", help="逐步显示每一步的结果和用时")
    p.add_argument("--keep", action="store_true", help="保留临时文件夹（便于查看生成的报表和报送包）")
    p.set_defaults(func=cmd_selftest)

    p = sub.add_parser("screenshot", help="打开主窗口、保存截图后退出（用于检查安装包；不带 --db 时使用临时示例台账）")
    p.add_argument("file", help="截图保存为（.png）")
    p.add_argument("--db", metavar="FILE", help="要打开的台账文件（默认在临时文件夹中生成示例台账）")
    p.add_argument("--timeout", type=float, default=60.0, help="等待文件打开的最长秒数（默认 60）")
    p.add_argument(
        "--preview", metavar="PNG", help="再导出本期 PDF 报表，把打印预览也截图保存（检查 PDF 预览与打印组件）"
    )
    p.set_defaults(func=cmd_screenshot)


# -- selftest ----------------------------------------------------------------------


class StepFailed(Exception):
    """A step's own check failed (the Chinese reason is the message)."""


@contextmanager
def _isolated_home(folder: Path) -> Iterator[None]:
    """Point the user data folder (keys, recent files) at the temporary folder meanwhile."""
    before = os.environ.get("MSDESK_HOME")
    os.environ["MSDESK_HOME"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("MSDESK_HOME", None)
        else:
            os.environ["MSDESK_HOME"] = before


def step_demo(ctx: dict[str, Any]) -> str:
    from .. import plans
    from ..demo import create_demo
    from ..store import open_store

    path = create_demo(ctx["tmp"] / "示例-烈山区2023.msdesk")
    store = ctx["store"] = open_store(path)
    plan = plans.current_plan(store)
    if not plan:
        raise StepFailed("示例台账中没有计划")
    ctx["plan_id"], ctx["period"] = plan["id"], store.setting("current_period")
    count = len(plans.projects(store, plan["id"]))
    if not count or not ctx["period"]:
        raise StepFailed("示例台账中没有项目或报告期")
    return f"{plan['year']}年计划，{count} 个项目，报告期 {ctx['period']}"


def step_tables(ctx: dict[str, Any]) -> str:
    from ..export import export_tables

    files = export_tables(ctx["store"], ctx["plan_id"], ctx["period"], ctx["tmp"] / "报表")
    for path in files:
        head = path.read_bytes()[:4]
        if (path.suffix == ".pdf" and head != b"%PDF") or (path.suffix == ".xlsx" and head != b"PK\x03\x04"):
            raise StepFailed(f"生成的报表“{path.name}”不是有效的 {path.suffix[1:].upper()} 文件")
    kinds = {p.suffix for p in files}
    if not {".pdf", ".xlsx"} <= kinds:
        raise StepFailed(f"只生成了 {', '.join(sorted(kinds)) or '0 个文件'}")
    return f"{len(files)} 个文件（{'、'.join(p.name for p in files)}）"


def step_package(ctx: dict[str, Any]) -> str:
    from .. import identity
    from ..package import export_submission

    identity.create_identity(ctx["store"], PASSPHRASE)
    built = export_submission(ctx["store"], ctx["period"], ctx["tmp"] / "报送", PASSPHRASE)
    ctx["package"] = built.path
    return f"{built.path.name}（{built.path.stat().st_size // 1024} KB）"


def step_verify(ctx: dict[str, Any]) -> str:
    from ..package import PackageError, verify_package

    found = verify_package(ctx["package"], expect_kind="submission", expect_period=ctx["period"], check_pdf=True)
    altered = _altered_copy(ctx["package"], ctx["tmp"] / "篡改副本.zip")
    try:
        verify_package(altered, expect_kind="submission", expect_period=ctx["period"])
    except PackageError as exc:
        if exc.reason != "altered":
            raise StepFailed(f"被篡改的报送包被拒绝，但原因不对：{exc.message}") from exc
    else:
        raise StepFailed("被篡改的报送包没有被识别出来")
    return f"{found.summary()} 篡改后的副本被正确拒绝。"


def _altered_copy(src: Path, dest: Path) -> Path:
    """The same package with one figure changed in data.json and nothing else."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            raw = zin.read(info)
            if info.filename == "data.json":
                digit = next(i for i, b in enumerate(raw) if 0x30 <= b <= 0x38)
                raw = raw[:digit] + bytes([raw[digit] + 1]) + raw[digit + 1 :]
            zout.writestr(info, raw)
    return dest


STEPS = [("示例台账", step_demo), ("报表导出", step_tables), ("签名报送包", step_package), ("校验", step_verify)]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, StepFailed):
        return str(exc)
    if isinstance(exc, MsdeskError):
        return exc.message
    if isinstance(exc, ImportError):
        return f"本版本缺少这部分功能（找不到模块 {exc.name or exc}）"
    if isinstance(exc, OSError):
        where = f"（{exc.filename}）" if exc.filename else ""
        return f"读写文件失败：{os_reason(exc)}{where}"
    return f"{type(exc).__name__}: {exc}"


def run_selftest(verbose: bool = False, keep: bool = False, echo: Callable[[str], object] = print) -> tuple[bool, str]:
    """Run every step in a fresh temporary folder; returns (passed, the one-line result)."""
    start = time.perf_counter()
    try:
        tmp = Path(tempfile.mkdtemp(prefix="msdesk-selftest-"))
    except OSError as exc:
        return False, f"自检失败：无法创建临时文件夹（{tempfile.gettempdir()}）：{os_reason(exc)}"
    ctx: dict[str, Any] = {"tmp": tmp}
    try:
        with _isolated_home(tmp / "用户数据"):
            for n, (name, step) in enumerate(STEPS, 1):
                t0 = time.perf_counter()
                try:
                    detail = step(ctx)
                except Exception as exc:  # any failure is reported as this step's
                    return False, FAIL_LINE.format(n=n, step=name, reason=_reason(exc))
                if verbose:
                    echo(f"  {n}. {name}：正常（{time.perf_counter() - t0:.2f} 秒）{detail}")
    finally:
        if ctx.get("store") is not None:
            ctx["store"].close()
        if keep:
            echo(f"临时文件夹已保留：{tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    steps = "、".join(name for name, _ in STEPS)
    return True, OK_LINE.format(steps=steps, seconds=time.perf_counter() - start)


def cmd_selftest(args: Namespace) -> int:
    passed, line = run_selftest(verbose=args.verbose, keep=args.keep)
    print(line, flush=True)
    return 0 if passed else 1


# -- screenshot ------------------------------------------------------------------------


def cmd_screenshot(args: Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a headless check needs no display
    with tempfile.TemporaryDirectory(prefix="msdesk-shot-") as tmp:
        db = Path(args.db).resolve() if args.db else None
        if db is not None and not db.is_file():
            raise MsdeskError(f"找不到台账文件“{args.db}”。")
        # the user's recent-files list and data folder stay untouched
        with _isolated_home(Path(tmp)):
            from ui.screenshot import save_screenshot

            result = save_screenshot(
                Path(args.file), db=db, timeout=args.timeout, preview=Path(args.preview) if args.preview else None
            )
    print(
        f"截图已保存：{result.path}（{result.width}×{result.height}）；"
        f"窗口显示 {result.window_shown:.2f} 秒、台账内容显示 {result.file_opened:.2f} 秒（{result.clock}计）"
    )
    if args.preview:
        print(f"打印预览截图已保存：{Path(args.preview).resolve()}")
    return 0
