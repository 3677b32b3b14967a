"""`newsctl import` on plain text, and lint/outline reading .txt files the same way.

Samples are tests/fixtures/import/*.txt; their imported articles are golden files in
tests/golden/import/ (regenerate with NEWSCTL_UPDATE_GOLDEN=1, then review the diff).
"""

from __future__ import annotations

import collections
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.engine import lint_paths
from newsctl.importers import read, render
from newsctl.importers.plaintext import read_text
from newsctl.engine import lint_article
from newsctl.parse import markdown, parse_file, parse_plain_text, parse_text
from newsctl.settings import Settings
from tests.conftest import ARTICLES, FIXTURES, SHARED
from tests.golden_util import check_golden

SAMPLES = sorted((FIXTURES / "import").glob("*.txt"))
SEED = SHARED / "seed" / "000_d9a56e2ba2170aa6.txt"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
WORD = re.compile(r"[^\W_]+")  # letters and digits: "_" and "\\" are markup


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(WORD.findall(text))


def words_out(article_text: str) -> collections.Counter[str]:
    """Words of the imported article: title, section and byline values, then the body.

    The body is counted from its Markdown source, whose only additions are markup (`##`,
    `-`, backslash escapes), none of them words. A byline "By Jane Doe" becomes `author:
    Jane Doe`, so "By" is counted back with the author. `status` and `slug` are generated.
    """
    article = parse_text(article_text)
    data = article.front_matter.data
    out = collections.Counter[str]()
    for key in ("title", "section"):
        if data.get(key):
            out += words(str(data[key]))
    if data.get("author"):
        out += words("By " + str(data["author"]))
    body = article_text[article.source.line_starts[article.body_line - 1] :]
    return out + words(body)


def json_findings(stdout: str) -> list[dict]:
    doc = json.loads(stdout)
    return doc["findings"] if isinstance(doc, dict) else doc


def seed_or_skip() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed not found at {SEED}")
    return SEED


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_imports_as_reviewed(path):
    check_golden(f"import/{path.stem}.md", render(read(path)))


@pytest.mark.parametrize("path", [*SAMPLES, SEED], ids=lambda p: p.stem)
def test_no_word_lost(path):
    if not path.exists():
        pytest.skip(f"{path} not found")
    assert words_out(render(read(path))) == words(path.read_text("utf-8"))


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_and_cr_read_like_lf(tmp_path, newline):
    for path in SAMPLES:
        text = path.read_text("utf-8")
        other = tmp_path / f"{path.stem}.txt"
        other.write_bytes(text.replace("\n", newline).encode("utf-8"))
        assert render(read(other)) == render(read(path)), path.name
        findings = lint_paths([other], Settings(now=NOW)).findings
        assert [(f.code, f.line, f.column) for f in findings] == [
            (f.code, f.line, f.column) for f in lint_paths([path], Settings(now=NOW)).findings
        ]


def test_seed_imports_to_the_hand_conversion():
    """The seed's body is exactly the hand-converted article's body, fields from label and headline."""
    seed = seed_or_skip()
    doc = read(seed)
    assert (doc.section, doc.title, doc.author) == ("News", "Cybersecurity Diplomacy: The New Frontier of International Relations", None)
    hand = (ARTICLES / "cybersecurity-diplomacy.md").read_text("utf-8")
    assert doc.body == hand.split("---\n", 2)[2].lstrip("\n")
    assert [h for h, _ in doc.report.headings] == [
        "Recent Developments",
        "Rising Cyber Threats and Diplomatic Responses",
        "The Role of NGOs and Private Sector Partnerships",
        "The Future of Cybersecurity Diplomacy",
        "Investing in Laughter: The Financial and Cultural Implications of Donald Trump Meme Coin",
        "The Wild World of Meme Coins: How Trumpcoin Fits In",
        "The $Trump Coin Boom: How Political Figures Are Shaping the Crypto Landscape",
        "The Official Trump Coin: A Collector’s Dream or Political Statement?",
    ]
    assert [line for _, line in doc.report.headings] == [5, 8, 11, 14, 21, 23, 25, 27]
    assert doc.report.repeated_headline == 3 and doc.report.unsure == ()
    assert render(doc).startswith(
        "---\ntitle: 'Cybersecurity Diplomacy: The New Frontier of International Relations'\n"
        "section: News\nstatus: draft\nslug: cybersecurity-diplomacy-the-new-frontier-of-international-relations\n---\n\n"
    )


