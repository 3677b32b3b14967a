"""Every bad file gets a result, one bad file never stops the others, and nothing raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.engine import lint_article, lint_paths
from newsctl.parse import parse
from newsctl.settings import Settings
from newsctl.source import Source, SourceError

GOOD = "---\ntitle: t\ndate: 2024-03-06\nauthor: A\nsummary: s\n---\n\nLead.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    files = {
        "empty.md": b"",
        "no-front-matter.md": b"Just text.\n",
        "unclosed.md": b"---\ntitle: x\n\nBody.\n",
        "yaml-error.md": b"---\ntitle: [x\n---\nBody\n",
        "list.md": b"---\n- a\n---\nBody\n",
        "latin1.md": b"---\ntitle: caf\xe9\n---\n",
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00",
        "good.md": GOOD.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "folder.md").mkdir()
    return tmp_path


EXPECTED = {
    "binary.md": [("M001", 3)],
    "empty.md": [("M002", 1)],
    "folder.md": [("M001", 1)],
    "good.md": [],
    "latin1.md": [("M001", 2)],
    "list.md": [("M005", 2)],
    "no-front-matter.md": [("M002", 1)],
    "unclosed.md": [("M003", 1)],
    "yaml-error.md": [("M004", 2)],
}


def test_every_bad_file_gets_its_own_finding(tree: Path):
    result = lint_paths([tree], Settings())
    got = {Path(fr.path).name: [(f.code, f.line) for f in fr.findings if f.code.startswith("M")] for fr in result.files}
    assert got == EXPECTED


def test_missing_and_unreadable_paths_via_the_cli(tree: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tree)
    original = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return original(self)

    (tree / "locked.md").write_text(GOOD)
    monkeypatch.setattr(Path, "read_bytes", deny)
    r = CliRunner().invoke(app, ["lint", "nope.md", "locked.md", "good.md", "--format", "json"])
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["files"] == 3
    assert [(f["path"], f["code"], f["message"]) for f in doc["findings"]] == [
        ("nope.md", "M001", "No such file"),
        ("locked.md", "M001", "Permission denied: the file cannot be read"),
    ]


def test_a_directory_walk_never_raises_and_text_output_names_each_file(tree: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tree)
    r = CliRunner().invoke(app, ["lint", "."])
    assert r.exit_code == 1
    assert r.exception is None or isinstance(r.exception, SystemExit)
    for name in EXPECTED:
        if EXPECTED[name]:
            assert name in r.stdout


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_lint_never_raises_on_arbitrary_text(text: str):
    lint_article(parse(Source.from_text("x.md", text)), Settings())


MARKDOWNISH = st.lists(
    st.sampled_from(
        ["---", "title: x", "date: 2024-02-30", "# H", "## H", "### H", "> q", "- item", "1. item", "```", "    code",
         "<div>", "<!-- newsctl: disable -->", "[a](b)", "![](c)", "*e*", "|a|b|", "|-|-|", "", "TK", "the the",
         "Feel free to", "tags: [", "author: &a x", "  - nested", "\t", "\\", "&amp;", "`x", "**", "[", "](", "\r"]
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(MARKDOWNISH)
def test_lint_never_raises_on_markdown_like_documents(text: str):
    findings = lint_article(parse(Source.from_text("x.md", text)), Settings())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for f in findings:
        assert 1 <= f.line <= f.end_line <= lines + 1
        assert f.column >= 1


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_decode_or_raise_source_error(data: bytes):
    try:
        src = Source.from_bytes("x.md", data)
    except SourceError as err:
        assert err.line >= 1 and err.column >= 1 and err.message
        return
    lint_article(parse(src), Settings())


def test_an_inline_footnote_does_not_crash_the_parse():
    """`^[...]` (an inline footnote) makes a paragraph token without source lines (hypothesis found `^[]`)."""
    from newsctl.parse import parse_text

    for text in ("^[]", "---\ntitle: T\n---\n\nFlood^[a note] rose.\n"):
        article = parse_text(text, "a.md")
        assert [b.kind for b in article.blocks] == ["paragraph"]
    assert article.blocks[0].line == 5
