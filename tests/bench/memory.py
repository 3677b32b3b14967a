"""`make bench-memory`: peak memory of the commands that read a whole archive (issue 12: under
150 MB for 10,000 articles), one process (-j 1) and the default workers.

Each run is a fresh process timed with os.wait4 (`run.run`): CPU is user+system of the process
and its workers, peak RSS the largest of them (Linux reports the maximum over the process and
the children it waited for). Prints a Markdown table; nothing asserts a size.

    python -m tests.bench.memory [--articles 10000] [--keep DIR]

About 20 minutes of CPU for 10,000 articles on the 2-core development VM (most of it
readability and export); BENCH_ARTICLES=2000 takes a fifth of that.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from tests.bench.corpus import write_corpus
from tests.bench.run import NEWSCTL, NOW, run


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 10000)))
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="newsctl-bench-memory-"))
    corpus = args.keep or tmp / "corpus"
    n = len(write_corpus(corpus, args.articles))
    commands = [
        ("outline --format json", ["outline", "--format", "json"]),
        ("outline --format opml", ["outline", "--format", "opml"]),
        ("readability --format json", ["readability", "-q", "--format", "json"]),
        ("readability --format csv", ["readability", "-q", "--format", "csv"]),
        ("readability --format text", ["readability", "-q", "--format", "text"]),
        ("export --format html", ["export", "--now", NOW, "--include-drafts", "-d", str(tmp / "html")]),
        ("export --format ninjs", ["export", "--now", NOW, "--include-drafts", "--format", "ninjs", "-d", str(tmp / "ninjs")]),
    ]
    print(f"# newsctl memory: {n} articles, load {os.getloadavg()[0]:.2f}\n")
    print("| run | -j 1 peak RSS MB | -j 1 CPU ms/article | default -j peak RSS MB | default -j CPU ms/article |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, argv in commands:
        one = run(label, [*NEWSCTL, *argv, "-j", "1", str(corpus)], n)
        many = run(label, [*NEWSCTL, *argv, str(corpus)], n)
        print(f"| {label} | {one.rss_mb:.0f} | {one.cpu_ms:.1f} | {many.rss_mb:.0f} | {many.cpu_ms:.1f} |", flush=True)
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
