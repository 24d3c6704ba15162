"""Score the notice reader and parser against the corpus of real notice shapes.

The corpus lives in tests/data/notices (notices written for the tests, one per shape found in
real notices) and tests/data/seeds (real notices). Each document ``<name>.<ext>`` (.txt, .docx,
.pdf, .xlsx, .ofd) shares the truth file ``<name>.truth.json``; ``<name>.source.txt`` records where
the shape was seen.

Truth file::

    {"year": 2025 | null,
     "items": [{"match": "distinctive text of the item",  # found in the item's name+content
                "category": "促进就业" | null, "seq": "（3）" as written, "name": "项目名称" | null,
                "lead_units": ["区人社局"], "targets": [{"value": 0.8, "unit": "万人"}],
                "deadline": "12月底前" | ["5月底前动工", "12月底前"] | null,
                "task_level": "local" | "city" | "province" | "none"}]}

Scoring is per field and strict:
- an item is found when exactly one parsed project is given to it: the unclaimed project whose
  name+content contains its ``match`` text (whitespace and full/half width ignored), preferring
  the project whose text starts with it and whose number agrees;
- a found item that swallowed another truth item (that item's text is inside it and the item
  has no project of its own) is *glued*: it scores nothing;
- fields of a found item: found, 序号 (same text, or same number), lead units (same set; a space
  left inside a unit name is wrong),
  targets (same multiset of value+unit; 0.8 万人 = 8000 人), task level, deadline(s) (the set of
  the project's and its indicators' deadlines), and the name when the truth has one;
- the plan year is one more field when the truth states it;
- every parsed project that matches no truth item is invented and counts as a wholly wrong
  item (``ITEM_FIELDS`` wrong fields);
- a document whose truth says ``"refuse": true`` (a progress table given to the notice import)
  scores one field: right only when the import raises a MsdeskError whose message mentions 进度
  (it points the clerk to the progress import).

Run ``python -m tests.notice_corpus`` for the markdown table.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CORPUS_DIRS = (DATA / "notices", DATA / "seeds")
DOC_SUFFIXES = (".txt", ".docx", ".pdf", ".xlsx", ".ofd")
ITEM_FIELDS = ("found", "seq", "lead_units", "targets", "task_level", "deadline")
POOLED_MIN = 0.95
FILE_MIN = 0.85

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def norm(text) -> str:
    """Compare text the way a reader would: no spaces, full and half width alike."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(text or "")))


def exact(text) -> str:
    """Unit names, project names and deadlines: full/half width alike, but a space inside is wrong
    (区卫生健康 委员会 is PDF justification the reader must undo)."""
    return unicodedata.normalize("NFKC", str(text or "")).strip()


def _cn_number(text: str) -> int | None:
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def seq_value(seq) -> int | None:
    """The number a 序号 stands for: 7, 7., 7、, (7), （七）, 七、, ⑦ → 7; None for 十二-1 or nothing."""
    text = norm(seq).strip("().、,，:：[]【】第项")
    if not text:
        return None
    if len(text) == 1 and "\u2460" <= text <= "\u2473":
        return ord(text) - 0x2460 + 1
    if text.isdigit():
        return int(text)
    return _cn_number(text)


def _seq_equal(expected, got) -> bool:
    if norm(expected).strip(".、") == norm(got).strip(".、"):
        return True
    a, b = seq_value(expected), seq_value(got)
    return a is not None and a == b


def _target_key(value, unit) -> tuple[float, str] | None:
    if value is None:
        return None
    unit = norm(unit)
    value = float(value)
    if len(unit) > 1 and unit.startswith("万"):
        value, unit = value * 10000, unit[1:]
    return round(value, 4), unit


def _targets(project) -> Counter:
    keys = (_target_key(i.target, i.unit) for i in project.indicators if i.kind == "number")
    return Counter(k for k in keys if k is not None)


def _truth_targets(item) -> Counter:
    keys = (_target_key(t["value"], t.get("unit")) for t in item.get("targets") or [])
    return Counter(k for k in keys if k is not None)


def _deadlines(project) -> set[str]:
    found = [getattr(project, "deadline", None)]
    found += [getattr(ind, "deadline", None) for ind in project.indicators]
    return {exact(d) for d in found if d}


def _truth_deadlines(item) -> set[str]:
    value = item.get("deadline")
    if value is None:
        return set()
    values = value if isinstance(value, list) else [value]
    return {exact(v) for v in values if v}


def _text(project) -> str:
    return norm((project.name or "") + (project.content or ""))


@dataclass
class ItemScore:
    match: str
    status: str  # 'ok' | 'missing' | 'glued'
    fields: dict[str, bool] = field(default_factory=dict)


