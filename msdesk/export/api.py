"""export_tables: the one entry point the CLI, the GUI and the signatures issue call."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ..cycles import no_cycle_collection
from ..errors import FileAccessError, MsdeskError, ValidationError, os_reason
from ..outputs import export_file_stem
from ..periods import Period, parse_period
from ..store import Store
from .tables import TABLE_KEYS, TABLE_LABELS, ExportData, collect

if TYPE_CHECKING:  # the second process is started only for a large export
    from concurrent.futures import Future, ProcessPoolExecutor

FORMATS = ("xlsx", "pdf")
ProgressCallback: TypeAlias = Callable[[int, int], None]  # (done, total)
Step: TypeAlias = Callable[[], None]  # one table of one format written
# The xlsx written in a second process: its pool and the (path, refusal) it will return.
Beside: TypeAlias = "tuple[ProcessPoolExecutor, Future[tuple[Path | None, str | None]]]"


def check_choice(tables: Iterable[str], formats: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    tables, formats = tuple(tables), tuple(formats)
    bad = [t for t in tables if t not in TABLE_KEYS]
    if bad or not tables:
        raise ValidationError(
            f"报表“{'、'.join(bad) or '（未选择）'}”无效，可选：projects（项目清单）、"
            "breakdown（目标任务分解表）、progress（进展情况表）。",
            field="tables",
        )
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ValidationError(f"格式“{'、'.join(bad) or '（未选择）'}”无效，可选：xlsx、pdf。", field="formats")
    # keep the official order whatever order the caller gave
    return tuple(t for t in TABLE_KEYS if t in tables), tuple(f for f in FORMATS if f in formats)


def file_stem(data: ExportData) -> str:
    """烈山区_2023年第3季度_进展情况表: office and period first (msdesk.outputs)."""
    only = data.tables[0] if len(data.tables) == 1 else None
    label = TABLE_LABELS.get(only.key, only.sheet_name) if only else "民生实事报表"
    return export_file_stem(data.office_name, data.period, label, *data.filters.values())


def prepare(
    store: Store,
    plan_id: str,
    period: Period | str,
    tables: Iterable[str] = TABLE_KEYS,
    category: str | None = None,
    lead_unit: str | None = None,
    office_id: str | None = None,
    footer_note: str | None = None,
) -> ExportData:
    """The reading half (needs the store; quick). The writing half needs only its result."""
    period = parse_period(period) if not isinstance(period, Period) else period
    return collect(store, plan_id, period, tables, category, lead_unit, office_id, footer_note)


# Below this many table rows a second process costs more to start than it saves.
PARALLEL_MIN_ROWS = 400


def write_files(
    data: ExportData, out_dir: str | Path, formats: Sequence[str] = FORMATS, progress_cb: ProgressCallback | None = None
) -> list[Path]:
    """Write the chosen formats into out_dir; each file appears whole or not at all.

    A large export writes the workbook in a second process while this one lays out the
    PDF (both are pure-Python work, so threads would take turns on one core)."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileAccessError(f"无法创建输出文件夹“{out_dir}”：{os_reason(exc)}。请换一个文件夹。") from exc
    total = len(formats) * len(data.tables)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress_cb:
            progress_cb(min(done, total), total)

    if progress_cb:
        progress_cb(0, total)
    formats = list(formats)
    beside = _start_beside(data, out_dir) if "xlsx" in formats and "pdf" in formats else None
    paths: dict[str, Path] = {}
    for fmt in formats:
        if fmt == "xlsx" and beside is not None:
            continue
        paths[fmt] = write_one(fmt, data, out_dir, step)
    if beside is not None:
        paths["xlsx"] = _finish_beside(beside, data, out_dir, step)
    return [paths[fmt] for fmt in formats]


def write_one(fmt: str, data: ExportData, out_dir: Path, step: Step | None = None) -> Path:
    """One file, written under a temporary name and renamed when complete."""
    from .pdf import write_pdf
    from .xlsx import write_xlsx

    writer = {"xlsx": write_xlsx, "pdf": write_pdf}[fmt]
    target = out_dir / f"{file_stem(data)}.{fmt}"
    fd, tmp = tempfile.mkstemp(prefix=".导出中-", suffix=f".{fmt}", dir=out_dir)
    os.close(fd)
    try:
        with no_cycle_collection():
            writer(data, Path(tmp), step)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes owner-only files
        os.replace(tmp, target)
    except PermissionError as exc:
        raise FileAccessError(f"无法写入“{target}”：文件可能正在被 Excel 或 PDF 阅读器打开，请关闭后重试。") from exc
    except OSError as exc:  # e.g. a folder of that name, or the disk is full
        raise FileAccessError(f"无法写入“{target}”：{os_reason(exc)}。请换一个文件夹或文件名后重试。") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def _xlsx_in_child(data: ExportData, out_dir: Path) -> tuple[Path | None, str | None]:
    """Runs in the second process; returns the path, or the message of a refusal."""
    try:
        return write_one("xlsx", data, out_dir), None
    except MsdeskError as exc:  # sent back as text: exception objects do not all pickle
        return None, str(exc)


def _start_beside(data: ExportData, out_dir: Path) -> Beside | None:
    if sum(len(t.rows) for t in data.tables) < PARALLEL_MIN_ROWS:
        return None
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        # fork is instant, but only safe from a process with one thread (the CLI); the GUI
        # exports from a worker thread, so there a clean forkserver/spawn child is used
        method = (
            "fork"
            if "fork" in methods and threading.active_count() == 1
            else ("forkserver" if "forkserver" in methods else "spawn")
        )
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
        return pool, pool.submit(_xlsx_in_child, data, out_dir)
    except (OSError, ValueError, RuntimeError, ImportError):
        return None  # no second process here: write one after the other


def _finish_beside(beside: Beside, data: ExportData, out_dir: Path, step: Step) -> Path:
    pool, future = beside
    try:
        path, refusal = future.result()
    except Exception:  # the child died or could not start: write it here instead
        path, refusal = None, None
    finally:
        pool.shutdown(wait=True)
    if refusal:
        raise MsdeskError(refusal)
    if path is None:
        return write_one("xlsx", data, out_dir, step)
    for _ in data.tables:
        step()
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_tables(
    store: Store,
    plan_id: str,
    period: Period | str,
    out_dir: str | Path,
    tables: Iterable[str] = TABLE_KEYS,
    formats: Iterable[str] = FORMATS,
    category: str | None = None,
    lead_unit: str | None = None,
    office_id: str | None = None,
    footer_note: str | None = None,
    progress_cb: ProgressCallback | None = None,
) -> list[Path]:
    """Write the official tables for one period as print-ready .xlsx and/or .pdf; returns the files.

    footer_note is printed on every page and sheet (e.g. the certificate fingerprint);
    progress_cb(done, total) is called as work completes.
    """
    tables, formats = check_choice(tables, formats)
    data = prepare(store, plan_id, period, tables, category, lead_unit, office_id, footer_note)
    return write_files(data, out_dir, formats, progress_cb)
