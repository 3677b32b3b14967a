"""Issue 15: inputs that used to abort a batch with a traceback, each reproduced as found."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.engine import lint_paths
from newsctl.settings import Settings

NOW = "2026-11-28T12:00:00Z"
HEAD = "---\ntitle: Council approves budget\ndate: 2026-11-20\nauthor: Jane Roe\nsummary: The council approved it.\n"
BODY = "---\n\n# Council approves budget\n\nThe council approved the budget on Tuesday. It passed by six votes.\n"
GOOD = HEAD + BODY


def _write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    return tmp_path


def _findings(tmp_path: Path, name: str, code: str) -> list[tuple[int, int, str]]:
    result = lint_paths([tmp_path], Settings())
    return [(f.line, f.column, f.message) for fr in result.files if fr.path.endswith(name) for f in fr.findings if f.code == code]


@pytest.mark.parametrize(
    ("char", "shown", "column"),
    [("\x01", "U+0001", 13), ("\x9f", "U+009F", 13), ("\x7f", "U+007F", 13), ("\ufffe", "U+FFFE", 13), ("\uffff", "U+FFFF", 13)],
)
def test_character_yaml_refuses_is_a_finding_with_its_position(tmp_path: Path, char: str, shown: str, column: int) -> None:
    _write(tmp_path, {"bad.md": HEAD.replace("Jane Roe", f"Jane{char}Roe") + BODY, "good.md": GOOD})
    found = _findings(tmp_path, "bad.md", "M004")
    assert found == [(4, column, f"Invalid YAML in front matter: character {shown} is not allowed (a control or non-character)")]


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [
        ("yaml.md", HEAD + "count: " + "9" * 5000 + "\n" + BODY, 6, 8),
        ("yaml-small.md", HEAD + "count: " + "9" * 101 + "\n" + BODY, 6, 8),
        ("toml.md", '+++\ntitle = "Council approves"\ncount = ' + "9" * 5000 + "\n+++\n\nBody text here.\n", 3, 9),
        ("json.md", '{\n"title": "Council approves",\n"count": ' + "9" * 5000 + "\n}\n\nBody text here.\n", 3, 10),
    ],
)
def test_huge_integer_is_a_finding_not_a_traceback(tmp_path: Path, name: str, text: str, line: int, column: int) -> None:
    _write(tmp_path, {name: text, "good.md": GOOD})
    found = _findings(tmp_path, name, "M006")
    assert found == [(line, column, "A number in the front matter has more than 100 digits; the limit is 100")]


def test_a_hundred_digit_integer_is_still_read(tmp_path: Path) -> None:
    _write(tmp_path, {"ok.md": HEAD + "count: " + "9" * 100 + "\n" + BODY})
    assert _findings(tmp_path, "ok.md", "M006") == []


SURROGATE_YAML = HEAD.replace("title: Council approves budget", 'title: "Council \\uD800 approves"') + BODY
SURROGATE_JSON = '{\n"title": "Council \\ud800 approves",\n"date": "2026-11-20"\n}\n\n# Council\n\nBody text here.\n'


@pytest.mark.parametrize(("name", "text", "column"), [("y.md", SURROGATE_YAML, 17), ("j.md", SURROGATE_JSON, 19)])
@pytest.mark.parametrize(
    "command",
    [["outline"], ["readability"], ["export", "--format", "html"], ["export", "--format", "text"], ["export", "--format", "ninjs"]],
)
def test_lone_surrogate_escape_reads_as_replacement_character(tmp_path: Path, name: str, text: str, column: int, command: list[str]) -> None:
    _write(tmp_path, {name: text})
    assert _findings(tmp_path, name, "M004") == [
        (2, column, "An escape in the front matter is half of a surrogate pair (like \\uD800), not a character; it reads as U+FFFD")
    ]
    out = tmp_path / "out"
    args = [*command, str(tmp_path / name)]
    if command[0] == "export":
        args += ["-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8") if command[0] == "export" else result.output
    assert "Council \ufffd approves" in written


@pytest.mark.parametrize("fmt", ["opml", "json", "markdown", "tree"])
def test_dates_at_both_ends_of_the_range_in_every_outline_format(tmp_path: Path, fmt: str) -> None:
    _write(
        tmp_path,
        {
            "late.md": GOOD.replace("2026-11-20", "9999-12-31T23:30:00-05:00"),
            "early.md": GOOD.replace("2026-11-20", "0001-01-01T00:30:00+05:00"),
        },
    )
    result = CliRunner().invoke(app, ["outline", "--format", fmt, str(tmp_path / "late.md"), str(tmp_path / "early.md")])
    assert result.exit_code == 0, result.output
    if fmt == "opml":
        assert "<dateModified>Fri, 31 Dec 9999 23:30:00 -0500</dateModified>" in result.output


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_feeds_at_both_ends_of_the_range(tmp_path: Path, fmt: str) -> None:
    _write(
        tmp_path,
        {
            "late.md": GOOD.replace("2026-11-20", "9999-12-31T23:30:00-05:00"),
            "early.md": GOOD.replace("2026-11-20", "0001-01-01T00:30:00+05:00"),
        },
    )
    args = ["feed", str(tmp_path), "--format", fmt, "--base-url", "https://e.com/", "--now", "9999-12-31T23:59:00Z", "--include-future"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    text = result.output
    if fmt == "rss":
        assert "<pubDate>Fri, 31 Dec 9999 23:30:00 -0500</pubDate>" in text
        assert "<pubDate>Mon, 01 Jan 0001 00:30:00 +0500</pubDate>" in text
    elif fmt == "atom":
        assert "<published>9999-12-31T23:30:00-05:00</published>" in text
        assert "<published>0001-01-01T00:30:00+05:00</published>" in text
    else:
        dates = sorted(i["date_published"] for i in json.JSONDecoder().raw_decode(text[text.index("{") :])[0]["items"])
        assert dates == ["0001-01-01T00:30:00+05:00", "9999-12-31T23:30:00-05:00"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [("<![", "<!["), ("<div><![</div>after", "after"), ("<p>a <![ b</p> c", "a c"), ("<![CDATA[x]]>y", "y")],
)
def test_text_tag_stripper_reads_bogus_marked_sections_as_html_does(html: str, expected: str) -> None:
    from newsctl.export.text import strip_tags

    assert strip_tags(html) == expected


def test_html_block_with_marked_section_exports_as_text(tmp_path: Path) -> None:
    _write(tmp_path, {"a.md": GOOD + "\n<div><![</div>\n\nAfter.\n"})
    out = tmp_path / "a.txt"
    result = CliRunner().invoke(app, ["export", "--format", "text", str(tmp_path / "a.md"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").endswith("It passed by six votes.\n\nAfter.\n")


# --- settings: globs and numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('exclude = ["[z-a].md"]', "key 'exclude': bad character class '[z-a]' in '[z-a].md': bad character range z-a"),
        ('exclude = ["drafts/[].md"]', "key 'exclude': empty character class '[]' in 'drafts/[].md'"),
        ('exclude = ["[!].md"]', "key 'exclude': empty character class '[!]' in '[!].md'"),
        ('per-file-ignores = { "[z-a]" = ["S001"] }', "key 'per-file-ignores': bad character class '[z-a]' in '[z-a]': bad character range z-a"),
        ("max-grade = nan", "key 'max-grade': must be a finite number, got nan"),
        ("max-grade = inf", "key 'max-grade': must be a finite number, got inf"),
        ("max-grade = 1e400", "key 'max-grade': must be a finite number, got inf"),
        ("max-sentence-words = " + "9" * 200, "key 'max-sentence-words': must be at most 1,000,000,000, got a number with 200 digits"),
        ("max-sentence-words = " + "9" * 5000, "key 'max-sentence-words': a number with 5,000 digits; settings numbers are at most 1,000,000,000"),
    ],
)
def test_bad_glob_or_number_in_settings_is_exit_2_with_file_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, message: str) -> None:
    _write(tmp_path, {"a.md": GOOD})
    (tmp_path / "newsctl.toml").write_text(line + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["lint", "--now", NOW, "a.md"])
    assert result.exit_code == 2
    assert f"{tmp_path / 'newsctl.toml'}:1: {message}" in " ".join(result.output.split())


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "a.md", True),
        ("*.md", "x/a.md", False),
        ("drafts/", "drafts/a.md", True),
        ("drafts", "drafts/x/a.md", True),
        ("drafts/**", "drafts/x/a.md", True),
        ("**/drafts/*.md", "drafts/a.md", True),
        ("**/drafts/*.md", "x/y/drafts/a.md", True),
        ("**/drafts/*.md", "x/drafts/y/a.md", False),
        ("a/**/b.md", "a/b.md", True),
        ("a/**/b.md", "a/x/y/b.md", True),
        ("a/**/b.md", "ax/b.md", False),
        ("[!a-c]*.md", "d.md", True),
        ("[!a-c]*.md", "b.md", False),
        ("x?y.md", "xzy.md", True),
        ("x?y.md", "x/y.md", False),
        ("a[.md", "a[.md", True),
        ("**", "a/b/c.md", True),
    ],
)
def test_linear_glob_matches_as_documented(pattern: str, path: str, expected: bool) -> None:
    from newsctl.globs import compile_glob

    assert compile_glob(pattern).fullmatch(path) is expected


def test_glob_with_many_stars_against_a_long_name_is_answered() -> None:
    """Backtracking `re` took minutes here; the state set answers at once (no timing asserted)."""
    from newsctl.globs import compile_glob

    glob = compile_glob("*a" * 30 + "*b")
    assert glob.fullmatch("a" * 2000) is False
    assert glob.fullmatch("a" * 2000 + "b") is True
    assert len(glob.tokens) == 62  # one state per token: the work per character is bounded by this


def test_suppression_comments_past_the_limit_are_ignored_and_reported(tmp_path: Path) -> None:
    from newsctl.suppress import MAX_DIRECTIVES

    block = "".join(f"<!-- newsctl: disable-next-line H003 -->\nThe the count {i} went up.\n\n" for i in range(MAX_DIRECTIVES + 2))
    _write(tmp_path, {"many.md": GOOD + "\n" + block})
    h006 = _findings(tmp_path, "many.md", "H006")
    first_ignored = 11 + 3 * MAX_DIRECTIVES + 1  # the body's block starts on line 12
    assert h006 == [(first_ignored, 1, "1,002 suppression comments; only the first 1,000 apply, this one and the rest are ignored")]
    h003 = _findings(tmp_path, "many.md", "H003")
    assert [line for line, _, _ in h003] == [first_ignored + 1, first_ignored + 4]


def test_unknown_timezone_name_prints_no_library_warning(tmp_path: Path) -> None:
    import warnings

    _write(tmp_path, {"tz.md": GOOD.replace("date: 2026-11-20", "date: 2026-11-20 10:00 F")})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = CliRunner().invoke(app, ["lint", "--now", NOW, str(tmp_path / "tz.md")])
    assert [str(w.message) for w in caught if "tzname" in str(w.message)] == []
    assert "tz.md:3:7: D006 info: 'date' 2026-11-20 10:00 F has a time but no timezone [date-without-timezone]" in result.output


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_every_feed_date_passes_a_strict_check_at_both_ends_of_the_range(tmp_path: Path, fmt: str) -> None:
    """Atom and JSON Feed dates are RFC 3339 (rfc3339-validator); RSS dates are RFC 822 with a
    four-digit year and the right weekday, for years 1 and 9999 alike."""
    import re
    from datetime import datetime

    from rfc3339_validator import validate_rfc3339

    _write(
        tmp_path,
        {
            "late.md": GOOD.replace("2026-11-20", "9999-12-31T23:30:00-05:00"),
            "early.md": GOOD.replace("2026-11-20", "0001-01-01T00:30:00+05:00"),
        },
    )
    args = ["feed", str(tmp_path), "--format", fmt, "--base-url", "https://e.com/", "--now", "9999-12-31T23:59:00Z", "--include-future"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    text = result.stdout
    if fmt == "rss":
        dates = re.findall(r"<(?:pubDate|lastBuildDate)>([^<]*)<", text)
        assert len(dates) >= 3
        for value in dates:
            m = re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d):(\d\d):(\d\d) ([+-]\d{4})", value)
            assert m is not None, value
            day = datetime.strptime(f"{m[4]}-{m[3]}-{m[2]}", "%Y-%b-%d")
            assert day.strftime("%a") == m[1], value
    else:
        if fmt == "atom":
            dates = re.findall(r"<(?:published|updated)>([^<]*)<", text)
        else:
            feed = json.loads(text)
            dates = [i[k] for i in feed["items"] for k in ("date_published", "date_modified") if k in i]
        assert len(dates) >= 4
        assert all(validate_rfc3339(d) for d in dates), dates


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["lint", "--no-cache", "--format", "json"], ["outline", "-f", "json"], ["readability", "--format", "csv"]])
def test_standard_output_that_is_full_is_an_error_not_a_traceback(command: list[str]) -> None:
    """A report streamed to a full disk (CI logs on a full runner): one message, exit 2."""
    import subprocess
    import sys

    from tests.conftest import ARTICLES

    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "newsctl", *command, str(ARTICLES)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "newsctl: error: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize(("encoding", "first"), [("ascii", "'\\xeb\\u2019'"), ("latin-1", "'\\u2019'")])
@pytest.mark.parametrize("entry", [["-m", "newsctl"], ["-c", "from newsctl.cli.app import main; main()"]])
def test_standard_output_that_cannot_encode_the_report_is_an_error_not_a_traceback(tmp_path: Path, encoding: str, first: str, entry: list[str]) -> None:
    """PYTHONIOENCODING=ascii (or a latin-1 terminal) and a finding that quotes non-Latin text:
    one message naming the encoding and the character, exit 2, through the fast path and Typer."""
    import subprocess
    import sys

    article = tmp_path / "zoe.md"
    article.write_text(
        "---\ntitle: Zoë’s “café” reopens\n---\n\n# Zoë’s café reopens\n\nThe the café reopened on Monday — ℞ ☕.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, *entry, "lint", "--no-cache", "--now", "2026-11-28T12:00:00Z", str(article)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    import codecs

    name = codecs.lookup(encoding).name  # latin-1 is iso8859-1 once open
    assert done.stderr == f"newsctl: error: cannot write to standard output: its encoding ({name}) cannot represent {first}; use UTF-8 (PYTHONIOENCODING=utf-8)\n"
