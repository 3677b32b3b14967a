"""HTML export: a valid, complete HTML5 document with the metadata partners read."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest
from tests.export_helpers import BASE_URL, FIXTURES, ROOT, sample_articles, run_vnu

from newsctl.anchors import section_anchors
from newsctl.export import ExportError, ExportOptions, render_article
from newsctl.parse import parse_file, parse_text

SEED = ROOT / "articles" / "cybersecurity-diplomacy.md"


def _doc(path: Path, **options):
    text = render_article(parse_file(path, path.name), "html", ExportOptions(**options))
    return text, html5lib.parse(text, treebuilder="etree", namespaceHTMLElements=False)


def _meta(tree, attr: str, value: str) -> str | None:
    for el in tree.iter("meta"):
        if el.get(attr) == value:
            return el.get("content")
    return None


@pytest.mark.parametrize("path", sample_articles(), ids=lambda p: p.name)
def test_html5lib_strict_parse_has_no_errors(path: Path) -> None:
    text, _ = _doc(path, base_url=BASE_URL)
    html5lib.HTMLParser(strict=True).parse(text)  # raises on the first parse error
    assert text.startswith("<!DOCTYPE html>\n<html lang=")


@pytest.mark.parametrize("path", sample_articles(), ids=lambda p: p.name)
def test_heading_ids_are_the_outline_anchors(path: Path) -> None:
    article = parse_file(path, path.name)
    _, tree = _doc(path)
    body = next(d for d in tree.iter("div") if d.get("class") == "article-body")
    ids = [h.get("id") for h in body.iter() if h.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and h.get("id")]
    assert ids == list(section_anchors(article).values())


def test_rich_headings_ids_in_order_and_none_inside_lists() -> None:
    _, tree = _doc(FIXTURES / "rich.md")
    body = next(d for d in tree.iter("div") if d.get("class") == "article-body")
    headings = [(h.tag, h.get("id")) for h in body.iter() if h.tag in ("h2", "h3")]
    assert headings == [
        ("h2", "what-changed"),
        ("h2", "timeline"),
        ("h2", "reaction"),
        ("h2", "reaction-1"),
        ("h3", "über-die-häfen-ça-va"),
        ("h2", None),  # inside a list item: not a section, no anchor
    ]


def test_head_metadata_with_base_url() -> None:
    text, tree = _doc(FIXTURES / "rich.md", base_url=BASE_URL)
    assert tree.tag == "html" and tree.get("lang") == "en-GB"
    assert any(m.get("charset") == "utf-8" for m in tree.iter("meta"))
    assert tree.find(".//title").text == "Harbour “reopens” after storm — what changes…"
    assert _meta(tree, "name", "description") == "The port reopened on Thursday with new safety rules & a smaller fleet."
    canonical = [l.get("href") for l in tree.iter("link") if l.get("rel") == "canonical"]
    assert canonical == ["https://example.com/news/harbour-reopens.html"]
    assert _meta(tree, "property", "og:type") == "article"
    assert _meta(tree, "property", "og:url") == "https://example.com/news/harbour-reopens.html"
    assert _meta(tree, "property", "og:image") == "https://example.com/news/images/cranes.jpg"
    assert _meta(tree, "property", "og:image:alt") == "Cranes at the container terminal"
    assert _meta(tree, "property", "article:published_time") == "2024-03-06T18:00:00+01:00"
    assert [m.get("content") for m in tree.iter("meta") if m.get("property") == "article:tag"] == [
        "shipping",
        "weather",
        "local economy",
    ]
    article = tree.find(".//article")
    assert article.find(".//h1").text == "Harbour “reopens” after storm — what changes…"
    times = [t.get("datetime") for t in article.iter("time")]
    assert times == ["2024-03-06T18:00:00+01:00", "2024-03-07T08:15:00+01:00"]
    assert article.find(".//span[@class='author']").text == "By Jane Doe, Ali Khan and Mei Lin"
    assert "<style>" in text and "max-width: 42rem" in text


def test_json_ld_news_article() -> None:
    _, tree = _doc(FIXTURES / "rich.md", base_url=BASE_URL)
    scripts = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    data = json.loads(scripts[0].text)
    assert data == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour “reopens” after storm — what changes…",
        "datePublished": "2024-03-06T18:00:00+01:00",
        "dateModified": "2024-03-07T08:15:00+01:00",
        "author": [
            {"@type": "Person", "name": "Jane Doe"},
            {"@type": "Person", "name": "Ali Khan"},
            {"@type": "Person", "name": "Mei Lin"},
        ],
        "description": "The port reopened on Thursday with new safety rules & a smaller fleet.",
        "articleSection": "Business",
        "keywords": ["shipping", "weather", "local economy"],
        "inLanguage": "en-GB",
        "wordCount": 164,
        "url": "https://example.com/news/harbour-reopens.html",
        "mainEntityOfPage": "https://example.com/news/harbour-reopens.html",
        "image": ["https://example.com/news/images/cranes.jpg"],
    }


def test_json_ld_cannot_close_its_script_element() -> None:
    text, tree = _doc(FIXTURES / "hostile.md")
    block = text.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    data = json.loads(next(s for s in tree.iter("script") if s.get("type") == "application/ld+json").text)
    assert data["headline"] == "Hostile input <script>alert(“title”)</script>"  # a tag in a title is text
    assert data["author"] == [{"@type": "Person", "name": "Mallory </script><b>"}]


def test_without_base_url_no_canonical_no_og_url_no_relative_og_image() -> None:
    text, tree = _doc(FIXTURES / "rich.md")
    assert not [l for l in tree.iter("link") if l.get("rel") == "canonical"]
    assert _meta(tree, "property", "og:url") is None
    assert _meta(tree, "property", "og:image") is None  # images/cranes.jpg is relative: no absolute URL
    assert '"url"' not in text


def test_naive_and_bare_dates_are_written_as_given() -> None:
    _, tree = _doc(FIXTURES / "naive-dates.md")
    times = [(t.get("datetime"), t.text) for t in tree.iter("time")]
    assert times == [("2024-03-06T18:00:00", "6 March 2024 18:00"), ("2024-03-07", "7 March 2024")]
    assert tree.get("lang") == "de"


def test_fragment_is_only_the_body() -> None:
    text = render_article(parse_file(FIXTURES / "naive-dates.md"), "html", ExportOptions(fragment=True))
    assert text == (
        "<p>Der Stadtrat hat am Mittwochabend den Haushalt beschlossen. Die Opposition stimmte dagegen.</p>\n"
        '<h2 id="die-zahlen">Die Zahlen</h2>\n'
        "<p>Ausgaben steigen um „drei Prozent“ – sagt die Kämmerin.</p>\n"
    )


def test_user_template(tmp_path: Path) -> None:
    tpl = tmp_path / "mine.html.j2"
    tpl.write_text("<title>{{ title }}</title>|{{ byline }}|{{ published }}|{{ body }}", encoding="utf-8")
    text = render_article(parse_file(FIXTURES / "naive-dates.md"), "html", ExportOptions(template=str(tpl)))
    assert text.startswith("<title>Stadtrat beschließt Haushalt</title>|By Erika Mustermann|2024-03-06T18:00:00|<p>Der")


def test_user_template_errors_name_the_template_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.j2"
    bad.write_text("ok\n{% if %}\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"bad\.j2:2: "):
        render_article(parse_file(FIXTURES / "naive-dates.md"), "html", ExportOptions(template=str(bad)))
    unknown = tmp_path / "unknown.j2"
    unknown.write_text("{{ no_such_variable }}", encoding="utf-8")
    with pytest.raises(ExportError, match="'no_such_variable' is undefined"):
        render_article(parse_file(FIXTURES / "naive-dates.md"), "html", ExportOptions(template=str(unknown)))


def test_template_autoescapes_front_matter() -> None:
    text, _ = _doc(FIXTURES / "hostile.md")
    assert "<title>Hostile input &lt;script&gt;" in text
    assert 'content="Quotes &#34; and &lt;tags&gt; &amp; ampersands in the summary"' in text
    assert "<li>&lt;img src=x onerror=alert(1)&gt;</li>" in text


def test_unusable_front_matter_is_an_export_error() -> None:
    with pytest.raises(ExportError, match="^line 1: no front matter"):
        render_article(parse_text("# Just a heading\n"), "html")
    with pytest.raises(ExportError, match=r"^line 3: Field 'date' "):
        render_article(parse_text("---\ntitle: T\ndate: yesterday\n---\nBody.\n"), "html")
    with pytest.raises(ExportError, match="^line 1: front matter has no 'title'"):
        render_article(parse_text("---\nauthor: A\n---\nBody.\n"), "html")


def test_nu_html_checker_reports_no_errors(tmp_path: Path) -> None:
    """The Nu Html Checker (vnu.jar) on every sample page, when Java and the checker are installed."""
    files = []
    for path in sample_articles():
        for name, options in (("full", ExportOptions(base_url=BASE_URL)), ("plain", ExportOptions())):
            out = tmp_path / f"{path.stem}-{name}.html"
            out.write_text(render_article(parse_file(path, path.name), "html", options), encoding="utf-8")
            files.append(str(out))
    errors, status = run_vnu(files, "--also-check-css")
    assert errors == []
    assert status == 0


def test_seed_article_renders_its_sections() -> None:
    text, tree = _doc(SEED)
    body = next(d for d in tree.iter("div") if d.get("class") == "article-body")
    assert body.find("h2").get("id") == "recent-developments"
    assert "Cybersecurity Diplomacy" in tree.find(".//title").text
