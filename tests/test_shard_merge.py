"""`--shard K/N` and `newsctl merge`: N shards cover every file exactly once and merge to the unsharded report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.shard import parse_shard, select, shard_of
from newsctl.cli.app import app
from tests.bench.corpus import write_corpus
from tests.conftest import ARTICLES, FIXTURES

NOW = "2026-11-28T12:00:00Z"
runner = CliRunner()


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "articles"
    shutil.copytree(ARTICLES, root / "samples")
    write_corpus(root / "generated", 30)
    for i, fixture in enumerate(sorted(FIXTURES.glob("*.md"))[:20]):
        shutil.copy(fixture, root / f"f{i}-{fixture.name}")
    monkeypatch.chdir(tmp_path)
    return root


def test_parse_shard():
    assert parse_shard("2/4") == (2, 4) and parse_shard(" 1 / 1 ") == (1, 1)
    for bad in ("0/3", "4/3", "1/0", "a/b", "1", "-1/2"):
        with pytest.raises(ValueError):
            parse_shard(bad)


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_every_file_in_exactly_one_shard(project: Path, n: int):
    files = [(p, p.name) for p in sorted(project.rglob("*.md"))]
    shards = [select(files, project.parent, k, n) for k in range(1, n + 1)]
    joined = [item for shard in shards for item in shard]
    assert sorted(joined) == sorted(files) and len(joined) == len(files)
    if n > 1:
        assert all(shards), "with 80 files every shard gets some"


def test_a_files_shard_depends_on_its_path_from_the_root_only(tmp_path: Path):
    a = shard_of(tmp_path / "x" / "2024" / "story.md", tmp_path / "x", 5)
    b = shard_of(tmp_path / "elsewhere" / "2024" / "story.md", tmp_path / "elsewhere", 5)
    assert a == b and 1 <= a <= 5


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_merged_shard_reports_equal_the_unsharded_report(project: Path, fmt: str):
    whole = runner.invoke(app, ["lint", "--now", NOW, "--format", fmt, "articles"])
    assert whole.exit_code == 1
    names = []
    for k in (1, 2, 3):
        out = f"lint-{k}.{fmt}"
        shard = runner.invoke(app, ["lint", "--now", NOW, "--format", fmt, "--shard", f"{k}/3", "-o", out, "articles"])
        assert shard.exit_code in (0, 1), shard.stderr
        names.append(out)
    counts = [json.loads(Path(n).read_text("utf-8")).get("files") for n in names]
    merged = runner.invoke(app, ["merge", *names])
    assert merged.exit_code == 0, merged.stderr
    assert json.loads(merged.stdout) == json.loads(whole.stdout)
    if fmt == "json":
        assert sum(counts) == json.loads(whole.stdout)["files"] and all(counts)


def test_export_shards_write_the_unsharded_files(project: Path, tmp_path: Path):
    args = ["export", "--now", NOW, "--include-drafts", "--format", "ninjs", "articles"]
    assert runner.invoke(app, [*args, "--output-dir", "whole"]).exit_code in (0, 1)
    for k in (1, 2):
        assert runner.invoke(app, [*args, "--shard", f"{k}/2", "--output-dir", "parts"]).exit_code in (0, 1)
    whole = {p.relative_to(tmp_path / "whole"): p.read_bytes() for p in (tmp_path / "whole").rglob("*") if p.is_file()}
    parts = {p.relative_to(tmp_path / "parts"): p.read_bytes() for p in (tmp_path / "parts").rglob("*") if p.is_file()}
    assert whole and parts == whole


def test_merge_refuses_mixed_formats_versions_and_junk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    report = {"version": "0.1.0", "files": 1, "summary": {"error": 0, "warning": 0, "info": 0}, "findings": []}
    Path("a.json").write_text(json.dumps(report), "utf-8")
    Path("b.json").write_text(json.dumps({**report, "version": "9.9"}), "utf-8")
    Path("c.sarif").write_text(json.dumps({"$schema": "x", "version": "2.1.0", "runs": []}), "utf-8")
    Path("d.json").write_text("{not json", "utf-8")
    for names, message in [
        (["a.json", "b.json"], "b.json was written by newsctl 9.9"),
        (["a.json", "c.sarif"], "cannot merge JSON reports with SARIF logs"),
        (["a.json", "d.json"], "d.json: not JSON"),
        (["a.json", "missing.json"], "missing.json: cannot read"),
    ]:
        result = runner.invoke(app, ["merge", *names])
        assert result.exit_code == 2 and message in result.stderr, (names, result.stderr)


def test_a_bad_shard_is_a_usage_error(project: Path):
    result = runner.invoke(app, ["lint", "--shard", "5/4", "articles"])
    assert result.exit_code == 2 and "--shard 5/4: K must be between 1 and N" in result.stderr