def test_seed_outline_golden_equals_hand_conversion():
    """Golden test: `newsctl outline` on the seed .txt shows the hand conversion's tree."""
    seed = seed_or_skip()
    runner = CliRunner()
    args = ["--format", "json", "--no-stats"]
    txt = json.loads(runner.invoke(app, ["outline", str(seed), *args]).stdout)
    md = json.loads(runner.invoke(app, ["outline", str(ARTICLES / "cybersecurity-diplomacy.md"), *args]).stdout)

    def tree(doc):
        def strip(node):
            return (node["level"], node["title"], node["anchor"], [strip(c) for c in node["children"]])

        art = doc["articles"][0]
        return art["title"], [strip(n) for n in art["nodes"]]

    assert tree(txt) == tree(md)
    lead, h1 = tree(txt)[1]
    assert lead[0] == 0 and h1[0] == 1 and [c[1] for c in h1[3]][:4] == [
        "Recent Developments",
        "Rising Cyber Threats and Diplomatic Responses",
        "The Role of NGOs and Private Sector Partnerships",
        "The Future of Cybersecurity Diplomacy",
    ]
    assert len(h1[3]) == 8


def test_seed_lint_reports_leftover_and_empty_sections_at_the_text_lines():
    seed = seed_or_skip()
    findings = lint_paths([seed], Settings(now=NOW)).findings
    got = [(f.code, f.line, f.column, f.end_column) for f in findings if f.code in ("M011", "H001", "S003", "S001")]
    lines = seed.read_text("utf-8").splitlines()

    def whole(code, line):  # the finding covers the whole line of the .txt
        return (code, line, 1, len(lines[line - 1]) + 1)

    assert got == [whole("M011", 1), whole("S001", 3), whole("H001", 20), *(whole("S003", n) for n in (21, 23, 25, 27))]
    assert lines[19].startswith("Feel free to mix and match ideas")
    # the same body findings, in the same order with the same messages, as the imported article
    imported = parse_text(render(read(seed)), "seed.md")
    md = [(f.code, f.message) for f in lint_article(imported, Settings(now=NOW)) if f.code[0] in "SRH"]
    assert md == [(f.code, f.message) for f in findings if f.code[0] in "SRH"]
    # R003 at the sentence's own column in the long line 16
    assert ("R003", 16, 237) in [(f.code, f.line, f.column) for f in findings]


def test_lint_txt_finding_shows_the_import_command(tmp_path):
    copy = tmp_path / "my copy.txt"
    copy.write_text("Storm cuts power\nMore than 12,000 homes lost power on Friday.\n", "utf-8")
    result = CliRunner().invoke(app, ["lint", "--format", "json", "--now", "2026-11-28T12:00:00Z", str(copy)])
    assert result.exit_code == 1
    findings = json_findings(result.stdout)
    m011 = [f for f in findings if f["code"] == "M011"]
    assert len(m011) == 1 and (m011[0]["line"], m011[0]["column"]) == (1, 1)
    assert m011[0]["category"] == "metadata" and m011[0]["rule"] == "plain-text-source"
    assert "M002" not in {f["code"] for f in findings} and "M007" not in {f["code"] for f in findings}
    text = CliRunner().invoke(app, ["lint", "--now", "2026-11-28T12:00:00Z", str(copy)]).stdout
    assert f"newsctl import '{copy}'" in text


