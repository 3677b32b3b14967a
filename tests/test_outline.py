"""The outline model: tree, anchors, line ranges, counts, title fallback, depth, grade."""

from __future__ import annotations

import textwrap
import types
from pathlib import Path

import pytest

from newsctl import outline as outline_mod
from newsctl.anchors import section_anchors
from newsctl.outline import Counts, build_outline, limit_depth
from newsctl.parse import parse_file, parse_text
from newsctl.text import count_words, reading_time_seconds

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "outline"
SAMPLES = sorted((ROOT / "articles").glob("*.md")) + sorted(FIXTURES.glob("*.md"))

FRONT = "---\ntitle: Council approves budget\ndate: 2024-03-06T18:00:00+01:00\nauthor: Jane Doe\n---\n\n"


def outline_of(body: str, front: str = FRONT, path: str = "a.md"):
    return build_outline(parse_text(front + textwrap.dedent(body), path))


def shape(outline):
    return [(depth, n.level, n.title, n.anchor, n.line, n.end_line) for depth, n in outline.walk()]


def test_tree_levels_anchors_and_lines():
    o = outline_of(
        """\
        Lead paragraph.

        ## First *part*

        Text one.

        ### Detail

        Text two.

        #### Deeper

        Text three.

        ## First part

        Text four.
        """
    )
    assert o.title == "Council approves budget"
    assert o.title_source == "front-matter"
    assert shape(o) == [
        (1, 0, "", None, 7, 7),
        (1, 2, "First part", "first-part", 9, 19),
        (2, 3, "Detail", "detail", 13, 19),
        (3, 4, "Deeper", "deeper", 17, 19),
        (1, 2, "First part", "first-part-1", 21, 23),
    ]


def test_counts_own_and_total():
    o = outline_of(
        """\
        One two three.

        ## A

        Four five.

        - six seven
        - eight

        > nine ten

        ```
        code words are not counted
        ```

        | table | words |
        | --- | --- |
        | not | counted |

        ### B

        Eleven twelve thirteen.
        """
    )
    lead, a = o.nodes
    assert lead.own == lead.total == Counts(3, 1)
    assert a.own == Counts(words=7, paragraphs=4)  # paragraph, two list items, block quote
    assert a.children[0].total == Counts(3, 1)
    assert a.total == Counts(10, 5)
    assert o.total == Counts(13, 6)
    assert a.total.reading_seconds == reading_time_seconds(10)
    assert o.total.reading_seconds == reading_time_seconds(13)


def test_heading_text_is_plain():
    o = outline_of("## The `deck` [joints](https://example.com) & *paint*\n\nx\n")
    node = o.nodes[1]
    assert node.title == "The deck joints & paint"
    assert node.anchor == "the-deck-joints-paint"


def test_article_without_headings_has_title_and_lead():
    o = build_outline(parse_file(FIXTURES / "no-headings.md", "no-headings.md"))
    assert o.title == "Brief: power cut in the old town"
    assert len(o.nodes) == 1
    lead = o.lead
    assert (lead.level, lead.title, lead.anchor, lead.line, lead.end_line) == (0, "", None, 7, 9)
    assert lead.total == Counts(19, 2)


def test_empty_lead_has_no_lines():
    o = outline_of("## Straight in\n\nText.\n")
    assert o.lead.is_empty and o.lead.line is None and o.lead.end_line is None
    assert o.lead.total == Counts(0, 0)


def test_empty_body():
    o = outline_of("")
    assert len(o.nodes) == 1 and o.lead.is_empty


def test_title_falls_back_to_file_name():
    o = build_outline(parse_file(FIXTURES / "bad-front-matter.md", "x/bad-front-matter.md"))
    assert (o.title, o.title_source) == ("bad-front-matter", "file-name")
    assert [n.title for n in o.headings()] == ["Only section"]
    o = outline_of("Text.\n", front="", path="dir/no-front.md")
    assert (o.title, o.title_source) == ("no-front", "file-name")
    assert (o.lead.line, o.lead.end_line) == (1, 1)


def test_date_bare_and_timed():
    assert str(outline_of("x\n").date) == "2024-03-06 18:00:00+01:00"
    bare = outline_of("x\n", front="---\ntitle: T\ndate: 2024-05-02\n---\n\n")
    assert bare.date.isoformat() == "2024-05-02"


