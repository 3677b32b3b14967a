"""Golden files: every sample article in every format, compared byte for byte.

Regenerate after an intended change with one command, then review the diff by eye:

    NEWSCTL_UPDATE_GOLDEN=1 make test      (or .venv/bin/python -m pytest tests/test_export_golden.py)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.export_helpers import BASE_URL, GOLDEN, check_golden, sample_articles, updating

from newsctl.export import ExportOptions, render_article
from newsctl.parse import parse_file

VARIANTS = {
    # golden suffix: (format, options)
    ".html": ("html", ExportOptions(base_url=BASE_URL)),
    ".txt": ("text", ExportOptions(base_url=BASE_URL)),
    ".json": ("ninjs", ExportOptions(base_url=BASE_URL)),
}
EXTRA = {
    # (fixture stem, golden suffix): (format, options) for the options that change the output
    ("rich", ".fragment.html"): ("html", ExportOptions(fragment=True)),
    ("rich", ".ascii-w50.txt"): ("text", ExportOptions(ascii=True, width=50)),
    ("hostile", ".raw.html"): ("html", ExportOptions(fragment=True, allow_raw_html=True)),
    ("rich", ".nobase.json"): ("ninjs", ExportOptions()),
}


def _render(path: Path, fmt: str, options: ExportOptions) -> str:
    article = parse_file(path, path.name)
    return render_article(article, fmt, options)


@pytest.mark.parametrize("suffix", sorted(VARIANTS))
@pytest.mark.parametrize("path", sample_articles(), ids=lambda p: p.name)
def test_golden(path: Path, suffix: str) -> None:
    fmt, options = VARIANTS[suffix]
    check_golden(path.stem + suffix, _render(path, fmt, options))


@pytest.mark.parametrize("key", sorted(EXTRA), ids=lambda k: k[0] + k[1])
def test_golden_options(key: tuple[str, str]) -> None:
    from tests.export_helpers import FIXTURES

    fmt, options = EXTRA[key]
    check_golden(key[0] + key[1], _render(FIXTURES / f"{key[0]}.md", fmt, options))


def test_no_stale_golden_files() -> None:
    """Every golden file belongs to a sample article (a renamed article leaves none behind)."""
    if updating():
        pytest.skip("regenerating golden files")
    stems = {p.stem for p in sample_articles()}
    expected = {s + suffix for s in stems for suffix in VARIANTS} | {k[0] + k[1] for k in EXTRA}
    present = {p.name for p in GOLDEN.iterdir()} if GOLDEN.exists() else set()
    assert present - expected == set()
