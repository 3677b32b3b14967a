"""Hypothesis strategies for articles as they arrive from many hands: front matter in YAML,
TOML or JSON with hostile values, and Markdown bodies built from the constructs that broke
newsctl before (issue 15) mixed with random text."""

from __future__ import annotations

import json

from hypothesis import strategies as st

# characters that have broken readers and writers: controls, DEL, C1, non-characters, BOM,
# bidi controls, astral characters, markup and quotes
NASTY = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f\ufeff\ufffe\uffff\u202e\u2028\u00a0\U0001f600<>&\"'\\`*_[]()#!|:-{}+="
text = st.text(alphabet=st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(NASTY)), max_size=40)
words = st.text(alphabet="abcdefghij klmnop. ,?!", min_size=1, max_size=60)

DATES = [
    "2026-11-20", "2026-11-20T10:00:00Z", "9999-12-31T23:30:00-05:00", "0001-01-01T00:30:00+05:00",
    "9999-12-31", "0001-01-01", "2026-02-30", "20 November 2026", "", "yesterday",
]
scalar = st.one_of(
    text,
    st.integers(min_value=-(10**120), max_value=10**120),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(DATES),
    st.just("\\uD800"),
)
KEYS = ["title", "date", "author", "summary", "tags", "updated", "status", "embargo", "slug", "image", "lang", "draft", "x"]


def _yaml_scalar(value: object) -> str:
    if isinstance(value, str):
        if value == "\\uD800":
            return '"\\uD800"'
        return json.dumps(value, ensure_ascii=False) if value.strip() != value or any(c in value for c in ":#{}[],&*!|>'\"%@`-?\n") else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return ".nan" if value != value else (".inf" if value == float("inf") else "-.inf" if value == float("-inf") else repr(value))
    return str(value)


def _toml_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if value != value else ("inf" if value == float("inf") else "-inf" if value == float("-inf") else repr(value))
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    fields = draw(st.dictionaries(st.sampled_from(KEYS), st.one_of(scalar, st.lists(scalar, max_size=3)), max_size=8))
    fmt = draw(st.sampled_from(["yaml", "toml", "json", "raw"]))
    if fmt == "raw":  # whatever a writer might type between the lines
        return "---\n" + draw(st.text(max_size=120)) + "\n---\n"
    if fmt == "json":
        body = json.dumps({k: (v if not (isinstance(v, float) and (v != v or v in (float("inf"), float("-inf")))) else str(v)) for k, v in fields.items()}, ensure_ascii=draw(st.booleans()), indent=1)
        return body.replace('"\\\\uD800"', '"\\uD800"') + "\n"  # a real lone-surrogate escape
    lines = []
    for key, value in fields.items():
        if fmt == "yaml":
            shown = "[" + ", ".join(_yaml_scalar(v) for v in value) + "]" if isinstance(value, list) else _yaml_scalar(value)
            lines.append(f"{key}: {shown}")
        else:
            shown = "[" + ", ".join(_toml_scalar(v) for v in value) + "]" if isinstance(value, list) else _toml_scalar(value)
            lines.append(f"{key} = {shown}")
    fence = "---" if fmt == "yaml" else "+++"
    return f"{fence}\n" + "\n".join(lines) + f"\n{fence}\n"


FRAGMENTS = [
    "# {w}\n", "## {w}\n", "###### {w}\n", "{w}\n", "*{w}* **{w}** _{w}_\n", "> {w}\n", "- {w}\n- {w}\n", "1. {w}\n",
    "| a | b |\n|---|---|\n| {w} | {w} |\n", "```\n{w}\n```\n", "<div>{w}</div>\n", "<![ {w}\n", "<![CDATA[{w}]]>\n",
    "<!-- newsctl: disable-next-line H003 -->\n", "<!-- newsctl: disable -->\n", "<!-- newsctl: enable -->\n",
    "[{w}](https://example.com/{w})\n", "![{w}](img.png)\n", "&#xD800; &#0; &#x110000; &amp;\n", "{w}<script>alert(1)</script>\n",
    "---\n", "{{{{< shortcode >}}}}\n", "{{% raw %}}{w}\n", "Dr. U.S. No. 5 p.m. etc. J.R.R. {w}.\n", "<{w}\n", "[^1]: {w}\n",
]


@st.composite
def body(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        if draw(st.integers(0, 4)) == 0:
            parts.append(draw(text) + "\n")
        else:
            parts.append(draw(st.sampled_from(FRAGMENTS)).format(w=draw(words)))
        parts.append(draw(st.sampled_from(["\n", "", "\r\n", "\n\n"])))
    return "".join(parts)


@st.composite
def article(draw: st.DrawFn) -> str:
    return draw(front_matter()) + draw(st.sampled_from(["\n", "", "\r\n"])) + draw(body())
