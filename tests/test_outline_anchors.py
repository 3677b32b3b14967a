"""Anchor ids: the one function the outline and the HTML export share."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsctl.anchors import section_anchors, slugify, unique_anchors
from newsctl.parse import parse_text

ASCII_WHITESPACE = re.compile(r"[\t\n\f\r ]")


def test_slugify_examples():
    assert slugify("Recent Developments") == "recent-developments"
    assert slugify("  --Hello,   World!-- ") == "hello-world"
    assert slugify("What's new in 2.0?") == "whats-new-in-20"
    assert slugify("U.S. vs. EU") == "us-vs-eu"
    assert slugify("snake_case heading") == "snake-case-heading"
    assert slugify("The $Trump Coin Boom") == "the-trump-coin-boom"


def test_slugify_keeps_non_ascii_letters_lowercased():
    assert slugify("Ünïcödé — Test") == "ünïcödé-test"
    assert slugify("Straße & Co.") == "straße-co"
    assert slugify("Ελληνικά Νέα") == "ελληνικά-νέα"
    assert slugify("日本語の見出し") == "日本語の見出し"
    # Combining vowel signs are part of the word, not punctuation.
    assert slugify("समाचार विश्लेषण") == "समाचार-विश्लेषण"
    # Decomposed input gives the same id as composed input.
    assert slugify("Cafe\u0301 Culture") == slugify("Café Culture") == "café-culture"


def test_slugify_never_empty():
    assert slugify("") == "section"
    assert slugify("?!…") == "section"
    assert slugify("   ") == "section"


def test_unique_anchors_suffixes_in_order():
    assert unique_anchors(["Reaction", "Reaction", "Other", "Reaction"]) == [
        "reaction",
        "reaction-1",
        "other",
        "reaction-2",
    ]
    # A heading that looks like a suffixed id does not collide.
    assert unique_anchors(["A-1", "A", "A"]) == ["a-1", "a", "a-2"]
    assert unique_anchors(["", "?", "Section"]) == ["section", "section-1", "section-2"]
    assert unique_anchors(["Title"], taken=["title"]) == ["title-1"]


def test_section_anchors_follow_document_order():
    art = parse_text("---\ntitle: T\n---\n\nLead.\n\n## Notes\n\n### Notes\n\n## Notes\n", "a.md")
    assert section_anchors(art) == {1: "notes", 2: "notes-1", 3: "notes-2"}


headings = st.lists(st.text(max_size=40), max_size=25)


@settings(max_examples=300)
@given(headings)
def test_anchors_unique_valid_and_stable(texts):
    ids = unique_anchors(texts)
    assert len(ids) == len(texts)
    assert len(set(ids)) == len(ids)
    for anchor in ids:
        assert anchor  # non-empty
        assert not ASCII_WHITESPACE.search(anchor)  # valid HTML id
        assert not any(ch.isspace() for ch in anchor)
        assert anchor == anchor.lower()
    assert unique_anchors(texts) == ids  # deterministic
    # Appending headings never renames the earlier ones.
    assert unique_anchors(texts + ["extra", *texts]) [: len(texts)] == ids


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_slugify_is_idempotent_and_clean(text):
    slug = slugify(text)
    assert slug
    assert not any(ch.isspace() for ch in slug)
    assert not slug.startswith("-") and not slug.endswith("-")
    assert "--" not in slug
    assert slugify(slug) == slug


@settings(max_examples=100)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20), max_size=8))
def test_section_anchors_unique_for_parsed_headings(titles):
    body = "".join(f"## {t.strip() or 'x'}\n\ntext\n\n" for t in titles if "\n" not in t)
    art = parse_text("---\ntitle: T\n---\n\n" + body, "a.md")
    ids = list(section_anchors(art).values())
    assert len(ids) == len(art.sections) - 1
    assert len(set(ids)) == len(ids)
