"""What an importer produces: the article's fields, a Markdown body, a line map and a report.

Importers never write files and never print; `render` turns an Imported into the article
format (YAML front matter, then the body) and the CLI decides where it goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsctl.slugs import slugify


@dataclass(frozen=True)
class Unsure:
    """A source line the importer kept as a paragraph without being sure that is what it is."""

    line: int
    text: str
    why: str


@dataclass(frozen=True)
class Report:
    """What the importer recognised, for the table `newsctl import` prints."""

    label: tuple[str, int] | None = None  # section label and its line
    headline: tuple[str, int] | None = None
    repeated_headline: int | None = None  # line of a repeated or extended headline (kept as an H1)
    byline: tuple[str, int] | None = None
    dateline: int | None = None
    headings: tuple[tuple[str, int], ...] = ()
    paragraphs: int = 0
    list_items: int = 0
    quotes: int = 0
    tables: int = 0
    images: int = 0
    unsure: tuple[Unsure, ...] = ()


@dataclass(frozen=True)
class Imported:
    """One document read by an importer.

    `body` is Markdown (LF line ends, ending with a newline). `line_map[i]` is the 1-based
    source line that body line i+1 came from, 0 for lines the importer added (the blank lines
    between paragraphs); a Word document has no lines, so its map is all zeros.
    """

    title: str | None
    section: str | None
    author: str | None
    body: str
    line_map: tuple[int, ...] = field(repr=False)
    report: Report = Report()

    @property
    def slug(self) -> str | None:
        return slugify(self.title) if self.title else None


def front_matter(fields: dict[str, object]) -> str:
    """YAML front matter between `---` lines, keys in the order given, values quoted as needed."""
    import yaml

    dumped = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return f"---\n{dumped}---\n"


def render(doc: Imported, slug: str | None = None) -> str:
    """The article file: front matter (title, section, author, status: draft, slug) and the body.

    `date` is left out on purpose: only the writer knows when the article runs, and lint names it.
    """
    fields: dict[str, object] = {}
    if doc.title:
        fields["title"] = doc.title
    if doc.section:
        fields["section"] = doc.section
    if doc.author:
        fields["author"] = doc.author
    fields["status"] = "draft"
    slug = slug if slug is not None else doc.slug
    if slug:
        fields["slug"] = slug
    body = doc.body.lstrip("\n")
    return front_matter(fields) + ("\n" + body if body else "")
