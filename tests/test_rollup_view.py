"""The 汇总 view: 已报 n/m, partial data said, rates shown instead of 未启动, 未报送 vs 逾期报送."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from msdesk import plans
from msdesk.package import import_submission, rollup
from msdesk.package import rollup_view as RV
from tests import _package_fixtures as F


@pytest.fixture
def net(tmp_path):
    n = F.build_district(tmp_path / "网")
    with n.district.transaction():  # a rate: reported per township, never summed
        n.indicators["覆盖率"] = plans.add_indicator(
            n.district, n.projects["7"], "康复服务覆盖率", 1, target=95, unit="%"
        )
    for name in F.TOWNSHIPS:
        F.add_township(n, name)
    F.send_tasks(n)
    yield n
    n.close()


def _send(net, name, figures, tmp_path):
    t = net.townships[name]
    F.enter_progress(t, net.plan_id, {net.indicators[k]: v for k, v in figures.items()})
    res = import_submission(net.district, F.submit(net, name, tmp_path / name).path)
    assert res.ok, res.message


def test_view_of_a_partial_roll_up(net, tmp_path):
    today = date.today()
    rollup.set_due_date(net.district, F.PERIOD, today)
    _send(net, "古饶镇", {"培训": 900, "新增": 150, "康复": 140, "覆盖率": 88}, tmp_path)
    _send(net, "宋疃镇", {"培训": 1000, "新增": 200, "康复": 150, "覆盖率": 97.5}, tmp_path)
    v = RV.view(net.district, net.plan_id, F.PERIOD, today)
    assert v.headline == "已报 2/3（按时 2，逾期 0；未报送 1）"
    assert [(o.name, o.label) for o in v.offices] == [
        ("古饶镇", "按时报送"),
        ("宋疃镇", "按时报送"),
        ("烈山镇", "未报送"),
    ]
    rows = {r.indicator: r for r in v.rows}
    train = rows["培训家政服务人员"]
    assert (
        train.total == "1900" and train.partial == "据 2/3 个单位" and train.status_line.endswith("（据 2/3 个单位）")
    )
    rate = rows["康复服务覆盖率"]
    assert rate.total == "88%–97.5%（平均 92.75%）" and "未启动" not in rate.status
    assert rate.rates.per_office == "古饶镇 88%；宋疃镇 97.5%"
    assert rate.status.startswith("各单位：") and rate.partial == "据 2/3 个单位"
    # the old view said 未启动 for the rate's empty sum
    old = next(
        r for r in rollup.consolidated(net.district, net.plan_id, F.PERIOD) if r.indicator["name"] == "康复服务覆盖率"
    )
    assert old.total is None

    # past the due date: nothing sent is 未报送（已逾期）, a package made after it 逾期报送
    rollup.set_due_date(net.district, F.PERIOD, today - timedelta(days=1))
    v = RV.view(net.district, net.plan_id, F.PERIOD, today)
    assert [o.label for o in v.offices] == ["逾期报送", "逾期报送", "未报送（已逾期）"]
    assert v.headline == "已报 2/3（按时 0，逾期 2；未报送 1，其中已逾期 1）"


def test_all_reported_is_not_partial(net, tmp_path):
    for name in F.TOWNSHIPS:
        _send(net, name, {"培训": 1250, "新增": 200, "康复": 180, "覆盖率": 96, "孤儿": True}, tmp_path)
    v = RV.view(net.district, net.plan_id, F.PERIOD)
    assert v.reported == 3 and all(r.partial == "" for r in v.rows)
    assert {r.indicator: r.total for r in v.rows}["培训家政服务人员"] == "3750"
    orphans = next(r for r in v.rows if r.indicator == "孤儿保障")
    assert orphans.status.startswith("已完成")


def test_rollup_exports_like_the_other_tables(net, tmp_path):
    import openpyxl

    from msdesk.export.rollup_table import export_rollup

    _send(net, "古饶镇", {"培训": 900, "新增": 150, "康复": 140, "覆盖率": 88}, tmp_path)
    _send(net, "宋疃镇", {"培训": 1000, "新增": 200, "康复": 150, "覆盖率": 97.5}, tmp_path)
    files = export_rollup(net.district, net.plan_id, F.PERIOD, tmp_path / "出", ["xlsx", "pdf"])
    assert [f.name for f in files] == ["烈山区_2023年第3季度_汇总表.xlsx", "烈山区_2023年第3季度_汇总表.pdf"]
    ws = openpyxl.load_workbook(files[0]).active
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert "烈山区2023年民生实事第3季度汇总表" in text and "已报 2/3" in text and "未报：烈山镇" in text
    assert "88%–97.5%（平均 92.75%）" in text and "据 2/3 个单位" in text and "1900" in text
    from pypdf import PdfReader

    pdf_text = "".join(p.extract_text() for p in PdfReader(files[1]).pages)
    assert "汇总表" in pdf_text and "已报" in pdf_text
