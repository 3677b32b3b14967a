"""Review pages: one article with its findings and sentence grades drawn in, and an index of many.

`review_article()` builds the view of one article (the data a template needs); `render_page`,
`render_index` and `render_report` turn views into self-contained HTML documents: CSS and a
little JavaScript inline, no external resource, a Content-Security-Policy that forbids any
request, and the article body rendered and sanitized by the export renderer.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import secrets
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from newsctl.article import Article
from newsctl.findings import Finding
from newsctl.review import chart
from newsctl.review.markers import BOX, Range, inject, marker_pattern
from newsctl.review.wrap import Element, Text, parse, serialize, wrap

SEVERITIES = ("error", "warning", "info")
_SEVERITY_LETTER = {"error": "E", "warning": "W", "info": "i"}
LEAD = "(lead)"


@dataclass
class FindingView:
    finding: Finding
    id: str
    where: str  # "front matter", "text" or "file" (nothing to point at: shown in the box)

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def letter(self) -> str:
        return _SEVERITY_LETTER[self.severity]


@dataclass
class ArticleView:
    """Everything the page template shows for one article."""

    path: str
    title: str
    prefix: str  # id prefix ("" on a page of its own)
    findings: list[FindingView]
    counts: dict[str, int]
    body: str = ""  # the rendered, highlighted body (trusted: built here from sanitized HTML)
    front_matter: str = ""  # the front-matter source with its findings marked
    file_findings: str = ""  # findings with nowhere to point at, as marked list items
    stats: dict[str, Any] = field(default_factory=dict)
    chart: str = ""
    byline: str = ""
    error: str = ""  # why the article could not be shown (unreadable file)
    page: str = ""  # file name of its page (index and report)


def _finding_attrs(view: FindingView, extra_class: str = "") -> list[tuple[str, str]]:
    f = view.finding
    tip = f"{f.code} {f.rule} ({f.severity.value}): {f.message}" + (f"\nHint: {f.hint}" if f.hint else "")
    return [
        ("id", view.id),
        ("class", f"finding sev-{f.severity.value} cat-{f.category}" + (f" {extra_class}" if extra_class else "")),
        ("data-code", f.code),
        ("data-line", str(f.line)),
        ("data-column", str(f.column)),
        ("data-end-line", str(f.end_line)),
        ("data-end-column", str(f.end_column)),
        ("data-severity", f.severity.value),
        ("title", tip),
    ]


def _source_text(article: Article, f: Finding) -> str:
    """The source a finding points at, when it fits on one line (shown when the page hides it)."""
    if f.line != f.end_line or f.line > article.source.line_count:
        return ""
    text = article.source.line_text(f.line)[f.column - 1 : f.end_column - 1]
    return text if len(text) <= 120 else text[:119] + "…"


def _sentence_ranges(article: Article, settings: Any) -> list[Range]:
    """One range per sentence (grade band, long, quoted) and one per quotation inside a sentence."""
    from newsctl.readability import band, exclude_quotes, measure

    m = measure(article, settings)
    max_grade = float(settings.option("max-grade"))
    long_words = int(settings.option("max-sentence-words"))
    skip = exclude_quotes(settings)
    out: list[Range] = []
    for s in m.sentences:
        sent = s.sentence
        if s.counted:
            level = band(s.grade, max_grade)
            classes = f"s s-{level}" + (" s-long" if s.words > long_words else "")
            tip = f"Grade {s.grade:.1f} ({level}), {s.words} words"
            if s.stats.quoted_words:
                tip += f"; {s.stats.quoted_words} quoted words not scored"
            attrs = [("class", classes), ("title", tip), ("data-grade", f"{s.grade:.1f}"), ("data-words", str(s.words))]
        else:
            attrs = [("class", "s s-quoted"), ("title", "Quotation: left out of the scores")]
        sp = sent.span
        out.append(Range(sp.line, sp.column, sp.end_line, sp.end_column, "span", tuple(attrs)))
        block = article.blocks[sent.block]
        if not (skip and s.counted and s.stats.quoted_words and block.inline):
            continue
        for a, b in block.inline.quotes:
            lo, hi = max(a, sent.start), min(b, sent.end)
            if lo < hi:
                q = block.inline.span(lo, hi)
                out.append(
                    Range(q.line, q.column, q.end_line, q.end_column, "span", (("class", "q"), ("title", "Quotation: left out of the scores")))
                )
    return out


def _fix_images(root: Element) -> None:
    """Images become a labelled placeholder (alt text and file name): the page loads nothing."""
    for el in list(root.iter()):
        for i, child in enumerate(el.children):
            if isinstance(child, Element) and child.tag == "img":
                alt = child.get("alt") or ""
                src = child.get("src") or ""
                name = "inline image" if src.startswith("data:") else src.rsplit("/", 1)[-1][:60]
                ph = Element("span", [("class", "image"), ("role", "img"), ("aria-label", f"Image: {alt}" if alt else "Image without alt text")])
                ph.append(Text(html_lib.escape(f"Image: {alt}" if alt else "Image without alt text", quote=False)))
                if name:
                    small = Element("small", [])
                    small.append(Text(html_lib.escape(f" ({name})", quote=False)))
                    ph.append(small)
                ph.parent = el
                el.children[i] = ph


def _prefix_ids(root: Element, prefix: str) -> None:
    """Ids made unique across a report of many articles (and the links to them)."""
    if not prefix:
        return
    for el in root.iter():
        ident = el.get("id")
        if ident and not ident.startswith(prefix):
            el.set("id", prefix + ident)
        href = el.get("href")
        if href and href.startswith("#") and len(href) > 1:
            el.set("href", "#" + prefix + href[1:])


def _mark_boxes(root: Element, boxes: dict[tuple[str, int], Any]) -> None:
    for (kind, _), mk in boxes.items():
        if kind != BOX or mk.parent is None:
            continue
        pre = mk.parent
        while pre is not None and pre.tag != "pre":
            pre = pre.parent
        mk.parent.children.remove(mk)
        if pre is not None:
            pre.set("class", "source-box")
            pre.set("data-label", "Source (not shown to readers as written)")


def _front_matter(article: Article, views: list[FindingView], nonce: str) -> str:
    """The front-matter lines with each of its findings marked (one element each)."""
    fm = article.front_matter
    last = max([fm.end_line or 0, *(v.finding.end_line for v in views)])
    last = min(max(last, 1), article.source.line_count)
    inserts: dict[tuple[int, int], list[str]] = {}
    ranges = []
    for key, v in enumerate(views):
        f = v.finding
        line, col, end_line, end_col = f.line, f.column, f.end_line, f.end_column
        if (end_line, end_col) <= (line, col):
            end_line, end_col = line, len(article.source.line_text(line)) + 1 if line <= article.source.line_count else col
            if end_col <= col:
                end_col = col
        inserts.setdefault((line, col), []).append(f"{nonce}o{key}x")
        inserts.setdefault((end_line, end_col), []).insert(0, f"{nonce}c{key}x")
        ranges.append(v)
    rows = []
    for line in range(1, last + 1):
        text = article.source.line_text(line)
        cols = sorted(c for (ln, c) in inserts if ln == line)
        pieces = []
        at = 0
        for c in cols:
            c0 = min(max(c - 1, 0), len(text))
            pieces.append(html_lib.escape(text[at:c0], quote=False))
            # closes before opens at one column
            marks = inserts[(line, c)]
            pieces.extend(m for m in marks if f"{nonce}c" in m)
            pieces.extend(m for m in marks if f"{nonce}o" in m)
            at = c0
        pieces.append(html_lib.escape(text[at:], quote=False))
        rows.append(f'<span class="ln" aria-hidden="true">{line}</span>' + "".join(pieces))
    root, markers = parse("<pre><code>" + "\n".join(rows) + "</code></pre>", marker_pattern(nonce))
    for key, v in enumerate(ranges):
        wrap(markers.get(("o", key)), markers.get(("c", key)), "mark", _finding_attrs(v), fill=" ")
    return serialize(root)


def review_article(article: Article, findings: list[Finding], settings: Any, prefix: str = "") -> ArticleView:
    """The view of one parsed article with its (already linted) findings."""
    from newsctl.export.common import ExportOptions
    from newsctl.export.html import render_body
    from newsctl.readability import band, measure
    from newsctl.report.readability import duration

    ordered = sorted(findings, key=lambda f: (f.line, f.column, -f.end_line, -f.end_column, f.code))
    fm_end = article.body_line - 1 if article.front_matter.present else 0
    views = []
    for n, f in enumerate(ordered, 1):
        where = "front matter" if f.line <= fm_end else "text" if article.blocks else "file"
        views.append(FindingView(f, f"{prefix}f{n}", where))
    counts = {s: sum(1 for v in views if v.severity == s) for s in SEVERITIES}
    nonce = "n" + secrets.token_hex(8)

    body_views = [v for v in views if v.where == "text"]
    ranges = [
        Range(v.finding.line, v.finding.column, v.finding.end_line, v.finding.end_column, "mark", tuple(_finding_attrs(v)), _source_text(article, v.finding))
        for v in body_views
    ]
    ranges += _sentence_ranges(article, settings)
    tokens, placed = inject(article, ranges, nonce)
    fragment = render_body(replace(article, tokens=tuple(tokens)), ExportOptions())
    root, markers = parse(fragment, marker_pattern(nonce))
    for key, r in enumerate(ranges):
        el = wrap(markers.get(("o", key)), markers.get(("c", key)), r.tag, list(r.attrs), r.fill)
        if el is None and key < len(body_views):
            body_views[key].where = "file"  # its text vanished entirely: listed in the box instead
    _mark_boxes(root, markers)
    _fix_images(root)
    _prefix_ids(root, prefix)
    body = serialize(root)

    fm_views = [v for v in views if v.where == "front matter"]
    front = _front_matter(article, fm_views, nonce) if fm_views else ""
    file_views = [v for v in views if v.where == "file"]
    file_items = "".join(_file_item(v) for v in file_views)

    m = measure(article, settings)
    max_grade = float(settings.option("max-grade"))
    a = m.article
    stats = {
        "grade": f"{a.flesch_kincaid_grade:.1f}" if a.scored else "–",
        "ease": f"{a.flesch_reading_ease:.1f}" if a.scored else "–",
        "band": band(a.flesch_kincaid_grade, max_grade) if a.scored else "",
        "time": duration(a.reading_time_seconds),
        "words": a.words + a.quoted_words,
        "scored_words": a.words,
        "quoted_words": a.quoted_words,
        "sentences": a.sentences,
        "max_grade": f"{max_grade:g}",
    }
    from newsctl.anchors import section_anchors

    anchors = section_anchors(article)  # the ids the export gives section headings
    bars = []
    for sec in m.sections:
        if sec.section == 0 and not sec.stats.words and not sec.stats.quoted_words:
            continue
        label = sec.title if sec.section else LEAD
        target = prefix + anchors[sec.section] if sec.section in anchors else ""
        if sec.stats.scored:
            grade = sec.stats.flesch_kincaid_grade
            bars.append(chart.Bar(label, grade, band(grade, max_grade), sec.stats.words, target))
        else:
            bars.append(chart.Bar(label, None, "", 0, target))
    svg = chart.render(bars, max_grade, f"{prefix}chart") if bars else ""
    title = article.meta.title or article.path
    from newsctl.export.common import byline

    return ArticleView(
        path=article.path,
        title=title,
        prefix=prefix,
        findings=views,
        counts=counts,
        body=body,
        front_matter=front,
        file_findings=file_items,
        stats=stats,
        chart=svg,
        byline=byline(article.meta.author),
    )


def _file_item(v: FindingView) -> str:
    attrs = "".join(f' {k}="{html_lib.escape(val, quote=True)}"' for k, val in _finding_attrs(v))
    return f"<li><mark{attrs}>{html_lib.escape(v.finding.code)}</mark> {html_lib.escape(v.finding.message)}</li>"


def unreadable_view(path: str, findings: list[Finding], prefix: str = "") -> ArticleView:
    """The view of a file that could not be read: its findings only."""
    views = [FindingView(f, f"{prefix}f{n}", "file") for n, f in enumerate(findings, 1)]
    return ArticleView(
        path=path,
        title=path,
        prefix=prefix,
        findings=views,
        counts={s: sum(1 for v in views if v.severity == s) for s in SEVERITIES},
        file_findings="".join(_file_item(v) for v in views),
        error=findings[0].message if findings else "The file could not be read",
    )


# --- documents -------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("newsctl.review").joinpath("templates", name).read_text("utf-8").strip()


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    return _asset("review.css"), _asset("review.js")


def _csp(script: str) -> str:
    """Nothing may be fetched; only this page's own script runs (by hash), styles inline."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    import base64

    sha = base64.b64encode(digest).decode("ascii")
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{sha}'; form-action 'none'; base-uri 'none'"


