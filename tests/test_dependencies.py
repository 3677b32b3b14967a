"""Dependencies say what runs: every runtime dependency in pyproject.toml is imported by newsctl.

A dependency nobody imports still installs, pins and breaks on every machine. Distributions
map to the modules they provide through their installed metadata (`beautifulsoup4` gives
`bs4`, `PyYAML` gives `yaml`); the package's source is read with `ast`, imports inside
functions included (newsctl imports heavy things lazily).
"""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT


def runtime_distributions() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return [re.match(r"[A-Za-z0-9._-]+", spec).group() for spec in project["dependencies"]]  # type: ignore[union-attr]


def imported_top_level_modules() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "newsctl").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_is_imported():
    provides: dict[str, set[str]] = {}
    for module, dists in packages_distributions().items():
        for dist in dists:
            provides.setdefault(_normalise(dist), set()).add(module)
    imported = imported_top_level_modules()
    unused = [dist for dist in runtime_distributions() if not provides.get(_normalise(dist), set()) & imported]
    assert unused == [], f"runtime dependencies newsctl never imports: {unused} (drop them or move them to the test extra)"


def test_the_check_would_see_an_unused_dependency():
    """The mapping is real: a test-only distribution provides modules newsctl does not import."""
    provides = {_normalise(d): m for m, ds in packages_distributions().items() for d in ds}
    assert provides["feedparser"] == "feedparser" and "feedparser" not in imported_top_level_modules()
    assert "bs4" in imported_top_level_modules() and "yaml" in imported_top_level_modules()
