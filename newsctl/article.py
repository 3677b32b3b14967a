"""The Article: one parse of one file, shared by lint, outline and export.

Everything here is frozen data. Positions are 1-based lines and columns of the
whole file. Rules, the outline and the exporters read these objects and never
parse text again.
"""

from __future__ import annotations

import bisect
from dataclasses import field
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable, Mapping

from newsctl.frozen import cached, fast_init, dataclass  # dataclass: cheaper to create (newsctl/frozen.py)
from newsctl.source import Source

if TYPE_CHECKING:
    from newsctl.dates import DateMention

EMPTY: Mapping[str, Any] = MappingProxyType({})


_TEXT_FUNCTIONS: dict[str, Callable[[str], Any]] = {}


def _text_function(name: str) -> Callable[[str], Any]:
    """A function of newsctl.text, imported when first asked for (that module compiles regexes:
    start-up) and then read from a dict: an import statement in a cached property of every
    block cost ~0.9 us a call, ~0.05 ms an article for the quotations and word counts (issue 12,
    third day)."""
    found = _TEXT_FUNCTIONS.get(name)
    if found is None:
        import newsctl.text

        found = _TEXT_FUNCTIONS[name] = getattr(newsctl.text, name)
    return found


@fast_init
@dataclass(frozen=True)
class Span:
    """A 1-based range in the file; the end column is exclusive of nothing: it is the last character + 1."""

    line: int
    column: int
    end_line: int
    end_column: int


@fast_init
@dataclass(frozen=True)
class Problem:
    """Something the parser could not accept (bad YAML, unclosed front matter...).

    `kind` is matched by the metadata rules, which turn problems into findings.
    """

    kind: str
    message: str
    span: Span
    hint: str | None = None
    severity: str | None = None  # lower than the rule's default for this one problem ("warning")
    fix: Any = None  # a findings.Fix, when the correction is mechanical


@dataclass(frozen=True)
class Field:
    """One top-level front-matter key, with where its key and value are."""

    key: str
    value: Any
    key_span: Span
    value_span: Span


class Fields(Mapping[str, Field]):
    """Front-matter fields keyed as the file writes them, also reachable by canonical name.

    Iterating gives the written keys (`authors`, `excerpt`); `fields["author"]` and
    `fields.get("summary")` find them through the site's aliases, so rules ask for the canonical
    field and report the key as written (`Field.key`). Values derived from elsewhere (the date in
    a Jekyll file name) answer `get` too but are never iterated.
    """

    __slots__ = ("_written", "_canonical")

    def __init__(self, written: Mapping[str, Field], canonical: Mapping[str, Field] | None = None) -> None:
        self._written = dict(written)
        self._canonical = dict(canonical or {})

    def __getitem__(self, key: str) -> Field:
        f = self._written.get(key)
        if f is None:
            return self._canonical[key]
        return f

    def get(self, key: str, default: Any = None) -> Any:
        f = self._written.get(key)
        if f is None:
            return self._canonical.get(key, default)
        return f

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._written)

    def __len__(self) -> int:
        return len(self._written)

    def __contains__(self, key: object) -> bool:
        return key in self._written or key in self._canonical

    def __repr__(self) -> str:
        return f"Fields({list(self._written)!r})"

    def canonical(self) -> Mapping[str, Field]:
        """canonical name -> the field that supplies it."""
        return MappingProxyType(self._canonical)


@dataclass(frozen=True)
class FrontMatter:
    """The header. `ok` is false when it is missing, unclosed or not a mapping."""

    present: bool
    ok: bool
    data: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    fields: Mapping[str, Field] = field(default_factory=lambda: EMPTY)
    start_line: int = 0  # line of the opening delimiter
    end_line: int = 0  # line of the closing delimiter (0 when absent or unclosed)
    format: str = "yaml"  # yaml (---), toml (+++) or json ({ ... })

    def span(self, key: str) -> Span | None:
        """The key's span, when the key is present."""
        f = self.fields.get(key)
        return f.key_span if f else None


