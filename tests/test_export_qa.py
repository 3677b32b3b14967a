"""QA regressions: control characters, duplicate ids, template errors, a file named twice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.export import ExportError, ExportOptions, render_article
from newsctl.export.feeds import FeedOptions, render_articles
from newsctl.parse import parse_text
from tests.export_helpers import BASE_URL, run_vnu

NOW = "2024-03-07T12:00:00Z"
# Every control character the exporters must not emit (tab, newline and CR are kept).
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]]
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# A Word paste: vertical tab (manual line break), bell, escape, DEL, NEL, a C1 control; in
# the body, a code span, a fenced block, raw HTML (text and a numeric reference) and the
# front matter (YAML escapes: \v, \N is NEL, \x7f).
WORD = (
    "---\n"
    'title: "Pasted\\vfrom Word\\N\\x7f"\n'
    "date: 2024-03-06T18:00:00Z\n"
    "author: Jane Doe\n"
    'summary: "Sum\\amary"\n'
    "tags: [\"a\\eb\"]\n"
    "---\n\n"
    "Pasted from Word:\x0bline two.\n\n"
    "Bell\x07 escape\x1b del\x7f nel\x85 c1\x9f end `co\x0bde`.\n\n"
    "```\nfenced\x0bcode\x7f\n```\n\n"
    "<p>raw\x0bhtml &#11; &#127; &#x85;</p>\n"
)


def word_article():
    return parse_text(WORD, "word.md")


def test_strip_controls() -> None:
    from newsctl.export.common import strip_controls

    assert strip_controls("a\tb\nc\rd") == "a\tb\nc\rd"
    # line-break controls (VT, FF, NEL) become a space, the others go
    assert strip_controls("Word:\x0bline\x0cpage\x85next") == "Word: line page next"
    assert strip_controls("".join(CONTROLS)) == "   "
    assert strip_controls("caf\u00e9 \u00a0 \u2028 \U0001f600") == "caf\u00e9 \u00a0 \u2028 \U0001f600"


def test_strip_controls_in_json_text_keeps_escaped_backslashes() -> None:
    from newsctl.export.common import strip_controls

    text = json.dumps({"a": "x\x0by\x07z\x7f\\u000b\\b", "b": ["\f", "\x85"]}, ensure_ascii=False)
    cleaned = strip_controls(text, json_text=True)
    assert json.loads(cleaned) == {"a": "x yz\\u000b\\b", "b": [" ", " "]}


@pytest.mark.parametrize(
    "options",
    [ExportOptions(), ExportOptions(base_url=BASE_URL), ExportOptions(fragment=True), ExportOptions(allow_raw_html=True)],
)
def test_html_export_has_no_control_characters(options: ExportOptions) -> None:
    text = render_article(word_article(), "html", options)
    assert not FORBIDDEN.search(text)
    assert "Pasted from Word: line two." in text
    assert "Bell escape del nel  c1 end <code>co de</code>." in text
    if not options.fragment:
        html5lib.HTMLParser(strict=True).parse(text)  # raises "Invalid codepoint" on a control
        assert "<title>Pasted from Word" in text
        assert '"headline": "Pasted from Word "' in text  # the JSON-LD too, not as \u000b escapes


def test_text_and_ninjs_have_no_control_characters() -> None:
    text = render_article(word_article(), "text", ExportOptions())
    assert not FORBIDDEN.search(text)
    assert text.startswith("Pasted from Word\nBy Jane Doe\n")
    assert "    fenced code\n" in text
    raw = render_article(word_article(), "ninjs", ExportOptions())
    assert not FORBIDDEN.search(raw)
    assert not re.search(r"\\u00[01][0-9a-f]|\\u007f|\\[bf]", raw)
    data = json.loads(raw)
    strings: list[str] = []

    def walk(v: object) -> None:
        if isinstance(v, str):
            strings.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(data)
    assert strings and not any(FORBIDDEN.search(s) for s in strings)
    assert data["headlines"][0]["value"] == "Pasted from Word "
    assert data["subjects"] == [{"name": "ab", "rel": "about"}]


def test_ninjs_html_body_with_raw_html_allowed_has_no_control_references() -> None:
    data = json.loads(render_article(word_article(), "ninjs", ExportOptions(allow_raw_html=True)))
    assert data["bodies"][0]["value"].endswith("<p>raw html     </p>\n")


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_feeds_have_no_control_characters(fmt: str) -> None:
    text = render_articles([word_article()], fmt, FeedOptions(base_url=BASE_URL, title="Feed\x85\x07"))
    assert not FORBIDDEN.search(text)
    assert not re.search(r"\\u00[01][0-9a-f]|\\u007f", text)
    assert "Pasted from Word: line two." in text


def test_cli_export_of_a_word_paste_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("word.md").write_text(WORD, encoding="utf-8")
    r = CliRunner().invoke(app, ["export", "word.md", "-d", "o", "--now", NOW])
    assert r.exit_code == 0, r.stderr
    page = Path("o/word.html").read_text("utf-8")
    assert not FORBIDDEN.search(page)
    html5lib.HTMLParser(strict=True).parse(page)


# --- duplicate ids -------------------------------------------------------------------------

DUP = (
    "---\ntitle: Ids\n---\n\nLead.\n\n## Reaction\n\n"
    '<a id="reaction"></a>See the [reaction](#reaction).\n\n'
    '<span id="note">one</span> <span id="note">two</span> <span id="">e</span> <span id="a b">w</span>\n\n'
    '<p id="later">x</p>\n\n## Later\n'
)


def test_raw_html_ids_never_duplicate_heading_anchors() -> None:
    body = render_article(parse_text(DUP), "html", ExportOptions(fragment=True))
    assert body == (
        "<p>Lead.</p>\n"
        '<h2 id="reaction">Reaction</h2>\n'
        '<p><a></a>See the <a href="#reaction">reaction</a>.</p>\n'
        '<p><span id="note">one</span> <span>two</span> <span>e</span> <span>w</span></p>\n'
        "<p>x</p>\n"
        '<h2 id="later">Later</h2>\n'
    )
    ids = re.findall(r'\sid="([^"]*)"', body)
    assert len(ids) == len(set(ids))


def test_an_id_that_holds_a_control_character_is_judged_after_stripping_it() -> None:
    source = '---\ntitle: T\n---\n\n<span id="a&#11;b">x</span><span id="c\x07d">y</span>\n'
    body = render_article(parse_text(source), "html", ExportOptions(fragment=True))
    assert body == '<p><span>x</span><span id="cd">y</span></p>\n'


def test_raw_html_cannot_forge_a_heading_anchor() -> None:
    body = render_article(parse_text("---\ntitle: T\n---\n\n<h2 id=\"reaction\">Fake</h2>\n\n## Reaction\n"), "html", ExportOptions(fragment=True))
    assert body == '<h2>Fake</h2>\n<h2 id="reaction">Reaction</h2>\n'


def test_duplicate_ids_page_passes_the_nu_checker(tmp_path: Path) -> None:
    files = []
    for name, source in (("dup", DUP), ("word", WORD)):
        out = tmp_path / f"{name}.html"
        out.write_text(render_article(parse_text(source), "html", ExportOptions()), encoding="utf-8")
        files.append(str(out))
    errors, status = run_vnu(files)
    assert errors == []
    assert status == 0


# --- templates -----------------------------------------------------------------------------


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("e", "g"):
        Path(f"{name}.md").write_text(f"---\ntitle: {name}\ndate: 2024-03-06\n---\n\nBody {name}.\n", encoding="utf-8")
    return tmp_path


def export(*args: str):
    result = CliRunner().invoke(app, ["export", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_template_syntax_error_is_a_usage_error(two: Path) -> None:
    Path("syn.j2").write_text("<p>\n{% for x in %}\n", encoding="utf-8")
    r = export("e.md", "g.md", "-d", "o", "--template", "syn.j2", "--now", NOW)
    assert r.exit_code == 2
    assert r.stderr.startswith("newsctl: error: syn.j2:2: ")
    assert r.stderr.count("\n") == 1
    assert not Path("o").exists()


def test_undecodable_template_is_a_usage_error(two: Path) -> None:
    Path("bin.j2").write_bytes(b"line one\nbad \xff byte\n")
    r = export("e.md", "-o", "-", "--template", "bin.j2", "--now", NOW)
    assert r.exit_code == 2
    assert r.stderr == "newsctl: error: bin.j2:2: not valid UTF-8 (byte 0xff at column 5)\n"
    assert r.stdout == ""


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        ("<p>\n{{ no_such_variable }}\n", 2, "'no_such_variable' is undefined"),
        ("a\nb\n{{ 1 // 0 }}\n", 3, "ZeroDivisionError: integer division or modulo by zero"),
    ],
)
def test_template_runtime_errors_fail_the_article_and_name_the_line(two: Path, source: str, line: int, message: str) -> None:
    Path("run.j2").write_text(source, encoding="utf-8")
    r = export("e.md", "g.md", "-d", "o", "--template", "run.j2", "--now", NOW)
    assert r.exit_code == 1
    assert f"  e.md: template run.j2:{line}: " in r.stderr
    assert f"  g.md: template run.j2:{line}: " in r.stderr
    assert message in r.stderr
    assert "internal error" not in r.stderr


def test_runtime_error_in_an_included_template_names_that_file(two: Path) -> None:
    Path("inc.j2").write_text("ok\n{{ title }}\n{{ missing }}\n", encoding="utf-8")
    Path("main.j2").write_text("{% include 'inc.j2' %}\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"inc\.j2:3: 'missing' is undefined"):
        render_article(parse_text("---\ntitle: T\n---\nB.\n"), "html", ExportOptions(template="main.j2"))


# --- the same file named twice ---------------------------------------------------------------


def test_same_file_named_twice_is_exported_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "cr.md").write_text("---\ntitle: CR\ndate: 2024-03-06\n---\n\nBody.\n", encoding="utf-8")
    monkeypatch.chdir(d)
    r = export("../d/cr.md", "./cr.md", str(d / "cr.md"), "-d", "o", "--now", NOW)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == "Exported 1 article (html) to o/, skipped 0, failed 0.\n"
    assert sorted(p.name for p in (d / "o").iterdir()) == ["cr.html"]
    # one article, even when named twice: --output accepts it
    r = export("../d/cr.md", "cr.md", "-o", "-", "--format", "text", "--now", NOW)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("CR\n")


def test_same_file_named_twice_is_one_feed_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "d"
    d.mkdir()
    (d / "cr.md").write_text("---\ntitle: CR\ndate: 2024-03-06\n---\n\nBody.\n", encoding="utf-8")
    (d / "link.md").symlink_to(d / "cr.md")
    monkeypatch.chdir(d)
    r = CliRunner().invoke(app, ["feed", "../d/cr.md", "cr.md", "link.md", "-f", "json", "--base-url", BASE_URL, "--now", NOW])
    assert r.exit_code == 0, r.stderr
    assert [i["id"] for i in json.loads(r.stdout)["items"]] == [BASE_URL + "cr.html"]
    assert r.stderr.startswith("Feed (json): 1 entry written to standard output, skipped 0, failed 0.")


# --- one writer ------------------------------------------------------------------------------


def test_single_article_output_and_feed_output_use_the_atomic_writer(two: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsctl.atomic

    calls: list[Path] = []
    real = newsctl.atomic.write_atomic

    def spy(target: Path, data: str | bytes) -> None:
        calls.append(target)
        real(target, data)

    monkeypatch.setattr(newsctl.atomic, "write_atomic", spy)
    assert export("e.md", "-o", "page.html", "--now", NOW).exit_code == 0
    r = CliRunner().invoke(app, ["feed", "e.md", "--base-url", BASE_URL, "-o", "feed.xml", "--now", NOW])
    assert r.exit_code == 0, r.stderr
    assert calls == [two.resolve() / "page.html", two.resolve() / "feed.xml"]


def test_fractional_seconds_are_valid_html_time_values():
    from datetime import datetime, timezone

    from newsctl.export.common import iso

    assert iso(datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=timezone.utc)) == "2026-03-01T09:00:00.123Z"
    assert iso(datetime(2026, 3, 1, 9, 0, 0, tzinfo=timezone.utc)) == "2026-03-01T09:00:00Z"
