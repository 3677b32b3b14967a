"""`make bench`: newsctl's speed on a generated corpus, beside its floor and other tools, in one run.

Every measurement is a fresh process (the way writers and CI run newsctl), timed with
os.wait4 so CPU is the child's own user+system time and peak RSS is its ru_maxrss (for runs
with workers, the parent's; each worker's is printed beside it). Numbers are printed as a
Markdown table to paste into docs/performance.md. Nothing here asserts a time.

    python -m tests.bench.run [--articles 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from tests.bench.corpus import write_corpus

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-28T12:00:00Z"
PY = sys.executable
NEWSCTL = [PY, "-m", "newsctl"]


@dataclass
class Run:
    label: str
    wall: float
    cpu: float  # user + system of the process and the workers it waited for
    rss_mb: float
    files: int
    status: int

    @property
    def per_s(self) -> float:
        return self.files / self.wall if self.wall else 0.0

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / self.files if self.files else 0.0


def run(label: str, argv: list[str], files: int, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=null, stderr=subprocess.PIPE, env=env)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        print(f"  {label}: exit {code}: {err.decode(errors='replace')[-400:]}", file=sys.stderr)
    rss = usage.ru_maxrss / 1024  # kB on Linux
    return Run(label, wall, usage.ru_utime + usage.ru_stime, rss, files, code)


def floor_cpu(paths: list[Path]) -> Run:
    """One markdown-it parse plus one syllable count per article: the least any linter can do."""
    code = (
        "import sys,time,resource\n"
        "from markdown_it import MarkdownIt\n"
        "from newsctl import readability_table as rt\n"
        "md = MarkdownIt('commonmark').enable('table'); count = rt.counter()\n"
        "paths = sys.argv[1:]\n"
        "t = time.process_time()\n"
        "for p in paths:\n"
        "    text = open(p, encoding='utf-8').read()\n"
        "    md.parse(text)\n"
        "    sum(count(w) for w in text.split())\n"
        "print(time.process_time() - t)\n"
    )
    out = subprocess.run([PY, "-c", code, *map(str, paths)], capture_output=True, text=True, check=True, cwd=ROOT)
    cpu = float(out.stdout.strip())
    return Run("floor: markdown-it parse + syllable count (in process)", cpu, cpu, 0.0, len(paths), 0)


def import_time(module: str) -> float:
    """Cumulative microseconds of `import module` from python -X importtime, in ms (best of 5)."""
    best = float("inf")
    for _ in range(5):
        out = subprocess.run([PY, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, cwd=ROOT)
        for line in out.stderr.splitlines():
            m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*(\S+)$", line)
            if m and m.group(2) == module:
                best = min(best, int(m.group(1)) / 1000)
    return best


def best_of(label: str, argv: list[str], rounds: int = 7) -> Run:
    """The run with the least CPU: on a shared machine wall time is mostly the neighbours'."""
    runs = [run(label, argv, 1) for _ in range(rounds)]
    return min(runs, key=lambda r: r.cpu)


