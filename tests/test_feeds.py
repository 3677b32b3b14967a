"""Feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1, read back with a real client (feedparser).

Golden files (tests/golden/feeds/) hold the four sample articles in each format; after an
intended change: NEWSCTL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_feeds.py
"""

from __future__ import annotations

import calendar
import html
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.export.batch import export_paths
from newsctl.export.common import ExportOptions, ExportError
from newsctl.export.feeds import FeedOptions, render_articles, xml_text
from newsctl.parse import parse_file, parse_text
from newsctl.settings import Settings, parse_now
from tests.conftest import ARTICLES
from tests.golden_util import check_golden

BASE = "https://example.com/news/"
NOW = "2026-11-28T12:00:00Z"
ATOM = "http://www.w3.org/2005/Atom"
# the sample articles, newest first (by date)
NEWEST_FIRST = [
    ("how-flood-warnings-work", "How flood warnings work, from rain gauge to phone alert", (2026, 11, 24, 9, 0, 0), ["Samuel Brandt"]),
    ("elmstead-repair-cafe", "At the Elmstead Repair Café, broken things get a second life", (2026, 11, 21, 9, 0, 0), ["Priya Desai", "Tom Whitlock"]),
    ("ostra-river-floods-velden", "Ostra River floods Velden, forcing 3,000 people from their homes", (2026, 11, 17, 7, 10, 0), ["Lena Hartmann"]),
    ("cybersecurity-diplomacy", "Cybersecurity Diplomacy: The New Frontier of International Relations", (2023, 10, 2, 9, 0, 0), ["Newsroom staff"]),
]  # fmt: skip
EXT = {"atom": "atom.xml", "rss": "rss.xml", "json": "json"}


def samples():
    return [parse_file(p, p.relative_to(ARTICLES.parent).as_posix()) for p in sorted(ARTICLES.glob("*.md"))]


def feed(fmt: str, articles=None, **options) -> str:
    return render_articles(samples() if articles is None else articles, fmt, FeedOptions(base_url=BASE, **options))


def read(text: str):
    """What a feed reader sees: feedparser given the string (never a URL)."""
    parsed = feedparser.parse(text)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def utc(parsed_time) -> datetime:
    return datetime.fromtimestamp(calendar.timegm(parsed_time), timezone.utc)


def art(title: str = "Budget passes", date: str = "2024-03-06T18:00:00+01:00", path: str = "a.md", **extra: str):
    lines = [f"title: {json.dumps(title)}", f"date: {date}", "author: Jane Doe", "summary: It passed."]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return parse_text("---\n" + "\n".join(lines) + "\n---\n\nThe council passed the budget.\n", path)


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_golden_full_content(fmt: str) -> None:
    check_golden(f"feeds/articles.{EXT[fmt]}", feed(fmt))


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_golden_summary_only(fmt: str) -> None:
    check_golden(f"feeds/articles.summary-only.{EXT[fmt]}", feed(fmt, full_content=False, title="Example News"))


# --- read back with feedparser ----------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "version"), [("atom", "atom10"), ("rss", "rss20")])
def test_feedparser_reads_the_sample_feed(fmt: str, version: str) -> None:
    d = read(feed(fmt, title="Example News"))
    assert d.version == version
    assert d.feed.title == "Example News"
    assert d.feed.link == BASE
    self_links = [link.href for link in d.feed.links if link.rel == "self"]
    assert self_links == [BASE + EXT[fmt].replace("json", "feed.json")]
    assert d.feed.language == "en"
    assert len(d.entries) == 4
    for entry, (name, title, when, authors) in zip(d.entries, NEWEST_FIRST):
        assert entry.title == title
        assert entry.link == f"{BASE}{name}.html"
        assert entry.id == f"{BASE}{name}.html"
        assert utc(entry.published_parsed) == datetime(*when, tzinfo=timezone.utc)
        assert [a.name for a in entry.authors] == authors
        assert entry.content[0].type == "text/html" and len(entry.content[0].value) > 1000
    velden = d.entries[2]
    assert velden.content[0].value.startswith("<p>The Ostra River burst its banks in Velden before dawn on Tuesday")
    assert [t.term for t in velden.tags] == ["floods", "weather", "Velden", "emergency services"]
    assert velden.summary.startswith("The Ostra River overtopped its flood wall")
    if fmt == "atom":  # RSS 2.0 has no "updated" per item
        assert utc(velden.updated_parsed) == datetime(2026, 11, 17, 11, 40, tzinfo=timezone.utc)
        assert utc(d.feed.updated_parsed) == datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)  # latest entry
        assert d.feed.id == BASE + "atom.xml"
    else:
        assert d.feed.updated == "Tue, 24 Nov 2026 10:00:00 +0100"  # lastBuildDate: latest entry
        assert d.feed.description == "Latest articles from Example News"


