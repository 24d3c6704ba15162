"""Offices in temporary folders exchanging packages: one district, its townships.

Plain functions (no pytest fixtures) so the tests and the benchmark share them.
Every database is a real file built with the core API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from msdesk import identity, offices, plans, progress, trust
from msdesk.package import export_submission, export_tasks, import_tasks
from msdesk.store import Store, create_store

PASS = "烈山区口令2023"
TOWNSHIPS = ("古饶镇", "宋疃镇", "烈山镇")
PERIOD = "2023Q3"
# A due date that every package made during a test run meets (packages carry today's date; a due
# date may lie at most a year after today, msdesk.package.rollup.set_due_date).
DUE_AHEAD = (date.today() + timedelta(days=300)).isoformat()


@dataclass
class Network:
    root: Path
    district: Store
    plan_id: str
    indicators: dict  # name -> id
    projects: dict  # seq -> id
    township_ids: dict  # name -> district-side office id
    townships: dict = field(default_factory=dict)  # name -> Store
    task_package: Path | None = None

    def close(self):
        for s in [self.district, *self.townships.values()]:
            s.close()


def build_district(root: Path, townships=TOWNSHIPS, projects: int = 3) -> Network:
    """烈山区 with a small plan and each township's share of every numeric target."""
    root.mkdir(parents=True, exist_ok=True)
    s = create_store(root / "烈山区.msdesk", actor="区民生办")
    inds, projs, towns = {}, {}, {}
    with s.transaction():
        me = offices.set_self_office(s, "烈山区", "district", head="张主任", preparer="李干事", phone="0561-1234567")
        for name in townships:
            towns[name] = offices.add_office(s, name, "township", parent_id=me)
        plan = plans.add_plan(
            s, 2023, "烈山区2023年实施民生实事", issuing_office="烈山区民生办", doc_number="烈民生〔2023〕2号"
        )
        cat = plans.add_category(s, plan, "促进就业", 0, seq="一")
        p1 = plans.add_project(
            s, plan, "3", "培训家政服务人员3750人次，新增家政服务人员650人。", 0, cat, lead_units=["区商务局"]
        )
        inds["培训"] = plans.add_indicator(s, p1, "培训家政服务人员", 0, target=3750, unit="人次")
        inds["新增"] = plans.add_indicator(s, p1, "新增家政服务人员", 1, target=650, unit="人")
        p2 = plans.add_project(s, plan, "7", "为559名残疾人提供康复救助。", 1, cat, lead_units=["区残联"])
        inds["康复"] = plans.add_indicator(s, p2, "残疾人康复救助", 0, target=559, unit="名")
        p3 = plans.add_project(s, plan, "6", "孤儿应保尽保。", 2, cat, lead_units=["区民政局"])
        inds["孤儿"] = plans.add_indicator(s, p3, "孤儿保障", 0, kind="qualitative", target_text="应保尽保")
        projs.update({"3": p1, "7": p2, "6": p3})
        for n in range(3, projects):  # extra projects for the benchmark
            pid = plans.add_project(s, plan, str(n + 10), f"第{n + 10}项民生实事。", n, cat, lead_units=["区财政局"])
            projs[str(n + 10)] = pid
            inds[f"x{n}"] = plans.add_indicator(s, pid, f"指标{n + 10}", 0, target=100 * len(townships), unit="个")
        numeric = [i for k, i in inds.items() if k != "孤儿"]
        for ind in numeric:
            total = s.get("indicators", ind)["target"]
            share = total // len(townships)
            for k, name in enumerate(townships):
                last = k == len(townships) - 1
                plans.set_breakdown(s, ind, towns[name], target=total - share * k if last else share)
    identity.create_identity(s, PASS)
    return Network(root, s, plan, inds, projs, towns)


def add_township(net: Network, name: str, trust_it: bool = True) -> Store:
    """A township's own file with its identity; the two offices trust each other."""
    t = create_store(net.root / f"{name}.msdesk", actor=f"{name}填报员")
    with t.transaction():
        offices.set_self_office(t, name, "township", head=f"{name}镇长", preparer=f"{name}干事", phone="0561-7654321")
    ident = identity.create_identity(t, PASS)
    trust.add_certificate(
        t,
        identity.certificate(net.district).cert_pem,
        role="parent",
        confirm_fingerprint=identity.certificate(net.district).fingerprint,
    )
    if trust_it:
        trust.add_certificate(net.district, ident.cert_pem, confirm_fingerprint=ident.fingerprint)
    net.townships[name] = t
    return t


def send_tasks(net: Network) -> Path:
    net.task_package = export_tasks(net.district, net.root / "下发", PASS).path
    for t in net.townships.values():
        result = import_tasks(t, net.task_package)
        assert result.ok, result.message
    return net.task_package


def enter_progress(t: Store, plan_id: str, figures: dict, period: str = PERIOD, note: str = "按计划推进") -> None:
    """figures: indicator id -> actual (a number, or True / False for a qualitative done / not yet)."""
    with t.transaction():
        for ind, value in figures.items():
            if isinstance(value, bool):
                progress.set_qualitative(t, ind, period, actual_text="已全部保障" if value else "正在推进", done=value)
            else:
                progress.set_actual(t, ind, period, value)
        for pid in {t.get("indicators", i)["project_id"] for i in figures}:
            progress.set_report_field(t, pid, period, "progress_note", note)
        progress.set_signoff(t, period, report_date="2023-10-08")


def network(root: Path, townships=TOWNSHIPS, projects: int = 3) -> Network:
    net = build_district(root, townships, projects)
    for name in townships:
        add_township(net, name)
    send_tasks(net)
    return net


def submit(net: Network, name: str, out: Path | None = None):
    return export_submission(net.townships[name], PERIOD, out or (net.root / "邮件附件"), PASS)
