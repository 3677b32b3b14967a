"""Export an editor can ship (issue 14): publishing gates, links between articles, heading
levels, lead image, site identity, draft and embargo marks, typography, one count, template
context and the --index site. Each output is read back by its real consumer: html5lib and the
Nu checker for HTML, the ninjs schema, feedparser, lxml with the sitemap schemas, headless
Chromium for what a reader sees."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import zlib
import struct
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.export import ExportOptions, render_article
from newsctl.export.common import transliterate
from newsctl.export.validate import problems
from newsctl.parse import parse_file, parse_text
from newsctl.settings import ConfigError, Site, from_mapping
from tests.export_helpers import ROOT, ninjs_validator, run_vnu

BASE = "https://example.com/news/"
NOW = "2026-11-25T12:00:00Z"
SCHEMAS = Path(__file__).resolve().parent / "schemas"
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def run(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def article(title: str = "Budget passes", body: str = "The council passed the budget.\n", **fields: str) -> str:
    lines = [f"title: {title}", "date: 2026-11-24T18:00:00+01:00", "author: Jane Doe"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty newsroom folder (no settings file) as the current directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    return tmp_path


def write(root: Path, name: str, text: str) -> Path:
    path = root / "articles" / name
    path.write_text(text, encoding="utf-8")
    return path


def html_of(text: str, path: str = "a.md", **options) -> str:
    """The HTML page, the clock pinned at NOW (an embargo banner depends on it)."""
    options.setdefault("now", datetime.fromisoformat(NOW))
    return render_article(parse_text(text, path), "html", ExportOptions(**options))


def nu_errors(tmp_path: Path, pages: dict[str, str]) -> list[str]:
    """The checker's errors on the pages; its exit status must agree (0 exactly when none)."""
    files = []
    for name, text in pages.items():
        out = tmp_path / name
        out.write_text(text, encoding="utf-8")
        files.append(str(out))
    errors, status = run_vnu(files)
    assert status == (1 if errors else 0)
    return errors


# --- publishing gates --------------------------------------------------------------------------


def test_future_dated_article_is_skipped_unless_included(newsroom: Path) -> None:
    write(newsroom, "now.md", article("Today"))
    write(newsroom, "later.md", article("Tomorrow").replace("2026-11-24T18:00:00+01:00", "2026-11-26T06:00:00Z"))
    r = run("export", "articles", "-d", "out", "--now", NOW)
    assert r.exit_code == 0
    assert sorted(p.name for p in (newsroom / "out").iterdir()) == ["now.html"]
    assert "articles/later.md: dated in the future (2026-11-26T06:00:00Z; use --include-future)" in r.stderr
    assert "skipped 1" in r.stderr
    # --now is the only clock: a day later it is published
    r = run("export", "articles", "-d", "out2", "--now", "2026-11-26T06:00:00Z")
    assert sorted(p.name for p in (newsroom / "out2").iterdir()) == ["later.html", "now.html"]
    r = run("export", "articles", "-d", "out3", "--now", NOW, "--include-future")
    assert sorted(p.name for p in (newsroom / "out3").iterdir()) == ["later.html", "now.html"]


def test_future_dated_article_is_not_in_the_feed(newsroom: Path) -> None:
    import feedparser

    write(newsroom, "now.md", article("Today"))
    write(newsroom, "later.md", article("Tomorrow").replace("2026-11-24T18:00:00+01:00", "2026-11-26T06:00:00Z"))
    r = run("feed", "articles", "--base-url", BASE, "--now", NOW)
    assert r.exit_code == 0
    assert [e.title for e in feedparser.parse(r.stdout).entries] == ["Today"]
    assert "dated in the future" in r.stderr
    r = run("feed", "articles", "--base-url", BASE, "--now", NOW, "--include-future")
    assert [e.title for e in feedparser.parse(r.stdout).entries] == ["Tomorrow", "Today"]


def test_naive_dates_take_the_site_timezone(newsroom: Path) -> None:
    (newsroom / "newsctl.toml").write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
    # 12:30 in Berlin is 11:30 UTC: still in the future at 11:00 UTC, published at 12:00 UTC
    write(newsroom, "a.md", article("Noon").replace("2026-11-24T18:00:00+01:00", "2026-11-25T12:30:00"))
    r = run("export", "articles", "-d", "out", "--now", "2026-11-25T11:00:00Z")
    assert "dated in the future (2026-11-25T12:30:00+01:00" in r.stderr
    r = run("export", "articles", "-f", "ninjs", "-o", "-", "--now", "2026-11-25T12:00:00Z", "articles/a.md")
    assert json.loads(r.stdout)["firstCreated"] == "2026-11-25T12:30:00+01:00"


