"""The lint cache (newsctl.cache): same findings with and without it, and no cache fault ever trusted or fatal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cache import LintCache, clean
from newsctl.cli.app import app
from newsctl.engine import lint_paths
from newsctl.settings import Settings
from tests.conftest import ARTICLES, FIXTURES

NOW = "2026-11-28T12:00:00Z"
SETTINGS = Settings(now=datetime(2026, 11, 28, 12, tzinfo=timezone.utc))


def _copy_articles(tmp_path: Path, fixtures: int = 25) -> Path:
    root = tmp_path / "articles"
    shutil.copytree(ARTICLES, root)
    for i, fixture in enumerate(sorted(FIXTURES.glob("*.md"))[:fixtures]):
        shutil.copy(fixture, root / f"fixture-{i}-{fixture.name}")
    return root


def _dicts(result) -> list[dict]:
    return [{**f.to_dict(), "hint": f.hint, "related": repr(f.related)} for f in result.findings]


def _entries(cache_dir: Path) -> list[Path]:
    """The cache files: one per configuration (settings digest), not one per article."""
    return sorted(cache_dir.glob("v*/*.json"))


def _files(cache_dir: Path) -> dict[str, list]:
    (only,) = _entries(cache_dir)
    return json.loads(only.read_text("utf-8"))["files"]


def test_findings_are_identical_without_cache_cold_and_warm(tmp_path: Path):
    root = _copy_articles(tmp_path)
    plain = _dicts(lint_paths([root], SETTINGS, jobs=1))
    cache = LintCache(tmp_path / "cache", SETTINGS)
    cold = _dicts(lint_paths([root], SETTINGS, jobs=1, cache=cache))
    assert sorted(_files(tmp_path / "cache")) == sorted(p.as_posix() for p in root.glob("*.md"))
    warm = _dicts(lint_paths([root], SETTINGS, jobs=1, cache=cache))
    workers = _dicts(lint_paths([root], SETTINGS, jobs=2, cache=cache))
    assert plain and plain == cold == warm == workers


def _tamper(cache_dir: Path, message: str) -> None:
    for cache_file in _entries(cache_dir):
        document = json.loads(cache_file.read_text("utf-8"))
        for entry in document["files"].values():
            for row in entry[4]:
                row[8] = message
        cache_file.write_text(json.dumps(document), "utf-8")


def test_a_warm_run_reads_findings_back(tmp_path: Path):
    root = _copy_articles(tmp_path)
    cache = LintCache(tmp_path / "cache", SETTINGS)
    lint_paths([root], SETTINGS, jobs=1, cache=cache)
    _tamper(tmp_path / "cache", "from the cache")
    assert {f.message for f in lint_paths([root], SETTINGS, jobs=1, cache=cache).findings} == {"from the cache"}


def test_changed_content_settings_or_now_miss(tmp_path: Path):
    root = _copy_articles(tmp_path)
    cache = LintCache(tmp_path / "cache", SETTINGS)
    lint_paths([root], SETTINGS, jobs=1, cache=cache)
    _tamper(tmp_path / "cache", "stale")
    later = Settings(now=datetime(2027, 6, 1, tzinfo=timezone.utc))
    assert "stale" not in {f.message for f in lint_paths([root], later, jobs=1, cache=LintCache(tmp_path / "cache", later)).findings}
    fewer = Settings(now=SETTINGS.now, ignore=("R",))
    assert "stale" not in {f.message for f in lint_paths([root], fewer, jobs=1, cache=LintCache(tmp_path / "cache", fewer)).findings}
    target = root / "cybersecurity-diplomacy.md"
    target.write_text(target.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    shown = {f.message for f in lint_paths([target], SETTINGS, jobs=1, cache=cache).findings}
    assert "stale" not in shown


def _other(text: str, field: str, value: object) -> str:
    document = json.loads(text)
    document[field] = value
    return json.dumps(document)


def _first_entry(text: str, change) -> str:
    document = json.loads(text)
    first = sorted(document["files"])[0]
    document["files"][first] = change(document["files"][first])
    return json.dumps(document)


def _first_row(entry: list) -> list:
    rows = entry[4]
    if rows:
        rows[0][0] = "x"  # a line number that is not a number
    else:
        entry[4] = [["x"]]
    return entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "\x00\xff garbage {",  # corrupt
        lambda text: text[: len(text) // 2],  # truncated mid-write
        lambda text: "",  # empty
        lambda text: "[1, 2, 3]",  # valid JSON of another shape
        lambda text: _other(text, "files", [1, 2]),  # the entries of another shape
        lambda text: _other(text, "version", "0.0.1"),  # written by another newsctl version
        lambda text: _other(text, "format", 1),  # another cache layout
        lambda text: _other(text, "digest", "0" * 32),  # another configuration's file under this name
        lambda text: _first_entry(text, lambda entry: {"findings": entry}),  # one entry of another shape
        lambda text: _first_entry(text, lambda entry: entry[:3]),  # one entry cut short
        lambda text: _first_entry(text, _first_row),  # a wrong type inside a finding
        lambda text: _first_entry(text, lambda entry: [*entry[:2], [["title"], ["2"]], *entry[3:]]),  # a key's line as text
        lambda text: _first_entry(text, lambda entry: [*entry[:2], [[["title"]], [2]], *entry[3:]]),  # a key that is a list
    ],
    ids=[
        "corrupt", "truncated", "empty", "wrong-shape", "wrong-shape-files", "other-version", "other-format",
        "other-digest", "wrong-shape-entry", "short-entry", "wrong-type", "wrong-type-key-line", "wrong-type-key",
    ],
)
def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path: Path, damage):
    root = _copy_articles(tmp_path, fixtures=3)
    cache = LintCache(tmp_path / "cache", SETTINGS)
    expected = _dicts(lint_paths([root], SETTINGS, jobs=1, cache=cache))
    (cache_file,) = _entries(tmp_path / "cache")
    good = cache_file.read_text("utf-8")
    cache_file.write_text(damage(good), "utf-8", errors="surrogateescape")
    assert _dicts(lint_paths([root], SETTINGS, jobs=1, cache=cache)) == expected
    assert _entries(tmp_path / "cache") == [cache_file]
    assert json.loads(cache_file.read_text("utf-8")) == json.loads(good)  # written again, whole
    _tamper(tmp_path / "cache", "from the cache")  # and trusted again on the next run
    assert {f.message for f in lint_paths([root], SETTINGS, jobs=1, cache=cache).findings} == {"from the cache"}


def test_runs_that_overlap_keep_each_others_entries(tmp_path: Path):
    root = _copy_articles(tmp_path)
    names = sorted(root.glob("*.md"))
    first, second = names[: len(names) // 2], names[len(names) // 2 :]
    slow = LintCache(tmp_path / "cache", SETTINGS)
    assert slow.get(first[0].as_posix(), "0" * 64) is None  # this run has read the (empty) cache ...
    lint_paths(second, SETTINGS, jobs=1, cache=LintCache(tmp_path / "cache", SETTINGS))  # ... another writes meanwhile
    lint_paths(first, SETTINGS, jobs=1, cache=slow)  # ... then this one finishes
    assert sorted(_files(tmp_path / "cache")) == sorted(p.as_posix() for p in names)  # merged, nothing lost
    _tamper(tmp_path / "cache", "from the cache")
    assert {f.message for f in lint_paths([root], SETTINGS, jobs=1, cache=slow).findings} == {"from the cache"}


def test_an_entry_is_for_the_bytes_linted(tmp_path: Path):
    """A file rewritten between two runs with the same path misses; the entry follows the bytes."""
    root = _copy_articles(tmp_path)
    target = root / "cybersecurity-diplomacy.md"
    cache = LintCache(tmp_path / "cache", SETTINGS)
    original = target.read_bytes()
    before = _dicts(lint_paths([target], SETTINGS, jobs=1, cache=cache))
    target.write_bytes(original.replace(b"\n\n", b"\n\nAs an AI language model, I cannot say.\n\n", 1))
    changed = _dicts(lint_paths([target], SETTINGS, jobs=1, cache=cache))
    assert changed != before and changed == _dicts(lint_paths([target], SETTINGS, jobs=1))
    target.write_bytes(original)
    assert _dicts(lint_paths([target], SETTINGS, jobs=1, cache=cache)) == before


def test_concurrent_runs_share_one_cache(tmp_path: Path):
    root = _copy_articles(tmp_path)
    expected = _dicts(lint_paths([root], SETTINGS, jobs=1))
    cmd = [sys.executable, "-m", "newsctl", "lint", "--now", NOW, "--format", "json", "--cache-dir", str(tmp_path / "cache"), str(root)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate()[0] for p in procs]
    assert len(set(outs)) == 1 and json.loads(outs[0])["findings"]
    again = subprocess.run(cmd, capture_output=True).stdout
    assert again == outs[0]
    plain = subprocess.run([*cmd[:-3], str(root)], capture_output=True).stdout
    assert plain == outs[0]
    assert len(expected) == len(json.loads(outs[0])["findings"])


def test_an_unwritable_cache_is_not_fatal(tmp_path: Path):
    root = _copy_articles(tmp_path)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory should be", "utf-8")
    expected = _dicts(lint_paths([root], SETTINGS, jobs=1))
    assert _dicts(lint_paths([root], SETTINGS, jobs=1, cache=LintCache(blocker, SETTINGS))) == expected


def test_a_linked_article_appearing_is_seen_through_the_cache(tmp_path: Path):
    root = tmp_path / "site"
    root.mkdir()
    front = "---\ntitle: Council votes\ndate: 2026-11-20T10:00:00Z\nauthor: A. Writer\nsummary: The council voted.\n---\n\n"
    (root / "a.md").write_text(front + "The council voted on Tuesday. See [the earlier story](b.md).\n", "utf-8")
    cache = LintCache(tmp_path / "cache", SETTINGS)
    before = [f.code for f in lint_paths([root / "a.md"], SETTINGS, jobs=1, cache=cache).findings]
    assert "S011" in before
    (root / "b.md").write_text(front + "Earlier.\n", "utf-8")
    after = [f.code for f in lint_paths([root / "a.md"], SETTINGS, jobs=1, cache=cache).findings]
    assert "S011" not in after and after == [f.code for f in lint_paths([root / "a.md"], SETTINGS, jobs=1).findings]


def test_cli_no_cache_and_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    root = _copy_articles(tmp_path)
    runner = CliRunner()
    args = ["lint", "--now", NOW, "--format", "json", str(root)]
    first = runner.invoke(app, [*args, "--cache-dir", "c"])
    assert first.exit_code == 1 and _entries(tmp_path / "c")
    assert (tmp_path / "c" / ".gitignore").read_text("utf-8").endswith("*\n")
    shutil.rmtree(tmp_path / "c")
    second = runner.invoke(app, [*args, "--cache-dir", "c", "--no-cache"])
    assert second.stdout == first.stdout and not (tmp_path / "c").exists()
    assert runner.invoke(app, args).stdout == first.stdout and not list(tmp_path.glob("**/v2"))  # no cache unless asked
    runner.invoke(app, [*args, "--cache-dir", "c"])
    done = runner.invoke(app, ["clean", "--cache-dir", "c"])
    assert done.exit_code == 0 and not (tmp_path / "c").exists()
    assert "Removed c" in done.stderr
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine", "utf-8")
    refused = runner.invoke(app, ["clean", "--cache-dir", "notes"])
    assert refused.exit_code == 2 and "does not look like a newsctl cache" in refused.stderr
    assert (tmp_path / "notes" / "keep.txt").exists()


def test_cache_dir_setting_is_relative_to_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = _copy_articles(tmp_path)
    (tmp_path / "newsctl.toml").write_text('cache-dir = ".newsctl_cache"\n', "utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    monkeypatch.delenv("NEWSCTL_CACHE_DIR", raising=False)
    result = CliRunner().invoke(app, ["lint", "--now", NOW, "-q", str(root)])
    assert result.exit_code == 1 and _entries(tmp_path / ".newsctl_cache")


def test_clean_refuses_what_it_did_not_make(tmp_path: Path):
    assert clean(tmp_path / "absent") is False
    (tmp_path / "x").mkdir()
    with pytest.raises(ValueError):
        clean(tmp_path / "x")


def test_a_file_name_that_is_not_utf8_is_cached(tmp_path: Path):
    root = tmp_path / "site"
    root.mkdir()
    name = os.fsdecode(b"caf\xe9-council.md")  # Latin-1 bytes in the name: a surrogate escape in Python
    (root / name).write_text("---\ntitle: Council votes\n---\n\nThe council voted on Tuesday.\n", "utf-8")
    cache = LintCache(tmp_path / "cache", SETTINGS)
    cold = _dicts(lint_paths([root], SETTINGS, jobs=1, cache=cache))
    assert cold and list(_files(tmp_path / "cache")) == [(root / name).as_posix()]
    _tamper(tmp_path / "cache", "from the cache")
    assert {f.message for f in lint_paths([root], SETTINGS, jobs=1, cache=cache).findings} == {"from the cache"}


def test_the_old_layout_is_removed_when_the_new_one_is_written(tmp_path: Path):
    root = _copy_articles(tmp_path)
    old = tmp_path / "cache" / "v1" / "ab"
    old.mkdir(parents=True)
    (old / "ab12.json").write_text('{"key": "ab12"}', "utf-8")
    lint_paths([root], SETTINGS, jobs=1, cache=LintCache(tmp_path / "cache", SETTINGS))
    assert not (tmp_path / "cache" / "v1").exists() and len(_entries(tmp_path / "cache")) == 1


def test_no_cache_without_a_fixed_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """On the clock's time no entry could ever be found again: nothing is read or written, and
    the run says why (unless quiet); the findings are those of a run without a cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSCTL_CACHE_DIR", raising=False)
    root = _copy_articles(tmp_path)
    runner = CliRunner()
    plain = runner.invoke(app, ["lint", "--format", "json", str(root)])
    asked = runner.invoke(app, ["lint", "--format", "json", "--cache-dir", "c", str(root)])
    assert asked.exit_code == plain.exit_code == 1
    assert "the lint cache is used only with a fixed --now" in asked.stderr
    assert not (tmp_path / "c").exists()
    quiet = runner.invoke(app, ["lint", "-q", "--cache-dir", "c", str(root)])
    assert quiet.exit_code == 1 and "lint cache" not in quiet.stderr and not (tmp_path / "c").exists()
    with_now = runner.invoke(app, ["lint", "--now", NOW, "--format", "json", "--cache-dir", "c", str(root)])
    assert "lint cache" not in with_now.stderr and _entries(tmp_path / "c")


def test_a_v1_directory_newsctl_did_not_write_is_kept(tmp_path: Path):
    """--cache-dir may point at a shared directory (~/.cache, /tmp): only the old layout's own
    files (`v1/<2 hex>/<hex>.json`) are removed, never someone else's `v1/`."""
    root = _copy_articles(tmp_path)
    notes = tmp_path / "cache" / "v1" / "docs" / "notes.txt"
    notes.parent.mkdir(parents=True)
    notes.write_text("precious\n", "utf-8")
    mixed = tmp_path / "cache2" / "v1" / "ab"
    mixed.mkdir(parents=True)
    (mixed / "ab12.json").write_text('{"key": "ab12"}', "utf-8")
    (mixed / "README").write_text("mine\n", "utf-8")
    for directory in ("cache", "cache2"):
        lint_paths([root], SETTINGS, jobs=1, cache=LintCache(tmp_path / directory, SETTINGS))
        assert len(_entries(tmp_path / directory)) == 1
    assert notes.read_text("utf-8") == "precious\n"
    assert (mixed / "README").read_text("utf-8") == "mine\n" and (mixed / "ab12.json").exists()
