"""Measure `newsctl import` on real published copy: export each real article as wire text,
import the text back, and count what comes back (headline, byline, section headings, words).

Usage: python scripts/measure_import.py [ARCHIVE_DIR...]   (default: ../shared/realworld/*)
Run by `make import-measure`; not part of `make test` (it exports ~800 articles).
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from newsctl.importers import read, render
from newsctl.parse import parse_file, parse_text

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W_]+")


def same(text: str | None) -> str:
    """Text compared as a reader sees it: spaces collapsed, curly quotes as straight ones
    (the text export sets quotes typographically)."""
    return " ".join((text or "").translate(str.maketrans("‘’“”", "''\"\"")).split())


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(WORD.findall(text))


def out_words(article_text: str) -> collections.Counter[str]:
    article = parse_text(article_text)
    data = article.front_matter.data
    out = words(" ".join(str(data.get(k) or "") for k in ("title", "section")))
    if data.get("author"):
        out += words("By " + str(data["author"]))
    return out + words(article_text[article.source.line_starts[article.body_line - 1] :])


def measure(archive: Path, now: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "newsctl", "export", str(archive), "--format", "text", "--output-dir", tmp,
             "--include-drafts", "--include-embargoed", "--now", now],
            check=False, capture_output=True,
        )
        from newsctl.export.common import default_name

        originals = {}
        for md in archive.rglob("*.md"):
            try:
                originals[default_name(parse_file(md))] = md
            except Exception:
                continue
        stats = collections.Counter[str]()
        misses: list[str] = []
        for txt in sorted(Path(tmp).glob("*.txt")):
            original = originals.get(txt.stem)
            if original is None:
                continue
            art = parse_file(original)
            doc = read(txt)
            stats["articles"] += 1
            stats["headline"] += same(doc.title) == same(art.meta.title)
            stats["byline"] += bool(art.meta.author) == bool(doc.author)
            want = [same(s.title) for s in art.sections[1:] if s.level >= 2]
            got = [same(h) for h, _ in doc.report.headings]
            stats["headings expected"] += len(want)
            stats["headings found"] += len(set(want) & set(got))
            stats["headings extra"] += len(set(got) - set(want))
            stats["unsure lines"] += len(doc.report.unsure)
            kept = out_words(render(doc)) == words(txt.read_text("utf-8"))
            stats["no word lost"] += kept
            if not kept:
                misses.append(txt.name)
        print(f"{archive}: {dict(stats)}")
        for name in misses[:10]:
            print("  words differ:", name)


if __name__ == "__main__":
    shared = ROOT.parent / "shared" / "realworld"
    archives = [Path(a) for a in sys.argv[1:]] or [shared / "18f", shared / "digitalgov"]
    nows = {"18f": "2025-02-07T12:00:00Z", "digitalgov": "2025-04-09T12:00:00Z"}
    for archive in archives:
        if not archive.is_dir():
            print(f"{archive}: not found, skipped")
            continue
        measure(archive, nows.get(archive.name, "2025-04-09T12:00:00Z"))
