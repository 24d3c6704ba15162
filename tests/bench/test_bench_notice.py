"""Speed of the notice parser: a 50-item notice should parse in well under 50 ms."""
from __future__ import annotations

from msdesk.notice import parse_notice
from tests._notice_fixtures import LIESHAN, YAOHAI, seed_text


def test_parse_lieshan_50_items(benchmark):
    text = seed_text(LIESHAN)
    plan = benchmark(parse_notice, text)
    assert len(plan.projects) == 50


def test_parse_yaohai_repeated_attachments(benchmark):
    text = seed_text(YAOHAI)
    plan = benchmark(parse_notice, text)
    assert len(plan.projects) == 52