@dataclass(frozen=True)
class Meta:
    """Front-matter values checked and typed. Invalid values are None here (and a Problem)."""

    title: str | None = None
    date: datetime | None = None  # publication time; naive when written without a timezone
    date_is_bare: bool = False  # written as a date with no time
    author: tuple[str, ...] = ()
    summary: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    updated: datetime | None = None
    updated_is_bare: bool = False
    slug: str | None = None
    status: str | None = None
    embargo: datetime | None = None
    embargo_is_bare: bool = False
    lang: str = "en"
    image: str | None = None  # lead image URL or path
    image_alt: str | None = None
    image_caption: str | None = None

    @property
    def publication_date(self) -> date | None:
        return self.date.date() if self.date else None


@fast_init
@dataclass(frozen=True)
class Link:
    text: str
    href: str
    span: Span
    autolink: bool = False


@fast_init
@dataclass(frozen=True)
class Image:
    alt: str
    src: str
    span: Span


@fast_init
@dataclass(frozen=True)
class HtmlTag:
    raw: str
    span: Span


@fast_init
@dataclass(frozen=True)
class Inline:
    """The inline content of a paragraph, heading or table cell.

    `raw` is the Markdown source of the content; `prose` has the same length with
    markup, code, HTML and URLs blanked out, so an offset in `prose` is an offset
    in `raw` and `position()` maps it to the file.
    """

    raw: str
    prose: str
    plain: str
    line_offsets: tuple[int, ...] = field(repr=False)  # offset in raw where each content line starts
    line_origins: tuple[tuple[int, int], ...] = field(repr=False)  # (file line, 0-based column) of each
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    html: tuple[HtmlTag, ...] = ()

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file of an offset into `raw` / `prose`."""
        i = bisect.bisect_right(self.line_offsets, offset) - 1
        line, col0 = self.line_origins[i]
        return line, col0 + offset - self.line_offsets[i] + 1

    @cached
    def quotes(self) -> tuple[tuple[int, int], ...]:
        """The direct quotations in the prose, as (start, end) offsets: found once per block and
        shared by every rule, the readability measure and the review page."""
        return tuple(_text_function("quoted_ranges")(self.prose))

    @cached
    def word_count(self) -> int:
        """count_words(prose): counted once and shared by the counts (text.block_words), the
        readability measure and S006, which each counted every block again (issue 12)."""
        return _text_function("count_words")(self.prose)  # type: ignore[no-any-return]

    def span(self, start: int, end: int) -> Span:
        """Span of raw[start:end] (end exclusive)."""
        line, col = self.position(start)
        end_line, end_col = self.position(max(start, end - 1))
        return Span(line, col, end_line, end_col + 1)


@fast_init
@dataclass(frozen=True)
class Block:
    """A leaf block of the body: heading, paragraph, code, html, hr or table."""

    index: int
    kind: str
    line: int
    end_line: int
    section: int
    level: int = 0  # heading level
    inline: Inline | None = None
    cells: tuple[Inline, ...] = ()  # table cells
    in_list: bool = False
    in_quote: bool = False
    info: str = ""  # fenced code info string
    raw: str = ""  # source text of code and html blocks
    anchor: str = ""  # a heading's own id, written `## Heading {#id}`
    in_footnote: bool = False  # a paragraph of a footnote definition (`[^1]: ...`)

    @property
    def is_prose(self) -> bool:
        """Paragraphs (top level, list items, block quotes) are prose; nothing else is."""
        return self.kind == "paragraph"


@fast_init
@dataclass(frozen=True)
class Sentence:
    """A sentence of prose with its place in the file.

    Kept as offsets into its block's prose (issue 12): the text, span and word count are made
    when first read (a rule's message, the readability report), not for each of the ~85
    sentences of an article that the date finder and the readability measure only locate."""

    block: int
    start: int  # offsets into the block's inline prose
    end: int
    inline: Inline = field(repr=False)  # the block's inline content (its prose holds the sentence)
    in_quote: bool = False

    @cached
    def text(self) -> str:
        """The sentence with its whitespace collapsed (newsctl.text.collapse)."""
        from newsctl.text import collapse

        return collapse(self.inline.prose[self.start : self.end])

    @cached
    def span(self) -> Span:
        return self.inline.span(self.start, self.end)

    @cached
    def words(self) -> int:
        """count_words(text): words as every count counts them."""
        from newsctl.text import count_words

        return count_words(self.text)



@fast_init
@dataclass(frozen=True)
class Section:
    """A heading and what follows it up to the next heading of the same or higher level.

    Section 0 is the lead: everything before the first heading (it has no heading).
    """

    index: int
    level: int
    title: str
    heading: int | None  # block index of the heading
    line: int
    end_line: int
    blocks: tuple[int, ...]  # blocks directly in this section (headings of subsections excluded)
    children: tuple[int, ...]
    parent: int | None


@dataclass(frozen=True)
class Article:
    source: Source
    front_matter: FrontMatter
    meta: Meta
    body_line: int  # first line of the body
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    problems: tuple[Problem, ...] = ()
    # splits the prose into sentences when first asked (`sentences`): lint and the readability
    # numbers read them, export never does (issue 12); a picklable callable, like find_dates
    find_sentences: Callable[[], tuple[Sentence, ...]] | None = field(default=None, repr=False, compare=False)
    # finds the date mentions when first asked (`dates`): export and outline never read them,
    # and finding them is about a quarter of a parse; a picklable callable (functools.partial)
    find_dates: Callable[[], tuple[DateMention, ...]] | None = field(default=None, repr=False, compare=False)
    # the body's markdown-it tokens (block tokens with inline children), kept so the exporters
    # render the same parse the rules read; treat them as read-only (copy before changing)
    tokens: tuple[Any, ...] = field(default=(), repr=False, compare=False)
    # invisible control characters (pasted from word processors) and where they are
    control_characters: tuple[tuple[str, Span], ...] = ()
    # the front-matter key (as written) that sends readers elsewhere, when the body is empty
    link_out_key: str | None = None

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def is_link_out(self) -> bool:
        """A link-out item: front matter pointing to a story elsewhere (`source_url`, ...) and no
        body. It is listed like an article but is not one, so the body rules skip it."""
        return self.link_out_key is not None

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def prose_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.is_prose]

    def section_blocks(self, section: int, deep: bool = False) -> list[Block]:
        """Blocks of a section; with deep=True, its subsections' blocks too (in order)."""
        sec = self.sections[section]
        if not deep:
            return [self.blocks[i] for i in sec.blocks]
        out: list[Block] = [self.blocks[i] for i in sec.blocks]
        for child in sec.children:
            out.append(self.blocks[self.sections[child].heading])  # type: ignore[index]
            out.extend(self.section_blocks(child, deep=True))
        out.sort(key=lambda b: b.index)
        return out

    def sentences_in(self, block: int) -> list[Sentence]:
        """The sentences of one block (indexed once, so rules can ask per block cheaply)."""
        return list(self._sentences_by_block.get(block, ()))

    @cached
    def _sentences_by_block(self) -> dict[int, tuple[Sentence, ...]]:
        index: dict[int, list[Sentence]] = {}
        for s in self.sentences:
            index.setdefault(s.block, []).append(s)
        return {k: tuple(v) for k, v in index.items()}

    @cached
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences of the prose blocks, in order (split once, when first read)."""
        return self.find_sentences() if self.find_sentences is not None else ()

    @cached
    def dates(self) -> tuple[DateMention, ...]:
        """Date mentions: title, summary, then headings and prose in order."""
        return self.find_dates() if self.find_dates is not None else ()

    @cached
    def derived(self) -> dict[Any, Any]:
        """Results computed from this article once and shared by the rules that read them (the
        readability measurement, keyed by the settings it depends on); lives and dies with it."""
        return {}
