"""Golden outputs: every sample article in every outline format, and the outline examples in
README.md and docs/outline-json.md.

Samples: articles/*.md and tests/fixtures/outline/*.md. Goldens: tests/golden/outline/.
Regenerate all of them (then review the diff by eye and commit) with:

    NEWSCTL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_outline_golden.py
"""

from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsctl.outline import Outline, build_outline
from newsctl.parse import parse_file
from newsctl.report import outline as report

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "outline"
CREATED = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)  # the Makefile's NOW
UPDATE = os.environ.get("NEWSCTL_UPDATE_GOLDEN") == "1"


def samples() -> list[str]:
    found = sorted((ROOT / "articles").glob("*.md")) + sorted((ROOT / "tests" / "fixtures" / "outline").glob("*.md"))
    return [p.relative_to(ROOT).as_posix() for p in found]


def _rich(outlines: list[Outline]) -> str:
    from rich.console import Console

    from newsctl.cli.outline import print_rich

    console = Console(width=100, color_system=None, force_terminal=False, record=True, file=io.StringIO())
    print_rich(outlines, console)
    return console.export_text()


FORMATS = {
    "tree.txt": lambda o: report.render_tree(o),
    "rich.txt": _rich,
    "toc.md": lambda o: report.render_markdown(o),
    "json": lambda o: report.render_json(o),
    "opml": lambda o: report.render_opml(o, created=CREATED),
}


def golden_name(rel: str, ext: str) -> str:
    stem = rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    prefix = "articles" if rel.startswith("articles/") else "fixture"
    return f"{prefix}-{stem}.{ext}"


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"missing golden {path.name}; regenerate: NEWSCTL_UPDATE_GOLDEN=1 pytest tests/test_outline_golden.py"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden (regenerate and review the diff)"


@pytest.mark.parametrize("rel", samples())
@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_golden(rel: str, ext: str) -> None:
    outline = build_outline(parse_file(ROOT / rel, rel))
    _check(golden_name(rel, ext), FORMATS[ext]([outline]))


def test_golden_all_samples_together() -> None:
    """Several articles in one document: one outline per article, in path order."""
    outlines = [build_outline(parse_file(ROOT / rel, rel)) for rel in samples()]
    _check("all.json", report.render_json(outlines))
    _check("all.toc.md", report.render_markdown(outlines))
    _check("all.opml", report.render_opml(outlines, created=CREATED))


def test_no_stale_goldens() -> None:
    expected = {golden_name(rel, ext) for rel in samples() for ext in FORMATS} | {"all.json", "all.toc.md", "all.opml"}
    present = {p.name for p in GOLDEN.glob("*")} if GOLDEN.exists() else set()
    stale = present - expected
    if UPDATE:
        for name in stale:
            (GOLDEN / name).unlink()
        return
    assert not stale, f"goldens without a sample: {sorted(stale)}"


# --- the examples in README.md and docs/outline-json.md are goldens too --------------------------

README = ROOT / "README.md"
JSON_DOC = ROOT / "docs" / "outline-json.md"


def _invoke(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    import shlex

    from typer.testing import CliRunner

    from newsctl.cli.app import app

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, shlex.split(command))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_readme_examples_are_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    head, section = text.split("\n## Outline\n", 1)
    section, sep, tail = section.partition("\n## ")
    blocks = section.split("```console\n")
    assert len(blocks) == 3, "the Outline section has two console examples"
    new_blocks = [blocks[0]]
    for block in blocks[1:]:
        body, rest = block.split("\n```", 1)
        command, _, expected = body.partition("\n")
        assert command.startswith("$ newsctl outline ")
        actual = _invoke(command[len("$ newsctl ") :], monkeypatch)
        new_blocks.append(command + "\n" + actual.rstrip("\n") + "\n```" + rest)
        if not UPDATE:
            assert actual == expected + "\n", f"README example out of date: {command}\n{actual}"
    if UPDATE:
        README.write_text(head + "\n## Outline\n" + "```console\n".join(new_blocks) + sep + tail, encoding="utf-8")


def test_docs_json_example_is_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import jsonschema

    text = JSON_DOC.read_text(encoding="utf-8")
    before, rest = text.split("```json\n", 1)
    shown, after = rest.split("\n```", 1)
    command = "outline tests/fixtures/outline/duplicates.md --format json --depth 1"
    assert f"`newsctl {command}`" in before
    real = json.loads(_invoke(command, monkeypatch))
    real["articles"][0]["nodes"] = real["articles"][0]["nodes"][:2]  # the lead and one heading
    if UPDATE:
        JSON_DOC.write_text(before + "```json\n" + json.dumps(real, indent=2, ensure_ascii=False) + "\n```" + after, encoding="utf-8")
        return
    example = json.loads(shown)
    schema = json.loads((ROOT / "docs" / "outline.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(example)
    assert example == real, "docs/outline-json.md example out of date (regenerate)"


def test_every_schema_field_is_documented() -> None:
    import json

    schema = json.loads((ROOT / "docs" / "outline.schema.json").read_text(encoding="utf-8"))
    text = JSON_DOC.read_text(encoding="utf-8")
    names: set[str] = set()

    def collect(node: object) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}).keys())
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(schema)
    missing = sorted(n for n in names if f"`{n}`" not in text)
    assert not missing, f"fields not documented in docs/outline-json.md: {missing}"
