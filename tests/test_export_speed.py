"""Issue 12, export and reports: the faster or streaming code gives the bytes the simple one gave.

- `text.wrap_words` against `textwrap.wrap` (which it replaces) on generated text;
- `html.copy_tokens` copies every field markdown-it's Token has;
- a ninjs article's bodies, now made from one set of tokens, against each body rendered alone;
- `jsonstream.ListWriter` against `json.dumps` of the whole document;
- `text.strip_tags` (split into text nodes) against its former match-by-match definition,
  `text.collapse` (str.replace) against the regex substitution, and `ninjs.dumps_indented`
  against `json.dumps(indent=2)`;
- outline and readability reports written as the articles arrive against the renderers given
  the whole list (every format, an unreadable file among them, to stdout and to a file).
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from tests.bench.corpus import write_corpus

ARTICLES = Path(__file__).resolve().parents[1] / "articles"


def test_wrap_words_is_textwrap_wrap():
    from newsctl.export.text import wrap_words

    rng = random.Random(12)
    words = ["a", "to", "word", "river", "infrastructure", "x" * 23, "é", "--", "well-known", "9", "z" * 10]
    odd = ["\xa0", "a\xa0b", "\u2003", "\x1c", "\u3000x"]  # whitespace textwrap treats specially
    checked = 0
    for _ in range(20000):
        pool = words + odd if rng.random() < 0.2 else words
        segment = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        segment = re.sub(r"[ \t\n\r\f\v]+", " ", segment).strip()  # as _Writer.wrap makes it
        if not segment:
            continue
        width = rng.randint(10, 80)
        expected = textwrap.wrap(segment, width=width, break_long_words=False, break_on_hyphens=False)
        assert wrap_words(segment, width) == expected, (segment, width)
        checked += 1
    assert checked > 19000


def test_copy_tokens_copies_every_field_of_a_token():
    from markdown_it.token import Token

    from newsctl.export.html import copy_tokens

    names = [f.name for f in dataclasses.fields(Token)]
    # a markdown-it release that adds a field must add it to copy_tokens too
    assert names == ["type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup", "info",
                     "meta", "block", "hidden"]
    tok = Token("link_open", "a", 1, attrs={"href": "x"}, map=[1, 2], level=3, content="c", markup="m", info="i",
                meta={"k": [1]}, block=True, hidden=True, children=[Token("text", "", 0, content="t")])
    (twin,) = copy_tokens([tok])
    assert twin == tok
    assert twin.attrs is not tok.attrs and twin.map is not tok.map and twin.meta["k"] is not tok.meta["k"]
    assert twin.children is not tok.children and twin.children[0] is not tok.children[0]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"smart": False},
        {"ascii": True},
        {"allow_raw_html": True},
        {"base_url": "https://example.com/news/", "width": 40},
    ],
)
def test_ninjs_bodies_from_shared_tokens_equal_each_body_rendered_alone(options):
    from newsctl.export import ExportOptions, html, ninjs, text
    from newsctl.export.common import default_name, prepare, safe_name
    from newsctl.parse import parse_file, parse_text

    opts = ExportOptions(**options)
    paths = sorted(ARTICLES.glob("*.md"))
    articles = [parse_file(p) for p in paths]
    raw = "---\ntitle: Raw\n---\n\nA <b id=\"x\">bold</b> [link](other.md) \"quoted\" -- and ![pic](a.png).\n\n## X {#x}\n\n<div>\nblock\n</div>\n"
    articles.append(parse_text(raw, "raw.md"))
    assert articles
    for article in articles:
        doc = prepare(article, safe_name(default_name(article)), opts)
        bodies = ninjs.build(doc, opts)["bodies"]
        alone_html = html.render_body(article, opts)
        alone_text = text.render_body(doc, opts)
        # (the heading ids' random mark is removed by the sanitizer: the same body on every run)
        assert bodies[0]["value"] == alone_html, article.path
        assert bodies[1]["value"] == alone_text, article.path
        assert bodies[0]["charCount"] == len(text.strip_tags(alone_html))


def test_list_writer_writes_what_json_dumps_writes():
    from newsctl.report.jsonstream import ListWriter

    rng = random.Random(3)

    def value(depth: int = 0):
        kind = rng.randrange(7 if depth < 3 else 4)
        if kind == 0:
            return rng.choice([None, True, False])
        if kind == 1:
            return rng.choice([0, -3, 1.5, 1e20, 2.25])
        if kind in (2, 3):
            return rng.choice(["", "é “q”", "line\nbreak", "\x00", "tab\t", "\u2028", "[]", "{\n}"])
        if kind == 4:
            return [value(depth + 1) for _ in range(rng.randrange(3))]
        return {f"k{i}": value(depth + 1) for i in range(rng.randrange(3))}

    for _ in range(300):
        head = {"version": value(), "settings": value()}
        items = [value() for _ in range(rng.randrange(4))]
        tail = {"errors": value()}
        doc = {**head, "articles": items, **tail}
        parts: list[str] = []
        writer = ListWriter(parts.append, "articles")
        writer.start({**head, "articles": [], **tail})
        for item in items:
            writer.add(item)
        writer.finish(doc)
        assert "".join(parts) == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stream")
    write_corpus(root, 7)
    (root / "2020" / "broken.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n\nBody.\n")  # unreadable
    (root / "2020" / "empty.md").write_text("---\ntitle: Nothing here\n---\n", "utf-8")
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


def _files(root: Path) -> list[tuple[Path, str]]:
    return [(p, str(p)) for p in sorted(root.rglob("*.md"))]


def _reports(root: Path):
    from newsctl.cli.readability import _measure_file
    from newsctl.settings import load_settings

    settings = load_settings(None)
    results = [_measure_file(item, settings) for item in _files(root)]
    return [r for r, e in results if e is None], [e for r, e in results if e is not None]


@pytest.mark.parametrize(
    "args",
    [["--format", "json"], ["--format", "json", "--index", "smog"], ["--format", "csv"], ["--format", "csv", "--index", "all"],
     ["--format", "text"], ["--format", "text", "--details"], ["--format", "text", "--summary"]],
)
def test_readability_streamed_equals_the_whole_list_rendered(corpus: Path, tmp_path: Path, args: list[str]):
    from newsctl.readability_indices import parse as parse_indices
    from newsctl.report import readability as rr

    from newsctl.settings import load_settings

    reports, errors = _reports(corpus)
    assert len(reports) == 8 and len(errors) == 1
    max_grade = load_settings(None).option("max-grade")
    indices = parse_indices(args[3:] or [])
    fmt = args[1]
    if fmt == "json":
        expected = rr.render_json(reports, max_grade=max_grade, exclude_quotes=True, errors=errors, indices=indices)
    elif fmt == "csv":
        expected = rr.render_csv(reports, max_grade=max_grade, indices=indices)
    else:
        details = {"--details": True, "--summary": False}.get(args[2] if len(args) > 2 else "", None)
        expected = rr.render_text(reports, max_grade=max_grade, details=details, indices=indices)
    for jobs in ("1", "2"):
        code, stdout, stderr = run("readability", "-q", str(corpus), *args, "-j", jobs)
        assert (code, stdout) == (1, expected)
        assert "broken.md:2:" in stderr
    out = tmp_path / "report.out"
    code, stdout, _ = run("readability", "-q", str(corpus), *args, "-o", str(out))
    assert (code, stdout, out.read_text("utf-8")) == (1, "", expected)


def test_readability_one_readable_file_among_several_gets_the_details(tmp_path: Path):
    from newsctl.report import readability as rr

    write_corpus(tmp_path, 1)
    (tmp_path / "bad.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    from newsctl.settings import load_settings

    reports, _ = _reports(tmp_path)
    code, stdout, _ = run("readability", "-q", str(tmp_path))
    assert (code, stdout) == (1, rr.render_text(reports, max_grade=load_settings(None).option("max-grade")))
    assert stdout.count("Section") == 1  # the section table, not the summary line


@pytest.mark.parametrize("fmt", ["json", "markdown", "opml", "tree"])
@pytest.mark.parametrize("extra", [[], ["--depth", "1", "--no-stats"]])
def test_outline_streamed_equals_the_whole_list_rendered(corpus: Path, tmp_path: Path, fmt: str, extra: list[str]):
    from datetime import datetime, timezone

    from newsctl.cli.outline import OutlineFormat, _outline_file, render
    from newsctl.settings import load_settings

    now = "2026-11-28T12:00:00Z"
    settings = load_settings(None)
    depth = int(extra[1]) if extra else None
    results = [_outline_file(item, settings, depth) for item in _files(corpus)]
    outlines = [o for o, e in results if e is None]
    stats = (fmt != "markdown") if not extra else False
    created = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)
    expected = render(outlines, OutlineFormat(fmt), stats=stats, depth=depth, created=created)
    for jobs in ("1", "2"):
        code, stdout, stderr = run("outline", str(corpus), "--format", fmt, "--now", now, "-j", jobs, *extra)
        assert (code, stdout) == (1, expected)
        assert "broken.md:2:" in stderr
    out = tmp_path / "outline.out"
    code, stdout, _ = run("outline", str(corpus), "--format", fmt, "--now", now, "-o", str(out), *extra)
    assert (code, stdout, out.read_text("utf-8")) == (1, "", expected)
    one = outlines[:1]
    code, stdout, _ = run("outline", one[0].path, "--format", fmt, "--now", now, *extra)
    assert (code, stdout) == (0, render(one, OutlineFormat(fmt), stats=stats, depth=depth, created=created))


def test_map_files_without_keep_hands_each_result_on_and_keeps_none():
    from newsctl.engine import map_files

    for jobs in (1, 2):
        seen: list[int] = []
        assert map_files(abs, [-3, 1, -2, 5], jobs=jobs, on_result=seen.append, keep=False) == []
        assert seen == [3, 1, 2, 5]


def test_strip_tags_reads_html_as_html_parser_does():
    from newsctl.export import ExportOptions, html
    from newsctl.export.text import _strip_tags_parsed, strip_tags
    from newsctl.parse import parse_file, parse_text

    samples = [html.render_body(parse_file(p), ExportOptions()) for p in sorted(ARTICLES.glob("*.md"))]
    raw = "A <b title=\"x>y\">b</b> &amp;c &am<i>p;</i> <br/> <P>x</P> <div\nid=\"q\">d</div> &#x41;&lt;"
    samples.append(html.render_body(parse_text(f"---\ntitle: T\n---\n\n{raw}\n"), ExportOptions()))
    samples.append(html.render_body(parse_text(f"---\ntitle: T\n---\n\n{raw}\n"), ExportOptions(allow_raw_html=True)))
    rng = random.Random(5)
    pieces = ["<p>", "</p>", "<br>", "<br/>", "<li>", "text", " ", "\n", "&amp;", "&am", "p;", "&#11;", "&nbsp;", "<",
              ">", "<a href=\"x\">", "</a>", "<script>", "</script>", "x<y", "<!-- c -->", "<b a=b>", "<tr >", "</ tr>",
              "<p/x>", "<STYLE>", "<![ b", "&", "é", "<h2 id=\"a\" title=\"q<r\">", "</h2 >", "<a-b>"]
    samples += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(5000)]
    for sample in samples:
        assert strip_tags(sample) == _strip_tags_parsed(sample), sample


def test_collapse_is_the_whitespace_run_substitution():
    from newsctl.export.text import _SPACES, collapse

    rng = random.Random(9)
    chars = [" ", "  ", "\t", "\n", "\r", "\f", "\v", "\xa0", "a", "b c", "\u2003", "\x85", "\x1c", "\u2028", "\x00", "é"]
    for _ in range(5000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 20)))
        assert collapse(text) == _SPACES.sub(" ", text), repr(text)


def test_collapse_long_runs_and_every_ascii_space_mix():
    from newsctl.export.text import _SPACES, collapse

    rng = random.Random(14)
    for _ in range(3000):
        runs = [rng.choice(" \t\n\r\f\v") * rng.randint(1, 70) for _ in range(rng.randint(1, 6))]
        words = [rng.choice(["", "a", "é\xa0b", "\u2028", "x y"]) for _ in runs]
        text = "".join(w + r for w, r in zip(words, runs))
        assert collapse(text) == _SPACES.sub(" ", text), repr(text)


_FORMER_SIMPLE_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:\s+[^\s"\'<>/=]+(?:="[^"]*")?)*\s*/?>')


def _former_strip_tags(html_text: str) -> str:
    """text.strip_tags before issue 12's second pass: the tags matched one by one."""
    from html import unescape

    from newsctl.export.text import _SPACES, _strip_tags_parsed

    parts: list[str] = []
    end = 0
    for m in _FORMER_SIMPLE_TAG.finditer(html_text):
        text = html_text[end : m.start()]
        if "<" in text:
            return _strip_tags_parsed(html_text)
        if text:
            parts.append(unescape(text) if "&" in text else text)
        name = m.group(2).lower()
        if name in ("script", "style", "iframe", "template", "noscript"):
            return _strip_tags_parsed(html_text)
        if not m.group(1) and name in ("br", "p", "div", "li", "tr"):
            parts.append(" ")
        end = m.end()
    rest = html_text[end:]
    if "<" in rest:
        return _strip_tags_parsed(html_text)
    parts.append(unescape(rest) if "&" in rest else rest)
    return _SPACES.sub(" ", "".join(parts)).strip()


