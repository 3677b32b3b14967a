"""Outline renderers: JSON against the schema, OPML parsed back, Markdown TOC parsed back, text."""

from __future__ import annotations

import json
import types
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsctl.outline import build_outline, limit_depth
from newsctl.parse import parse_file, parse_text
from newsctl.report import outline as report

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "articles").glob("*.md")) + sorted((ROOT / "tests" / "fixtures" / "outline").glob("*.md"))
SCHEMA = json.loads((ROOT / "docs" / "outline.schema.json").read_text(encoding="utf-8"))
CREATED = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
FRONT = "---\ntitle: T\ndate: 2024-03-06T18:00:00+01:00\n---\n\n"


def all_outlines():
    return [build_outline(parse_file(p, p.relative_to(ROOT).as_posix())) for p in SAMPLES]


def validator():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA)


# --- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("stats", [True, False])
@pytest.mark.parametrize("depth", [None, 1, 2])
def test_json_validates_against_schema(stats, depth):
    outlines = [limit_depth(o, depth) for o in all_outlines()]
    doc = json.loads(report.render_json(outlines, stats=stats, depth=depth))
    validator().validate(doc)
    assert doc["version"] == 1 and doc["stats"] is stats and doc["depth"] == depth
    assert len(doc["articles"]) == len(SAMPLES)


def test_schema_rejects_what_it_should():
    v = validator()
    good = report.document(all_outlines())
    v.validate(good)

    def broken(change):
        doc = json.loads(json.dumps(good))
        change(doc)
        return list(v.iter_errors(doc))

    assert broken(lambda d: d.update(version=2))
    assert broken(lambda d: d["articles"][0]["nodes"][0].update(anchor="lead"))  # the lead has no anchor
    assert broken(lambda d: d["articles"][0]["nodes"][1].update(anchor="two words"))
    assert broken(lambda d: d["articles"][0]["nodes"][1].pop("own"))  # stats: true needs counts
    assert broken(lambda d: d["articles"][0]["nodes"][1].update(grade="7"))
    assert not broken(lambda d: d["articles"][0]["nodes"][1].update(grade=7.5))
    assert broken(lambda d: d["articles"][0].update(title_source="guess"))
    assert broken(lambda d: d["articles"][0].update(extra=1))
    no_stats = report.document(all_outlines(), stats=False)
    v.validate(no_stats)
    no_stats["articles"][0]["nodes"][0]["grade"] = None
    assert list(v.iter_errors(no_stats))  # stats: false means no counts at all


def test_json_node_fields():
    o = build_outline(parse_text(FRONT + "Lead.\n\n## A b\n\nOne two.\n", "x.md"))
    doc = report.document([o])
    lead, a = doc["articles"][0]["nodes"]
    assert lead == {
        "level": 0,
        "title": None,
        "anchor": None,
        "line": 6,
        "end_line": 6,
        "own": {"words": 1, "paragraphs": 1, "reading_seconds": 0},
        "total": {"words": 1, "paragraphs": 1, "reading_seconds": 0},
        "grade": lead["grade"],
        "children": [],
    }
    assert (a["level"], a["title"], a["anchor"], a["line"], a["end_line"]) == (2, "A b", "a-b", 8, 10)
    assert doc["articles"][0]["date"] == "2024-03-06T18:00:00+01:00"
    assert "own" not in report.document([o], stats=False)["articles"][0]["nodes"][1]


# --- OPML ---------------------------------------------------------------------------------------


