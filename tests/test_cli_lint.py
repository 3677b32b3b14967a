"""`newsctl lint` end to end: options, formats, exit statuses, golden output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from tests.conftest import FRONT, ROOT
from tests.golden_util import check_golden

SEED = "articles/cybersecurity-diplomacy.md"
NOW = "2026-11-28T12:00:00Z"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def run(*args: str, cwd: Path | None = None):
    if cwd is not None:
        os.chdir(cwd)
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


CLEAN = FRONT + "The council voted on Tuesday.\n"
WARN = FRONT + "The the council voted on Tuesday.\n"


def test_clean_file_exits_0(tmp_path: Path):
    r = run("lint", str(write(tmp_path, "a.md", CLEAN)), "--now", NOW)
    assert r.exit_code == 0, r.output
    assert r.stdout == "No problems found in 1 file.\n"


def test_errors_exit_1_and_warnings_do_not_by_default(tmp_path: Path):
    warn = write(tmp_path, "w.md", WARN)
    assert run("lint", str(warn), "--now", NOW).exit_code == 0
    assert run("lint", str(warn), "--now", NOW, "--fail-on", "warning").exit_code == 1
    err = write(tmp_path, "e.md", FRONT + "Fill in TK here.\n")
    assert run("lint", str(err), "--now", NOW).exit_code == 1
    assert run("lint", str(err), "--now", NOW, "--exit-zero").exit_code == 0


def test_fail_on_info(tmp_path: Path):
    info = write(tmp_path, "i.md", FRONT.replace("summary: The council passed the budget.\n", "") + "Lead.\n")
    assert run("lint", str(info), "--now", NOW).exit_code == 0
    assert run("lint", str(info), "--now", NOW, "--fail-on", "info").exit_code == 1


def test_usage_errors_exit_2():
    r = run("lint", SEED, "--format", "xml")
    assert r.exit_code == 2
    r = run("lint", SEED, "--select", "Q123")
    assert r.exit_code == 2
    assert "newsctl: error: --select: 'Q123' matches no rule" in r.stderr
    r = run("lint", SEED, "--now", "soon")
    assert r.exit_code == 2 and "--now" in r.stderr
    r = run("lint", SEED, "--option", "max-titel-length=3")
    assert r.exit_code == 2 and "did you mean 'max-title-length'" in r.stderr


def test_bad_config_exits_2_naming_file_and_key(tmp_path: Path):
    write(tmp_path, "pyproject.toml", '[tool.newsctl]\nignroe = ["S003"]\n')
    write(tmp_path, "articles/a.md", CLEAN)
    r = run("lint", cwd=tmp_path)
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        f"newsctl: error: {tmp_path / 'pyproject.toml'}:2: [tool.newsctl] unknown key 'ignroe' (did you mean 'ignore'?)"
    )


def test_default_paths_come_from_settings(tmp_path: Path):
    write(tmp_path, "newsctl.toml", 'paths = ["copy"]\n')
    write(tmp_path, "copy/x.md", WARN)
    r = run("lint", "--now", NOW, cwd=tmp_path)
    assert "copy/x.md" in r.stdout and "H003" in r.stdout


def test_no_paths_and_no_articles_dir_is_a_usage_error(tmp_path: Path):
    r = run("lint", cwd=tmp_path)
    assert r.exit_code == 2 and "nothing to lint" in r.stderr


def test_select_ignore_and_statistics():
    r = run("lint", SEED, "--now", NOW, "--select", "S", "--ignore", "S001", "--statistics")
    assert r.stdout.splitlines()[0].split() == ["4", "S003", "warning", "empty-section"]
    assert "S001" not in r.stdout
    r = run("lint", SEED, "--now", NOW, "--select", "S003", "--statistics", "--format", "json")
    assert json.loads(r.stdout) == [{"code": "S003", "rule": "empty-section", "severity": "warning", "count": 4}]


def test_quiet_prints_findings_only():
    r = run("lint", SEED, "--now", NOW, "--select", "H001", "--quiet")
    assert r.stdout == (
        "articles/cybersecurity-diplomacy.md:41:1: H001 [*] error: Chat-assistant leftover: \"Feel free to mix and match ideas "
        "or modify them to better suit your target audience!\" [assistant-leftover]\n"
    )


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path):
    out = tmp_path / "report" / "lint.json"
    r = run("lint", SEED, "--now", NOW, "--format", "json", "--output", str(out))
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads(out.read_text())["files"] == 1


def test_extend_select_and_option_override(tmp_path: Path):
    long_lead = write(tmp_path, "l.md", FRONT + " ".join(["word"] * 50) + ".\n")
    assert "S010" in run("lint", str(long_lead), "--now", NOW).stdout
    assert "S010" not in run("lint", str(long_lead), "--now", NOW, "--option", "max-lead-words=60").stdout


def test_json_contract_fields():
    r = run("lint", SEED, "--now", NOW, "--format", "json")
    doc = json.loads(r.stdout)
    assert set(doc) == {"version", "files", "summary", "findings"}
    assert set(doc["summary"]) == {"error", "warning", "info"}
    for f in doc["findings"]:
        assert list(f) == [
            "path", "line", "column", "end_line", "end_column", "code", "rule", "category", "severity", "message", "fix",
            "hint", "url",
        ]
        assert f["url"].endswith("docs/rules.md#" + f["code"].lower() + "-" + f["rule"])
        assert f["category"] in ("metadata", "structure", "dates", "readability", "hygiene")
        assert f["severity"] in ("error", "warning", "info")
        assert f["path"] == SEED


def test_github_format_and_step_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    r = run("lint", SEED, "--now", NOW, "--format", "github", "--select", "H001,S003")
    lines = r.stdout.splitlines()
    assert lines[0] == (
        "::error file=articles/cybersecurity-diplomacy.md,line=41,col=1,endLine=41,endColumn=85,"
        "title=H001 assistant-leftover::Chat-assistant leftover: \"Feel free to mix and match ideas or modify them "
        "to better suit your target audience!\""
    )
    assert len(lines) == 5 and all(line.startswith("::warning ") for line in lines[1:])
    text = summary.read_text()
    assert "| `S003` | empty-section | warning | 4 |" in text
    assert "| `articles/cybersecurity-diplomacy.md` | 41 | `H001` |" in text


def test_github_escapes_newlines_and_commas():
    from newsctl.report.github import _data, _prop

    assert _data("a%b\nc") == "a%25b%0Ac"
    assert _prop("a,b:c") == "a%2Cb%3Ac"


@pytest.mark.parametrize("fmt, ext", [("text", "txt"), ("json", "json"), ("github", "github"), ("sarif", "sarif")])
def test_golden_output_for_the_seed(fmt: str, ext: str):
    r = run("lint", SEED, "--now", NOW, "--format", fmt)
    out = r.stdout
    if fmt == "sarif":
        out = out.replace(ROOT.as_uri() + "/", "file:///REPO/")
    check_golden(f"lint/seed.{ext}", out)


def test_python_dash_m_and_version():
    r = subprocess.run([sys.executable, "-m", "newsctl", "--version"], capture_output=True, text=True, cwd=ROOT)
    from newsctl import __version__

    assert r.returncode == 0 and r.stdout == f"newsctl {__version__}\n"


def test_color_only_when_forced_and_never_with_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = str(write(tmp_path, "w.md", WARN))
    assert "\x1b[" not in run("lint", path, "--now", NOW).stdout
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[33mwarning" in run("lint", path, "--now", NOW).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("lint", path, "--now", NOW).stdout


def test_rules_and_explain():
    r = run("rules", "--format", "json")
    rows = json.loads(r.stdout)
    assert {"code": "S003", "name": "empty-section"}.items() <= rows[[x["code"] for x in rows].index("S003")].items()
    r = run("explain", "empty-section")
    assert r.stdout.startswith("S003 empty-section (structure, warning)\n")
    assert "Why it matters:" in r.stdout
    r = run("explain", "X999")
    assert r.exit_code == 2 and "no rule 'X999'" in r.stderr


def test_worker_processes_give_the_same_result_as_one_process(tmp_path: Path):
    from newsctl.engine import lint_paths
    from newsctl.settings import Settings

    for i in range(6):
        for src in sorted((ROOT / "articles").glob("*.md")):
            (tmp_path / f"{i}-{src.name}").write_text(src.read_text("utf-8"), encoding="utf-8")
    one = lint_paths([tmp_path], Settings(), jobs=1)
    two = lint_paths([tmp_path], Settings(), jobs=2)
    assert [fr.path for fr in one.files] == [fr.path for fr in two.files]
    assert one.findings == two.findings and len(one.findings) > 0


def test_jobs_option_is_validated():
    assert run("lint", SEED, "--jobs", "0").exit_code == 2
    assert run("lint", SEED, "--jobs", "2", "--now", NOW, "-q").exit_code == 1


def test_exclude_skips_files_found_in_directories_but_not_named_ones(tmp_path: Path):
    write(tmp_path, "newsctl.toml", 'exclude = ["articles/archive/**", "*.draft.md"]\n')
    write(tmp_path, "articles/live.md", WARN)
    write(tmp_path, "articles/archive/old.md", WARN)
    write(tmp_path, "articles/next.draft.md", WARN)
    r = run("lint", "articles", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert [f["path"] for f in json.loads(r.stdout)["findings"]] == ["articles/live.md"]
    r = run("lint", "articles/archive/old.md", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert json.loads(r.stdout)["files"] == 1


def test_explicit_config_file(tmp_path: Path):
    cfg = write(tmp_path, "ci.toml", 'ignore = ["H003"]\n')
    path = str(write(tmp_path, "w.md", WARN))
    assert "H003" in run("lint", path, "--now", NOW).stdout
    assert "H003" not in run("lint", path, "--now", NOW, "--config", str(cfg)).stdout
    r = run("lint", path, "--config", str(tmp_path / "missing.toml"))
    assert r.exit_code == 2 and "configuration file not found" in r.stderr


def test_fail_on_is_validated_with_a_plain_message():
    r = run("lint", SEED, "--fail-on", "nope")
    assert r.exit_code == 2
    assert r.stderr.strip() == "newsctl: error: --fail-on: 'nope' is not one of error, warning, info"


def test_non_utf8_settings_file_is_a_config_error(tmp_path: Path):
    (tmp_path / "newsctl.toml").write_bytes(b"\xff")
    write(tmp_path, "articles/a.md", CLEAN)
    r = run("lint", cwd=tmp_path)
    assert r.exit_code == 2 and "newsctl.toml: not UTF-8 text" in r.stderr


def test_output_cannot_be_an_article_being_linted(tmp_path: Path):
    path = write(tmp_path, "x.md", WARN)
    r = run("lint", str(path), "--output", str(path))
    assert r.exit_code == 2 and "is one of the articles being linted" in r.stderr
    assert path.read_text() == WARN


def test_statistics_refuses_sarif_and_github():
    r = run("lint", SEED, "--statistics", "--format", "sarif")
    assert r.exit_code == 2 and "--statistics works with --format text or json" in r.stderr


def test_empty_directory_warns(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    r = run("lint", str(tmp_path / "empty"))
    assert r.exit_code == 0
    assert "no article files" in r.stderr


def test_same_file_named_twice_is_linted_once(tmp_path: Path):
    path = write(tmp_path, "d/w.md", WARN)
    r = run("lint", str(tmp_path / "d"), str(path), "--now", NOW, "--format", "json")
    assert json.loads(r.stdout)["files"] == 1


def test_step_summary_escapes_table_cells_and_pluralises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from newsctl.engine import lint_paths
    from newsctl.report.github import step_summary
    from newsctl.settings import Settings

    path = write(tmp_path, "a|b.md", WARN)
    monkeypatch.chdir(tmp_path)
    text = step_summary(lint_paths(["a|b.md"], Settings()))
    assert "1 file: 0 errors, 1 warning, 0 info." in text
    assert "| `a\\|b.md` | 8 | `H003` |" in text
    assert path.exists()


def test_concise_format_is_one_clickable_line_per_finding():
    r = run("lint", SEED, "--now", NOW, "--format", "concise", "--select", "H001,S001")
    assert r.stdout.splitlines() == [
        "articles/cybersecurity-diplomacy.md:11:1: S001 warning: Level-1 heading in the body: "
        "\"Cybersecurity Diplomacy: The New Frontier of International Relations in 2023\" [h1-in-body]",
        "articles/cybersecurity-diplomacy.md:41:1: H001 [*] error: Chat-assistant leftover: \"Feel free to mix and match "
        "ideas or modify them to better suit your target audience!\" [assistant-leftover]",
    ]
    assert r.exit_code == 1


def test_force_exclude_applies_exclude_to_named_files(tmp_path: Path):
    write(tmp_path, "newsctl.toml", 'exclude = ["README.md", "docs/**"]\n')
    write(tmp_path, "README.md", "# My newsroom repo\n")
    write(tmp_path, "docs/guide.md", "# Guide\n")
    write(tmp_path, "articles/a.md", CLEAN)
    r = run("lint", "README.md", "docs/guide.md", "articles/a.md", "--now", NOW, cwd=tmp_path)
    assert r.exit_code == 1 and "M002" in r.stdout
    r = run("lint", "README.md", "docs/guide.md", "articles/a.md", "--now", NOW, "--force-exclude", cwd=tmp_path)
    assert r.exit_code == 0 and r.stdout == "No problems found in 1 file.\n"


def test_globstar_matches_zero_directories_and_star_stays_in_one(tmp_path: Path):
    write(tmp_path, "newsctl.toml", '[per-file-ignores]\n"articles/**/*.md" = ["H003"]\n"other/*.md" = ["H003"]\n')
    write(tmp_path, "articles/top.md", WARN)
    write(tmp_path, "articles/live/storm.md", WARN)
    write(tmp_path, "other/a.md", WARN)
    write(tmp_path, "other/sub/b.md", WARN)
    r = run("lint", "articles", "other", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert [f["path"] for f in json.loads(r.stdout)["findings"]] == ["other/sub/b.md"]


def test_symlinked_directories_are_followed_once(tmp_path: Path):
    write(tmp_path, "real/x.md", WARN)
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "tree" / "loop").symlink_to(tmp_path / "tree")
    r = run("lint", "tree", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert [f["path"] for f in json.loads(r.stdout)["findings"]] == ["tree/linked/x.md"]


def test_extend_select_on_the_command_line_adds_to_the_file(tmp_path: Path):
    write(tmp_path, "newsctl.toml", 'select = ["M001"]\nextend-select = ["H003"]\n')
    path = write(tmp_path, "w.md", FRONT + "The the vote was on Tuesday.\n\nTK here.\n")
    r = run("lint", "w.md", "--now", NOW, "--extend-select", "H002", "--format", "json", cwd=tmp_path)
    assert sorted(f["code"] for f in json.loads(r.stdout)["findings"]) == ["H002", "H003"]
    assert path.exists()


def test_select_all_turns_on_off_by_default_rules():
    from newsctl import rulebook
    from newsctl.settings import from_mapping

    off = [r.code for r in rulebook.all_rules() if not r.default_enabled]
    assert off and set(off) <= {r.code for r in from_mapping({"select": ["all"]}).enabled_rules()}
    assert not set(off) & {r.code for r in from_mapping({"select": ["D"]}).enabled_rules()}


def test_explain_suggests_the_closest_code():
    r = run("explain", "S03")
    assert r.exit_code == 2 and "did you mean S003?" in r.stderr


def test_step_summary_survives_backticks_in_paths():
    from newsctl.report.github import _code

    assert _code("a.md") == "`a.md`"
    assert _code("we`ird.md") == "`` we`ird.md ``"


def test_force_exclude_says_which_named_files_it_left_out(tmp_path, monkeypatch):
    """pre-commit's hook must not pass silently on articles outside the configured paths."""
    from typer.testing import CliRunner

    (tmp_path / "newsctl.toml").write_text('paths = ["articles"]\n', encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: X\n---\n\nThe the TK.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(app, ["lint", "--force-exclude", "content/a.md"])
    assert r.exit_code == 0
    assert "No problems found in 0 files." in r.stdout
    assert r.stderr.strip() == (
        "newsctl: note: not linted, outside the configured paths = ['articles']: content/a.md. "
        "If these are articles, set `paths` (`newsctl init` writes it)."
    )
