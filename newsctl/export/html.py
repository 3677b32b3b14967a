"""HTML export: the body rendered with markdown-it-py, inside a Jinja2 page template.

The body is parsed with the same markdown-it configuration as `newsctl.parse`
(so heading tokens line up one-to-one with the Article's heading blocks), with two
export-only changes made on the token stream:

- headings that start sections get `id`s equal to `newsctl.anchors.section_anchors`
  (the outline's anchors); headings inside lists or quotes get none;
- links and images whose target fails `sanitize.safe_url` lose their target (the
  link text stays, the image goes); relative targets are resolved against the
  base URL when one is given.

Unless raw HTML is allowed, the rendered body then goes through `sanitize.clean_html`.
"""

from __future__ import annotations

import json
import copy
from functools import lru_cache
from importlib import resources
from typing import Any

from markdown_it.token import Token

from newsctl.anchors import section_anchors
from newsctl.article import Article
from newsctl.parse import markdown
from newsctl.suppress import is_directive_only
from newsctl.export.common import (
    ExportDoc,
    ExportError,
    ExportOptions,
    absolute,
    display,
    iso,
    strip_controls,
    transliterate_data,
    transliterate_html,
)
from newsctl.export.sanitize import clean_html, safe_url



def copy_tokens(tokens: Any) -> list[Any]:
    """A copy of markdown-it tokens that rendering may change: each token, its attrs, map and
    children copied (meta deep-copied, it is rarely set).

    Hand-written (issue 12): `copy.deepcopy` went through its generic memo machinery, and even
    `copy.copy` of a slots dataclass goes through `__reduce_ex__`; setting the slots of a new
    Token directly is 8x cheaper than `copy.copy` per token (0.85 -> 0.1 ms per 1,300-word
    article, measured in process). tests/test_export_tokens.py checks the copy equals the
    original and shares nothing mutable with it.
    """
    new = Token.__new__
    deepcopy = copy.deepcopy
    out = []
    append = out.append
    for tok in tokens:
        twin = new(Token)
        twin.type = tok.type
        twin.tag = tok.tag
        twin.nesting = tok.nesting
        twin.attrs = dict(tok.attrs)
        twin.map = list(tok.map) if tok.map is not None else None
        twin.level = tok.level
        twin.children = copy_tokens(tok.children) if tok.children is not None else None
        twin.content = tok.content
        twin.markup = tok.markup
        twin.info = tok.info
        twin.meta = deepcopy(tok.meta) if tok.meta else {}
        twin.block = tok.block
        twin.hidden = tok.hidden
        append(twin)
    return out


def body_tokens(
    article: Article, base_url: str | None = None, mark: str = "", options: ExportOptions | None = None
) -> list[Any]:
    """The body's markdown-it tokens, ready for rendering.

    They are the Article's own tokens (the one parse), copied because rendering changes them,
    then changed in steps, each its own function: typography (`_typography`, with
    options.smart), heading levels that never skip (`_normalise_headings`), section ids,
    newsctl's own comments removed, unsafe link targets dropped and links to other articles'
    files pointed at their pages (`_clean_inline`).
    mark: a prefix for the heading ids, for the sanitizer to tell them from raw-HTML ids.
    """
    options = options or ExportOptions(base_url=base_url, smart=False)
    base_url = options.base_url if base_url is None else base_url
    tokens = copy_tokens(article.tokens)
    if options.smart:
        _typography(tokens, article.meta.lang)
    _normalise_headings(tokens)
    anchors = section_anchors(article)
    headings = article.headings()
    owner = {article.sections[i].heading: i for i in anchors}
    k = 0
    out = []
    for tok in tokens:
        if tok.type == "heading_open":
            block = headings[k] if k < len(headings) else None
            k += 1
            if block is not None and block.index in owner:
                tok.attrSet("id", mark + anchors[owner[block.index]])
        elif tok.type in ("html_block",) and is_directive_only(tok.content):
            continue  # newsctl's own suppression comments are not content
        elif tok.type == "inline" and tok.children:
            tok.children = _clean_inline(tok.children, base_url, article, options)
        out.append(tok)
    if k != len(headings):  # same parser, same text: this cannot happen unless parse.py changes
        raise ExportError(f"internal error: {k} heading tokens but {len(headings)} heading blocks")
    return out


