"""Front matter as real sites write it: aliases, site keys, three formats, dates, quirks."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from typing import Any

import pytest

from newsctl.engine import lint_article
from newsctl.parse import parse_text
from newsctl.settings import from_mapping, parse_now

BODY = "\nThe council voted on Tuesday.\n"


def run(text: str, path: str = "a.md", select: list[str] | None = None, now: str = "2025-01-01T00:00:00Z", **raw: Any):
    """(article, findings) with the settings' site format used by the parse, as the engine does."""
    table = {k.replace("_", "-"): v for k, v in raw.items()}
    if select:
        table["select"] = select
    settings = replace(from_mapping(table), now=parse_now(now))
    article = parse_text(textwrap.dedent(text), path, settings.site_format)
    return article, lint_article(article, settings)


def found(findings) -> list[tuple[str, int, str, str]]:
    return [(f.code, f.line, f.severity.value, f.message) for f in findings]


# --- aliases ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, attribute, value",
    [
        ("authors: [jane-doe, sam-lee]", "author", ("jane-doe", "sam-lee")),
        ("by: Jane Doe", "author", ("Jane Doe",)),
        ("byline: Jane Doe", "author", ("Jane Doe",)),
        ("description: The council passed it.", "summary", "The council passed it."),
        ("excerpt: The council passed it.", "summary", "The council passed it."),
        ("lastmod: 2024-03-07", "updated", "2024-03-07"),
        ("modified: 2024-03-07", "updated", "2024-03-07"),
        ("last_modified_at: 2024-03-07", "updated", "2024-03-07"),
        ("draft: true", "status", "draft"),
        ("draft: false", "status", "published"),
        ("published: false", "status", "draft"),
        ("images: [/img/a.jpg, /img/b.jpg]", "image", "/img/a.jpg"),
        ("featured_image: /img/a.jpg", "image", "/img/a.jpg"),
        ("cover: {image: /img/a.jpg, alt: A}", "image", "/img/a.jpg"),
    ],
)
def test_alias_supplies_the_field(line: str, attribute: str, value: Any) -> None:
    text = f"---\ntitle: T\ndate: 2024-03-06\nauthor: A\n{line}\n---\n{BODY}"
    if attribute == "author":
        text = text.replace("author: A\n", "")
    article, findings = run(text, select=["M"])
    got = getattr(article.meta, attribute)
    if attribute == "updated":
        got = got.date().isoformat()
    assert got == value
    assert [f.code for f in findings if f.code in ("M007", "M008", "M009")] == []


@pytest.mark.parametrize("key", ["publishDate", "pubDate", "published", "publishdate"])
def test_publication_date_aliases_count_when_date_is_absent(key: str) -> None:
    article, findings = run(f"---\ntitle: T\nauthor: A\n{key}: 2024-03-06T09:30:00Z\n---\n{BODY}", select=["M"])
    assert article.meta.date is not None and article.meta.date.isoformat() == "2024-03-06T09:30:00+00:00"
    assert article.front_matter.fields["date"].key == key
    assert [f.code for f in findings if f.code != "M010"] == []


def test_date_wins_over_publish_date() -> None:
    article, _ = run(f"---\ntitle: T\nauthor: A\ndate: 2024-03-06\npublishDate: 2024-03-09\n---\n{BODY}")
    assert article.meta.date is not None and article.meta.date.day == 6


def test_messages_name_the_key_as_written() -> None:
    _, findings = run(f"---\ntitle: T\ndate: 2024-03-06\nauthors: [Jane]\nexcerpt: [not, text]\n---\n{BODY}", select=["M008"])
    assert found(findings) == [("M008", 5, "error", "Field 'excerpt' expected text, got a list")]


def test_empty_alias_beside_a_written_one_is_not_reported() -> None:
    # 18F writes `description: ""` beside a filled `excerpt`
    article, findings = run(f'---\ntitle: T\ndate: 2024-03-06\nauthor: A\ndescription: ""\nexcerpt: Filled.\n---\n{BODY}', select=["M"])
    assert article.meta.summary == "Filled."
    assert findings == []


def test_empty_canonical_field_is_still_reported() -> None:
    _, findings = run(f'---\ntitle: T\ndate: 2024-03-06\nauthor: A\nsummary: ""\n---\n{BODY}', select=["M008"])
    assert found(findings) == [("M008", 5, "warning", "Field 'summary' is empty")]


def test_configured_aliases_come_first() -> None:
    text = f"---\ntitle: T\ndate: 2024-03-06\nwriter: Jane Doe\n---\n{BODY}"
    _, findings = run(text, select=["M007", "M009"])
    assert found(findings) == [
        ("M007", 1, "error", "Required field 'author' is missing"),
        ("M009", 4, "info", "Unknown field 'writer': the site's own key?"),
    ]
    article, findings = run(text, select=["M007", "M009"], aliases={"author": ["writer"]})
    assert article.meta.author == ("Jane Doe",)
    assert findings == []