def test_strip_tags_is_its_former_definition():
    from newsctl.export import ExportOptions, html
    from newsctl.export.text import strip_tags
    from newsctl.parse import parse_file

    samples = [html.render_body(parse_file(p), ExportOptions()) for p in sorted(ARTICLES.glob("*.md"))]
    rng = random.Random(15)
    names = ["p", "P", "pre", "br", "BR", "bR", "div", "divx", "li", "link", "tr", "track", "b", "script", "scripts",
             "STYLE", "iframe", "template", "noscript", "noscripts", "h2", "a1", "x"]
    attrs = ["", " ", " id=\"a\"", " title=\"<p>&amp;\"", " a=b", "\n", " /", " x y=\"\"", " = "]
    text = ["", "w", " ", "\n\t", "&amp;", "&am", "p;", "&#11;", "&nbsp;", "<", ">", "é", "&", "  "]
    for _ in range(8000):
        pieces = []
        for _ in range(rng.randint(0, 12)):
            pieces.append(rng.choice(text))
            pieces.append(f"<{rng.choice(['', '/'])}{rng.choice(names)}{rng.choice(attrs)}{rng.choice(['>', '/>', ''])}")
        samples.append("".join(pieces))
    for sample in samples:
        assert strip_tags(sample) == _former_strip_tags(sample), sample


