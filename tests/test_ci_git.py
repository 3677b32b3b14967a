"""CI modes end to end in temporary git repositories: --diff-base, baselines, SARIF and GitLab
paths from any working directory, stdin."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SCHEMAS = Path(__file__).resolve().parent / "schemas"
NOW = "2024-03-07T12:00:00Z"
HEAD = "---\ntitle: Council approves budget\ndate: 2024-03-06T18:00:00+01:00\nauthor: Jane Doe\nsummary: The budget.\n---\n\n"
PARAS = [
    "The council met on Tuesday.",
    "Members argued for an hour.",
    "A vote followed at noon.",
    "Residents watched from the gallery.",
    "Nobody left early.",
]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "test@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "test@example.com")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def run(cwd: Path, *args: str, input: bytes | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(app, list(args), input=input)
    finally:
        os.chdir(old)


def write(root: Path, name: str, text: str) -> Path:
    p = root / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: one clean article and one with a known doubled word; then a `feature` branch."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, "newsctl.toml", 'paths = ["articles"]\n')
    write(root, "articles/clean.md", HEAD + "\n\n".join(PARAS) + "\n")
    write(root, "articles/old.md", HEAD + "The the old mistake stays.\n")
    commit(root, "articles")
    git(root, "checkout", "-q", "-b", "feature")
    return root


def codes(r) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["code"]) for f in json.loads(r.stdout)["findings"]]


# --- --diff-base ------------------------------------------------------------------------------


def test_diff_base_reports_only_changed_lines(repo: Path):
    write(repo, "articles/clean.md", HEAD + "\n\n".join(PARAS[:2] + ["It it rained."] + PARAS[2:]) + "\n")
    commit(repo, "edit")
    r = run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "json")
    assert codes(r) == [("articles/clean.md", 12, "H003")]  # not old.md's doubled word
    assert json.loads(r.stdout)["diff_base"] == git(repo, "rev-parse", "main").strip()
    full = run(repo, "lint", "--now", NOW, "--format", "json")
    assert ("articles/old.md", 8, "H003") in codes(full)


def test_diff_base_counts_uncommitted_and_untracked_work(repo: Path):
    write(repo, "articles/new.md", HEAD + "A a new story.\n")
    r = run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "json")
    assert codes(r) == [("articles/new.md", 8, "H003")]


def test_diff_base_moved_lines_are_changed_lines(repo: Path):
    """A paragraph moved up is a changed line (git sees a delete and an add); lines merely
    shifted down by it are not."""
    write(repo, "articles/old.md", HEAD + "A new first paragraph.\n\nThe the old mistake stays.\n")
    commit(repo, "shift")
    r = run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "json")
    assert codes(r) == []  # the doubled word moved to line 10 but its line did not change


def test_diff_base_follows_renamed_files(repo: Path):
    git(repo, "mv", "articles/old.md", "articles/renamed.md")
    commit(repo, "rename only")
    r = run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "json")
    assert codes(r) == []
    text = (repo / "articles/renamed.md").read_text("utf-8") + "\nIt it changed.\n"
    write(repo, "articles/renamed.md", text)
    commit(repo, "rename and edit")
    r = run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "json")
    assert codes(r) == [("articles/renamed.md", 10, "H003")]


def test_diff_base_reports_file_level_findings_of_changed_files(repo: Path):
    write(repo, "articles/clean.md", HEAD.replace("author: Jane Doe\n", "") + "\n\n".join(PARAS) + "\n")
    commit(repo, "drop author")
    r = run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "json", "--select", "M007,H003")
    assert [(p, c) for p, _, c in codes(r)] == [("articles/clean.md", "M007")]


def test_diff_base_through_a_merge_commit(repo: Path):
    """main moves on (a new finding there) and is merged into the branch: only the branch's own
    change is reported, because lines come from the merge base, not from main's tip."""
    git(repo, "checkout", "-q", "main")
    write(repo, "articles/main-only.md", HEAD + "Is is from main.\n")
    commit(repo, "main work")
    git(repo, "checkout", "-q", "feature")
    write(repo, "articles/branch.md", HEAD + "We we wrote this on the branch.\n")
    commit(repo, "branch work")
    git(repo, "merge", "-q", "--no-edit", "main")
    r = run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "json")
    assert codes(r) == [("articles/branch.md", 8, "H003")]


