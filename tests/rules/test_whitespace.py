"""H008 trailing-whitespace and H009 doubled-space: found, never in code or hard breaks, fixed safely."""

from __future__ import annotations

import pytest

from newsctl.engine import lint_article
from newsctl.fixes import fix_bytes
from newsctl.parse import parse_text
from newsctl.settings import Settings
from tests.conftest import FRONT

SELECT = Settings(select=("H008", "H009"))


def findings(body: str) -> list[tuple[str, int, int, int, str]]:
    article = parse_text(FRONT + body, "a.md")
    return [(f.code, f.line, f.column, f.end_column, f.message) for f in lint_article(article, SELECT)]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("The council met. \n", [("H008", 8, 17, 18, "Line ends with 1 space")]),
        ("Line one\t\nline two.\n", [("H008", 8, 9, 10, "Line ends with 1 tab")]),
        ("Last line  \n\nNext.\n", [("H008", 8, 10, 12, "Line ends with 2 spaces")]),  # not a break: the paragraph ends
        ("Lead.\n  \t\nNext.\n", [("H008", 9, 1, 4, "Blank line holds 2 spaces and 1 tab")]),
        ("## Reaction \n\nText.\n", [("H008", 8, 12, 13, "Line ends with 1 space")]),
        ("Line one  \nline two.\n", []),  # two spaces inside a paragraph: a Markdown hard line break
        ("```\ncode  \n```\n", []),
        ("    indented code \n", []),
        ("The council  met.\n", [("H009", 8, 12, 14, "2 spaces between words")]),
        ("One.   Two.\n", [("H009", 8, 5, 8, "3 spaces between words")]),
        ("## Head  line\n\nText.\n", [("H009", 8, 8, 10, "2 spaces between words")]),
        ("Use `a  b` here.\n", []),
        ("  Indented start is not between words.\n", []),
    ],
)
def test_found_where_they_are(body, expected):
    assert findings(body) == expected


def test_fixes_keep_the_rendering_and_the_hard_breaks():
    text = FRONT + "The council  met. \nIt voted  \nyes.\n\n```\nkeep  \n```\n"
    out = fix_bytes(text.encode(), "a.md", SELECT)
    assert out.fixed.decode() == FRONT + "The council met.\nIt voted  \nyes.\n\n```\nkeep  \n```\n"
    assert sorted(f.code for f in out.applied) == ["H008", "H009"]
    assert fix_bytes(out.fixed, "a.md", SELECT).applied == []


def test_crlf_file_keeps_its_line_endings():
    text = (FRONT + "The council met. \n").replace("\n", "\r\n")
    out = fix_bytes(text.encode(), "a.md", SELECT)
    assert out.fixed == (FRONT + "The council met.\n").replace("\n", "\r\n").encode()
