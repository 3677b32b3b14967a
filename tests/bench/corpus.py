"""A deterministic corpus of news articles for `make bench` (seeded: the same N gives the same bytes).

Articles vary the way a newsroom archive does: 300 to 1,800 words, two to six sections, quotes
with attribution, dates in the text and front matter, lists, tables, links, the odd leftover
and the odd stale date, so every default rule has something to read. Nothing here is real copy.
"""

from __future__ import annotations

import random
from pathlib import Path

SEED = 12

WORDS = (
    "council officials residents river bridge budget school hospital police station market "
    "harbour company workers union minister committee report study survey water energy train "
    "road village museum library court judge election voters campaign weather storm farmers "
    "prices costs contract project plan proposal meeting evening morning week month year "
    "district region province city town street square centre agency service network system"
).split()
VERBS = "said announced warned confirmed approved rejected opened closed reported found expects plans".split()
ADJ = "new local regional national early late public private annual final major small large".split()
NAMES = ("Marta Kessel", "Jonas Albrecht", "Priya Natarajan", "Tomas Lind", "Ada Okafor", "Leo Brandt", "Ines Duarte")
PLACES = ("Velden", "Ostra", "Elmstead", "Harrow Bay", "Kelby", "Norrmark", "Castleford")
SECTIONS = ("News", "Business", "Science", "Local", "Politics")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
LONG = "infrastructure administration responsibility communication investigation".split()


def _sentence(rng: random.Random, lo: int = 6, hi: int = 22) -> str:
    n = rng.randint(lo, hi)
    words = []
    for i in range(n):
        pool = rng.random()
        if pool < 0.05:
            words.append(rng.choice(PLACES))
        elif pool < 0.08:
            words.append(rng.choice(LONG))
        elif pool < 0.2:
            words.append(rng.choice(ADJ))
        elif pool < 0.3:
            words.append(rng.choice(VERBS))
        elif pool < 0.34:
            words.append(str(rng.randint(2, 9000)))
        else:
            words.append(rng.choice(WORDS))
        if len(words) > 1 and words[-1] == words[-2].rstrip(","):
            words[-1] = "the"  # no doubled words: H003 would flag every article
        if i and i < n - 2 and rng.random() < 0.06:
            words[-1] += ","
    first = words[0]
    words[0] = first[:1].upper() + first[1:]
    return " ".join(words) + "."


def _paragraph(rng: random.Random) -> str:
    parts = [_sentence(rng) for _ in range(rng.randint(2, 5))]
    roll = rng.random()
    if roll < 0.25:
        name = rng.choice(NAMES)
        parts.append(f'"{_sentence(rng, 6, 18)[:-1]}," said {name}, a spokesperson for the {rng.choice(WORDS)} {rng.choice(WORDS)}.')
    elif roll < 0.35:
        parts.append(f"The {rng.choice(WORDS)} will meet again on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2027)}.")
    elif roll < 0.45:
        slug = rng.choice(WORDS)
        parts.append(f"The full [{rng.choice(ADJ)} {slug} report](https://example.org/{slug}/{rng.randint(1, 999)}) is online.")
    return " ".join(parts)


def _block(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.08:
        return "\n".join(f"- {_sentence(rng, 4, 12)}" for _ in range(rng.randint(2, 5)))
    if roll < 0.12:
        return "\n".join(f"{i}. {_sentence(rng, 4, 10)}" for i in range(1, rng.randint(3, 5)))
    if roll < 0.15:
        rows = [f"| {rng.choice(PLACES)} | {rng.randint(10, 999)} | {rng.randint(1, 99)}% |" for _ in range(rng.randint(2, 6))]
        return "| Place | Homes | Share |\n| --- | ---: | ---: |\n" + "\n".join(rows)
    if roll < 0.18:
        return f"> {_sentence(rng, 10, 20)}"
    return _paragraph(rng)


def article(i: int, seed: int = SEED) -> tuple[str, str]:
    """(file name, text) of article i; deterministic for (i, seed)."""
    rng = random.Random(seed * 1_000_003 + i)
    target = rng.choice((300, 500, 700, 900, 1000, 1100, 1300, 1800))
    place = rng.choice(PLACES)
    title = f"{rng.choice(ADJ).title()} {rng.choice(WORDS)} plan divides {place} {rng.choice(WORDS)}"
    year = 2026 if rng.random() < 0.9 else rng.randint(2018, 2025)
    month, day = rng.randint(1, 11), rng.randint(1, 28)
    fm = [
        "---",
        f"title: {title}",
        f"date: {year}-{month:02d}-{day:02d}T{rng.randint(6, 20):02d}:{rng.choice((0, 15, 30, 45)):02d}:00+01:00",
        f"author: {rng.choice(NAMES)}",
        f"summary: {_sentence(rng, 12, 24)}",
        f"section: {rng.choice(SECTIONS)}",
        f"tags: [{', '.join(rng.sample(WORDS, rng.randint(1, 4)))}]",
        f"slug: story-{i}",
        f"status: {'published' if rng.random() < 0.85 else 'draft'}",
        "lang: en",
        "---",
        "",
    ]
    body: list[str] = [_paragraph(rng)]
    words = len(body[0].split())
    sections = rng.randint(2, 6)
    per_section = max(1, target // sections)
    for s in range(sections):
        heading = f"## {rng.choice(ADJ).title()} {rng.choice(WORDS)} in {rng.choice(PLACES)}"
        body.append(heading)
        section_words = 0
        while section_words < per_section:
            block = _block(rng)
            body.append(block)
            section_words += len(block.split())
        if rng.random() < 0.3:
            body.append(f"### {rng.choice(WORDS).title()} {rng.choice(WORDS)}")
            body.append(_paragraph(rng))
        words += section_words
    if rng.random() < 0.03:
        body.append("I hope this helps! Let me know if you would like a shorter version.")
    return f"{i:05d}-story.md", "\n".join(fm) + "\n\n".join(body) + "\n"


def write_corpus(root: Path, n: int, seed: int = SEED) -> list[Path]:
    """Write n articles under root (sharded into sub-directories of 500 like a dated archive)."""
    paths = []
    for i in range(n):
        name, text = article(i, seed)
        folder = root / f"{2020 + i // 500}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":  # python -m tests.bench.corpus DIR N
    import sys

    out = write_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100)
    print(f"{len(out)} articles in {sys.argv[1]}")