def test_diff_base_in_a_shallow_clone_says_what_to_fetch(repo: Path, tmp_path: Path):
    write(repo, "articles/clean.md", HEAD + "Changed.\n")
    commit(repo, "c2")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "feature", f"file://{repo}", str(clone))
    r = run(clone, "lint", "--diff-base", "origin/main", "--now", NOW)
    assert r.exit_code == 2
    assert "--diff-base origin/main" in r.stderr and "shallow clone" in r.stderr and "fetch-depth: 0" in r.stderr
    documented = next(
        line.strip() for line in (ROOT / "docs" / "ci.md").read_text("utf-8").splitlines() if "newsctl: error: --diff-base" in line
    )
    assert r.stderr.strip() == documented  # docs/ci.md quotes the real message
    assert "Traceback" not in r.stderr
    r = run(clone, "lint", "--diff-base", "no-such-branch", "--now", NOW)
    assert r.exit_code == 2 and "no such revision" in r.stderr


def test_diff_base_outside_a_repository(tmp_path: Path):
    write(tmp_path, "a.md", HEAD + "Text.\n")
    r = run(tmp_path, "lint", "a.md", "--diff-base", "main")
    assert r.exit_code == 2
    assert "newsctl: error: --diff-base" in r.stderr and "git repository" in r.stderr


# --- baselines --------------------------------------------------------------------------------


def test_baseline_hides_known_findings_and_survives_moved_lines(repo: Path):
    r = run(repo, "baseline", ".newsctl-baseline.json", "--now", NOW)
    assert r.exit_code == 0, r.stderr
    assert "Recorded 1 finding in 2 files to .newsctl-baseline.json." in r.stderr
    doc = json.loads((repo / ".newsctl-baseline.json").read_text("utf-8"))
    assert [(f["path"], f["code"]) for f in doc["findings"]] == [("articles/old.md", "H003")]

    clean = run(repo, "lint", "--baseline", ".newsctl-baseline.json", "--now", NOW)
    assert clean.exit_code == 0
    assert "No problems found in 2 files.\n1 known finding in the baseline not shown.\n" in clean.stdout

    # lines move (paragraphs added above) and the rest of the file changes: still known
    write(repo, "articles/old.md", HEAD + "A new lead.\n\nAnother paragraph.\n\nThe the old mistake stays.\n\nAnd and a new one.\n")
    r = run(repo, "lint", "--baseline", ".newsctl-baseline.json", "--now", NOW, "--format", "json")
    assert codes(r) == [("articles/old.md", 14, "H003")]
    assert json.loads(r.stdout)["baseline"] == {"path": ".newsctl-baseline.json", "known": 1}


def test_baseline_works_from_a_subdirectory_and_after_a_rename(repo: Path):
    run(repo, "baseline", ".newsctl-baseline.json", "--now", NOW)
    git(repo, "mv", "articles/old.md", "articles/older.md")
    r = run(repo / "articles", "lint", ".", "--baseline", "../.newsctl-baseline.json", "--now", NOW, "--format", "json")
    assert codes(r) == []
    assert json.loads(r.stdout)["baseline"]["known"] == 1


def test_fixed_findings_drop_out_when_the_baseline_is_rewritten(repo: Path):
    run(repo, "baseline", "base.json", "--now", NOW)
    write(repo, "articles/old.md", HEAD + "The old mistake is fixed.\n")
    run(repo, "baseline", "base.json", "--now", NOW)
    assert json.loads((repo / "base.json").read_text("utf-8"))["findings"] == []
    write(repo, "articles/old.md", HEAD + "The the old mistake is back.\n")
    r = run(repo, "lint", "--baseline", "base.json", "--now", NOW, "--format", "json")
    assert codes(r) == [("articles/old.md", 8, "H003")]