# --- links between articles -----------------------------------------------------------------------


def test_links_to_article_files_become_page_links(newsroom: Path) -> None:
    write(newsroom, "budget.md", article("Budget", slug="council-budget"))
    write(
        newsroom,
        "vote.md",
        article("Vote", "As [we reported](budget.md#reaction), and [again](./budget.md), and [gone](old-story.md).\n"),
    )
    r = run("export", "articles", "-d", "out", "--now", NOW, "--base-url", BASE)
    assert r.exit_code == 0  # a missing target is a warning, not a failure
    page = (newsroom / "out" / "vote.html").read_text("utf-8")
    assert '<a href="https://example.com/news/council-budget.html#reaction">we reported</a>' in page
    assert '<a href="https://example.com/news/council-budget.html">again</a>' in page
    assert "and gone.</p>" in page and "old-story" not in page  # the dead link goes, its text stays
    assert (
        "Warnings:\n  articles/vote.md: line 7: link to 'old-story.md': no such article file; "
        "the link is left out, its text kept" in r.stderr
    )
    # without a base URL the link is relative: every page sits in one directory
    r = run("export", "articles/vote.md", "-o", "-", "--now", NOW)
    assert '<a href="council-budget.html#reaction">we reported</a>' in r.stdout
    assert "newsctl: warning: articles/vote.md: line 7: link to 'old-story.md'" in r.stderr
    r = run("export", "articles/vote.md", "-f", "text", "-o", "-", "--now", NOW, "--base-url", BASE)
    assert "[1] https://example.com/news/council-budget.html#reaction\n" in r.stdout
    assert "gone." in r.stdout and "old-story" not in r.stdout


def test_missing_linked_article_is_a_structure_finding(newsroom: Path) -> None:
    write(newsroom, "budget.md", article("Budget"))
    write(newsroom, "vote.md", article("Vote", "See [the budget](budget.md) and\n[the old story](old-story.md#x).\n"))
    r = run("lint", "--select", "S011", "--format", "json", "articles/vote.md")
    assert r.exit_code == 0  # a warning
    found = [(f["code"], f["line"], f["column"], f["severity"], f["category"], f["message"]) for f in json.loads(r.stdout)["findings"]]
    assert found == [("S011", 8, 1, "warning", "structure", "Link to 'old-story.md#x': no such article file")]


def test_missing_linked_article_rule_is_pure() -> None:
    """The rule reads only the Article and Settings.linked_files (the engine fills it)."""
    from dataclasses import replace

    from newsctl.engine import lint_article
    from newsctl.rulebook import RULES

    a = parse_text(article("A", "See [b](b.md).\n"), "/nowhere/a.md")
    rule = RULES["S011"]
    assert list(rule.check(a, replace(from_mapping({}), linked_files=None))) == []
    assert list(rule.check(a, replace(from_mapping({}), linked_files=frozenset({"/nowhere/b.md"})))) == []
    assert [h.message for h in rule.check(a, replace(from_mapping({}), linked_files=frozenset()))] == [
        "Link to 'b.md': no such article file"
    ]
    assert [f.code for f in lint_article(a, replace(from_mapping({}), select=("S011",)))] == ["S011"]


# --- headings and --strict ------------------------------------------------------------------------


SKIPPING = article("Levels", "Lead.\n\n## Section\n\nText.\n\n#### Deep\n\nText.\n\n### Sub\n\nText.\n")


def test_heading_levels_never_skip_in_the_page() -> None:
    page = html_of(SKIPPING)
    assert re.findall(r"<h(\d) id=\"([a-z]+)\"", page) == [("2", "section"), ("3", "deep"), ("3", "sub")]
    assert problems(page) == []


