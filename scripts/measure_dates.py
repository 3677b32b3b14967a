"""CPU of finding dates and of the date rules, per article (docs/performance.md, "Date finding").

    .venv/bin/python scripts/measure_dates.py CORPUS_DIR [--articles 1000] [--rounds 7]

Parses the first N articles of CORPUS_DIR (`python -m tests.bench.corpus DIR N` writes one; the
shared one is /tmp/c-lead), splits their sentences, then times `article.dates` (the finder, run
again on each pass) and the enabled date rules (D...) with `time.process_time`, garbage collection
off, and prints the least of the passes in ms per article. To compare with another build, run
the same command with `PYTHONPATH=OTHER_TREE` (a checkout or `git archive` of its `newsctl/`) in
the same minutes. A measuring tool for maintainers: no assertion, nothing written.
"""

from __future__ import annotations

import argparse
import gc
import time
from dataclasses import replace
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--now", default="2026-11-28T12:00:00Z")
    args = parser.parse_args()

    import newsctl
    from newsctl import parse
    from newsctl.settings import load_settings, parse_now
    from newsctl.source import Source

    paths = sorted(args.corpus.rglob("*.md"))[: args.articles]
    settings = replace(load_settings(isolated=True), now=parse_now(args.now))
    rules = [r for r in settings.enabled_rules(str(paths[0])) if r.category == "dates"]
    articles = [parse.parse(Source.from_text(str(p), p.read_text("utf-8")), settings.site_format) for p in paths]
    for a in articles:
        a.sentences  # noqa: B018 - split first, as lint has when the date rules run

    def least(work) -> float:  # type: ignore[no-untyped-def]
        spent = []
        for _ in range(args.rounds):
            start = time.process_time()
            work()
            spent.append(time.process_time() - start)
        return min(spent) * 1000 / len(articles)

    gc.disable()
    found = least(lambda: [a.find_dates() for a in articles])
    ruled = least(lambda: [list(r.check(a, settings)) for a in articles for r in rules])
    print(f"newsctl from {Path(newsctl.__file__).parent}")
    print(f"{len(articles)} articles, least of {args.rounds} passes, ms per article:")
    print(f"  dates (find_dates)   {found:.3f}")
    print(f"  date rules ({len(rules)})      {ruled:.3f}")
    print(f"  together             {found + ruled:.3f}")


if __name__ == "__main__":
    main()
