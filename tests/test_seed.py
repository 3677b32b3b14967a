"""The seed article, the real document newsctl was created from, fails exactly as it should."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsctl.engine import lint_paths
from newsctl.settings import Settings
from tests.conftest import ARTICLES, SHARED

SEED_ARTICLE = ARTICLES / "cybersecurity-diplomacy.md"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)

# (code, line) of every finding, in order. Review any change here by reading the article.
SEED_FINDINGS = [
    ("M010", 1),  # no summary
    ("R002", 11),  # the headline's section (the whole story) reads at grade 18.8
    ("S001", 11),  # the seed's second headline line became an H1
    ("R001", 13),  # the article reads at grade 18.6
    ("R005", 13),  # 19 of 29 sentences over 20 words
    ("S010", 13),  # 65-word lead
    ("R002", 15),  # each of the four real sections is above grade 14
    ("R002", 21),
    ("R003", 25),  # three sentences over 35 words
    ("R002", 27),
    ("R002", 33),
    ("R003", 37),
    ("R003", 39),
    ("H001", 41),  # "Feel free to mix and match ideas..."
    ("S003", 43),  # the four headline ideas for another story: empty sections
    ("S003", 45),
    ("S003", 47),
    ("S003", 49),
]


def test_seed_findings_are_pinned():
    result = lint_paths([SEED_ARTICLE], Settings(now=NOW))
    assert [(f.code, f.line) for f in result.findings] == SEED_FINDINGS


def test_other_sample_articles_are_clean():
    others = [p for p in sorted(ARTICLES.glob("*.md")) if p != SEED_ARTICLE]
    result = lint_paths(others, Settings(now=NOW))
    assert [(f.path, f.code, f.line, f.message) for f in result.findings] == []


def test_seed_article_keeps_the_seed_text():
    """The conversion is faithful: every non-empty line of the seed is in the article, in order."""
    seed = SHARED / "seed" / "000_d9a56e2ba2170aa6.txt"
    if not seed.exists():
        pytest.skip(f"seed not found at {seed}")
    article_lines = [line.lstrip("# ").strip() for line in SEED_ARTICLE.read_text("utf-8").splitlines()]
    body = article_lines[article_lines.index("---", 1) + 1 :]
    seed_lines = [line.strip() for line in seed.read_text("utf-8").splitlines() if line.strip()]
    # the section label and the title moved into the front matter
    assert "section: News" in article_lines and seed_lines[0] == "News"
    assert f'title: "{seed_lines[1]}"' in article_lines
    remaining = [line for line in body if line]
    assert remaining == seed_lines[2:]
