"""Reporter contracts: SARIF validates against the official schema; text and JSON are stable."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from newsctl import rulebook
from newsctl.engine import lint_paths
from newsctl.report import json as json_report
from newsctl.report import sarif
from newsctl.settings import Settings
from tests.conftest import ARTICLES, ROOT

SCHEMAS = Path(__file__).resolve().parent / "schemas"


def test_schema_copy_is_unmodified():
    digest = hashlib.sha256((SCHEMAS / "sarif-2.1.0.json").read_bytes()).hexdigest()
    assert digest == "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("sarif")
    (tmp / "with space.md").write_text("---\ntitle: t\nautor: x\n---\n\nThe the end.\n", encoding="utf-8")
    return lint_paths([str(ARTICLES), str(tmp)], Settings())


def test_sarif_is_valid_against_the_official_schema(result):
    doc = sarif.document(result, ROOT)
    schema = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text())
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=str)
    assert errors == []


def test_sarif_rule_table_comes_from_the_registry(result):
    run = sarif.document(result, ROOT)["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == [r.code for r in rulebook.all_rules()]
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        if art["uri"].startswith("file://"):  # outside the repository: an absolute file URI
            assert "uriBaseId" not in art
        else:
            assert art["uriBaseId"] == "%SRCROOT%" and not art["uri"].startswith("/")
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    assert run["columnKind"] == "unicodeCodePoints"
    assert any("with%20space.md" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"])


def test_sarif_levels_map_info_to_note(result):
    levels = {r["level"] for r in sarif.document(result, ROOT)["runs"][0]["results"]}
    assert levels <= {"error", "warning", "note"} and "note" in levels


def test_sarif_carries_safe_fixes(result):
    results = sarif.document(result, ROOT)["runs"][0]["results"]
    fixed = [r for r in results if r["ruleId"] == "M009"]
    assert fixed and fixed[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "author"}


def test_json_summary_counts_match_findings(result):
    doc = json_report.document(result)
    for sev in ("error", "warning", "info"):
        assert doc["summary"][sev] == sum(1 for f in doc["findings"] if f["severity"] == sev)


def test_sarif_uri_of_a_file_name_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A Latin-1 byte in a file name (a surrogate escape in Python) is percent-encoded as that
    byte, as Path.as_uri does for files outside the root, instead of a UnicodeEncodeError."""
    import os

    from typer.testing import CliRunner

    from newsctl.cli.app import app

    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text("---\ntitle: t\n---\n\nThe the end.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["lint", "--no-cache", "--now", "2026-11-28T12:00:00Z", "--format", "sarif", "."])
    assert result.exit_code == 1, result.output
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(result.stdout)["runs"][0]["results"]}
    assert uris == {"caf%E9.md"}
