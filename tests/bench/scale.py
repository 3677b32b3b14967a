"""`make bench-scale`: lint of a large archive (10,000 generated articles) with the cache on,
cold then warm, and the memory of each report format. Issue 12's targets: a second run over
unchanged files in under 1 s whole process, under 150 MB peak.

Each run is a fresh process timed with os.wait4 (tests.bench.run.run): CPU is user + system
of the process and the workers it waited for, peak RSS the largest of them (what
`/usr/bin/time -f %M` reports). The warm rows are the best of 3 by CPU. The cold and warm
JSON reports are compared byte for byte. Nothing here asserts a time.

    python -m tests.bench.scale [--articles 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from tests.bench.corpus import write_corpus
from tests.bench.run import NEWSCTL, NOW, Run, run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_SCALE_ARTICLES", 10000)))
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it (reused when it is there)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="newsctl-scale-"))
    corpus = args.keep or tmp / "corpus"
    if args.keep and corpus.is_dir() and sum(1 for _ in corpus.rglob("*.md")) == args.articles:
        n = args.articles
    else:
        n = len(write_corpus(corpus, args.articles))
    cache_dir = tmp / "cache"
    env = dict(os.environ, NEWSCTL_CACHE_DIR=str(cache_dir))
    print(f"# newsctl bench-scale: {n} articles, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"# {platform.node()}: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, Python {platform.python_version()}\n")

    lint = [*NEWSCTL, "lint", "--now", NOW, str(corpus)]
    rows: list[Run] = []
    cold_out, warm_out = tmp / "cold.json", tmp / "warm.json"
    rows.append(_report("lint --format json, cache empty (cold, default -j)", [*lint, "--format", "json"], n, cold_out, env))
    warm = min((_report("lint --format json, cache warm (best of 3)", [*lint, "--format", "json"], n, warm_out, env) for _ in range(3)),
               key=lambda r: r.cpu)
    rows.append(warm)
    for fmt in ("text", "sarif", "gitlab", "github"):
        rows.append(min((run(f"lint --format {fmt}, cache warm (best of 3)", [*lint, "--format", fmt], n, env=env) for _ in range(3)),
                        key=lambda r: r.cpu))
    cache_files = list(cache_dir.glob("v*/*.json"))
    size = sum(p.stat().st_size for p in cache_files) / 1e6

    print("| run | wall s | CPU s | CPU ms/article | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r.label} | {r.wall:.2f} | {r.cpu:.2f} | {r.cpu_ms:.3f} | {r.rss_mb:.0f} |")
    print()
    same = filecmp.cmp(cold_out, warm_out, shallow=False)
    print(f"cold and warm JSON reports byte-identical: {'yes' if same else 'NO'}")
    print(f"cache: {len(cache_files)} file(s), {size:.1f} MB")
    print(f"warm run under 1 s whole process (target): {'yes' if warm.wall < 1 else 'no'} (wall {warm.wall:.2f} s, CPU {warm.cpu:.2f} s, load {os.getloadavg()[0]:.2f})")
    print(f"peak RSS under 150 MB (target): {'yes' if max(r.rss_mb for r in rows) < 150 else 'no'} (largest {max(r.rss_mb for r in rows):.0f} MB)")
    shutil.rmtree(tmp, ignore_errors=True)  # the cache and reports; a --keep corpus lives elsewhere
    return 0 if same else 1


def _report(label: str, argv: list[str], n: int, out: Path, env: dict[str, str]) -> Run:
    """run() with the report kept in `out` (to compare cold and warm)."""
    import time

    start = time.perf_counter()
    with open(out, "wb") as fh:
        proc = subprocess.Popen(argv, stdout=fh, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return Run(label, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, n, os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    sys.exit(main())
