"""Sanitizer: hostile raw HTML and unsafe link schemes never reach exported HTML."""

from __future__ import annotations

import re

import pytest
from tests.export_helpers import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from newsctl.export import ExportOptions, render_article
from newsctl.export.sanitize import clean_html, safe_url
from newsctl.parse import parse_file
from tests.conftest import article

DANGER = re.compile(r"<script|<iframe|<object|<embed|<svg|<style|<form|<meta|\son\w+\s*=|javascript:|vbscript:", re.I)


def body(markdown: str, **options) -> str:
    return render_article(article(markdown), "html", ExportOptions(fragment=True, **options))


def test_hostile_fixture_is_defanged() -> None:
    html = render_article(parse_file(FIXTURES / "hostile.md"), "html", ExportOptions(fragment=True))
    assert DANGER.findall(html) == []
    assert "data:text/html" not in html
    assert "position:fixed" not in html
    assert "<b>bold via HTML</b>" in html  # harmless markup survives
    assert '<a href="https://example.com/ok">raw ok anchor</a>' in html
    assert '<img src="x.png" alt="">' in html  # onerror gone, alt added so the page stays valid


def test_allow_raw_html_keeps_raw_html_but_still_drops_unsafe_markdown_links() -> None:
    html = render_article(
        parse_file(FIXTURES / "hostile.md"), "html", ExportOptions(fragment=True, allow_raw_html=True)
    )
    assert '<script>alert("block script")</script>' in html
    assert "<p>javascript link and JaVaScRiPt link and" in html  # Markdown links lost their targets


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("[x](javascript:alert(1))", "<p>x</p>\n"),
        ("[x](JAVASCRIPT:alert(1))", "<p>x</p>\n"),
        ("[x](java&#9;script:alert(1))", "<p>x</p>\n"),
        ("[x](vbscript:msgbox)", "<p>x</p>\n"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>\n"),
        ("[x](file:///etc/passwd)", "<p>x</p>\n"),
        ("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"),
        ("[*nested* text](javascript:x) after", "<p><em>nested</em> text after</p>\n"),
        ("![pic](javascript:alert(1)) kept", "<p> kept</p>\n"),
        ("[ok](https://example.com/a?b=1&c=2)", '<p><a href="https://example.com/a?b=1&amp;c=2">ok</a></p>\n'),
        ("[mail](mailto:desk@example.com)", '<p><a href="mailto:desk@example.com">mail</a></p>\n'),
        ("[tel](tel:+441234567)", '<p><a href="tel:+441234567">tel</a></p>\n'),
        ("[rel](../other.html)", '<p><a href="../other.html">rel</a></p>\n'),
        ("[frag](#section)", '<p><a href="#section">frag</a></p>\n'),
    ],
)
def test_markdown_links(markdown: str, expected: str) -> None:
    assert body(markdown + "\n") == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('<img src="x" onerror="alert(1)">', '<img src="x" alt="">'),
        ("<p onclick=steal()>t</p>", "<p>t</p>"),
        ("<a href='javascript:alert(1)'>a</a>", "<a>a</a>"),
        ("<a href=' javascript:alert(1)'>a</a>", "<a>a</a>"),
        ("<a href='https://x.example/' target=_blank rel=opener>a</a>", '<a href="https://x.example/">a</a>'),
        ("<iframe src='https://evil.example/'>inside</iframe>after", "after"),
        ("<script>alert(1)</script>after", "after"),
        ("<style>*{}</style>after", "after"),
        ("<svg onload=alert(1)><circle/></svg>after", "after"),
        ("<math><mi>x</mi></math>after", "after"),
        ("<img src='data:image/svg+xml;base64,PHN2Zz4=' alt=s>", ""),
        ("<img src='data:image/png;base64,iVBORw0=' alt=p>", '<img src="data:image/png;base64,iVBORw0=" alt="p">'),
        ("<code class='language-py x onclick'>c</code>", '<code class="language-py">c</code>'),
        ("<!-- a comment -->t", "t"),
        ("<div style='background:url(javascript:alert(1))'>d</div>", "<div>d</div>"),
    ],
)
def test_clean_html(raw: str, expected: str) -> None:
    assert clean_html(raw) == expected


@pytest.mark.parametrize(
    ("url", "link", "image"),
    [
        ("https://example.com/", True, True),
        ("http://example.com/", True, True),
        ("//cdn.example.com/a.png", True, True),
        ("/a/b", True, True),
        ("a/b.png", True, True),
        ("#top", True, True),
        ("?q=1", True, True),
        ("mailto:a@example.com", True, False),
        ("tel:+1", True, False),
        ("javascript:alert(1)", False, False),
        ("  JavaScript:alert(1)", False, False),
        ("java\nscript:alert(1)", False, False),
        ("\x01javascript:alert(1)", False, False),
        ("vbscript:x", False, False),
        ("data:text/html,<script>", False, False),
        ("data:image/png;base64,AAAA", False, True),
        ("data:image/svg+xml;base64,AAAA", False, False),
        ("file:///etc/passwd", False, False),
        ("ftp://example.com/", False, False),
        ("weird:thing", False, False),
    ],
)
def test_safe_url(url: str, link: bool, image: bool) -> None:
    assert (safe_url(url), safe_url(url, image=True)) == (link, image)


def test_newsctl_directives_are_not_exported_even_with_raw_html() -> None:
    md = "<!-- newsctl: disable H001 -->\n\nText <!-- newsctl: disable-next-line S003 --> here.\n"
    assert body(md, allow_raw_html=True) == "<p>Text  here.</p>\n"


PIECES = st.sampled_from(
    [
        "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:x\">", "</a>",
        "[l](javascript:x)", "<iframe>", "<svg onload=x>", "<p onclick=y>", "\n\n", "text ", "*em* ",
        "<b>", "</b>", "`code`", "<style>", "&lt;script&gt;", "<", ">", "\"", "'", "=", " on", "error=",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join))
def test_no_combination_of_hostile_pieces_gets_through(markdown: str) -> None:
    import html5lib

    tree = html5lib.parseFragment(body(markdown + "\n"), treebuilder="etree", namespaceHTMLElements=False)
    for el in tree.iter():
        assert str(el.tag).lower() not in {"script", "iframe", "svg", "style", "object", "embed"}
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            if name in ("href", "src"):
                assert safe_url(value, image=name == "src"), value
