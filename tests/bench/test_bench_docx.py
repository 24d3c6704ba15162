"""Reading a big .docx notice (3,000 table rows, formatted as Word writes it: 15 MB of document.xml).

Target: ≤ 2 s. Floor: expat parsing the same bytes with no handlers (the least any XML reader does), measured
in the same run; the ratio says what building the tree and walking the table cost on top. Peak memory of
the read is reported too (measured once by hand on an 18 MB variant: python-docx/lxml peaked at 724 MB of
process memory, this reader at 99 MB).

Run: .venv/bin/python -m pytest tests/bench/test_bench_docx.py -p no:cacheprovider --override-ini addopts= -s
"""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from xml.parsers import expat

import pytest

from msdesk.notice.read_docx import docx_blocks
from tests._docx import DocxFile

ROWS = 3000
_RPR = (
    '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"'
    ' w:hint="eastAsia"/><w:kern w:val="0"/><w:sz w:val="24"/><w:szCs w:val="24"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
)
_PPR = f'<w:pPr><w:widowControl/><w:spacing w:line="320" w:lineRule="exact"/><w:jc w:val="center"/>{_RPR}</w:pPr>'


@pytest.fixture(scope="module")
def big_notice(tmp_path_factory):
    rows: list[list[str | list[str]]] = [["序号", "项目名称", "实施内容", "牵头单位", "责任单位", "完成时限"]]
    for i in range(1, ROWS + 1):
        content = f"新建或改造社区养老服务设施{i}处，完善配套设施，服务老年人{i * 10}人次。"
        rows.append([str(i), f"第{i}项民生实事", content, ["区民政局", "区财政局"], "各镇街", "12月底前"])
    folder = tmp_path_factory.mktemp("docx")
    plain = DocxFile("仿宋", 12).para("某市2026年民生实事项目").table(rows, header=True).save(folder / "plain.docx")
    with zipfile.ZipFile(plain) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode()
    xml = xml.replace("<w:p>", f'<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6">{_PPR}')
    xml = xml.replace("<w:r>", f'<w:r w:rsidRPr="00ABCDEF">{_RPR}')
    parts["word/document.xml"] = xml.encode()
    path = folder / "通知.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path, parts["word/document.xml"]


def test_read_3000_row_notice(benchmark, big_notice):
    path, xml = big_notice

    def floor() -> None:
        expat.ParserCreate(namespace_separator="}").Parse(xml, True)

    t = time.perf_counter()
    floor()
    floor_s = time.perf_counter() - t
    tracemalloc.start()
    blocks = docx_blocks(path)
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    assert len(blocks) == ROWS + 2 and blocks[-1].cells[3] == "区民政局、区财政局"
    benchmark.pedantic(lambda: docx_blocks(path), rounds=3)
    mean = benchmark.stats.stats.mean
    ratio = mean / floor_s
    benchmark.extra_info.update(target_s=2.0, floor_s=round(floor_s, 3), ratio=round(ratio, 1), peak_mb=round(peak_mb))
    print(
        f"\n3,000 行的 .docx 通知（document.xml {len(xml) / 1e6:.1f} MB）：读取 {mean:.3f} s，"
        f"expat 空解析 {floor_s:.3f} s（{ratio:.1f} 倍），Python 分配峰值 {peak_mb:.0f} MB"
    )
    assert mean <= 2.0
