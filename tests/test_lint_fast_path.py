"""Lint's fast path (`newsctl.cli.entry`) against Typer: the same arguments, the same bytes out.

The fast path runs `newsctl lint [simple options] FILE...` without Typer (start-up time; see the
module's docstring). These tests hold it to Typer's behaviour:
- the parser gives `run_lint` exactly the keyword arguments Typer gives it, or hands over;
- a table of command lines (options, paths, errors, --help, unknown options, missing files,
  colour and NEWSCTL_* variables, settings files) run through both paths, each in a fresh
  interpreter per path, gives byte-identical stdout, stderr and exit status;
- a few real `newsctl` processes (the installed script) agree with Typer too.
"""

from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli import entry, lint_run
from newsctl.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "articles" / "ostra-river-floods-velden.md"
FINDINGS = ROOT / "articles" / "cybersecurity-diplomacy.md"
NOW = "2026-11-28T12:00:00Z"


def test_the_typer_command_and_the_fast_path_share_the_defaults():
    from newsctl.cli.lint import lint_command

    params = inspect.signature(lint_command).parameters
    assert list(params) == list(lint_run.DEFAULTS)
    assert {name: p.default for name, p in params.items()} == lint_run.DEFAULTS


def test_every_fast_option_is_a_lint_option_of_the_same_parameter():
    from newsctl.cli.lint import lint_command

    command = __import__("typer").main.get_command_from_info(
        __import__("typer").models.CommandInfo(name="lint", callback=lint_command),
        pretty_exceptions_short=True,
        rich_markup_mode=None,
    )
    by_spelling = {opt: p for p in command.params for opt in p.opts}
    for table, kind in ((entry.FLAGS, "flag"), (entry.VALUES, "value"), (entry.LISTS, "list")):
        for spelling, name in table.items():
            param = by_spelling[spelling]
            assert param.name == name
            assert param.is_flag == (kind == "flag"), spelling
            assert param.multiple == (kind == "list"), spelling
            assert param.envvar is None


def _typer_kwargs(argv: list[str]) -> dict:
    """What Typer passes to run_lint for `newsctl ARGV` (None when Typer does not run lint)."""
    seen: dict = {}

    def capture(**kwargs):
        seen.update(kwargs)

    import newsctl.cli.lint as lint_module

    original = lint_module.run_lint
    lint_module.run_lint = capture
    try:
        result = CliRunner().invoke(app, argv)
    finally:
        lint_module.run_lint = original
    return seen if seen and result.exit_code == 0 else None


ACCEPTED = [
    ["lint", "a.md"],
    ["lint"],
    ["lint", "a.md", "b/", "c.markdown"],
    ["lint", "--format", "json", "a.md"],
    ["lint", "a.md", "-f", "sarif"],
    ["lint", "--format=concise", "a.md"],
    ["lint", "-f", "text", "--format", "github", "a.md"],
    ["lint", "-q", "--quiet", "a.md", "--exit-zero", "--statistics", "--no-cache", "--force-exclude", "--no-ignore"],
    ["lint", "--now", NOW, "a.md"],
    ["lint", "--now=" + NOW, "a.md"],
    ["lint", "--now=", "a.md"],
    ["lint", "--now=-1", "a.md"],
    ["lint", "--select", "S001", "--select", "H,M", "--ignore", "R", "--extend-select", "X001", "a.md"],
    ["lint", "--select=S001", "a.md", "--ignore=dates"],
    ["lint", "--fail-on", "warning", "a.md"],
    ["lint", "--fail-on", "nonsense", "a.md"],
    ["lint", "a.md", "a.md"],
    ["lint", "lint"],
    ["lint", "missing.md", "--now", "soon"],
]

