"""Issue 15: an unexpected exception in one article's step is that article's failure; the others are intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl import registry
from newsctl.cli.app import app

NOW = "2026-11-28T12:00:00Z"
ARTICLE = "---\ntitle: {title}\ndate: 2026-11-20\nauthor: Jane Roe\nsummary: The council approved it.\n---\n\n# {title}\n\nThe council approved the budget on Tuesday.\n"
REPORT = "(a bug in newsctl: please report it with this file)"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, title in (("a.md", "Council approves budget"), ("boom.md", "Boom"), ("c.md", "Mayor opens bridge")):
        (tmp_path / name).write_text(ARTICLE.format(title=title), encoding="utf-8")
    return tmp_path


def failing_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsctl.rulebook  # noqa: F401  (loads every rule)

    def check(article, settings):  # type: ignore[no-untyped-def]
        if article.meta.title == "Boom":
            raise KeyError("no such field\nsecond line")
        return []

    rules = dict(registry.RULES)
    rules["H990"] = registry.Rule("H990", "failing-rule", "hygiene", registry.Severity.WARNING, check, "Fails on Boom.", {})
    monkeypatch.setattr(registry, "RULES", rules)


def _lint_json(tree: Path) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(app, ["lint", "--now", NOW, "--format", "json", str(tree)])
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_failing_rule_is_a_finding_for_that_article_only(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, before = _lint_json(tree)
    failing_rule(monkeypatch)
    code, findings = _lint_json(tree)
    crash = [f for f in findings if f["code"] == "H990"]
    assert [(Path(f["path"]).name, f["line"], f["column"], f["message"]) for f in crash] == [
        ("boom.md", 1, 1, f"Internal error in rule H990 (failing-rule): KeyError: 'no such field\\nsecond line' {REPORT}")
    ]
    assert code == 0  # a warning, at the default fail level
    assert [f for f in findings if f["code"] != "H990"] == before  # every other result intact
    assert {Path(f["path"]).name for f in before} == {"a.md", "boom.md", "c.md"}


def test_failing_parser_is_a_finding_and_exit_1(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsctl.parse

    real = newsctl.parse.parse_file

    def parse_file(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "boom.md":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(newsctl.parse, "parse_file", parse_file)
    code, findings = _lint_json(tree)
    assert code == 1
    shown = [(Path(f["path"]).name, f["line"], f["code"], f["message"]) for f in findings]
    assert [s for s in shown if s[0] == "boom.md"] == [
        ("boom.md", 1, "M001", f"Internal error while reading: RecursionError: maximum recursion depth exceeded {REPORT}")
    ]
    assert {s[0] for s in shown} == {"a.md", "boom.md", "c.md"}


@pytest.mark.parametrize("fmt", ["html", "text", "ninjs"])
def test_failing_renderer_fails_that_article_and_exports_the_others(tree: Path, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    import importlib

    module = importlib.import_module(f"newsctl.export.{fmt}")
    real = module.render

    def render(doc, options):  # type: ignore[no-untyped-def]
        if doc.name == "boom":
            raise ZeroDivisionError("division by zero")
        return real(doc, options)

    monkeypatch.setattr(module, "render", render)
    out = tree / "out"
    result = CliRunner().invoke(app, ["export", "--format", fmt, "--now", NOW, str(tree), "--output-dir", str(out)])
    assert result.exit_code == 1
    assert f"Internal error while rendering {fmt}: ZeroDivisionError: division by zero {REPORT}" in result.output
    ext = {"html": ".html", "text": ".txt", "ninjs": ".json"}[fmt]
    assert sorted(p.name for p in out.iterdir()) == [f"a{ext}", f"c{ext}"]
    assert "Mayor opens bridge" in (out / f"c{ext}").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command, target, where",
    [("outline", "newsctl.outline.build_outline", "while outlining"), ("readability", "newsctl.readability.measure", "while measuring")],
)
def test_a_failing_outline_or_measure_is_that_articles_error_only(tree: Path, monkeypatch: pytest.MonkeyPatch, command: str, target: str, where: str) -> None:
    """Outline and readability isolate building and measuring too, not only reading."""
    import importlib

    module_name, func_name = target.rsplit(".", 1)
    module = importlib.import_module(module_name)
    real = getattr(module, func_name)

    def failing(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.meta.title == "Boom":
            raise ZeroDivisionError("division by zero")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(module, func_name, failing)
    result = CliRunner().invoke(app, [command, str(tree), "--format", "json", "-j", "1"])
    assert result.exit_code == 1
    assert f"boom.md:1:1: Internal error {where}: ZeroDivisionError: division by zero {REPORT}" in result.stderr
    data = json.loads(result.stdout)
    assert sorted(Path(a["path"]).name for a in data["articles"]) == ["a.md", "c.md"]  # the others are intact