def markdownlint() -> list[str] | None:
    found = shutil.which("markdownlint-cli2")
    if found:
        return [found]
    local = Path(os.environ.get("MARKDOWNLINT_CLI2", "/nonexistent"))
    return [str(local)] if local.exists() else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=int(os.environ.get("BENCH_ARTICLES", 2000)))
    ap.add_argument("--pandoc-sample", type=int, default=200,
                    help="also time pandoc once per article on this many (0: skip); the issue's row runs it once over all")
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = ap.parse_args()

    # Byte-compile newsctl first, as pip does when it installs the package: with
    # PYTHONDONTWRITEBYTECODE set and an editable install, every fresh process would otherwise
    # compile ~45 modules from source (~80 ms of a one-file lint, not what users pay).
    compileall.compile_dir(ROOT / "newsctl", quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="newsctl-bench-"))
    corpus = args.keep or tmp / "corpus"
    paths = write_corpus(corpus, args.articles)
    n = len(paths)
    words = sum(len(p.read_text("utf-8").split()) for p in paths)
    cache_dir = tmp / "cache"
    env = dict(os.environ, NEWSCTL_CACHE_DIR=str(cache_dir))
    rows: list[Run] = []
    print(f"# newsctl bench: {n} articles, {words // n} words each on average, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"# {platform.node()}: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.2f}, Python {platform.python_version()}\n")

    floor = floor_cpu(paths)
    rows.append(floor)
    lint = [*NEWSCTL, "lint", "--now", NOW, "--format", "json", str(corpus)]
    rows.append(run("lint, one process (-j 1, cache empty)", [*lint, "-j", "1", "--no-cache"], n, env=env))
    cold = run("lint, workers (default -j, cache empty)", lint, n, env=env)
    rows.append(cold)
    rows.append(run("lint, second run (cache warm)", lint, n, env=env))
    one = str(paths[0])
    single = best_of("lint one file, whole process (best of 7)", [*NEWSCTL, "lint", "--now", NOW, "--no-cache", one])
    rows.append(single)
    rows.append(best_of("newsctl --version, whole process (best of 7)", [*NEWSCTL, "--version"]))
    for fmt in ("html", "text", "ninjs"):
        out = tmp / f"out-{fmt}"
        rows.append(run(f"export --format {fmt}", [*NEWSCTL, "export", "--now", NOW, "--include-drafts", "--format", fmt,
                                                  "--output-dir", str(out), str(corpus)], n, env=env))
    rows.append(run("export --format html, one process (-j 1)", [*NEWSCTL, "export", "--now", NOW, "--include-drafts",
                                                                "-j", "1", "--output-dir", str(tmp / "out-html-j1"), str(corpus)], n, env=env))
    rows.append(run("export --format ninjs, one process (-j 1)", [*NEWSCTL, "export", "--now", NOW, "--include-drafts",
                                                                 "--format", "ninjs", "-j", "1", "--output-dir",
                                                                 str(tmp / "out-ninjs-j1"), str(corpus)], n, env=env))
    rows.append(run("outline --format json", [*NEWSCTL, "outline", "--format", "json", str(corpus)], n, env=env))
    rows.append(run("outline --format json, one process (-j 1)", [*NEWSCTL, "outline", "-j", "1", "--format", "json", str(corpus)], n, env=env))
    rows.append(run("readability --format json", [*NEWSCTL, "readability", "-q", "--format", "json", str(corpus)], n, env=env))
    rows.append(run("readability --format json, one process (-j 1)",
                    [*NEWSCTL, "readability", "-q", "-j", "1", "--format", "json", str(corpus)], n, env=env))

    others: list[Run] = []
    mdl = markdownlint()
    if mdl:
        others.append(run("markdownlint-cli2 (structure rules only)", [*mdl, f"{corpus}/**/*.md"], n))
    if shutil.which("pandoc"):
        # what issue 12 compares with: one pandoc process over the whole batch (every file an
        # input of one `pandoc -f markdown -t html` run, so it pays one start-up, as newsctl does)
        others.append(run("pandoc -f markdown -t html, one process over all files",
                          ["pandoc", "-f", "markdown", "-t", "html", "-o", os.devnull, *map(str, paths)], n))
        if args.pandoc_sample:  # a process per article (as a build step per file runs it): start-up included
            sample = paths[: args.pandoc_sample]
            start, cpu = time.perf_counter(), 0.0
            for p in sample:
                r = run("pandoc", ["pandoc", "--standalone", "--metadata", "title=x", "-f", "markdown", "-t", "html", "-o", os.devnull, str(p)], 1)
                cpu += r.cpu
            wall = time.perf_counter() - start
            others.append(Run(f"pandoc -t html, one process per article ({len(sample)} of them)", wall, cpu, 0.0, len(sample), 0))

    print("| run | articles/s | CPU ms/article | wall s | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in rows + others:
        rss = f"{r.rss_mb:.0f}" if r.rss_mb else "-"
        print(f"| {r.label} | {r.per_s:.0f} | {r.cpu_ms:.1f} | {r.wall:.2f} | {rss} |")
    print()
    imp = import_time("newsctl.cli.app")
    print(f"import newsctl.cli.app: {imp:.0f} ms cumulative (python -X importtime, best of 5; target <= 50 ms)")
    print(f"lint one file: {single.cpu_ms:.1f} ms CPU, whole process (target <= 120 ms on an idle machine)")
    serial = rows[1]
    print(f"lint CPU per article / floor: {serial.cpu_ms / floor.cpu_ms:.2f}x (target <= 2x)")
    html_j1 = next(r for r in rows if r.label == "export --format html, one process (-j 1)")
    ninjs_j1 = next(r for r in rows if r.label == "export --format ninjs, one process (-j 1)")
    print(f"export ninjs CPU per article / html, one process each: {ninjs_j1.cpu_ms / html_j1.cpu_ms:.2f}x (target <= 1x; "
          "one run each: compare several in turns on a busy machine)")
    for o in others:
        if o.label.startswith("markdownlint"):
            print(f"lint articles/s / markdownlint-cli2: {cold.per_s / o.per_s:.2f}x (target >= 3x)")
        if o.label.startswith("pandoc"):
            html = next(r for r in rows if r.label == "export --format html")
            once = "one process over all files" in o.label
            what = "one pandoc process over the batch" if once else "pandoc once per article"
            target = " (target >= 2x)" if once else " (not the issue's comparison: pandoc pays a start-up per file)"
            print(f"export html articles/s / {what}: {html.per_s / o.per_s:.2f}x; "
                  f"CPU per article: {o.cpu_ms / html.cpu_ms:.2f}x{target}")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
