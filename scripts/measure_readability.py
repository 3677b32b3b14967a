"""What lint spends on sentences and readability, per article (docs/performance.md, "Third pass").

    .venv/bin/python scripts/measure_readability.py [CORPUS] [--articles 1000] [--rounds 3]

Parses the first N articles of CORPUS (a directory of Markdown files; default: the bench corpus
written by `tests/bench/corpus.py` into a temporary directory) in one process, garbage collector
off, then times with `time.process_time`, in the order lint pays them:

- sentences: `Article.sentences` (the split, read first by the date finder);
- shared values: each paragraph's word count and quotations, which lint's S and D rules read
  before the readability rules (so lint charges them there);
- readability measure: `readability.measure` (the first of the six R rules to ask pays it,
  including the first sight of each word's syllables in this process);
- R rules: R001-R006 over the measured articles.

Prints ms per article for each step, the least of N rounds: each round parses afresh and
empties the syllable memos, so the measure pays each word's first sight once per round, as one
lint of the corpus does. A measuring tool for maintainers: no assertion,
nothing written but the corpus. To compare builds, run it with each build first on PYTHONPATH,
from a directory outside the repository, side by side in the same minutes.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from newsctl import parse, readability, readability_table
    from newsctl.settings import load_settings
    from newsctl.source import Source
    from newsctl.text import block_words

    corpus = args.corpus
    if corpus is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.bench.corpus import write_corpus

        corpus = Path(tempfile.mkdtemp(prefix="newsctl-readability-")) / "corpus"
        write_corpus(corpus, args.articles)
    paths = sorted(corpus.rglob("*.md"))[: args.articles]
    texts = [p.read_text("utf-8") for p in paths]
    settings = load_settings(isolated=True, overrides={"now": "2026-11-28T12:00:00Z"})
    rules = [r for r in settings.enabled_rules(str(paths[0])) if r.code.startswith("R")]
    clock = time.process_time
    best: dict[str, float] = {}
    gc.disable()
    for _ in range(args.rounds):
        readability._SYLLABLES_OF.clear()  # every word seen for the first time again
        readability_table.counter.cache_clear()
        readability_table.counter()  # the table loaded before the clock starts, as at lint's start
        articles = [parse.parse(Source.from_text(str(p), t), settings.site_format) for p, t in zip(paths, texts)]
        steps = {
            "sentences": lambda a: a.sentences,
            "shared values (word counts, quotations)": lambda a: [
                (block_words(b), b.inline.quotes) for b in a.blocks if b.is_prose and b.inline is not None
            ],
            "readability measure": lambda a: readability.measure(a, settings),
            "R rules (R001-R006)": lambda a: [list(r.check(a, settings)) for r in rules],
        }
        for name, step in steps.items():
            start = clock()
            for a in articles:
                step(a)
            ms = (clock() - start) * 1000 / len(articles)
            best[name] = min(best.get(name, ms), ms)
        del articles
        gc.collect()
    width = max(map(len, best)) + 2
    for name, ms in best.items():
        print(f"{name:{width}}{ms:7.3f} ms/article")
    own = best["sentences"] + best["readability measure"] + best["R rules (R001-R006)"]
    print(f"{'sentences + measure + R rules':{width}}{own:7.3f} ms/article")
    print(f"{'  with the shared values':{width}}{own + best['shared values (word counts, quotations)']:7.3f} ms/article")
    print(f"({len(paths)} articles of {corpus}, best of {args.rounds} rounds)")


if __name__ == "__main__":
    main()
