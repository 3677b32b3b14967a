"""Language-server speed (`make bench`): how soon after a change the writer sees diagnostics.

The target (issue #17): diagnostics for a 1,500-word article within 50 ms of a change, warm.
`test_change_to_diagnostics_over_stdio` measures exactly that, end to end: a real server process,
a didChange notification written to its stdin, the publishDiagnostics read back from its stdout.
The other two split that time into its parts. Numbers, never assertions.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsctl.server.analysis import Options, analyse
from tests.conftest import ARTICLES
from tests.test_server_wire import Wire

TARGET_WORDS = 1500


def article_of_1500_words() -> str:
    """A real front matter and real paragraphs from the sample articles, about 1,500 words of body."""
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.glob("*.md"))]
    front = texts[0].partition("\n---\n")[0]
    paragraphs = [p for t in texts for p in t.split("\n---\n", 1)[-1].split("\n\n") if p.strip()]
    out, words = [], 0
    for paragraph in paragraphs:
        if words >= TARGET_WORDS:
            break
        out.append(paragraph.strip())
        if not paragraph.lstrip().startswith("#"):
            words += len(paragraph.split())
    return f"{front}\n---\n\n" + "\n\n".join(out) + "\n"


TEXT = article_of_1500_words()
NOW = "2026-11-28T12:00:00Z"


def test_check_one_article(benchmark, tmp_path: Path):
    """Parse, lint and settings lookup for the article, as the server does for each change."""
    path = tmp_path / "article.md"
    options = Options.from_json({"now": NOW})[0]
    analyse(path.as_uri(), TEXT, 1, path=path, options=options)  # warm: word lists, syllable table
    result = benchmark(analyse, path.as_uri(), TEXT, 1, path=path, options=options)
    benchmark.extra_info["words"] = sum(len(p.split()) for p in TEXT.split("\n---\n", 1)[1].split("\n\n") if not p.startswith("#"))
    benchmark.extra_info["findings"] = len(result.findings)


def test_findings_to_diagnostics(benchmark, tmp_path: Path):
    from newsctl.server.convert import Lines, diagnostic

    path = tmp_path / "article.md"
    result = analyse(path.as_uri(), TEXT, 1, path=path, options=Options.from_json({"now": NOW})[0])
    lines = Lines(result.article.source)
    benchmark(lambda: [diagnostic(f, lines, result.uri, None) for f in result.findings])


@pytest.fixture
def wire(tmp_path: Path):
    w = Wire()
    w.send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}, "initializationOptions": {"now": NOW}}})
    w.response(1)
    w.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    yield w
    w.close()


def test_change_to_diagnostics_over_stdio(benchmark, wire: Wire, tmp_path: Path):
    """didChange written -> publishDiagnostics read, with the default debounce, an isolated change."""
    uri = (tmp_path / "article.md").as_uri()
    wire.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": TEXT}}})
    diagnostics(wire, uri)
    version = [1]

    def pause() -> None:
        time.sleep(0.15)  # longer than the debounce: each change is checked at once, as when typing slowly

    lines = TEXT.split("\n")
    typed = "\n".join(lines[:8] + [lines[8] + "x"] + lines[9:])

    def change() -> None:
        version[0] += 1  # type a character at the end of line 9, then delete it (whole text: Full sync)
        wire.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version[0]},
            "contentChanges": [{"text": typed if version[0] % 2 else TEXT}]}})
        while diagnostics(wire, uri)["version"] != version[0]:
            pass

    for _ in range(5):  # warm
        pause()
        change()
    benchmark.pedantic(change, setup=pause, rounds=40, iterations=1)
    benchmark.extra_info["words"] = len(TEXT.split())


def diagnostics(wire: Wire, uri: str) -> dict:
    while True:
        message = wire.receive()
        if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
            return message["params"]
