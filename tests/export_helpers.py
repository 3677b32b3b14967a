"""Helpers shared by the export tests: sample articles, golden files, schemas, the Nu checker."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "export"
GOLDEN = Path(__file__).resolve().parent / "golden" / "export"
LOCAL_SCHEMAS = Path(__file__).resolve().parent / "schemas"
SHARED_SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas"
BASE_URL = "https://example.com/news/"
SCHEMA_SHA256 = {
    "ninjs-3.1.json": "404f578a299bf34e76e98f2de26ad9989882ebd7abf3a4d3cf3aa689b70a8744",
    "geojson.json": "e52886cce1429941ab3725a055a61d6bf8b6f5429837ff7dbca32f809e3500c2",
}


def sample_articles() -> list[Path]:
    """Every article in articles/ plus the export fixtures: the golden set."""
    return sorted((ROOT / "articles").glob("*.md")) + sorted(FIXTURES.glob("*.md"))


def updating() -> bool:
    return os.environ.get("NEWSCTL_UPDATE_GOLDEN") == "1"


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/export/<name>; NEWSCTL_UPDATE_GOLDEN=1 rewrites it instead."""
    path = GOLDEN / name
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"missing golden file {path}; create it with: NEWSCTL_UPDATE_GOLDEN=1 make test"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file; review, then NEWSCTL_UPDATE_GOLDEN=1 make test"


def schema_file(name: str) -> Path:
    """The local copy (always present); the shared folder is the fallback."""
    local = LOCAL_SCHEMAS / name
    return local if local.exists() else SHARED_SCHEMAS / name


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def ninjs_validator() -> Any:
    """A Draft 2020-12 validator for ninjs 3.1 with GeoJSON served locally and formats checked."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    ninjs = json.loads(schema_file("ninjs-3.1.json").read_text("utf-8"))
    geojson = json.loads(schema_file("geojson.json").read_text("utf-8"))
    registry = Registry().with_resources(
        [
            ("https://geojson.org/schema/GeoJSON.json", Resource.from_contents(geojson)),
            (ninjs["$id"], Resource.from_contents(ninjs)),
        ]
    )
    Draft202012Validator.check_schema(ninjs)
    return Draft202012Validator(ninjs, registry=registry, format_checker=FormatChecker())


def vnu_command() -> tuple[list[str] | None, str]:
    """The Nu Html Checker command, or None and why it is unavailable."""
    java = shutil.which("java")
    if not java:
        return None, "java is not installed"
    candidates = [os.environ.get("VNU_JAR", "")]
    candidates.append(str(ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))
    jar = next((c for c in candidates if c and Path(c).is_file()), None)
    if not jar:
        return None, "vnu.jar not found (run `make tools`, or set VNU_JAR); needs npm and the npm registry"
    return [java, "-jar", jar], ""


def run_vnu(files: list[str], *flags: str) -> tuple[list[str], int]:
    """The Nu Html Checker's errors on files ("name:line: message") and its exit status.

    Skips when the checker is unavailable, unless NEWSCTL_REQUIRE_VNU=1 (set by .ci/run): then
    a missing checker fails the test, so CI cannot pass without having checked the HTML.
    """
    import subprocess

    import pytest

    command, why = vnu_command()
    if command is None:
        if os.environ.get("NEWSCTL_REQUIRE_VNU") == "1":
            pytest.fail(f"NEWSCTL_REQUIRE_VNU=1 but the Nu Html Checker is unavailable: {why}")
        pytest.skip(f"Nu Html Checker unavailable: {why}")
    run = subprocess.run([*command, "--errors-only", "--format", "json", *flags, *files], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout or '{"messages": []}')
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in report.get("messages", [])]
    return errors, run.returncode
