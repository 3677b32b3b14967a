"""The sample articles and the format documentation stay true to the format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsctl.engine import lint_article
from newsctl.fields import FIELDS
from newsctl.parse import parse_file, parse_text
from newsctl.settings import from_mapping

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"

CLEAN = ["ostra-river-floods-velden.md", "elmstead-repair-cafe.md", "how-flood-warnings-work.md"]
FORMAT = ROOT / "docs" / "format.md"


def _findings(article):
    return [(f.line, f.code, f.message) for f in lint_article(article, from_mapping({}))]


@pytest.mark.parametrize("name", CLEAN)
def test_sample_article_is_clean(name: str) -> None:
    assert _findings(parse_file(ARTICLES / name)) == []


@pytest.mark.parametrize("name", CLEAN)
def test_sample_article_slug_matches_file_name(name: str) -> None:
    article = parse_file(ARTICLES / name)
    assert article.meta.slug == Path(name).stem
    assert article.meta.status == "published"
    assert article.meta.date is not None and article.meta.date.tzinfo is not None
    assert article.problems == ()


def test_explainer_uses_every_body_feature() -> None:
    article = parse_file(ARTICLES / "how-flood-warnings-work.md")
    levels = {b.level for b in article.headings()}
    assert levels == {2, 3}
    assert any(b.in_list for b in article.prose_blocks())
    assert any(s.in_quote for s in article.sentences)
    inlines = [b.inline for b in article.blocks if b.inline]
    assert [link.href for inline in inlines for link in inline.links] == ["https://wmo.int/"]
    alts = [img.alt for inline in inlines for img in inline.images]
    assert alts == ["A river level gauge, marked in meters, standing in brown floodwater beside a stone bridge"]


def _format_doc() -> str:
    return FORMAT.read_text(encoding="utf-8")


def test_format_doc_lists_every_field() -> None:
    rows = re.findall(r"^\| `([a-z_]+)` \|", _format_doc(), re.M)
    assert rows == list(FIELDS)


def test_format_doc_example_is_clean() -> None:
    doc = _format_doc()
    example = doc.split("## A complete example", 1)[1].split("```markdown\n", 1)[1].rsplit("```", 1)[0]
    article = parse_text(example, "harbour-strike-halts-exports.md")
    assert article.meta.slug == "harbour-strike-halts-exports"
    assert _findings(article) == []


def test_format_doc_suppression_example_works() -> None:
    doc = _format_doc()
    snippet = doc.split("```markdown\n<!-- newsctl: disable-next-line", 1)[1].split("```", 1)[0]
    front = "---\ntitle: Tickets\ndate: 2026-11-20T08:30:00+01:00\nauthor: Jane Doe\nsummary: Fans queued.\n---\n\nLead.\n\n"
    with_comment = front + "<!-- newsctl: disable-next-line" + snippet
    without = front + snippet.split("\n", 1)[1]
    assert _findings(parse_text(with_comment, "a.md")) == []
    assert _findings(parse_text(without, "a.md")) == [(10, "H003", 'Doubled word: "go go"')]