def test_nu_checker_accepts_the_normalised_outline_and_rejects_what_strict_refuses(tmp_path: Path) -> None:
    raw = article("Raw", "Lead.\n\n<center>Old markup</center>\n\n<p id=\"x\">a</p>\n\n<p id=\"x\">b</p>\n")
    bad = html_of(raw, allow_raw_html=True)
    found = problems(bad)
    assert [re.sub(r"line \d+", "line N", p) for p in found] == [
        "line N: the <center> element is obsolete",
        "line N: duplicate id 'x' (first on line N)",
    ]
    # one Nu checker run (a JVM start is slow) for every new kind of page: the normalised
    # outline, the lead figure with the embargo banner, the included draft, the index page
    from newsctl.export.common import default_name, prepare, safe_name
    from newsctl.export.site import index_html

    options = ExportOptions(base_url=BASE, site=SITE)
    docs = [prepare(a, safe_name(default_name(a)), options) for a in (parse_file(p) for p in sorted((ROOT / "articles").glob("*.md")))]
    pages = {
        "levels.html": html_of(SKIPPING),
        "raw.html": bad,
        "lead.html": html_of(LEAD.replace("section: News", "section: News\nembargo: 2030-01-01T00:00:00Z"), base_url=BASE, site=SITE),
        "draft.html": html_of(article("Draft", status="draft")),
        "index.html": index_html(docs, options),
    }
    assert "EMBARGOED UNTIL" in pages["lead.html"] and "<figure" in pages["lead.html"] and "DRAFT" in pages["draft.html"]
    errors = nu_errors(tmp_path, pages)
    assert [e for e in errors if not e.startswith("raw.html")] == []
    raw_errors = [e for e in errors if e.startswith("raw.html")]
    assert any("“center” element is obsolete" in e for e in raw_errors)
    assert any("Duplicate ID “x”" in e for e in raw_errors)


def test_strict_refuses_a_page_a_validator_would_reject(newsroom: Path) -> None:
    write(newsroom, "raw.md", article("Raw", "Lead.\n\n<center>Old markup</center>\n"))
    write(newsroom, "fine.md", article("Fine"))
    r = run("export", "articles", "-d", "out", "--now", NOW, "--allow-raw-html", "--strict")
    assert r.exit_code == 1
    assert re.search(r"articles/raw.md: --strict: the page would not validate: line \d+: the <center> element is obsolete", r.stderr)
    assert sorted(p.name for p in (newsroom / "out").iterdir()) == ["fine.html"]
    r = run("export", "articles", "-d", "out2", "--now", NOW, "--allow-raw-html")
    assert r.exit_code == 0  # without --strict it is exported as asked


# --- lead image and site identity -----------------------------------------------------------------


LEAD = article(
    "Flood",
    "Water rose.\n\n![gauge](img/gauge.jpg)\n",
    image="img/mill-road.jpg",
    image_alt="Firefighters wade through floodwater",
    image_caption='"Mill Road on Tuesday. Photo: Jane Doe"',
    section="News",
)
SITE = Site(
    name="Velden Courier",
    publisher="Velden Courier Ltd",
    publisher_logo="https://example.com/logo.png",
    base_url=BASE,
    locale="en_GB",
)


def test_lead_image_is_the_figure_og_image_and_json_ld_image() -> None:
    import html5lib

    page = html_of(LEAD, base_url=BASE, site=SITE)
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    figure = tree.find(".//figure[@class='lead-image']")
    assert figure is not None
    assert figure.find("img").attrib == {"src": "https://example.com/news/img/mill-road.jpg", "alt": "Firefighters wade through floodwater"}
    assert figure.find("figcaption").text == "Mill Road on Tuesday. Photo: Jane Doe"
    metas = {m.get("property") or m.get("name"): m.get("content") for m in tree.iter("meta")}
    assert metas["og:image"] == "https://example.com/news/img/mill-road.jpg"
    assert metas["og:image:alt"] == "Firefighters wade through floodwater"
    assert metas["og:site_name"] == "Velden Courier"
    assert metas["og:locale"] == "en_GB"
    assert tree.find(".//title").text == "Flood | Velden Courier"
    data = json.loads(next(s for s in tree.iter("script")).text)
    assert data["image"] == [
        {
            "@type": "ImageObject",
            "url": "https://example.com/news/img/mill-road.jpg",
            "caption": "Mill Road on Tuesday. Photo: Jane Doe",
            "description": "Firefighters wade through floodwater",
        }
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Velden Courier Ltd",
        "logo": {"@type": "ImageObject", "url": "https://example.com/logo.png"},
        "url": BASE,
    }