HANDED_OVER = [
    [],
    ["--version"],
    ["--help"],
    ["lnit", "a.md"],
    ["rules"],
    ["--version", "lint", "a.md"],
    ["lint", "--help"],
    ["lint", "-h", "a.md"],
    ["lint", "a.md", "--help"],
    ["lint", "-"],
    ["lint", "--", "a.md"],
    ["lint", "", "a.md"],
    ["lint", "--format", "JSON", "a.md"],
    ["lint", "--format", "xml", "a.md"],
    ["lint", "-f=json", "a.md"],
    ["lint", "-fjson", "a.md"],
    ["lint", "-qf", "json", "a.md"],
    ["lint", "--format"],
    ["lint", "a.md", "--now"],
    ["lint", "--now", "--quiet", "a.md"],
    ["lint", "--select", "-x", "a.md"],
    ["lint", "--quiet=yes", "a.md"],
    ["lint", "--form", "json", "a.md"],
    ["lint", "--jobs", "1", "a.md"],
    ["lint", "-j", "1", "a.md"],
    ["lint", "--config", "newsctl.toml", "a.md"],
    ["lint", "--output", "out.json", "a.md"],
    ["lint", "-o", "out.json", "a.md"],
    ["lint", "--fix", "a.md"],
    ["lint", "--diff", "a.md"],
    ["lint", "--unsafe-fixes", "a.md"],
    ["lint", "--baseline", "b.json", "a.md"],
    ["lint", "--diff-base", "main", "a.md"],
    ["lint", "--shard", "1/2", "a.md"],
    ["lint", "--cache-dir", "c", "a.md"],
    ["lint", "--option", "max-grade=9", "a.md"],
    ["lint", "--stdin-filename", "x.md", "-"],
    ["lint", "--bogus", "a.md"],
    ["lint", "-x", "a.md"],
]


@pytest.mark.parametrize("argv", ACCEPTED, ids=" ".join)
def test_the_parser_passes_what_typer_passes(argv):
    fast = entry.fast_lint_options(argv, {})
    assert fast is not None
    expected = _typer_kwargs(argv)
    assert expected is not None
    converted = {**lint_run.DEFAULTS, **fast}
    if "format" in fast:
        converted["format"] = lint_run.LintFormat(fast["format"])
    assert converted == expected
    assert {name: type(value) for name, value in converted.items()} == {name: type(value) for name, value in expected.items()}


@pytest.mark.parametrize("argv", HANDED_OVER, ids=lambda a: " ".join(a) or "(none)")
def test_the_parser_hands_everything_else_to_typer(argv):
    assert entry.fast_lint_options(argv, {}) is None


def test_windows_is_handed_to_typer(monkeypatch):
    monkeypatch.setattr(entry.os, "name", "nt")  # click expands *.md itself there
    assert entry.fast_lint_options(["lint", "*.md"], {}) is None


def test_shell_completion_is_handed_to_typer():
    assert entry.fast_lint_options(["lint", "a.md"], {"_NEWSCTL_COMPLETE": "complete_bash"}) is None
    assert entry.fast_lint_options(["lint", "a.md"], {"NEWSCTL_DOCS_URL": "x", "NO_COLOR": "1"}) == {"paths": ["a.md"]}


# --- byte-identical runs -------------------------------------------------------------------------