def test_required_fields_accepts_aliases_and_extra_fields() -> None:
    settings = from_mapping({"required-fields": ["title", "authors", "topics"], "extra-fields": ["topics"]})
    assert settings.required_fields == ("title", "author", "topics")
    _, findings = run(f"---\ntitle: T\nauthors: [a]\n---\n{BODY}", select=["M007"], required_fields=["title", "authors", "topics"], extra_fields=["topics"])
    assert found(findings) == [("M007", 1, "error", "Required field 'topics' is missing")]


def test_required_fields_still_refuses_an_unknown_name() -> None:
    from newsctl.settings import ConfigError

    with pytest.raises(ConfigError, match="'topics' is not a known front-matter field"):
        from_mapping({"required-fields": ["topics"]})


def test_aliases_setting_refuses_an_unknown_field() -> None:
    from newsctl.settings import ConfigError

    with pytest.raises(ConfigError, match=r"key 'aliases.autor': 'autor' is not a front-matter field \(did you mean 'author'\?\)"):
        from_mapping({"aliases": {"autor": ["writer"]}})


# --- unknown keys (M009) ---------------------------------------------------------------------------


def test_site_generator_keys_are_known() -> None:
    keys = ["layout: post", "permalink: /x/", "aliases: [/old/]", "weight: 3", "categories: [a]", "keywords: [a]", "url: /x/", "type: post", "toc: true", "deck: A deck", "kicker: News", "topics: [a]", "eleventyExcludeFromCollections: true", "expiryDate: 2030-01-01"]
    text = "---\ntitle: T\ndate: 2024-03-06\nauthor: A\n" + "\n".join(keys) + f"\n---\n{BODY}"
    _, findings = run(text, select=["M009"])
    assert findings == []


def test_misspelling_is_a_warning_with_a_fix_and_other_keys_are_info() -> None:
    _, findings = run(f"---\ntitle: T\ndate: 2024-03-06\nautor: Jane\nlayuot: post\nmood: calm\n---\n{BODY}", select=["M009"])
    assert found(findings) == [
        ("M009", 4, "warning", "Unknown field 'autor' (did you mean 'author'?)"),
        ("M009", 5, "warning", "Unknown field 'layuot' (did you mean 'layout'?)"),
        ("M009", 6, "info", "Unknown field 'mood': the site's own key?"),
    ]
    assert findings[0].fix is not None and findings[0].fix.edits[0].content == "author"


def test_rename_fix_never_creates_a_duplicate_key() -> None:
    _, findings = run(f"---\ntitle: T\ndate: 2024-03-06\nauthor: Jane\nautor: Jane\ntittle: x\n---\n{BODY}", select=["M009"])
    assert [(f.line, f.message, f.fix) for f in findings] == [
        (5, "Unknown field 'autor' (did you mean 'author'? 'author' is already set)", None),
        (6, "Unknown field 'tittle' (did you mean 'title'? 'title' is already set)", None),
    ]
    # the canonical field written under an alias counts as set too
    _, findings = run(f"---\ntitle: T\ndate: 2024-03-06\nauthors: [Jane]\nautor: Jane\n---\n{BODY}", select=["M009"])
    assert [f.fix for f in findings] == [None]


def test_extra_fields_and_qualified_keys_are_not_reported() -> None:
    text = f"---\ntitle: T\ndate: 2024-03-06\nauthor: A\nmood: calm\nimage_figcaption: A caption\ntumblr_url: http://x\n---\n{BODY}"
    _, findings = run(text, select=["M009"], extra_fields=["mood"])
    assert findings == []


def test_misspelt_extra_field_is_a_warning() -> None:
    _, findings = run(f"---\ntitle: T\ndate: 2024-03-06\nauthor: A\nmoood: calm\n---\n{BODY}", select=["M009"], extra_fields=["mood"])
    assert found(findings) == [("M009", 5, "warning", "Unknown field 'moood' (did you mean 'mood'?)")]


def test_text_that_lost_its_indentation_is_a_warning() -> None:
    text = (
        "---\ntitle: T\ndate: 2024-03-06\nauthor: A\nexcerpt: <p>First paragraph.</p>\n\n"
        "<p>In the movies, hackers are often criminals; we use the word in a positive sense: productively curious.</p>\n"
        f"---\n{BODY}"
    )
    _, findings = run(text, select=["M009"])
    assert [(f.code, f.line, f.severity.value) for f in findings] == [("M009", 7, "warning")]
    assert "looks like text of the value above that lost its indentation" in findings[0].message


