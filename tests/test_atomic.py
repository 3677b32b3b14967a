"""Atomic writes keep modes, respect the umask and never replace special files."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from newsctl.atomic import write_atomic


def test_new_file_gets_umask_mode(tmp_path: Path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode(tmp_path: Path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_fifo_is_written_through_not_replaced(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "hello")
    reader.join(5)
    assert received == [b"hello"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_directory_target_is_refused(tmp_path: Path):
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, "x")


def test_failed_write_leaves_old_content_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "a.txt"
    target.write_text("old")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_sigterm_during_any_command_leaves_no_temporary_file(tmp_path):
    """`newsctl outline -o` (not only export) turns SIGTERM into a clean exit: 143, nothing half-written."""
    import signal
    import subprocess
    import sys
    import time

    big = tmp_path / "big.md"
    big.write_text("---\ntitle: T\ndate: 2024-01-01\nauthor: A\n---\n\n" + ("Word after word. " * 200 + "\n\n") * 400, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newsctl", "outline", str(big), "--format", "json", "-o", str(tmp_path / "o.json")])
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) in (143, 0)  # 0 only when it had already finished
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_no_command_replaces_an_article_named_by_output(tmp_path):
    """-o naming an existing article (Markdown opening with front matter) is refused by every
    command; a Markdown report the command wrote before (a table of contents) is replaced."""
    from typer.testing import CliRunner

    from newsctl.cli.app import app

    article = tmp_path / "other.md"
    original = "---\ntitle: Other story\ndate: 2024-01-01\nauthor: A\n---\n\nBody.\n"
    article.write_text(original, encoding="utf-8")
    runner = CliRunner()
    for args in (["lint"], ["outline", "--format", "markdown"], ["readability"]):
        r = runner.invoke(app, [*args, "articles/ostra-river-floods-velden.md", "-o", str(article)])
        assert r.exit_code == 2, (args, r.output)
        assert "is an existing article (it opens with front matter); refusing to replace it" in r.stderr
    assert article.read_text(encoding="utf-8") == original
    toc = tmp_path / "toc.md"
    for _ in range(2):
        assert runner.invoke(app, ["outline", "--format", "markdown", "articles/ostra-river-floods-velden.md", "-o", str(toc)]).exit_code == 0
    assert toc.read_text(encoding="utf-8").startswith("- [")
