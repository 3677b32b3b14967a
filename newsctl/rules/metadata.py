"""Metadata rules (M): the front matter is present, well-formed and complete."""

from __future__ import annotations

import difflib
from typing import Iterator

from newsctl.article import Article, Span
from newsctl.fields import FIELDS
from newsctl.findings import Edit, Fix, Hit
from newsctl.registry import rule
from newsctl.settings import Settings


def _problems(article: Article, kind: str) -> Iterator[Hit]:
    for p in article.problems:
        if p.kind == kind:
            yield Hit(p.span, p.message, p.hint)


@rule("M001", "unreadable-file", "error", "The file cannot be read as UTF-8 text.")
def unreadable_file(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Files that cannot be read: missing, a directory, no permission, not UTF-8, or binary
        (a NUL byte). The engine reports these before any parsing happens.

    Why it matters:
        A file that cannot be read is never checked, exported or published; it usually means a
        wrong path, a Word document saved with a .md name, or a broken encoding.

    Example:
        A file saved as Windows-1252 with a curly quote byte 0x93.

    Use instead:
        Save articles as UTF-8 text.
    """
    return iter(())  # reported by the engine from the read error


@rule("M002", "missing-front-matter", "error", "The file does not start with a YAML front-matter header.")
def missing_front_matter(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        That the article starts with a `---` line opening a YAML header (an empty file fails too).

    Why it matters:
        Title, date and byline live in the front matter; without it the article cannot be
        scheduled, exported or credited.

    Example:
        # Council approves budget

        The city council voted...

    Use instead:
        ---
        title: Council approves budget
        date: 2024-03-06T18:00:00+01:00
        author: Jane Doe
        ---

        The city council voted...
    """
    return _problems(article, "missing-front-matter")


@rule("M003", "unclosed-front-matter", "error", "The front-matter header is opened but never closed.")
def unclosed_front_matter(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        A `---` opening line with no closing `---` (or `...`) line after it.

    Why it matters:
        Without the closing line the whole article is read as YAML or as body text, and the
        metadata is lost.

    Example:
        ---
        title: Council approves budget

        The city council voted...

    Use instead:
        ---
        title: Council approves budget
        ---

        The city council voted...
    """
    return _problems(article, "unclosed-front-matter")


@rule("M004", "yaml-syntax-error", "error", "The front matter is not valid YAML, or repeats a key.")
def yaml_syntax_error(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        YAML syntax errors in the front matter, reported at the line and column the YAML parser
        gives, and keys written twice.

    Why it matters:
        A syntax error loses every field; a repeated key silently drops the first value.

    Example:
        title: Budget: what changes
        tags: [budget, council

    Use instead:
        title: "Budget: what changes"
        tags: [budget, council]
    """
    return _problems(article, "yaml-syntax-error")


@rule("M005", "front-matter-not-mapping", "error", "The front matter is a list or a single value, not fields.")
def front_matter_not_mapping(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        That the YAML header is a mapping of `key: value` fields.

    Why it matters:
        A list or a bare string carries no named fields, so title, date and author are missing.

    Example:
        ---
        - Council approves budget
        - 2024-03-06
        ---

    Use instead:
        ---
        title: Council approves budget
        date: 2024-03-06
        ---
    """
    return _problems(article, "front-matter-not-mapping")


@rule("M006", "unsafe-yaml", "error", "The front matter uses anchors/aliases, nests too deep or is too large.")
def unsafe_yaml(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        YAML anchors and aliases (`&a`, `*a`), nesting deeper than 16 levels, and headers
        larger than 64 KiB.

    Why it matters:
        These are the building blocks of "billion laughs" style YAML bombs; an article header
        never needs them, and newsctl refuses to expand them.

    Example:
        author: &who Jane Doe
        editor: *who

    Use instead:
        author: Jane Doe
    """
    return _problems(article, "unsafe-yaml")


@rule(
    "M007",
    "missing-required-field",
    "error",
    "A required front-matter field is missing or empty.",
)
def missing_required_field(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        That every field listed in `required-fields` (default: title, date, author) is present
        and not empty.

    Why it matters:
        Articles without a title, date or byline cannot be published or syndicated correctly.

    Example:
        ---
        title: Council approves budget
        ---

    Use instead:
        ---
        title: Council approves budget
        date: 2024-03-06T18:00:00+01:00
        author: Jane Doe
        ---

    Options:
        required-fields (setting): the fields that must be present.
    """
    fm = article.front_matter
    if not fm.ok:
        return
    where = Span(fm.start_line, 1, fm.start_line, 4)
    for name in settings.required_fields:
        field = fm.fields.get(name)
        if field is None:
            yield Hit(where, f"Required field '{name}' is missing", f"Add '{name}:' to the front matter")
        elif field.value is None or (isinstance(field.value, str) and not field.value.strip()):
            yield Hit(field.key_span, f"Required field '{name}' is empty", f"Give '{name}' a value")


@rule("M008", "invalid-field-value", "error", "A front-matter value has the wrong type or format.")
def invalid_field_value(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Each known field's value: `date`, `updated` and `embargo` are ISO 8601 dates or
        datetimes; `author` is a name or a list of names; `tags` is a list of strings; `status`
        is draft, ready or published; `slug` is lowercase-with-hyphens; `lang` is a language tag.

    Why it matters:
        Feeds, CMS imports and date rules read these values; a wrong type breaks them
        downstream, far from the writer.

    Example:
        date: March 6th
        tags: politics, europe

    Use instead:
        date: 2024-03-06T09:30:00+01:00
        tags: [politics, europe]
    """
    for p in article.problems:
        if p.kind == "invalid-value" and not _empty_required(article, settings, p.span):
            yield Hit(p.span, p.message, p.hint)


def _empty_required(article: Article, settings: Settings, span: Span) -> bool:
    """An empty required field is reported once, by M007."""
    for name in settings.required_fields:
        f = article.front_matter.fields.get(name)
        if f and f.value_span == span and (f.value is None or (isinstance(f.value, str) and not f.value.strip())):
            return True
    return False


@rule("M009", "unknown-field", "warning", "A front-matter key is not one newsctl knows.")
def unknown_field(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Front-matter keys that are not part of the article format, with a "did you mean"
        suggestion for likely misspellings.

    Why it matters:
        A misspelt key (`autor`, `tittle`) is silently ignored, so the value it holds is lost.

    Example:
        autor: Jane Doe

    Use instead:
        author: Jane Doe
    """
    fm = article.front_matter
    for key, field in fm.fields.items():
        if key in FIELDS:
            continue
        guess = difflib.get_close_matches(key.lower(), list(FIELDS), n=1, cutoff=0.6)
        if guess:
            s = field.key_span
            fix = Fix(f"Rename '{key}' to '{guess[0]}'", (Edit(s.line, s.column, s.end_line, s.end_column, guess[0]),))
            yield Hit(s, f"Unknown field '{key}' (did you mean '{guess[0]}'?)", f"Rename it to '{guess[0]}'", fix)
        else:
            yield Hit(
                field.key_span,
                f"Unknown field '{key}'",
                f"Remove it, or use one of: {', '.join(FIELDS)}",
            )


@rule("M010", "missing-summary", "info", "The recommended `summary` field is missing.")
def missing_summary(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        That the front matter has a `summary` (unless it is required, when M007 reports it).

    Why it matters:
        The summary becomes the meta description, the feed summary and the ninjs description;
        without it, partners show the first words of the body instead.

    Example:
        title: Council approves budget

    Use instead:
        title: Council approves budget
        summary: The council passed a 2.1 billion euro budget after a six-hour debate.
    """
    fm = article.front_matter
    if fm.ok and "summary" not in fm.fields and "summary" not in settings.required_fields:
        yield Hit(Span(fm.start_line, 1, fm.start_line, 4), "No 'summary' in the front matter", "Add a one-sentence 'summary:'")


@rule("M011", "plain-text-source", "error", "The file is plain text with no front matter, not yet an article.")
def plain_text_source(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Plain-text files (`.txt`) that lint and outline read the way `newsctl import` reads them:
        the body is checked at the text file's own lines, and this one finding says the file has
        no front matter yet. (A `.txt` that opens with a `---` header is read as Markdown.)

    Why it matters:
        Copy that arrives as plain text has no title, date or byline fields, so it cannot be
        scheduled, exported or credited until it is imported into the article format.

    Example:
        News
        Council approves budget
        The city council approved the budget on Tuesday night after a six-hour debate.

    Use instead:
        ---
        title: Council approves budget
        section: News
        status: draft
        slug: council-approves-budget
        ---

        The city council approved the budget on Tuesday night after a six-hour debate.
    """
    return _problems(article, "plain-text-source")
