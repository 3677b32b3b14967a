"""How far textstat's sentence count (used by `newsctl readability --index`) is from newsctl's.

    make index-sentences        # the sample articles and the archives in ../shared/realworld/

textstat's index functions take only a text and count its sentences themselves; newsctl feeds
them its measured prose (newsctl.readability.prose_text). This prints, over every article that
has prose, in how many the two sentence counts agree and how far they differ (the figures in
docs/readability-json.md). The archives are optional: without them only articles/ is measured.
A measuring tool for maintainers: it reads, never writes.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import textstat

from newsctl.parse import parse_file
from newsctl.readability import measure, prose_text
from newsctl.source import SourceError

ROOT = Path(__file__).resolve().parent.parent
ARCHIVES = ROOT.parent / "shared" / "realworld"


def main() -> int:
    files = sorted((ROOT / "articles").glob("*.md"))
    if ARCHIVES.is_dir():
        files += sorted(ARCHIVES.rglob("*.md"))
    same, gaps = 0, []
    for path in files:
        try:
            article = parse_file(path)
        except SourceError:
            continue
        m = measure(article)
        text = prose_text(m.sentences)
        if not text:
            continue
        ours, theirs = m.article.sentences, textstat.sentence_count(text)
        same += ours == theirs
        gaps.append(abs(ours - theirs) / ours)
    if not gaps:
        print("no articles with prose")
        return 0
    print(f"{len(gaps)} articles with prose; sentence counts agree in {same}")
    print(f"difference: median {100 * statistics.median(gaps):.1f}%, max {100 * max(gaps):.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