def test_lead_image_in_ninjs_associations_valid_against_the_schema() -> None:
    data = json.loads(render_article(parse_text(LEAD, "a.md"), "ninjs", ExportOptions(base_url=BASE, site=SITE)))
    ninjs_validator().validate(data)
    assert data["associations"] == [
        {
            "name": "mainpicture",
            "rel": "mainpicture",
            "uri": "https://example.com/news/img/mill-road.jpg",
            "type": "picture",
            "renditions": [{"name": "original", "href": "https://example.com/news/img/mill-road.jpg"}],
            "descriptions": [
                {"role": "caption", "contentType": "text/plain", "value": "Mill Road on Tuesday. Photo: Jane Doe"},
                {"role": "alt", "contentType": "text/plain", "value": "Firefighters wade through floodwater"},
            ],
        }
    ]
    assert data["copyrightHolder"] == "Velden Courier Ltd"
    assert data["infoSources"] == [{"name": "Velden Courier", "role": "publisher", "uri": BASE}]
    assert {"name": "News", "rel": "section"} in data["subjects"]


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_lead_image_and_site_name_in_feeds(newsroom: Path, fmt: str) -> None:
    import feedparser

    (newsroom / "newsctl.toml").write_text(
        'site-name = "Velden Courier"\npublisher = "Velden Courier Ltd"\nbase-url = "https://example.com/news/"\n',
        encoding="utf-8",
    )
    write(newsroom, "flood.md", LEAD)
    r = run("feed", "articles", "-f", fmt, "--now", NOW)  # base URL from the settings
    assert r.exit_code == 0, r.stderr
    d = feedparser.parse(r.stdout)
    assert d.bozo == 0
    assert d.feed.title == "Velden Courier"
    entry = d.entries[0]
    content = entry.content[0].value
    assert content.startswith("<figure><img ")  # feedparser reorders attributes
    assert 'src="https://example.com/news/img/mill-road.jpg"' in content.split("</figure>")[0]
    assert "<figcaption>Mill Road on Tuesday. Photo: Jane Doe</figcaption></figure>" in content
    if fmt == "atom":
        assert [(l.rel, l.href, l.type) for l in entry.links if l.rel == "enclosure"] == [
            ("enclosure", "https://example.com/news/img/mill-road.jpg", "image/jpeg")
        ]
    else:
        assert entry.media_content == [{"url": "https://example.com/news/img/mill-road.jpg", "type": "image/jpeg", "medium": "image"}]


def test_json_feed_image_is_the_lead_image(newsroom: Path) -> None:
    write(newsroom, "flood.md", LEAD)
    r = run("feed", "articles", "-f", "json", "--base-url", BASE, "--now", NOW)
    assert json.loads(r.stdout)["items"][0]["image"] == "https://example.com/news/img/mill-road.jpg"


def test_site_settings_are_validated(newsroom: Path) -> None:
    cases = {
        'base-url = "https://example.com/news/?page=1"': "key 'base-url': 'https://example.com/news/?page=1' has a query or fragment",
        'publisher-logo = "logo.png"': "key 'publisher-logo': 'logo.png' is not an absolute http(s) URL",
        'timezone = "Mars/Olympus"': "key 'timezone': 'Mars/Olympus' is not an IANA time zone",
        'locale = "english"': "key 'locale': 'english' is not a locale such as en_GB",
        "site-name = 3": "key 'site-name': must be a non-empty string, got 3",
    }
    for line, message in cases.items():
        (newsroom / "newsctl.toml").write_text(line + "\n", encoding="utf-8")
        r = run("export", "articles", "-d", "out")
        assert r.exit_code == 2, line
        assert message in r.stderr, (line, r.stderr)
    with pytest.raises(ConfigError, match="key 'timezone'"):
        from_mapping({"timezone": "Nowhere/Town"})


def test_base_url_with_a_query_or_fragment_is_a_usage_error(newsroom: Path) -> None:
    write(newsroom, "a.md", article())
    for url in ("https://example.com/news/?x=1", "https://example.com/news/#top"):
        for command in ("export", "feed"):
            extra = ["-d", "out"] if command == "export" else []
            r = run(command, "articles", *extra, "--base-url", url)
            assert r.exit_code == 2
            assert "has a query or fragment" in r.stderr


def test_default_author_and_locale_fill_gaps() -> None:
    text = "---\ntitle: Unsigned\ndate: 2026-11-24\n---\n\nBody.\n"
    page = html_of(text, site=Site(default_author="Courier staff", locale="de_DE"))
    assert '<html lang="de-DE">' in page and "By Courier staff" in page
    assert '<html lang="en-GB">' in html_of(text.replace("date:", "lang: en-GB\ndate:"), site=Site(locale="de_DE"))


