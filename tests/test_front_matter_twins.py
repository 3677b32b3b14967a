"""The same article in YAML, TOML and JSON front matter gives the same findings, outline and exports.

The TOML and JSON twins of every sample article are written from the YAML one, each key on the
line where the YAML has it, so every finding keeps its line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.engine import lint_article
from newsctl.parse import parse_file
from newsctl.settings import from_mapping, parse_now

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "articles").glob("*.md"))
NOW = "2026-11-28T12:00:00Z"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def twin(path: Path, fmt: str) -> str:
    """The article with its front matter rewritten in `fmt`, every key on its YAML line."""
    article = parse_file(path)
    fm = article.front_matter
    lines = [""] * (fm.end_line - 2)
    keys = list(fm.fields.items())
    for i, (key, field) in enumerate(keys):
        assert field.key_span.line == field.value_span.end_line, "the samples write one line per key"
        if fmt == "toml":
            text = f"{key} = {_toml_value(field.value)}"
        else:
            text = f"  {json.dumps(key)}: {json.dumps(field.value, ensure_ascii=False)}" + ("," if i < len(keys) - 1 else "")
        lines[field.key_span.line - 2] = text
    opening, closing = ("+++", "+++") if fmt == "toml" else ("{", "}")
    body = article.source.text.split("\n")[fm.end_line :]
    return "\n".join([opening, *lines, closing, *body])


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("twins")
    for fmt in ("yaml", "toml", "json"):
        (root / fmt).mkdir()
        for path in SAMPLES:
            text = path.read_text(encoding="utf-8") if fmt == "yaml" else twin(path, fmt)
            (root / fmt / path.name).write_text(text, encoding="utf-8")
    return {fmt: root / fmt for fmt in ("yaml", "toml", "json")}


def _findings(path: Path) -> list[tuple]:
    settings = from_mapping({})
    from dataclasses import replace

    settings = replace(settings, now=parse_now(NOW))
    return [(f.code, f.line, f.severity.value, f.message, f.column if f.line > 12 else None) for f in lint_article(parse_file(path), settings)]


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_twin_gives_the_same_findings(twins: dict[str, Path], fmt: str, name: str) -> None:
    twin_article = parse_file(twins[fmt] / name)
    assert twin_article.front_matter.format == fmt and twin_article.front_matter.ok
    assert twin_article.meta == parse_file(twins["yaml"] / name).meta
    assert _findings(twins[fmt] / name) == _findings(twins["yaml"] / name)


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_twin_gives_the_same_outline_and_exports(twins: dict[str, Path], fmt: str, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs: dict[str, dict[str, str]] = {}
    for source in ("yaml", fmt):
        out: dict[str, str] = {}
        for name in (p.name for p in SAMPLES):
            result = runner.invoke(app, ["outline", str(twins[source] / name), "--format", "json"])
            assert result.exit_code == 0, result.output
            out[f"outline/{name}"] = result.stdout.replace(str(twins[source]), "DIR")
        for kind in ("html", "text", "ninjs"):
            target = tmp_path / source / kind
            result = runner.invoke(
                app, ["export", str(twins[source]), "--format", kind, "--output-dir", str(target), "--now", NOW, "--include-drafts"]
            )
            assert result.exit_code in (0, 1), result.output
            for file in sorted(target.iterdir()):
                text = file.read_text(encoding="utf-8")
                if kind == "ninjs":  # the version is a hash of the source file, which differs by design
                    data = json.loads(text)
                    data.pop("version")
                    text = json.dumps(data, sort_keys=True)
                out[f"{kind}/{file.name}"] = text
        outputs[source] = out
    assert outputs[fmt].keys() == outputs["yaml"].keys()
    for key in outputs["yaml"]:
        assert outputs[fmt][key] == outputs["yaml"][key], key
