"""The integrations do what docs/ci.md says: the pre-commit hooks run by the real pre-commit
framework, the composite action's script, and the GitLab CI script, each taken from the files
users copy (action.yml, .pre-commit-hooks.yaml, the YAML blocks of docs/ci.md)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
NEWSCTL = BIN / "newsctl"
NOW = "2024-03-07T12:00:00Z"
HEAD = "---\ntitle: Council approves budget\ndate: 2024-03-06T18:00:00+01:00\nauthor: Jane Doe\nsummary: The budget.\n---\n\n"

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not NEWSCTL.exists(), reason="needs git and the installed newsctl script"
)


def doc_block(heading: str) -> dict:
    """The YAML example under a `## heading` of docs/ci.md, parsed."""
    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return yaml.safe_load(section.split("```yaml\n", 1)[1].split("```", 1)[0])


def env_for(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_", "PRE_COMMIT"))}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        NO_COLOR="1",
        HOME=str(tmp / "home"),
        PRE_COMMIT_HOME=str(tmp / "pre-commit-cache"),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="T",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="T",
        GIT_COMMITTER_EMAIL="t@example.com",
    )
    (tmp / "home").mkdir(exist_ok=True)
    return env


def sh(cmd: list[str] | str, cwd: Path, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=check, shell=isinstance(cmd, str))


def newsroom(tmp: Path, env: dict[str, str]) -> Path:
    """A repository: a README and a changelog at the root, an article with a doubled word, an
    archived article that is excluded, settings in newsctl.toml."""
    repo = tmp / "newsroom"
    (repo / "articles" / "archive").mkdir(parents=True)
    (repo / "newsctl.toml").write_text('paths = ["articles"]\nexclude = ["articles/archive/**"]\nfail-on = "warning"\n', "utf-8")
    (repo / "README.md").write_text("# Our newsroom\n\nNo front matter here.\n", "utf-8")
    (repo / "CHANGELOG.md").write_text("# Changes\n", "utf-8")
    (repo / "articles" / "a.md").write_text(HEAD + "The the council met.\n", "utf-8")
    (repo / "articles" / "archive" / "old.md").write_text("no front matter\n", "utf-8")
    sh(["git", "init", "-q", "-b", "main"], repo, env)
    sh(["git", "add", "-A"], repo, env)
    sh(["git", "commit", "-q", "-m", "init"], repo, env)
    return repo


# --- pre-commit ---------------------------------------------------------------------------------


def test_pre_commit_hooks_run_by_the_real_framework(tmp_path: Path):
    """The hooks exactly as published, run by pre-commit. pre-commit would install the hook repo
    into a fresh virtualenv from PyPI (impossible offline), so they run as `repo: local` hooks with
    `language: system` on the installed newsctl: same entry, same file filters, same arguments."""
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    env = env_for(tmp_path)
    repo = newsroom(tmp_path, env)
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    by_id = {h["id"]: h for h in published}
    wanted = [h["id"] for h in doc_block("pre-commit")["repos"][0]["hooks"]]
    assert wanted == ["newsctl-lint", "newsctl-fix"] and set(wanted) <= set(by_id)

    def config(ids: list[str]) -> None:
        hooks = []
        for hook_id in ids:
            hook = {k: v for k, v in by_id[hook_id].items() if k != "language"}
            hook["language"] = "system"
            hook["entry"] = hook["entry"] + f" --now {NOW}"
            hooks.append(hook)
        (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}), "utf-8")

    config(["newsctl-lint"])
    r = sh([str(pre_commit), "run", "--all-files", "--color", "never"], repo, env, check=False)
    assert r.returncode == 1, r.stdout + r.stderr
    assert 'articles/a.md:8:1: H003 [*] warning: Doubled word: "The the" [doubled-word]' in r.stdout
    assert "README.md" not in r.stdout and "CHANGELOG.md" not in r.stdout and "archive" not in r.stdout

    config(["newsctl-fix"])
    r = sh([str(pre_commit), "run", "--all-files", "--color", "never"], repo, env, check=False)
    assert r.returncode == 1 and "files were modified by this hook" in r.stdout
    assert (repo / "articles" / "a.md").read_text("utf-8") == HEAD + "The council met.\n"
    assert (repo / "README.md").read_text("utf-8") == "# Our newsroom\n\nNo front matter here.\n"
    r = sh([str(pre_commit), "run", "--all-files", "--color", "never"], repo, env, check=False)
    assert r.returncode == 0, r.stdout


# --- the composite GitHub Action ---------------------------------------------------------------


def _expand(value: str, inputs: dict[str, str], runner_temp: Path) -> str:
    value = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)
    return re.sub(r"\$\{\{\s*runner\.temp\s*\}\}", str(runner_temp), value)


def test_action_lint_step_with_the_documented_inputs(tmp_path: Path):
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    defaults = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    workflow = doc_block("GitHub Actions")
    step = next(s for s in workflow["jobs"]["lint"]["steps"] if str(s.get("uses", "")).startswith("newsctl/"))
    assert set(step["with"]) <= set(action["inputs"])  # the documented inputs exist
    env = env_for(tmp_path)
    origin = newsroom(tmp_path, env)
    repo = tmp_path / "checkout"
    sh(["git", "clone", "-q", str(origin), str(repo)], tmp_path, env)
    sh(["git", "checkout", "-q", "-b", "pr"], repo, env)
    (repo / "articles" / "b.md").write_text(HEAD + "It it rained.\n", "utf-8")
    sh(["git", "add", "-A"], repo, env)
    sh(["git", "commit", "-q", "-m", "pr"], repo, env)
    sh([str(NEWSCTL), "baseline", ".newsctl-baseline.json", "--now", NOW], repo, env)  # knows a.md's finding
    (repo / "articles" / "b.md").write_text(HEAD + "It it rained.\n\nWe we voted.\n", "utf-8")

    # the pull_request case of the documented diff-base expression
    inputs = {**defaults, **{k: str(v) for k, v in step["with"].items()}, "diff-base": "origin/main", "fail-on": "warning"}
    lint = next(s for s in action["runs"]["steps"] if s.get("id") == "lint")
    out = tmp_path / "github_output"
    out.write_text("")
    summary = tmp_path / "summary.md"
    run_env = {**env, **{k: _expand(str(v), inputs, tmp_path) for k, v in lint["env"].items()}}
    run_env.update(GITHUB_OUTPUT=str(out), GITHUB_STEP_SUMMARY=str(summary), NEWSCTL_NOW=NOW)
    script = lint["run"].replace("newsctl lint", f"newsctl lint --now {NOW}")
    r = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=run_env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr  # the step records the status; the `result` step fails the job
    outputs = dict(line.split("=", 1) for line in out.read_text().splitlines())
    assert outputs["exit-code"] == "1"
    # a.md's doubled word is not on a changed line; b.md's first one is in the baseline: one is new
    annotations = [line for line in r.stdout.splitlines() if line.startswith("::")]
    assert [re.search(r"file=([^,]+),line=(\d+)", a).groups() for a in annotations] == [("articles/b.md", "10")]
    sarif = json.loads(Path(outputs["sarif-file"]).read_text("utf-8"))
    results = sarif["runs"][0]["results"]
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [("articles/b.md", 10)]
    assert "## newsctl lint" in summary.read_text("utf-8")
    result = next(s for s in action["runs"]["steps"] if s.get("id") == "result")
    r = subprocess.run(["bash", "-e", "-c", result["run"]], env={**env, "STATUS": outputs["exit-code"]}, capture_output=True, text=True)
    assert r.returncode == 1 and "exited with status 1" in r.stderr


# --- GitLab CI ------------------------------------------------------------------------------------


def test_gitlab_ci_script_from_the_docs(tmp_path: Path):
    job = doc_block("GitLab CI")["newsctl"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    env = env_for(tmp_path)
    origin = newsroom(tmp_path, env)
    repo = tmp_path / "mr"
    sh(["git", "clone", "-q", str(origin), str(repo)], tmp_path, env)
    sh(["git", "checkout", "-q", "-b", "feature"], repo, env)
    (repo / "articles" / "b.md").write_text(HEAD + "It it rained.\n", "utf-8")
    sh(["git", "add", "-A"], repo, env)
    sh(["git", "commit", "-q", "-m", "mr"], repo, env)
    run_env = {**env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}
    statuses = []
    for line in job["script"]:
        if line.startswith("pip install"):
            continue  # newsctl is installed in the test environment
        cmd = line.replace("newsctl lint", f"newsctl lint --now {NOW} --fail-on warning")
        statuses.append(sh(cmd, repo, run_env, check=False))
    fetch, report, gate = statuses
    assert fetch.returncode == 0, fetch.stderr
    assert report.returncode == 0
    issues = json.loads((repo / "gl-code-quality-report.json").read_text("utf-8"))
    assert sorted(i["location"]["path"] for i in issues) == ["articles/a.md", "articles/b.md"]
    assert gate.returncode == 1 and "articles/b.md:8:1: H003" in gate.stdout and "articles/a.md" not in gate.stdout


def test_action_metadata_is_well_formed():
    """GitHub's rules for composite action metadata: name, description, runs.using composite,
    every input and output described, every `run` step with a shell, outputs mapped from steps."""
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert {"name", "description", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    for name, spec in {**action["inputs"], **action["outputs"]}.items():
        assert re.fullmatch(r"[_a-zA-Z][a-zA-Z0-9_-]*", name) and spec["description"]
    ids = {s.get("id") for s in action["runs"]["steps"]}
    for step in action["runs"]["steps"]:
        assert ("run" in step) != ("uses" in step)
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"]  # inputs reach scripts through env, never spliced into code
    for spec in action["outputs"].values():
        assert re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.[\w-]+ \}\}", spec["value"]).group(1) in ids
    assert {"paths", "diff-base", "baseline"} <= set(action["inputs"])


def test_every_shell_example_in_ci_md_runs(tmp_path: Path):
    """Each command of the ```sh blocks of docs/ci.md runs in a repository like the reader's:
    never a usage error (2), never a traceback."""
    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    commands = [
        line.split("  #", 1)[0].strip()
        for block in re.findall(r"```sh\n(.*?)```", text, re.S)
        for line in block.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(commands) >= 8
    env = env_for(tmp_path)
    origin = newsroom(tmp_path, env)
    repo = tmp_path / "clone"
    sh(["git", "clone", "-q", str(origin), str(repo)], tmp_path, env)
    (repo / "draft.md").write_text(HEAD + "It it rained.\n", "utf-8")
    for command in commands:
        assert command.split()[0] in ("newsctl", "cat"), command
        r = sh(command, repo, env, check=False)
        assert r.returncode in (0, 1), (command, r.stderr)
        assert "Traceback" not in r.stderr, command
    assert (repo / "fixed.md").read_text("utf-8") == HEAD + "It rained.\n"
    assert json.loads((repo / ".newsctl-baseline.json").read_text("utf-8"))["newsctl_baseline"] == 1