def _typography(tokens: list[Any], lang: str | None) -> None:
    """markdown-it's typographer on the parsed tokens: curly quotes, en and em dashes (-- ---),
    ellipses (...), (c) (tm); in prose only (code, URLs and escaped characters untouched)."""
    from markdown_it.rules_core import replace, smartquotes
    from markdown_it.rules_core.state_core import StateCore

    from newsctl.export.common import quote_marks, title_markdown

    md = title_markdown(True, quote_marks(lang))  # only its options are read: typographer, quotes
    state = StateCore("", md, {})
    state.tokens = tokens
    replace(state)
    smartquotes(state)


def _normalise_headings(tokens: list[Any]) -> None:
    """Heading levels that never skip one: `##` then `####` become <h2> then <h3>.

    A heading nests under the nearest earlier heading of a lower source level and is one level
    below it; the first is <h2> (the page title is the <h1>), a `#` heading stays <h1>. The
    source keeps its S002 finding; the page outline is what validators and screen readers read.
    """
    stack: list[tuple[int, int]] = []  # (source level, output level)
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open":
            continue
        level = int(tok.tag[1])
        while stack and stack[-1][0] >= level:
            stack.pop()
        out = 1 if level == 1 else (stack[-1][1] + 1 if stack else 2)
        out = min(out, level)
        stack.append((level, out))
        if out != level:
            tok.tag = f"h{out}"
            for close in tokens[i + 1 :]:
                if close.type == "heading_close":
                    close.tag = tok.tag
                    break


def _clean_inline(
    children: list[Any], base_url: str | None, article: Article | None = None, options: ExportOptions | None = None
) -> list[Any]:
    from newsctl.export.common import resolve_article_link

    out = []
    dropped: list[bool] = []  # for each open link: was its link_open dropped?
    for child in children:
        t = child.type
        if t == "text_special":  # parse.py keeps escapes/entities apart; render them as text
            child.type = "text"
        elif t == "link_open":
            href = str(child.attrGet("href") or "")
            page = resolve_article_link(article, href, options) if article is not None and options else None
            bad = not safe_url(href) or page == ""  # "": a link to an article file that is not there
            dropped.append(bad)
            if bad:
                continue
            if page:
                child.attrSet("href", page)
            elif base_url and not href.startswith("#"):
                child.attrSet("href", absolute(href, base_url) or href)
        elif t == "link_close":
            if dropped and dropped.pop():
                continue
        elif t == "image":
            src = str(child.attrGet("src") or "")
            if not safe_url(src, image=True):
                continue
            if base_url and not src.startswith("data:"):
                child.attrSet("src", absolute(src, base_url) or src)
        elif t == "html_inline" and is_directive_only(child.content):
            continue
        out.append(child)
    return out


def heading_mark(options: ExportOptions) -> str:
    """An unguessable prefix for the generated heading ids, so raw HTML cannot pass as one
    ("" with raw HTML allowed: then ids are the author's responsibility)."""
    import secrets

    return "" if options.allow_raw_html else f"newsctl-{secrets.token_hex(8)}-"


def render_body(article: Article, options: ExportOptions, tokens: list[Any] | None = None, mark: str | None = None) -> str:
    """The article body as an HTML fragment (sanitized unless raw HTML is allowed).

    Sanitized, every id is unique and the heading anchors win over raw-HTML ids (see
    `sanitize.unique_ids`); with raw HTML allowed, raw ids are the author's responsibility.
    tokens, mark: the body's tokens already built by `body_tokens(article, options.base_url,
    mark, options)` (ninjs builds them once for its html and text bodies); None: built here.
    """
    md = markdown()
    if tokens is None or mark is None:
        mark = heading_mark(options)
        tokens = body_tokens(article, options.base_url, mark, options)
    html = md.renderer.render(tokens, _render_options(), {})
    if not options.allow_raw_html:
        html = clean_html(html, heading_mark=mark)
    else:  # the body goes into pages, ninjs and feeds: no control characters, raw or as &#11;
        html = strip_controls(html, html=True)
    if options.ascii:
        html = transliterate_html(html)
    return html.strip() + "\n"


