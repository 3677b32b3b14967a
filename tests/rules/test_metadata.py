"""Metadata rules: each with failing and passing examples, exact codes and lines."""

from __future__ import annotations

import pytest

from tests.conftest import codes, lint

GOOD = """\
---
title: Council approves budget
date: 2024-03-06T18:00:00+01:00
author: Jane Doe
summary: The council passed the budget.
---

The council voted on Tuesday.
"""


def test_clean_article_has_no_metadata_findings():
    assert lint(GOOD, select=["metadata"]) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", [("M002", 1)]),
        ("# Title\n\nBody.\n", [("M002", 1)]),
        ("---\ntitle: x\n\nBody.\n", [("M003", 1)]),
        ("---\ntitle: [x\nauthor: y\n---\nBody\n", [("M004", 3)]),
        ("---\ntitle: a\ntitle: b\ndate: 2024-01-01\nauthor: A\nsummary: s\n---\nBody\n", [("M004", 3)]),
        ("---\n- a\n- b\n---\nBody\n", [("M005", 2)]),
        ("---\njust a string\n---\nBody\n", [("M005", 2)]),
        ("---\nauthor: &a Jane\neditor: *a\n---\nBody\n", [("M006", 2)]),
    ],
    ids=["empty", "no-front-matter", "unclosed", "yaml-error", "duplicate-key", "list", "scalar", "alias"],
)
def test_front_matter_shape_problems(text, expected):
    found = [c for c in codes(lint(text, select=["M002", "M003", "M004", "M005", "M006"]))]
    assert found == expected


def test_deep_nesting_is_refused():
    deep = "x: " + "[" * 40 + "]" * 40
    assert codes(lint(f"---\n{deep}\n---\nBody\n", select=["M006"])) == [("M006", 2)]


def test_huge_front_matter_is_refused():
    big = "summary: " + "a" * 70_000
    findings = lint(f"---\n{big}\n---\nBody\n", select=["M006"])
    assert codes(findings) == [("M006", 2)]
    assert "limit is 65,536" in findings[0].message


def test_missing_required_fields_reported_at_the_header():
    findings = lint("---\ntitle: Only a title\nauthor: ''\n---\n\nBody.\n", select=["M007"])
    assert [(f.code, f.line, f.message) for f in findings] == [
        ("M007", 1, "Required field 'date' is missing"),
        ("M007", 3, "Required field 'author' is empty"),
    ]


def test_required_fields_are_configurable():
    text = "---\ntitle: t\n---\n\nBody.\n"
    assert codes(lint(text, select=["M007"], required_fields=["title"])) == []
    assert codes(lint(text, select=["M007"], required_fields=["title", "slug"])) == [("M007", 1)]


@pytest.mark.parametrize(
    "field, value, fragment",
    [
        ("date", "March 6th", "not a valid ISO 8601"),
        ("date", "2024-02-30", "not a valid ISO 8601"),
        ("tags", "politics, europe", "expected a list of strings"),
        ("tags", "[politics, 3]", "every tag must be non-empty text"),
        ("status", "live", "'live' is not one of draft, ready, published"),
        ("author", "[]", "empty list"),
        ("slug", "Hello World", "is not a slug"),
        ("lang", "english!", "not a language tag"),
        ("updated", "yesterday", "not a valid ISO 8601"),
    ],
)
def test_invalid_values(field, value, fragment):
    text = f"---\ntitle: t\ndate: 2024-03-06\nauthor: A\n{field}: {value}\n---\n\nBody.\n"
    if field in ("date", "author"):
        text = text.replace(f"{field}: 2024-03-06\n" if field == "date" else "author: A\n", "", 1)
    findings = lint(text, select=["M008"])
    assert len(findings) == 1, findings
    assert fragment in findings[0].message
    assert findings[0].line == text.split("\n").index(f"{field}: {value}") + 1


def test_valid_values_pass():
    text = (
        "---\ntitle: t\ndate: 2024-03-06T09:30:00Z\nauthor: [A, B]\ntags: [a, b]\nstatus: ready\n"
        "slug: a-b-2\nlang: en-GB\nupdated: 2024-03-07\nembargo: 2024-03-06T08:00:00+01:00\n---\n\nBody.\n"
    )
    assert lint(text, select=["M008"]) == []


def test_unknown_field_suggests_and_offers_a_fix():
    findings = lint("---\ntitle: t\nautor: Jane\nfoo: bar\n---\n\nBody.\n", select=["M009"])
    assert [(f.code, f.line, f.column, f.severity.value, f.message) for f in findings] == [
        ("M009", 3, 1, "warning", "Unknown field 'autor' (did you mean 'author'?)"),
        ("M009", 4, 1, "info", "Unknown field 'foo': the site's own key?"),
    ]
    fix = findings[0].fix
    assert fix is not None and fix.edits[0].content == "author"
    assert (fix.edits[0].line, fix.edits[0].column, fix.edits[0].end_column) == (3, 1, 6)


def test_missing_summary_is_info():
    findings = lint("---\ntitle: t\n---\n\nBody.\n", select=["M010"])
    assert [(f.code, f.severity.value) for f in findings] == [("M010", "info")]
    assert lint(GOOD, select=["M010"]) == []


@pytest.mark.parametrize(
    "front, tag",
    [("title: !!binary aGVsbG8=", "!!binary"), ("!!python/object:os.system {}", "!!python/object:os.system")],
)
def test_yaml_tags_are_refused(front, tag):
    findings = lint(f"---\n{front}\n---\n\nBody.\n", select=["M006", "M007"])
    assert [(f.code, f.line) for f in findings] == [("M006", 2)]
    assert f"YAML tag {tag} is not allowed" in findings[0].message
