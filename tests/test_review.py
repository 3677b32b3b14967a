"""The review page: highlights at their spans, sentence grades, safety, the CLI and lint --format html."""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.engine import lint_article
from newsctl.parse import parse_file, parse_text
from newsctl.review.page import render_page, review_article
from newsctl.settings import from_mapping
from tests.conftest import FRONT
from tests.export_helpers import sample_articles

ROOT = Path(__file__).resolve().parent.parent
NOW = "2026-11-28T12:00:00Z"
FIXTURES = ROOT / "tests" / "fixtures"


def samples() -> list[Path]:
    """Every sample article and fixture the review is checked on."""
    extra = [FIXTURES / "readability.md", FIXTURES / "dates-problems.md"] + sorted((FIXTURES / "outline").glob("*.md"))
    return sample_articles() + extra


def settings_for(**raw: Any) -> Any:
    from dataclasses import replace

    from newsctl.settings import parse_now

    return replace(from_mapping({k.replace("_", "-"): v for k, v in raw.items()}), now=parse_now(NOW))


def review(text: str, **raw: Any) -> tuple[str, list[Any], Any]:
    """(page, findings, parsed page tree) for an article's whole text."""
    settings = settings_for(**raw)
    article = parse_text(textwrap.dedent(text), "a.md")
    findings = lint_article(article, settings)
    page = render_page(review_article(article, findings, settings))
    return page, findings, tree_of(page)


def review_file(path: Path) -> tuple[str, list[Any], Any]:
    settings = settings_for()
    article = parse_file(path, path.name)
    findings = lint_article(article, settings)
    page = render_page(review_article(article, findings, settings))
    return page, findings, tree_of(page)


def tree_of(page: str) -> Any:
    import html5lib

    return html5lib.parse(page, namespaceHTMLElements=False)


def text_of(el: Any) -> str:
    return "".join(el.itertext())


def highlights(tree: Any) -> list[Any]:
    return [el for el in tree.iter() if el.get("data-code") is not None]


def body(tree: Any) -> Any:
    return next(el for el in tree.iter("article") if "article-body" in (el.get("class") or ""))


def check_one_highlight_each(findings: list[Any], marks: list[Any]) -> None:
    """Every finding has exactly one element with its code and position, and nothing else has one."""
    def key(code: str, line: Any, column: Any, end_line: Any, end_column: Any) -> tuple[str, int, int, int, int]:
        return (code, int(line), int(column), int(end_line), int(end_column))

    wanted = sorted(key(f.code, f.line, f.column, f.end_line, f.end_column) for f in findings)
    got = sorted(
        key(m.get("data-code"), m.get("data-line"), m.get("data-column"), m.get("data-end-line"), m.get("data-end-column"))
        for m in marks
    )
    assert got == wanted


# --- highlights at their spans ------------------------------------------------------------------


