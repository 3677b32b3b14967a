"""`newsctl new`: a draft from the template, with the fields lint requires, never overwriting."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.engine import lint_paths
from newsctl.new_article import new_article
from newsctl.settings import Settings

NOW = "2026-11-28T12:00:00+01:00"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["new", *args], env=env)


def test_new_article_from_the_built_in_template(tmp_path):
    result = run("Council approves budget: what changes", "--section", "Politics", "--author", "Jane Doe", "--dir", str(tmp_path), "--now", NOW)
    assert result.exit_code == 0, result.output
    target = tmp_path / "council-approves-budget-what-changes.md"
    assert result.stdout == f"{target}\n"
    assert target.read_text("utf-8") == (
        "---\n"
        "title: 'Council approves budget: what changes'\n"
        "date: 2026-11-28T12:00:00+01:00\n"
        "author: Jane Doe\n"
        "section: Politics\n"
        "status: draft\n"
        "slug: council-approves-budget-what-changes\n"
        "---\n"
        "\n"
        "[Insert the lead here] Who did what, when and where, in one or two sentences.\n"
    )
    findings = lint_paths([target], Settings(now=datetime(2026, 11, 28, 12, tzinfo=timezone.utc))).findings
    # the lead placeholder is reported until it is written; everything required is there
    assert [(f.code, f.line, f.column) for f in findings] == [("M010", 1, 1), ("H002", 10, 1)]


def test_without_author_lint_names_the_empty_byline(tmp_path):
    assert run("Ferry strike ends", "--dir", str(tmp_path), "--now", NOW).exit_code == 0
    target = tmp_path / "ferry-strike-ends.md"
    assert "author:\nstatus: draft\n" in target.read_text("utf-8")
    findings = lint_paths([target], Settings(now=datetime(2026, 11, 28, 12, tzinfo=timezone.utc))).findings
    assert ("M007", "Required field 'author' is empty") in [(f.code, f.message) for f in findings]


def test_date_is_now_with_the_local_timezone():
    article = new_article("A headline", datetime(2026, 3, 1, 9, 30).astimezone())
    line = next(x for x in article.text.splitlines() if x.startswith("date: "))
    parsed = datetime.fromisoformat(line[6:])
    assert parsed.tzinfo is not None and parsed.utcoffset() == datetime(2026, 3, 1, 9, 30).astimezone().utcoffset()


def test_refuses_to_overwrite(tmp_path):
    target = tmp_path / "ferry-strike-ends.md"
    target.write_text("the writer's draft\n", "utf-8")
    result = run("Ferry strike ends", "--dir", str(tmp_path), "--now", NOW)
    assert result.exit_code == 1
    assert "already exists; not overwritten" in result.stderr and result.stdout == ""
    assert target.read_text("utf-8") == "the writer's draft\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ferry-strike-ends.md"]


def test_template_from_settings(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "story.md.j2").write_text(
        "---\ntitle: {{ title | yaml }}\ndate: {{ date }}\nauthor: {{ author | yaml }}\ntags: []\nslug: {{ slug }}\n---\n\nTK\n", "utf-8"
    )
    config = tmp_path / "newsctl.toml"
    config.write_text('new-template = "templates/story.md.j2"\npaths = ["stories"]\n', "utf-8")
    result = CliRunner().invoke(app, ["new", "Café reopens", "--author", "O'Brien", "--config", str(config), "--now", NOW, "--dir", str(tmp_path / "stories")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "stories" / "cafe-reopens.md").read_text("utf-8")
    assert text == "---\ntitle: Café reopens\ndate: 2026-11-28T12:00:00+01:00\nauthor: O'Brien\ntags: []\nslug: cafe-reopens\n---\n\nTK\n"


def test_bad_template_is_a_usage_error(tmp_path):
    (tmp_path / "bad.j2").write_text("---\ntitle: {{ title | yaml }\n---\n", "utf-8")
    config = tmp_path / "newsctl.toml"
    config.write_text('new-template = "bad.j2"\n', "utf-8")
    result = CliRunner().invoke(app, ["new", "Headline", "--config", str(config), "--dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "new-template bad.j2:2:" in result.stderr or f"new-template {tmp_path / 'bad.j2'}:2:" in result.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "bad.j2").write_text("{{ headline }}\n", "utf-8")
    result = CliRunner().invoke(app, ["new", "Headline", "--config", str(config), "--dir", str(tmp_path / "out")])
    assert result.exit_code == 2 and "'headline' is undefined" in result.stderr


def test_edit_opens_the_editor(tmp_path):
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\nopen(sys.argv[1], 'a').write('edited\\n')\n", "utf-8")
    env = {"VISUAL": "", "EDITOR": f"{sys.executable} {editor}"}
    result = run("Edited story", "--dir", str(tmp_path), "--edit", "--now", NOW, env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "edited-story.md").read_text("utf-8").endswith("edited\n")


def test_edit_without_an_editor_keeps_the_file(tmp_path):
    result = run("No editor", "--dir", str(tmp_path), "--edit", "--now", NOW, env={"VISUAL": "", "EDITOR": ""})
    assert result.exit_code == 2 and "set $VISUAL or $EDITOR" in result.stderr
    assert (tmp_path / "no-editor.md").exists()


def test_empty_headline():
    result = run("  ")
    assert result.exit_code == 2 and "the headline is empty" in result.stderr


def test_default_directory_is_the_first_configured_directory(tmp_path, monkeypatch):
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "storm.txt").write_text("Storm\n", "utf-8")
    (tmp_path / "stories").mkdir()
    (tmp_path / "newsctl.toml").write_text('paths = ["copy/storm.txt", "stories"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("Ferry strike ends", "--now", NOW)
    assert result.exit_code == 0 and result.stdout == "stories/ferry-strike-ends.md\n"
    imported = CliRunner().invoke(app, ["import", "copy/storm.txt"])
    assert imported.exit_code == 0 and imported.stdout == "stories/storm.md\n"
