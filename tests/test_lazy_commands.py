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


def _loaded_after(code: str) -> set[str]:
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('newsctl'))))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


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