def test_setext_and_h1_headings():
    o = outline_of("Top\n===\n\nLead-ish.\n\nSub\n---\n\nText.\n")
    assert shape(o) == [(1, 0, "", None, None, None), (1, 1, "Top", "top", 7, 15), (2, 2, "Sub", "sub", 12, 15)]


def test_headings_in_lists_and_quotes_are_not_sections():
    o = outline_of("- ## not a section\n\n> ## nor this\n\n## Real\n\nx\n")
    assert [n.title for n in o.headings()] == ["Real"]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_anchors_are_the_html_anchors(path):
    article = parse_file(path)
    o = build_outline(article)
    anchors = section_anchors(article)
    assert {n.section: n.anchor for n in o.headings()} == anchors
    ids = [n.anchor for n in o.headings()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_line_ranges_match_the_source(path):
    article = parse_file(path)
    o = build_outline(article)
    src = article.source
    nodes = [n for _, n in o.walk()]
    for node in nodes:
        if node.is_empty:
            continue
        assert src.line_text(node.line).strip(), "a range starts on a non-blank line"
        assert src.line_text(node.end_line).strip(), "a range ends on a non-blank line"
        if not node.is_lead:
            first = src.line_text(node.line)
            assert first.startswith("#" * node.level + " ") or first.rstrip() == "#" * node.level
        after = node.end_line + 1
        while after <= src.line_count and not src.line_text(after).strip():
            after += 1
        if after <= src.line_count and src.line_text(after):
            nxt = src.line_text(after)
            # What follows a section is a heading at the same or a higher level.
            hashes = len(nxt) - len(nxt.lstrip("#"))
            assert 1 <= hashes <= max(node.level, 6) and (node.is_lead or hashes <= node.level)
        # Every block of the section (subsections included) is inside the range.
        blocks = article.section_blocks(node.section, deep=not node.is_lead)
        for block in blocks:
            assert node.line <= block.line and block.end_line <= node.end_line


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_article_total_counts_every_prose_word(path):
    article = parse_file(path)
    o = build_outline(article)
    words = sum(count_words(b.inline.prose) for b in article.blocks if b.is_prose and b.inline)
    paragraphs = sum(1 for b in article.blocks if b.is_prose)
    assert o.total == Counts(words, paragraphs)


def test_seed_article_numbers():
    o = build_outline(parse_file(ROOT / "articles" / "cybersecurity-diplomacy.md"))
    assert o.total == Counts(686, 11)
    top = o.nodes[1]
    assert (top.level, top.line, top.end_line, top.own.words) == (1, 11, 49, 65)
    assert [(n.anchor, n.line, n.end_line, n.total.words) for n in top.children[:2]] == [
        ("recent-developments", 15, 19, 150),
        ("rising-cyber-threats-and-diplomatic-responses", 21, 25, 126),
    ]


def test_limit_depth():
    o = build_outline(parse_file(FIXTURES / "nested.md"))
    assert max(d for d, _ in o.walk()) == 3
    one = limit_depth(o, 1)
    assert [(d, n.title) for d, n in one.walk()] == [
        (1, ""),
        (1, "What was repaired"),
        (1, "Reaction"),
        (1, "Costs"),
        (1, "Reaction"),
    ]
    two = limit_depth(o, 2)
    assert max(d for d, _ in two.walk()) == 2
    assert two.nodes[1].total == o.nodes[1].total  # counts still include hidden levels
    assert limit_depth(o, None) is o


def test_outline_is_frozen():
    o = outline_of("## A\n\nx\n")
    with pytest.raises(AttributeError):
        o.title = "other"  # type: ignore[misc]


# --- readability grade ---------------------------------------------------------------------------


def test_grade_measures_each_nodes_prose_blocks(monkeypatch):
    calls = []

    def measure_blocks(article, block_indices, settings):
        calls.append(tuple(block_indices))
        return types.SimpleNamespace(scored=True, flesch_kincaid_grade=7.04 + len(block_indices))

    monkeypatch.setattr(outline_mod, "measure_blocks", measure_blocks)
    o = outline_of("Lead.\n\n## A\n\nOne.\n\n### B\n\nTwo.\n\n## Empty\n")
    lead, a, empty = o.nodes
    assert lead.grade == 8.0  # one block
    assert a.grade == 9.0  # its own paragraph and the subsection's
    assert a.children[0].grade == 8.0
    assert empty.grade is None  # no prose: not measured
    assert sorted(calls) == [(0,), (2, 4), (4,)]  # block indices: lead, A with B, B
