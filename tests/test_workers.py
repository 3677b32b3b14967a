"""export, outline and readability give byte-identical output with and without worker processes.

`-j 2` forces the pool even for a small batch (as lint's --jobs does), so these tests run the
worker path on a dozen generated articles plus the awkward cases: an unreadable file, two
articles with the same slug (the second must fail the same way), and a draft (skipped).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.engine import default_jobs, map_files
from tests.bench.corpus import write_corpus

NOW = "2026-11-28T12:00:00Z"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, 12)
    first = sorted(root.rglob("*.md"))[0]
    text = first.read_text("utf-8")
    (root / "2020" / "zz-same-slug-copy.md").write_text(text, "utf-8")  # same slug as `first`
    (root / "2020" / "broken.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n\nBody.\n")  # not UTF-8: unreadable
    (root / "2020" / "draft.md").write_text("---\ntitle: A draft\nstatus: draft\n---\n\nBody text.\n", "utf-8")
    return root


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["html", "text", "ninjs"])
def test_export_writes_the_same_files_with_and_without_workers(corpus: Path, tmp_path: Path, fmt: str):
    outcomes = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        code, stdout, stderr = run("export", str(corpus), "--format", fmt, "-d", str(out), "--now", NOW, "-j", jobs,
                                   "--base-url", "https://example.com/news/")
        outcomes.append((code, stdout, stderr.replace(str(out), "OUT"), tree(out)))
    assert outcomes[0] == outcomes[1]
    code, _, stderr, files = outcomes[0]
    assert code == 1  # the broken article and the second of the same slug fail
    assert len(files) == 10  # 12 generated (two are drafts, skipped), the copy and broken.md fail
    assert "broken.md:2:" in stderr
    assert "zz-same-slug-copy.md" in stderr and "(same slug)" in stderr
    assert "skipped 3, failed 2" in stderr


def test_export_dry_run_lists_the_same_targets_with_workers(corpus: Path, tmp_path: Path):
    listings = [run("export", str(corpus), "-d", str(tmp_path / "out"), "--now", NOW, "--dry-run", "-j", jobs)[1] for jobs in ("1", "2")]
    assert listings[0] == listings[1]
    assert len(listings[0].splitlines()) == 10  # as written: the same-slug copy fails in a dry run too
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", ["json", "markdown", "opml", "tree"])
def test_outline_is_the_same_with_and_without_workers(corpus: Path, fmt: str):
    one, two = (run("outline", str(corpus), "--format", fmt, "--now", NOW, "-j", jobs) for jobs in ("1", "2"))
    assert one == two
    assert one[0] == 1 and "broken.md:2:" in one[2]
    if fmt == "json":
        assert len(json.loads(one[1])["articles"]) == 14  # all but broken.md


@pytest.mark.parametrize("fmt", ["json", "csv", "text"])
def test_readability_is_the_same_with_and_without_workers(corpus: Path, fmt: str):
    one, two = (run("readability", str(corpus), "--format", fmt, "-j", jobs) for jobs in ("1", "2"))
    assert one == two
    assert one[0] == 1 and "broken.md:2:" in one[2]


def _square(n: int) -> int:
    return n * n


def _fails_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three")
    return n


def test_map_files_keeps_the_order_in_and_out_of_process():
    seen: list[int] = []
    assert map_files(_square, list(range(100)), jobs=2, on_result=seen.append) == [n * n for n in range(100)]
    assert seen == [n * n for n in range(100)]
    assert map_files(_square, list(range(5)), jobs=1) == [0, 1, 4, 9, 16]
    assert map_files(_square, [], jobs=2) == []


def test_map_files_runs_small_batches_in_process_by_default():
    pid = os.getpid()
    assert default_jobs(4) == 1
    assert map_files(_pid, list(range(4))) == [pid] * 4


def _pid(_: int) -> int:
    return os.getpid()


def test_jobs_option_is_the_same_on_every_batch_command():
    helps = {name: " ".join(run(name, "--help")[1].split()) for name in ("lint", "export", "outline", "readability")}
    for name, text in helps.items():
        assert "-j, --jobs <int range> Worker processes (default: one per core for 48 files or more). [x>=1]" in text, name
