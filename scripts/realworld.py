"""Measure newsctl on real published copy: findings per 100 articles per rule, and CI failures.

    make realworld                               # the table, both archives
    .venv/bin/python scripts/realworld.py --sample H001 --count 20   # findings to judge, with context
    .venv/bin/python scripts/realworld.py --json out.json            # every finding, for diffing

It lints the public-domain archives in `../shared/realworld/` (relative to the repository root;
see SOURCES.md there) with the configuration an editor judged (`required-fields = ["title",
"date"]`, M009 and M010 ignored) and each archive's own clock (`--now` just after its snapshot).
When the folder is absent it says so and exits 0: the archives are not part of the repository.

This is a measuring tool for maintainers, not part of newsctl: it reads, never writes (except
the `--json` file it is asked for), and prints plain text.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "realworld"
# Each archive is read as of just after its snapshot (SOURCES.md): these are archives, not today's copy.
ARCHIVES = {"18f": "2025-02-07T12:00:00Z", "digitalgov": "2025-04-09T12:00:00Z"}
JUDGED_CONFIG = {"required-fields": ["title", "date"], "ignore": ["M009", "M010"]}


def lint_archives(base: Path, jobs: int | None = None) -> tuple[dict[str, int], list]:
    """(articles per archive, every finding) for the archives present under `base`."""
    from newsctl.engine import collect, lint_files
    from newsctl.settings import from_mapping, parse_now

    settings = from_mapping(JUDGED_CONFIG)
    articles: dict[str, int] = {}
    findings = []
    for name, now in ARCHIVES.items():
        folder = base / name
        if not folder.is_dir():
            continue
        s = replace(settings, now=parse_now(now), root=base)
        files = sorted(collect([folder], s), key=lambda item: item[1])
        files = [(path, f"{name}/{path.relative_to(folder)}") for path, _ in files]
        articles[name] = len(files)
        result = lint_files(files, s, jobs=jobs)
        findings.extend(result.findings)
    return articles, findings


def table(articles: dict[str, int], findings: list) -> str:
    """Findings per rule: count, per 100 articles, articles affected; then the CI failure share."""
    from newsctl import rulebook

    total = sum(articles.values())
    per_rule = Counter(f.code for f in findings)
    files_per_rule: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        files_per_rule[f.code].add(f.path)
    severity = {f.code: f.severity.value for f in findings}
    lines = [
        f"{total} articles ({', '.join(f'{n} {k}' for k, n in articles.items())})",
        "",
        f"{'rule':<6}{'severity':<9}{'findings':>9}{'per 100':>9}{'affected':>9}  name",
    ]
    for code in sorted(per_rule, key=lambda c: ("MSDRH".index(c[0]), c)):
        r = rulebook.get(code)
        lines.append(
            f"{code:<6}{severity[code]:<9}{per_rule[code]:>9}{100 * per_rule[code] / total:>9.1f}"
            f"{len(files_per_rule[code]):>9}  {r.name if r else ''}"
        )
    failing = {f.path for f in findings if f.severity.value == "error"}
    errors = Counter(f.code for f in findings if f.severity.value == "error")
    lines += [
        "",
        f"Articles failing CI (an error, --fail-on error): {len(failing)} of {total} "
        f"({100 * len(failing) / total:.1f}%)" if total else "No articles.",
    ]
    if errors:
        lines.append("Errors by rule: " + ", ".join(f"{c} {n}" for c, n in sorted(errors.items())))
    return "\n".join(lines)


def sample(base: Path, findings: list, code: str, count: int, seed: int) -> str:
    """A reproducible random sample of one rule's findings, each with the lines around it."""
    chosen = [f for f in findings if f.code == code.upper()]
    random.Random(seed).shuffle(chosen)
    out = [f"{code.upper()}: {len(chosen)} findings; showing {min(count, len(chosen))} (seed {seed})"]
    for i, f in enumerate(chosen[:count], 1):
        text = (base / f.path).read_text("utf-8", errors="replace").splitlines()
        lo, hi = max(0, f.line - 3), min(len(text), f.line + 2)
        out.append(f"\n[{i}] {f.path}:{f.line}:{f.column} {f.severity.value} {f.message}")
        for n in range(lo, hi):
            mark = ">" if n + 1 == f.line else " "
            out.append(f"  {mark}{n + 1:5} | {text[n][:220]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder holding the archives (default ../shared/realworld)")
    parser.add_argument("--sample", metavar="CODE", help="print a random sample of this rule's findings with context")
    parser.add_argument("--count", type=int, default=20, help="how many findings to sample (default 20)")
    parser.add_argument("--seed", type=int, default=10, help="random seed of the sample (default 10)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every finding as JSON to FILE")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: newsctl's choice)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if not any((args.dir / name).is_dir() for name in ARCHIVES):
        print(f"realworld: no archives in {args.dir}; nothing to measure (skipped)")
        return 0
    articles, findings = lint_archives(args.dir, args.jobs)
    if args.json:
        args.json.write_text(json.dumps([f.to_dict() for f in findings], indent=1) + "\n", "utf-8")
    if args.sample:
        print(sample(args.dir, findings, args.sample, args.count, args.seed))
    else:
        print(table(articles, findings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