def test_opml_parses_back_and_mirrors_the_outline():
    outlines = all_outlines()
    root = ET.fromstring(report.render_opml(outlines, created=CREATED).encode("utf-8"))
    assert root.tag == "opml" and root.get("version") == "2.0"
    head = root.find("head")
    assert head.findtext("dateCreated") == "Sat, 28 Nov 2026 12:00:00 +0000"
    # dateModified is the latest article date (bare dates and naive times count as UTC).
    def utc(d):
        d = d if isinstance(d, datetime) else datetime(d.year, d.month, d.day)
        return d.astimezone(timezone.utc) if d.tzinfo else d.replace(tzinfo=timezone.utc)

    latest = max((o.date for o in outlines if o.date), key=utc)
    assert head.findtext("dateModified") == report.rfc822(latest)
    fixtures_only = [o for o in outlines if o.path.startswith("tests/")]
    head = ET.fromstring(report.render_opml(fixtures_only)).find("head")
    assert head.findtext("dateModified") == "Sun, 14 Jul 2024 08:30:00 +0000"  # non-ascii.md
    articles = root.find("body").findall("outline")
    assert [a.get("text") for a in articles] == [o.title for o in outlines]
    for element, o in zip(articles, outlines):
        assert element.get("path") == o.path
        assert int(element.get("words")) == o.total.words
        headings = [e for e in element.iter("outline") if e.get("anchor")]
        assert [(e.get("text"), e.get("anchor"), int(e.get("line")), int(e.get("endLine"))) for e in headings] == [
            (n.title, n.anchor, n.line, n.end_line) for n in o.headings()
        ]


def test_opml_nesting_and_no_stats():
    o = build_outline(parse_file(ROOT / "tests" / "fixtures" / "outline" / "nested.md"))
    root = ET.fromstring(report.render_opml([o], stats=False))
    article = root.find("body/outline")
    assert "words" not in article.attrib
    top = article.findall("outline")
    assert [e.get("text") for e in top] == ["Lead", "What was repaired", "Reaction", "Costs", "Reaction"]
    deck = top[1].find("outline")
    assert deck.get("text") == "The deck joints" and deck.find("outline").get("text") == "Suppliers"
    assert "words" not in deck.attrib and "grade" not in deck.attrib
    assert root.find("head/dateCreated") is None  # only with a clock given


def test_rfc822():
    assert report.rfc822(datetime(2023, 10, 2, 9, 0, tzinfo=timezone.utc)) == "Mon, 02 Oct 2023 09:00:00 +0000"
    tz = timezone(timedelta(hours=1))
    assert report.rfc822(datetime(2024, 3, 6, 18, 0, tzinfo=tz)) == "Wed, 06 Mar 2024 18:00:00 +0100"
    assert report.rfc822(date(2024, 5, 2)) == "Thu, 02 May 2024 00:00:00 -0000"


heading_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), min_size=1, max_size=30
)


@settings(max_examples=150, deadline=None)
@given(st.lists(heading_text, min_size=1, max_size=6))
def test_opml_is_well_formed_for_any_heading_text(titles):
    body = "".join(f"## {t}\n\nx\n\n" for t in titles)
    o = build_outline(parse_text(FRONT + body, "a.md"))
    text = report.render_opml([o], created=CREATED)
    root = ET.fromstring(text.encode("utf-8"))
    got = [e.get("text") for e in root.iter("outline") if e.get("anchor")]
    assert got == [report._xml_text(n.title) for n in o.headings()]
    assert [e.get("anchor") for e in root.iter("outline") if e.get("anchor")] == [n.anchor for n in o.headings()]


# --- Markdown TOC -------------------------------------------------------------------------------


