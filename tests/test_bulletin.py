"""进展情况通报: every figure in the draft agrees with the exported 进展情况表 and the ledger.

Quarters and a monthly office, a filter, a township, the demo district before any
township has reported, and a district after a partial roll-up (one township missing),
where each township's table in the bulletin is checked against the township's own export.
"""

from __future__ import annotations

from datetime import date

import pytest

from msdesk import identity, offices, plans, progress, trust
from msdesk.bulletin import build_bulletin, from_text, to_text
from msdesk.bulletin import numbers as fmt
from msdesk.demo import create_demo
from msdesk.errors import ValidationError
from msdesk.package import export_submission, export_tasks, import_folder, import_tasks, rollup
from msdesk.store import create_store, open_store
from tests import _package_fixtures as F
from tests._bulletin_check import check_bulletin, export_progress
from tests._export_fixtures import build_plan


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    s = open_store(create_demo(tmp_path_factory.mktemp("demo") / "烈山区.msdesk"))
    yield s, plans.current_plan(s)["id"]
    s.close()


@pytest.mark.parametrize("period", ["2023Q1", "2023Q2", "2023Q3"])
def test_demo_district_quarters_agree_with_the_table(demo, tmp_path, period):
    s, plan_id = demo
    checked, text = check_bulletin(s, plan_id, period, tmp_path, today=date(2023, 12, 31))
    assert sum(checked.values()) >= 30  # statements matched and compared, not a vacuous pass
    assert "属市级任务的7项" in text and "应报送的下级单位5个，已报送0个" in text
    assert "二〇二三年" in text.splitlines()[-1]


def test_small_plan_quarters_and_filters(store, tmp_path):
    ids = build_plan(store)
    for period in ("2023Q2", "2023Q3"):
        check_bulletin(store, ids["plan"], period, tmp_path / period)
    checked, text = check_bulletin(store, ids["plan"], "2023Q3", tmp_path / "c", category="困难群体救助")
    assert text.startswith("烈山区2023年民生实事（困难群体救助）第3季度进展情况通报")
    assert "属市级任务的1项（第12项）" in text
    checked, text = check_bulletin(store, ids["plan"], "2023Q3", tmp_path / "l", lead_unit="区商务局")
    assert "共2项" in text
    # 培训家政服务人员 3900 of 3750 at Q3: named with its rate
    assert "超额完成任务的已有1项：培训家政服务人员完成3900人次，完成率104%" in to_text(
        build_bulletin(store, ids["plan"], "2023Q3")
    )
    assert "二〇二三年十月八日" in to_text(build_bulletin(store, ids["plan"], "2023Q3"))


def test_monthly_township_office(store, tmp_path):
    with store.transaction():
        offices.set_self_office(store, "古饶镇", "township")
        plan = plans.add_plan(store, 2023, "古饶镇2023年民生实事", doc_number="古政〔2023〕5号")
        cat = plans.add_category(store, plan, "城乡建设", 0, seq="一")
        specs = [
            ("1", "新建口袋公园", 4, "个", (1, 2, 3)),
            ("2", "改造农村户厕", 12000, "户", (6000, 7000, 13000)),
            ("3", "培训高素质农民", 240, "人", (0, 0, 0)),
            ("4", "常态化开展文明实践活动", None, None, None),
        ]
        inds = {}
        for n, (seq, name, target, unit, values) in enumerate(specs):
            pid = plans.add_project(store, plan, seq, name + "。", n, cat, name=name, lead_units=["镇建设办"])
            if target:
                inds[seq] = (plans.add_indicator(store, pid, name, 0, target=target, unit=unit), values)
            progress.set_report_field(store, pid, "2023-08", "funds_planned", "10")
            progress.set_report_field(store, pid, "2023-08", "problems", "雨季影响施工")
    for k, month in enumerate(("2023-06", "2023-07", "2023-08")):
        with store.transaction():
            for ind, values in inds.values():
                if values[k]:
                    progress.set_actual(store, ind, month, values[k])
    for month in ("2023-06", "2023-07", "2023-08"):
        checked, text = check_bulletin(store, plan, month, tmp_path / month)
    assert text.splitlines()[0] == "古饶镇2023年民生实事8月份进展情况通报"
    assert "常态化开展的1项" in text and "截至8月底" in text and "序时进度为66.7%" in text
    assert "改造农村户厕完成1.3万户，完成率108.3%" in text
    assert "报送情况" not in text  # a township has no subordinates


def _township_network(tmp_path):
    """烈山区 and three townships; 古饶镇 and 宋疃镇 report 2023Q3, 烈山镇 does not; the district rolls up."""
    net = F.network(tmp_path, projects=5)
    figures = {"古饶镇": (1250, 100, 180, True, 90), "宋疃镇": (1300, 210, 120, False, 40)}
    towns = {}
    for name, (train, new, rehab, orphan, extra) in figures.items():
        t = net.townships[name]
        F.enter_progress(
            t,
            net.plan_id,
            {
                net.indicators["培训"]: train,
                net.indicators["新增"]: new,
                net.indicators["康复"]: rehab,
                net.indicators["孤儿"]: orphan,
                net.indicators["x3"]: extra,
                net.indicators["x4"]: extra // 3,
            },
        )
        towns[name] = export_progress(t, net.plan_id, F.PERIOD, tmp_path / f"{name}表")
        F.submit(net, name)
    rollup.set_due_date(net.district, F.PERIOD, F.DUE_AHEAD)
    results = import_folder(net.district, tmp_path / "邮件附件")
    assert [r.action for r in results] == ["accepted", "accepted"], [r.message for r in results]
    rollup.apply_consolidated(net.district, net.plan_id, F.PERIOD)
    return net, towns