def test_dumps_indented_is_json_dumps_with_indent():
    from newsctl.export.ninjs import dumps_indented

    rng = random.Random(16)
    strings = ["", "a", "é\"\\\n\t\x00\x7f\x85\u2028", "\ud800", "😀", "key"]

    def value(depth: int) -> object:
        kind = rng.randint(0, 9 if depth < 4 else 5)
        if kind == 0:
            return rng.choice(strings)
        if kind == 1:
            return rng.choice([0, -1, 2**70, True, False, None])
        if kind == 2:
            return rng.choice([1.5, float("nan"), float("inf"), -0.0])  # json.dumps writes these
        if kind in (3, 4, 5):
            return rng.choice(strings) * rng.randint(0, 3)
        if kind in (6, 7):
            return {rng.choice(strings) + str(k): value(depth + 1) for k in range(rng.randint(0, 4))}
        if kind == 8:
            return (value(depth + 1), value(depth + 1))
        return [value(depth + 1) for _ in range(rng.randint(0, 4))]

    for _ in range(3000):
        data = value(0)
        assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2), data
    assert dumps_indented({1: "a", "b": [{}]}) == json.dumps({1: "a", "b": [{}]}, ensure_ascii=False, indent=2)


def test_strip_controls_skips_only_text_without_a_control():
    """strip_controls returns printable text as it is: no character CONTROLS removes is printable."""
    import sys

    from newsctl.export.controls import CONTROLS, strip_controls

    removed = CONTROLS.findall("".join(map(chr, range(sys.maxunicode + 1))))
    assert len(removed) == 62 and not any(char.isprintable() for char in removed)
    for text in ["plain é “quoted”", "a\x0bb", "\x85", "tab\there", "del\x7f", "x\x9f"]:
        assert strip_controls(text) == CONTROLS.sub(lambda m: " " if m.group() in "\x0b\x0c\x85" else "", text)


