"""Parse and lint_article CPU per article, in one process (docs/performance.md, "Last mile").

    PYTHONPATH=TREE .venv/bin/python scripts/measure_lint_inprocess.py [CORPUS] [--articles 1000] [--rounds 5]

Parses the first N articles of CORPUS (default /tmp/c-lead) then lints each (`engine.lint_article`:
sentences, dates, the readability measure and every rule, as lint pays them), garbage collector
off, `time.process_time`, best of the rounds. Run an old tree and a new one on PYTHONPATH in
turns, in the same minutes: the machine's load moves these numbers by ~5 %.
"""

from __future__ import annotations

import argparse
import gc
import glob
import time

import newsctl
from newsctl import engine
from newsctl import parse as P
from newsctl.settings import load_settings
from newsctl.source import Source


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="/tmp/c-lead")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    paths = sorted(glob.glob(f"{args.corpus}/**/*.md", recursive=True))[: args.articles]
    texts = [open(p, encoding="utf-8").read() for p in paths]
    n = len(paths)
    settings = load_settings(isolated=True, overrides={"now": "2026-11-28T12:00:00Z"})
    gc.disable()
    clock = time.process_time
    best = [float("inf")] * 3
    for _ in range(args.rounds):
        t0 = clock()
        articles = [P.parse(Source.from_text(paths[i], texts[i]), settings.site_format) for i in range(n)]
        t1 = clock()
        for article in articles:
            engine.lint_article(article, settings)
        t2 = clock()
        best = [min(best[0], t1 - t0), min(best[1], t2 - t1), min(best[2], t2 - t0)]
        del articles
        gc.collect()
    tree = newsctl.__file__.rsplit("/newsctl/", 1)[0]
    print(tree, " ".join(f"{k}={v * 1000 / n:.3f}" for k, v in zip(("parse", "lint", "total"), best)), "ms/article")


if __name__ == "__main__":
    main()
