"""Growth benchmark (`make bench`): pathological inputs doubled, time per doubling.

Each family builds an article of size n, 2n, 4n, 8n and times the work a user would run on it
(best of three runs). An algorithm linear in its input doubles its time when the input
doubles; the ratios printed are the time of each size over the one before, and the run fails
when a family's growth per doubling over the whole range (the geometric mean of those
ratios) exceeds MAX_RATIO (quadratic code shows 4). Not part of
`make test`: timings never decide a test.

    python -m tests.bench.growth [--family NAME] [--start N]
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Callable

MAX_RATIO = 2.3
HEAD = "---\ntitle: Growth\ndate: 2026-11-20\nauthor: Jane Roe\nsummary: A benchmark article.\n---\n\n"


def _short_sentences(n: int) -> str:
    return HEAD + "It rained. We ran. " * n + "\n"  # one paragraph: the splitter sees it whole


def _suppressions(n: int) -> str:
    return HEAD + "".join(f"<!-- newsctl: disable-next-line H003 -->\nThe the count {i} went up.\n\n" for i in range(n))


def _wide_table(n: int) -> str:
    cols = 20
    rows = "".join("| " + " | ".join(f"r{i}c{j}" for j in range(cols)) + " |\n" for i in range(n))
    return HEAD + "Lead paragraph.\n\n| " + " | ".join(f"h{j}" for j in range(cols)) + " |\n|" + "---|" * cols + "\n" + rows


def _emphasis_storm(n: int) -> str:
    return HEAD + "Lead. " + " ".join(f"*a{i}* **b{i}** _c_" for i in range(n)) + "\n"


def _headings(n: int) -> str:
    return HEAD + "".join(f"## Heading {i}\n\nText under heading {i}.\n\n" for i in range(n))


def _lint(text: str) -> None:
    from newsctl.engine import lint_article
    from newsctl.parse import parse_text
    from newsctl.settings import Settings

    lint_article(parse_text(text, "growth.md"), Settings())


def _outline(text: str) -> None:
    from newsctl.outline import build_outline
    from newsctl.parse import parse_text
    from newsctl.report.outline import render_json
    from newsctl.settings import Settings

    render_json([build_outline(parse_text(text, "growth.md"), Settings())], stats=True, depth=None)


def _export(fmt: str) -> Callable[[str], None]:
    def run(text: str) -> None:
        from newsctl.export import render_article
        from newsctl.parse import parse_text

        render_article(parse_text(text, "growth.md"), fmt)

    return run


# family -> (builder, [(what, work)], starting size)
FAMILIES: dict[str, tuple[Callable[[int], str], list[tuple[str, Callable[[str], None]]], int]] = {
    "short-sentences": (_short_sentences, [("outline", _outline), ("lint", _lint)], 2500),
    "suppression-comments": (_suppressions, [("lint", _lint)], 500),
    "wide-table": (_wide_table, [("ninjs", _export("ninjs")), ("html", _export("html"))], 250),
    "emphasis-storm": (_emphasis_storm, [("ninjs", _export("ninjs")), ("text", _export("text"))], 500),
    "headings": (_headings, [("outline", _outline), ("lint", _lint), ("html", _export("html"))], 1250),
}


def measure(work: Callable[[str], None], text: str, rounds: int = 3) -> float:
    """Best of `rounds` (the least disturbed by other processes), with the collector quiet."""
    import gc

    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            work(text)
            best = min(best, time.perf_counter() - t0)
        finally:
            gc.enable()
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", choices=sorted(FAMILIES), action="append")
    parser.add_argument("--doublings", type=int, default=3)
    args = parser.parse_args(argv)
    _lint(HEAD + "Warm up the lazy loads.\n")
    failed = []
    for name in args.family or FAMILIES:
        build, works, start = FAMILIES[name]
        for what, work in works:
            sizes = [start * 2**k for k in range(args.doublings + 1)]
            times = [measure(work, build(n)) for n in sizes]
            ratios = [b / a if a else 0.0 for a, b in zip(times, times[1:])]
            # per doubling over the whole range (geometric mean): one disturbed run on a shared
            # machine moves a single ratio a lot, the whole range little
            worst = (times[-1] / times[0]) ** (1 / (len(times) - 1)) if times[0] else 0.0
            verdict = "ok" if worst <= MAX_RATIO else f"TOO SLOW (> {MAX_RATIO})"
            shown = "  ".join(f"{n}:{t * 1000:.0f}ms" for n, t in zip(sizes, times))
            print(f"{name:22} {what:8} {shown}  ratios {' '.join(f'{r:.2f}' for r in ratios)}  per doubling {worst:.2f}  {verdict}", flush=True)
            if worst > MAX_RATIO:
                failed.append(f"{name}/{what}")
    if failed:
        print(f"super-linear: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
