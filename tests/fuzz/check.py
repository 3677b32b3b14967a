"""One generated article through every command and output format, in process (for the fuzzer).

`run_everything(text)` parses the article once more for each front end and runs lint, outline
(every format), readability, export (html, text, ninjs) and the feeds (atom, rss, json). It
raises on the first thing that is not a finding or a documented refusal (ExportError); the
outputs must encode as UTF-8 and every XML and JSON output must parse.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

NOW = datetime(2026, 11, 28, 12, tzinfo=timezone.utc)
BASE = "https://example.com/news/"


def run_everything(text: str) -> None:
    from newsctl.engine import lint_article
    from newsctl.export import render_article
    from newsctl.export.common import ExportError, ExportOptions
    from newsctl.export.feeds import FeedOptions, render_articles
    from newsctl.outline import build_outline
    from newsctl.parse import parse_text
    from newsctl.readability import measure
    from newsctl.report import outline as report
    from newsctl.report.readability import ArticleReport
    from newsctl.report.readability import render_json as readability_json
    from newsctl.settings import Settings

    settings = Settings(now=NOW)
    article = parse_text(text, "fuzz.md")
    for finding in lint_article(article, settings):
        assert finding.line >= 1 and finding.column >= 1, finding
        finding.message.encode("utf-8")
    outline = build_outline(article, settings)
    for render in (report.render_tree, report.render_markdown):
        render([outline]).encode("utf-8")
    json.loads(report.render_json([outline]))
    ET.fromstring(report.render_opml([outline], created=NOW))
    json.loads(readability_json([ArticleReport(article.path, article.meta.title, measure(article, settings))], max_grade=13.0, exclude_quotes=False))
    options = ExportOptions(base_url=BASE, now=NOW)
    for fmt in ("html", "text", "ninjs"):
        try:
            out = render_article(article, fmt, options)
        except ExportError:
            continue
        out.encode("utf-8")
        if fmt == "ninjs":
            json.loads(out)
    feed_options = FeedOptions(base_url=BASE, now=NOW)
    for fmt in ("atom", "rss", "json"):
        try:
            out = render_articles([article], fmt, feed_options)
        except ExportError:
            continue
        out.encode("utf-8")
        if fmt == "json":
            json.loads(out)
        else:
            ET.fromstring(out.encode("utf-8"))
