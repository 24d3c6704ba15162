"""The 汇总 view widget shows 已报 n/m, partial data, rates, and reasons in full."""

from __future__ import annotations

from datetime import date

from msdesk import plans
from msdesk.package import return_submission, rollup_view
from tests import _package_fixtures as F
from tests.test_rollup_view import _send
from ui.rollup_view_widget import RollupViewWidget

LONG_REASON = "第3项培训人次与台账不符，请核对后重新报送；另第7项康复救助人数超过分解目标，请附说明材料一并报送。"


def test_widget_shows_the_view(qtbot, tmp_path):
    net = F.build_district(tmp_path / "网")
    with net.district.transaction():
        net.indicators["覆盖率"] = plans.add_indicator(
            net.district, net.projects["7"], "康复服务覆盖率", 1, target=95, unit="%"
        )
    for name in F.TOWNSHIPS:
        F.add_township(net, name)
    F.send_tasks(net)
    _send(net, "古饶镇", {"培训": 900, "新增": 150, "康复": 140, "覆盖率": 88}, tmp_path)
    _send(net, "宋疃镇", {"培训": 1000, "新增": 200, "康复": 150, "覆盖率": 97.5}, tmp_path)
    _send(net, "烈山镇", {"培训": 1000, "新增": 200, "康复": 150, "覆盖率": 90}, tmp_path)
    sub = net.district.rows("submissions", "kind = 'submission'", order_by="received_at DESC")[0]
    return_submission(net.district, sub["id"], LONG_REASON)
    view = rollup_view.view(net.district, net.plan_id, F.PERIOD, date.today())
    w = RollupViewWidget()
    qtbot.addWidget(w)
    w.resize(1300, 700)
    w.set_view(view)
    w.show()
    qtbot.waitExposed(w)
    assert "已报 2/3" in w.headline.text()
    labels = {w.offices.item(r, 0).text(): w.offices.item(r, 1).text() for r in range(w.offices.rowCount())}
    assert sorted(labels.values()).count("已退回") == 1
    returned = next(r for r in range(w.offices.rowCount()) if w.offices.item(r, 1).text() == "已退回")
    note = w.offices.item(returned, 4)
    assert note.text() == LONG_REASON and note.toolTip() == LONG_REASON  # the whole reason, never cut
    assert w.offices.rowHeight(returned) > w.offices.fontMetrics().height() * 1.5 or w.offices.columnWidth(
        4
    ) >= w.offices.fontMetrics().horizontalAdvance(LONG_REASON)
    rows = {w.rows.item(r, 2).text(): r for r in range(w.rows.rowCount())}
    rate = rows["康复服务覆盖率"]
    assert "平均" in w.rows.item(rate, 5).text() and "未启动" not in w.rows.item(rate, 6).text()
    assert w.rows.item(rows["培训家政服务人员"], 7).text() == "据 2/3 个单位"
    assert w.rows.item(rows["培训家政服务人员"], 6).font().italic()
    w.grab().save(str(tmp_path / "rollup_view.png"))
    net.close()
