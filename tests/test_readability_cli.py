"""`newsctl readability`: the report in each format, exit codes, errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES
from newsctl.cli.app import app

SAMPLE = FIXTURES / "readability.md"


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copy(SAMPLE, tmp_path / "a.md")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(app, ["readability", *args], catch_exceptions=False)


TEXT = """\
a.md  Council approves budget
  Section                                   Grade    Ease  Words   Time  Band
  (lead)                                      7.8    60.7     12   0:03  easy
      7:1     grade  7.8, 12 words: "The city council approved the budget on Tuesday after a…"
  Reaction                                   20.7   -36.4     29   0:09  hard
      15:1    grade 34.0, 13 words: "Notwithstanding considerable institutional resistance, the…"
      11:55   grade 14.0, 13 words: "Opposition members argued that the increase would hurt…"
  Next                                        0.7    97.0      4   0:01  easy
      19:1    grade  0.7, 4 words: "The vote is final."
  Total                                      15.2     2.2     45   0:14  hard
  5 sentences, 104 syllables; 7 quoted words left out of the scores
"""


def test_text_report_for_one_article(workdir):
    result = run("a.md")
    assert result.exit_code == 0
    assert result.stdout == TEXT


def test_summary_for_several_articles(workdir):
    shutil.copy(SAMPLE, workdir / "b.md")
    result = run(".")
    assert result.exit_code == 0
    assert result.stdout == (
        "Path  Grade    Ease  Words   Time  Band      Hardest section\n"
        "a.md   15.2     2.2     45   0:14  hard      Reaction (20.7)\n"
        "b.md   15.2     2.2     45   0:14  hard      Reaction (20.7)\n"
    )
    assert run(".", "--details").stdout == TEXT + "\n" + TEXT.replace("a.md", "b.md", 1)


def test_csv_report(workdir):
    result = run("a.md", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == (
        "path,scope,section,line,words,sentences,syllables,quoted_words,flesch_kincaid_grade,"
        "flesch_reading_ease,reading_time_seconds,band\n"
        "a.md,article,Council approves budget,,45,5,104,7,15.19,2.18,14,hard\n"
        "a.md,section,(lead),7,12,1,19,0,7.77,60.71,3,easy\n"
        "a.md,section,Reaction,9,29,3,80,7,20.73,-36.36,9,hard\n"
        "a.md,section,Next,17,4,1,5,0,0.72,97.03,1,easy\n"
    )
    assert len(list(csv.reader(io.StringIO(result.stdout)))) == 5


def test_json_report(workdir):
    result = run("a.md", "-f", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["settings"] == {"max_grade": 13.0, "exclude_quotes": True}
    assert doc["errors"] == []
    [art] = doc["articles"]
    assert art["path"] == "a.md" and art["title"] == "Council approves budget" and art["band"] == "hard"
    assert art["totals"] == {
        "words": 45,
        "sentences": 5,
        "syllables": 104,
        "quoted_words": 7,
        "flesch_reading_ease": 2.18,
        "flesch_kincaid_grade": 15.19,
        "reading_time_seconds": 14,
    }
    assert [(s["title"], s["level"], s["line"], s["band"]) for s in art["sections"]] == [
        ("(lead)", 0, 7, "easy"),
        ("Reaction", 2, 9, "hard"),
        ("Next", 2, 17, "easy"),
    ]
    assert art["sections"][1]["hardest_sentences"][0] == {
        "line": 15,
        "column": 1,
        "words": 13,
        "flesch_kincaid_grade": 33.96,
        "text": "Notwithstanding considerable institutional resistance, the commission recommended "
        "comprehensive restructuring of municipal administrative responsibilities.",
    }
    assert [(p["line"], p["section"], p["stats"]["words"]) for p in art["paragraphs"]] == [
        (7, 0, 12),
        (11, 1, 16),
        (15, 1, 13),
        (19, 2, 4),
    ]


def test_exclude_quotes_option(workdir):
    doc = json.loads(run("a.md", "-f", "json", "--option", "exclude-quotes=false").stdout)
    assert doc["settings"]["exclude_quotes"] is False
    assert (doc["articles"][0]["totals"]["words"], doc["articles"][0]["totals"]["quoted_words"]) == (52, 0)


def test_bad_option_is_a_usage_error(workdir):
    result = run("a.md", "--option", "exclude-quote=false")
    assert result.exit_code == 2
    assert "unknown option 'exclude-quote' (did you mean 'exclude-quotes'?)" in result.stderr


def test_unreadable_file_is_reported_not_raised(workdir):
    (workdir / "bad.md").write_bytes(b"\xff\xfe\x00binary")
    result = run("a.md", "bad.md", "--summary")
    assert result.exit_code == 1
    assert result.stdout.startswith("Path  Grade")
    assert "bad.md:1:3: File contains a NUL byte" in result.stderr


def test_output_file(workdir):
    result = run("a.md", "-o", "report.csv", "-f", "csv")
    assert result.exit_code == 0 and result.stdout == ""
    assert (workdir / "report.csv").read_text("utf-8").startswith("path,scope,section")


def test_readme_example_is_the_real_output(monkeypatch):
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Readability") :]
    block = section[section.index("```text\n") + len("```text\n") :]
    block = block[: block.index("```")]
    result = run("tests/fixtures/readability.md")
    assert result.exit_code == 0
    assert result.stdout == block


def test_every_readability_rule_is_documented():
    from newsctl import rulebook

    rules = [r for r in rulebook.all_rules() if r.category == "readability"]
    assert [r.code for r in rules] == ["R001", "R002", "R003", "R004", "R005", "R006"]
    for r in rules:
        assert set(r.doc) == {"What it checks", "Why it matters", "Example", "Use instead", "Options"}, r.code
        for opt in r.options:
            assert opt.name in r.doc["Options"], (r.code, opt.name)
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    for r in rules:
        assert f"| {r.code} | {r.name} |" in readme


def test_exclude_quotes_setting_is_validated():
    from newsctl.settings import ConfigError, from_mapping

    assert from_mapping({"exclude-quotes": False}).option("exclude-quotes") is False
    with pytest.raises(ConfigError, match="key 'exclude-quotes': must be true or false"):
        from_mapping({"exclude-quotes": "sometimes"})


def test_text_renderer_colours_rows_by_band():
    from newsctl.parse import parse_file
    from newsctl.readability import measure
    from newsctl.report.readability import ArticleReport, render_text

    article = parse_file(SAMPLE, "a.md")
    report = ArticleReport("a.md", article.meta.title, measure(article))
    lines = render_text([report], max_grade=12, color=True).splitlines()
    assert lines[2].startswith("\x1b[32m  (lead)") and lines[2].endswith("easy\x1b[0m")
    assert lines[4].startswith("\x1b[1;31m  Reaction") and lines[4].endswith("hard\x1b[0m")
    plain = render_text([report], max_grade=12, color=False)
    assert "\x1b[" not in plain and plain == TEXT
    # a higher max-grade moves the sections into the standard band
    assert "standard" in render_text([report], max_grade=25).splitlines()[4]


def test_sections_without_prose_have_no_score(tmp_path):
    import json

    from typer.testing import CliRunner

    from newsctl.cli.app import app

    path = tmp_path / "e.md"
    path.write_text(
        "---\ntitle: T\ndate: 2026-11-20T08:30:00+01:00\nauthor: A\nsummary: S.\n---\n\n"
        "Lead para here.\n\n## Empty\n\n```\ncode only\n```\n\n## Full\n\nText here now.\n",
        encoding="utf-8",
    )
    doc = json.loads(CliRunner().invoke(app, ["readability", str(path), "--format", "json"]).stdout)
    empty = [s for s in doc["articles"][0]["sections"] if s["title"] == "Empty"][0]
    assert empty["stats"]["flesch_kincaid_grade"] is None and empty["band"] is None
    csv = CliRunner().invoke(app, ["readability", str(path), "--format", "csv"]).stdout
    assert f"{path},section,Empty,10,0,0,0,0,,,0," in csv


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path):
    from typer.testing import CliRunner

    from newsctl.cli.app import app

    path = tmp_path / "f.md"
    path.write_text(
        '---\ntitle: \'=HYPERLINK("http://evil")\'\ndate: 2026-11-20T08:30:00+01:00\nauthor: A\nsummary: S.\n---\n\n'
        "Lead para here.\n\n## =cmd|calc!A1\n\nText here now.\n",
        encoding="utf-8",
    )
    csv = CliRunner().invoke(app, ["readability", str(path), "--format", "csv"]).stdout
    import csv as csvlib

    cells = [cell for row in csvlib.reader(csv.splitlines()) for cell in row]
    assert "'=HYPERLINK(\"http://evil\")" in cells and "'=cmd|calc!A1" in cells
    assert not [c for c in cells if c and c[0] in "=+@"]


def test_readability_reads_standard_input():
    from typer.testing import CliRunner

    from newsctl.cli.app import app

    text = Path("articles/elmstead-repair-cafe.md").read_text("utf-8")
    r = CliRunner().invoke(app, ["readability", "-", "--stdin-filename", "draft.md", "--format", "json"], input=text)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [a["path"] for a in data["articles"]] == ["draft.md"]
    direct = json.loads(CliRunner().invoke(app, ["readability", "articles/elmstead-repair-cafe.md", "--format", "json"]).stdout)
    assert data["articles"][0]["totals"] == direct["articles"][0]["totals"]
