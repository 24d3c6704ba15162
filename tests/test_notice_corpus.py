"""The notice import on the corpus of real notice shapes: ≥95% of fields right overall, ≥85% on every file.

tests/notice_corpus.py holds the scorer; `python -m tests.notice_corpus -v` prints the table and
every wrong field.
"""

from __future__ import annotations

import copy

import pytest

from msdesk.notice.model import ParsedIndicator, ParsedPlan, ParsedProject
from tests import notice_corpus as nc


@pytest.fixture(scope="module")
def results():
    scored = nc.score_corpus()
    print("\n" + nc.markdown_table(scored))
    return scored


def test_corpus_is_broad():
    docs = nc.corpus_documents()
    suffixes = [doc.suffix for doc, _ in docs]
    notices = [doc for doc, _ in docs if doc.parent.name == "notices" and doc.suffix == ".txt"]
    assert len(notices) >= 15
    assert suffixes.count(".docx") >= 3 and suffixes.count(".pdf") >= 3 and suffixes.count(".xlsx") >= 2
    for _doc, truth in docs:
        stem = truth.name[: -len(".truth.json")]
        assert (truth.parent / f"{stem}.source.txt").is_file(), stem
        data = nc.load_truth(truth)
        items = data["items"]
        assert items or data.get("refuse"), stem
        keys = [nc.norm(it["match"]) for it in items]
        assert len(set(keys)) == len(keys), stem


def test_pooled_score(results):
    assert nc.pooled(results) >= nc.POOLED_MIN, nc.markdown_table(results)


def test_every_file_score(results):
    low = [f"{r.path.name} {r.ratio:.0%} {r.error or ''}" for r in results if r.ratio < nc.FILE_MIN]
    assert not low, "\n".join(low)


# The scorer itself: a perfect plan scores 100%, and invented or glued items cost.


def _plan_from_truth(truth: dict) -> ParsedPlan:
    plan = ParsedPlan(year=truth.get("year"))
    for item in truth["items"]:
        project = ParsedProject(
            seq=item["seq"] or "",
            content=item["match"] + "。",
            name=item.get("name"),
            lead_units=list(item["lead_units"]),
            task_level=item["task_level"],
        )
        project.indicators = [ParsedIndicator(name="", target=t["value"], unit=t["unit"]) for t in item["targets"]]
        deadline = item.get("deadline")
        if isinstance(deadline, list):
            for text in deadline:
                project.indicators.append(ParsedIndicator(name="", kind="qualitative", target=None))
                project.indicators[-1].deadline = text
        else:
            project.deadline = deadline
        plan.projects.append(project)
    return plan


def _truth():
    _, truth_path = next((d, t) for d, t in nc.corpus_documents() if d.name == "cells-one-per-line.txt")
    return nc.load_truth(truth_path)


def test_scorer_gives_a_faithful_plan_full_marks():
    truth = _truth()
    score = nc.score_plan(_plan_from_truth(truth), truth)
    assert score.correct == score.total and not score.invented


def test_scorer_counts_invented_items_against_the_file():
    truth = _truth()
    plan = _plan_from_truth(truth)
    plan.projects.append(ParsedProject(seq="99", content="一条通知里没有的项目"))
    score = nc.score_plan(plan, truth)
    assert score.invented and score.total - score.correct == len(nc.ITEM_FIELDS)


def test_scorer_gives_glued_rows_nothing():
    truth = _truth()
    plan = _plan_from_truth(truth)
    first, second = plan.projects[0], plan.projects.pop(1)
    first.content += second.content
    score = nc.score_plan(plan, truth)
    assert [it.status for it in score.items[:2]] == ["glued", "missing"]
    assert not any(score.items[0].fields.values())


def test_scorer_is_strict_on_each_field():
    truth = _truth()
    plan = _plan_from_truth(truth)
    wrong = copy.deepcopy(plan)
    wrong.projects[0].lead_units = wrong.projects[0].lead_units[:1] + ["别的单位"]
    wrong.projects[1].indicators = []
    wrong.projects[2].task_level = "none"
    wrong.year = None
    score = nc.score_plan(wrong, truth)
    assert score.total - score.correct == 4
    assert nc.seq_value("（十二）") == 12 and nc.seq_value("⑦") == 7 and nc.seq_value("3、") == 3
