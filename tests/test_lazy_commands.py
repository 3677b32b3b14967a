"""`import newsctl.cli.app` loads no command module; running a command loads only its own.

Checked in a fresh interpreter (sys.modules of the test process already holds everything).
Not a timing test: it checks what is imported, which is what start-up time follows from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from typer.testing import CliRunner

from newsctl.cli.app import COMMANDS, app

COMMAND_MODULES = sorted({module for module, _ in COMMANDS.values()})


ROOT = Path(__file__).resolve().parents[1]
# What a one-file lint (a pre-commit hook, an editor on save) must not pay for: Typer 0.29's
# pydantic coercion (pyproject.toml pins Typer below it), rich (plain output), package metadata
# (no plugins are looked up), hashlib (no cache is configured), zipfile (package data is read by path), the importers (the file is Markdown) and other commands' libraries.
NOT_FOR_ONE_FILE = (
    "pydantic",
    "rich",
    "importlib.metadata",
    "hashlib",
    "zipfile",
    "newsctl.importers",
    "newsctl.export",
    "jinja2",
    "nh3",
    "textstat",
    "pygls",
    "mammoth",
    "bs4",
    "markdownify",
    "difflib",  # settings' "did you mean" only
    "calendar",  # dates: the days of a month, for an article with a full date only
    "signal",  # its enums: the SIGTERM handler is set through _signal
    "zlib",  # the hyphenation patterns' check sums with binascii's CRC-32
    "html.parser",  # raw HTML in the article only (newsctl.htmlscan)
    "newsctl.htmlscan",
    "mdit_py_plugins.attrs",  # headings ending in {#id .class} only
)


def _modules_after(code: str, cwd: Path = ROOT) -> set[str]:
    """Every module loaded by running `code` in a fresh interpreter (in the repository root)."""
    probe = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: sys.__stderr__.write('\\n' + json.dumps(sorted(sys.modules)) + '\\n'))\n" + code
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd, env=env)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.splitlines()[-1]))


def _loaded_after(code: str) -> set[str]:
    return {m for m in _modules_after(code) if m.startswith("newsctl")}


def _unwanted(loaded: set[str]) -> set[str]:
    return {m for m in loaded if any(m == name or m.startswith(name + ".") for name in NOT_FOR_ONE_FILE)}


def test_importing_the_app_imports_no_command_module():
    loaded = _loaded_after("import newsctl.cli.app")
    assert loaded & set(COMMAND_MODULES) == set()
    assert "newsctl.cli.common" not in loaded and "newsctl.engine" not in loaded


def test_running_one_command_imports_only_that_command():
    code = (
        "import sys\nfrom newsctl.cli.app import app\nsys.argv = ['newsctl', 'explain', 'H001']\n"
        "try:\n    app()\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
    )
    loaded = _loaded_after(code)
    assert loaded & set(COMMAND_MODULES) == {"newsctl.cli.rules"}


def test_every_command_is_listed_in_order_and_runs_its_help():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(COMMANDS)
    for name in COMMANDS:
        help_result = CliRunner().invoke(app, [name, "--help"])
        assert help_result.exit_code == 0, name
        assert f"Usage: newsctl {name} " in help_result.stdout or f"Usage: root {name} " in help_result.stdout


def test_an_unknown_command_is_a_usage_error():
    result = CliRunner().invoke(app, ["lnit"])
    assert result.exit_code == 2
    assert "No such command 'lnit'" in result.output


def _complete(words: str, cword: int) -> list[str]:
    script = Path(sys.executable).with_name("newsctl")
    if not script.exists():
        pytest.skip("the newsctl script is not installed next to this Python")
    env = {**os.environ, "_NEWSCTL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = subprocess.run([str(script)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_completion_of_command_names_and_of_a_lazy_commands_options():
    assert _complete("newsctl ex", 1) == ["explain", "export"]
    assert _complete("newsctl outline --for", 2) == ["--format"]


SAMPLE = "articles/ostra-river-floods-velden.md"


def _lint_one_file(*options: str, path: str = SAMPLE) -> str:
    """A one-file lint run the way the newsctl script runs it; exits 0 (the sample article is clean)."""
    argv = ["newsctl", "lint", *options, "--now", "2026-11-28T12:00:00Z", path]
    return (
        f"import sys\nfrom newsctl.cli.entry import main\nsys.argv = {argv!r}\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
    )


def test_importing_the_app_imports_nothing_a_one_file_lint_does_not_use():
    # difflib: click's "did you mean" for a mistyped option; signal, zlib: Typer's own imports
    # (of signal, shutil) (the fast path does not import Typer)
    assert _unwanted(_modules_after("import newsctl.cli.app")) - {"difflib", "signal", "zlib"} == set()


@pytest.mark.parametrize("options", [(), ("--format", "json"), ("--format", "concise")])
def test_a_one_file_lint_imports_only_what_it_uses(options):
    loaded = _modules_after(_lint_one_file(*options))
    assert _unwanted(loaded) == set()
    # lint's fast path (newsctl.cli.entry) runs lint's body without Typer or its command module
    assert {m for m in loaded if m == "typer" or m.startswith("typer.")} == set()
    assert loaded & set(COMMAND_MODULES) == set() and "newsctl.cli.lint_run" in loaded
    assert "newsctl.cli.options" not in loaded and "newsctl.cli.app" not in loaded
    assert "newsctl.rules.hygiene" in loaded and "markdown_it" in loaded  # it did lint
    assert "newsctl.fixes" not in loaded  # the sample article is clean: no fix to look at


@pytest.mark.parametrize("options", [("--help",), ("--jobs", "1"), ("--format", "JSON")])
def test_a_lint_outside_the_fast_path_goes_through_typer(options):
    code = (
        f"import sys\nfrom newsctl.cli.entry import main\nsys.argv = {['newsctl', 'lint', *options, SAMPLE]!r}\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    loaded = _modules_after(code)
    assert "typer" in loaded and "newsctl.cli.lint" in loaded and "newsctl.cli.options" in loaded


def test_the_apps_main_still_runs_everything_through_typer():
    code = (
        f"import sys\nfrom newsctl.cli.app import main\nsys.argv = {['newsctl', 'lint', SAMPLE]!r}\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
    )
    loaded = _modules_after(code)
    assert "typer" in loaded and "newsctl.cli.lint" in loaded


def test_the_lint_body_and_the_shared_helpers_import_no_typer():
    loaded = _modules_after("import newsctl.cli.lint_run, newsctl.cli.common, newsctl.cli.entry")
    assert {m for m in loaded if m == "typer" or m.startswith("typer.") or m == "click"} == set()


def test_a_one_file_lint_compiles_none_of_the_patterns_the_article_does_not_need():
    probe = _lint_one_file() + (
        "\nimport json, newsctl.relazy as R\n"
    )
    code = (
        "import atexit, sys\n"
        "def report():\n"
        "    from newsctl.rules import interview, hygiene\n"
        "    from newsctl import templates, parse, dates\n"
        "    unused = [p for p in (interview._SPEAKER, interview._QUESTION_LABEL, templates.TEMPLATE, hygiene._PLACEHOLDER, parse._BARE_URL) if 'search' in vars(p)]\n"
        # the sample article has no "March 6", "March 2023", ISO date or "nowadays" today
        "    unused += [n for n in ('_MDY', '_MONTH_YEAR', '_ISO', '_BARE_YEAR', '_NOWADAYS_BEFORE', '_TODAY_ANCHOR_AFTER') if 'search' in vars(getattr(dates, n))]\n"
        # nor the patterns for words (count_words needs none), an old cache entry, a locale...
        "    from newsctl import text, readability, cache, settings, suppress\n"
        "    unused += [p for p in (text.WORD_RE, text._END_RE, readability._ENDS_SENTENCE, cache._OLD_ENTRY, settings._LOCALE, suppress._ONLY_DIRECTIVES, hygiene._LOREM_USE) if 'search' in vars(p)]\n"
        "    sys.__stderr__.write('\\nCOMPILED ' + repr(unused) + '\\n')\n"
        "atexit.register(report)\n" + probe
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "COMPILED []"


def test_a_one_file_lint_reads_the_hyphenation_patterns_in_place():
    # the sample article has 4 words outside the syllable table: hyphenated with the committed
    # patterns searched in the file, never made the 11,000-entry dict (~3.5 ms)
    code = (
        "import atexit, sys\n"
        "from newsctl import readability_table as rt\n"
        "made, counted = [], []\n"
        "as_dict, count_points = rt.PatternsFile.as_dict, rt.Hyphenator.count_points\n"
        "rt.PatternsFile.as_dict = lambda self: made.append(1) or as_dict(self)\n"
        "rt.Hyphenator.count_points = lambda self, w: counted.append(type(self.patterns).__name__) or count_points(self, w)\n"
        "atexit.register(lambda: sys.__stderr__.write('\\nHYPHENATION ' + repr((made, counted)) + '\\n'))\n"
    ) + _lint_one_file()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "HYPHENATION ([], ['PatternsFile', 'PatternsFile', 'PatternsFile', 'PatternsFile'])"


def test_plain_text_suffixes_agree_with_the_importer():
    from newsctl.importers.plaintext import SUFFIXES
    from newsctl.parse import PLAIN_TEXT_SUFFIXES

    assert PLAIN_TEXT_SUFFIXES == SUFFIXES


def test_without_a_settings_file_no_toml_is_parsed(tmp_path):
    if any((d / name).exists() for d in tmp_path.parents for name in ("newsctl.toml", "pyproject.toml")):
        pytest.skip("a TOML file above the temporary directory would be read as settings")
    (tmp_path / "story.md").write_bytes((ROOT / SAMPLE).read_bytes())
    loaded = _modules_after(_lint_one_file(path="story.md"), cwd=tmp_path)
    assert "tomllib" not in loaded and "newsctl.rules.hygiene" in loaded
    assert "tomllib" in _modules_after(_lint_one_file())  # the repository's pyproject.toml is read