# --- marks ----------------------------------------------------------------------------------------


def test_included_drafts_and_embargoed_articles_carry_marks(newsroom: Path) -> None:
    import feedparser

    write(newsroom, "draft.md", article("Draft story", status="draft"))
    write(newsroom, "embargo.md", article("Embargoed story", embargo="2026-11-26T00:01:00Z"))
    write(newsroom, "public.md", article("Public story"))
    r = run("export", "articles", "-d", "out", "--now", NOW, "--include-drafts", "--include-embargoed")
    assert r.exit_code == 0
    out = newsroom / "out"
    draft, embargo, public = ((out / f"{n}.html").read_text("utf-8") for n in ("draft", "embargo", "public"))
    assert '<meta name="robots" content="noindex, nofollow">' in draft
    assert '<p class="notice notice-draft" role="note"><strong>DRAFT: NOT FOR PUBLICATION</strong></p>' in draft
    assert '<meta name="robots" content="noindex, nofollow">' in embargo
    assert "EMBARGOED UNTIL 26 November 2026 00:01 UTC: NOT FOR PUBLICATION BEFORE THEN" in embargo
    assert "noindex" not in public and "notice" not in public.split("<body>")[1]
    r = run("export", "articles/embargo.md", "-f", "text", "-o", "-", "--now", NOW, "--include-embargoed")
    assert r.stdout.splitlines()[0] == "EMBARGOED UNTIL 26 November 2026 00:01 UTC: NOT FOR PUBLICATION BEFORE THEN"
    r = run("export", "articles/draft.md", "-f", "text", "-o", "-", "--now", NOW, "--include-drafts")
    assert r.stdout.splitlines()[:2] == ["DRAFT: NOT FOR PUBLICATION", "Draft story"]
    r = run("export", "articles/draft.md", "-f", "ninjs", "-o", "-", "--now", NOW, "--include-drafts")
    assert json.loads(r.stdout)["edNote"] == "DRAFT: NOT FOR PUBLICATION"
    r = run("feed", "articles", "--base-url", BASE, "--now", NOW, "--include-embargoed")
    entries = {e.title: e for e in feedparser.parse(r.stdout).entries}
    assert entries["Embargoed story"].content[0].value.startswith(
        "<p><strong>EMBARGOED UNTIL 26 November 2026 00:01 UTC: NOT FOR PUBLICATION BEFORE THEN</strong></p>"
    )
    assert "EMBARGOED" not in entries["Public story"].content[0].value


# --- typography and text --------------------------------------------------------------------------


def test_typographer_is_on_by_default_and_off_with_no_smart(newsroom: Path) -> None:
    write(newsroom, "q.md", article("'\"Quotes\" -- and *more*'", 'He said "it\'s done" -- twice... `"code"` \\"escaped\\"\n'))
    r = run("export", "articles/q.md", "-o", "-", "--now", NOW)
    assert "<p>He said “it’s done” – twice… <code>\"code\"</code> \"escaped\"</p>" in r.stdout
    assert "<title>“Quotes” – and more</title>" in r.stdout
    assert '<meta property="og:title" content="“Quotes” – and more">' in r.stdout
    assert "<h1>“Quotes” – and <em>more</em></h1>" in r.stdout
    r = run("export", "articles/q.md", "-o", "-", "--now", NOW, "--no-smart")
    assert "<p>He said \"it's done\" -- twice... <code>\"code\"</code> \"escaped\"</p>" in r.stdout
    assert "<title>&#34;Quotes&#34; -- and more</title>" in r.stdout


def test_quotes_follow_the_language() -> None:
    page = html_of(article("Titel", 'Er sagte "ja".\n', lang="de"))
    assert "<p>Er sagte „ja“.</p>" in page


@pytest.mark.parametrize("fmt", ["html", "text", "ninjs"])
def test_ascii_output_has_no_other_character(newsroom: Path, fmt: str) -> None:
    write(newsroom, "u.md", article("Café “prices” — €5", "Prices in £ and € rose… at Łódź’s café; 北京 too.\n", image="x.jpg", image_alt="Zoë’s café"))
    for source in ("articles/u.md", *sorted(str(p) for p in (ROOT / "articles").glob("*.md"))):
        r = run("export", source, "-f", fmt, "-o", "-", "--now", "2030-01-01T00:00:00Z", "--ascii", "--base-url", BASE)
        assert r.exit_code == 0, r.stderr
        assert NON_ASCII.findall(r.stdout) == [], source
        if fmt == "ninjs":
            json.loads(r.stdout)
    r = run("export", "articles/u.md", "-f", fmt, "-o", "-", "--now", NOW, "--ascii")
    assert "Cafe" in r.stdout and "EUR" in r.stdout and "GBP" in r.stdout and "Lodz" in r.stdout and "BeiJing" in r.stdout