def _former_strip_controls(text: str, json_text: bool = False, html: bool = False) -> str:
    """controls.strip_controls before issue 12's second pass."""
    from newsctl.export.controls import _CHAR_REF, _JSON_ESCAPE, CONTROLS, _char_ref, _control, _json_escape

    if json_text and ("\\u" in text or "\\b" in text or "\\f" in text):
        text = _JSON_ESCAPE.sub(_json_escape, text)
    if html and "&#" in text:
        text = _CHAR_REF.sub(_char_ref, text)
    return CONTROLS.sub(lambda m: _control(m.group()), text)


def test_strip_controls_is_its_former_definition():
    from newsctl.export.controls import strip_controls

    rng = random.Random(17)
    pieces = ["a", " ", "\n", "\n\n", "é", "“", "\xa0", "\u2028", "\t", "\r", "\x0b", "\x0c", "\x85", "\x00", "\x7f",
              "\x9f", "\\", "\\\\", "\\u000b", "\\u0041", "\\b", "\\f", "\\n", "\\\"", "&#11;", "&#x0c;", "&#65;", "&amp;#11;",
              "u", "b", "f"]
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for json_text, html in ((False, False), (True, False), (False, True)):
            assert strip_controls(text, json_text, html) == _former_strip_controls(text, json_text, html), repr(text)


