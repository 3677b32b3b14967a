"""Where the CPU of a one-file lint goes (docs/performance.md, "Start-up: one file").

    .venv/bin/python scripts/measure_startup.py [ARTICLE] [--rounds 9]

Prints the whole-process CPU (user + system, from os.wait4; the least of N fresh processes, as
a pre-commit hook runs newsctl) of `newsctl lint ARTICLE`, `newsctl lint --format json ARTICLE`
(both on lint's fast path, without Typer: newsctl/cli/entry.py), `newsctl --version` and
`newsctl lint --jobs 1 ARTICLE` (outside the fast path: through Typer), then the CPU of each
start-up step of the fast path measured in one fresh interpreter (`time.process_time`, in the
order lint pays it; the least of N). Run it from the repository root with the Python of the
build to measure (the steps import the `newsctl` of the current directory). A measuring tool for
maintainers: no assertion, nothing written. On a shared machine compare builds side by side in
the same minutes: their ratio holds better than either number (docs/performance.md, "Start-up,
third pass").
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

STEPS = r'''
import importlib, sys, time
from pathlib import Path
t = time.process_time
out = []
def step(label, fn):
    a = t(); r = fn(); out.append((label, t() - a)); return r
imp = importlib.import_module
step("import newsctl.cli.entry, newsctl.cli.lint_run (lint's fast path: no Typer)", lambda: (imp("newsctl.cli.entry"), imp("newsctl.cli.lint_run")))
step("import newsctl.settings (registry, findings, article, fields)", lambda: imp("newsctl.settings"))
step("import newsctl.dates (text)", lambda: imp("newsctl.dates"))
step("import newsctl.rulebook (every rule module)", lambda: imp("newsctl.rulebook"))
step("import newsctl.engine", lambda: imp("newsctl.engine"))
step("import yaml (newsctl.frontmatter)", lambda: imp("newsctl.frontmatter"))
step("import newsctl.parse", lambda: imp("newsctl.parse"))
step("import markdown_it, mdit_py_plugins", lambda: (imp("markdown_it"), imp("mdit_py_plugins.footnote"), imp("mdit_py_plugins.attrs.parse")))
import newsctl.engine as E, newsctl.parse as P, newsctl.settings as S
settings = step("load settings", lambda: S.load_settings(None))
path = Path(sys.argv[1])
article = step("parse the article (first time)", lambda: P.parse_file(path, str(path), settings.site_format))
from newsctl.readability_table import counter
step("syllable table and hyphenation patterns (R001, first use)", lambda: [counter()(w) for w in ("river", "ostravelden")])
step("every rule (first time)", lambda: E.lint_article(article, settings))
step("parse + every rule again (warm)", lambda: (E.lint_article(P.parse_file(path, str(path), settings.site_format), settings)))
for label, seconds in out:
    print(f"{label}\t{seconds * 1000:.2f}")
'''


def cpu_ms(argv: list[str], rounds: int) -> float:
    """The least user + system CPU of `rounds` fresh processes, in ms."""
    best = float("inf")
    for _ in range(rounds):
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        best = min(best, (usage.ru_utime + usage.ru_stime) * 1000)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("article", nargs="?", default="articles/ostra-river-floods-velden.md")
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    newsctl = [str(Path(sys.executable).with_name("newsctl"))]
    print(f"load average {os.getloadavg()[0]:.2f}; least CPU of {args.rounds} processes:")
    print(f"  python -c pass: {cpu_ms([sys.executable, '-c', 'pass'], args.rounds):.0f} ms")
    for extra in ([], ["--format", "json"]):
        argv = [*newsctl, "lint", *extra, args.article]
        print(f"  newsctl lint {' '.join(extra + [args.article])}: {cpu_ms(argv, args.rounds):.0f} ms")
    print(f"  newsctl --version: {cpu_ms([*newsctl, '--version'], args.rounds):.0f} ms")
    argv = [*newsctl, "lint", "--jobs", "1", args.article]  # outside the fast path: through Typer
    print(f"  newsctl lint --jobs 1 {args.article} (through Typer): {cpu_ms(argv, args.rounds):.0f} ms")

    best: dict[str, float] = {}
    for _ in range(args.rounds):
        done = subprocess.run([sys.executable, "-c", STEPS, args.article], capture_output=True, text=True, check=True)
        for line in done.stdout.splitlines():
            label, ms = line.split("\t")
            best[label] = min(best.get(label, float("inf")), float(ms))
    print(f"\nsteps of a one-file lint, in one interpreter (least of {args.rounds}):")
    for label, ms in best.items():
        print(f"  {ms:6.1f} ms  {label}")
    print(f"  {sum(best.values()):6.1f} ms  total")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
