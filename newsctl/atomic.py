"""Atomic file writes: a temporary file in the target's directory, then a rename.

An interrupted write leaves the old file (or nothing), never half a file. The new file
gets the mode an ordinary `open()` would give it (0666 less the umask), or keeps the mode
of the file it replaces. Special files (a FIFO, /dev/null, a terminal) are written to in
place: replacing them with a regular file would destroy them.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

# Temporary files are `.<target name>.newsctl-<pid>-<random>.tmp`: hidden, and recognisable, so
# one left by a killed run (SIGKILL, power loss) is removed by the next run into that directory
# once its process is gone (`remove_leftovers`). SIGTERM and SIGINT never leave one: the write
# is interrupted by an exception and the temporary file removed on the way out.
_LEFTOVER = re.compile(r"^\..+\.newsctl-(\d+)-[A-Za-z0-9_]+\.tmp$")


def _temp_prefix(target: Path) -> str:
    return f".{target.name}.newsctl-{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def remove_leftovers(directory: Path) -> list[Path]:
    """Delete temporary files an interrupted newsctl left in directory (their process is gone)."""
    removed: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        m = _LEFTOVER.match(name)
        if m is None or _alive(int(m[1])):
            continue
        path = directory / name
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed.append(path)
        except OSError:
            pass
    return removed


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_atomic(target: Path, data: str | bytes) -> None:
    """Write data to target atomically; text is written as UTF-8 with LF newlines."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(target, binary=True) as write:
        write(payload)


@contextmanager
def atomic_writer(target: Path, binary: bool = False) -> Iterator[Callable[[Any], Any]]:
    """Write to target piece by piece, atomically: `with atomic_writer(p) as write:` (text as
    UTF-8 with LF newlines; bytes with binary=True).

    The pieces go to a temporary file in the target's directory, flushed to disk and renamed
    over the target (keeping its permissions) when the block ends; an exception inside the block
    removes the temporary file and leaves the old target. A report written as it is made (issue
    12: outline and readability no longer hold every article's result) uses it directly;
    `write_atomic` is it with one piece. Special files (FIFO, device, terminal) are written to
    in place, never replaced.
    """
    how = {} if binary else {"encoding": "utf-8", "newline": "\n"}
    mode = "wb" if binary else "w"
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(target))
        with open(target, mode, **how) as special:
            yield special.write
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    permissions = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **how) as fh:
            yield fh.write
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, permissions)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_new_atomic(target: Path, data: str | bytes) -> None:
    """Write a file that must not exist yet, atomically; FileExistsError when it does.

    The data goes to a temporary file in the target's directory, which is then hard-linked
    to the target: the link fails if the target exists (even one created a moment ago by
    another process), so nothing is ever overwritten and no half-written file is ever seen.
    Where hard links are not supported, the target is created exclusively and written.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target):
        raise FileExistsError(17, "File exists", str(target))
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network and FAT file systems)
            with open(target, "xb") as out:
                out.write(payload)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
