"""Findings that point at another place carry it (`Finding.related`; editors show it beside them)."""

from __future__ import annotations

from newsctl.article import Span
from newsctl.findings import Related
from tests.conftest import FRONT, lint


def related(text: str, code: str, now: str | None = None) -> list[tuple[Related, ...]]:
    return [f.related for f in lint(text, select=[code], now=now)]


def test_duplicate_heading_points_at_the_first():
    text = FRONT + "Lead.\n\n## Reaction\n\nWords.\n\n## Reaction\n\nMore.\n"
    assert related(text, "S004") == [(Related(Span(10, 1, 10, 12), "The first heading with this text"),)]


def test_date_rules_point_at_the_date_they_compare_with():
    date_value = Related(Span(3, 7, 3, 32), "The publication 'date' it is compared with")
    updated = FRONT.replace("author:", "updated: 2024-03-05T09:00:00+01:00\nauthor:") + "Text.\n"
    assert related(updated, "D005") == [(date_value,)]
    embargo = FRONT.replace("author:", "status: published\nembargo: 2024-03-07T09:00:00+01:00\nauthor:") + "Text.\n"
    assert related(embargo, "D007") == [(date_value,)]
    title = FRONT.replace("Council approves budget", "Council approves 2023 budget") + "Text.\n"
    assert related(title, "D010") == [(date_value,)]


def test_mixed_date_formats_point_at_the_first_date_in_the_main_format():
    text = FRONT + "The bill passed on March 6, 2024 and on March 7, 2024 and takes effect on 2024-04-01.\n"
    assert related(text, "D013") == [(Related(Span(8, 20, 8, 33), "The first date written month-day-year"),)]


def test_related_places_stay_out_of_the_lint_json():
    text = FRONT + "Lead.\n\n## Reaction\n\nWords.\n\n## Reaction\n\nMore.\n"
    [finding] = lint(text, select=["S004"])
    assert "related" not in finding.to_dict()