def test_a_doubled_word_is_highlighted_exactly() -> None:
    page, findings, tree = review(FRONT + "The council met on Tuesday. It voted on the the budget.\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("H003", 8, 41)]
    (mark,) = highlights(tree)
    assert mark.tag == "mark"
    assert text_of(mark) == "the the"
    assert mark.get("data-line") == "8" and mark.get("data-column") == "41"
    assert "sev-warning" in mark.get("class")
    assert mark.get("title").startswith("H003 doubled-word (warning): ")
    # inside its sentence, which is shaded by grade
    sentence = next(el for el in tree.iter("span") if "s" in (el.get("class") or "").split() and mark in list(el.iter()))
    assert text_of(sentence) == "It voted on the the budget."


def test_an_inline_footnote_is_shown_and_a_finding_after_it_still_marked() -> None:
    # `^[note]` makes a footnote paragraph with no source lines and no Block of its own: the
    # page used to map it onto the next block and stop with an IndexError (found by QA, 0.4.1)
    page, findings, tree = review(FRONT + "A claim and inline^[note here].\n\nIt voted on the the budget.\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("H003", 10, 13)]
    (mark,) = highlights(tree)
    assert text_of(mark) == "the the" and mark.get("data-line") == "10"
    (note,) = [li for li in tree.iter("li") if "footnote-item" in (li.get("class") or "")]
    assert text_of(note).startswith("note here")


def test_a_highlight_across_emphasis_is_one_element_around_it() -> None:
    page, findings, tree = review(FRONT + "Officials said the *the* budget was final.\n", select=["H003"])
    assert [(f.code, f.column) for f in findings] == [("H003", 16)]
    (mark,) = highlights(tree)
    # the span starts in plain text and ends inside <em>: the element grows to hold the whole <em>
    assert text_of(mark) == "the the"
    assert [child.tag for child in mark] == ["em"]


def test_a_heading_finding_is_marked_on_the_heading() -> None:
    text = FRONT + "Lead paragraph here.\n\n## Empty part\n\n## Full part\n\nSome words.\n"
    page, findings, tree = review(text, select=["S003"])
    assert [(f.code, f.line) for f in findings] == [("S003", 10)]
    (mark,) = highlights(tree)
    h2 = next(h for h in tree.iter("h2") if mark in list(h.iter()))
    assert text_of(h2) == "Empty part" and text_of(mark) == "Empty part"


def test_front_matter_findings_are_in_the_box_above_the_text() -> None:
    text = "---\ntitle: T\ndate: 2024-03-06T18:00:00+01:00\nauthor: A\nfoo: bar\n---\n\nA short lead.\n"
    page, findings, tree = review(text, select=["M009", "M010"])
    assert sorted((f.code, f.line) for f in findings) == [("M009", 5), ("M010", 1)]
    box = next(el for el in tree.iter("section") if el.get("class") == "box")
    marks = highlights(box)
    check_one_highlight_each(findings, marks)
    assert text_of(next(m for m in marks if m.get("data-code") == "M009")) == "foo"
    assert highlights(body(tree)) == []
    assert "No 'summary'" in text_of(box)


def test_findings_in_raw_html_are_marked_in_a_source_box() -> None:
    text = FRONT + "Lead text.\n\n<script>alert(1)</script>\n\nMore text.\n"
    page, findings, tree = review(text, select=["H007"])
    assert [(f.code, f.line) for f in findings] == [("H007", 10)]
    (mark,) = highlights(tree)
    pre = next(el for el in tree.iter("pre") if mark in list(el.iter()))
    assert pre.get("class") == "source-box"
    assert "<script>alert(1)</script>" in text_of(pre)
    assert not any(el.tag == "script" and "alert" in text_of(el) for el in tree.iter())


def test_long_sentences_hard_sentences_and_quotations() -> None:
    long = "Then " + " ".join(["word"] * 39) + "."
    hard = "Notwithstanding considerable institutional resistance, the administration implemented comprehensive reorganisation."
    text = FRONT + f'The vote is final. {hard} {long}\n\n"We will cut taxes," the mayor said.\n'
    page, findings, tree = review(text, select=["R003"])
    spans = {text_of(el): el.get("class") for el in tree.iter("span") if (el.get("class") or "").startswith("s ")}
    assert spans["The vote is final."] == "s s-easy"
    assert spans[hard] == "s s-hard"
    assert spans[long] == "s s-standard s-long"  # 40 one-syllable words: grade 11.8
    said = next(el for el in tree.iter("span") if text_of(el) == '"We will cut taxes," the mayor said.')
    quote = next(el for el in said.iter("span") if el.get("class") == "q")
    assert text_of(quote) == '"We will cut taxes,"'
    (mark,) = highlights(tree)
    assert text_of(mark) == long


@pytest.mark.parametrize("path", samples(), ids=lambda p: p.name)
def test_every_finding_has_exactly_one_highlight(path: Path) -> None:
    page, findings, tree = review_file(path)
    check_one_highlight_each(findings, highlights(tree))
    # the side panel lists each finding once, in reading order, linking to its highlight
    panel = next(el for el in tree.iter("aside") if el.get("class") == "panel")
    links = [a.get("href")[1:] for a in panel.iter("a") if (a.get("href") or "").startswith("#f")]
    marks = {m.get("id"): m for m in highlights(tree)}
    assert len(links) == len(findings) and set(links) == set(marks)
    positions = [(int(marks[i].get("data-line")), int(marks[i].get("data-column"))) for i in links]
    assert positions == sorted(positions)


def test_sentence_highlights_match_the_readability_measure() -> None:
    from newsctl.readability import measure

    path = FIXTURES / "readability.md"
    page, findings, tree = review_file(path)
    m = measure(parse_file(path, path.name), settings_for())
    graded = [el for el in tree.iter("span") if el.get("data-grade") is not None]
    assert [float(el.get("data-grade")) for el in graded] == [round(s.grade, 1) for s in m.sentences if s.counted]
    stats = {dt.text: dd for dt, dd in zip(tree.iter("dt"), tree.iter("dd"))}
    assert text_of(stats["Grade"]).split()[0] == f"{m.article.flesch_kincaid_grade:.1f}"
    assert text_of(stats["Words"]) == str(m.article.words + m.article.quoted_words)


# --- safety ---------------------------------------------------------------------------------------

RESOURCE_ATTRS = ("src", "srcset", "poster", "data", "action", "formaction", "background", "ping", "manifest")


def resource_references(tree: Any, page: str) -> list[str]:
    """Everything in a page that would make a browser fetch something."""
    found = []
    for el in tree.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        for attr in RESOURCE_ATTRS:
            if el.get(attr) is not None:
                found.append(f"<{tag} {attr}={el.get(attr)!r}>")
        if tag == "link" or (tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh"):
            found.append(f"<{tag}>")
        if tag in ("iframe", "object", "embed", "img", "video", "audio", "source", "form"):
            found.append(f"<{tag}>")
    for m in re.finditer(r"url\(\s*['\"]?([^)'\"]*)", page):
        if not m.group(1).startswith("#"):
            found.append(m.group())
    if "@import" in page:
        found.append("@import")
    return found


def test_the_page_has_no_resource_references() -> None:
    for path in samples():
        page, _, tree = review_file(path)
        assert resource_references(tree, page) == [], path
        assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', ""), path
    # the check itself catches a remote image
    bad = '<img src="http://example.com/x.png" alt="">'
    assert resource_references(tree_of(bad), bad) == ["<img src='http://example.com/x.png'>", "<img>"]


def test_hostile_titles_and_bodies_are_inert() -> None:
    page, findings, tree = review_file(ROOT / "tests" / "fixtures" / "export" / "hostile.md")
    scripts = [el for el in tree.iter("script")]
    assert len(scripts) == 1 and "alert" not in text_of(scripts[0])  # only the page's own
    for el in tree.iter():
        for attr, value in el.items():
            assert not attr.lower().startswith("on"), (el.tag, attr)
            assert not value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")), (el.tag, attr)
        if el.tag in ("iframe", "object", "embed", "svg", "style", "form", "input", "meta"):
            assert _ours(el, tree), el.tag
    assert text_of(next(tree.iter("title"))) == 'Review: Hostile input <script>alert("title")</script>'
    assert "Mallory </script><b>" in text_of(next(el for el in tree.iter("p") if el.get("class") == "byline"))
    csp = next(el for el in tree.iter("meta") if el.get("http-equiv") == "Content-Security-Policy").get("content")
    assert csp.startswith("default-src 'none';") and "script-src 'sha256-" in csp


def _ours(el: Any, tree: Any) -> bool:
    """The page's own <style>, chart <svg> and <meta> tags (in the head, or the chart figure)."""
    head = next(tree.iter("head"))
    if el in list(head.iter()):
        return True
    if el.tag == "input":  # the filter check boxes of the side panel
        panel = next(p for p in tree.iter("aside") if p.get("class") == "panel")
        return el in list(panel.iter()) and el.get("type") == "checkbox"
    return el.tag == "svg" and (el.get("class") or "") == "chart"


def test_the_script_hash_in_the_policy_matches_the_script() -> None:
    import base64
    import hashlib

    page, _, tree = review(FRONT + "Text.\n")
    script = text_of(next(tree.iter("script")))
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = next(el for el in tree.iter("meta") if el.get("http-equiv") == "Content-Security-Policy").get("content")
    assert f"script-src 'sha256-{digest}';" in csp


def test_a_forged_marker_in_the_text_stays_text() -> None:
    page, findings, tree = review(FRONT + "Words nffffffffffffffffo0x and nffffffffffffffffc0x here.\n")
    assert "nffffffffffffffffo0x" in text_of(body(tree))


# --- the command line --------------------------------------------------------------------------


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_review_writes_a_page_per_article_and_an_index(tmp_path: Path) -> None:
    out = tmp_path / "review"
    result = run("review", "articles/", "tests/fixtures/readability.md", "--output-dir", str(out), "--now", NOW)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    expected = sorted([p.stem + ".html" for p in (ROOT / "articles").glob("*.md")] + ["readability.html", "index.html"])
    assert names == expected
    index = tree_of((out / "index.html").read_text("utf-8"))
    rows = [tr for tr in index.iter("tr") if tr.find("th/a") is not None]
    assert sorted(tr.find("th/a").get("href") for tr in rows) == sorted(n for n in expected if n != "index.html")
    seed = next(tr for tr in rows if tr.find("th/a").get("href") == "cybersecurity-diplomacy.html")
    linted = json.loads(run("lint", "--format", "json", "--now", NOW, "articles/cybersecurity-diplomacy.md").output)
    assert [td.text for td in seed.findall("td")][2:] == [str(linted["summary"][s]) for s in ("error", "warning", "info")]
    page = (out / "readability.html").read_text("utf-8")
    assert '<a href="index.html">All articles</a>' in page


def test_review_of_one_file_writes_no_index_and_the_names_do_not_clash(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "story.md").write_text(FRONT + "Text.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("review", str(tmp_path / "a" / "story.md"), "-d", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["story.html"]
    assert run("review", str(tmp_path / "a"), str(tmp_path / "b"), "-d", str(out), "-q").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "story-2.html", "story.html"]


def test_review_exit_statuses(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe not utf-8")
    result = run("review", str(tmp_path / "bad.md"), "-d", str(tmp_path / "out"))
    assert result.exit_code == 1
    page = (tmp_path / "out" / "bad.html").read_text("utf-8")
    assert "This file could not be read: File is not valid UTF-8" in html.unescape(page)
    check_one_highlight_each(
        [type("F", (), {"code": "M001", "line": 1, "column": 1, "end_line": 1, "end_column": 2})()], highlights(tree_of(page))
    )
    (tmp_path / "file").write_text("x")
    result = run("review", "articles/", "-d", str(tmp_path / "file"))
    assert result.exit_code == 2 and "is a file" in result.output
    result = run("review", str(tmp_path / "empty-dir-does-not-exist"), "-d", str(tmp_path / "o2"))
    assert result.exit_code == 1  # a missing path is an unreadable article (M001), as in lint


def test_lint_format_html_writes_one_report_with_an_index(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("lint", "--format", "html", "-o", str(out), "--now", NOW, "articles/")
    assert result.exit_code == 1  # the seed article has an error: the same status as any format
    tree = tree_of(out.read_text("utf-8"))
    reviews = [el for el in tree.iter("section") if el.get("class") == "review"]
    assert len(reviews) == 4
    table = next(tree.iter("table"))
    links = [a.get("href") for a in table.iter("a")]
    assert links == [f"#a{n}-review" for n in range(1, 5)]
    assert [el.get("id") for el in reviews] == [h[1:] for h in links]
    ids = [el.get("id") for el in tree.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    data = json.loads(run("lint", "--format", "json", "--now", NOW, "articles/").output)
    check_one_highlight_each([type("F", (), f)() for f in data["findings"]], highlights(tree))
    caption = " ".join(text_of(next(table.iter("caption"))).split())
    n = {s: sum(1 for f in data["findings"] if f["severity"] == s) for s in ("error", "warning", "info")}
    assert caption == f"4 articles: E {n['error']} error W {n['warning']} warnings i {n['info']} info"


# --- the Nu checker and a real browser -----------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every sample's review page, plus an index and a lint report, written to a temporary folder."""
    out = tmp_path_factory.mktemp("review")
    paths = [str(p.relative_to(ROOT)) for p in samples()]
    result = run("review", *paths, "-d", str(out), "-q", "--now", NOW)
    assert result.exit_code == 0, result.output
    report = out / "report.html"
    run("lint", "--format", "html", "-o", str(report), "--now", NOW, *paths)
    return sorted(out.glob("*.html"))


def checked_pages(pages: list[Path]) -> list[Path]:
    """The report (every sample's markup in one document), the index and two single pages;
    every page with NEWSCTL_REVIEW_ALL=1 (`make review-check`)."""
    import os

    if os.environ.get("NEWSCTL_REVIEW_ALL") == "1":
        return pages
    keep = ("report.html", "index.html", "cybersecurity-diplomacy.html", "hostile.html")
    return [p for p in pages if p.name in keep]


def test_nu_html_checker_reports_no_errors(pages: list[Path]) -> None:
    from tests.export_helpers import run_vnu

    errors, status = run_vnu([str(p) for p in checked_pages(pages)], "--also-check-css", "--also-check-svg")
    assert errors == []
    assert status == 0


def chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


BROWSER_INTERNAL = re.compile(rb"(?:google\.com|googleapis\.com|gstatic\.com|gvt1\.com)(?::\d+)?[/ ]")


def browse(page: Path, *flags: str, proxy_port: int | None = None, timeout: int = 90, log: list[str] | None = None) -> str:
    """Headless Chromium on a file:// page; standard output (e.g. --dump-dom). Console
    messages (CSP violations, script errors) are appended to `log` when one is given."""
    import subprocess
    import tempfile

    binary = chromium()
    assert binary
    with tempfile.TemporaryDirectory() as profile:
        args = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--hide-scrollbars",
        ]  # fmt: skip
        if proxy_port is not None:  # every request, even to this machine, goes to our listening socket
            args += [f"--proxy-server=http://127.0.0.1:{proxy_port}", "--proxy-bypass-list=<-loopback>"]
        if log is not None:
            args += ["--enable-logging=stderr", "--v=0"]
        done = subprocess.run([*args, *flags, page.resolve().as_uri()], capture_output=True, timeout=timeout)
    if log is not None:
        log.extend(line for line in done.stderr.decode("utf-8", "replace").splitlines() if ":CONSOLE" in line)
    return done.stdout.decode("utf-8", "replace")


class Recorder:
    """A local socket standing in for a proxy: records the first line of every request made."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.requests: list[bytes] = []
        self.stopped = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        import socket

        while not self.stopped:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            conn.settimeout(2)
            try:
                self.requests.append(conn.recv(4096).split(b"\r\n", 1)[0])
            except OSError:
                self.requests.append(b"?")
            conn.close()

    def close(self) -> list[bytes]:
        self.stopped = True
        self.thread.join()
        self.sock.close()
        return [r for r in self.requests if not BROWSER_INTERNAL.search(r)]  # Chromium's own update/time checks


def browser_pages(pages: list[Path]) -> list[Path]:
    """The lint report (every sample in one document) and the seed article's page; with
    NEWSCTL_REVIEW_ALL=1 (`make review-check`) every page, each in its own browser run."""
    import os

    if os.environ.get("NEWSCTL_REVIEW_ALL") == "1":
        return pages
    return [p for p in pages if p.name in ("report.html", "cybersecurity-diplomacy.html")]


needs_chromium = pytest.mark.skipif(chromium() is None, reason="headless Chromium is not installed (chromium)")


@needs_chromium
def test_in_chromium_every_finding_has_one_highlight_and_nothing_is_fetched(pages: list[Path], tmp_path: Path) -> None:
    """The browser's DOM (after its own parsing, with the page's JavaScript run) still has one element
    per finding, loading the page sends no request anywhere, and nothing is logged to the console
    (a script blocked by the page's Content-Security-Policy would be)."""
    settings = settings_for()
    by_name = {p.stem: p for p in samples()}
    for page in browser_pages(pages):
        if page.stem not in by_name and page.name != "report.html":
            continue  # the index: no findings of its own
        recorder = Recorder()
        console: list[str] = []
        try:
            dom = browse(page, "--virtual-time-budget=3000", "--dump-dom", proxy_port=recorder.port, log=console)
        finally:
            requests = recorder.close()
        assert requests == [], page.name
        assert console == [], page.name  # the page's own script runs: no policy violation, no error
        paths = samples() if page.name == "report.html" else [by_name[page.stem]]
        findings = [f for path in paths for f in lint_article(parse_file(path, str(path.relative_to(ROOT))), settings)]
        check_one_highlight_each(findings, highlights(tree_of(dom)))
    # the same check sees a page that does fetch something
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><title>x</title><img src="http://example.invalid/x.png" alt="">', "utf-8")
    recorder = Recorder()
    try:
        browse(control, "--virtual-time-budget=3000", "--dump-dom", proxy_port=recorder.port)
    finally:
        requests = recorder.close()
    assert requests == [b"GET http://example.invalid/x.png HTTP/1.1"]


MEASURE = """<script>
addEventListener("load", function () {
  var d = document.documentElement;
  d.setAttribute("data-scroll-width", String(d.scrollWidth));
  d.setAttribute("data-client-width", String(d.clientWidth));
  var wide = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.right > d.clientWidth + 1 && !el.closest("pre, .table-wrap, table")) { wide.push(el.tagName + "." + el.className); }
  });
  d.setAttribute("data-too-wide", wide.slice(0, 5).join(" "));
  var links = document.querySelectorAll(".panel .item a[href^='#']");
  if (links.length > 1) {  // the page's script: a panel link goes to its highlight, n to the next one
    links[0].click();
    var lit = document.querySelector(".finding.flash");
    d.setAttribute("data-after-click", location.hash + " " + (lit ? lit.id : ""));
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "n" }));
    d.setAttribute("data-after-n", location.hash);
    d.setAttribute("data-links", links[0].getAttribute("href") + " " + links[1].getAttribute("href"));
  }
  var box = document.querySelector(".flt-error"), error = document.querySelector(".article-body .finding.sev-error");
  if (box && error) {  // the filters are CSS only: unticking errors hides their marks and entries
    box.click();
    var item = document.querySelector(".panel .item.sev-error");
    d.setAttribute("data-filtered", getComputedStyle(error).textDecorationLine + " " + getComputedStyle(item).display);
  }
});
</script>"""


@needs_chromium
def test_pages_fit_a_375_pixel_phone_and_screenshots_are_taken(pages: list[Path], tmp_path: Path) -> None:
    """No horizontal scrolling at 375 px; a screenshot of each page (desktop and phone) for review.

    Screenshots go to a temporary folder, or to $NEWSCTL_REVIEW_SCREENSHOTS when set
    (`make review-check` keeps one per sample in out/review-screenshots/).
    """
    import os

    shots = Path(os.environ.get("NEWSCTL_REVIEW_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    for page in browser_pages(pages):
        # a copy with a measuring script (the real page's policy would block it)
        probe = tmp_path / page.name
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text("utf-8"))
        probe.write_text(text.replace("</body>", MEASURE + "</body>"), "utf-8")
        dom = tree_of(browse(probe, "--window-size=375,900", "--virtual-time-budget=3000", "--dump-dom"))
        root = dom.getroot() if hasattr(dom, "getroot") else dom
        html_el = root if root.tag == "html" else next(root.iter("html"))
        assert html_el.get("data-scroll-width") is not None, page.name
        assert int(html_el.get("data-scroll-width")) <= int(html_el.get("data-client-width")), (page.name, html_el.get("data-too-wide"))
        if page.name == "cybersecurity-diplomacy.html" or html_el.get("data-links"):
            first, second = html_el.get("data-links").split()
            assert html_el.get("data-after-click") == f"{first} {first[1:]}", page.name
            assert html_el.get("data-after-n") == second, page.name
        if page.name == "cybersecurity-diplomacy.html":
            assert html_el.get("data-filtered") == "none none"
        if page.name == "report.html":
            continue  # long; its articles look as on their own pages
        for name, size in (("desktop", "1280,1600"), ("phone", "375,1600")):
            target = shots / f"{page.stem}-{name}.png"
            browse(page, f"--window-size={size}", f"--screenshot={target}")
            assert target.stat().st_size > 10_000, target


# --- property: any ranges over any Markdown give one element each ------------------------------

PIECES = [
    "Plain words here.", "*emphasis* and **strong**", "a [link](https://example.com/x) in text", "`code span`",
    "<b>raw</b> html", "<span>unclosed", "&amp; entity \\* escape", "![alt](p.png)", "“Quoted words,” she said.",
    "- item one\n- item **two**", "> quoted block\n> more", "## Heading *here*", "```\ncode line\n```",
    "<div>block html</div>", "---", "| a | b |\n|---|---|\n| *c* | d |", "trailing  \nhard break",
]


def test_any_ranges_over_any_markdown_give_exactly_one_element_each() -> None:
    from hypothesis import HealthCheck, given, settings as hsettings
    from hypothesis import strategies as st

    from newsctl.review.markers import Range, inject, marker_pattern
    from newsctl.review.wrap import parse as parse_tree
    from newsctl.review.wrap import serialize, wrap
    from newsctl.export.common import ExportOptions
    from newsctl.export.html import render_body
    from dataclasses import replace

    @hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 400)), max_size=8))
    def check(pieces: list[str], spans: list[tuple[int, int]]) -> None:
        text = FRONT + "\n\n".join(pieces) + "\n"
        article = parse_text(text, "a.md")
        lines = article.source.text.split("\n")
        ranges = []
        body_lines = list(range(article.body_line, len(lines) + 1))
        for a, length in spans:
            line = body_lines[a % len(body_lines)]
            col = a // len(body_lines) % (len(lines[line - 1]) + 1) + 1
            end_line = min(line + length // 100, len(lines))
            end_col = length % (len(lines[end_line - 1]) + 2) + 1
            if (end_line, end_col) < (line, col):
                end_line, end_col = line, col
            ranges.append(Range(line, col, end_line, end_col, "mark", (("data-k", str(len(ranges))),), "x"))
        nonce = "nabcdef0123456789"
        tokens, placed = inject(article, ranges, nonce)
        fragment = render_body(replace(article, tokens=tuple(tokens)), ExportOptions())
        root, markers = parse_tree(fragment, marker_pattern(nonce))
        made = [wrap(markers.get(("o", k)), markers.get(("c", k)), r.tag, list(r.attrs), r.fill) for k, r in enumerate(ranges)]
        out = serialize(root)
        assert not marker_pattern(nonce).search(out)
        parsed = {int(el.get("data-k")): text_of(el) for el in tree_of(out).iter() if el.get("data-k") is not None}
        assert sorted(parsed) == [k for k, el in enumerate(made) if el is not None]
        # a browser's parser reads the same elements with the same text: everything nests
        assert parsed == {k: el.text() for k, el in enumerate(made) if el is not None}
        assert sum(el is not None for el in made) == len(ranges)  # in a body with blocks every range is placed

    check()


def test_open_opens_the_index_of_several_or_the_page_of_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    assert run("review", "articles/", "-d", str(tmp_path / "many"), "-q", "--open").exit_code == 0
    assert run("review", "articles/elmstead-repair-cafe.md", "-d", str(tmp_path / "one"), "-q", "--open").exit_code == 0
    assert opened == [(tmp_path / "many" / "index.html").as_uri(), (tmp_path / "one" / "elmstead-repair-cafe.html").as_uri()]


def test_lint_format_html_goes_to_standard_output_without_o() -> None:
    result = run("lint", "--format", "html", "--now", NOW, "--select", "H003", "articles/")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    assert "4 articles: " in text_of(next(tree_of(result.stdout).iter("caption")))


HOSTILE = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:x\">", "</a>",
    "[l](javascript:x)", "<iframe>", "<svg onload=x>", "<p onclick=y>", "\n\n", "text ", "*em* ",
    "<b>", "</b>", "`code`", "<style>", "&lt;script&gt;", "<", ">", "\"", "'", "=", " on", "error=",
]  # fmt: skip (the export sanitizer's hostile pieces, tests/test_export_sanitize.py)


def test_no_combination_of_hostile_pieces_gets_through_the_review_page() -> None:
    from hypothesis import given, settings as hsettings
    from hypothesis import strategies as st

    from newsctl.export.sanitize import safe_url

    @hsettings(max_examples=80, deadline=None)
    @given(st.lists(st.sampled_from(HOSTILE), max_size=25).map("".join))
    def check(markdown: str) -> None:
        page, findings, tree = review(FRONT + markdown + "\n")
        article_el = body(tree)
        for el in article_el.iter():
            assert str(el.tag).lower() not in {"script", "iframe", "svg", "style", "object", "embed", "img", "form"}
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), (el.tag, name)
                if name in ("href", "src"):
                    assert safe_url(value, image=name == "src"), value
        check_one_highlight_each(findings, highlights(tree))

    check()


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colours_meet_wcag_aa_contrast() -> None:
    """Text at least 4.5:1 on what it sits on; the chart's bar edges and the limit line at least 3:1."""
    from newsctl.review import chart
    from newsctl.review.page import _assets

    css = _assets()[0]
    var = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6})", css))
    white = "#ffffff"
    text_pairs = [
        (var["ink"], white), (var["muted"], white), (var["muted"], var["panel"]),
        (var["ink"], var["standard"]), (var["ink"], var["hard"]), ("#3b4250", var["quoted"]),
        (white, var["error"]), (white, var["warning"]), (white, var["info"]),  # badges and code labels
        (var["error"], white), (var["warning"], white), (var["info"], white),  # counts in the index
        ("#0b5394", white), ("#0b5394", var["standard"]), ("#0b5394", var["hard"]),  # links in shaded text
    ]  # fmt: skip
    for fg, bg in text_pairs:
        assert contrast(fg, bg) >= 4.5, (fg, bg, contrast(fg, bg))
    svg = chart.render([chart.Bar("Lead", 5, "easy", 10), chart.Bar("A", 11, "standard", 10), chart.Bar("B", 15, "hard", 10)], 12, "c")
    for edge in re.findall(r'stroke="(#[0-9a-f]{6})"', svg):
        assert contrast(edge, white) >= 3, edge
    # bars also differ without colour: a pattern per band and the band written next to each bar
    assert 'fill="url(#c-standard)"' in svg and 'fill="url(#c-hard)"' in svg
    assert [t for t in re.findall(r'class="value"[^>]*>([^<]+)<', svg)] == ["5.0 easy", "11.0 standard", "15.0 hard"]


def test_review_with_nothing_to_review_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("review")
    assert result.exit_code == 2 and "nothing to review: articles not found" in result.output
    assert not (tmp_path / "review").exists()


def test_chart_rows_link_to_their_sections() -> None:
    page, findings, tree = review_file(ROOT / "articles" / "cybersecurity-diplomacy.md")
    svg = next(el for el in tree.iter() if el.tag in ("svg", "{http://www.w3.org/2000/svg}svg"))
    links = [a.get("href") for a in svg.iter() if str(a.tag).endswith("a")]
    ids = {el.get("id") for el in body(tree).iter() if el.get("id")}
    assert links and all(h[1:] in ids for h in links)
    assert links[:2] == ["#cybersecurity-diplomacy-the-new-frontier-of-international-relations-in-2023", "#recent-developments"]
