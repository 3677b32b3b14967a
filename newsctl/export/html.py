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

from newsctl.anchors import section_anchors
from newsctl.article import Article
from newsctl.parse import markdown
from newsctl.suppress import is_directive_only
from newsctl.export.common import ExportDoc, ExportError, ExportOptions, absolute, display, iso, strip_controls
from newsctl.export.sanitize import clean_html, safe_url



def body_tokens(article: Article, base_url: str | None = None, mark: str = "") -> list[Any]:
    """The body's markdown-it tokens, ready for rendering (ids set, unsafe targets gone).

    They are the Article's own tokens (the one parse), copied because rendering changes them.
    mark: a prefix for the heading ids, for the sanitizer to tell them from raw-HTML ids.
    """
    tokens = copy.deepcopy(list(article.tokens))
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
            tok.children = _clean_inline(tok.children, base_url)
        out.append(tok)
    if k != len(headings):  # same parser, same text: this cannot happen unless parse.py changes
        raise ExportError(f"internal error: {k} heading tokens but {len(headings)} heading blocks")
    return out


def _clean_inline(children: list[Any], base_url: str | None) -> list[Any]:
    out = []
    dropped: list[bool] = []  # for each open link: was its link_open dropped?
    for child in children:
        t = child.type
        if t == "text_special":  # parse.py keeps escapes/entities apart; render them as text
            child.type = "text"
        elif t == "link_open":
            href = str(child.attrGet("href") or "")
            bad = not safe_url(href)
            dropped.append(bad)
            if bad:
                continue
            if base_url and not href.startswith("#"):
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


def render_body(article: Article, options: ExportOptions) -> str:
    """The article body as an HTML fragment (sanitized unless raw HTML is allowed).

    Sanitized, every id is unique and the heading anchors win over raw-HTML ids (see
    `sanitize.unique_ids`); with raw HTML allowed, raw ids are the author's responsibility.
    """
    import secrets

    md = markdown()
    # an unguessable prefix marks the generated heading ids, so raw HTML cannot pass as one
    mark = "" if options.allow_raw_html else f"newsctl-{secrets.token_hex(8)}-"
    tokens = body_tokens(article, options.base_url, mark)
    from markdown_it.utils import OptionsDict

    html = md.renderer.render(tokens, OptionsDict({**md.options, "xhtmlOut": False}), {})
    if not options.allow_raw_html:
        html = clean_html(html, heading_mark=mark)
    else:  # the body goes into pages, ninjs and feeds: no control characters, raw or as &#11;
        html = strip_controls(html, html=True)
    return html.strip() + "\n"


def json_ld(doc: ExportDoc) -> dict[str, Any]:
    """schema.org NewsArticle metadata."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc.title}
    if doc.published:
        data["datePublished"] = iso(doc.published, doc.published_bare)
        modified = doc.updated or doc.published
        data["dateModified"] = iso(modified, doc.updated_bare if doc.updated else doc.published_bare)
    if doc.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in doc.authors]
    if doc.summary:
        data["description"] = doc.summary
    if doc.section:
        data["articleSection"] = doc.section
    if doc.tags:
        data["keywords"] = list(doc.tags)
    data["inLanguage"] = doc.lang
    if doc.url:
        data["url"] = doc.url
        data["mainEntityOfPage"] = doc.url
    if doc.image:
        data["image"] = [doc.image]
    return data


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' that could end the element."""
    text = strip_controls(json.dumps(data, ensure_ascii=False, indent=2), json_text=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def context(doc: ExportDoc, options: ExportOptions) -> dict[str, Any]:
    """Everything a page template sees (documented in docs/export.md)."""
    from markupsafe import Markup

    return {
        "title": doc.title,
        "lang": doc.lang,
        "summary": doc.summary,
        "section": doc.section,
        "tags": list(doc.tags),
        "authors": list(doc.authors),
        "byline": doc.byline,
        "published": iso(doc.published, doc.published_bare) if doc.published else None,
        "published_display": display(doc.published, doc.published_bare) if doc.published else None,
        "updated": iso(doc.updated, doc.updated_bare) if doc.updated else None,
        "updated_display": display(doc.updated, doc.updated_bare) if doc.updated else None,
        "url": doc.url,
        "image": doc.image,
        "image_alt": doc.image_alt,
        "json_ld": Markup(_script_json(json_ld(doc))),
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


@lru_cache(maxsize=1)
def _builtin_template() -> Any:
    import jinja2

    env = _environment(jinja2.PackageLoader("newsctl.export", "templates"))
    return env.get_template("article.html.j2")


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
    except Exception as exc:  # the template's own errors (undefined names, 1 // 0, ...), with their line
        shown = options.template or "built-in template article.html.j2"
        raise ExportError(f"template {_template_error(exc, template, shown)}") from None
    return text if text.endswith("\n") else text + "\n"
