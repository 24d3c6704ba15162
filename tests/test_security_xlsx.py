"""Formula payloads (issue 12, hole 3): every xlsx the program writes keeps them as inert text.

Each payload goes into every text field a clerk or a notice can fill; the official tables,
the notice workbook, the 目标分解 workbook and the tables inside a 报送包 are written, then
every cell of every sheet is read back: no formula but the program's own SUM/IF, no control
character, and every text that starts like a formula carries Excel's quote prefix.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from msdesk import offices, plans, progress
from msdesk.breakdown_workbook import write_breakdown
from msdesk.export import export_tables
from msdesk.notice.workbook import write_workbook
from msdesk.xlsx_cell import write_cell
from tests import _package_fixtures as F

PAYLOADS = [
    '=HYPERLINK("http://evil.invalid","点此查看")',
    '\x01=HYPERLINK("http://evil.invalid","点此查看")',
    "+1+cmd|' /C calc evil'!A0",
    "-2+3+cmd|evil",
    "@SUM(1+1)*cmd|evil",
    "\t=1+1+evil",
    "\r=1+1+evil",
    "\x00\x1f=evil()",
    "\x07@evil\x1b",
    "正常文字\x0b中间有控制符evil",
    "\ud800孤立代理evil",
]
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
OWN_FORMULA = re.compile(r"^=IF\((COUNTA\([A-Z]+\d+:[A-Z]+\d+\)=0,\"\",SUM\(|[A-Z]+\d+=\"\",\"\",[A-Z]+\d+-E\d+\))")


def check_workbook(raw: bytes, where: str) -> int:
    """Every cell of every sheet; returns how many payload-bearing cells were seen."""
    wb = load_workbook(io.BytesIO(raw))
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                assert not CONTROL.search(value), (where, ws.title, cell.coordinate, value)
                if cell.data_type == "f":
                    assert OWN_FORMULA.match(value), (where, ws.title, cell.coordinate, value)
                    continue
                seen += "evil" in value
                if value.lstrip("\t\r\n")[:1] in ("=", "+", "-", "@"):
                    assert cell.quotePrefix, (where, ws.title, cell.coordinate, value)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:  # the XML itself: no <f> with a payload in it
        for name in zf.namelist():
            if name.startswith("xl/worksheets/"):
                xml = zf.read(name).decode("utf-8")
                for formula in re.findall(r"<f>(.*?)</f>", xml):
                    assert "evil" not in formula and "HYPERLINK" not in formula, (where, formula)
    return seen


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    import os

    base = tmp_path_factory.mktemp("hostile")
    old = os.environ.get("MSDESK_HOME")
    os.environ["MSDESK_HOME"] = str(base / "home")
    root = base / "offices"
    net = F.network(root, townships=("@SUM(1+1)镇",))
    d = net.district
    # SQLite cannot hold an unpaired surrogate: the store refuses it (test_store_refuses_a_lone_surrogate)
    stored = [p for p in PAYLOADS if "\ud800" not in p]
    n = itertools.cycle(stored)
    with d.transaction():
        d.update("plans", net.plan_id, title=next(n), issuing_office=next(n), doc_number=next(n))
        offices.set_self_office(d, "烈山区", "district", head=next(n), preparer=next(n), phone=next(n))
        cat = plans.add_category(d, net.plan_id, next(n), 9, seq=next(n))
        added = []
        for k, payload in enumerate(stored):
            pid = plans.add_project(
                d,
                net.plan_id,
                f"{90 + k}",
                payload,
                10 + k,
                cat,
                name=next(n),
                task_level_text=next(n),
                remarks=next(n),
                lead_units=[next(n)],
                partner_units=[next(n)],
            )
            plans.add_measure(d, pid, payload, 0, seq=next(n))
            ind = plans.add_indicator(d, pid, next(n), 0, target=100, unit=next(n))
            plans.add_indicator(d, pid, next(n), 1, kind="qualitative", target_text=payload)
            plans.set_breakdown(d, ind, net.township_ids["@SUM(1+1)镇"], target=None, target_text=payload)
            added.append((pid, ind))
    F.send_tasks(net)
    t = net.townships["@SUM(1+1)镇"]
    with t.transaction():
        for (pid, _ind), payload in zip(added, stored):
            for field in progress.REPORT_TEXT_FIELDS:
                progress.set_report_field(t, pid, F.PERIOD, field, payload)
            progress.set_qualitative(t, plans.indicators(t, pid)[1]["id"], F.PERIOD, actual_text=payload)
        progress.set_signoff(t, F.PERIOD, head=next(n), preparer=next(n), phone=next(n))
    yield net, t, added, root
    net.close()
    if old is None:
        os.environ.pop("MSDESK_HOME", None)
    else:
        os.environ["MSDESK_HOME"] = old


@pytest.fixture(autouse=True)
def _home(hostile, monkeypatch):
    monkeypatch.setenv("MSDESK_HOME", str(hostile[3].parent / "home"))


def test_official_tables(hostile):
    net, t, added, root = hostile
    files = export_tables(net.district, net.plan_id, F.PERIOD, root / "报表", formats=("xlsx",))
    files += export_tables(t, net.plan_id, F.PERIOD, root / "镇报表", formats=("xlsx",))
    assert files
    assert sum(check_workbook(p.read_bytes(), p.name) for p in files) > len(PAYLOADS)


def test_notice_workbook(hostile):
    net, t, added, root = hostile
    path = write_workbook(net.district, net.plan_id, root / "清单.xlsx")
    assert check_workbook(path.read_bytes(), path.name) > len(PAYLOADS)


def test_breakdown_workbook(hostile):
    net, t, added, root = hostile
    path = write_breakdown(net.district, net.plan_id, root / "分解.xlsx")
    assert check_workbook(path.read_bytes(), path.name) >= len(PAYLOADS)


def test_tables_inside_the_package(hostile):
    net, t, added, root = hostile
    built = F.submit(net, "@SUM(1+1)镇", root / "报送")
    with zipfile.ZipFile(built.path) as zf:
        inner = [n for n in zf.namelist() if n.endswith(".xlsx")]
        assert inner
        assert sum(check_workbook(zf.read(n), n) for n in inner) > len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_one_writer(payload, tmp_path, monkeypatch):
    ws = Workbook().active
    write_cell(ws.cell(1, 1), payload)
    write_cell(ws.cell(2, 1), 12.5)
    path = tmp_path / "x.xlsx"
    ws.parent.save(path)
    assert check_workbook(path.read_bytes(), "one") == 1
    assert load_workbook(path).active["A2"].value == 12.5


def test_store_refuses_a_lone_surrogate(store, small_plan):
    from msdesk.errors import ValidationError

    before = store.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
    with pytest.raises(ValidationError, match="无法保存的字符"):
        with store.transaction():
            plans.update_project(store, small_plan["projects"][0], name="名称\ud800")
    with pytest.raises(ValidationError, match="无法保存的字符"):
        with store.transaction():
            plans.add_measure(store, small_plan["projects"][0], "措施\udfff", 5)
    assert store.query("SELECT count(*) AS n FROM audit_log")[0]["n"] == before