def test_identical_findings_are_counted(repo: Path):
    write(repo, "articles/old.md", HEAD + "It it rained.\n\nIt it rained.\n")
    run(repo, "baseline", "base.json", "--now", NOW, "--select", "H003")
    write(repo, "articles/old.md", HEAD + "It it rained.\n\nIt it rained.\n\nIt it rained.\n")
    r = run(repo, "lint", "--baseline", "base.json", "--now", NOW, "--format", "json", "--select", "H003")
    assert len(codes(r)) == 1 and json.loads(r.stdout)["baseline"]["known"] == 2


def test_a_broken_baseline_is_a_usage_error(repo: Path):
    write(repo, "base.json", "{not json")
    r = run(repo, "lint", "--baseline", "base.json")
    assert r.exit_code == 2 and "base.json:1:2: not a newsctl baseline (invalid JSON" in r.stderr
    r = run(repo, "lint", "--baseline", "missing.json")
    assert r.exit_code == 2 and "baseline file not found (create it with `newsctl baseline missing.json`)" in r.stderr


# --- SARIF and GitLab paths from any working directory ----------------------------------------


def _sarif_uris(doc: dict) -> list[str]:
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]]


@pytest.mark.parametrize(
    "where, args",
    [
        (".", ["articles"]),
        ("articles", ["."]),
        ("articles", ["old.md", "clean.md"]),
        ("docs/deep", ["../../articles"]),
    ],
)
def test_sarif_uris_are_relative_to_the_repository_root(repo: Path, where: str, args: list[str]):
    (repo / "docs/deep").mkdir(parents=True)
    r = run(repo / where, "lint", *args, "--format", "sarif", "--now", NOW)
    doc = json.loads(r.stdout)
    schema = json.loads((SCHEMAS / "sarif-2.1.0.json").read_text("utf-8"))
    assert sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=str) == []
    run_ = doc["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    assert _sarif_uris(doc) == ["articles/old.md"]
    for res in run_["results"]:
        art = res["locations"][0]["physicalLocation"]["artifactLocation"]
        # GitHub's upload rules: relative, no "..", no leading slash, resolved against a base id
        assert art["uriBaseId"] == "%SRCROOT%" and not art["uri"].startswith(("/", "..", "file:"))
        assert res["ruleIndex"] >= 0 and run_["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
    assert all(len(res["partialFingerprints"]["newsctlFingerprint/v1"]) == 20 for res in run_["results"])
    helps = [rule["helpUri"] for rule in run_["tool"]["driver"]["rules"]]
    assert all(h.startswith("https://") and "docs/rules.md#" in h for h in helps)


def test_sarif_without_git_uses_the_config_directory(tmp_path: Path):
    write(tmp_path, "site/newsctl.toml", 'paths = ["content"]\n')
    write(tmp_path, "site/content/a.md", HEAD + "It it rained.\n")
    r = run(tmp_path / "site" / "content", "lint", ".", "--format", "sarif", "--now", NOW)
    doc = json.loads(r.stdout)
    if (Path(tmp_path) / ".git").exists():  # pragma: no cover - tmp is never a repository here
        pytest.skip("temporary directory is inside a git repository")
    assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (tmp_path / "site").resolve().as_uri() + "/"
    assert _sarif_uris(doc) == ["content/a.md"]


# GitLab's Code Quality report, checked as GitLab checks it. GitLab's parser validates each issue
# against its schema app/validators/json_schemas/codeclimate.json (gitlab-org/gitlab): an object
# requiring description, fingerprint, severity and location (strings, location.path a string,
# lines.begin an integer). Its documentation adds check_name, the five severities and a path
# relative to the repository root (https://docs.gitlab.com/ci/testing/code_quality/). This
# schema is those rules, written out here, a little stricter than GitLab's own.
GITLAB_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "type": {"const": "issue"},
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "categories": {"type": "array", "items": {"type": "string"}},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": r"^(?!/)(?!\.\./)(?!\./).+"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}, "end": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def test_gitlab_report_validates_and_fingerprints_survive_moved_lines(repo: Path):
    write(repo, "articles/old.md", HEAD + "The the old mistake stays.\n\nIt it rained.\n\nIt it rained.\n")
    r = run(repo / "articles", "lint", ".", "--format", "gitlab", "--now", NOW)
    issues = json.loads(r.stdout)
    jsonschema.Draft7Validator.check_schema(GITLAB_SCHEMA)
    assert list(jsonschema.Draft7Validator(GITLAB_SCHEMA).iter_errors(issues)) == []
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"], i["severity"]) for i in issues] == [
        ("articles/old.md", 8, "newsctl/H003-doubled-word", "major"),
        ("articles/old.md", 10, "newsctl/H003-doubled-word", "major"),
        ("articles/old.md", 12, "newsctl/H003-doubled-word", "major"),
    ]
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == 3  # identical findings still get distinct fingerprints
    write(repo, "articles/old.md", HEAD + "New lead.\n\nThe the old mistake stays.\n\nIt it rained.\n\nIt it rained.\n")
    moved = json.loads(run(repo, "lint", "--format", "gitlab", "--now", NOW).stdout)
    assert [i["fingerprint"] for i in moved] == prints


# --- stdin ----------------------------------------------------------------------------------


def test_stdin_uses_the_stdin_filename_for_settings_and_messages(tmp_path: Path):
    write(tmp_path, "newsctl.toml", '[per-file-ignores]\n"live/*.md" = ["H003"]\n')
    text = (HEAD + "It it rained.\n").encode()
    r = run(tmp_path, "lint", "-", "--stdin-filename", "news/a.md", "--now", NOW, input=text)
    assert r.stdout.startswith('news/a.md:8:1: H003 [*] warning: Doubled word: "It it" [doubled-word]\n  |\n8 | It it rained.\n')
    assert r.exit_code == 0
    r = run(tmp_path, "lint", "-", "--stdin-filename", "live/a.md", "--now", NOW, input=text)
    assert "No problems found in 1 file." in r.stdout
    r = run(tmp_path, "lint", "-", "--now", NOW, "--format", "concise", input=text)
    assert r.stdout == '-:8:1: H003 [*] warning: Doubled word: "It it" [doubled-word]\n'


def test_stdin_fix_writes_the_fixed_article_to_stdout(tmp_path: Path):
    r = run(tmp_path, "lint", "-", "--fix", "--now", NOW, input=(HEAD + "It it rained.\n").encode())
    assert r.stdout == HEAD + "It rained.\n"
    assert "Fixed 1 problem in 1 file (1 H003 doubled-word)." in r.stderr


def test_stdin_misuse_is_a_usage_error(tmp_path: Path):
    r = run(tmp_path, "lint", "-", "other.md", input=b"")
    assert r.exit_code == 2 and "cannot be combined" in r.stderr
    r = run(tmp_path, "lint", "x.md", "--stdin-filename", "a.md")
    assert r.exit_code == 2 and "--stdin-filename needs '-'" in r.stderr


def test_stdin_binary_input_is_a_finding(tmp_path: Path):
    r = run(tmp_path, "lint", "-", "--stdin-filename", "a.md", "--format", "concise", input=b"ab\x00cd")
    assert r.stdout == "a.md:1:3: M001 error: File contains a NUL byte: it looks binary, not a Markdown article [unreadable-file]\n"
    assert r.exit_code == 1


def test_outline_and_export_read_stdin(tmp_path: Path):
    text = (HEAD + "Lead paragraph here.\n\n## Reaction\n\nPeople spoke.\n").encode()
    r = run(tmp_path, "outline", "-", "--stdin-filename", "story.md", "--format", "markdown", input=text)
    assert r.stdout == "- [Reaction](#reaction)\n" and r.exit_code == 0
    r = run(tmp_path, "outline", "-", "--format", "json", input=text)
    assert json.loads(r.stdout)["articles"][0]["path"] == "-"
    r = run(tmp_path, "export", "-", "--stdin-filename", "story.md", "--format", "text", "--output", "-", "--now", NOW, input=text)
    assert r.exit_code == 0 and r.stdout.startswith("Council approves budget\nBy Jane Doe\n")
    assert list(tmp_path.iterdir()) == []  # nothing written next to the caller


def test_fix_with_diff_base_fixes_only_the_change(repo: Path):
    write(repo, "articles/clean.md", HEAD + "\n\n".join(PARAS) + "\n\nIt it rained.\n")
    r = run(repo, "lint", "--diff-base", "main", "--fix", "--now", NOW)
    assert r.exit_code == 0
    assert (repo / "articles/clean.md").read_text("utf-8").endswith("\n\nIt rained.\n")
    assert "The the old mistake" in (repo / "articles/old.md").read_text("utf-8")  # not part of the change


def test_github_annotations_name_files_from_the_repository_root(repo: Path):
    r = run(repo / "articles", "lint", ".", "--format", "github", "--now", NOW, "--select", "H003")
    assert r.stdout.startswith("::warning file=articles/old.md,line=8,")


def test_stdin_with_a_baseline(repo: Path):
    run(repo, "baseline", "base.json", "--now", NOW)
    text = (repo / "articles/old.md").read_bytes()
    r = run(repo, "lint", "-", "--stdin-filename", "articles/old.md", "--baseline", "base.json", "--now", NOW, input=text)
    assert "No problems found in 1 file.\n1 known finding in the baseline not shown.\n" in r.stdout
    r = run(repo, "lint", "-", "--diff-base", "main", input=text)
    assert r.exit_code == 2 and "not standard input" in r.stderr


def test_file_level_rules_exist():
    from newsctl import rulebook
    from newsctl.diffscope import FILE_LEVEL

    assert FILE_LEVEL <= {r.code for r in rulebook.all_rules()}


def test_force_exclude_honours_paths_and_exclude_for_named_files_and_stdin(tmp_path: Path):
    write(tmp_path, "newsctl.toml", 'paths = ["content"]\nexclude = ["content/drafts/**"]\n')
    write(tmp_path, "README.md", "# Not an article\n")
    write(tmp_path, "content/a.md", HEAD + "It it rained.\n")
    write(tmp_path, "content/drafts/b.md", "no front matter\n")
    r = run(tmp_path, "lint", "README.md", "content/a.md", "content/drafts/b.md", "--force-exclude", "--format", "concise", "--now", NOW)
    assert r.stdout == 'content/a.md:8:1: H003 [*] warning: Doubled word: "It it" [doubled-word]\n' and r.stderr == ""
    r = run(tmp_path, "lint", "README.md", "--force-exclude", "--now", NOW)
    assert r.exit_code == 0 and r.stdout == "No problems found in 0 files.\n"
    r = run(tmp_path, "lint", "-", "--stdin-filename", "README.md", "--force-exclude", input=b"# Not an article\n")
    assert r.exit_code == 0 and r.stdout == ""


def test_diff_base_with_unusual_file_names(repo: Path):
    write(repo, "articles/café au lait.md", HEAD + "It it rained.\n")
    commit(repo, "accented name with a space")
    r = run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "json")
    assert codes(r) == [("articles/café au lait.md", 8, "H003")]
    sarif = json.loads(run(repo, "lint", "--diff-base", "main", "--now", NOW, "--format", "sarif").stdout)
    assert _sarif_uris(sarif) == ["articles/caf%C3%A9%20au%20lait.md"]


