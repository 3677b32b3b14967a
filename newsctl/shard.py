"""`--shard K/N`: split a batch across N CI jobs so that each file is in exactly one shard.

A file's shard is a hash of its path relative to the project root (the settings file's
directory, else the current one), so every job of a matrix, on any runner, in any checkout
location, puts the same file in the same shard, and a file keeps its shard as others come and go.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Iterable, TypeVar

T = TypeVar("T")
_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(spec: str) -> tuple[int, int]:
    """(K, N) from "K/N" with 1 <= K <= N; ValueError with a message otherwise."""
    m = _SPEC.match(spec)
    if not m:
        raise ValueError(f"--shard {spec!r}: write K/N, e.g. 1/4 for the first of four shards")
    k, n = int(m.group(1)), int(m.group(2))
    if n < 1 or not 1 <= k <= n:
        raise ValueError(f"--shard {spec}: K must be between 1 and N (N >= 1)")
    return k, n


def shard_of(path: Path, root: Path, n: int) -> int:
    """The shard (1..n) of a file: a stable hash of its path relative to root, in POSIX form."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
    digest = hashlib.blake2b(rel.encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % n + 1


def project_root(settings: object) -> Path:
    config = getattr(settings, "config_path", None)
    return Path(config).parent if config is not None else Path.cwd()


def select(files: Iterable[tuple[Path, T]], root: Path, k: int, n: int) -> list[tuple[Path, T]]:
    """The (path, ...) pairs of shard k of n, in their given order."""
    return [item for item in files if shard_of(item[0], root, n) == k]
