"""docs/editors.md: its snippets parse, and the options they pass are the ones the server reads."""

from __future__ import annotations

import json
import re
import tomllib

from newsctl.server.analysis import Options
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "editors.md").read_text("utf-8")
KNOWN = {"now", "rulesUrl", "debounceMs"}


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.S)


def test_json_snippets_parse_and_pass_known_options():
    snippets = [json.loads(b) for b in blocks("json")]
    assert len(snippets) == 2
    vscode, zed = snippets
    assert vscode["glspc.server.command"] == "newsctl" and vscode["glspc.server.commandArguments"] == ["server"]
    assert set(vscode["glspc.server.initializationOptions"]) <= KNOWN
    assert set(zed["lsp"]["newsctl"]["initialization_options"]) <= KNOWN


def test_toml_snippets_parse():
    helix, zed_extension, cargo = (tomllib.loads(b) for b in blocks("toml"))
    assert helix["language-server"]["newsctl"]["command"] == "newsctl"
    assert helix["language-server"]["newsctl"]["args"] == ["server"]
    assert set(helix["language-server"]["newsctl"]["config"]) <= KNOWN
    assert "newsctl" in helix["language"][0]["language-servers"]
    assert zed_extension["language_servers"]["newsctl"]["languages"] == ["Markdown"]
    assert cargo["lib"]["crate-type"] == ["cdylib"]


def test_lua_and_rust_snippets_start_newsctl_server():
    for snippet in blocks("lua"):
        assert 'cmd = { "newsctl", "server" }' in snippet
        assert "rulesUrl" in snippet
    [rust] = blocks("rust")
    assert 'args: vec!["server".into()]' in rust and 'which("newsctl")' in rust


def test_the_options_table_lists_exactly_what_the_server_reads():
    documented = set(re.findall(r"^\| `(\w+)` \|", DOC, re.M))
    assert documented == KNOWN
    options, problems = Options.from_json({key: None for key in KNOWN} | {"debounceMs": 100})
    assert problems == [] and options == Options()