def test_ascii_html_is_still_valid(tmp_path: Path) -> None:
    import html5lib

    text = article("“Quoted” title", 'Alt text ![Zoë’s “café”](a.jpg) and "quotes".\n')
    page = html_of(text, ascii=True)
    assert NON_ASCII.findall(page) == []
    tree = html5lib.HTMLParser(strict=True).parse(page)
    imgs = [e for e in tree.iter() if e.tag.endswith("img")]
    assert imgs[0].get("alt") == 'Zoe\'s "cafe"'
    assert transliterate("Ärger — “x” … €") == 'Arger -- "x" ... EUR'


# --- one count ------------------------------------------------------------------------------------


def test_outline_ninjs_and_json_ld_share_one_count() -> None:
    from newsctl.outline import build_outline
    from newsctl.text import article_counts

    path = ROOT / "articles" / "ostra-river-floods-velden.md"
    a = parse_file(path)
    counts = article_counts(a)
    outline = build_outline(a)
    data = json.loads(render_article(a, "ninjs", ExportOptions()))
    html_body, text_body = data["bodies"]
    assert html_body["wordCount"] == text_body["wordCount"] == counts.words == 406
    assert outline.total.words == 406 and outline.total.reading_seconds == counts.reading_seconds
    assert html_body["charCount"] != text_body["charCount"]  # each body's own characters
    assert text_body["charCount"] == len(text_body["value"].strip())
    page = render_article(a, "html", ExportOptions())
    assert '"wordCount": 406' in page


# --- templates ------------------------------------------------------------------------------------


def test_template_context_has_slug_url_toc_counts_and_site(tmp_path: Path) -> None:
    template = tmp_path / "page.j2"
    template.write_text(
        "{{ slug }}|{{ url }}|{{ base_url }}|{{ word_count }}|{{ reading_minutes }}|{{ site.name }}|"
        "{% for item in toc %}{{ item.depth }}:{{ item.anchor }}={{ item.title }};{% endfor %}|{{ title_html }}\n",
        encoding="utf-8",
    )
    text = article("The *Bridge*", "Lead words here.\n\n## First part\n\nOne two.\n\n### Deeper\n\nThree.\n", slug="bridge")
    out = render_article(parse_text(text, "a.md"), "html", ExportOptions(base_url=BASE, template=str(template), site=Site(name="Courier")))
    assert out == (
        "bridge|https://example.com/news/bridge.html|https://example.com/news/|6|1|Courier|"
        "1:first-part=First part;2:deeper=Deeper;|The <em>Bridge</em>\n"
    )


def test_template_error_names_the_variable(tmp_path: Path) -> None:
    from newsctl.export import ExportError

    template = tmp_path / "page.j2"
    template.write_text("line one\n{{ site.nmae }}\n", encoding="utf-8")
    with pytest.raises(ExportError, match=r"^template \S*page\.j2:2: 'dict object' has no attribute 'nmae'$"):
        render_article(parse_text(article(), "a.md"), "html", ExportOptions(template=str(template)))


# --- the site: index page and sitemaps -------------------------------------------------------------


def _schema():
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap-0.9.xsd")))


