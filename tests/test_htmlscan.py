"""newsctl.htmlscan: start tags with names, decoded attribute values and exact offsets."""

from __future__ import annotations

from newsctl.htmlscan import start_tags


def test_names_values_and_offsets():
    text = 'x <A title="a>b onerror=1" HREF="&#106;ava&Tab;script:x" onclick=go>\n  <img src=a.jpg alt>'
    a, img = start_tags(text)
    assert (a.name, a.offset) == ("a", 2)
    assert [(at.name, at.value, at.raw_value, text[at.offset : at.offset + len(at.name)].lower()) for at in a.attributes] == [
        ("title", "a>b onerror=1", "a>b onerror=1", "title"),
        ("href", "java\tscript:x", "&#106;ava&Tab;script:x", "href"),
        ("onclick", "go", "go", "onclick"),
    ]
    assert (img.name, img.offset, text[img.offset : img.offset + 4]) == ("img", 71, "<img")
    assert img.get("alt").value is None and img.get("src").value == "a.jpg"


def test_comments_and_script_text_hold_no_tags():
    tags = start_tags("<!-- <iframe> --><script>'<iframe src=x>'</script><style>p{}</style><b>")
    assert [t.name for t in tags] == ["script", "style", "b"]


def test_text_without_markup_and_an_unfinished_tag():
    assert start_tags("no markup here") == []
    assert [t.name for t in start_tags("<p>ok</p><img src=")] == ["p"]
