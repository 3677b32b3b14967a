"""Readability speed: the syllable data's load cost, measuring, and a whole single-file lint.

Numbers recorded in README.md ("## Readability"). Not timed assertions: pytest-benchmark
reports them; `make bench-micro` runs this file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsctl import readability_table as rt
from newsctl.engine import lint_article
from newsctl.parse import parse_file
from newsctl.readability import measure
from newsctl.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "articles" / "cybersecurity-diplomacy.md"
NOW = "2026-11-28T12:00:00Z"

pytestmark = pytest.mark.bench


def test_load_syllable_table(benchmark):
    table = benchmark(rt.load_table)
    assert table is not None


def test_load_hyphenation_patterns(benchmark):
    assert benchmark(rt.load_hyphenator) is not None


def test_measure_article_warm(benchmark):
    article = parse_file(ARTICLE)
    rt.counter()

    def run():
        article.derived.clear()
        return measure(article)

    assert benchmark(run).article.words == 686


def test_lint_article_in_process(benchmark):
    article = parse_file(ARTICLE)
    settings = Settings()

    def run():
        article.derived.clear()
        return lint_article(article, settings)

    assert benchmark(run)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsctl", *args], capture_output=True, text=True, cwd=ROOT)


def test_newsctl_lint_one_file_cold_process(benchmark):
    """The writer's pre-commit case: a fresh process linting one article."""
    result = benchmark.pedantic(_cli, args=("lint", "--now", NOW, str(ARTICLE)), rounds=10, iterations=1)
    assert result.returncode == 1


def test_newsctl_lint_one_file_without_readability(benchmark):
    result = benchmark.pedantic(_cli, args=("lint", "--now", NOW, "--ignore", "R", str(ARTICLE)), rounds=10, iterations=1)
    assert result.returncode == 1


def test_textstat_first_call_cold_process(benchmark):
    """For comparison: textstat 0.7.8's own first English score in a fresh process."""
    code = "import textstat; textstat.flesch_kincaid_grade('The cat sat on the mat today.')"
    result = benchmark.pedantic(
        subprocess.run, args=([sys.executable, "-c", code],), kwargs={"check": True}, rounds=5, iterations=1
    )
    assert result.returncode == 0
