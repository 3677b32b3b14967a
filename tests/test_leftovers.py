"""Issue 15: interrupted exports leave no temporary files, and -o never replaces an article."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsctl.atomic
from newsctl.cli.app import app

NOW = "2026-11-28T12:00:00Z"
ARTICLE = "---\ntitle: Budget {i}\ndate: 2026-11-20\nauthor: Jane Roe\nsummary: The council approved it.\n---\n\nThe council approved budget {i}.\n"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(3):
        (src / f"a{i}.md").write_text(ARTICLE.format(i=i), encoding="utf-8")
    return src


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_signal_during_a_write_removes_the_temporary_file(articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    out = tmp_path / "out"
    real_fsync = os.fsync
    writes = []

    def fsync(fd: int) -> None:  # the signal arrives while the second file is half written
        real_fsync(fd)
        writes.append(fd)
        if len(writes) == 2:
            os.kill(os.getpid(), signum)

    monkeypatch.setattr(newsctl.atomic.os, "fsync", fsync)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        result = CliRunner().invoke(app, ["export", "--format", "text", "--now", NOW, str(articles), "--output-dir", str(out)])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert result.exit_code == 128 + signum
    assert sorted(p.name for p in out.iterdir()) == ["a0.txt"]  # no .tmp, no half file


def test_leftover_of_a_killed_run_is_removed_by_the_next_run(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead = out / f".a0.txt.newsctl-{gone.stdout.strip()}-x1y2.tmp"
    dead.write_text("half", encoding="utf-8")
    live = out / f".a1.txt.newsctl-{os.getpid()}-z3.tmp"  # a concurrent run's file: kept
    live.write_text("in progress", encoding="utf-8")
    unrelated = out / ".notes.tmp"
    unrelated.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "--format", "text", "--now", NOW, str(articles), "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted([live.name, unrelated.name, "a0.txt", "a1.txt", "a2.txt"])


@pytest.mark.parametrize("name", ["other.md", "other.markdown", "OTHER.MD"])
def test_output_refuses_to_replace_an_existing_article(articles: Path, tmp_path: Path, name: str) -> None:
    other = tmp_path / name
    other.write_text("---\ntitle: Someone else's story\n---\n\nKeep me.\n", encoding="utf-8")
    before = other.read_bytes()
    result = CliRunner().invoke(app, ["export", "--format", "text", "--now", NOW, str(articles / "a0.md"), "-o", str(other)])
    assert result.exit_code == 2
    assert "is an existing Markdown file, not an export; refusing to replace it (use --force)" in " ".join(result.output.split())
    assert other.read_bytes() == before
    forced = CliRunner().invoke(app, ["export", "--format", "text", "--now", NOW, str(articles / "a0.md"), "-o", str(other), "--force"])
    assert forced.exit_code == 0, forced.output
    assert other.read_text(encoding="utf-8").startswith("Budget 0\n")


def test_output_to_a_new_markdown_name_is_allowed(articles: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    result = CliRunner().invoke(app, ["export", "--format", "text", "--now", NOW, str(articles / "a0.md"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("Budget 0\n")