# --- dates as sites write them ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, iso",
    [
        ("2016-04-01 10:30:00 -4", "2016-04-01T10:30:00-04:00"),
        ("2020-01-22 9:00:00 -0500", "2020-01-22T09:00:00-05:00"),
        ("2024-03-06 09:30:00 +05:30", "2024-03-06T09:30:00+05:30"),
        ("2024-03-06 09:30 +0100", "2024-03-06T09:30:00+01:00"),
        ("2024-03-06 09:30:00 UTC", "2024-03-06T09:30:00+00:00"),
        ("2024-03-06 09:30:00Z", "2024-03-06T09:30:00+00:00"),
        ("2024-03-06T09:30:00.123-04:00", "2024-03-06T09:30:00.123000-04:00"),
    ],
)
def test_site_timestamps_are_read_without_a_finding(written: str, iso: str) -> None:
    article, findings = run(f"---\ntitle: T\ndate: {written}\nauthor: A\n---\n{BODY}", select=["M"])
    assert article.meta.date is not None and article.meta.date.isoformat() == iso
    assert [f.code for f in findings if f.code != "M010"] == []


def test_unambiguous_other_layout_is_a_warning_and_is_used() -> None:
    article, findings = run(f"---\ntitle: T\ndate: March 6, 2024\nauthor: A\n---\n{BODY}", select=["M008"])
    assert found(findings) == [("M008", 3, "warning", "Field 'date' 'March 6, 2024' is not ISO 8601; read as 2024-03-06")]
    assert article.meta.date is not None and article.meta.date.date().isoformat() == "2024-03-06"


@pytest.mark.parametrize("written", ["03/04/2024", "2024-02-30", "next Tuesday"])
def test_ambiguous_or_impossible_date_is_an_error(written: str) -> None:
    article, findings = run(f"---\ntitle: T\ndate: {written}\nauthor: A\n---\n{BODY}", select=["M008"])
    assert [(f.code, f.line, f.severity.value) for f in findings] == [("M008", 3, "error")]
    assert article.meta.date is None


def test_jekyll_file_name_date_when_the_front_matter_has_none() -> None:
    article, findings = run(f"---\ntitle: T\nauthor: A\n---\n{BODY}", path="_posts/2024-03-06-council-budget.md", select=["M", "D"])
    assert article.meta.date is not None and article.meta.date.date().isoformat() == "2024-03-06"
    assert article.meta.date_is_bare
    assert [f.code for f in findings if f.code != "M010"] == []


def test_future_file_name_date_is_reported_at_the_header() -> None:
    text = f"---\ntitle: T\nauthor: A\nstatus: published\n---\n{BODY}"
    _, findings = run(text, path="2031-01-01-x.md", select=["D"], now="2025-01-01T00:00:00Z")
    assert [(f.code, f.line) for f in findings] == [("D003", 1)]


# --- the YAML tab quirk (M004) ---------------------------------------------------------------------


def test_trailing_tab_is_a_warning_with_a_fix_and_every_other_check_runs() -> None:
    text = "---\ntitle: T\ndate: 2016-05-19\ntags:\n- content\n- melody\t\t\n---\n" + BODY
    article, findings = run(text, select=["M"])
    assert article.front_matter.ok and article.meta.tags == ("content", "melody")
    m004 = [f for f in findings if f.code == "M004"]
    assert [(f.line, f.severity.value) for f in m004] == [(6, "warning")]
    fix = m004[0].fix
    assert fix is not None and [(e.line, e.column, e.end_column, e.content) for e in fix.edits] == [(6, 1, 11, "- melody")]
    # the author check still runs on the same file
    assert ("M007", 1, "error", "Required field 'author' is missing") in found(findings)


def test_a_real_yaml_error_is_still_an_error() -> None:
    _, findings = run("---\ntitle: Budget: what changes\n---\n" + BODY, select=["M004"])
    assert [(f.code, f.line, f.severity.value) for f in findings] == [("M004", 2, "error")]


# --- TOML and JSON ----------------------------------------------------------------------------------


TOML = """\
+++
title = "Council approves budget"
date = 2024-03-06T18:00:00+01:00
authors = ["Jane Doe"]
tags = ["budget",
  "council"]
autor = "x"

[params]
mood = "calm"
+++

The council voted on Tuesday.
"""

JSON = """\
{
  "title": "Council approves budget",
  "date": "2024-03-06T18:00:00+01:00",
  "authors": ["Jane Doe"],
  "tags": ["budget",
    "council"],
  "autor": "x",
  "params": {"mood": "calm"}
}

The council voted on Tuesday.
"""