def test_district_with_partial_reporting(tmp_path):
    net, towns = _township_network(tmp_path)
    try:
        checked, text = check_bulletin(net.district, net.plan_id, F.PERIOD, tmp_path / "区", towns=towns)
        assert "应报送的下级单位3个，已报送2个，其中按时报送2个、逾期报送0个；未报送1个（烈山镇）" in text
        assert "古饶镇分项进展" in text and "宋疃镇分项进展" in text and "烈山镇分项进展" not in text
        ranking = [ln for ln in text.splitlines() if ln.startswith("| 1 | ") or ln.startswith("| 2 | ")]
        assert any("古饶镇" in ln for ln in ranking) and any("宋疃镇" in ln for ln in ranking)
        # 古饶镇 is ahead on every task, so it ranks first by completion
        table = text[text.index("（二）完成情况排名") :]
        assert table.index("| 1 | 古饶镇") < table.index("| 2 | 宋疃镇")
        # and a township's own bulletin agrees with its own table
        check_bulletin(net.townships["古饶镇"], net.plan_id, F.PERIOD, tmp_path / "镇")
    finally:
        net.close()


def test_demo_district_after_roll_up(tmp_path):
    """The real demo plan: two townships report (late), three do not; the district applies the sums."""
    district = open_store(create_demo(tmp_path / "烈山区.msdesk"))
    d_ident = identity.create_identity(district, F.PASS)
    plan_id = plans.current_plan(district)["id"]
    down = export_tasks(district, tmp_path / "下发", F.PASS).path
    towns = {}
    for k, name in enumerate(("宋疃镇", "古饶镇")):
        t = create_store(tmp_path / f"{name}.msdesk")
        with t.transaction():
            offices.set_self_office(t, name, "township")
        ident = identity.create_identity(t, F.PASS)
        trust.add_certificate(t, d_ident.cert_pem, role="parent", confirm_fingerprint=d_ident.fingerprint)
        trust.add_certificate(district, ident.cert_pem, confirm_fingerprint=ident.fingerprint)
        assert import_tasks(t, down).ok
        with t.transaction():
            for ind in t.query(
                "SELECT i.* FROM indicators i JOIN projects p ON p.id = i.project_id"
                " WHERE p.plan_id = ? AND i.deleted = 0 AND i.target > 0",
                [plan_id],
            ):
                progress.set_actual(t, ind["id"], "2023Q3", round(ind["target"] * (0.5 + 0.3 * k)))
        towns[name] = export_progress(t, plan_id, "2023Q3", tmp_path / f"{name}表")
        export_submission(t, "2023Q3", tmp_path / "收件", F.PASS)
        t.close()
    import_folder(district, tmp_path / "收件")
    rollup.apply_consolidated(district, plan_id, "2023Q3")
    checked, text = check_bulletin(district, plan_id, "2023Q3", tmp_path / "区", towns=towns)
    assert "已报送2个，其中按时报送0个、逾期报送2个；未报送3个" in text
    assert text.count("分项进展") == 2
    district.close()


def test_edited_text_round_trips():
    text = (
        "烈山区2023年民生实事第3季度进展情况通报\n烈民生〔2023〕7号\n\n导语。\n一、总体情况\n正文，有改动。\n"
        "（一）已完成项目\n1. 第3项\n| 排名 | 单位 |\n| 1 | 古饶镇 |\n\n"
        "| 序号 | 项目 |\n| 3 | 家政 |\n\n烈山区\n二〇二三年十月八日\n"
    )
    b = from_text(text)
    assert [x.kind for x in b.blocks] == ["p", "h1", "p", "h2", "h3", "table", "table"]
    assert b.blocks[5].rows == [["排名", "单位"], ["1", "古饶镇"]]
    assert b.signature == "烈山区" and b.date_text == "二〇二三年十月八日" and b.doc_number == "烈民生〔2023〕7号"
    assert to_text(b) == text


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (12000, "人", "1.2万人"),
        (650, "人", "650人"),
        (24.807, "公里", "24.807公里"),
        (0.67, "万人", "0.67万人"),
        (19000, "元/人", "19000元/人"),
    ],
)
def test_figures_read_like_a_bulletin(value, unit, text):
    assert fmt.quantity(value, unit) == text


def test_percent_and_dates():
    assert [fmt.percent(x) for x in (0.5, 2.0, 0.625, 0.7142857)] == ["50%", "200%", "62.5%", "71.4%"]
    assert fmt.chinese_date(date(2023, 10, 8)) == "二〇二三年十月八日"
    assert fmt.chinese_date(date(2026, 12, 31)) == "二〇二六年十二月三十一日"
    assert fmt.chinese_date(date(2020, 1, 20)) == "二〇二〇年一月二十日"


def test_bad_period_and_filter_are_refused(store):
    ids = build_plan(store)
    with pytest.raises(ValidationError, match="不在2023年计划的年度内"):
        build_bulletin(store, ids["plan"], "2024Q1")
    with pytest.raises(ValidationError, match="没有名为“教育惠民”的类别"):
        build_bulletin(store, ids["plan"], "2023Q3", category="教育惠民")
