"""`lint --fix`: only safe fixes, only their spans, bytes kept, idempotent, atomic, honest summary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.fixes import fix_bytes
from newsctl.settings import Settings

NOW = "2024-03-07T12:00:00Z"
HEAD = "---\ntitle: Council approves budget\ndate: 2024-03-06T18:00:00+01:00\nauthor: Jane Doe\nsummary: The budget.\n---\n\n"


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def settings() -> Settings:
    from newsctl.settings import load_settings, parse_now

    return load_settings(isolated=True, overrides={"now": parse_now(NOW)})


def test_fix_touches_only_the_spans_and_keeps_bom_and_crlf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = HEAD + "The the council met on Tuesday.\n\n“Ça va,” said the the mayor.\n"
    original = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "a.md"
    path.write_bytes(original)
    monkeypatch.chdir(tmp_path)
    r = run("lint", "a.md", "--fix", "--now", NOW, "--select", "H003")
    fixed = path.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf") and fixed.count(b"\r\n") == original.count(b"\r\n")
    assert b"\n" not in fixed.replace(b"\r\n", b"")
    # byte for byte: the original with the two second copies cut out, nothing else
    first = original.index(b"The the") + len(b"The")
    second = original.index(b"the the mayor") + len(b"the")
    assert fixed == original[:first] + original[first + 4 : second] + original[second + 4 :]
    assert fixed.decode("utf-8-sig") == (HEAD + "The council met on Tuesday.\n\n“Ça va,” said the mayor.\n").replace("\n", "\r\n")
    assert r.exit_code == 0
    assert "Fixed 2 problems in 1 file (2 H003 doubled-word)." in r.stdout
    assert "No problems found in 1 file." in r.stdout


def test_fix_keeps_the_mode_and_writes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "a.md"
    path.write_text(HEAD + "It it rained.\n", encoding="utf-8")
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    monkeypatch.chdir(tmp_path)
    run("lint", "a.md", "--fix", "--now", NOW)
    assert path.read_text("utf-8").endswith("It rained.\n")
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert path.stat().st_ino != inode  # replaced by rename, not rewritten in place
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_rename_onto_an_existing_key_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """M009 suggests renaming `autor` to `author`; with `author` present that would repeat a key."""
    text = "---\ntitle: T\ndate: 2024-03-06T18:00:00+01:00\nauthor: Jane Doe\nautor: John Roe\nsumary: S\n---\n\nBody text.\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("lint", "a.md", "--fix", "--now", NOW, "--select", "M")
    after = path.read_text("utf-8")
    assert "autor: John Roe" in after and after.count("author:") == 1
    assert "summary: S" in after  # the other rename (no `summary` yet) was applied
    # M009 itself offers no rename onto a key that is there (the fixer would refuse it too:
    # test_two_renames_to_one_key_apply_only_one)
    assert "a.md:5:1: M009 warning: Unknown field 'autor' (did you mean 'author'? 'author' is already set)" in r.stdout
    assert "Fixed 1 problem in 1 file (1 M009 unknown-field)." in r.stdout


def test_two_renames_to_one_key_apply_only_one():
    text = "---\ntitle: T\ndate: 2024-03-06T18:00:00+01:00\nauthor: A\nsumary: S\nsummmary: S2\n---\n\nBody.\n"
    out = fix_bytes(text.encode(), "a.md", settings())
    fixed = out.fixed.decode()
    assert fixed.count("summary:") == 1 and ("sumary: S\n" in fixed) != ("summmary: S2\n" in fixed)
    assert [reason for _, reason in out.refused] == ["it would repeat the front-matter key 'summary'"]


def test_unsafe_fixes_need_the_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """D012's AP-style month fix changes the writer's wording: unsafe, applied only when asked."""
    path = tmp_path / "a.md"
    body = HEAD + "The council met on September 5, 2023.\n"
    path.write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("lint", "a.md", "--fix", "--now", NOW, "--select", "D012")
    assert path.read_text("utf-8") == body
    assert "1 more fixable with --fix --unsafe-fixes." in r.stdout
    r = run("lint", "a.md", "--fix", "--unsafe-fixes", "--now", NOW, "--select", "D012")
    assert path.read_text("utf-8") == body.replace("September 5", "Sept. 5")
    assert "Fixed 1 problem in 1 file (1 D012 ap-date-style)." in r.stdout


def test_diff_prints_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "a.md"
    path.write_text(HEAD + "It it rained.\n", encoding="utf-8")
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    r = run("lint", "a.md", "--diff", "--now", NOW)
    assert path.read_bytes() == before
    assert r.exit_code == 1
    assert r.stdout == "--- a/a.md\n+++ b/a.md\n@@ -5,4 +5,4 @@\n summary: The budget.\n ---\n \n-It it rained.\n+It rained.\n"
    r = run("lint", "a.md", "--fix", "--now", NOW)
    r = run("lint", "a.md", "--diff", "--now", NOW)
    assert r.exit_code == 0 and r.stdout == ""


def test_unsafe_fixes_alone_is_a_usage_error():
    r = run("lint", "articles", "--unsafe-fixes")
    assert r.exit_code == 2 and "--unsafe-fixes only has an effect with --fix or --diff" in r.stderr


def test_a_file_that_is_not_utf8_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "a.md"
    data = (HEAD + "It it rained in M\xe4rz.\n").encode("latin-1")
    path.write_bytes(data)
    monkeypatch.chdir(tmp_path)
    r = run("lint", "a.md", "--fix", "--now", NOW)
    assert path.read_bytes() == data
    assert "M001" in r.stdout and r.exit_code == 1


WORDS = st.sampled_from(["the", "The", "it", "was", "council", "met", "a", "vote", "  ", "\t", "é", "“quote”"])
LINE = st.lists(WORDS, min_size=0, max_size=8).map(" ".join)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(LINE, min_size=1, max_size=6),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
    extra_key=st.sampled_from(["", "autor: X\n", "sumary: Y\n", "titel: Z\n"]),
)
def test_fixing_is_idempotent_and_changes_only_fixed_spans(lines, newline, bom, extra_key):
    head = HEAD.replace("---\n\n", extra_key + "---\n\n", 1) if extra_key else HEAD
    text = (head + "\n\n".join(lines) + "\n").replace("\n", newline)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    once = fix_bytes(data, "a.md", settings())
    twice = fix_bytes(once.fixed, "a.md", settings())
    assert twice.fixed == once.fixed and not twice.applied  # a second --fix changes nothing
    assert once.fixed.startswith(b"\xef\xbb\xbf") == bom
    out_text = once.fixed.decode("utf-8-sig")
    assert out_text.count(newline) == text.count(newline)  # no line added, removed or re-ended
    before_lines = text.removeprefix("\ufeff").split(newline)
    after_lines = out_text.split(newline)
    for before, after in zip(before_lines, after_lines):
        if before == after:
            continue
        key = before.split(":", 1)[0]
        if extra_key and before == extra_key.rstrip("\n"):  # the misspelt key, renamed in place
            assert after.split(":", 1)[1] == before.split(":", 1)[1] and after.split(":", 1)[0] != key
            continue
        # otherwise only doubled words went: each removed word repeats the word kept before it
        kept = iter(after.split())
        previous = None
        current = next(kept, None)
        for word in before.split():
            if word == current:
                previous, current = word, next(kept, None)
            else:
                assert previous is not None and word.lower() == previous.lower(), (before, after)
        assert current is None, (before, after)


@pytest.mark.parametrize(
    "body, fixed",
    [
        ("The the end.\n", "The end.\n"),
        ("yada yada yada, they said.\n", "yada yada yada, they said.\n"),  # deliberate: not safe
        ("each line of code as\nas it is written.\n", "each line of code as\nit is written.\n"),  # the break stays
    ],
)
def test_doubled_word_fixes_that_are_safe(body: str, fixed: str):
    out = fix_bytes((HEAD + body).encode(), "a.md", settings())
    assert out.fixed.decode()[len(HEAD) :] == fixed


def test_singular_and_plural_keys_are_conventions_not_typos():
    text = HEAD.replace("author: Jane Doe\n", "authors: [jane]\n") + "Body.\n"
    out = fix_bytes(text.encode(), "a.md", settings())
    assert "authors: [jane]" in out.fixed.decode()


def test_renaming_a_field_that_is_more_than_a_typo_is_unsafe():
    """`aothur` is two edits from `author`: perhaps another word the site's templates read, so
    only --unsafe-fixes renames it; a one-edit typo (`sumary`) is renamed by --fix."""
    text = HEAD.replace("summary: The budget.\n", "sumary: The budget.\naothur: J\n").replace("author: Jane Doe\n", "") + "Body.\n"
    out = fix_bytes(text.encode(), "a.md", settings())
    assert "aothur: J" in out.fixed.decode() and [f.message for f in out.applied] == ["Unknown field 'sumary' (did you mean 'summary'?)"]
    assert sorted(f.message for f in fix_bytes(text.encode(), "a.md", settings(), unsafe=True).applied) == [
        "Unknown field 'aothur' (did you mean 'author'?)",
        "Unknown field 'sumary' (did you mean 'summary'?)",
    ]


def test_a_fix_that_would_be_refused_is_not_marked_fixable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    text = "---\ntitle: T\ndate: 2024-03-06T18:00:00+01:00\nauthor: A\nautor: B\nsumary: S\n---\n\nBody text.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("lint", "a.md", "--now", NOW, "--select", "M009", "--format", "concise")
    assert r.stdout.splitlines() == [
        "a.md:5:1: M009 warning: Unknown field 'autor' (did you mean 'author'? 'author' is already set) [unknown-field]",
        "a.md:6:1: M009 [*] warning: Unknown field 'sumary' (did you mean 'summary'?) [unknown-field]",
    ]
    assert run("lint", "a.md", "--now", NOW, "--select", "M009").stdout.endswith(
        "Found 2 warnings in 1 of 1 file.\n[*] 1 fixable with --fix.\n"
    )


def test_a_file_that_cannot_be_written_is_reported_and_the_others_are_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import newsctl.atomic

    (tmp_path / "a.md").write_text(HEAD + "It it rained.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(HEAD + "We we voted.\n", encoding="utf-8")
    real = newsctl.atomic.write_atomic

    def flaky(target: Path, data: bytes) -> None:
        if target.name == "a.md":
            raise PermissionError(13, "Permission denied")
        real(target, data)

    monkeypatch.setattr(newsctl.atomic, "write_atomic", flaky)
    monkeypatch.chdir(tmp_path)
    r = run("lint", "a.md", "b.md", "--fix", "--now", NOW)
    assert "a.md: cannot write the fixed file: Permission denied" in r.stderr
    assert (tmp_path / "a.md").read_text("utf-8").endswith("It it rained.\n")
    assert (tmp_path / "b.md").read_text("utf-8").endswith("We voted.\n")
    assert "Fixed 1 problem in 1 file (1 H003 doubled-word)." in r.stdout
    assert r.exit_code == 1  # a file could not be fixed (its doubled word alone is only a warning)


def test_a_fix_that_changes_nothing_is_not_counted(monkeypatch: pytest.MonkeyPatch):
    """A rule bug (an edit that writes back the same text) must not loop or inflate the summary."""
    import newsctl.engine
    from newsctl.findings import Edit, Fix

    real = newsctl.engine.lint_article

    def with_noop(article, settings):
        out = real(article, settings)
        return [
            f if f.code != "H003" else type(f)(**{**f.__dict__, "fix": Fix("no-op", (Edit(f.line, f.column, f.line, f.column + 3, "The"),), safe=True)})
            for f in out
        ]

    monkeypatch.setattr(newsctl.engine, "lint_article", with_noop)
    data = (HEAD + "The the end.\n").encode()
    out = fix_bytes(data, "a.md", settings())
    assert out.fixed == data and out.applied == []


def test_fixes_read_the_article_with_the_site_settings():
    """--fix parses as lint does: with `template-syntax = "none"` braces are text, so the
    doubled space lint reports inside them is the one --fix mends."""
    from dataclasses import replace

    from newsctl.settings import from_mapping, parse_now

    text = HEAD + "Lead {{ a  b }} end.\n"
    site = replace(from_mapping({"template-syntax": "none", "select": ["H009"]}), now=parse_now(NOW))
    assert fix_bytes(text.encode(), "a.md", site).fixed.decode() == HEAD + "Lead {{ a b }} end.\n"