@pytest.mark.parametrize("text, fmt", [(TOML, "toml"), (JSON, "json")])
def test_toml_and_json_front_matter_keep_every_key_line(text: str, fmt: str) -> None:
    article, findings = run(text, select=["M"])
    fm = article.front_matter
    assert fm.format == fmt and fm.ok
    assert {k: f.key_span.line for k, f in fm.fields.items()} == {"title": 2, "date": 3, "authors": 4, "tags": 5, "autor": 7, "params": 9 if fmt == "toml" else 8}
    assert fm.fields["tags"].value_span.end_line == 6
    assert article.meta.date is not None and article.meta.date.isoformat() == "2024-03-06T18:00:00+01:00"
    assert article.meta.tags == ("budget", "council")
    assert [(f.code, f.line, f.message) for f in findings if f.code != "M010"] == [("M009", 7, "Unknown field 'autor' (did you mean 'author'? 'author' is already set)")]
    assert article.body_line == (12 if fmt == "toml" else 10)


@pytest.mark.parametrize(
    "text, line, column, start",
    [
        ('+++\ntitle = "T"\ndate = \n+++\n\nBody.\n', 3, 8, "Invalid TOML in front matter: Invalid value"),
        ('{\n  "title": "T",\n  "date": 2024\n  "author": "A"\n}\n\nBody.\n', 4, 3, "Invalid JSON in front matter: Expecting ',' delimiter"),
    ],
)
def test_toml_and_json_syntax_errors_are_at_their_line(text: str, line: int, column: int, start: str) -> None:
    _, findings = run(text, select=["M"])
    assert [(f.code, f.line, f.column) for f in findings] == [("M004", line, column)]
    assert findings[0].message.startswith(start)


def test_unclosed_toml_front_matter_is_m003() -> None:
    _, findings = run('+++\ntitle = "T"\n\nBody.\n', select=["M003"])
    assert [(f.code, f.line, f.hint) for f in findings] == [("M003", 1, "Add a line with '+++' after the last front-matter field")]


def test_the_handlers_come_from_python_frontmatter() -> None:
    from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

    from newsctl.frontmatter import handler

    assert isinstance(handler("yaml"), YAMLHandler) and isinstance(handler("json"), JSONHandler)
    assert isinstance(handler("toml"), BaseHandler) and handler("toml").detect('+++\ntitle = "T"\n+++\n')


# --- link-out items -------------------------------------------------------------------------------


LINK_OUT = """\
---
source_url: https://example.gov/story
source: agency-blog
date: 2024-03-06
title: A story told elsewhere
summary: Read it on the agency blog.
---
"""


def test_link_out_item_skips_body_rules_and_the_byline() -> None:
    article, findings = run(LINK_OUT)
    assert article.is_link_out and article.link_out_key == "source_url"
    assert [f.code for f in findings] == []
    article, findings = run(LINK_OUT.replace("source: agency-blog\n", ""))
    assert [f.code for f in findings] == []


def test_an_entry_with_a_body_is_an_article_even_with_a_link_field() -> None:
    article, findings = run(LINK_OUT + "\n# Heading\n")
    assert not article.is_link_out
    assert "S001" in [f.code for f in findings]


def test_link_out_fields_are_configurable() -> None:
    text = LINK_OUT.replace("source_url", "canonical")
    assert not run(text)[0].is_link_out
    assert run(text, link_out_fields=["canonical"])[0].link_out_key == "canonical"


def test_link_out_item_without_title_is_still_m007() -> None:
    _, findings = run(LINK_OUT.replace("title: A story told elsewhere\n", ""), select=["M007"])
    assert found(findings) == [("M007", 1, "error", "Required field 'title' is missing")]


def test_a_warning_problem_does_not_block_export(tmp_path) -> None:
    from newsctl.export.common import prepare
    from newsctl.export.common import ExportOptions

    tab = parse_text("---\ntitle: T\ndate: 2016-04-01 10:30:00 -4\nauthor: A\ntags:\n- melody\t\n---\n" + BODY, "a.md")
    doc = prepare(tab, "a", ExportOptions())
    assert doc.title == "T" and doc.published is not None and doc.published.isoformat() == "2016-04-01T10:30:00-04:00"


def test_date_mentions_are_found_in_a_summary_written_under_an_alias() -> None:
    article, _ = run(f"---\ntitle: T\ndate: 2024-03-06\nauthor: A\nexcerpt: Today the council voted.\n---\n{BODY}")
    assert [(d.where, d.span.line, d.span.column) for d in article.dates][:1] == [("summary", 5, 10)]


def test_date_rules_name_the_keys_as_the_file_writes_them() -> None:
    text = "---\ntitle: T\npublishDate: 2024-03-06T10:00:00Z\nauthor: A\nlastmod: 2024-03-01T10:00:00Z\n---\n" + BODY
    _, findings = run(text, select=["D005"])
    assert found(findings) == [
        ("D005", 5, "error", "'lastmod' 2024-03-01T10:00:00Z is earlier than 'publishDate' 2024-03-06T10:00:00Z")
    ]
