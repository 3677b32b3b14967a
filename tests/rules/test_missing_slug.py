"""M012 missing-slug: off by default; its safe fix adds a slug made from the title."""

from __future__ import annotations

from newsctl.engine import lint_article
from newsctl.fixes import fix_bytes
from newsctl.parse import parse_text
from newsctl.slugs import slugify
from newsctl.settings import Settings

YAML = "---\ntitle: Café owners vote — 2024 budget\ndate: 2024-03-06T18:00:00+01:00\nauthor: Jane Doe\n---\n\nBody text.\n"
TOML = '+++\ntitle = "Council approves budget"\ndate = 2024-03-06T18:00:00+01:00\nauthor = "Jane Doe"\n+++\n\nBody text.\n'
JSON = '{\n  "title": "Council approves budget",\n  "date": "2024-03-06T18:00:00+01:00",\n  "author": "Jane Doe"\n}\n\nBody text.\n'
ON = Settings(select=("M012",))


def codes(text: str, settings: Settings) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in lint_article(parse_text(text, "a.md"), settings)]


def test_off_by_default_and_found_when_selected() -> None:
    assert "M012" not in [c for c, _ in codes(YAML, Settings())]
    assert codes(YAML, ON) == [("M012", 1)]
    assert codes(YAML.replace("author:", "slug: cafe\nauthor:"), ON) == []


def test_slug_from_title_is_a_valid_slug() -> None:
    assert slugify("Café owners vote — 2024 budget") == "cafe-owners-vote-2024-budget"
    assert slugify("¿¡!?") == ""


def test_fix_adds_the_slug_before_the_closing_delimiter_in_yaml_and_toml() -> None:
    out = fix_bytes(YAML.encode(), "a.md", ON)
    assert out.fixed.decode() == YAML.replace("---\n\nBody", "slug: cafe-owners-vote-2024-budget\n---\n\nBody")
    out = fix_bytes(TOML.encode(), "a.md", ON)
    assert out.fixed.decode() == TOML.replace("+++\n\nBody", 'slug = "council-approves-budget"\n+++\n\nBody')
    assert codes(out.fixed.decode(), ON) == []


def test_fix_keeps_crlf_line_endings() -> None:
    crlf = YAML.replace("\n", "\r\n").encode()
    fixed = fix_bytes(crlf, "a.md", ON).fixed
    assert b"slug: cafe-owners-vote-2024-budget\r\n---\r\n" in fixed and b"\n" not in fixed.replace(b"\r\n", b"")


def test_json_front_matter_gets_the_finding_but_no_fix() -> None:
    assert codes(JSON, ON) == [("M012", 1)]
    assert fix_bytes(JSON.encode(), "a.md", ON).fixed == JSON.encode()


def test_one_slug_function_transliterates_every_letter() -> None:
    """`newsctl new`, `newsctl import` and M012 share it: no letter is silently dropped."""
    assert slugify("Ünïcødé: Zürich's plan") == "unicode-zurichs-plan"
