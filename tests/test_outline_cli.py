"""`newsctl outline` end to end: formats, options, several files, bad input, exit codes."""

from __future__ import annotations

import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "outline"
GOLDEN = ROOT / "tests" / "golden" / "outline"


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A directory holding copies of the fixtures, as the current directory."""
    shutil.copytree(FIXTURES, tmp_path / "arts")
    (tmp_path / "newsctl.toml").write_text('paths = ["arts"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, ["outline", *args])


def test_default_tree_is_plain_text_when_not_a_terminal(work):
    result = run("arts/nested.md")
    assert result.exit_code == 0, result.stderr
    expected = (GOLDEN / "fixture-nested.tree.txt").read_text(encoding="utf-8")
    assert result.stdout == expected.replace("tests/fixtures/outline/", "arts/")
    assert result.stderr == ""


@pytest.mark.parametrize(
    "fmt, golden", [("markdown", "fixture-nested.toc.md"), ("json", "fixture-nested.json"), ("opml", None)]
)
def test_formats_match_the_goldens(work, fmt, golden):
    result = run("arts/nested.md", "--format", fmt, "--now", "2026-11-28T12:00:00Z")
    assert result.exit_code == 0, result.stderr
    if fmt == "opml":
        expected = (GOLDEN / "fixture-nested.opml").read_text(encoding="utf-8")
    else:
        expected = (GOLDEN / golden).read_text(encoding="utf-8")
    assert result.stdout == expected.replace("tests/fixtures/outline/", "arts/")


def test_depth_and_no_stats(work):
    result = run("arts/nested.md", "--depth", "1", "--no-stats")
    assert result.exit_code == 0
    assert result.stdout == (
        "Harbour *Bridge* Reopens After Repairs\n"
        "arts/nested.md\n"
        "  Lead  lines 8-9\n"
        "  ## What was repaired  #what-was-repaired  lines 11-28\n"
        "  ## Reaction  #reaction  lines 30-36\n"
        "  ## Costs  #costs  lines 38-44\n"
        "  ## Reaction  #reaction-1  line 46\n"
    )
    doc = json.loads(run("arts/nested.md", "-f", "json", "--depth", "2", "--no-stats").stdout)
    assert doc["depth"] == 2 and doc["stats"] is False
    assert doc["articles"][0]["nodes"][1]["children"][0]["children"] == []
    assert "own" not in doc["articles"][0]["nodes"][1]


def test_markdown_stats_on_request(work):
    result = run("arts/duplicates.md", "-f", "markdown", "--stats", "--depth", "1")
    assert result.stdout.splitlines()[0] == "- [Update](#update) (5 words, 1 s)"


def test_bad_depth_is_a_usage_error(work):
    assert run("arts/nested.md", "--depth", "0").exit_code == 2


def test_several_paths_and_default_paths(work):
    result = run("-f", "json")  # paths from newsctl.toml
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [a["path"] for a in doc["articles"]] == [
        "arts/bad-front-matter.md",
        "arts/duplicates.md",
        "arts/nested.md",
        "arts/no-headings.md",
        "arts/non-ascii.md",
    ]
    result = run("arts/non-ascii.md", "arts/duplicates.md", "-f", "opml", "--now", "2026-11-28T12:00:00Z")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert [o.get("path") for o in root.find("body").findall("outline")] == ["arts/non-ascii.md", "arts/duplicates.md"]
    assert root.findtext("head/title") == "Outline of 2 articles"


def test_output_file(work):
    result = run("arts/no-headings.md", "-f", "json", "--output", "out/outline.json")
    assert result.exit_code == 0
    assert result.stdout == ""
    doc = json.loads((work / "out" / "outline.json").read_text(encoding="utf-8"))
    assert doc["articles"][0]["title"] == "Brief: power cut in the old town"
    assert [n["level"] for n in doc["articles"][0]["nodes"]] == [0]


def test_unreadable_files_are_reported_and_the_rest_outlined(work):
    (work / "arts" / "binary.md").write_bytes(b"---\ntitle: x\n---\nab\x00cd\n")
    (work / "arts" / "latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    result = run("arts/binary.md", "arts/missing.md", "arts/latin1.md", "arts/no-headings.md", "-f", "markdown")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "arts/binary.md:4:3: File contains a NUL byte: it looks binary, not a Markdown article",
        "arts/missing.md:1:1: No such file",
        "arts/latin1.md:2:11: File is not valid UTF-8 (byte 0xe9 at line 2, column 11)",
    ]
    assert result.stdout == ""  # no-headings.md has no TOC entries, but was processed
    tree = run("arts/missing.md", "arts/no-headings.md")
    assert tree.exit_code == 1
    assert tree.stdout.startswith("Brief: power cut in the old town\narts/no-headings.md")


def test_front_matter_problems_still_outline(work):
    result = run("arts/bad-front-matter.md", "--no-stats")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "bad-front-matter"


def test_missing_default_paths_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsctl.toml").write_text('paths = ["nowhere"]\n', encoding="utf-8")
    result = run()
    assert result.exit_code == 2
    assert "nothing to outline" in result.stderr


def test_empty_directory(work):
    (work / "empty").mkdir()
    result = run("empty", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"] == []
    assert "no articles found" in result.stderr


def test_rich_tree_on_a_terminal(work, monkeypatch):
    from rich.console import Console

    from newsctl.cli import console as console_mod
    from newsctl.cli import outline as outline_cli

    recorded = Console(width=100, color_system=None, record=True, file=io.StringIO())
    monkeypatch.setattr(console_mod, "stdout_console", lambda: recorded)
    monkeypatch.setattr(outline_cli, "stdout_is_terminal", lambda: True)
    result = run("arts/nested.md")
    assert result.exit_code == 0
    expected = (GOLDEN / "fixture-nested.rich.txt").read_text(encoding="utf-8")
    assert recorded.export_text() == expected.replace("tests/fixtures/outline/", "arts/")


def test_many_files_with_progress(work, monkeypatch):

    for i in range(25):
        shutil.copy(work / "arts" / "duplicates.md", work / "arts" / f"copy-{i:02d}.md")
    seen = []
    import newsctl.cli.common as cli_common

    monkeypatch.setattr(cli_common, "progress_enabled", lambda count, quiet: seen.append(count) or True)
    result = run("arts", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert seen == [30]
    assert len(json.loads(result.stdout)["articles"]) == 30


def test_output_never_overwrites_an_article(work):
    before = (work / "arts" / "nested.md").read_bytes()
    result = run("arts", "--output", "arts/nested.md")
    assert result.exit_code == 2
    assert "--output arts/nested.md is one of the articles being outlined" in result.stderr
    assert (work / "arts" / "nested.md").read_bytes() == before


def test_opml_for_no_articles_is_still_opml(work):
    (work / "empty").mkdir()
    result = run("empty", "-f", "opml", "--now", "2026-11-28T12:00:00Z")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert root.findtext("head/title") == "Outline of 0 articles"
    assert list(root.find("body")) == []


@pytest.mark.parametrize("command", [["outline", "-f", "json"], ["readability", "--format", "json"]])
def test_report_goes_to_stdout_while_the_progress_bar_is_on_a_terminal(work, monkeypatch, command):
    """`newsctl outline -f json DIR > out.json` typed in a terminal: the bar is on stderr (a
    terminal), stdout a file. Reports written while the bar runs must reach stdout, not be
    redirected by rich onto the bar's terminal (a 73-byte out.json, the report on the screen)."""
    from rich.console import Console

    import newsctl.cli.common as cli_common
    import newsctl.cli.console as cli_console

    for i in range(25):
        shutil.copy(work / "arts" / "duplicates.md", work / "arts" / f"copy-{i:02d}.md")
    monkeypatch.setattr(cli_common, "progress_enabled", lambda count, quiet: True)
    monkeypatch.setattr(cli_console, "stderr_console", lambda: Console(stderr=True, force_terminal=True, width=80))
    result = CliRunner().invoke(app, [*command, "arts"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 30
    assert '"articles"' not in result.stderr
