"""One voice across commands: a short option means one thing everywhere, problems with a file
read path:line:col, the help names arguments as users type them, shell completion is on."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.cli.common import located


def _options():
    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    for name in root.list_commands(ctx):  # commands load lazily: ask the group, not its dict
        command = root.get_command(ctx, name)
        for param in command.params:
            if getattr(param, "param_type_name", "") == "option":
                yield name, param


def test_a_short_option_means_the_same_in_every_command():
    meaning = defaultdict(set)
    for name, param in _options():
        for opt in [*param.opts, *param.secondary_opts]:
            if len(opt) == 2:
                meaning[opt].add(max(param.opts, key=len))
    assert {short: longs for short, longs in meaning.items() if len(longs) > 1} == {}
    assert meaning["-o"] == {"--output"} and meaning["-f"] == {"--format"}


def test_explain_names_its_argument_code():
    r = CliRunner().invoke(app, ["explain", "--help"])
    assert "CODE" in r.stdout.splitlines()[0] and "code" not in r.stdout.splitlines()[0]


def test_shell_completion_is_offered():
    r = CliRunner().invoke(app, ["--help"])
    assert "--install-completion" in r.stdout and "--show-completion" in r.stdout


@pytest.mark.parametrize(
    "reason, expected",
    [
        ("line 2, column 5: Bad YAML", "a.md:2:5: Bad YAML"),
        ("line 7: no title", "a.md:7:1: no title"),
        ("same.txt is already written by b.md", "a.md: same.txt is already written by b.md"),
    ],
)
def test_failures_are_located(reason: str, expected: str):
    assert located("a.md", reason) == expected


def test_export_and_feed_failures_read_path_line_col(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_text("---\ntitle: [\n---\n\nBody\n", "utf-8")
    r = CliRunner().invoke(app, ["export", "bad.md", "--format", "text", "--output", "-"])
    assert r.exit_code == 1 and r.stderr.startswith("bad.md:2:")
    r = CliRunner().invoke(app, ["feed", "bad.md", "--base-url", "https://example.com/"])
    assert "\n  bad.md:2:" in r.stderr
