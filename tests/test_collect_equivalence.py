"""engine.collect walks with strings (a warm cached run spends much of its time there): it must
yield exactly what the pathlib definition it replaced yielded, on trees with symlinks, loops,
.gitignore files, excludes, relative and absolute spellings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsctl.engine import ARTICLE_SUFFIXES, GitIgnores, collect, display_path
from newsctl.settings import Settings


def _old_real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _old_ignored(ignores: GitIgnores, path: Path, is_dir: bool = False) -> bool:
    path = Path(os.path.abspath(path))
    verdict = False
    for directory, spec in ignores._specs.items():
        if spec is None or directory not in path.parents:
            continue
        rel = path.relative_to(directory).as_posix() + ("/" if is_dir else "")
        result = spec.check_file(rel)  # type: ignore[attr-defined]
        if result.include is not None:
            verdict = bool(result.include)
    return verdict


def old_collect(paths, settings: Settings, force_exclude: bool = False):
    """engine.collect as it was before the string walk (0.2.0)."""
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if not p.is_dir():
            key = _old_real(p)
            if force_exclude and settings.is_excluded(display_path(p)):
                continue
            if key not in seen:
                seen.add(key)
                yield p, display_path(p)
            continue
        found: list[tuple[str, Path]] = []
        walked: set[Path] = set()
        ignores = GitIgnores(p) if settings.respect_gitignore else None
        for root, dirs, files in os.walk(p, followlinks=True):
            real_root = _old_real(Path(root))
            if real_root in walked:
                dirs[:] = []
                continue
            walked.add(real_root)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
            if ignores is not None:
                ignores.enter(Path(root))
                dirs[:] = [d for d in dirs if not _old_ignored(ignores, Path(root) / d, is_dir=True)]
            candidates = [n for n in files if n.lower().endswith(ARTICLE_SUFFIXES)]
            candidates += [d for d in dirs if d.lower().endswith(ARTICLE_SUFFIXES)]
            for name in candidates:
                fp = Path(root) / name
                if ignores is not None and _old_ignored(ignores, fp, is_dir=(Path(root) / name).is_dir()):
                    continue
                shown = display_path(fp)
                key = _old_real(fp)
                if key not in seen and not settings.is_excluded(shown):
                    seen.add(key)
                    found.append((shown, fp))
        for shown, fp in sorted(found):
            yield fp, shown


def _tree(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for rel in [
        "a.md", "b.markdown", "notes.txt", "2024/01/story.md", "2024/01/Other.MD", "2024/02/x.md",
        "drafts/wip.md", "drafts/keep.md", "build/out.md", ".hidden/h.md", "node_modules/n.md",
        "deep/er/still/here.md", "space dir/é ü.md", "vendor/lib/v.md",
    ]:
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: T\n---\n\nText.\n", "utf-8")
    (site / "dir.md").mkdir()  # a directory named like an article
    (site / ".gitignore").write_text("build/\ndrafts/*\n!drafts/keep.md\n*.markdown\n", "utf-8")
    (site / "deep" / ".gitignore").write_text("still/\n", "utf-8")
    (site / "deep" / "er" / ".gitignore").write_text("!still/\n", "utf-8")
    (site / "2024" / "link.md").symlink_to(site / "a.md")  # a symlinked file: read once
    (site / "2024" / "loop").symlink_to(site / "2024")  # a loop
    (site / "mirror").symlink_to(site / "2024" / "01")  # a directory reached twice
    (site / "broken.md").symlink_to(site / "nowhere.md")  # a dangling link
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "info").mkdir()
    (tmp_path / ".git" / "info" / "exclude").write_text("vendor/\n", "utf-8")
    return site


@pytest.mark.parametrize(
    "settings",
    [Settings(), Settings(respect_gitignore=False), Settings(exclude=("2024/02/**", "here.md"))],
    ids=["gitignore", "no-ignore", "exclude"],
)
@pytest.mark.parametrize("spelling", ["relative", "absolute", "dotted", "cwd", "twice"])
def test_collect_yields_what_the_pathlib_walk_did(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings, spelling: str):
    site = _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    paths = {
        "relative": ["site"],
        "absolute": [str(site)],
        "dotted": ["./site/../site/2024", "site/a.md", "site/missing.md"],
        "cwd": ["."],
        "twice": ["site/2024", "site", str(site / "2024" / "01" / "story.md")],
    }[spelling]
    new = [(str(p), shown) for p, shown in collect(paths, settings)]
    old = [(str(p), shown) for p, shown in old_collect(paths, settings)]
    assert new == old and new
    monkeypatch.chdir(site / "2024")  # the tree above the current directory: shown as absolute paths
    assert [(str(p), s) for p, s in collect([site], settings)] == [(str(p), s) for p, s in old_collect([site], settings)]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_a_fifo_named_like_an_article_is_not_read_when_walking(tmp_path: Path):
    """Reading a FIFO waits for a writer forever: a directory walk leaves FIFOs (and sockets and
    devices) out, as git does, so `newsctl lint DIR` finishes with the real articles' findings."""
    (tmp_path / "real.md").write_text("---\ntitle: A real article\n---\n\nText.\n", "utf-8")
    os.mkfifo(tmp_path / "pipe.md")
    os.symlink(tmp_path / "pipe.md", tmp_path / "link.md")
    assert [shown for _, shown in collect([tmp_path], Settings())] == [display_path(tmp_path / "real.md")]
    done = subprocess.run(
        [sys.executable, "-m", "newsctl", "lint", "--format", "json", "--now", "2026-11-28T12:00:00Z", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout) and "pipe.md" not in done.stdout + done.stderr
