"""Batch export through the CLI: selection, naming, path safety, atomic writes, summary, exit codes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.export import ExportOptions, render_article
from newsctl.export.batch import FAILED, Exporter, safe_name
from newsctl.parse import parse_file
from newsctl.settings import Settings

NOW = "2024-03-07T12:00:00Z"


def front(title: str = "Budget passes", **extra: str) -> str:
    lines = [f"title: {title}", "date: 2024-03-06T18:00:00+01:00", "author: Jane Doe", "summary: It passed."]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\nThe council passed the budget on Wednesday.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom folder with no config file; the current directory for the test."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    return tmp_path


def write(site: Path, name: str, text: str) -> Path:
    path = site / "articles" / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str):
    result = CliRunner().invoke(app, ["export", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize(("fmt", "ext"), [("html", ".html"), ("text", ".txt"), ("ninjs", ".json")])
def test_one_file_per_article_named_from_slug_or_file_name(site: Path, fmt: str, ext: str) -> None:
    write(site, "budget.md", front(slug="council-budget"))
    write(site, "weather report.md", front("Storm"))
    r = run("articles", "--format", fmt, "--output-dir", "out", "--now", NOW)
    assert r.exit_code == 0
    assert files(site / "out") == sorted([f"council-budget{ext}", f"weather-report{ext}"])
    assert r.stderr == f"Exported 2 articles ({fmt}) to out/, skipped 0, failed 0.\n"
    expected = render_article(parse_file(site / "articles" / "budget.md"), fmt, ExportOptions())
    assert (site / "out" / f"council-budget{ext}").read_text("utf-8") == expected


def test_drafts_and_embargoed_are_skipped_with_reasons(site: Path) -> None:
    write(site, "a.md", front())
    write(site, "draft.md", front(status="draft"))
    write(site, "later.md", front(embargo="2024-03-08T06:00:00+01:00"))
    write(site, "ready.md", front(status="ready"))
    r = run("--format", "text", "--output-dir", "out", "--now", NOW)  # paths default to articles/
    assert r.exit_code == 0
    assert files(site / "out") == ["a.txt", "ready.txt"]
    assert r.stderr == (
        "Exported 2 articles (text) to out/, skipped 2, failed 0.\n"
        "Skipped:\n"
        "  articles/draft.md: draft (status: draft; use --include-drafts)\n"
        "  articles/later.md: embargoed until 2024-03-08T06:00:00+01:00 (use --include-embargoed)\n"
    )
    r = run("--format", "text", "--output-dir", "out2", "--now", NOW, "--include-drafts", "--include-embargoed")
    assert r.exit_code == 0
    assert files(site / "out2") == ["a.txt", "draft.txt", "later.txt", "ready.txt"]


def test_embargo_is_judged_by_now(site: Path) -> None:
    write(site, "later.md", front(embargo="2024-03-08T06:00:00+01:00"))
    assert files(site / "o1") == []
    run("--format", "text", "--output-dir", "o1", "--now", "2024-03-08T04:59:59Z")
    assert files(site / "o1") == []
    run("--format", "text", "--output-dir", "o2", "--now", "2024-03-08T05:00:00Z")
    assert files(site / "o2") == ["later.txt"]
    # a naive embargo is taken as UTC
    write(site, "later.md", front(embargo="2024-03-08T06:00:00"))
    run("--format", "text", "--output-dir", "o3", "--now", "2024-03-08T05:59:59Z")
    assert files(site / "o3") == []


def test_failures_are_reported_and_do_not_stop_the_others(site: Path) -> None:
    write(site, "good.md", front())
    write(site, "broken.md", "---\ntitle: [unclosed\n---\nBody.\n")
    write(site, "notitle.md", "---\nauthor: A\n---\nBody.\n")
    (site / "articles" / "binary.md").write_bytes(b"\x00\x01")
    r = run("--format", "html", "--output-dir", "out", "--now", NOW)
    assert r.exit_code == 1
    assert files(site / "out") == ["good.html"]
    lines = r.stderr.splitlines()
    assert lines[0] == "Exported 1 article (html) to out/, skipped 0, failed 3."
    assert lines[1] == "Failed:"
    assert lines[2] == "  articles/binary.md:1:1: File contains a NUL byte: it looks binary, not a Markdown article"
    assert lines[3].startswith("  articles/broken.md:2:1: ")
    assert lines[4] == "  articles/notitle.md:1:1: front matter has no 'title': the export needs a headline"


def test_strict_refuses_articles_with_lint_errors(site: Path) -> None:
    write(site, "clean.md", front())
    write(site, "tk.md", front().replace("on Wednesday", "on TK"))
    r = run("--format", "text", "--output-dir", "lax", "--now", NOW)
    assert r.exit_code == 0 and files(site / "lax") == ["clean.txt", "tk.txt"]
    r = run("--format", "text", "--output-dir", "strict", "--now", NOW, "--strict")
    assert r.exit_code == 1
    assert files(site / "strict") == ["clean.txt"]
    assert "  articles/tk.md: --strict: 1 lint error: line 8 H002 " in r.stderr


def test_unsafe_slug_is_rejected_and_nothing_is_written_outside(site: Path) -> None:
    write(site, "evil.md", front(slug='"../../x"'))
    r = run("--format", "html", "--output-dir", "out", "--now", NOW)
    assert r.exit_code == 1
    assert "articles/evil.md:6:1: Field 'slug' '../../x' is not a slug" in r.stderr
    assert files(site / "out") == []
    assert not (site.parent / "x.html").exists() and not (site / "x.html").exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../x", "x"),
        ("..", "article"),
        (".hidden", "hidden"),
        ("a/b\\c", "a-b-c"),
        ("x/../../y", "x-.-.-y"),
        ("über café", "uber-cafe"),
        ("", "article"),
        ("CON..txt", "CON.txt"),
        ("a" * 300, "a" * 100),
    ],
)
def test_safe_name(given: str, expected: str) -> None:
    assert safe_name(given) == expected
    assert "/" not in safe_name(given) and not safe_name(given).startswith(".")


def test_file_names_are_sanitized(site: Path) -> None:
    write(site, "..Weird name!.md", front())
    r = run("--format", "text", "--output-dir", "out", "--now", NOW)
    assert r.exit_code == 0
    assert files(site / "out") == ["Weird-name.txt"]


def test_two_articles_with_one_slug(site: Path) -> None:
    write(site, "a.md", front(slug="same"))
    write(site, "b.md", front(slug="same"))
    r = run("--format", "text", "--output-dir", "out", "--now", NOW)
    assert r.exit_code == 1
    assert "  articles/b.md: same.txt is already written by articles/a.md in this run (same slug)" in r.stderr


def test_never_writes_over_a_source_article(site: Path) -> None:
    source = site / "notes.txt"
    source.write_text(front(), encoding="utf-8")
    before = source.read_text("utf-8")
    r = run("notes.txt", "--format", "text", "--output-dir", ".", "--now", NOW)
    assert r.exit_code == 1
    assert "is a source article; refusing to overwrite it" in r.stderr
    assert source.read_text("utf-8") == before
    r = run("notes.txt", "--format", "text", "--output", "notes.txt", "--now", NOW)
    assert r.exit_code == 2 and source.read_text("utf-8") == before


def test_refuses_to_replace_a_symlink(site: Path) -> None:
    write(site, "a.md", front())
    out = site / "out"
    out.mkdir()
    victim = site / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (out / "a.txt").symlink_to(victim)
    r = run("--format", "text", "--output-dir", "out", "--now", NOW)
    assert r.exit_code == 1 and "is a symbolic link; refusing to replace it" in r.stderr
    assert victim.read_text("utf-8") == "keep"


def test_interrupted_write_leaves_no_partial_file(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(site, "a.md", front())
    out = site / "out"
    out.mkdir()
    (out / "a.html").write_text("old version", encoding="utf-8")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C between writing and renaming

    monkeypatch.setattr(os, "replace", interrupted)
    exporter = Exporter("html", ExportOptions(), Settings(), out)
    with pytest.raises(KeyboardInterrupt):
        exporter.export(path, "articles/a.md")
    assert files(out) == ["a.html"]  # no temporary file left behind
    assert (out / "a.html").read_text("utf-8") == "old version"


def test_failed_write_is_reported_and_leaves_nothing(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(site, "a.md", front())
    out = site / "out"

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    item = Exporter("text", ExportOptions(), Settings(), out).export(path, "articles/a.md")
    assert item.status == FAILED
    assert item.reason == f"cannot write {out.resolve() / 'a.txt'}: No space left on device"
    assert files(out) == []


def test_dry_run_lists_and_writes_nothing(site: Path) -> None:
    write(site, "a.md", front())
    write(site, "d.md", front(status="draft"))
    r = run("--format", "ninjs", "--output-dir", "out", "--now", NOW, "--dry-run")
    assert r.exit_code == 0
    assert r.stdout == "out/a.json\n"
    assert r.stderr.startswith("Would export 1 article (ninjs) to out/, skipped 1, failed 0.\n")
    assert not (site / "out").exists()


def test_single_article_to_stdout(site: Path) -> None:
    path = write(site, "a.md", front())
    r = run("articles/a.md", "--format", "text", "--output", "-", "--now", NOW)
    assert r.exit_code == 0
    assert r.stdout == render_article(parse_file(path), "text", ExportOptions())
    assert r.stderr == ""


def test_single_article_to_a_file(site: Path) -> None:
    path = write(site, "a.md", front())
    r = run("articles/a.md", "--format", "html", "--output", "page.html", "--base-url", "https://x.example/n")
    assert r.exit_code == 0
    assert (site / "page.html").read_text("utf-8") == render_article(
        parse_file(path, "articles/a.md"), "html", ExportOptions(base_url="https://x.example/n")
    )


def test_single_draft_to_stdout_is_skipped_with_a_notice(site: Path) -> None:
    write(site, "d.md", front(status="draft"))
    r = run("articles/d.md", "--format", "text", "--output", "-", "--now", NOW)
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == "newsctl: skipped articles/d.md: draft (status: draft; use --include-drafts)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["articles"], "give exactly one of --output-dir DIR"),
        (["articles", "--output", "-", "--output-dir", "o"], "give exactly one of --output-dir DIR"),
        (["articles", "--output", "-"], "--output takes a single article, but 2 were given"),
        (["articles", "-d", "o", "--base-url", "example.com"], "--base-url: 'example.com' is not an absolute http(s) URL"),
        (["articles", "-d", "o", "--format", "text", "--fragment"], "apply to --format html only"),
        (["articles", "-d", "o", "--template", "nope.j2"], "--template: nope.j2: no such file"),
        (["articles", "-d", "o", "--now", "someday"], "--now: "),
        (["articles", "-d", "file.txt"], "'file.txt' is a file"),
        (["missing-dir", "-d", "o"], "missing-dir: no such file or directory"),
        (["empty", "-d", "o"], "no articles (*.md, *.markdown) found in empty"),
    ],
)
def test_usage_errors_exit_2(site: Path, args: list[str], message: str) -> None:
    write(site, "a.md", front())
    write(site, "b.md", front("Other"))
    (site / "file.txt").write_text("x", encoding="utf-8")
    (site / "empty").mkdir()
    r = run(*args)
    assert r.exit_code == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_width_below_20_is_a_usage_error(site: Path) -> None:
    write(site, "a.md", front())
    r = run("articles", "-d", "o", "--format", "text", "--width", "10")
    assert r.exit_code == 2


def test_output_dir_is_created(site: Path) -> None:
    write(site, "a.md", front())
    r = run("--format", "html", "--output-dir", "deep/er/out", "--now", NOW)
    assert r.exit_code == 0 and files(site / "deep" / "er" / "out") == ["a.html"]


def test_progress_bar_path(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    import newsctl.cli.common as cli_common

    monkeypatch.setattr(cli_common, "progress_enabled", lambda count, quiet: True)
    for i in range(25):
        write(site, f"a{i:02d}.md", front(f"Story {i}"))
    r = run("--format", "text", "--output-dir", "out", "--now", NOW)
    assert r.exit_code == 0
    assert len(files(site / "out")) == 25
    assert r.stderr.endswith("Exported 25 articles (text) to out/, skipped 0, failed 0.\n")


def test_link_out_items_are_skipped_by_export_and_feed(tmp_path: Path) -> None:
    """An entry that only sends readers elsewhere has no page to publish: skipped, not failed,
    and a blank `summary: ""` left by the site's template does not fail it either."""
    (tmp_path / "out.md").write_text(
        '---\ntitle: Elsewhere\ndate: 2024-03-06T10:00:00Z\nsummary: ""\nsource_url: "https://example.org/story/"\n---\n',
        encoding="utf-8",
    )
    (tmp_path / "real.md").write_text("---\ntitle: Here\ndate: 2024-03-06T10:00:00Z\nauthor: A\n---\n\nA body.\n", encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(app, ["export", str(tmp_path), "--format", "html", "-d", str(tmp_path / "html"), "--now", "2024-04-01T00:00:00Z"])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "html").iterdir()) == ["real.html"]
    assert "link-out item: no body, readers are sent to https://example.org/story/ (source_url)" in r.stderr
    r = runner.invoke(app, ["feed", str(tmp_path), "--format", "json", "--base-url", "https://x.example/", "--now", "2024-04-01T00:00:00Z"])
    assert r.exit_code == 0, r.output
    assert [item["title"] for item in __import__("json").loads(r.stdout)["items"]] == ["Here"]
