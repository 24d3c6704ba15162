"""Check every figure of a bulletin's text against the exported 进展情况表 and the ledger.

The expected figures are read back from the .xlsx that msdesk export writes (what the
office signs) and from plain SQL on the ledger, never from msdesk.bulletin. Each
statement of the text is matched, its figures compared, and then cut out of the line;
at the end no digit may be left over anywhere in the body: a figure the checker does
not know about fails the test.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import openpyxl

from msdesk.bulletin import build_bulletin, short_name, to_text
from msdesk.export import export_tables
from msdesk.overview import project_rows
from msdesk.periods import parse_period

PCT = r"(\d+(?:\.\d)?)%"
NUM = r"(\d+(?:\.\d+)?)(万?)"


def pct(ratio: float) -> float:
    """A ratio as the printed table shows it (75.0%, 11.2%)."""
    return float(f"{ratio * 100:.1f}")


def read_progress_table(path: Path) -> dict:
    """Projects (seq -> rows of indicators), the status tally and the 合计 row of an exported table."""
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "序号")
    tally_line = next(r[0] for r in rows[:head] if r[0] and "（共" in str(r[0]))
    tally = {s: int(n) for s, n in re.findall(r"(未启动|序时推进|滞后|已完成|无任务|常态化开展) (\d+) 项", tally_line)}
    projects, order, total, current = defaultdict(list), [], None, None
    for r in rows[head + 2 :]:
        if r[1] == "合计":
            total = r[9:12]
            break
        if r[0] is None and r[2] is None:
            continue
        if r[0] is not None:
            current = str(r[0])
            order.append(current)
        projects[current].append({})
        projects[current][-1].update(
            indicator=r[2], unit=r[3] or "", target=r[4], actual=r[5], completion=r[6], expected=r[7], status=r[8] or ""
        )
    return dict(projects=projects, order=order, tally=tally, total=total)


def export_progress(store, plan_id, period, out: Path, category=None, lead_unit=None) -> dict:
    path = export_tables(
        store, plan_id, period, out, tables=["progress"], formats=["xlsx"], category=category, lead_unit=lead_unit
    )[0]
    return read_progress_table(path)


def project_completion(inds: list[dict]) -> float | None:
    """Mean of the indicators' printed completions, each capped at 100 % (how the notice scores a project)."""
    nums = [min(i["completion"], 1.0) for i in inds if isinstance(i["completion"], (int, float))]
    return sum(nums) / len(nums) if nums else None


def lights(inds) -> set:
    return {m for i in inds for m in re.findall(r"(红灯|黄灯|绿灯)", i["status"])}


def fmt_qty(value, unit: str) -> str:
    value = float(value)
    if unit in ("人", "人次", "户", "名", "个", "件", "场", "次", "家") and value >= 10000:
        return f"{value / 10000:.2f}".rstrip("0").rstrip(".") + f"万{unit}"
    return f"{value:.4f}".rstrip("0").rstrip(".") + unit


