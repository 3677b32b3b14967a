"""Sentence splitting fixes made for readability (newsctl/text.py)."""

from __future__ import annotations

import pytest

from newsctl.text import split_sentences


def pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a question or exclamation inside a quotation, then the attribution: one sentence
        ("“Will we win?” she asked. He nodded.", ["“Will we win?” she asked.", "He nodded."]),
        ('"Stop!" he shouted. They stopped.', ['"Stop!" he shouted.', "They stopped."]),
        ("Wait… what? Yes!", ["Wait… what?", "Yes!"]),
        # a full stop closed by a quotation mark ends the sentence even after an abbreviation-like word
        ("He said “no.” Then left.", ["He said “no.”", "Then left."]),
        ("“We will win.” She smiled.", ["“We will win.”", "She smiled."]),
        # unchanged behaviour
        ("In January, the U.S. Department of State announced it. Then more.",
         ["In January, the U.S. Department of State announced it.", "Then more."]),
        ("He cited No. 5 on the list. Next.", ["He cited No. 5 on the list.", "Next."]),
        ("Is it? Yes. No!", ["Is it?", "Yes.", "No!"]),
    ],
)
def test_split_sentences(text, expected):
    assert pieces(text) == expected