def test_printable_text_has_no_whitespace_but_the_space():
    """What `_Writer.wrap` and `strip_controls` rely on: a printable string has no control and no
    whitespace character but " " (so no other space for wrap_words or str.strip to find)."""
    import sys

    from newsctl.export.text import _OTHER_SPACE

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    others = _OTHER_SPACE.findall(everything) + [c for c in everything if c.isspace() and c != " "]
    assert "\xa0" in others and "\u3000" in others and "\x1c" in others
    assert not any(c.isprintable() for c in others)


def test_writer_wrap_is_its_former_definition():
    from newsctl.export import ExportOptions
    from newsctl.export.text import _SPACES, _Writer, wrap_words

    def former(text: str, width: int) -> list[str]:
        lines: list[str] = []
        for segment in text.split("\n"):
            segment = _SPACES.sub(" ", segment).strip()
            if segment:
                lines.extend(wrap_words(segment, max(width, 10)))
        return lines

    writer = _Writer(ExportOptions())
    rng = random.Random(18)
    pieces = ["word", "a", "x" * 15, " ", "  ", "\n", "\t", "\xa0", "a\xa0b", "\u2003", "\x1c", "é", "“q”", "\x85", "\u2028"]
    for _ in range(10000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        width = rng.randint(1, 50)
        assert writer.wrap(text, width) == former(text, width), (text, width)


# --- issue 12, third pass (ninjs against html) ---------------------------------------------------

_HTML_PIECES = ["<p>", "</p>", "<br>", "<li>", "</li>", "<tr>", "<div>", "<em>", "</em>", "<h2 id=\"a\">", "</h2>",
                "<a href=\"x\" title=\"a>b\">", "</a>", "<script>", "</script>", "<!-- c -->", "<", ">", "&amp;", "&am",
                "p;", "&nbsp;", "&#11;", "&", "text", "w", "é", "“q”", " ", "  ", "\n", "\n\n", "\t", "\r", "\f", "\v",
                "\xa0", "\u2003", "\x1c", "\x85", "\u2028", "\u3000", "\ud800"]


def test_text_length_is_the_length_of_strip_tags():
    """`text.text_length` (a ninjs body's charCount) counts what `strip_tags` would make."""
    from newsctl.export import ExportOptions, html
    from newsctl.export.text import strip_tags, text_length
    from newsctl.parse import parse_file

    samples = [html.render_body(parse_file(p), ExportOptions()) for p in sorted(ARTICLES.glob("*.md"))]
    samples += ["", " ", "\xa0 \n x \t\xa0", "a  b", "a \n\t b", "<p>a</p>\n<p>b</p>", "\u3000<br>\u3000"]
    rng = random.Random(19)
    samples += ["".join(rng.choice(_HTML_PIECES) for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    for sample in samples:
        assert text_length(sample) == len(strip_tags(sample)), repr(sample)


def test_encode_long_is_json_string_encoding_or_declines():
    """`ninjs._encode_long` writes what json's encoder writes, or returns None; when it writes,
    the string holds no character `controls.CONTROLS` removes."""
    from json.encoder import encode_basestring

    from newsctl.export.controls import CONTROLS
    from newsctl.export.ninjs import _encode_long

    rng = random.Random(20)
    specials = ["\\", "\\\\", '"', "\n", "\\n", "\\u000b", "\t", "\r", "\b", "\f", "\x00", "\x0b", "\x1f", "\x7f", "\x80",
                "\x85", "\x9f", "\xa0", "\xbf", "\xc2", "\u0100", "\u2028", "\ud800", "\udfff", "😀", "é", "“", "<a href=\"x\">"]
    words = ["word", " ", "text"]
    declined = written = 0
    for _ in range(20000):
        value = "".join(rng.choice(specials if rng.random() < 0.3 else words) for _ in range(rng.randint(0, 40)))
        encoded = _encode_long(value)
        if encoded is None:
            declined += 1
            assert CONTROLS.search(value) or any(c < " " and c != "\n" for c in value) or re.search("[\ud800-\udfff]", value)
        else:
            written += 1
            assert encoded == encode_basestring(value), repr(value)
            assert not CONTROLS.search(value), repr(value)
    assert declined > 1000 and written > 1000  # both ways taken
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert _encode_long(every) is None
    no_controls = CONTROLS.sub("", every).replace("\t", "").replace("\r", "")
    assert _encode_long(no_controls) == encode_basestring(no_controls)


def _former_ninjs_document(doc, options) -> str:
    """What render_doc made of a ninjs document before issue 12's third pass: json.dumps, then
    strip_controls over the whole JSON text."""
    from newsctl.export import ninjs
    from newsctl.export.common import transliterate, transliterate_data
    from newsctl.export.controls import strip_controls

    data = ninjs.build(doc, options)
    if options.ascii:
        data = transliterate_data(data)
    text = strip_controls(json.dumps(data, ensure_ascii=False, indent=2) + "\n", json_text=True)
    return transliterate(text) if options.ascii else text


@pytest.mark.parametrize("options", [{}, {"ascii": True}, {"smart": False, "base_url": "https://example.com/n/"}])
def test_ninjs_document_is_json_dumps_with_controls_stripped(options):
    """The ninjs document leaves the whole-text control filter out only when it has nothing to
    do: articles full of control characters (raw, as references and as escapes) give the bytes
    json.dumps + strip_controls gave."""
    from newsctl.export import ExportOptions, ninjs, render_doc
    from newsctl.export.common import default_name, prepare, safe_name
    from newsctl.export.controls import strip_controls
    from newsctl.parse import parse_file, parse_text

    opts = ExportOptions(**options)
    articles = [parse_file(p) for p in sorted(ARTICLES.glob("*.md"))]
    rng = random.Random(21)
    pieces = ["word", " ", "\t", "\x0b", "\x0c", "\x85", "\x9f", "\x80", "\x7f", "\x01", "\x1f", "\xa0", "é", '"', "\\",
              "\\u000b", "&#11;", "&#x85;", "&amp;#11;", "<b>b</b>", "*em*", "`c\x0bd`", "[l](http://x.org/a\x0bb)",
              "\u2028", "\x1c", "😀", "\r"]
    names = ["", "\\x01", "\\x7f", "\\x9f", "\\x85", "\\v", "\\b", "\\u2028", "é"]  # YAML escapes
    for i in range(150):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 200 if i % 2 else 20)))
        title = "".join(rng.choice(["w", " ", "é", "\\v", "\\x85", "\\t", "\\\\"]) for _ in range(rng.randint(1, 9)))
        articles.append(parse_text(f"---\ntitle: \"T {title}\"\nauthor: \"A{rng.choice(names)}\"\nsummary: \"s{rng.choice(names)}\"\ntags: [\"t{rng.choice(names)}\"]\n---\n\n{line}\n\n- {line[::-1]}\n", f"n{i}.md"))
    guarded = 0
    for article in articles:
        doc = prepare(article, safe_name(default_name(article)), opts)
        former = _former_ninjs_document(doc, opts)
        assert render_doc(doc, "ninjs", opts) == former, article.path
        plain = json.dumps(ninjs.build(doc, opts), ensure_ascii=False, indent=2)
        guarded += strip_controls(plain, json_text=True) != plain
    assert guarded > 50  # the strings that reach the JSON do hold control characters