@lru_cache(maxsize=1)
def _render_options() -> Any:
    """The renderer's options: the parser's, without XHTML-style void tags (built once)."""
    from markdown_it.utils import OptionsDict

    md = markdown()
    return OptionsDict({**md.options, "xhtmlOut": False})


def json_ld(doc: ExportDoc) -> dict[str, Any]:
    """schema.org NewsArticle metadata (Google's article structured data: headline, image,
    dates, author, publisher with logo)."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc.title}
    if doc.published:
        data["datePublished"] = iso(doc.published, doc.published_bare)
        modified = doc.updated or doc.published
        data["dateModified"] = iso(modified, doc.updated_bare if doc.updated else doc.published_bare)
    if doc.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in doc.authors]
    site = doc.site
    if site.publisher or site.name:
        publisher: dict[str, Any] = {"@type": "Organization", "name": site.publisher or site.name}
        if site.publisher_logo:
            publisher["logo"] = {"@type": "ImageObject", "url": site.publisher_logo}
        if site.base_url:
            publisher["url"] = site.base_url
        data["publisher"] = publisher
    if doc.summary:
        data["description"] = doc.summary
    if doc.section:
        data["articleSection"] = doc.section
    if doc.tags:
        data["keywords"] = list(doc.tags)
    data["inLanguage"] = doc.lang
    data["wordCount"] = doc.counts.words
    if doc.url:
        data["url"] = doc.url
        data["mainEntityOfPage"] = doc.url
    if doc.image:
        if doc.lead_image and (doc.image_alt or doc.image_caption):
            image: dict[str, Any] = {"@type": "ImageObject", "url": doc.image}
            if doc.image_caption:
                image["caption"] = doc.image_caption
            if doc.image_alt:
                image["description"] = doc.image_alt
            data["image"] = [image]
        else:
            data["image"] = [doc.image]
    if doc.mark:
        data["creativeWorkStatus"] = "Draft" if doc.mark == "draft" else "Embargoed"
    return data


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' that could end the element."""
    text = strip_controls(json.dumps(data, ensure_ascii=False, indent=2), json_text=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def toc(doc: ExportDoc) -> list[dict[str, Any]]:
    """The table of contents: each section heading in order, with its depth (1 for `##`
    sections, as exported) and its anchor (the heading's id)."""
    article = doc.article
    anchors = section_anchors(article)
    out: list[dict[str, Any]] = []

    def visit(index: int, depth: int) -> None:
        sec = article.sections[index]
        if index in anchors:
            out.append({"title": " ".join(sec.title.split()), "anchor": anchors[index], "depth": depth})
        for child in sec.children:
            visit(child, depth + 1)

    for child in article.sections[0].children if article.sections else ():
        visit(child, 1)
    return out


def context(doc: ExportDoc, options: ExportOptions) -> dict[str, Any]:
    """Everything a page template sees (documented in docs/export.md, "Template context")."""
    from markupsafe import Markup

    site = doc.site
    return {
        "title": doc.title,
        "title_html": Markup(doc.title_html),
        "lang": doc.lang,
        "summary": doc.summary,
        "section": doc.section,
        "tags": list(doc.tags),
        "authors": list(doc.authors),
        "byline": doc.byline,
        "slug": doc.name,
        "published": iso(doc.published, doc.published_bare) if doc.published else None,
        "published_display": display(doc.published, doc.published_bare) if doc.published else None,
        "updated": iso(doc.updated, doc.updated_bare) if doc.updated else None,
        "updated_display": display(doc.updated, doc.updated_bare) if doc.updated else None,
        "url": doc.url,
        "base_url": options.base_url,
        "image": doc.image,
        "image_alt": doc.image_alt,
        "lead_image": (
            {"src": doc.image_src, "alt": doc.image_alt or "", "caption": doc.image_caption}
            if doc.lead_image
            else None
        ),
        "mark": doc.mark,
        "notice": doc.notice,
        "robots": "noindex, nofollow" if doc.mark else None,
        "toc": toc(doc),
        "word_count": doc.counts.words,
        "character_count": doc.counts.characters,
        "reading_seconds": doc.counts.reading_seconds,
        "reading_minutes": max(1, round(doc.counts.reading_seconds / 60)) if doc.counts.words else 0,
        "site": {
            "name": site.name,
            "publisher": site.publisher,
            "publisher_logo": site.publisher_logo,
            "base_url": site.base_url,
            "locale": site.og_locale,
        },
        "json_ld": Markup(_script_json(transliterate_data(json_ld(doc)) if options.ascii else json_ld(doc))),
        "stylesheet": Markup(stylesheet()),
        "body": Markup(render_body(doc.article, options).rstrip("\n")),
    }


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return resources.files("newsctl.export").joinpath("templates", "article.css").read_text("utf-8").strip()


def _environment(loader: Any) -> Any:
    import jinja2

    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@lru_cache(maxsize=2)
def _builtin_template(name: str = "article.html.j2") -> Any:
    import jinja2

    env = _environment(jinja2.PackageLoader("newsctl.export", "templates"))
    return env.get_template(name)


def load_template(path: str | None) -> Any:
    """The compiled page template (None: the built-in one), read and compiled once per file version.

    ExportError "PATH:LINE: message" when the file cannot be read, is not UTF-8, or has a
    syntax error: the CLI checks this before exporting anything (a usage error, exit 2).
    """
    if path is None:
        return _builtin_template()
    import os

    try:
        st = os.stat(path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return _compile_template(path, os.path.realpath(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _compile_template(path: str, real: str, mtime_ns: int, size: int) -> Any:
    import jinja2
    from pathlib import Path

    try:
        data = Path(real).read_bytes()
    except OSError as exc:
        raise ExportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise ExportError(f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column})") from None
    env = _environment(jinja2.FileSystemLoader(str(Path(path).parent)))
    try:
        code = env.compile(text, name=Path(path).name, filename=path)
    except jinja2.TemplateSyntaxError as exc:
        raise ExportError(f"{path}:{exc.lineno}: {exc.message}") from None
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _template_error(exc: BaseException, template: Any, shown: str) -> str:
    """"FILE:LINE: message" for an error raised while rendering, from jinja2's rewritten traceback
    (its template frames carry the template file name and line)."""
    import os

    import jinja2

    where: tuple[str, int] | None = None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.lineno:  # an included template
        where = (exc.filename or exc.name or "<template>", exc.lineno)
    else:
        tb = exc.__traceback__
        while tb is not None:
            if "__jinja_exception__" in tb.tb_frame.f_globals:
                where = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
            tb = tb.tb_next
    if isinstance(exc, jinja2.TemplateError):
        message = exc.message or type(exc).__name__
    else:
        message = f"{type(exc).__name__}: {exc}"
    if where is None:
        return f"{shown}: {message}"
    filename, line = where
    name = shown if filename == template.filename else os.path.normpath(filename)
    return f"{name}:{line}: {message}"


def render(doc: ExportDoc, options: ExportOptions) -> str:
    """A complete HTML5 document, or only the body with options.fragment.

    An error while rendering the template is an ExportError "template FILE:LINE: message".
    """
    if options.fragment:
        return render_body(doc.article, options)
    template = load_template(options.template)
    values = context(doc, options)
    try:
        text = template.render(**values)
        if options.ascii:
            text = transliterate_html(text)
    except Exception as exc:  # the template's own errors (undefined names, 1 // 0, ...), with their line
        shown = options.template or "built-in template article.html.j2"
        raise ExportError(f"template {_template_error(exc, template, shown)}") from None
    return text if text.endswith("\n") else text + "\n"
