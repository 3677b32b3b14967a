"""The small shared helpers: one rule each, in one place."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsctl import rulebook
from newsctl.export.batch import FAILED, SKIPPED, Item
from newsctl.export.summary import item_lines, located
from newsctl.report.rules import explain_text, rules_json, rules_text
from newsctl.timeutil import as_utc_if_naive
from newsctl.urls import beside, with_trailing_slash


def test_a_naive_time_means_utc_and_an_offset_is_kept():
    assert as_utc_if_naive(datetime(2024, 3, 6, 9, 0)) == datetime(2024, 3, 6, 9, 0, tzinfo=timezone.utc)
    cet = timezone(timedelta(hours=1))
    assert as_utc_if_naive(datetime(2024, 3, 6, 9, 0, tzinfo=cet)).utcoffset() == timedelta(hours=1)


def test_base_url_with_a_trailing_slash_keeps_its_directory():
    assert with_trailing_slash("https://example.com/news") == "https://example.com/news/"
    assert with_trailing_slash("https://example.com/news/") == "https://example.com/news/"
    assert beside("https://example.com/news", "feed 1.xml") == "https://example.com/news/feed%201.xml"


def test_failures_are_located_and_listed_once_for_export_and_feed():
    assert located("a.md", "line 2, column 5: bad date") == "a.md:2:5: bad date"
    assert located("a.md", "line 2: bad date") == "a.md:2:1: bad date"
    assert located("a.md", "slug taken") == "a.md: slug taken"
    skipped, failed = Item("d.md", SKIPPED, "draft"), Item("f.md", FAILED, "line 3: bad")
    assert item_lines([skipped], [failed], [("w.md", "no summary")]) == [
        "Skipped:", "  d.md: draft", "Failed:", "  f.md:3:1: bad", "Warnings:", "  w.md: no summary",
    ]
    assert item_lines([], [], []) == []


def test_rule_rendering_lives_below_the_cli():
    rules = rulebook.all_rules()
    assert rules_text(rules).splitlines()[0].startswith("M001  unreadable-file")
    assert '"code": "M001"' in rules_json(rules)
    text = explain_text(rulebook.get("S003"))
    assert text.startswith("S003 empty-section (structure, warning)\n\n")
    assert "Example:\n    ## Reaction\n" in text


def test_the_readability_measurement_is_kept_on_its_article_not_in_a_module():
    from newsctl import readability
    from newsctl.parse import parse_text
    from newsctl.settings import from_mapping

    a = parse_text('---\ntitle: T\n---\n\n"We will win," she said. The council met.\n', "a.md")
    b = parse_text('---\ntitle: T\n---\n\n"We will win," she said. The council met.\n', "b.md")
    assert not hasattr(readability, "_memo")
    assert readability.measure(a) is readability.measure(a)  # computed once for the rules that share it
    assert readability.measure(b) is not readability.measure(a)
    with_quotes = readability.measure(a, from_mapping({"exclude-quotes": False}))
    assert (readability.measure(a).article.words, with_quotes.article.words) == (5, 8)