def test_txt_in_configured_paths_is_linted(tmp_path, monkeypatch):
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "storm.txt").write_text("Storm cuts power\nMore than 12,000 homes lost power.\n", "utf-8")
    (tmp_path / "copy" / "notes.txt").write_text("not named in paths\n", "utf-8")
    (tmp_path / "newsctl.toml").write_text('paths = ["copy/storm.txt"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["lint", "--now", "2026-11-28T12:00:00Z", "--format", "json"])
    assert {(f["path"], f["code"]) for f in json_findings(result.stdout)} == {("copy/storm.txt", "M011")}


def test_empty_copy_is_not_imported(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", "utf-8")
    result = CliRunner().invoke(app, ["import", str(empty), "-d", str(tmp_path / "out")])
    assert result.exit_code == 1 and result.stderr == f"{empty}:1:1: Nothing to import: the file has no text\n"
    assert not (tmp_path / "out").exists()
    one = tmp_path / "one.txt"
    one.write_text("Just a headline\n", "utf-8")
    doc = read(one)
    assert (doc.title, doc.body) == ("Just a headline", "")


def test_txt_with_front_matter_is_read_as_markdown(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("---\ntitle: A\n---\n\nText.\n", "utf-8")
    article = parse_file(path)
    assert article.front_matter.ok and article.meta.title == "A"
    assert "plain-text-source" not in {p.kind for p in article.problems}


def test_lint_positions_in_text_lines():
    """Body findings sit at the .txt's own lines and columns, list items and quotes included."""
    article = parse_file(FIXTURES / "import" / "numbered.txt")
    items = [b for b in article.blocks if b.in_list]
    assert [(b.line, b.inline.span(0, 5).column) for b in items] == [(7, 4), (8, 4), (9, 4), (10, 5)]
    quotes = parse_file(FIXTURES / "import" / "quotes.txt")
    quote = next(b for b in quotes.blocks if b.in_quote)
    assert (quote.line, quote.end_line, quote.inline.span(0, 5)) == (6, 7, quote.inline.span(0, 5))
    assert quote.inline.position(0) == (6, 3) and quote.inline.position(quote.inline.raw.index("That")) == (7, 3)
    wrapped = parse_file(FIXTURES / "import" / "wrapped.txt")
    first = wrapped.blocks[0]
    assert (first.line, first.end_line) == (3, 5)
    assert first.inline.position(first.inline.raw.index("in a statement")) == (5, 1)
    items = [b for b in parse_file(FIXTURES / "import" / "wrapped-list.txt").blocks if b.in_list]
    assert [(b.line, b.end_line, b.inline.position(0)) for b in items] == [(6, 8, (6, 3)), (9, 10, (9, 3)), (11, 11, (11, 3))]
    markup = parse_file(FIXTURES / "import" / "markup.txt")
    assert [b.inline.plain for b in markup.blocks][1].startswith("1986. That was")


def test_recognised_parts_of_samples():
    f = read(FIXTURES / "import" / "full-header.txt")
    assert (f.section, f.title, f.author) == ("World", "Talks resume in Geneva", "Ana Ruiz")
    assert (f.report.repeated_headline, f.report.byline, f.report.dateline) == (3, ("Ana Ruiz", 4), 5)
    r = read(FIXTURES / "import" / "byline.txt")
    assert (r.section, r.title, r.author) == ("Local", "Library reopens after flood repairs", "Jane Doe")
    assert r.report.byline == ("Jane Doe", 3)
    d = read(FIXTURES / "import" / "dateline.txt")
    assert d.report.dateline == 2 and d.report.headings == () and d.body.startswith("LONDON, March 3\n\n")
    u = read(FIXTURES / "import" / "unsure.txt")
    assert [(x.line, x.text) for x in u.report.unsure] == [(4, "Outages by town")]
    assert u.report.headings == (("Northern districts", 5),)
    n = read(FIXTURES / "import" / "no-headline.txt")
    assert n.title is None and n.report.paragraphs == 2
    assert read(FIXTURES / "import" / "numbered.txt").report.list_items == 4
    assert read(FIXTURES / "import" / "bullets.txt").report.list_items == 3


# --- the command ----------------------------------------------------------------------------


def test_import_writes_the_article_and_prints_path_and_table(tmp_path):
    out = tmp_path / "articles"
    result = CliRunner().invoke(app, ["import", str(FIXTURES / "import" / "leftover.txt"), "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    target = out / "bakery-chain-opens-tenth-shop.md"
    assert result.stdout.strip() == str(target)
    assert target.read_text("utf-8") == render(read(FIXTURES / "import" / "leftover.txt"))
    assert "  label       Business (line 1) -> section\n" in result.stderr
    assert "  headings    3 (lines 7, 8, 10)\n" in result.stderr
    assert "  unsure      0 lines" in result.stderr
    # lint on the imported article names what the writer must add, and the leftovers
    findings = lint_paths([target], Settings(now=NOW)).findings
    assert [(f.code, f.line) for f in findings] == [
        ("M007", 1),
        ("M007", 1),
        ("M010", 1),
        ("H001", 10),
        ("S003", 12),
        ("S003", 14),
        ("S003", 16),
    ]
    assert [f.message for f in findings[:2]] == ["Required field 'date' is missing", "Required field 'author' is missing"]


def test_import_refuses_to_overwrite(tmp_path):
    out = tmp_path / "articles"
    out.mkdir()
    target = out / "bakery-chain-opens-tenth-shop.md"
    target.write_text("the writer's work\n", "utf-8")
    result = CliRunner().invoke(app, ["import", str(FIXTURES / "import" / "leftover.txt"), "-d", str(out)])
    assert result.exit_code == 1
    assert target.read_text("utf-8") == "the writer's work\n"
    assert "already exists; not overwritten" in result.stderr and result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["bakery-chain-opens-tenth-shop.md"]  # no temporary left


def test_import_refuses_the_same_slug_twice_in_one_run(tmp_path):
    one = tmp_path / "a.txt"
    two = tmp_path / "b.txt"
    for p in (one, two):
        p.write_text("Same headline here\nSome text follows.\n", "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["import", str(one), str(two), "-d", str(out)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [str(out / "same-headline-here.md")]
    assert "b.txt: " in result.stderr and "already exists" in result.stderr


def test_import_dry_run_writes_nothing(tmp_path):
    out = tmp_path / "articles"
    result = CliRunner().invoke(app, ["import", str(FIXTURES / "import" / "byline.txt"), "-d", str(out), "--dry-run"])
    assert result.exit_code == 0
    assert result.stdout.strip() == str(out / "library-reopens-after-flood-repairs.md")
    assert "(dry run: not written)" in result.stderr
    assert not out.exists()


def test_import_unreadable_files_are_named_and_others_still_imported(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 opens\nText.\n".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    odd = tmp_path / "notes.rtf"
    odd.write_text("{\\rtf1}", "utf-8")
    folder = tmp_path / "copy"
    folder.mkdir()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["import", str(bad), str(missing), str(odd), str(folder), str(FIXTURES / "import" / "quotes.txt"), "-d", str(out)]
    )
    assert result.exit_code == 1
    assert f"{bad}:1:4: File is not valid UTF-8 (byte 0xe9 at line 1, column 4)" in result.stderr
    assert f"{missing}:1:1: No such file" in result.stderr
    assert f"{odd}:1:1: Cannot import .rtf" in result.stderr
    assert f"{folder}:1:1: Is a directory: name the files to import" in result.stderr
    assert "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["mayor-defends-tax-plan-at-packed-meeting.md"]


def test_import_stdout(tmp_path):
    result = CliRunner().invoke(app, ["import", str(FIXTURES / "import" / "quotes.txt"), "--stdout", "-q"])
    assert result.exit_code == 0
    assert result.stdout == render(read(FIXTURES / "import" / "quotes.txt"))


# --- no word lost, on generated copy ---------------------------------------------------------

_word = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHÉé0123456789"), min_size=1, max_size=9)
_punct = st.sampled_from(["", ".", ",", "!", "?", ":", ";", "*", "_", "#", "`", "[", "]", "<", ">", "&", "\\", "|", "“", "”", "'", "-", "1.", "(2)", "•", "&amp;"])
_token = st.tuples(_punct, _word, _punct).map("".join)
_line = st.lists(_token, min_size=1, max_size=14).map(" ".join)
_prefix = st.sampled_from(["", "", "", "- ", "* ", "• ", "1. ", "2) ", "> ", "By ", "## ", "    ", "1986. ", "---", "==="])
_lines = st.lists(st.one_of(st.tuples(_prefix, _line).map("".join), st.just("")), min_size=1, max_size=25)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines, st.sampled_from(["\n", "\r\n"]))
def test_no_word_lost_on_generated_copy(lines, newline):
    from newsctl.source import Source

    text = newline.join(lines) + newline
    doc = read_text(Source.from_text("x.txt", text).text, markdown())
    assert words_out(render(doc)) == words(text)
    # and lint reads it as plain text without a crash, every finding inside the file
    source = Source.from_text("x.txt", text)
    article = parse_plain_text(source)
    for f in lint_article(article, Settings(now=NOW)):
        assert 1 <= f.line <= f.end_line <= source.line_count, f
        assert f.column >= 1 and (f.line < f.end_line or f.column <= f.end_column), f


# --- the README's walk from the seed to an exported article -----------------------------------

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_import_table_is_true():
    seed = seed_or_skip()
    text = README.read_text("utf-8")
    block = text.split("$ newsctl import ../shared/seed/000_d9a56e2ba2170aa6.txt --dry-run\n", 1)[1]
    table = block.split("```text\n", 1)[1].split("```", 1)[0]
    import os
    import subprocess
    import sys

    root = README.parent
    r = subprocess.run(
        [sys.executable, "-m", "newsctl", "import", os.path.relpath(seed, root), "--dry-run"],
        capture_output=True, text=True, cwd=root, env={**os.environ, "NO_COLOR": "1"},
    )
    assert r.returncode == 0 and r.stderr == table


def test_readme_template_is_the_built_in_one():
    from newsctl.new_article import DEFAULT_TEMPLATE

    assert f"```text\n{DEFAULT_TEMPLATE}```" in README.read_text("utf-8")


def test_readme_seed_to_exported_article(tmp_path, monkeypatch):
    """The README's steps: import the seed, the writer's edits, lint clean of errors, export."""
    seed = seed_or_skip()
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    imported = runner.invoke(app, ["import", str(seed), "--output-dir", "drafts/"])
    assert imported.exit_code == 0, imported.output
    path = Path(imported.stdout.strip())
    assert path == Path("drafts/cybersecurity-diplomacy-the-new-frontier-of-international-relations.md")
    before = runner.invoke(app, ["lint", "--now", "2026-11-28T12:00:00Z", "--format", "json", "drafts/"])
    codes = [f["code"] for f in json_findings(before.stdout)]
    assert before.exit_code == 1 and codes.count("M007") == 2 and "H001" in codes and codes.count("S003") == 4 and "S001" in codes
    # the writer's edits
    text = path.read_text("utf-8")
    body_start = text.index("\n---\n") + 5
    head, body = text[:body_start], text[body_start:]
    head = head.replace("status: draft\n", "date: 2023-10-02T09:00:00+00:00\nauthor: Newsroom staff\nsummary: Nations now treat cyber threats as a matter of diplomacy.\nstatus: draft\n")
    body = body.split("\nFeel free to mix", 1)[0] + "\n"
    body = re.sub(r"^# .*\n\n", "", body, count=1, flags=re.M)
    path.write_text(head + body, "utf-8")
    after = runner.invoke(app, ["lint", "--now", "2026-11-28T12:00:00Z", "--format", "json", "drafts/"])
    assert after.exit_code == 0, after.stdout
    remaining = {f["code"] for f in json_findings(after.stdout)}
    assert remaining <= {"R001", "R002", "R003", "R005", "S010"}  # the seed's prose is hard to read, as it was
    exported = runner.invoke(app, ["export", "drafts/", "--format", "html", "--output-dir", "public/", "--include-drafts", "--now", "2026-11-28T12:00:00Z"])
    assert exported.exit_code == 0, exported.output
    html = (tmp_path / "public" / f"{path.stem}.html").read_text("utf-8")
    assert "<h2 id=\"recent-developments\">Recent Developments</h2>" in html
    assert "Feel free" not in html and "Trumpcoin" not in html


@pytest.mark.parametrize(
    "text, title, section",
    [
        ("An Acquisition Retrospective\n18 March 2020\n\nTTS iterates on its practices.\n", "An Acquisition Retrospective", None),
        ("So, you’re a Product Owner…\n17 April 2018\n\nAt 18F, a goal is this.\n", "So, you’re a Product Owner…", None),
        ("Five factors for building a successful government-wide digital analytics\nprogram\n20 October 2015\n\nText.\n",
         "Five factors for building a successful government-wide digital analytics program", None),
        ("analytics.usa.gov: New features and more data\n2 December 2015\n\nText.\n", "analytics.usa.gov: New features and more data", None),
        ("World News\nTalks resume\nNegotiators met on Monday.\n", "Talks resume", "World News"),
    ],
    ids=["short-headline-then-date", "trailing-ellipsis", "wrapped-headline", "lower-case-start", "label"],
)
def test_headline_cases_from_real_copy(text, title, section):
    """Headlines as the real archives have them (scripts/measure_import.py found each one)."""
    doc = read_text(text, markdown())
    assert (doc.title, doc.section) == (title, section)
    assert words_out(render(doc)) == words(text)


def test_lines_that_are_not_headings_in_real_copy():
    """Q&A lines, table rows and link lists read like short lines with no final stop."""
    text = (
        "Talking to the team\n\nIntro paragraph here.\n\n"
        "MK: Why did you join 18F?\nI wanted to build things.\n\n"
        "3 | 202 | 192\nThe table shows the counts.\n\n"
        "Links:\n[1] https://example.com/a\n[2] https://example.com/b\n"
    )
    doc = read_text(text, markdown())
    assert doc.report.headings == ()
    assert words_out(render(doc)) == words(text)


def test_a_dateline_after_a_by_line_that_names_no_person_stays_text():
    """Wire text exported from a site whose bylines are user names ("By aaron"): the date line
    under it is a dateline, not a section heading."""
    from newsctl.parse import markdown

    text = "Council approves budget\nBy aaron\n10 May 2016\n\nThe council approved the budget on Tuesday night after a long debate.\n"
    doc = read_text(text, markdown())
    assert doc.title == "Council approves budget"
    assert "#" not in doc.body and doc.body.startswith("By aaron\n\n10 May 2016\n\n")