class Checker:
    def __init__(self, store, plan_id, period, table: dict, text: str, towns: dict | None = None):
        self.s, self.plan_id, self.period = store, plan_id, parse_period(period)
        self.t, self.towns = table, towns or {}
        self.lines = text.splitlines()
        self.checked = Counter()
        self.plan = store.get("plans", plan_id)
        self.me = store.query("SELECT * FROM offices WHERE is_self = 1")[0]
        self.proj = {
            p["seq"]: p for p in store.query("SELECT * FROM projects WHERE plan_id = ? AND deleted = 0", [plan_id])
        }
        self.rows = {r.project["seq"]: r for r in project_rows(store, plan_id, self.period)}

    # -- helpers ------------------------------------------------------------
    def inds(self, seq) -> list[dict]:
        return self.t["projects"][seq]

    def no_task(self, seq) -> bool:
        return self.inds(seq)[0]["status"] == "无任务"

    def ongoing(self, seq) -> bool:
        first = self.inds(seq)[0]
        return not self.no_task(seq) and (first["status"] == "常态化开展" or first["indicator"] == "—")

    def attention(self) -> set:
        return {s for s in self.t["order"] if not self.no_task(s) and lights(self.inds(s)) & {"红灯", "黄灯"}}

    def cut(self, i: int, pattern: str, line: str | None = None):
        """Match pattern in line i, remove the match, return it (assert it is there)."""
        line = self.lines[i] if line is None else line
        m = re.search(pattern, line)
        assert m, f"第{i + 1}行没有“{pattern}”：{line}"
        self.lines[i] = line[: m.start()] + "§" + line[m.end() :]
        self.checked[pattern[:6]] += 1
        return m

    # -- the walk -----------------------------------------------------------
    def run(self) -> Counter:
        p = self.period
        title = self.title = self.lines[0]
        assert title.startswith(f"{self.me['name']}{p.year}年民生实事") and title.endswith("进展情况通报")
        name = f"第{p.number}季度" if p.kind == "quarter" else f"{p.number}月份"
        assert name in title
        self.lines[0] = self.lines[1] = ""
        self._names()
        for i, line in enumerate(self.lines):
            if line.startswith("为及时掌握"):
                self.cut(i, rf"截至{p.year}年{p.end_month}月底")
            elif line.startswith("《"):
                self._overall(i)
            elif line.startswith("已完成的"):
                self._done(i)
            elif line.startswith("超额完成任务的已有"):
                self._exceeding(i)
            elif line.startswith("按序时进度推进的"):
                m = self.cut(i, r"按序时进度推进的(\d+)项")
                assert int(m.group(1)) == self.t["tally"].get("序时推进", 0)
            elif line.startswith("滞后于序时进度的"):
                self._lagging_list(i)
            elif re.match(r"\d+\. 〔", line):
                self._lagging_item(i)
            elif line.startswith("本期报送截止日期"):
                self._reporting(i)
            elif line.startswith("计划投资"):
                self._funds(i)
            elif line.startswith("|"):
                self._table_line(i)
        for i, line in enumerate(self.lines):  # references to projects (〔seq〕) are not figures
            for seq in re.findall(r"〔(\d+)〕", line):
                assert seq in self.proj, seq
            self.lines[i] = re.sub(r"〔\d+〕", "", line)
        left = [ln for ln in self.lines if re.search(r"\d", ln)]
        assert not left, f"未核对的数字：{left}"
        return self.checked

    def _names(self) -> None:
        """Project names are words, not figures: cut "第N项<name>" once checked against the ledger."""
        names = sorted(((seq, short_name(r)) for seq, r in self.rows.items()), key=lambda x: -len(x[1]))
        for i, line in enumerate(self.lines):
            for seq, nm in names:
                if f"第{seq}项{nm}" in line:
                    line = line.replace(f"第{seq}项{nm}", f"〔{seq}〕")
            self.lines[i] = line
        # the name alone in a township's table row
        for i, line in enumerate(self.lines):
            if (
                line.startswith("| ")
                and (cells := [c.strip() for c in line.strip("|").split("|")])
                and cells[0] in self.rows
                and len(cells) > 1
                and cells[1] == short_name(self.rows[cells[0]])
            ):
                self.lines[i] = line.replace(f"| {cells[1]} |", "| 〔名〕 |", 1)

    def _overall(self, i: int) -> None:
        t, order = self.t, self.t["order"]
        m = self.cut(i, rf"《{re.escape(self.plan['title'])}》共(\d+)项")
        assert int(m.group(1)) == len(order)
        if "（" not in self.title:  # no filter: every project of the plan in the ledger
            assert len(order) == len(self.proj)
        by_label = defaultdict(set)
        for s in order:
            if self.no_task(s):
                by_label[self.inds(s)[0]["indicator"]].add(s)
        for label, seqs in by_label.items():
            m = self.cut(i, rf"{re.escape(label)}的(\d+)项（第([\d、]+)项）")
            assert int(m.group(1)) == len(seqs) and set(m.group(2).split("、")) == seqs
        ongoing = [s for s in order if self.ongoing(s)]
        if ongoing:
            m = self.cut(i, r"常态化开展的(\d+)项")
            assert int(m.group(1)) == len(ongoing)
            for s in ongoing:  # a marked one with a figure shows its completion (never judged)
                comp = project_completion(self.inds(s))
                if comp is not None:
                    m = self.cut(i, r"（完成率([\d.]+)%）")
                    assert float(m.group(1)) == pct(comp)
        scored = len(order) - sum(map(len, by_label.values())) - len(ongoing)
        m = self.cut(i, r"(其余)?(\d+)项中，截至(\d+)月底")
        assert int(m.group(2)) == scored and int(m.group(3)) == self.period.end_month
        expect = dict(t["tally"])
        guessed = [s for s in ongoing if self.inds(s)[0]["status"] != "常态化开展"]  # no indicator, not marked
        expect["未启动"] = expect.get("未启动", 0) - len(guessed)
        for label in ("已完成", "序时推进", "滞后", "未启动"):
            found = re.search(rf"(?<![于的]){label}(\d+)项", self.lines[i])
            assert (int(found.group(1)) if found else 0) == expect.get(label, 0), label
            if found:
                self.cut(i, rf"{label}(\d+)项")
        m = self.cut(i, r"本期序时进度为" + PCT)
        printed = [x["expected"] for s in order for x in self.inds(s) if isinstance(x["expected"], (int, float))]
        assert printed and all(float(m.group(1)) == pct(e) for e in printed)  # the table's 序时进度 column

    def _done(self, i: int) -> None:
        m = self.cut(i, r"已完成的(\d+)项：([^。]*)。")
        seqs = re.findall(r"〔(\d+)〕", m.group(2))
        done = {
            s
            for s in self.t["order"]
            if not self.no_task(s)
            and not self.ongoing(s)
            and all(x["status"].startswith("已完成") for x in self.inds(s))
        }
        assert int(m.group(1)) == len(seqs) == self.t["tally"].get("已完成", 0) and set(seqs) == done

    def _exceeding(self, i: int) -> None:
        over = {
            (s, x["indicator"]): x
            for s in self.t["order"]
            for x in self.inds(s)
            if isinstance(x["completion"], (int, float)) and x["completion"] > 1
        }
        m = self.cut(i, r"超额完成任务的已有(\d+)项")
        assert int(m.group(1)) == len({s for s, _ in over})
        for (_s, name), x in over.items():
            m = self.cut(i, rf"{re.escape(name)}完成{re.escape(fmt_qty(x['actual'], x['unit']))}，完成率{PCT}")
            assert float(m.group(1)) == pct(x["completion"])
        assert len(re.findall("完成率", self.lines[i])) == 0

    def _lagging_list(self, i: int) -> None:
        m = self.cut(i, r"滞后于序时进度的(\d+)项")
        expected = self.attention()
        assert int(m.group(1)) == len(expected)
        found = set()
        for seq in expected:
            comp = project_completion(self.inds(seq))
            if comp is None:
                self.cut(i, rf"〔{seq}〕（未报送完成数）")
            else:
                m = self.cut(i, rf"〔{seq}〕（完成率{PCT}）")
                assert abs(float(m.group(1)) - pct(comp)) <= 0.051, seq
            found.add(seq)
        assert found == expected

    def _lagging_item(self, i: int) -> None:
        m = self.cut(i, r"^(\d+)\. 〔(\d+)〕（牵头单位：([^）]*)）")
        seq = m.group(2)
        assert seq in self.attention()
        leads = [
            u["unit_name"]
            for u in self.s.query(
                "SELECT unit_name FROM project_units WHERE project_id = ? AND role = 'lead' AND deleted = 0"
                " ORDER BY position",
                [self.proj[seq]["id"]],
            )
        ]
        assert m.group(3) == ("、".join(leads) or "未指定")
        inds, j = self.inds(seq), i + 1
        comp = project_completion(inds)
        expected = pct(self.period.expected)
        if comp is None:
            self.cut(j, rf"尚未报送完成数，序时进度{PCT}")
        else:
            m = self.cut(j, rf"完成率{PCT}，序时进度{PCT}(，相差(\d+(?:\.\d)?)个百分点)?")
            assert abs(float(m.group(1)) - pct(comp)) <= 0.051 and float(m.group(2)) == expected
            gap = expected - float(m.group(1))
            assert (m.group(4) is None and gap <= 0.05) or abs(float(m.group(4)) - gap) <= 0.051
        light = re.search(r"状态为[^（]*（(.灯)）", self.lines[j]).group(1)
        worst = max(lights(inds), key=["绿灯", "黄灯", "红灯"].index)
        assert light == worst
        if len(inds) > 1:
            m = self.cut(j, r"其中“(.+?)”目标([^，]+)，(完成([^，。]+)|尚未报送完成数)(，完成率" + PCT + ")?。")
            x = next(x for x in inds if x["indicator"] == m.group(1))
            assert worst in x["status"]
            if isinstance(x["target"], (int, float)):
                assert m.group(2) == fmt_qty(x["target"], x["unit"])
                self.lines[j] = self.lines[j].replace(m.group(2), "")
            if m.group(4):
                assert m.group(4) == fmt_qty(x["actual"], x["unit"])
                self.lines[j] = self.lines[j].replace(m.group(4), "")
            if m.group(6):
                assert float(m.group(6)) == pct(x["completion"])
        rep = self.s.query(
            "SELECT r.* FROM project_reports r JOIN periods d ON d.id = r.period_id"
            " WHERE r.project_id = ? AND d.code = ? AND r.office_id = ? AND r.deleted = 0",
            [self.proj[seq]["id"], self.period.code, self.me["id"]],
        )
        rep = rep[0] if rep else {}
        for k, (label, key) in enumerate((("存在问题：", "problems"), ("下一步计划：", "next_steps")), 2):
            line = self.lines[i + k]
            assert line.startswith(label)
            text = (rep.get(key) or "").strip()
            assert line[len(label) :] == (text if not text or text[-1] in "。！？；.!?" else text + "。") or (
                not text and line.endswith("（未填写）")
            )
            self.lines[i + k] = label  # the clerk's own words may hold any figure

    def _reporting(self, i: int) -> None:
        due = self.s.query("SELECT due_date FROM periods WHERE code = ?", [self.period.code])
        due = date.fromisoformat(due[0]["due_date"]) if due and due[0]["due_date"] else self.period.due_date()
        self.cut(i, rf"本期报送截止日期为{due.year}年{due.month}月{due.day}日")
        subs = self.s.query("SELECT * FROM offices WHERE parent_id = ? AND deleted = 0", [self.me["id"]])
        label = {}
        for o in subs:
            got = self.s.query(
                "SELECT * FROM submissions WHERE kind = 'submission' AND office_id = ? AND"
                " period_code = ? AND status != 'superseded' ORDER BY version DESC",
                [o["id"], self.period.code],
            )
            if not got:
                label[o["name"]] = "missing"
            elif got[0]["status"] == "returned":
                label[o["name"]] = "returned"
            else:
                made = (got[0]["created_at_package"] or got[0]["received_at"])[:10]
                label[o["name"]] = "on_time" if made <= due.isoformat() else "late"
        c = Counter(label.values())
        m = self.cut(i, r"应报送的下级单位(\d+)个，已报送(\d+)个，其中按时报送(\d+)个、逾期报送(\d+)个")
        assert [int(g) for g in m.groups()] == [len(subs), c["on_time"] + c["late"], c["on_time"], c["late"]]
        if c["missing"]:
            m = self.cut(i, r"未报送(\d+)个（([^）]*)）")
            assert int(m.group(1)) == c["missing"]
            assert set(m.group(2).split("、")) == {n for n, v in label.items() if v == "missing"}
        if c["returned"]:
            m = self.cut(i, r"已退回(\d+)个")
            assert int(m.group(1)) == c["returned"]
        self.labels = label

    def _table_line(self, i: int) -> None:
        cells = [c.strip() for c in self.lines[i].strip("|").split("|")]
        if cells[0] in ("排名", "序号"):
            self.lines[i] = ""
            return
        if len(cells) == 4 and cells[3] in ("按时报送", "逾期报送", "未按时报送", "未报送", "已退回"):
            self._timeliness_row(i, cells)
        elif len(cells) == 8:
            self._ranking_row(i, cells)
        elif len(cells) == 4:
            self._township_row(i, cells)

    def _timeliness_row(self, i: int, cells) -> None:
        o = self.s.query("SELECT id FROM offices WHERE name = ?", [cells[1]])[0]
        got = self.s.query(
            "SELECT * FROM submissions WHERE kind = 'submission' AND office_id = ? AND period_code = ?"
            " AND status != 'superseded' ORDER BY version DESC",
            [o["id"], self.period.code],
        )
        if got and got[0]["status"] != "returned":
            assert cells[2] == (got[0]["created_at_package"] or got[0]["received_at"])[:10]
            assert cells[0].isdigit()
        self.lines[i] = ""

    def _township_row(self, i: int, cells) -> None:
        """A project of a township's table: its completion as the township's own 进展情况表 gives it."""
        town = self.current_town(i)
        own = self.towns[town]["projects"][cells[0]]
        comp = project_completion(own)
        assert cells[2] == "—" if comp is None else abs(float(cells[2].rstrip("%")) - pct(comp)) <= 0.051
        worst = max(lights(own) or {"绿灯"}, key=["绿灯", "黄灯", "红灯"].index)
        assert worst in cells[3] or "灯" not in cells[3]
        self.town_rows[town].append((cells[0], comp, cells[3]))
        self.lines[i] = ""

    def current_town(self, i: int) -> str:
        for j in range(i, -1, -1):
            m = re.match(r"（[一二三四五六七八九十]+）(.+)分项进展$", self.lines[j])
            if m:
                return m.group(1)
        raise AssertionError("表格前没有单位名")

    def _ranking_row(self, i: int, cells) -> None:
        self.ranking.append(cells)
        self.lines[i] = ""

    def _funds(self, i: int) -> None:
        planned, received, spent = (float(v or 0) for v in self.t["total"])
        m = self.cut(i, r"计划投资" + NUM + r"元，到位资金" + NUM + r"元")
        assert float(m.group(1)) == round(planned, 2) and float(m.group(3)) == round(received, 2)
        if planned:
            m = self.cut(i, r"到位率" + PCT)
            assert float(m.group(1)) == pct(received / planned)
        m = self.cut(i, r"已支出资金" + NUM + r"元")
        assert float(m.group(1)) == round(spent, 2)
        if received:
            m = self.cut(i, r"支出率" + PCT)
            assert float(m.group(1)) == pct(spent / received)


def check_bulletin(
    store, plan_id, period, out: Path, towns: dict | None = None, category=None, lead_unit=None, today=None
) -> Counter:
    """Build the bulletin and check it; towns: township name -> its own exported 进展情况表 (read_progress_table)."""
    text = to_text(build_bulletin(store, plan_id, period, category=category, lead_unit=lead_unit, today=today))
    table = export_progress(store, plan_id, period, out, category, lead_unit)
    c = Checker(store, plan_id, period, table, text, towns)
    c.town_rows, c.ranking = defaultdict(list), []
    checked = c.run()
    for cells in c.ranking:  # each office's ranking row sums up its own table above
        rows = c.town_rows[cells[1]]
        comps = [min(x, 1.0) for _, x, _ in rows if x is not None]
        assert cells[2] == f"{len(rows)}项"
        assert cells[3] == f"{sum(1 for *_, s in rows if s.startswith('已完成'))}项"
        if comps:
            assert abs(float(cells[7].rstrip("%")) - pct(sum(comps) / len(comps))) <= 0.051
    return checked, text