@lru_cache(maxsize=1)
def _env() -> Any:
    import jinja2

    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsctl.review", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["markup"] = Markup  # for HTML built (and sanitized) by this module only
    return env


def _document(template: str, **values: Any) -> str:
    from markupsafe import Markup
    from newsctl import __version__

    css, js = _assets()
    text = _env().get_template(template).render(
        css=Markup(css), js=Markup(js), csp=_csp(js), version=__version__, **values
    )
    from newsctl.export.common import strip_controls

    text = strip_controls(text)
    return text if text.endswith("\n") else text + "\n"


def render_page(view: ArticleView, index_href: str | None = None) -> str:
    """A review page for one article."""
    return _document("page.html.j2", views=[view], heading=view.title, index_href=index_href, single=True)


def totals(views: Iterable[ArticleView]) -> dict[str, int]:
    out = {s: 0 for s in SEVERITIES}
    for v in views:
        for s in SEVERITIES:
            out[s] += v.counts[s]
    return out


def render_index(views: list[ArticleView]) -> str:
    """An index of review pages (each view's `page` is its file name)."""
    return _document("index.html.j2", views=views, totals=totals(views), heading="Review", report=False)


def render_report(views: list[ArticleView]) -> str:
    """One document for a whole lint run: the index, then every article (for CI artifacts)."""
    return _document("page.html.j2", views=views, heading="newsctl lint report", index_href=None, single=False, totals=totals(views))


