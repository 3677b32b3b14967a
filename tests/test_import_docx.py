"""`newsctl import` on Word files, built here with python-docx (a real .docx, read by mammoth)."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsctl.cli.app import app
from newsctl.importers import read, render
from newsctl.parse import parse_text
from newsctl.source import SourceError

docx = pytest.importorskip("docx", reason="python-docx (test extra) builds the Word samples")

WORD = re.compile(r"[^\W_]+")


def words(text: str) -> collections.Counter[str]:
    return collections.Counter(WORD.findall(text))


def add_link(paragraph, text: str, url: str) -> None:
    """python-docx has no hyperlink API; this is its documented recipe (a w:hyperlink run)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002"
    "00000005000142a4a5d30000000049454e44ae426082"
)


def budget_docx(path: Path) -> Path:
    """A Word story as a newsroom sends it: label, Title, byline, styles, lists, a table, an image."""
    d = docx.Document()
    d.add_paragraph("Politics")
    d.add_paragraph("Council approves budget after six-hour debate", style="Title")
    d.add_paragraph("By Jane Doe")
    p = d.add_paragraph("The city council approved the ")
    p.add_run("2.1 billion euro").bold = True
    p.add_run(" budget on Tuesday night, ")
    p.add_run("after").italic = True
    p.add_run(" a debate about *stars* and snake_case names. Read the ")
    add_link(p, "full budget", "https://example.com/budget.pdf")
    p.add_run(".")
    d.add_heading("What changes", level=1)
    d.add_paragraph("Bus fares rise by 10 cents.", style="List Bullet")
    d.add_paragraph("Libraries open on Sundays.", style="List Bullet")
    d.add_paragraph("The council votes again in March.", style="List Number")
    d.add_heading("The numbers", level=2)
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Item", (0, 1): "Cost", (1, 0): "Buses", (1, 1): "5 | 6 million"}.items():
        table.cell(r, c).text = text
    img = path.parent / "dot.png"
    img.write_bytes(PNG)
    d.add_picture(str(img))
    d.inline_shapes[0]._inline.docPr.set("descr", "Council chamber during the vote")
    d.add_paragraph("“We will not cut services,” the mayor said.")
    d.save(path)
    return path


def plain_docx(path: Path) -> Path:
    """No Title style: label and headline as ordinary paragraphs, sections as Heading 1."""
    d = docx.Document()
    d.add_paragraph("Sport")
    d.add_paragraph("Harbour club wins the regatta")
    d.add_paragraph("The harbour rowing club won the autumn regatta on Sunday, its first win in ten years.")
    d.add_heading("The final", level=1)
    d.add_paragraph("The crew led from the start and finished two lengths ahead.")
    d.add_heading("Next season", level=1)
    d.save(path)
    return path


def bold_subheads_docx(path: Path) -> Path:
    """No heading styles at all: subheads typed as bold Normal paragraphs, as many writers do."""
    d = docx.Document()
    d.add_paragraph("Storm cuts power to thousands")
    d.add_paragraph("More than 12,000 homes lost power on Friday night as a storm crossed the coast.")
    d.add_paragraph().add_run("Repairs").bold = True
    d.add_paragraph("Crews restored power to most homes by Saturday noon, the utility said.")
    p = d.add_paragraph("Schools stay ")
    p.add_run("closed").bold = True
    p.add_run(" on Monday.")
    d.add_paragraph().add_run("Outages by town").bold = True
    d.add_paragraph().add_run("Northern districts").bold = True
    d.add_paragraph("Most outages were in the north.")
    d.save(path)
    return path


def docx_words(path: Path) -> collections.Counter[str]:
    """Every word python-docx sees: paragraphs (links included) and table cells; alt text too."""
    d = docx.Document(str(path))
    text = [p.text for p in d.paragraphs]
    text += [cell.text for table in d.tables for row in table.rows for cell in row.cells]
    text += [shape._inline.docPr.get("descr") or "" for shape in d.inline_shapes]
    return words("\n".join(text))


def article_words(article_text: str) -> collections.Counter[str]:
    """Words of the imported article as readers get them: fields, then the body's text."""
    article = parse_text(article_text)
    data = article.front_matter.data
    out = words(" ".join(str(data.get(k) or "") for k in ("title", "section")))
    if data.get("author"):
        out += words("By " + str(data["author"]))
    for block in article.blocks:
        if block.inline is not None:
            out += words(block.inline.plain)
        for cell in block.cells:
            out += words(cell.plain)
    return out


def test_word_story_imports_to_the_article_format(tmp_path):
    doc = read(budget_docx(tmp_path / "budget.docx"))
    assert (doc.section, doc.title, doc.author) == ("Politics", "Council approves budget after six-hour debate", "Jane Doe")
    assert render(doc) == (
        "---\n"
        "title: Council approves budget after six-hour debate\n"
        "section: Politics\n"
        "author: Jane Doe\n"
        "status: draft\n"
        "slug: council-approves-budget-after-six-hour-debate\n"
        "---\n"
        "\n"
        "The city council approved the **2.1 billion euro** budget on Tuesday night, *after* a debate about "
        "\\*stars\\* and snake\\_case names. Read the [full budget](https://example.com/budget.pdf).\n"
        "\n"
        "## What changes\n"
        "\n"
        "- Bus fares rise by 10 cents.\n"
        "- Libraries open on Sundays.\n"
        "\n"
        "1. The council votes again in March.\n"
        "\n"
        "### The numbers\n"
        "\n"
        "| Item | Cost |\n"
        "| --- | --- |\n"
        "| Buses | 5 \\| 6 million |\n"
        "\n"
        "![Council chamber during the vote](image1.png)\n"
        "\n"
        "“We will not cut services,” the mayor said.\n"
    )
    r = doc.report
    assert (r.list_items, r.tables, r.images) == (3, 1, 1)
    assert [h for h, _ in r.headings] == ["What changes", "The numbers"]