def test_ninjs_and_text_make_neither_the_title_html_nor_the_characters():
    """The title's HTML and the character count are made when html asks for them, not before:
    ninjs reads `ExportDoc.words`, which is the count `text.article_counts` gives."""
    from newsctl.export import ExportOptions, render_doc
    from newsctl.export.common import default_name, prepare, render_title, safe_name
    from newsctl.parse import parse_file
    from newsctl.text import article_counts

    paths = sorted(ARTICLES.glob("*.md")) + sorted((ARTICLES.parent / "tests" / "golden").rglob("*.md"))
    assert len(paths) > 3
    for path in paths:
        article = parse_file(path)
        for options in (ExportOptions(), ExportOptions(smart=False)):
            try:
                doc = prepare(article, safe_name(default_name(article)), options)
            except Exception:  # an article the golden tests expect to fail
                continue
            for fmt in ("ninjs", "text"):
                render_doc(doc, fmt, options)
            assert "title_html" not in doc.__dict__ and "counts" not in doc.__dict__
            assert doc.words == article_counts(article).words
            assert doc.title_html == render_title(article.meta.title, options.smart, article.meta.lang)[0]
            assert doc.counts == article_counts(article)
            render_doc(doc, "html", options)


@pytest.mark.parametrize("ascii_", [False, True])
def test_writer_paragraph_is_wrap_of_inline(ascii_):
    """`_Writer.paragraph` (one scan of each kind for a plain paragraph) is `wrap(inline(...))`."""
    from newsctl.export import ExportOptions
    from newsctl.export.text import _Writer
    from newsctl.parse import parse_text

    rng = random.Random(22)
    pieces = ["word", "a", "x" * 30, " ", "  ", "\n", "\t", "\xa0", "\u2003", "\x1c", "é", "“q”", "\x0b", "\x85", "\x7f",
              "*em*", "`c  d`", "[l](http://x.org/)", "![i](p.png)", "\\\n", "  \n", "&nbsp;", "&#11;"]
    paragraphs = 0
    for k in range(600):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        article = parse_text(f"---\ntitle: T\n---\n\n{body}\n", f"p{k}.md")
        writer = _Writer(ExportOptions(ascii=ascii_))
        for i, tok in enumerate(article.tokens):
            if tok.type == "inline" and article.tokens[i - 1].type == "paragraph_open":
                width = rng.randint(1, 80)
                assert writer.paragraph(tok.children or [], width) == writer.wrap(writer.inline(tok.children or []), width)
                paragraphs += 1
    assert paragraphs > 500