RUNNER = r'''
import io, json, os, sys
cases = json.loads(sys.stdin.read())
mode = sys.argv[1]
from newsctl.cli import entry
took = []
parse = entry.fast_lint_options
if mode == "typer":
    entry.fast_lint_options = lambda argv, environ: None
else:
    entry.fast_lint_options = lambda argv, environ: took.append(parse(argv, environ) is not None) or parse(argv, environ)
base_env = dict(os.environ)
results = []
real = sys.stdout, sys.stderr
for case in cases:
    os.chdir(case["cwd"])
    os.environ.clear()
    os.environ.update({**base_env, **case["env"]})
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", newline="\n")
    sys.argv = ["newsctl", *case["argv"]]
    took.append(None)
    try:
        entry.main()
        status = 0
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except ValueError:
            pass
    written = out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace")
    sys.stdout, sys.stderr = real
    fast = [t for t in took if t is not None]
    del took[:]
    results.append({"out": written[0], "err": written[1], "status": status, "fast": bool(fast and fast[0])})
print(json.dumps(results))
'''


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """Articles, a non-article, a directory and settings files (a good one, a broken one)."""
    top = tmp_path_factory.mktemp("fastpath")
    shutil.copy(CLEAN, top / "clean.md")
    shutil.copy(FINDINGS, top / "findings.md")
    (top / "README.md").write_text("# Notes\n\nNot an article.\n", encoding="utf-8")
    (top / "notes.txt").write_text("Headline here\n\nA plain-text story arrived by email.\n", encoding="utf-8")
    (top / "empty.md").write_text("", encoding="utf-8")
    (top / "bad.md").write_bytes(b"---\ntitle: [unclosed\n---\n\nBody \xff text.\n")
    (top / "dir").mkdir()
    shutil.copy(FINDINGS, top / "dir" / "story.md")
    site = top / "site"
    (site / "articles").mkdir(parents=True)
    shutil.copy(FINDINGS, site / "articles" / "story.md")
    shutil.copy(CLEAN, site / "other.md")
    (site / "newsctl.toml").write_text(
        'paths = ["articles"]\nignore = ["R"]\nfail-on = "warning"\nseverity = { S003 = "error" }\n'
        '[options]\nmax-sentence-words = 20\n',
        encoding="utf-8",
    )
    broken = top / "broken"
    broken.mkdir()
    shutil.copy(CLEAN, broken / "a.md")
    (broken / "newsctl.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    return top


def _cases(top: Path) -> list[dict]:
    site, broken = str(top / "site"), str(top / "broken")
    t = str(top)
    table = [
        (["lint", "clean.md"], t, {}),
        (["lint", "findings.md"], t, {}),
        (["lint", "--now", NOW, "findings.md"], t, {}),
        (["lint", "--now", NOW, "-q", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--format", "json", "findings.md", "clean.md"], t, {}),
        (["lint", "--now", NOW, "-f", "sarif", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--format=concise", "findings.md"], t, {}),
        (["lint", "--now", NOW, "-f", "github", "findings.md"], t, {"GITHUB_STEP_SUMMARY": str(top / "summary-{mode}.md")}),
        (["lint", "--now", NOW, "-f", "gitlab", "findings.md"], t, {}),
        (["lint", "--now", NOW, "-f", "html", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--statistics", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--statistics", "-f", "json", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--statistics", "-f", "sarif", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--exit-zero", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--fail-on", "info", "clean.md", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--fail-on", "nonsense", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--select", "S", "--select", "M001,D", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--ignore", "dates", "--extend-select", "H", "findings.md"], t, {}),
        (["lint", "--now", NOW, "--select", "Z999", "findings.md"], t, {}),
        (["lint", "--now", "yesterday", "findings.md"], t, {}),
        (["lint", "--now=", "findings.md"], t, {}),
        (["lint", "--now", NOW, "missing.md"], t, {}),
        (["lint", "--now", NOW, "missing.md", "clean.md"], t, {}),
        (["lint", "--now", NOW, "README.md"], t, {}),
        (["lint", "--now", NOW, "notes.txt"], t, {}),
        (["lint", "--now", NOW, "empty.md", "bad.md"], t, {}),
        (["lint", "--now", NOW, "-f", "json", "bad.md"], t, {}),
        (["lint", "--now", NOW, "dir"], t, {}),
        (["lint", "--now", NOW, "dir", "dir/story.md", "--no-ignore", "--no-cache"], t, {}),
        (["lint", "--now", NOW, "--force-exclude", "README.md"], t, {}),
        (["lint", "--now", NOW], t, {}),
        (["lint", "--now", NOW, "findings.md"], t, {"NO_COLOR": "1"}),
        (["lint", "--now", NOW, "findings.md"], t, {"FORCE_COLOR": "1"}),
        (["lint", "--now", NOW, "findings.md"], t, {"FORCE_COLOR": "1", "NO_COLOR": "1"}),
        (["lint", "--now", NOW, "-f", "sarif", "findings.md"], t, {"NEWSCTL_DOCS_URL": "https://docs.example/rules/"}),
        (["lint", "--now", NOW, "findings.md"], t, {"NEWSCTL_CACHE_DIR": str(top / "cache-{mode}")}),
        (["lint", "--now", NOW], site, {}),
        (["lint", "--now", NOW, "-f", "json"], site, {}),
        (["lint", "--now", NOW, "other.md", "articles/story.md"], site, {}),
        (["lint", "--now", NOW, "--force-exclude", "other.md", "articles/story.md"], site, {}),
        (["lint", "--now", NOW, "--select", "S003", "articles"], site, {}),
        (["lint", "--now", NOW, "a.md"], broken, {}),
        (["lint", "--help"], t, {}),
        (["lint", "-h"], t, {}),
        (["lint", "--bogus", "clean.md"], t, {}),
        (["lint", "--format", "xml", "clean.md"], t, {}),
        (["lint", "--format"], t, {}),
        (["lint", "-j", "0", "clean.md"], t, {}),
        (["lint", "--now", NOW, "-j", "1", "-o", "out-{mode}.json", "-f", "json", "findings.md"], t, {}),
        (["lint", "--", "clean.md"], t, {}),
        (["--version"], t, {}),
        ([], t, {}),
    ]
    return [{"argv": argv, "cwd": cwd, "env": env} for argv, cwd, env in table]


def _run_all(cases: list[dict], mode: str) -> list[dict]:
    filled = json.loads(json.dumps(cases).replace("{mode}", f"mode-{mode}"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    for name in ("NO_COLOR", "FORCE_COLOR", "NEWSCTL_DOCS_URL", "NEWSCTL_CACHE_DIR", "GITHUB_STEP_SUMMARY", "CI"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, mode], input=json.dumps(filled), capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for result in results:  # file names that carry the mode, for outputs each path writes
        result["out"] = result["out"].replace(f"mode-{mode}", "{mode}")
        result["err"] = result["err"].replace(f"mode-{mode}", "{mode}")
    return results


def test_a_table_of_command_lines_gives_the_same_bytes_on_both_paths(tree):
    cases = _cases(tree)
    typer_results = _run_all(cases, "typer")
    fast_results = _run_all(cases, "fast")
    for case, via_typer, fast in zip(cases, typer_results, fast_results):
        assert (fast["status"], fast["out"], fast["err"]) == (via_typer["status"], via_typer["out"], via_typer["err"]), case
        assert not via_typer["fast"]
    took = [case["argv"] for case, fast in zip(cases, fast_results) if fast["fast"]]
    assert len(took) >= 38, took  # most of the table did go the fast way
    assert ["lint", "--help"] not in took and ["lint", "-j", "0", "clean.md"] not in took
    statuses = {r["status"] for r in typer_results}
    assert statuses == {0, 1, 2}
    for mode in ("typer", "fast"):  # what the runs wrote, each to its own file
        assert (tree / f"summary-mode-{mode}.md").read_bytes() == (tree / "summary-mode-typer.md").read_bytes()
        assert (tree / f"out-mode-{mode}.json").read_bytes() == (tree / "out-mode-typer.json").read_bytes()


def _script() -> Path:
    script = Path(sys.executable).with_name("newsctl")
    if not script.exists():
        pytest.skip("the newsctl script is not installed next to this Python")
    return script


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", str(CLEAN)],
        ["lint", "--now", NOW, "-f", "json", str(FINDINGS)],
        ["lint", "--now", NOW, "-q", "--select", "S,H", str(FINDINGS), "missing.md"],
    ],
    ids=["clean", "json", "quiet-missing"],
)
def test_the_installed_script_agrees_with_typer(argv, tmp_path):
    fast = subprocess.run([str(_script()), *argv], capture_output=True, cwd=tmp_path)
    probe = "import sys\nfrom newsctl.cli import entry\nentry.fast_lint_options = lambda a, e: None\nsys.argv = ['newsctl', *sys.argv[1:]]\nentry.main()\n"
    via_typer = subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, cwd=tmp_path)
    assert (fast.returncode, fast.stdout, fast.stderr) == (via_typer.returncode, via_typer.stdout, via_typer.stderr)


def test_a_closed_pipe_ends_quietly_on_both_paths(tmp_path):
    shell = f"{_script()} lint --now {NOW} {FINDINGS} {FINDINGS} {FINDINGS} | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.strip() in ("0", "1") and "Traceback" not in done.stderr