def test_word_story_parses_back_with_the_same_structure(tmp_path):
    article = parse_text(render(read(budget_docx(tmp_path / "budget.docx"))))
    assert [(s.level, s.title) for s in article.sections[1:]] == [(2, "What changes"), (3, "The numbers")]
    table = next(b for b in article.blocks if b.kind == "table")
    assert [c.plain for c in table.cells] == ["Item", "Cost", "Buses", "5 | 6 million"]
    links = [link for b in article.blocks if b.inline for link in b.inline.links]
    assert [(link.text, link.href) for link in links] == [("full budget", "https://example.com/budget.pdf")]
    images = [i for b in article.blocks if b.inline for i in b.inline.images]
    assert [i.alt for i in images] == ["Council chamber during the vote"]


@pytest.mark.parametrize("build", [budget_docx, plain_docx, bold_subheads_docx], ids=["styled", "plain", "bold-subheads"])
def test_no_word_lost_in_word_files(tmp_path, build):
    path = build(tmp_path / "story.docx")
    assert article_words(render(read(path))) == docx_words(path)


def test_word_file_without_title_style(tmp_path):
    doc = read(plain_docx(tmp_path / "regatta.docx"))
    assert (doc.section, doc.title) == ("Sport", "Harbour club wins the regatta")
    assert doc.body.splitlines()[0].startswith("The harbour rowing club won")
    assert "## The final\n" in doc.body and doc.body.endswith("## Next season\n")


def test_bold_paragraphs_as_subheads(tmp_path):
    doc = read(bold_subheads_docx(tmp_path / "storm.docx"))
    assert doc.title == "Storm cuts power to thousands"
    assert doc.body == (
        "More than 12,000 homes lost power on Friday night as a storm crossed the coast.\n\n"
        "## Repairs\n\n"
        "Crews restored power to most homes by Saturday noon, the utility said.\n\n"
        "Schools stay **closed** on Monday.\n\n"
        "**Outages by town**\n\n"
        "## Northern districts\n\n"
        "Most outages were in the north.\n"
    )


def test_import_command_on_word_and_refusal(tmp_path):
    src = budget_docx(tmp_path / "budget.docx")
    out = tmp_path / "articles"
    first = CliRunner().invoke(app, ["import", str(src), "-d", str(out)])
    assert first.exit_code == 0, first.output
    target = out / "council-approves-budget-after-six-hour-debate.md"
    assert first.stdout.strip() == str(target)
    assert "  images      1 (alt text kept; image files are not extracted)" in first.stderr
    written = target.read_bytes()
    again = CliRunner().invoke(app, ["import", str(src), "-d", str(out)])
    assert again.exit_code == 1 and "already exists; not overwritten" in again.stderr
    assert target.read_bytes() == written


def test_not_a_word_file(tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("just text", "utf-8")
    result = CliRunner().invoke(app, ["import", str(fake), "-d", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{fake}:1:1: Not a Word (.docx) document")
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


MARKUP_LINES = [
    "# not a heading",
    "- not a list",
    "1986. A year to remember",
    "<b>tag</b> and &amp; entity",
    "[x](http://y) link text",
    "> not a quote",
    "a `code` span",
    "---",
    "Line with a trailing backslash \\",
    "=== underline",
    "5 | 6 | 7",
]


def paragraphs_docx(path: Path, paragraphs: list[str]) -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(path)
    return path


def test_text_that_looks_like_markdown_stays_text(tmp_path):
    path = paragraphs_docx(tmp_path / "markup.docx", ["Markup in Word copy", *MARKUP_LINES])
    article = parse_text(render(read(path)))
    assert [(b.kind, b.in_list, b.in_quote) for b in article.blocks] == [("paragraph", False, False)] * len(MARKUP_LINES)
    assert [b.inline.plain for b in article.blocks] == MARKUP_LINES
    assert article_words(render(read(path))) == docx_words(path)


_word = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHÉé0123456789"), min_size=1, max_size=8)
_punct = st.sampled_from(["", ".", ",", "!", "?", ":", "*", "_", "#", "`", "[", "]", "<", ">", "&", "\\", "|", "“", "-", "1.", "&amp;", "~"])
_paragraph = st.lists(st.tuples(_punct, _word, _punct).map("".join), min_size=1, max_size=10).map(" ".join)


@hsettings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_paragraph, st.sampled_from(MARKUP_LINES)), min_size=1, max_size=8))
def test_no_word_lost_on_generated_word_files(tmp_path, paragraphs):
    path = paragraphs_docx(tmp_path / "generated.docx", paragraphs)
    try:
        doc = read(path)
    except SourceError:  # nothing but punctuation: "Nothing to import"
        assert not docx_words(path)
        return
    text = render(doc)
    assert article_words(text) == docx_words(path)
    article = parse_text(text)
    assert all(b.kind == "paragraph" and not b.in_list and not b.in_quote for b in article.blocks)
