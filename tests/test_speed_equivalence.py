"""The faster paths (issue 12) give exactly what the plain definitions give."""

from __future__ import annotations

import random

import pytest

from newsctl.rules.hygiene import _leftover_lines, leftover_matches, leftover_patterns
from tests.bench.corpus import article
from tests.conftest import ARTICLES

PHRASES = [
    "Sure! Here's a news article about the vote:",
    "As an AI language model, I cannot",
    "I hope this helps! Let me know if you'd like any changes.",
    "Please be sure to verify the facts and figures in it before publishing.",
    "Please note that this article is fictional.",
    "Feel free to mix and match these headlines",
    "Would you like me to shorten it?",
    "REGENERATE RESPONSE",
    "here is the revised version",
    "İ hope this helps. ı hope this helps! I'd be happy to revise",
    "Hope thiſ helps! As an AI, I",
    "Would you like me to ſhorten it? I've made ſome changes",
]


def _texts() -> list[str]:
    rng = random.Random(7)
    texts = [p.read_text("utf-8") for p in ARTICLES.glob("*.md")]
    texts += [article(i)[1] for i in range(40)]
    filler = "The council met on Tuesday. Residents said the plan, which costs 4 million, was late. "
    for _ in range(300):
        parts = [rng.choice(PHRASES) if rng.random() < 0.4 else filler for _ in range(rng.randint(1, 6))]
        text = " ".join(parts)
        if rng.random() < 0.5:
            text = text.upper() if rng.random() < 0.5 else text.replace("e", "E")
        if rng.random() < 0.3:
            text = "“" + text + "”"
        texts.append(text)
    return texts


def test_leftover_phrases_are_lower_case_so_text_can_be_lowered():
    assert all(line == line.lower() for line in _leftover_lines())


@pytest.mark.parametrize("text", _texts())
def test_leftover_matches_equal_the_alternation(text: str):
    expected = [m.span() for m in leftover_patterns().finditer(text)]
    assert list(leftover_matches(text)) == expected


def test_leftover_matches_find_overlapping_phrases_as_the_alternation_does():
    text = "Sure, here is the revised version. I hope this helps! hope this helps."
    spans = list(leftover_matches(text))
    assert spans == [m.span() for m in leftover_patterns().finditer(text)]
    assert len(spans) == 3


def _quoted_ranges_per_character(prose: str) -> list[tuple[int, int]]:
    """The definition quoted_ranges had before it skipped to the quote marks (kept to compare)."""
    quotes = {"“": "”", '"': '"', "‘": "’"}
    ranges: list[tuple[int, int]] = []
    opened_at, closer, n = -1, "", len(prose)
    for i, ch in enumerate(prose):
        if opened_at < 0:
            if ch in quotes and not (ch == '"' and i and prose[i - 1].isdigit()):
                opened_at, closer = i, quotes[ch]
        elif ch == closer:
            if ch == "’" and i + 1 < n and prose[i + 1].isalpha():
                continue
            if ch == '"' and prose[i - 1].isdigit() and i + 1 < n and prose[i + 1].isalnum():
                continue
            ranges.append((opened_at, i + 1))
            opened_at = -1
    if opened_at >= 0:
        ranges.append((opened_at, n))
    return ranges


def test_quoted_ranges_equal_the_per_character_definition():
    from newsctl.text import quoted_ranges

    rng = random.Random(3)
    alphabet = 'ab 1“”"‘’.,x9'
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    samples += ['He is 6\'2" tall', '“It’s fine,” she said', '12"x18" “a ‘b’ c', '"open']
    samples += [p.read_text("utf-8") for p in ARTICLES.glob("*.md")]
    for text in samples:
        assert quoted_ranges(text) == _quoted_ranges_per_character(text), text


def _front_matters() -> list[str]:
    from pathlib import Path

    root = Path(__file__).parent
    texts = [p.read_text("utf-8", errors="replace") for p in sorted((root / "fixtures").rglob("*.md"))]
    texts += [p.read_text("utf-8") for p in ARTICLES.glob("*.md")]
    heads = []
    for text in texts:
        if text.startswith("---\n") and "\n---" in text[4:]:
            heads.append(text[4 : text.index("\n---", 4)])
    heads += ["a: [1, 2", "a: &x 1\nb: *x", "- a\n- b", "title: café\ntags: [naïve, x]\n", "a: 1\na: 2", "k: !!python/name:os.system x",
              "a:\n  b:\n    c: [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]", "x: 'unclosed", "\ufefftitle: x"]
    return heads


def test_c_yaml_loader_reads_front_matter_exactly_as_the_python_loader():
    from newsctl import frontmatter as fmod

    if fmod._FastLoader is None:
        pytest.skip("PyYAML built without libyaml")
    heads = _front_matters()
    assert len(heads) > 20
    for head in heads:
        fast = fmod._load(head, 2, 1, 9)
        saved, fmod._FastLoader = fmod._FastLoader, None
        try:
            slow = fmod._load(head, 2, 1, 9)
        finally:
            fmod._FastLoader = saved
        assert fast == slow, head


def test_copy_tokens_is_a_deep_copy_as_deepcopy_makes_it():
    import copy

    from newsctl.export.html import copy_tokens
    from newsctl.parse import parse_file

    for path in ARTICLES.glob("*.md"):
        tokens = parse_file(path).tokens
        mine, theirs = copy_tokens(tokens), copy.deepcopy(list(tokens))
        assert mine == theirs
        for a, b in zip(mine, tokens):  # nothing shared that rendering changes
            assert a is not b and a.attrs is not b.attrs and (a.children is None or a.children is not b.children)
        mine[0].attrs["x"] = "1"
        assert "x" not in tokens[0].attrs
