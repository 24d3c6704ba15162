"""A large export writes the workbook in a second process beside the PDF: the files are the
same as written one after the other, from the CLI's single thread and from a GUI worker thread."""

from __future__ import annotations

import threading

import openpyxl
import pytest
from pypdf import PdfReader

from msdesk.errors import MsdeskError
from msdesk.export import api, prepare, write_files
from msdesk.store import create_store
from tests._export_fixtures import build_scaled


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    store = create_store(tmp_path_factory.mktemp("par") / "big.msdesk", actor="测试员")
    plan = build_scaled(store, 150)
    yield prepare(store, plan, "2023Q3")
    store.close()


def summary(files):
    xlsx, pdf = files
    book = openpyxl.load_workbook(xlsx)
    cells = [[c.value for c in row] for ws in book.worksheets for row in ws.iter_rows()]
    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    return cells, pages


def test_large_export_is_written_beside_and_equals_one_after_other(data, tmp_path, monkeypatch):
    assert sum(len(t.rows) for t in data.tables) >= api.PARALLEL_MIN_ROWS
    calls = []
    beside = write_files(data, tmp_path / "beside", progress_cb=lambda d, t: calls.append((d, t)))
    monkeypatch.setattr(api, "PARALLEL_MIN_ROWS", 10**9)
    serial = write_files(data, tmp_path / "serial")
    assert [f.name for f in beside] == [f.name for f in serial]
    assert [f.suffix for f in beside] == [".xlsx", ".pdf"]
    assert summary(beside) == summary(serial)
    assert calls[-1] == (6, 6) and [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert not [p for p in (tmp_path / "beside").iterdir() if p.name.startswith(".导出中")]


def test_from_a_worker_thread_as_the_gui_exports(data, tmp_path):
    result = {}
    worker = threading.Thread(target=lambda: result.update(files=write_files(data, tmp_path)))
    worker.start()
    worker.join(120)
    xlsx, pdf = result["files"]
    assert openpyxl.load_workbook(xlsx).sheetnames and len(PdfReader(pdf).pages) > 10


def test_workbook_refused_in_the_second_process_is_reported(data, tmp_path, monkeypatch):
    locked = tmp_path / f"{api.file_stem(data)}.xlsx"
    locked.mkdir()  # a folder where the workbook should go: replacing it fails as a locked file would
    with pytest.raises(MsdeskError, match="无法写入"):
        write_files(data, tmp_path)