@dataclass
class FileScore:
    path: Path
    correct: int = 0
    total: int = 0
    items: list[ItemScore] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)
    year_ok: bool | None = None
    error: str | None = None
    seconds: float = 0.0
    refuse: bool = False  # the truth says the import must refuse this document

    @property
    def ratio(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def count(self, status: str) -> int:
        return sum(1 for it in self.items if it.status == status)

    def wrong_fields(self) -> Counter:
        return Counter(name for it in self.items for name, ok in it.fields.items() if not ok)


def load_truth(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _claim(items, texts, projects) -> dict[int, int]:
    """Truth item index → project index; each project goes to one item at most."""
    taken: dict[int, int] = {}
    used: set[int] = set()
    for ti, item in enumerate(items):
        key = norm(item["match"])
        best = None
        for pj, text in enumerate(texts):
            pos = text.find(key)
            if pj in used or pos < 0:
                continue
            rank = (pos > 0, not _seq_equal(item.get("seq"), projects[pj].seq), pos, pj)
            best = min(best, rank) if best else rank
        if best:
            taken[ti] = best[-1]
            used.add(best[-1])
    return taken


def score_plan(plan, truth: dict, path: Path | None = None) -> FileScore:
    """Score one ParsedPlan against its truth (see the module docstring for the rules)."""
    result = FileScore(path=Path(path or "?"))
    items = truth["items"]
    projects = list(plan.projects) if plan is not None else []
    texts = [_text(p) for p in projects]
    taken = _claim(items, texts, projects)
    keys = [norm(it["match"]) for it in items]
    for ti, item in enumerate(items):
        wanted = list(ITEM_FIELDS) + (["name"] if item.get("name") else [])
        pj = taken.get(ti)
        if pj is None:
            result.items.append(ItemScore(item["match"], "missing", {f: False for f in wanted}))
            continue
        swallowed = [
            oi
            for oi, key in enumerate(keys)
            if oi != ti and oi not in taken and key and key in texts[pj] and key not in keys[ti]
        ]
        if swallowed:
            result.items.append(ItemScore(item["match"], "glued", {f: False for f in wanted}))
            continue
        project = projects[pj]
        fields = {
            "found": True,
            "seq": _seq_equal(item.get("seq"), project.seq),
            "lead_units": {exact(u) for u in item.get("lead_units") or []} == {exact(u) for u in project.lead_units},
            "targets": _truth_targets(item) == _targets(project),
            "task_level": (item.get("task_level") or "local") == project.task_level,
            "deadline": _truth_deadlines(item) == _deadlines(project),
        }
        if item.get("name"):
            fields["name"] = exact(item["name"]) == exact(project.name)
        result.items.append(ItemScore(item["match"], "ok", fields))
    claimed = set(taken.values())
    result.invented = [f"{p.seq} {p.content[:30]}" for pj, p in enumerate(projects) if pj not in claimed]
    result.correct = sum(sum(it.fields.values()) for it in result.items)
    result.total = sum(len(it.fields) for it in result.items) + len(ITEM_FIELDS) * len(result.invented)
    if truth.get("year") is not None:
        result.year_ok = plan is not None and plan.year == truth["year"]
        result.correct += int(result.year_ok)
        result.total += 1
    return result


def corpus_documents() -> list[tuple[Path, Path]]:
    """(document, truth file) for every document of the corpus, sorted."""
    found = []
    for folder in CORPUS_DIRS:
        for truth in sorted(folder.glob("*.truth.json")):
            stem = truth.name[: -len(".truth.json")]
            for suffix in DOC_SUFFIXES:
                doc = folder / f"{stem}{suffix}"
                if doc.is_file():
                    found.append((doc, truth))
    return found


def score_file(doc: Path, truth_path: Path) -> FileScore:
    from msdesk.errors import MsdeskError
    from msdesk.notice import parse_notice, read_notice_file

    truth = load_truth(truth_path)
    started = time.perf_counter()
    plan, error, refused = None, None, False
    try:
        plan = parse_notice(read_notice_file(doc))
    except Exception as exc:  # a refused or crashed file scores 0 on every field, and says why
        error = f"{type(exc).__name__}: {exc}"[:160]
        refused = isinstance(exc, MsdeskError) and "进度" in str(exc)
    if truth.get("refuse"):
        result = FileScore(path=doc, total=1, refuse=True)
        result.correct = int(refused)
        result.error = error if not result.correct else None
        result.invented = [f"{p.seq} {p.content[:30]}" for p in plan.projects] if plan is not None else []
        result.seconds = time.perf_counter() - started
        return result
    result = score_plan(plan, truth, doc)
    result.error = error
    result.seconds = time.perf_counter() - started
    return result


def score_corpus() -> list[FileScore]:
    return [score_file(doc, truth) for doc, truth in corpus_documents()]


def pooled(results: list[FileScore]) -> float:
    total = sum(r.total for r in results)
    return sum(r.correct for r in results) / total if total else 0.0


def markdown_table(results: list[FileScore]) -> str:
    lines = [
        "| file | items | found | glued | invented | fields right | score | most often wrong |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        name = f"{r.path.parent.name}/{r.path.name}"
        wrong = ", ".join(f"{k} {v}" for k, v in r.wrong_fields().most_common(3) if k != "found")
        if r.refuse:
            wrong = "refused" if r.correct else f"not refused ({r.error or f'{len(r.invented)} projects read'})"
        elif r.error:
            wrong = f"error: {r.error}"
        lines.append(
            f"| {name} | {len(r.items)} | {r.count('ok')} | {r.count('glued')} | {len(r.invented)} "
            f"| {r.correct}/{r.total} | {r.ratio:.0%} | {wrong} |"
        )
    correct, total = sum(r.correct for r in results), sum(r.total for r in results)
    lines.append(
        f"| **pooled** ({len(results)} files) | {sum(len(r.items) for r in results)} "
        f"| {sum(r.count('ok') for r in results)} | {sum(r.count('glued') for r in results)} "
        f"| {sum(len(r.invented) for r in results)} | {correct}/{total} | **{pooled(results):.1%}** | |"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    results = score_corpus()
    print(markdown_table(results))
    if "-v" in argv:
        for r in results:
            for it in r.items:
                bad = [k for k, ok in it.fields.items() if not ok]
                if bad:
                    print(f"{r.path.name}: {it.match} [{it.status}] wrong: {', '.join(bad)}")
            for inv in r.invented:
                print(f"{r.path.name}: invented {inv}")
    ok = pooled(results) >= POOLED_MIN and all(r.ratio >= FILE_MIN for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