def test_a_broken_baseline_stops_fix_before_anything_is_written(repo: Path):
    write(repo, "base.json", "[]")
    before = (repo / "articles/old.md").read_bytes()
    r = run(repo, "lint", "--fix", "--baseline", "base.json", "--now", NOW)
    assert r.exit_code == 2 and "base.json: not a newsctl baseline" in r.stderr
    assert (repo / "articles/old.md").read_bytes() == before


def test_diff_base_in_a_shallow_clone_without_the_common_history(repo: Path, tmp_path: Path):
    """Both branches fetched one commit deep (actions/checkout's default): the base exists, but
    the merge base is not in the clone."""
    git(repo, "checkout", "-q", "main")
    write(repo, "articles/main.md", HEAD + "Main moves on.\n")
    commit(repo, "main 2")
    git(repo, "checkout", "-q", "feature")
    write(repo, "articles/clean.md", HEAD + "Changed.\n")
    commit(repo, "feature 2")
    clone = tmp_path / "shallow2"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature", f"file://{repo}", str(clone))
    r = run(clone, "lint", "--diff-base", "origin/main", "--now", NOW)
    assert r.exit_code == 2
    assert r.stderr.startswith("newsctl: error: --diff-base origin/main: no merge base with HEAD. This is a shallow clone")
    assert "git fetch --deepen" in r.stderr
