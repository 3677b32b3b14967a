"""The lint JSON report is written piece by piece with its own indenting encoder: the bytes must
be json.dumps(document, indent=2, ensure_ascii=False) + newline, whatever the values."""

from __future__ import annotations

import json
import random

import pytest

from newsctl.article import Span
from newsctl.engine import FileResult, LintResult
from newsctl.findings import Edit, Finding, Fix, Related, Severity
from newsctl.report import json as json_report

TEXTS = ["", "plain", "quote \" back\\slash", "tab\tnew\nline\r", "\x00\x1f\x7f", "é ü “curly” — ‘x’", "\u2028\u2029", "😀 astral", "\ud800"]


def _value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(9 if depth < 4 else 6)
    if kind == 0:
        return rng.choice(TEXTS) + str(rng.randrange(100))
    if kind == 1:
        return None
    if kind == 2:
        return rng.random() < 0.5
    if kind == 3:
        return rng.randrange(-10**12, 10**12)
    if kind == 4:
        return rng.choice([0.5, -1e300, 3.0, float("inf"), float("nan")])
    if kind == 5:
        return rng.choice([[], {}, ()])
    if kind == 6:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == 7:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randrange(1, 3)))
    return {rng.choice(TEXTS) + str(i): _value(rng, depth + 1) for i in range(rng.randrange(4))}


@pytest.mark.parametrize("seed", range(300))
def test_encode_is_json_dumps_indent_2(seed: int):
    rng = random.Random(seed)
    value = _value(rng)
    level = rng.randrange(3)
    expected = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)
    assert json_report._encode(value, level) == expected


def _finding(rng: random.Random, path: str) -> Finding:
    fix = None
    if rng.random() < 0.4:
        edits = tuple(Edit(rng.randrange(1, 9), rng.randrange(1, 9), 9, 9, rng.choice(TEXTS)) for _ in range(rng.randrange(0, 3)))
        fix = Fix(rng.choice(TEXTS), edits, rng.random() < 0.5)
    return Finding(
        path=path, line=rng.randrange(1, 500), column=rng.randrange(1, 80), end_line=500, end_column=81,
        code=rng.choice(["S010", "M001", "H003"]), rule=rng.choice(["long-paragraph", "unreadable", "x"]),
        category="structure", severity=rng.choice(list(Severity)), message=rng.choice(TEXTS),
        hint=rng.choice([None, *TEXTS]), fix=fix, related=(Related(Span(1, 1, 1, 2), "first"),),
    )


@pytest.mark.parametrize("seed", range(40))
def test_the_report_is_the_document_json_dumps_wrote(seed: int):
    rng = random.Random(seed)
    files = [FileResult(f"a/{i}.md", [_finding(rng, f"a/{i}.md") for _ in range(rng.randrange(3))]) for i in range(rng.randrange(6))]
    result = LintResult(files)
    extra = rng.choice([None, {}, {"diff_base": "abc"}, {"baseline": {"path": "b.json", "known": 3}}, {"files": "replaced", "z": [1.5]}])
    expected = json.dumps(json_report.document(result, extra), indent=2, ensure_ascii=False) + "\n"
    assert json_report.render(result, extra) == expected
    assert "".join(json_report.chunks(result, extra)) == expected


def _result(rng: random.Random) -> LintResult:
    return LintResult([FileResult(f"a/{i}.md", [_finding(rng, f"a/{i}.md") for _ in range(rng.randrange(3))]) for i in range(rng.randrange(5))])


@pytest.mark.parametrize("seed", range(12))
def test_sarif_and_gitlab_streams_are_their_documents(seed: int, tmp_path):
    from newsctl.report import gitlab, sarif

    rng = random.Random(seed)
    result = _result(rng)
    sources = {f"a/{i}.md": "\n".join(rng.choice(TEXTS) * 20 for _ in range(30)) for i in range(5) if rng.random() < 0.7}
    for given in (None, sources):
        assert "".join(sarif.chunks(result, tmp_path, given)) == sarif.render(result, tmp_path, given)
        assert json.loads("".join(sarif.chunks(result, tmp_path, given)))["runs"][0]["results"] == sarif.document(result, tmp_path, given)["runs"][0]["results"]
    assert "".join(gitlab.chunks(result, tmp_path, sources)) == gitlab.render(result, tmp_path, sources)