# --- runs ------------------------------------------------------------------------------------


def view_for_file(path: Any, shown: str, findings: list[Finding], settings: Any, prefix: str = "") -> ArticleView:
    """Parse one file again (lint keeps no Article) and build its view; unreadable files get an error view."""
    from newsctl.parse import parse_file
    from newsctl.source import SourceError

    try:
        article = parse_file(path, shown, settings.site_format)
    except SourceError as exc:
        if not findings:
            from newsctl.engine import unreadable

            found = unreadable(shown, exc, settings)
            findings = [found] if found else []
        view = unreadable_view(shown, findings, prefix)
        view.error = exc.message
        return view
    return review_article(article, findings, settings, prefix)


def page_names(shown: list[str]) -> list[str]:
    """A distinct, safe file name (`<stem>.html`) for each article's page."""
    from pathlib import PurePosixPath

    from newsctl.export.batch import safe_name

    names: list[str] = []
    used: set[str] = {"index.html"}
    for s in shown:
        base = safe_name(PurePosixPath(s).stem) or "article"
        name = f"{base}.html"
        n = 2
        while name.lower() in used:
            name = f"{base}-{n}.html"
            n += 1
        used.add(name.lower())
        names.append(name)
    return names


def render_lint_report(result: Any, settings: Any) -> str:
    """`newsctl lint --format html`: one document with an index and every article of the run."""
    views = []
    from pathlib import Path

    for n, fr in enumerate(result.files, 1):
        prefix = f"a{n}-"
        view = view_for_file(Path(fr.path), fr.path, list(fr.findings), settings, prefix)
        view.page = f"{prefix}review"
        views.append(view)
    return render_report(views)