def _toc_links(markdown: str) -> list[tuple[str, str, int]]:
    """(link text, href, list depth) of every link in the rendered TOC."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    out = []
    depth = 0
    for tok in tokens:
        if tok.type == "bullet_list_open":
            depth += 1
        elif tok.type == "bullet_list_close":
            depth -= 1
        elif tok.type == "inline":
            children = tok.children or []
            for i, child in enumerate(children):
                if child.type == "link_open":
                    text = []
                    for c in children[i + 1 :]:
                        if c.type == "link_close":
                            break
                        text.append(c.content)
                    out.append(("".join(text), unquote(str(child.attrs["href"])), depth))
    return out


def test_markdown_toc_nesting():
    o = build_outline(parse_file(ROOT / "tests" / "fixtures" / "outline" / "nested.md"))
    assert _toc_links(report.render_markdown([o])) == [
        ("What was repaired", "#what-was-repaired", 1),
        ("The deck joints", "#the-deck-joints", 2),
        ("Suppliers", "#suppliers", 3),
        ("Paint & rust", "#paint-rust", 2),
        ("Reaction", "#reaction", 1),
        ("Costs", "#costs", 1),
        ("Reaction", "#reaction-1", 1),
    ]
    with_stats = report.render_markdown([limit_depth(o, 1)], stats=True)
    assert with_stats.splitlines()[0] == "- [What was repaired](#what-was-repaired) (48 words, 13 s)"


@settings(max_examples=150, deadline=None)
@given(st.lists(heading_text, min_size=1, max_size=6))
def test_markdown_toc_links_round_trip(titles):
    body = "".join(f"## {t}\n\nx\n\n" for t in titles)
    o = build_outline(parse_text(FRONT + body, "a.md"))
    links = _toc_links(report.render_markdown([o]))
    assert [(href, depth) for _, href, depth in links] == [(f"#{n.anchor}", 1) for n in o.headings()]
    for (text, _, _), node in zip(links, o.headings()):
        assert " ".join(text.split()) == (node.title or node.anchor)


# --- plain tree ---------------------------------------------------------------------------------


@pytest.fixture
def fixed_grades(monkeypatch):
    """A stand-in for the readability measure: grade = 5.25 + number of blocks."""
    from newsctl import outline as outline_mod

    monkeypatch.setattr(
        outline_mod,
        "measure_blocks",
        lambda article, blocks, settings: types.SimpleNamespace(scored=True, flesch_kincaid_grade=5.25 + len(list(blocks))),
    )


def test_grades_are_shown_when_measured(fixed_grades):
    o = build_outline(parse_text(FRONT + "Lead here.\n\n## A\n\nOne two.\n\n### B\n\nThree.\n\n## C\n", "x.md"))
    lines = report.render_tree([o]).splitlines()
    assert lines[2:] == [
        "  Lead  line 6  2 words · 1 paragraph · 1 s · grade 6.2",
        "  ## A  #a  lines 8-14  3 words (2 own) · 2 paragraphs · 1 s · grade 7.2",
        "    ### B  #b  lines 12-14  1 word · 1 paragraph · 0 s · grade 6.2",
        "  ## C  #c  line 16  0 words · 0 paragraphs · 0 s",
    ]
    doc = report.document([o])
    assert [n["grade"] for n in doc["articles"][0]["nodes"]] == [6.2, 7.2, None]
    validator().validate(doc)
    root = ET.fromstring(report.render_opml([o]))
    assert [e.get("grade") for e in root.iter("outline")][1:] == ["6.2", "7.2", "6.2", None]


def test_tree_text_exact():
    o = build_outline(parse_text(FRONT + "Lead here.\n\n## A\n\nOne two.\n\n### B\n\nThree.\n", "x.md"))
    assert report.render_tree([o]) == (
        "T\n"
        "x.md · 5 words · 3 paragraphs · 1 s\n"
        # grades: 0.39 × words/sentences + 11.8 × syllables/word − 15.59 (one syllable a word here)
        "  Lead  line 6  2 words · 1 paragraph · 1 s · grade -3.0\n"
        "  ## A  #a  lines 8-14  3 words (2 own) · 2 paragraphs · 1 s · grade -3.2\n"
        "    ### B  #b  lines 12-14  1 word · 1 paragraph · 0 s · grade -3.4\n"
    )
    assert report.render_tree([o], stats=False) == (
        "T\nx.md\n  Lead  line 6\n  ## A  #a  lines 8-14\n    ### B  #b  lines 12-14\n"
    )


def test_tree_without_content():
    o = build_outline(parse_text(FRONT, "empty.md"))
    assert report.render_tree([o], stats=False) == "T\nempty.md\n  (no content)\n"


def test_duration_and_plural():
    assert [report.duration(s) for s in (0, 59, 60, 61, 180, 3725)] == [
        "0 s",
        "59 s",
        "1 min",
        "1 min 1 s",
        "3 min",
        "62 min 5 s",
    ]
    assert report.plural(1, "word") == "1 word" and report.plural(1200, "word") == "1,200 words"
