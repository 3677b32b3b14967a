"""Documentation cannot drift: generated docs match the registry, README examples run."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys

import pytest

from newsctl import docs_gen, rulebook
from tests.conftest import ROOT

README = ROOT / "README.md"


@pytest.mark.parametrize("path", sorted(docs_gen.outputs(ROOT)), ids=lambda p: p.name)
def test_generated_docs_are_current(path):
    expected = docs_gen.outputs(ROOT)[path]
    assert path.exists() and path.read_text("utf-8") == expected, f"{path} is stale: run `make docs`"


@pytest.mark.parametrize("rule", rulebook.all_rules(), ids=lambda r: r.code)
def test_every_rule_is_fully_documented(rule):
    for section in ("What it checks", "Why it matters", "Example", "Use instead"):
        assert rule.doc.get(section), f"{rule.code} docstring lacks '{section}:'"
    if rule.options:
        assert rule.doc.get("Options"), f"{rule.code} has options but no 'Options:' section"
        for opt in rule.options:
            assert opt.name in rule.doc["Options"], f"{rule.code} does not document option {opt.name}"
    assert re.fullmatch(r"[MSDRH]\d{3}", rule.code)
    assert rule.summary.endswith(".")


def test_rule_docs_read_lazily_are_the_parsed_docstring():
    """registry.RuleDoc parses on first read; it reads exactly as parse_doc's dict did, in order."""
    from newsctl.registry import RuleDoc, parse_doc

    for rule in rulebook.all_rules():
        parsed = parse_doc(rule.func.__doc__ or "")
        assert isinstance(rule.doc, RuleDoc)
        assert list(rule.doc.items()) == list(parsed.items()) and rule.doc == parsed, rule.code
        assert rule.doc.get("No such section") is None and "Example" in rule.doc
    fresh = RuleDoc("Title.\n\n    What it checks:\n        Things.\n")
    assert fresh._sections is None and dict(fresh) == {"What it checks": "Things."}


def test_codes_and_names_are_unique_and_categorised():
    rules = rulebook.all_rules()
    assert len({r.code for r in rules}) == len({r.name for r in rules}) == len(rules)
    for r in rules:
        assert r.category == {"M": "metadata", "S": "structure", "D": "dates", "R": "readability", "H": "hygiene"}[r.code[0]]


def asserted_codes(source: str) -> set[str]:
    """Rule codes written inside an `assert` statement's condition (not a comment, not a name)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assert):
            found |= set(re.findall(r"\b[MSDRH]\d{3}\b", ast.unparse(node.test)))
    return found


def test_every_rule_has_a_test():
    """proselint's habit, made strict: each rule code is asserted in at least one test, so a
    code named only in a comment, a docstring or a parameter list does not count."""
    asserted = set().union(*(asserted_codes(p.read_text("utf-8")) for p in (ROOT / "tests").rglob("test_*.py")))
    missing = [r.code for r in rulebook.all_rules() if r.code not in asserted]
    assert missing == []


def test_a_code_outside_an_assertion_does_not_count():
    source = '# D004 here\n"""D004"""\ncodes = ["H001"]\nassert run("x") == [("S003", 1, 1)]\nassert "M002" in codes, "D009"\n'
    assert asserted_codes(source) == {"S003", "M002"}


def readme_examples() -> list[tuple[str, str]]:
    """```console blocks: a `$ newsctl ...` line, then its exact standard output."""
    text = README.read_text("utf-8")
    out = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        lines = block.splitlines()
        assert lines[0].startswith("$ "), block
        out.append((lines[0][2:], "\n".join(lines[1:]).rstrip()))
    return out


@pytest.mark.parametrize("command, expected", readme_examples(), ids=lambda v: v if isinstance(v, str) and v.startswith("newsctl") else "")
def test_readme_examples_run(command, expected):
    assert command.startswith("newsctl ")
    if "../shared/" in command and not (ROOT.parent / "shared").is_dir():
        pytest.skip("the seed in ../shared/ is not here")
    args = command.split()[1:]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    r = subprocess.run([sys.executable, "-m", "newsctl", *args], capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode in (0, 1), r.stderr
    assert r.stdout.rstrip() == expected


def test_readme_quick_start_is_the_two_make_commands():
    text = README.read_text("utf-8")
    assert "make demo" in text and "make test" in text


@pytest.mark.parametrize("command", ["lint", "baseline", "rules", "explain", "readability", "outline", "export", "feed", "review", "server", "init", "import", "new"])
def test_every_command_has_an_example_and_a_reference_section(command):
    """sqlite-utils' habit: every command shows an example in its help and is in docs/cli.md."""
    from typer.testing import CliRunner

    from newsctl.cli.app import app

    help_text = CliRunner().invoke(app, [command, "--help"]).stdout
    assert "Example: newsctl " + command in " ".join(help_text.split())
    assert f"## newsctl {command}\n" in (ROOT / "docs" / "cli.md").read_text("utf-8")


def test_every_registered_command_is_in_the_reference():
    from newsctl.cli.app import COMMANDS

    names = set(COMMANDS)
    documented = set(re.findall(r"^## newsctl (\w+)$", (ROOT / "docs" / "cli.md").read_text("utf-8"), re.M))
    assert names == documented
