"""Where lint's CPU per article goes, stage by stage and rule by rule (docs/performance.md).

    PYTHONPATH=TREE .venv/bin/python scripts/measure_stages.py [CORPUS] [--articles 1000] [--rules]

Parses the first N articles of CORPUS (a directory of Markdown files, default /tmp/c-lead: make
it with `python -c "from tests.bench.corpus import write_corpus; from pathlib import Path;
write_corpus(Path('/tmp/c-lead'), 2000)"`), then computes, in lint's order, the sentences, the
dates, and every enabled rule (`engine.lint_article`, first and second time: the first pays the
lazily computed values, such as the readability measure), garbage collector off,
`time.process_time`, in ms per article. With `--rules`, each rule's own time instead of
`lint_article`'s (its first run and its second). A measuring tool for maintainers: no assertion,
nothing written. Compare an old tree and a new one on PYTHONPATH in turns, in the same minutes.
"""

from __future__ import annotations

import argparse
import gc
import glob
import time
from typing import Any, Callable

from newsctl import engine
from newsctl import parse as P
from newsctl.settings import load_settings, parse_now
from newsctl.source import Source


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="/tmp/c-lead")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--rules", action="store_true", help="each rule's time instead of lint_article's")
    args = ap.parse_args()
    paths = sorted(glob.glob(f"{args.corpus}/**/*.md", recursive=True))[: args.articles]
    if not paths:
        raise SystemExit(f"no .md files under {args.corpus}")
    texts = [open(p, encoding="utf-8").read() for p in paths]
    settings = load_settings(isolated=True, overrides={"now": parse_now("2026-11-28T12:00:00Z")})
    n = len(paths)
    gc.disable()

    def stage(name: str, work: Callable[[int], Any]) -> list[Any]:
        start = time.process_time()
        out = [work(i) for i in range(n)]
        print(f"{name:40s} {(time.process_time() - start) * 1000 / n:6.3f} ms/article")
        return out

    articles = stage("parse", lambda i: P.parse(Source.from_text(paths[i], texts[i]), settings.site_format))
    stage("sentences", lambda i: articles[i].sentences)
    stage("dates (sentences done)", lambda i: articles[i].dates)
    if not args.rules:
        stage("lint_article (sentences, dates done)", lambda i: engine.lint_article(articles[i], settings))
        stage("lint_article again", lambda i: engine.lint_article(articles[i], settings))
        return
    rules = settings.enabled_rules(articles[0].path)
    for label in ("first", "again"):
        times = {}
        for r in rules:
            start = time.process_time()
            for a in articles:
                list(r.check(a, settings))
            times[r.code] = time.process_time() - start
        print(f"\nevery rule, {label}: {sum(times.values()) * 1000 / n:.3f} ms/article; the 15 costliest:")
        for code, spent in sorted(times.items(), key=lambda item: -item[1])[:15]:
            print(f"  {code} {spent * 1000 / n:6.3f}")


if __name__ == "__main__":
    main()
