"""What git knows: the repository root, and the lines changed since a merge base.

Used by SARIF/GitLab reports (paths relative to the repository root) and by
`lint --diff-base REV` (findings on changed lines only). Runs the `git` program; every
failure is a GitError with a message a CI owner can act on.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitError(Exception):
    """git is missing, this is not a repository, or a revision cannot be found."""


def _git(args: list[str], cwd: Path) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed (needed for --diff-base)") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return proc.stdout.decode("utf-8", "surrogateescape")


def toplevel(cwd: Path | None = None) -> Path | None:
    """The root of the git work tree containing cwd, or None outside a repository."""
    try:
        out = _git(["rev-parse", "--show-toplevel"], cwd or Path.cwd()).strip()
    except GitError:
        return None
    return Path(out).resolve() if out else None


def project_root(config_path: Path | None, cwd: Path | None = None) -> Path:
    """Where report paths are relative to: the git root, else the config's directory, else cwd."""
    cwd = (cwd or Path.cwd()).resolve()
    top = toplevel(cwd)
    if top is not None:
        return top
    if config_path is not None:
        return config_path.resolve().parent
    return cwd


@dataclass
class ChangedLines:
    """Per absolute file path: the set of changed line numbers in the current version.

    `whole` holds files that are new to git (untracked or added): every line counts as changed.
    """

    base: str
    lines: dict[Path, set[int]] = field(default_factory=dict)
    whole: set[Path] = field(default_factory=set)

    def file_changed(self, path: Path) -> bool:
        return path in self.whole or path in self.lines

    def touches(self, path: Path, line: int, end_line: int) -> bool:
        if path in self.whole:
            return True
        changed = self.lines.get(path)
        if not changed:
            return False
        return any(n in changed for n in range(line, max(line, end_line) + 1))


def merge_base(rev: str, cwd: Path) -> str:
    """The merge base of REV and HEAD, with advice for shallow CI checkouts."""
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    except GitError:
        shallow = _is_shallow(cwd)
        hint = (
            " This is a shallow clone: fetch the base first (git fetch --depth=1 origin "
            f"{rev.removeprefix('origin/')}; or actions/checkout with fetch-depth: 0)."
            if shallow
            else " Fetch it first (git fetch origin), or name a branch, tag or commit that exists."
        )
        raise GitError(f"--diff-base {rev}: no such revision in this repository.{hint}") from None
    try:
        return _git(["merge-base", rev, "HEAD"], cwd).strip()
    except GitError:
        shallow = _is_shallow(cwd)
        hint = (
            " This is a shallow clone, so the common history is missing: fetch more of it "
            "(git fetch --deepen=100, or actions/checkout with fetch-depth: 0)."
            if shallow
            else " The two histories share no commit."
        )
        raise GitError(f"--diff-base {rev}: no merge base with HEAD.{hint}") from None


def _is_shallow(cwd: Path) -> bool:
    try:
        return _git(["rev-parse", "--is-shallow-repository"], cwd).strip() == "true"
    except GitError:
        return False


def changed_lines(rev: str, cwd: Path | None = None) -> ChangedLines:
    """Lines added or modified since the merge base of REV and HEAD, working tree included.

    Renamed files are followed (`-M`): a file only moved has no changed lines. Untracked
    files (not ignored) are changed as a whole.
    """
    cwd = (cwd or Path.cwd()).resolve()
    top = toplevel(cwd)
    if top is None:
        raise GitError("--diff-base needs a git repository; this directory is not in one")
    base = merge_base(rev, cwd)
    diff = _git(
        ["-c", "core.quotepath=off", "diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-prefix", "--diff-filter=AMR", base, "--"], top
    )
    result = ChangedLines(base)
    current: Path | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:].removesuffix("\t")  # git ends names that contain a space with a tab
            current = None if name == "/dev/null" else (top / _unquote(name)).resolve()
            if current is not None:
                result.lines.setdefault(current, set())  # in the diff: changed (lines may only have been deleted)
        elif line.startswith("@@") and current is not None:
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
                if count:
                    result.lines[current].update(range(start, start + count))
                else:  # lines deleted after `start`: the lines on either side of the cut changed
                    result.lines[current].update({max(start, 1), start + 1})
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    for name in filter(None, untracked.split("\0")):
        result.whole.add((top / name).resolve())
    return result


def _unquote(name: str) -> str:
    """git quotes unusual file names ("a\\303\\251.md"); undo it."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    body = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return body.encode("latin-1").decode("utf-8", "surrogateescape")
