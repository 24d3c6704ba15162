"""Helpers for the 进展表 tests and benchmark: fill a template by indicator, build hand-made tables."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from openpyxl import Workbook, load_workbook

from msdesk.progress_table.template import COL, FIRST_ROW


def rows_by_id(path) -> dict:
    """Indicator id -> Excel row of a template."""
    ws = load_workbook(path).active
    return {ws.cell(r, COL["id"]).value: r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, COL["id"]).value}


def fill(template, out, values: dict, project_fields: dict | None = None) -> Path:
    """values: indicator id -> 累计完成; project_fields: indicator id of the project's first row ->
    {key: value} (进展情况 etc.). Writes with openpyxl, as a script or a careless clerk would."""
    wb = load_workbook(template)
    ws = wb.active
    where = {ws.cell(r, COL["id"]).value: r for r in range(FIRST_ROW, ws.max_row + 1)}
    for ind, value in values.items():
        ws.cell(where[ind], COL["actual"], value)
    for ind, fields in (project_fields or {}).items():
        for key, value in fields.items():
            ws.cell(where[ind], COL[key], value)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return Path(out)


def libreoffice_resave(src: Path, out_dir: Path) -> Path:
    """Open and save the table in LibreOffice Calc (as a clerk's office suite would)."""
    exe = shutil.which("libreoffice") or shutil.which("soffice")
    assert exe, "LibreOffice Calc is needed: apt-get install libreoffice-calc-nogui"
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / "lo-profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out_dir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = out_dir / (src.stem + ".xlsx")
    assert result.is_file(), "LibreOffice wrote no file"
    return result


def hand_made(path, title_lines: list[str], header: list, rows: list[list], merges=(), second_header=None) -> Path:
    """A table as an office might make it by hand: title lines, one or two header rows, data rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    r = 1
    for line in title_lines:
        ws.cell(r, 1, line)
        r += 1
    for c, label in enumerate(header, 1):
        ws.cell(r, c, label)
    r += 1
    if second_header:
        for c, label in enumerate(second_header, 1):
            ws.cell(r, c, label)
        r += 1
    for row in rows:
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
        r += 1
    for ref in merges:
        ws.merge_cells(ref)
    wb.save(path)
    return Path(path)
