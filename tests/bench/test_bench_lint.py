"""Lint speed, measured with pytest-benchmark (`make bench-micro`); never asserted in the normal suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsctl.engine import lint_article, lint_paths
from newsctl.parse import parse_text
from newsctl.settings import Settings
from tests.conftest import ARTICLES

SEED = (ARTICLES / "cybersecurity-diplomacy.md").read_text("utf-8")


def test_parse_one_article(benchmark):
    benchmark(parse_text, SEED, "seed.md")


def test_lint_one_parsed_article(benchmark):
    article = parse_text(SEED, "seed.md")
    settings = Settings()
    lint_article(article, settings)  # warm lazy loads (word lists, dictionaries)
    benchmark(lint_article, article, settings)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    for i in range(50):
        for src in ARTICLES.glob("*.md"):
            (root / f"{i}-{src.name}").write_text(src.read_text("utf-8"), encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", [1, 2])
def test_lint_archive_of_200_files(benchmark, archive: Path, jobs: int):
    benchmark.pedantic(lint_paths, args=([archive], Settings()), kwargs={"jobs": jobs}, rounds=3, iterations=1)