def test_index_and_sitemaps_validate(newsroom: Path, tmp_path: Path) -> None:
    from lxml import etree

    (newsroom / "newsctl.toml").write_text('site-name = "Velden Courier"\n', encoding="utf-8")
    for p in (ROOT / "articles").glob("*.md"):
        shutil.copy(p, newsroom / "articles" / p.name)
    write(newsroom, "draft.md", article("A draft", status="draft"))
    r = run("export", "articles", "-d", "out", "--base-url", BASE, "--now", NOW, "--index", "--include-drafts")
    assert r.exit_code == 0, r.stderr
    assert "Wrote index.html, sitemap.xml, news-sitemap.xml." in r.stderr
    out = newsroom / "out"
    schema = _schema()
    sitemap = etree.parse(str(out / "sitemap.xml"))
    assert schema.validate(sitemap), schema.error_log
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    assert sitemap.xpath("//s:loc/text()", namespaces=ns) == [
        BASE,
        f"{BASE}how-flood-warnings-work.html",
        f"{BASE}elmstead-repair-cafe.html",
        f"{BASE}ostra-river-floods-velden.html",
        f"{BASE}cybersecurity-diplomacy.html",
    ]  # newest first; the included draft is not listed
    news = etree.parse(str(out / "news-sitemap.xml"))
    assert schema.validate(news), schema.error_log
    # the last two days before --now (2026-11-25T12:00Z): only the 24 November article
    assert news.xpath("//s:loc/text()", namespaces=ns) == [f"{BASE}how-flood-warnings-work.html"]
    assert news.xpath("//n:publication/n:name/text()", namespaces=ns) == ["Velden Courier"]
    assert news.xpath("//n:publication_date/text()", namespaces=ns) == ["2026-11-24T10:00:00+01:00"]
    index = (out / "index.html").read_text("utf-8")
    titles = re.findall(r'<h2><a href="([^"]+)">', index)
    assert titles == [f"{BASE}how-flood-warnings-work.html", f"{BASE}elmstead-repair-cafe.html", f"{BASE}ostra-river-floods-velden.html", f"{BASE}cybersecurity-diplomacy.html"]
    assert "A flood warning depends on a chain of gauges" in index  # summaries
    import html5lib

    html5lib.HTMLParser(strict=True).parse(index)  # the Nu checker reads an index page in the test above


def test_sitemap_schema_rejects_what_google_rejects() -> None:
    from lxml import etree

    bad = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        b"<url><loc>https://e.com/a.html</loc><news:news><news:publication><news:name>X</news:name>"
        b"<news:language>en-GB</news:language></news:publication><news:publication_date>2024-01-01T10:00</news:publication_date>"
        b"<news:title>T</news:title></news:news></url></urlset>"
    )
    schema = _schema()
    assert not schema.validate(etree.fromstring(bad))
    messages = [e.message for e in schema.error_log]
    assert any("en-GB" in m for m in messages) and any("2024-01-01T10:00" in m for m in messages)


def test_news_sitemap_language_codes() -> None:
    from newsctl.export.site import news_language

    assert [news_language(t) for t in ("en-GB", "de", "zh-Hant-TW", "zh-CN", "zh", "fil")] == ["en", "de", "zh-tw", "zh-cn", "zh-cn", "fil"]


def test_index_needs_a_base_url_and_the_html_format(newsroom: Path) -> None:
    write(newsroom, "a.md", article())
    r = run("export", "articles", "-d", "out", "--index")
    assert r.exit_code == 2 and "--index needs a base URL" in r.stderr
    r = run("export", "articles", "-d", "out", "--index", "-f", "text", "--base-url", BASE)
    assert r.exit_code == 2 and "apply to --format html only" in r.stderr


def test_article_with_slug_index_cannot_overwrite_the_index(newsroom: Path) -> None:
    write(newsroom, "a.md", article(slug="index"))
    r = run("export", "articles", "-d", "out", "--index", "--base-url", BASE, "--now", NOW)
    assert r.exit_code == 1
    assert "its page would be index.html; give it another slug" in r.stderr


# --- what a reader sees (headless Chromium) --------------------------------------------------------


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG, made here (no image library needed to write one)."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _screenshot(page: Path, shot: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        pytest.skip("headless Chromium is not installed")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                f"--user-data-dir={profile}", "--window-size=900,1200", "--hide-scrollbars",
                "--force-color-profile=srgb", f"--screenshot={shot}", page.as_uri(),
            ],
            capture_output=True, timeout=120, check=False,
        )  # fmt: skip
    if not shot.exists():
        pytest.skip("Chromium did not write a screenshot")