def test_rss_guid_is_a_permalink() -> None:
    channel = ET.fromstring(feed("rss")).find("channel")
    assert channel is not None
    guids = [(g.text, g.get("isPermaLink")) for g in channel.iter("guid")]
    assert guids == [(f"{BASE}{n}.html", "true") for n, *_ in NEWEST_FIRST]


def check_json_feed(data: dict) -> None:
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as the spec words it; there is no official schema."""
    from rfc3339_validator import validate_rfc3339

    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(data["title"], str) and data["title"]
    for key in ("home_page_url", "feed_url"):
        assert data[key].startswith("https://")
    assert isinstance(data["items"], list)
    ids = [item["id"] for item in data["items"]]
    assert all(isinstance(i, str) and i for i in ids) and len(set(ids)) == len(ids)
    for item in data["items"]:
        assert isinstance(item.get("content_html", item.get("content_text")), str)  # one or both present
        for key in ("date_published", "date_modified"):
            assert key not in item or validate_rfc3339(item[key]), item[key]
        for author in item.get("authors", []):
            assert set(author) <= {"name", "url", "avatar"} and author  # at least one of them
        assert all(isinstance(t, str) for t in item.get("tags", []))
        # the specification's item keys, plus extensions, which it says start with an underscore
        assert {k for k in item if not k.startswith("_")} <= {
            "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
            "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments",
        }  # fmt: skip


def test_json_feed_required_fields_and_items() -> None:
    data = json.loads(feed("json", title="Example News"))
    check_json_feed(data)
    check_json_feed(json.loads(feed("json", full_content=False)))
    check_json_feed(json.loads(feed("json", [])))
    # JSON Feed 1.1: version and title are required, items is required (may be empty)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] == "Example News"
    assert data["home_page_url"] == BASE
    assert data["feed_url"] == BASE + "feed.json"
    assert data["language"] == "en"
    assert isinstance(data["items"], list) and len(data["items"]) == 4
    for item, (name, title, when, authors) in zip(data["items"], NEWEST_FIRST):
        assert isinstance(item["id"], str) and item["id"] == item["url"] == f"{BASE}{name}.html"  # id required
        assert "content_html" in item or "content_text" in item  # one of them required
        assert item["title"] == title
        assert datetime.fromisoformat(item["date_published"]) == datetime(*when, tzinfo=timezone.utc)
        assert [a["name"] for a in item["authors"]] == authors
        assert item["language"] == "en"
    velden = data["items"][2]
    assert velden["date_modified"] == "2026-11-17T12:40:00+01:00"
    assert velden["tags"] == ["floods", "weather", "Velden", "emergency services"]
    assert velden["summary"].startswith("The Ostra River overtopped")
    assert data["items"][0]["image"] == "https://example.com/images/how-flood-warnings-work/gauge.jpg"


def test_links_use_the_html_export_file_names(tmp_path: Path) -> None:
    """An entry links to the page `newsctl export --format html` writes for the same article."""
    files = [(p, p.name) for p in sorted(ARTICLES.glob("*.md"))]
    result = export_paths(files, "html", ExportOptions(base_url=BASE), Settings(), tmp_path, dry_run=True)
    pages = sorted(BASE + i.target.name for i in result.items if i.target)
    assert sorted(e.link for e in read(feed("atom")).entries) == pages


# --- content ------------------------------------------------------------------------------------


def test_full_content_is_the_sanitized_body_with_absolute_links() -> None:
    text = "---\ntitle: T\ndate: 2024-01-01T00:00:00Z\n---\n\nSee [the page](other.html) and <script>alert(1)</script>.\n\n![map](img/map.png)\n"
    d = read(feed("atom", [parse_text(text, "a.md")]))
    html = d.entries[0].content[0].value
    assert '<a href="https://example.com/news/other.html">the page</a>' in html
    assert 'src="https://example.com/news/img/map.png"' in html
    assert "script" not in html
    raw = ET.fromstring(feed("atom", [parse_text(text, "a.md")]))  # sanitized by newsctl, not only by feedparser
    content = raw.find(f"{{{ATOM}}}entry/{{{ATOM}}}content")
    assert content is not None and content.get("type") == "html"
    assert "<script" not in (content.text or "") and "alert" not in (content.text or "")


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_summary_only_omits_content(fmt: str) -> None:
    d = read(feed(fmt, full_content=False))
    assert all("content" not in e for e in d.entries)
    assert d.entries[0].summary.startswith("A flood warning depends on a chain")
    # the cybersecurity article has no summary: its first paragraph stands in
    assert d.entries[3].summary.startswith("In an era defined by rapid technological advancement")
    full = ET.fromstring(feed(fmt))  # with the full content, no stand-in (feedparser would show the content)
    entries = list(full.iter(f"{{{ATOM}}}entry" if fmt == "atom" else "item"))
    summaries = [e.find(f"{{{ATOM}}}summary" if fmt == "atom" else "description") is not None for e in entries]
    assert summaries == [True, True, True, False]


def test_summary_only_json_has_content_text() -> None:
    items = json.loads(feed("json", full_content=False))["items"]
    assert all("content_html" not in i for i in items)
    assert items[0]["content_text"] == items[0]["summary"]
    # no summary: the first paragraph stands in (JSON Feed needs content)
    assert items[3]["content_text"].startswith("In an era defined by rapid technological advancement")
    assert "summary" not in items[3]


# --- order, limit, dates ---------------------------------------------------------------------------


def test_newest_first_then_updated_then_name() -> None:
    arts = [
        art("Old", "2024-01-01T00:00:00Z", "old.md"),
        art("Same time, not updated", "2024-03-01T12:00:00Z", "b.md"),
        art("Same time, updated", "2024-03-01T13:00:00+01:00", "c.md", updated="2024-03-02T00:00:00Z"),
        art("Same time, name a", "2024-03-01T12:00:00Z", "a.md"),
        art("New", "2024-05-01", "new.md"),
    ]
    titles = [e.title for e in read(feed("atom", arts)).entries]
    assert titles == ["New", "Same time, updated", "Same time, name a", "Same time, not updated", "Old"]


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_limit_keeps_the_newest(fmt: str) -> None:
    text = feed(fmt, limit=2)
    if fmt == "json":  # feedparser 6.0 reads no JSON Feed
        titles = [i["title"] for i in json.loads(text)["items"]]
    else:
        titles = [e.title for e in read(text).entries]
    assert titles == [t for _, t, *_ in NEWEST_FIRST[:2]]


def test_dates_without_timezone_are_utc() -> None:
    naive = art("Naive", "2024-03-06T18:00:00", "n.md", updated="2024-03-07")
    atom = ET.fromstring(feed("atom", [naive]))
    entry = atom.find(f"{{{ATOM}}}entry")
    assert entry is not None
    assert entry.findtext(f"{{{ATOM}}}published") == "2024-03-06T18:00:00Z"
    assert entry.findtext(f"{{{ATOM}}}updated") == "2024-03-07T00:00:00Z"  # a bare date is midnight UTC
    assert "<pubDate>Wed, 06 Mar 2024 18:00:00 +0000</pubDate>" in feed("rss", [naive])
    item = json.loads(feed("json", [naive]))["items"][0]
    assert (item["date_published"], item["date_modified"]) == ("2024-03-06T18:00:00Z", "2024-03-07T00:00:00Z")


def test_offsets_are_kept_as_written() -> None:
    text = feed("rss", [art(date="2024-03-06T18:00:00-05:30")])
    assert "<pubDate>Wed, 06 Mar 2024 18:00:00 -0530</pubDate>" in text
    assert utc(read(text).entries[0].published_parsed) == datetime(2024, 3, 6, 23, 30, tzinfo=timezone.utc)


def test_empty_feed_is_valid_and_dated_by_now() -> None:
    now = parse_now("2024-06-01T08:00:00Z")
    d = read(feed("atom", [], now=now))
    assert d.entries == [] and d.feed.updated == "2024-06-01T08:00:00Z"
    assert d.feed.author == "example.com"  # a feed with no entries still needs an author
    assert json.loads(feed("json", []))["items"] == []
    assert read(feed("rss", [], now=now)).feed.updated == "Sat, 01 Jun 2024 08:00:00 +0000"


# --- authors, language ------------------------------------------------------------------------------


def test_atom_feed_author_only_when_an_entry_has_none() -> None:
    assert ET.fromstring(feed("atom")).find(f"{{{ATOM}}}author") is None
    anonymous = parse_text("---\ntitle: T\ndate: 2024-01-01T00:00:00Z\n---\n\nBody.\n", "anon.md")
    root = ET.fromstring(feed("atom", [anonymous], title="Example News"))
    assert root.findtext(f"{{{ATOM}}}author/{{{ATOM}}}name") == "Example News"
    assert "authors" not in json.loads(feed("json", [anonymous]))["items"][0]


def test_mixed_languages_have_no_feed_language() -> None:
    german = parse_file(Path(__file__).parent / "fixtures" / "export" / "naive-dates.md", "naive-dates.md")
    mixed = samples() + [german]
    assert "language" not in json.loads(feed("json", mixed))
    assert "<language>" not in feed("rss", mixed)
    root = ET.fromstring(feed("atom", mixed))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") is None
    langs = [e.get("{http://www.w3.org/XML/1998/namespace}lang") for e in root.iter(f"{{{ATOM}}}entry")]
    assert sorted(langs) == ["de", "en", "en", "en", "en"]
    assert json.loads(feed("json", [german]))["items"][0]["language"] == "de"


# --- hostile text -----------------------------------------------------------------------------------

HOSTILE_TITLE = 'Budget <script>alert("x")</script> & \'quotes\' "double" \x07bell\x1b end'
CLEAN_TITLE = 'Budget <script>alert("x")</script> & \'quotes\' "double" bell end'


def hostile():
    # YAML double-quoted escapes are how control characters reach the front matter
    front = (
        '---\ntitle: "Budget <script>alert(\\"x\\")</script> & \'quotes\' \\"double\\" \\abell\\e end"\n'
        "date: 2024-05-01T10:00:00Z\n"
        'author: "Mallory </author><b> & \\x0bco"\n'
        "summary: 'a < b && c > d ]]> <tags>'\n"
        'tags: ["<img src=x onerror=alert(1)>", "a&b", "\\ud800lone"]\n'
        "---\n\n"
    )
    return parse_text(front + "Body \x01with\x08 controls, \ufffe and <b onclick=x>bold</b>.\n", "hostile.md")


def test_hostile_article_parses_as_expected() -> None:
    a = hostile()
    assert a.meta.title == HOSTILE_TITLE


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_hostile_text_is_escaped_and_controls_stripped(fmt: str) -> None:
    text = feed(fmt, [hostile()], smart=False)  # straight quotes: the title as written
    root = ET.fromstring(text)  # well-formed XML 1.0
    titles = [el.text for el in root.iter() if el.tag in (f"{{{ATOM}}}title", "title")]
    # RSS titles are written as HTML (readers render them so): the markup shows as characters
    assert (CLEAN_TITLE if fmt == "atom" else html.escape(CLEAN_TITLE, quote=False)) in titles
    d = read(text)
    entry = d.entries[0]
    # feedparser reads an RSS title without markup as text: it shows the escaped form, inert
    assert entry.title == (CLEAN_TITLE if fmt == "atom" else html.escape(CLEAN_TITLE, quote=False))
    assert [a.name for a in entry.authors] == ["Mallory </author><b> &  co"]
    assert [t.term for t in entry.tags] == ["<img src=x onerror=alert(1)>", "a&b", "\ufffdlone"]  # a lone surrogate reads as U+FFFD (M004 warns)
    content = entry.content[0].value
    assert "onclick" not in content and "\x01" not in content and "\x08" not in content and "\ufffe" not in content
    assert "<b>bold</b>" in content
    if fmt == "atom":
        assert entry.summary == "a < b && c > d ]]> <tags>"
    else:  # RSS description is HTML: the plain-text summary was escaped once more, so it shows as written
        assert entry.summary == "a &lt; b &amp;&amp; c &gt; d ]]&gt; &lt;tags&gt;"


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ("AT&T buys Q&A site", "AT&T buys Q&A site"),
        ("Budget <b>approved</b>", "Budget &lt;b&gt;approved&lt;/b&gt;"),
        ("Fish &amp; chips", "Fish &amp;amp; chips"),
        ("5 &lt; 6", "5 &amp;lt; 6"),
        ("&#60;script&#62;", "&amp;#60;script&amp;#62;"),
    ],
)
def test_rss_title_is_inert_when_read_as_html(title: str, written: str) -> None:
    from dataclasses import replace

    from newsctl.export.common import prepare
    from newsctl.export.feeds import render_feed

    doc = replace(prepare(art(), "a", ExportOptions(base_url=BASE)), title=title)
    channel = ET.fromstring(render_feed([doc], "rss", FeedOptions(base_url=BASE))).find("channel")
    assert channel is not None and channel.findtext("item/title") == written


def test_hostile_text_in_json_feed() -> None:
    data = json.loads(feed("json", [hostile()], smart=False))
    check_json_feed(data)
    item = data["items"][0]
    assert item["title"] == CLEAN_TITLE
    assert item["authors"] == [{"name": "Mallory </author><b> &  co"}]
    assert item["tags"] == ["<img src=x onerror=alert(1)>", "a&b", "\ufffdlone"]
    assert "onclick" not in item["content_html"]


def test_hostile_feed_title() -> None:
    text = feed("atom", [art()], title="News <&> \"quoted\" \x00\x1f")
    assert read(text).feed.title == 'News <&> "quoted"'  # feedparser trims the space


def test_xml_text_strips_what_xml_forbids_and_controls() -> None:
    allowed = "tab\tnew\nline\rcr é 😀 \u2028 \ud7ff \ue000 \ufffd"
    assert xml_text(allowed) == allowed
    assert xml_text("a\x00b\x1fe\ufffef\uffffg\udc00h\x7fi\x80j\x9fk") == "abefghijk"
    # line-break controls become a space, as in every export format (common.strip_controls)
    assert xml_text("b\x0bc\x0cd\x85e") == "b c d e"


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.characters(codec=None, categories=None), max_size=40))
def test_any_text_makes_well_formed_feeds(text: str) -> None:
    """Whatever the front matter holds, the XML parses and says exactly what was given (minus
    what XML cannot carry); JSON says it too."""
    from dataclasses import replace

    from newsctl.export.common import prepare
    from newsctl.export.feeds import render_feed

    base = prepare(art(), "a", ExportOptions(base_url=BASE))
    doc = replace(base, title=text or "x", authors=(text or "x",), tags=(text,), summary=text or None)
    expected = xml_text(text or "x").replace("\r\n", "\n").replace("\r", "\n")  # XML reads CR as LF
    options = FeedOptions(base_url=BASE, title=text or None)
    atom = ET.fromstring(render_feed([doc], "atom", options))
    entry = atom.find(f"{{{ATOM}}}entry")
    assert entry is not None
    assert entry.findtext(f"{{{ATOM}}}title") == expected
    assert entry.findtext(f"{{{ATOM}}}author/{{{ATOM}}}name") == expected
    category = entry.find(f"{{{ATOM}}}category")
    assert category is not None and category.get("term") == xml_text(text)  # attributes keep CR (escaped)
    channel = ET.fromstring(render_feed([doc], "rss", options)).find("channel")
    rss_title = channel.findtext("item/title") if channel is not None else None
    assert rss_title is not None and "<" not in rss_title  # inert for readers that render it as HTML
    assert rss_title == expected or html.unescape(rss_title) == expected
    item = json.loads(render_feed([doc], "json", options))["items"][0]
    assert item["title"] == xml_text(text or "x")


# --- bad articles in the library ---------------------------------------------------------------------


def test_article_without_date_cannot_be_an_entry() -> None:
    undated = parse_text("---\ntitle: T\nauthor: A\n---\n\nBody.\n", "u.md")
    with pytest.raises(ExportError, match=r"^line 1: front matter has no 'date': a feed entry needs a publication date$"):
        feed("atom", [undated])


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown feed format"):
        feed("opml")


def test_two_articles_with_one_page_url_cannot_share_an_id() -> None:
    a = art("First", path="articles/a.md", slug="budget")
    b = art("Second", path="articles/b.md", slug="budget")
    with pytest.raises(ExportError, match=r"^budget.html is already the page of articles/a.md \(same slug\): entry ids must be unique$"):
        feed("atom", [a, b])


# --- the command --------------------------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    return tmp_path


def write(site: Path, name: str, text: str) -> Path:
    path = site / "articles" / name
    path.write_text(text, encoding="utf-8")
    return path


def front(title: str = "Budget passes", date: str = "2024-03-06T18:00:00+01:00", **extra: str) -> str:
    lines = [f"title: {title}", f"date: {date}", "author: Jane Doe", "summary: It passed."]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\nThe council passed the budget on Wednesday.\n"


def run(*args: str):
    result = CliRunner().invoke(app, ["feed", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_command_writes_the_feed_to_stdout() -> None:
    r = CliRunner().invoke(app, ["feed", str(ARTICLES), "--format", "json", "--base-url", BASE, "--now", NOW])
    assert r.exit_code == 0
    names = [p.name for p in sorted(ARTICLES.glob("*.md"))]
    expected = render_articles(
        [parse_file(ARTICLES / n, n) for n in names], "json", FeedOptions(base_url=BASE, now=parse_now(NOW))
    )
    assert r.stdout == expected
    assert r.stderr == "Feed (json): 4 entries written to standard output, skipped 0, failed 0.\n"


def test_drafts_and_embargoed_are_skipped(site: Path) -> None:
    write(site, "a.md", front("Published"))
    write(site, "draft.md", front("Draft", status="draft"))
    write(site, "later.md", front("Later", embargo="2024-03-08T06:00:00+01:00"))
    r = run("--base-url", BASE, "--format", "rss", "--now", "2024-03-07T12:00:00Z")
    assert r.exit_code == 0
    assert [e.title for e in read(r.stdout).entries] == ["Published"]
    assert r.stderr == (
        "Feed (rss): 1 entry written to standard output, skipped 2, failed 0.\n"
        "Skipped:\n"
        "  articles/draft.md: draft (status: draft; use --include-drafts)\n"
        "  articles/later.md: embargoed until 2024-03-08T06:00:00+01:00 (use --include-embargoed)\n"
    )
    r = run("--base-url", BASE, "--now", "2024-03-07T12:00:00Z", "--include-drafts", "--include-embargoed")
    assert r.exit_code == 0
    assert sorted(e.title for e in read(r.stdout).entries) == ["Draft", "Later", "Published"]
    r = run("--base-url", BASE, "--now", "2024-03-08T05:00:00Z")  # the embargo has lifted
    assert sorted(e.title for e in read(r.stdout).entries) == ["Later", "Published"]


def test_limit_is_reported(site: Path) -> None:
    for day in range(1, 6):
        write(site, f"d{day}.md", front(f"Day {day}", f"2024-03-0{day}T12:00:00Z"))
    r = run("--base-url", BASE, "--limit", "2", "--now", NOW)
    assert r.exit_code == 0
    assert [e.title for e in read(r.stdout).entries] == ["Day 5", "Day 4"]
    assert r.stderr == "Feed (atom): 2 entries (newest 2 of 5) written to standard output, skipped 0, failed 0.\n"


def test_bad_articles_are_named_with_their_line_and_exit_1(site: Path) -> None:
    write(site, "good.md", front())
    write(site, "broken.md", "---\ntitle: [unclosed\n---\nBody.\n")
    write(site, "notitle.md", "---\nauthor: A\n---\nBody.\n")
    write(site, "undated.md", "---\ntitle: No date\nauthor: A\n---\nBody.\n")
    (site / "articles" / "binary.md").write_bytes(b"\x00\x01")
    r = run("--base-url", BASE, "--format", "atom", "--now", NOW)
    assert r.exit_code == 1
    assert [e.title for e in read(r.stdout).entries] == ["Budget passes"]  # the good one is still published
    lines = r.stderr.splitlines()
    assert lines[0] == "Feed (atom): 1 entry written to standard output, skipped 0, failed 4."
    assert lines[1] == "Failed:"
    assert lines[2] == "  articles/binary.md:1:1: File contains a NUL byte: it looks binary, not a Markdown article"
    assert lines[3].startswith("  articles/broken.md:2:1: ")
    assert lines[4] == "  articles/notitle.md:1:1: front matter has no 'title': the export needs a headline"
    assert lines[5] == "  articles/undated.md:1:1: front matter has no 'date': a feed entry needs a publication date"
    assert len(lines) == 6


def test_same_slug_twice_fails_the_second(site: Path) -> None:
    write(site, "a.md", front("First", slug="budget"))
    write(site, "b.md", front("Second", slug="budget"))
    r = run("--base-url", BASE, "--now", NOW)
    assert r.exit_code == 1
    assert [e.title for e in read(r.stdout).entries] == ["First"]
    assert r.stderr.splitlines()[1:] == [
        "Failed:",
        "  articles/b.md: budget.html is already the page of articles/a.md (same slug): entry ids must be unique",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "newsctl: error: --base-url is required: feed entries need absolute links, e.g. --base-url https://example.com/news/ (or set base-url)\n"),
        (["--base-url", "/news/"], "newsctl: error: --base-url: '/news/' is not an absolute http(s) URL such as https://example.com/news/\n"),
        (["--base-url", "ftp://example.com/"], "newsctl: error: --base-url: 'ftp://example.com/' is not an absolute http(s) URL such as https://example.com/news/\n"),
        (["--base-url", BASE, "--feed-url", "feed.xml"], "newsctl: error: --feed-url: 'feed.xml' is not an absolute http(s) URL such as https://example.com/news/\n"),
        (["--base-url", BASE, "missing/"], "newsctl: error: missing/: no such file or directory\n"),
        (["--base-url", BASE, "--output", "articles/a.md"], "newsctl: error: --output articles/a.md is a source article; refusing to overwrite it\n"),
        (["--base-url", BASE, "--output", "articles"], "newsctl: error: --output articles: is a directory; give a file name such as articles/feed.xml\n"),
        (["--base-url", BASE, "--now", "soon"], None),
    ],
)
def test_usage_errors_exit_2(site: Path, args: list[str], message: str | None) -> None:
    write(site, "a.md", front())
    r = run(*args)
    assert r.exit_code == 2
    assert r.stdout == ""
    if message is not None:
        assert r.stderr == message
    else:
        assert r.stderr.startswith("newsctl: error: --now: ")


@pytest.mark.parametrize("args", [["--limit", "0"], ["--format", "opml"]])
def test_bad_option_values_exit_2(site: Path, args: list[str]) -> None:
    write(site, "a.md", front())
    assert run("--base-url", BASE, *args).exit_code == 2


def test_no_articles_is_a_usage_error(site: Path) -> None:
    r = run("--base-url", BASE)
    assert r.exit_code == 2
    assert r.stderr == "newsctl: error: no articles (*.md, *.markdown) found in articles\n"


def test_output_file_is_written_atomically_with_its_own_url(site: Path) -> None:
    write(site, "a.md", front())
    out = site / "public" / "feed.xml"
    out.parent.mkdir()
    out.write_text("old feed", encoding="utf-8")
    r = run("--base-url", "https://example.com/news", "--output", "public/feed.xml", "--now", NOW)
    assert r.exit_code == 0 and r.stdout == ""
    assert r.stderr == "Feed (atom): 1 entry written to public/feed.xml, skipped 0, failed 0.\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["feed.xml"]  # no temporary file left
    d = read(out.read_text("utf-8"))
    assert [link.href for link in d.feed.links if link.rel == "self"] == ["https://example.com/news/feed.xml"]
    r = run("--base-url", BASE, "--output", "public/feed.xml", "--feed-url", "https://feeds.example.com/x.atom", "--now", NOW)
    d = read(out.read_text("utf-8"))
    assert [link.href for link in d.feed.links if link.rel == "self"] == ["https://feeds.example.com/x.atom"]


def test_interrupted_write_keeps_the_old_feed(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(site, "a.md", front())
    out = site / "feed.json"
    out.write_text("old feed", encoding="utf-8")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    r = run("--base-url", BASE, "--format", "json", "--output", "feed.json", "--now", NOW)
    assert r.exit_code == 2
    assert r.stderr == "newsctl: error: feed.json: cannot write: No space left on device\n"
    assert out.read_text("utf-8") == "old feed"
    assert sorted(p.name for p in site.iterdir()) == ["articles", "feed.json"]


def test_summary_only_flag(site: Path) -> None:
    write(site, "a.md", front())
    full = json.loads(run("--base-url", BASE, "--format", "json", "--now", NOW).stdout)["items"][0]
    short = json.loads(run("--base-url", BASE, "--format", "json", "--summary-only", "--now", NOW).stdout)["items"][0]
    assert full["content_html"] == "<p>The council passed the budget on Wednesday.</p>\n"
    assert "content_html" not in short and short["content_text"] == "It passed."
