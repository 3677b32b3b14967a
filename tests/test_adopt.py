"""Adopting newsctl in an existing site: .gitignore, `newsctl init`, and init -> lint round trips."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.engine import collect
from newsctl.settings import Settings

runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint_json(cwd: Path, *args: str) -> tuple[int, list[dict]]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, ["lint", "--format", "json", "--now", "2025-01-01T00:00:00Z", *args])
    finally:
        os.chdir(old)
    return result.exit_code, json.loads(result.stdout)["findings"]


def init(cwd: Path, *args: str):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return runner.invoke(app, ["init", *args])
    finally:
        os.chdir(old)


# --- .gitignore ------------------------------------------------------------------------------------


POST = "---\ntitle: T\ndate: 2024-01-01\nauthor: A\nsummary: S.\n---\n\nThe council voted.\n"


def test_directories_are_walked_honouring_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "drafts/\n*.tmp.md\n")
    write(tmp_path / "site" / ".gitignore", "!keep.tmp.md\nold.md\n")
    for name in ("site/a.md", "site/drafts/b.md", "site/c.tmp.md", "site/keep.tmp.md", "site/old.md", "site/sub/old.md"):
        write(tmp_path / name, POST)
    shown = sorted(Path(p).relative_to(tmp_path).as_posix() for p, _ in collect([tmp_path / "site"], Settings()))
    assert shown == ["site/a.md", "site/keep.tmp.md"]
    everything = sorted(Path(p).relative_to(tmp_path).as_posix() for p, _ in collect([tmp_path / "site"], Settings(respect_gitignore=False)))
    assert len(everything) == 6


def test_the_repository_info_exclude_file_counts_too(tmp_path: Path) -> None:
    write(tmp_path / ".git" / "info" / "exclude", "scratch.md\n")
    write(tmp_path / "a.md", POST)
    write(tmp_path / "scratch.md", POST)
    assert [p.name for p, _ in collect([tmp_path], Settings())] == ["a.md"]


def test_a_file_named_on_the_command_line_is_linted_even_when_ignored(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "*.md\n")
    post = write(tmp_path / "a.md", POST)
    assert [p for p, _ in collect([post], Settings())] == [post]
    assert list(collect([tmp_path], Settings())) == []


def test_no_ignore_flag_and_setting(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "drafts/\n")
    write(tmp_path / "posts" / "a.md", POST)
    write(tmp_path / "posts" / "drafts" / "b.md", POST.replace("author: A\n", ""))
    code, findings = lint_json(tmp_path, "posts")
    assert code == 0 and findings == []
    code, findings = lint_json(tmp_path, "posts", "--no-ignore")
    assert code == 1 and [(f["path"], f["code"]) for f in findings] == [("posts/drafts/b.md", "M007")]
    write(tmp_path / "newsctl.toml", "respect-gitignore = false\n")
    code, findings = lint_json(tmp_path, "posts")
    assert [f["code"] for f in findings] == ["M007"]


# --- newsctl init ----------------------------------------------------------------------------------


def hugo_site(root: Path) -> Path:
    """A Hugo site: TOML and YAML front matter, shortcodes, link-out items, site keys."""
    news = root / "content" / "news"
    for i in range(3):
        write(
            news / f"post-{i}.md",
            f'+++\ntitle = "Post {i}"\ndate = 2024-03-0{i + 1}T09:00:00-05:00\nauthors = ["jane-doe"]\nsummary = "About {i}."\n'
            f'topics = ["a"]\nkicker = "News"\nweight = 1\nmood = "calm"\n+++\n\n{{{{< img src="x" >}}}}\n\nThe council voted on item {i}.\n',
        )
    write(news / "elsewhere.md", "---\ntitle: Elsewhere\ndate: 2024-03-04\nsource_url: https://example.gov/x\nsource: agency\n---\n")
    write(news / "yaml-post.md", "---\ntitle: Y\ndate: 2024-03-05 10:00:00 -5\nauthors: [sam]\nsummary: Why.\nmood: calm\n---\n\nThe council voted.\n")
    return news


def jekyll_site(root: Path) -> Path:
    posts = root / "_posts"
    for i in range(3):
        write(
            posts / f"2024-03-0{i + 1}-post-{i}.md",
            f"---\nlayout: post\ntitle: Post {i}\nby: Jane Doe\nexcerpt: About {i}.\nhero: true\ntumblr_url: http://t/{i}\n---\n\n"
            f'See [the guide]({{{{ "/guide/" | relative_url }}}}) and {{% include card.html %}} it.\n',
        )
    return posts


def test_init_dry_run_prints_the_table_and_the_configuration(tmp_path: Path) -> None:
    hugo_site(tmp_path)
    result = init(tmp_path, "content/news", "--dry-run")
    assert result.exit_code == 0, result.output
    config = tomllib.loads(result.stdout)
    assert config == {
        "paths": ["content/news"],
        "required-fields": ["title", "date", "author", "summary", "mood"],
        "extra-fields": ["mood"],
        "template-syntax": "auto",
        "link-out-fields": ["source_url"],
        "aliases": {"author": ["authors", "source"]},
    }
    table = result.stderr
    assert "5 files: 4 articles, 1 link-out items; front matter: 3 TOML, 2 YAML; template syntax: hugo-shortcode" in table
    rows = {line.split()[0]: [c.strip() for c in line.split(None, 2)[1:]] for line in table.splitlines()[2:] if line.strip()}
    assert rows["authors"] == ["4", "alias of author, required"]
    assert rows["mood"] == ["4", "extra, required"]
    assert rows["weight"] == ["3", "site key (Hugo)"]
    assert not (tmp_path / "newsctl.toml").exists()


def test_init_then_lint_round_trip_on_a_hugo_site(tmp_path: Path) -> None:
    hugo_site(tmp_path)
    result = init(tmp_path, "content/news")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "newsctl.toml").is_file()
    code, findings = lint_json(tmp_path, "--select", "M")
    assert code == 0 and findings == []


def test_init_then_lint_round_trip_on_a_jekyll_site_in_pyproject(tmp_path: Path) -> None:
    jekyll_site(tmp_path)
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n')
    result = init(tmp_path, "_posts", "-q")
    assert result.exit_code == 0, result.output
    data = tomllib.loads((tmp_path / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"] == {"name": "site"}
    # the date is in the file names; tumblr_url is in every post, so it is required too
    assert data["tool"]["newsctl"]["required-fields"] == ["title", "date", "author", "summary", "tumblr_url"]
    assert data["tool"]["newsctl"]["template-syntax"] == "auto"
    assert data["tool"]["newsctl"]["aliases"] == {"author": ["by"], "summary": ["excerpt"]}
    code, findings = lint_json(tmp_path, "--select", "M,S")
    assert code == 0, findings
    assert [f for f in findings if f["code"].startswith("M")] == []


def test_init_refuses_to_replace_a_configuration_unless_forced(tmp_path: Path) -> None:
    hugo_site(tmp_path)
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n\n[tool.newsctl]\nignore = ["S003"]\n\n[tool.newsctl.severity]\nS001 = "info"\n\n[tool.other]\nx = 1\n')
    result = init(tmp_path, "content/news", "-q")
    assert result.exit_code == 2
    assert "already has a [tool.newsctl] table; use --force to replace it" in result.stderr
    result = init(tmp_path, "content/news", "-q", "--force")
    assert result.exit_code == 0, result.output
    data = tomllib.loads((tmp_path / "pyproject.toml").read_text(encoding="utf-8"))
    assert "ignore" not in data["tool"]["newsctl"] and "severity" not in data["tool"]["newsctl"]
    assert data["tool"]["other"] == {"x": 1}
    write(tmp_path / "newsctl.toml", "ignore = []\n")
    result = init(tmp_path, "content/news", "-q", "--file", "newsctl.toml")
    assert result.exit_code == 2 and "newsctl.toml already exists" in result.stderr


def test_init_says_what_is_wrong_with_its_paths(tmp_path: Path) -> None:
    result = init(tmp_path, "nowhere")
    assert result.exit_code == 2 and "nowhere: not found" in result.stderr
    (tmp_path / "empty").mkdir()
    result = init(tmp_path, "empty")
    assert result.exit_code == 2 and "no Markdown articles" in result.stderr


REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"


@pytest.mark.skipif(not (REALWORLD / "18f").is_dir(), reason="../shared/realworld is not here")
def test_init_on_the_18f_archive_proposes_its_keys(tmp_path: Path) -> None:
    from newsctl import adopt

    files = list(collect([REALWORLD / "18f"], Settings()))
    survey = adopt.survey(files)
    table = adopt.proposal(survey, ["18f"])
    assert table["required-fields"] == ["title", "date", "author", "summary", "tags"]
    assert table["extra-fields"] == ["github", "image_figcaption", "tumblr_url"]
    assert table["aliases"]["author"] == ["authors"]


def test_a_misspelling_of_a_key_the_archive_uses_is_a_warning(tmp_path: Path) -> None:
    for i in range(4):
        write(tmp_path / "posts" / f"p{i}.md", POST.replace("summary: S.\n", "summary: S.\nsubjects: [a]\n"))
    write(tmp_path / "posts" / "odd.md", POST.replace("summary: S.\n", "summary: S.\nsubjcets: [a]\n"))
    write(tmp_path / "posts" / "both.md", POST.replace("summary: S.\n", "summary: S.\nsubjects: [a]\nsubjetcs: [b]\n"))
    code, findings = lint_json(tmp_path, "posts", "--select", "M009")
    assert [(f["path"], f["line"], f["severity"], f["message"], bool(f["fix"])) for f in findings if f["severity"] != "info"] == [
        ("posts/both.md", 7, "warning", "Unknown field 'subjetcs' (did you mean 'subjects'? 5 files in this run use it)", False),
        ("posts/odd.md", 6, "warning", "Unknown field 'subjcets' (did you mean 'subjects'? 5 files in this run use it)", True),
    ]
    # the 5 files that write `subjects` get an info each: the site's own key, until declared
    assert sum(f["severity"] == "info" for f in findings) == 5
    # alone, a file cannot know the archive's keys
    code, single = lint_json(tmp_path, "posts/odd.md", "--select", "M009")
    assert [f["severity"] for f in single] == ["info"]
