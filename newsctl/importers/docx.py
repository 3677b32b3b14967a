"""Word (.docx) files read into the article format, through mammoth and markdownify.

mammoth reads the document (never by unzipping its XML here): headings from paragraph
styles, lists, bold and italic, links, tables, images with their alt text. Its HTML is
then shaped into an article and turned into Markdown by markdownify:
- the headline is the paragraph styled Title, else a lone Heading 1 at the top, else a
  leading short line (after a section label such as "News", as in plain text);
- a "By Jane Doe" paragraph near the top becomes `author`;
- section headings are moved so the top level is `##` (the title is the page's H1), and a
  paragraph set wholly in bold and followed by text (a subhead typed without a style) is one;
- images keep their alt text; the image files are not extracted (the report says so).
"""

from __future__ import annotations

import re
from typing import IO, Any

from newsctl.importers.document import Imported, Report
from newsctl.importers.plaintext import BYLINE, Unit, heading_like, is_label, looks_like_names
from newsctl.source import SourceError

# Title and Subtitle are not headings in mammoth's default style map.
STYLE_MAP = """
p[style-name='Title'] => h1.docx-title:fresh
p[style-name='Subtitle'] => p:fresh
"""


def read_docx(fileobj: IO[bytes]) -> Imported:
    """Read a .docx file object; raises SourceError when it is not a Word document."""
    import zipfile

    import mammoth
    from bs4 import BeautifulSoup

    images = 0

    def image(img: Any) -> dict[str, str]:
        nonlocal images
        images += 1
        ext = (img.content_type or "image/png").split("/")[-1].replace("jpeg", "jpg")
        return {"src": f"image{images}.{ext}", "alt": img.alt_text or ""}

    try:
        result = mammoth.convert_to_html(fileobj, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(image))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"Not a Word (.docx) document: {exc}") from None
    soup = BeautifulSoup(result.value, "html.parser")
    top = [el for el in soup.children if getattr(el, "name", None)]
    report: dict[str, Any] = {}
    title = section = author = None

    titled = soup.find("h1", class_="docx-title")
    h1s = soup.find_all("h1")
    if titled is not None:
        title = titled.get_text()
        titled.decompose()
    elif len(h1s) == 1 and top and top[0] is h1s[0]:
        title = h1s[0].get_text()
        h1s[0].decompose()
    top = [el for el in soup.children if getattr(el, "name", None)]
    leading = _leading_paragraphs(top)
    if title is None and len(leading) >= 2 and _is_label(leading[0]) and _is_headline(leading[1]):
        section = leading[0].get_text()
        leading[0].decompose()
        title = leading[1].get_text()
        leading[1].decompose()
        leading = leading[2:]
    elif title is None and leading and _is_headline(leading[0]) and len(top) > 1:
        title = leading[0].get_text()
        leading[0].decompose()
        leading = leading[1:]
    elif title is not None and leading and _is_label(leading[0]) and len(top) > 1 and top[0] is leading[0]:
        section = leading[0].get_text()
        leading[0].decompose()
        leading = leading[1:]
    for p in leading[:3]:
        m = _byline(p.get_text())
        if m:
            author = m
            p.decompose()
            break
    if section:
        report["label"] = (section, 0)
    if title:
        report["headline"] = (title, 0)
    if author:
        report["byline"] = (author, 0)

    headings = soup.find_all(re.compile(r"^h[1-6]$"))
    if headings:
        shift = 2 - min(int(h.name[1]) for h in headings)
        for h in headings:
            h.name = f"h{min(6, int(h.name[1]) + shift)}"
    for p in _bold_subheads(soup):  # "Normal" paragraphs set in bold as subheads: top-level sections
        p.strong.unwrap()
        p.name = "h2"
    headings = soup.find_all(re.compile(r"^h[1-6]$"))
    body = _markdown(str(soup))
    return Imported(
        title=title,
        section=section,
        author=author,
        body=body,
        line_map=(0,) * body.count("\n"),
        report=Report(
            label=report.get("label"),
            headline=report.get("headline"),
            byline=report.get("byline"),
            headings=tuple((h.get_text(), 0) for h in headings),
            paragraphs=sum(1 for p in soup.find_all("p") if p.find_parent(["li", "td", "th"]) is None),
            list_items=len(soup.find_all("li")),
            tables=len(soup.find_all("table")),
            images=images,
        ),
    )


def _bold_subheads(soup: Any) -> list[Any]:
    """Top-level paragraphs that are only bold text, heading-like, and followed by a paragraph."""
    out = []
    top = [el for el in soup.children if getattr(el, "name", None)]
    for el, nxt in zip(top, top[1:]):
        children = [c for c in el.children if not (isinstance(c, str) and not c.strip())]
        if el.name != "p" or len(children) != 1 or getattr(children[0], "name", None) != "strong":
            continue
        if nxt.name in ("p", "ul", "ol", "table") and heading_like(_unit(el)) and not _is_headline_bold(nxt):
            out.append(el)
    return out


def _is_headline_bold(p: Any) -> bool:
    """A paragraph that is itself a bold subhead: two in a row are not a heading and its text."""
    children = [c for c in p.children if not (isinstance(c, str) and not c.strip())]
    return p.name == "p" and len(children) == 1 and getattr(children[0], "name", None) == "strong"


def _leading_paragraphs(top: list[Any]) -> list[Any]:
    out = []
    for el in top[:6]:
        if el.name != "p" or el.find("img") is not None:
            break
        out.append(el)
    return out


def _unit(p: Any) -> Unit:
    return Unit("para", [(0, " ".join(p.get_text().split()))])


def _is_label(p: Any) -> bool:
    return bool(p.get_text().strip()) and is_label(_unit(p))


def _is_headline(p: Any) -> bool:
    return bool(p.get_text().strip()) and heading_like(_unit(p), headline=True)


def _byline(text: str) -> str | None:
    m = BYLINE.match(" ".join(text.split()))
    return m.group(1).strip() if m and looks_like_names(m.group(1)) else None


def _markdown(html: str) -> str:
    from markdownify import markdownify

    text = markdownify(
        html,
        heading_style="ATX",
        bullets="-",
        escape_asterisks=True,
        escape_underscores=True,
        escape_misc=True,
        table_infer_header=True,
    )
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""
