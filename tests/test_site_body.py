"""The body as sites write it: template syntax, heading attributes, footnotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsctl.anchors import section_anchors
from newsctl.fields import SiteFormat
from newsctl.outline import build_outline
from newsctl.parse import parse_text

HEAD = "---\ntitle: T\ndate: 2024-03-06\nauthor: A\nsummary: S.\n---\n\n"


def article(body: str, **site):
    return parse_text(HEAD + body, "a.md", SiteFormat(**site))


# --- template syntax -------------------------------------------------------------------------------


def test_eleventy_link_with_a_template_target_is_a_link_and_not_prose() -> None:
    a = article('Read [the guide]({{ "/guides/plain language/" | url }}) first. Then write.\n')
    links = a.blocks[0].inline.links
    assert [(l.text, l.href, l.span.line, l.span.column, l.span.end_column) for l in links] == [
        ("the guide", '{{ "/guides/plain language/" | url }}', 8, 6, 56)
    ]
    assert [s.text for s in a.sentences] == ["Read the guide first.", "Then write."]


@pytest.mark.parametrize(
    "markup",
    [
        "{{< figure src=\"a_b_c.png\" caption=\"March 6, 2024\" >}}",  # Hugo shortcode
        "{{% notice info %}}",  # Hugo markdown shortcode
        "{{ .Params.subtitle | markdownify }}",  # Go template action
        "{% include card.html date=\"2024-03-06\" %}",  # Liquid tag
        "{{ page.title | upcase }}",  # Liquid / Nunjucks expression
        "{# a Nunjucks comment: March 6, 2024 #}",  # Nunjucks comment
    ],
)
def test_template_spans_are_markup_not_words_sentences_or_dates(markup: str) -> None:
    a = article(f"The council voted. {markup} It passed.\n")
    assert [s.text for s in a.sentences] == ["The council voted.", "It passed."]
    assert a.dates == ()
    assert a.blocks[0].inline.raw == f"The council voted. {markup} It passed."


def test_a_shortcode_on_its_own_line_makes_no_sentence() -> None:
    a = article('{{< img-right src="influencers" alt="Two young people" >}}\n\nThe council voted.\n')
    assert [s.text for s in a.sentences] == ["The council voted."]


def test_template_spanning_lines_is_masked_but_a_blank_line_ends_it() -> None:
    a = article('{{< figure\n  src="a.png" >}} The council voted.\n\nAn open {{ never closed.\n')
    assert [s.text for s in a.sentences] == ["The council voted.", "An open {{ never closed."]


def test_template_syntax_none_reads_braces_as_text() -> None:
    a = article('Read [the guide]({{ "/guides/x/" | url }}) first.\n', template_syntax="none")
    assert a.blocks[0].inline.links == ()
    assert "url" in a.sentences[0].text


def test_code_blocks_and_exports_keep_template_text() -> None:
    from newsctl.export.html import render_body
    from newsctl.export.common import ExportOptions

    a = article('Read [it]({{ "/x/" | url }}).\n\n```jinja\n{{ user.name }}\n```\n')
    assert a.blocks[1].raw == "{{ user.name }}\n"
    html = render_body(a, ExportOptions())
    assert '<a href="{{ &quot;/x/&quot; | url }}">it</a>' in html
    assert "{{ user.name }}" in html


def test_emphasis_characters_inside_templates_are_not_emphasis() -> None:
    a = article("A {{ site_name }} and {{ other_name }} here.\n")
    assert [s.text for s in a.sentences] == ["A and here."]
    assert a.blocks[0].inline.plain == "A {{ site_name }} and {{ other_name }} here."


def test_template_syntax_setting_is_validated() -> None:
    from newsctl.settings import ConfigError, from_mapping

    assert from_mapping({"template-syntax": "none"}).site_format.template_syntax == "none"
    with pytest.raises(ConfigError, match="key 'template-syntax': 'jinja' is not one of 'auto', 'none'"):
        from_mapping({"template-syntax": "jinja"})


# --- heading attributes ----------------------------------------------------------------------------


def test_heading_attributes_give_the_anchor_and_leave_the_title() -> None:
    a = article("Lead.\n\n## Background {#bg .wide}\n\nText.\n\n## Background\n\nMore.\n\n## Bg\n\nText.\n")
    assert [s.title for s in a.sections[1:]] == ["Background", "Background", "Bg"]
    assert list(section_anchors(a).values()) == ["bg", "background", "bg-1"]
    outline = build_outline(a)
    assert [n.anchor for n in outline.nodes[1:]] == ["bg", "background", "bg-1"]


def test_heading_attributes_reach_the_html_export() -> None:
    from newsctl.export.common import ExportOptions
    from newsctl.export.html import render_body

    html = render_body(article("Lead.\n\n## Custom {#my-id}\n\nText.\n"), ExportOptions())
    assert '<h2 id="my-id">Custom</h2>' in html


def test_braces_that_are_not_attributes_stay_in_the_heading() -> None:
    a = article("## Sets {a, b}\n\nText.\n")
    assert a.sections[1].title == "Sets {a, b}"


# --- footnotes -------------------------------------------------------------------------------------


FOOTNOTES = "The budget passed.[^1] It was close.[^note]\n\n[^1]: By one vote, the clerk said.\n[^note]: A second note.\n"


def test_footnote_text_is_prose_and_references_are_not() -> None:
    a = article(FOOTNOTES)
    assert [s.text for s in a.sentences] == ["The budget passed.", "It was close.", "By one vote, the clerk said.", "A second note."]
    notes = [b for b in a.blocks if b.in_footnote]
    assert [(b.line, b.inline.raw) for b in notes] == [(10, "By one vote, the clerk said."), (11, "A second note.")]


def test_footnotes_export_as_a_section_with_back_links() -> None:
    from newsctl.export.common import ExportOptions
    from newsctl.export.html import render_body

    html = render_body(article(FOOTNOTES), ExportOptions())
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in html
    assert '<section class="footnotes">' in html
    assert '<li id="fn1" class="footnote-item"><p>By one vote, the clerk said. <a href="#fnref1" class="footnote-backref">' in html


def test_footnotes_export_as_notes_in_text_and_ninjs(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsctl.cli.app import app

    src = tmp_path / "notes.md"
    src.write_text(HEAD + FOOTNOTES, encoding="utf-8")
    runner = CliRunner()
    for fmt in ("text", "ninjs"):
        result = runner.invoke(app, ["export", str(src), "--format", fmt, "--output-dir", str(tmp_path / fmt), "--now", "2024-04-01"])
        assert result.exit_code == 0, result.output
    text = (tmp_path / "text" / "notes.txt").read_text(encoding="utf-8")
    assert "The budget passed.[note 1] It was close.[note 2]" in text
    assert text.rstrip().endswith("Notes\n\n[note 1] By one vote, the clerk said.\n\n[note 2] A second note.")
    ninjs = json.loads((tmp_path / "ninjs" / "notes.json").read_text(encoding="utf-8"))
    bodies = {b["contentType"]: b["value"] for b in ninjs["bodies"]}
    assert "[note 1] By one vote, the clerk said." in bodies["text/plain"]
    assert '<section class="footnotes">' in bodies["text/html"]


# --- properties ------------------------------------------------------------------------------------

from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    ["word ", "The council voted. ", "{{ x }}", "{{< sc a=\"b\" >}}", "{% tag %}", "{#", "#}", "{{", "}}", "%}", "\n", "\n\n",
     "[t](", ")", "**", "_", "`", "# ", "## H {#id}\n", "[^1]", "\n[^1]: note\n", "\t", "é"]
)


@hsettings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_masking_never_breaks_the_parse_or_its_positions(body: str) -> None:
    a = article(body)
    lines = a.source.text.split("\n")
    for s in a.sentences:
        inline = a.blocks[s.block].inline
        assert inline is not None
        # every sentence's first character is where the span says it is, in the file
        first = inline.prose[s.start]
        assert lines[s.span.line - 1][s.span.column - 1] == first
    for b in a.blocks:
        if b.inline is not None:
            assert not any(0xF0000 <= ord(c) for c in b.inline.raw + b.inline.plain)
            for link in b.inline.links:
                assert not any(0xF0000 <= ord(c) for c in link.href + link.text)


@pytest.mark.parametrize(
    "opening, closing",
    [
        ("{{< highlight go >}}", "{{< /highlight >}}"),
        ("{% highlight ruby %}", "{% endhighlight %}"),
        ("{% raw %}", "{% endraw %}"),
        ("{{< code >}}", "{{< /code >}}"),
    ],
)
def test_paired_code_tags_hold_code_not_prose(opening: str, closing: str) -> None:
    """What sits between a highlight/raw pair is code: no words, no sentences, no safe fixes."""
    from newsctl.engine import lint_article
    from newsctl.settings import Settings

    text = HEAD + f"Lead text.\n\n{opening}\nx  := the the 1\n\ny  := 2\n{closing}\n\nAfter the the end.\n"
    a = parse_text(text, "a.md")
    assert [s.text for s in a.sentences] == ["Lead text.", "After the the end."]
    assert [(f.code, f.line) for f in lint_article(a, Settings(select=("H003", "H009")))] == [("H003", 16)]


def test_an_unclosed_code_tag_masks_only_itself() -> None:
    a = article("{{< highlight go >}}\nThe council met.\n")
    assert [s.text for s in a.sentences] == ["The council met."]


def test_export_warns_that_template_syntax_is_kept_as_written(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsctl.cli.app import app

    (tmp_path / "a.md").write_text(HEAD + 'Lead.\n\n{{< img src="a.png" >}}\n\nSee [x]({{ "/x/" | url }}).\n', encoding="utf-8")
    r = CliRunner().invoke(app, ["export", str(tmp_path / "a.md"), "--format", "html", "-o", str(tmp_path / "a.html")])
    assert r.exit_code == 0
    assert r.stderr.strip().endswith(
        'a.md: line 10: template syntax exported as written (`{{< img src="a.png" >}}` and 1 more): only the '
        "site's generator can fill it in; export the generated site's pages, or rewrite it as Markdown"
    )
