"""Metadata rules (M): the front matter is present, well-formed and complete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from newsctl.article import Article, Span
from newsctl.fields import looks_like_text
from newsctl.findings import Edit, Fix, Hit, Severity
from newsctl.registry import rule

if TYPE_CHECKING:
    from newsctl.settings import Settings


def _problems(article: Article, kind: str) -> Iterator[Hit]:
    for p in article.problems:
        if p.kind == kind:
            yield Hit(p.span, p.message, p.hint, p.fix, severity=Severity(p.severity) if p.severity else None)


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
        Syntax errors in the front matter (YAML, TOML or JSON), reported at the line and column
        the parser gives, and keys written twice. A tab used as white space (`- melody<TAB>`),
        which YAML 1.2 and the site generators accept but PyYAML-based tools reject, is a
        warning with a fix, and the header is read as the generators read it.

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


LINK_OUT_REQUIRED = ("title", "date")


@rule(
    "M007",
    "missing-required-field",
    "error",
    "A required front-matter field is missing or empty.",
)
def missing_required_field(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        That every field listed in `required-fields` (default: title, date, author) is present
        and not empty, under its own name or a name the site uses for it (`authors`, `by` and
        `byline` are the author; see docs/format.md). A Jekyll file name's date
        (`2024-03-06-slug.md`) is the date when the front matter has none. A link-out item
        (front matter pointing to a story elsewhere, no body) needs only `title` and `date`.

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
    table = settings.site_format.alias_table
    for name in settings.required_fields:
        if article.is_link_out and name not in LINK_OUT_REQUIRED:
            continue  # a link to a story elsewhere carries that story's byline, not its own
        field = fm.fields.get(name)
        if field is None:
            others = table.get(name, ())
            also = f" (or one of the names sites use for it: {', '.join(others[:4])})" if others else ""
            yield Hit(where, f"Required field '{name}' is missing", f"Add '{name}:' to the front matter{also}")
        elif field.value is None or (isinstance(field.value, str) and not field.value.strip()):
            yield Hit(field.key_span, f"Required field '{field.key}' is empty", f"Give '{field.key}' a value")


@rule("M008", "invalid-field-value", "error", "A front-matter value has the wrong type or format.")
def invalid_field_value(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Each known field's value: `date`, `updated` and `embargo` are ISO 8601 dates or
        datetimes (site timestamps such as `2016-04-01 10:30:00 -4` are accepted; another
        layout that reads unambiguously, such as `March 6, 2024`, is a warning; what is
        ambiguous, like `03/04/2024`, or impossible is an error); `author` is a name or a list of names; `tags` is a list of strings; `status`
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
            yield Hit(p.span, p.message, p.hint, p.fix, severity=Severity(p.severity) if p.severity else None)


def _empty_required(article: Article, settings: Settings, span: Span) -> bool:
    """An empty required field is reported once, by M007."""
    for name in settings.required_fields:
        if article.is_link_out and name not in LINK_OUT_REQUIRED:
            continue  # M007 does not ask a link-out item for it, so M008 reports it
        f = article.front_matter.fields.get(name)
        if f and f.value_span == span and (f.value is None or (isinstance(f.value, str) and not f.value.strip())):
            return True
    return False


def _typo_distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b: a typo is 1 or 2."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


@rule("M009", "unknown-field", "warning", "A front-matter key looks misspelt (warning) or is the site's own (info).")
def unknown_field(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Front-matter keys that look like a misspelling (one or two typos) of a known key: a
        newsctl field, a name sites use for one (`authors`, `excerpt`, `lastmod`), a key the
        site generators define (`layout`, `permalink`, `weight`), one of `extra-fields`, or,
        when a directory is linted, a key at least 3 other files of the run use more often.
        Those are warnings, with a rename fix unless the right key is already there. Any other
        unknown key is the site's own: reported only as info, and not at all once declared in
        `extra-fields` (which `newsctl init` writes) or when it qualifies a known key
        (`image_alt`, `tumblr_url`). A "key" that is really a line of text (a multi-line
        value that lost its indentation) is a warning.

    Why it matters:
        A misspelt key (`autor`, `tittle`) is silently ignored, so the value it holds is lost.

    Example:
        autor: Jane Doe

    Use instead:
        author: Jane Doe
    """
    fm = article.front_matter
    site = settings.site_format
    for key, field in fm.fields.items():
        if site.is_known(key):
            continue
        s = field.key_span
        if looks_like_text(key):
            shown = key if len(key) <= 40 else key[:37] + "..."
            yield Hit(
                s,
                f"Front-matter line {s.line} reads as a key ('{shown}'): it looks like text of the value above that lost its indentation",
                "Indent the value's continuation lines, or quote the whole value",
            )
            continue
        guess = site.misspelling(key)
        if guess:
            if guess in fm.fields or site.canonical_of(guess) in fm.fields:
                # renaming would write the key twice: say so, and leave the choice to the writer
                yield Hit(s, f"Unknown field '{key}' (did you mean '{guess}'? '{guess}' is already set)", f"Merge it into '{guess}' or remove it")
                continue
            # safe (applied by --fix) only for a plain typo (`autor`); a longer edit may be a
            # different word the site's templates read. The fixer also refuses duplicate keys.
            fix = Fix(
                f"Rename '{key}' to '{guess}'",
                (Edit(s.line, s.column, s.end_line, s.end_column, guess),),
                safe=_typo_distance(key.lower(), guess.lower()) <= 1 + len(guess) // 8,
            )
            yield Hit(s, f"Unknown field '{key}' (did you mean '{guess}'?)", f"Rename it to '{guess}'", fix)
        elif not site.is_extension(key):
            yield Hit(
                s,
                f"Unknown field '{key}': the site's own key?",
                "Declare it in extra-fields if the site uses it (newsctl init writes them)",
                severity=Severity.INFO,
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


@rule("M012", "missing-slug", "info", "No `slug` field: the URL comes from the file name.", enabled=False)
def missing_slug(article: Article, settings: Settings) -> Iterator[Hit]:
    """What it checks:
        Off by default (select `M012`, or `--extend-select M012`): that the front matter has a
        `slug`. The fix adds one made from the title (`Council approves budget` becomes
        `slug: council-approves-budget`), in YAML and TOML headers; `--fix` applies it.

    Why it matters:
        Without a slug, export names the page after the file, so renaming the file moves the
        article's URL and breaks links to it. Sites that want stable URLs set the slug once,
        when the article is first published.

    Example:
        ---
        title: Council approves budget
        date: 2024-03-06T18:00:00+01:00
        author: Jane Doe
        ---

    Use instead:
        ---
        title: Council approves budget
        slug: council-approves-budget
        date: 2024-03-06T18:00:00+01:00
        author: Jane Doe
        ---
    """
    fm = article.front_matter
    if not fm.ok or "slug" in fm.fields or article.is_link_out:
        return
    from newsctl.slugs import slugify

    slug = slugify(article.meta.title or "")
    fix = None
    if slug and fm.end_line and fm.format in ("yaml", "toml"):
        line = f"slug: {slug}\n" if fm.format == "yaml" else f'slug = "{slug}"\n'
        fix = Fix(f"Add 'slug: {slug}'", (Edit(fm.end_line, 1, fm.end_line, 1, line),), safe=True)
    yield Hit(
        Span(fm.start_line, 1, fm.start_line, 4),
        "No 'slug' in the front matter: the page is named after the file",
        f"Add 'slug: {slug}'" if slug else "Add a 'slug:' such as council-approves-budget",
        fix,
    )
