"""Template syntax in article bodies: markup, never prose.

Site generators run the body through a template engine before (Hugo, Eleventy) or after
(Jekyll) Markdown, so real articles carry Liquid/Jekyll and Nunjucks/Eleventy `{{ ... }}` and
`{% ... %}`, Hugo shortcodes `{{< ... >}}` and `{{% ... %}}`, and Go template actions. Read as
Markdown they break links (`]({{ "/x/" | url }})` has spaces in its target), become words,
sentences and dates, and their `_` and `*` become emphasis.

So the parse masks each span before markdown-it sees it: every character (newlines kept)
becomes its own code point from the supplementary private use planes, which Markdown treats
as an ordinary letter. The masked text has the same length and lines, so every position
holds; markdown-it finds the links; and afterwards `restore` puts the original characters
back wherever they went (token text, link targets, percent-encoded or not), while the prose
blanks them out.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from newsctl.frozen import fast_init, dataclass  # dataclass: cheaper to create (newsctl/frozen.py)
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

# {{< shortcode >}}, {{% shortcode %}}, {{ expression }}, {% tag %}, {# comment #}; a span may cross lines
# but never a blank line (an unclosed `{{` must not swallow the article).
_SPAN = r"(?:[^\n]|\n(?![ \t]*\n))*?"
TEMPLATE = lazy(
    r"\{\{[<%]" + _SPAN + r"[>%]\}\}|\{\{" + _SPAN + r"\}\}|\{%" + _SPAN + r"%\}|\{#" + _SPAN + r"#\}"
)
_BASE = 0xF0000  # supplementary private use area A, then B: 131,068 code points
_LIMIT = 0x10FFFD - _BASE
_ENCODED = lazy(r"(?:%F[34](?:%[89AB][0-9A-F]){3})+", re.I)


@fast_init
@dataclass(frozen=True)
class Template:
    """One template span in the body: offsets into the body text."""

    start: int
    end: int
    text: str


class Masker:
    """Masks the template spans of one body and restores them in what markdown-it made."""

    def __init__(self, body: str, templates: tuple[Template, ...]) -> None:
        self.templates = templates
        self.original: list[str] = []
        out: list[str] = []
        last = 0
        for t in templates:
            out.append(body[last : t.start])
            masked = []
            for ch in t.text:
                if ch == "\n" or len(self.original) >= _LIMIT:
                    masked.append(ch)
                else:
                    masked.append(chr(_BASE + len(self.original)))
                    self.original.append(ch)
            out.append("".join(masked))
            last = t.end
        out.append(body[last:])
        self.masked = "".join(out)
        self._table = {_BASE + i: ch for i, ch in enumerate(self.original)}
        self._blank = {_BASE + i: " " for i in range(len(self.original))}

    def restore(self, text: str) -> str:
        """The original characters back in a string markdown-it produced."""
        if not text:
            return text
        if "%" in text:
            text = _ENCODED.sub(lambda m: unquote(m.group()), text)
        return text.translate(self._table)

    def blank(self, text: str) -> str:
        """Template characters as spaces (same length): for the prose."""
        return text.translate(self._blank)

    def restore_tokens(self, tokens: list[Any]) -> None:
        """Restore every token's text and attributes in place (for the exporters)."""
        for tok in tokens:
            if tok.content:
                tok.content = self.restore(tok.content)
            if tok.info:
                tok.info = self.restore(tok.info)
            if tok.attrs:
                for key, value in list(tok.attrs.items()):
                    if isinstance(value, str):
                        tok.attrs[key] = self.restore(value)
            if tok.children:
                self.restore_tokens(tok.children)


# Paired tags whose content is code or verbatim text, not prose: `{{< highlight go >}} ...
# {{< /highlight >}}`, `{% highlight ruby %} ... {% endhighlight %}`, `{% raw %} ... {% endraw %}`.
_OPENER = lazy(r"\{(?:\{[<%]|%)-?\s*(highlight|code|raw|codeblock|comment|verbatim)\b")
_CLOSER = {
    "{{": lambda name: re.compile(r"\{\{[<%]-?\s*/" + name + r"\s*-?[>%]\}\}"),
    "{%": lambda name: re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}"),
}


def find_templates(body: str) -> tuple[Template, ...]:
    """Every template span in the body, in order (cheap when there is none). A paired code or
    verbatim tag is one span from its opening to its closing tag: what is between is code."""
    # "{" first: one memchr, where each two-character `in` scans the body at a few us (issue 12)
    if "{" not in body or ("{{" not in body and "{%" not in body and "{#" not in body):
        return ()
    spans = [(m.start(), m.end()) for m in TEMPLATE.finditer(body)]
    out: list[Template] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        opener = _OPENER.match(body, start, end)
        if opener is not None:
            closer = _CLOSER[body[start : start + 2]](opener.group(1))
            j = i + 1
            while j < len(spans) and not closer.fullmatch(body, spans[j][0], spans[j][1]):
                j += 1
            if j < len(spans):  # unclosed: the opening tag alone, as before
                end = spans[j][1]
                i = j
        out.append(Template(start, end, body[start:end]))
        i += 1
    return tuple(out)


def syntaxes(templates: tuple[Template, ...]) -> set[str]:
    """Which template languages the spans look like (for `newsctl init`)."""
    seen = set()
    for t in templates:
        if t.text.startswith(("{{<", "{{%")):
            seen.add("hugo-shortcode")
        elif t.text.startswith(("{%", "{#")):
            seen.add("liquid/nunjucks")
        elif re.match(r"\{\{-?\s*[.$]", t.text):
            seen.add("go-template")
        else:
            seen.add("liquid/nunjucks")
    return seen