def test_banner_and_lead_figure_are_visible_in_chromium(tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "site"
    out.mkdir()
    (out / "lead.png").write_bytes(_png(600, 300, (0, 170, 0)))
    text = article("Embargoed flood story", "Water rose.\n", image="lead.png", image_alt="Green field", image_caption="A green field", embargo="2030-01-01T00:00:00Z")
    page = out / "a.html"
    page.write_text(html_of(text, path=str(tmp_path / "a.md")), encoding="utf-8")
    assert "EMBARGOED UNTIL 1 January 2030" in page.read_text("utf-8")
    shot = tmp_path / "shot.png"
    _screenshot(page, shot)
    img = Image.open(shot).convert("RGB")
    width, height = img.size
    pixels = img.load()
    rows_green = [y for y in range(height) if sum(1 for x in range(0, width, 3) if pixels[x, y] == (0, 170, 0)) > 50]
    assert rows_green, "the lead image is not on the page"
    accent = [y for y in range(rows_green[0]) if sum(1 for x in range(width) if _near(pixels[x, y], (0xA3, 0x17, 0x1A))) > 200]
    assert accent, "no banner border in the accent colour above the lead image"
    assert accent[0] < 120, "the banner is not at the top of the page"


def _near(pixel: tuple[int, int, int], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 24 for a, b in zip(pixel, colour))


def test_json_feed_carries_the_one_count(newsroom: Path) -> None:
    from newsctl.text import article_counts

    source = ROOT / "articles" / "ostra-river-floods-velden.md"
    shutil.copy(source, newsroom / "articles" / source.name)
    r = run("feed", "articles", "-f", "json", "--base-url", BASE, "--now", NOW)
    counts = article_counts(parse_file(source))
    assert json.loads(r.stdout)["items"][0]["_newsctl"] == {"word_count": 406, "reading_time_seconds": counts.reading_seconds}


def test_blank_image_fields_mean_no_image(newsroom: Path) -> None:
    """Site templates leave `image:` blank (18F's archive does): no image, not a failure."""
    write(newsroom, "a.md", article(image="", image_alt="''"))
    r = run("export", "articles", "-d", "out", "--now", NOW, "--base-url", BASE, "--index")
    assert r.exit_code == 0, r.stderr
    assert "<figure" not in (newsroom / "out" / "a.html").read_text("utf-8")
    assert "Not written: news-sitemap.xml (no article published in the two days before --now)." not in r.stderr
    r = run("export", "articles", "-d", "out2", "--now", "2027-01-01T00:00:00Z", "--base-url", BASE, "--index")
    assert "Wrote index.html, sitemap.xml.\nNot written: news-sitemap.xml (no article published in the two days before --now)." in r.stderr
    assert not (newsroom / "out2" / "news-sitemap.xml").exists()


def test_dry_run_lists_the_site_files_and_writes_nothing(newsroom: Path) -> None:
    write(newsroom, "a.md", article())
    r = run("export", "articles", "-d", "out", "--index", "--base-url", BASE, "--now", NOW, "--dry-run")
    assert r.exit_code == 0
    assert r.stdout == "out/a.html\nout/index.html\nout/sitemap.xml\nout/news-sitemap.xml\n"
    assert "Would write index.html, sitemap.xml, news-sitemap.xml." in r.stderr
    assert not (newsroom / "out").exists()


def test_readability_reading_time_is_the_one_count() -> None:
    """textstat splits "and/or" as one word, the one count as two: the reading time every
    command shows comes from the one count (readability keeps textstat words for its formulas)."""
    from newsctl.outline import build_outline
    from newsctl.readability import measure
    from newsctl.text import article_counts

    body = " ".join(["Residents and/or visitors left town."] * 46) + "\n"
    a = parse_text(article("Counts", body), "a.md")
    counts = article_counts(a)
    assert counts.words == 46 * 6 and measure(a).article.words == 46 * 5
    assert measure(a).article.reading_time_seconds == counts.reading_seconds == 72
    assert build_outline(a).total.words == counts.words
    data = json.loads(render_article(a, "ninjs", ExportOptions()))
    assert data["bodies"][0]["wordCount"] == counts.words


def test_index_entry_title_never_nests_links() -> None:
    from newsctl.export.common import prepare
    from newsctl.export.site import index_html

    options = ExportOptions(base_url=BASE)
    docs = [
        prepare(parse_text(article("The *Bridge*"), "a.md"), "a", options),
        prepare(parse_text(article("See [the map](https://example.org/map)"), "b.md"), "b", options),
    ]
    page = index_html(docs, options)
    assert '<h2><a href="https://example.com/news/a.html">The <em>Bridge</em></a></h2>' in page
    assert '<h2><a href="https://example.com/news/b.html">See the map</a></h2>' in page


def test_unsafe_lead_image_is_dropped() -> None:
    for src in ("javascript:alert(1)", "data:image/svg+xml;base64,PHN2Zz4=", "file:///etc/passwd"):
        page = html_of(article(image=f'"{src}"', image_alt="x"), base_url=BASE)
        assert "<figure" not in page and "og:image" not in page and src.split(":")[0] + ":" not in page.split("<body>")[1]
