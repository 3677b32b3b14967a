"""Split and read the YAML front matter, keeping the line of every key.

python-frontmatter gives the data but not where each key is, and it cannot tell an
unclosed header from a missing one; so the split is done here and the YAML is
composed with PyYAML's safe loader, whose node marks carry the positions. Hostile
YAML is bounded: no anchors/aliases, limited depth and size.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml

from newsctl.article import Field, FrontMatter, Problem, Span

MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_DEPTH = 16
_PLAIN_TAGS = {"!"} | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
_OPEN = "---"
_CLOSE = ("---", "...")


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as strings: newsctl checks and types them itself."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Split:
    front_matter: FrontMatter
    body_offset: int  # offset in the text where the body starts
    body_line: int
    problems: tuple[Problem, ...]


def split(text: str, line_starts: tuple[int, ...]) -> Split:
    """Find the header, parse it, and say where the body begins."""
    lines = text.split("\n")
    if not text.strip():
        problem = Problem("missing-front-matter", "File is empty: an article needs front matter and a body", Span(1, 1, 1, 1))
        return Split(FrontMatter(present=False, ok=False), 0, 1, (problem,))
    if lines[0].rstrip() != _OPEN:
        problem = Problem(
            "missing-front-matter",
            "No front matter: the file does not start with a '---' line",
            Span(1, 1, 1, len(lines[0]) + 1),
            hint="Start the file with a YAML header between '---' lines (title, date, author)",
        )
        return Split(FrontMatter(present=False, ok=False), 0, 1, (problem,))

    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSE), None)
    if close is None:
        # Guess where the body starts (after the first blank line) so body rules still run.
        blank = next((i for i in range(1, len(lines)) if not lines[i].strip()), len(lines))
        body_index = min(blank + 1, len(lines) - 1) if blank < len(lines) else len(lines)
        problem = Problem(
            "unclosed-front-matter",
            "Front matter opened on line 1 is never closed",
            Span(1, 1, 1, 4),
            hint="Add a line with '---' after the last front-matter field",
        )
        offset = line_starts[body_index] if body_index < len(line_starts) else len(text)
        return Split(FrontMatter(present=True, ok=False, start_line=1), offset, body_index + 1, (problem,))

    body_index = close + 1
    offset = line_starts[body_index] if body_index < len(line_starts) else len(text)
    yaml_text = "\n".join(lines[1:close])
    fm, problems = _load(yaml_text, first_line=2, start_line=1, end_line=close + 1)
    return Split(fm, offset, body_index + 1, problems)


def _load(yaml_text: str, first_line: int, start_line: int, end_line: int) -> tuple[FrontMatter, tuple[Problem, ...]]:
    broken = FrontMatter(present=True, ok=False, start_line=start_line, end_line=end_line)
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        span = Span(first_line, 1, first_line, 1)
        msg = f"Front matter is {len(yaml_text):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,}"
        return broken, (Problem("unsafe-yaml", msg, span),)
    bounded = _check_events(yaml_text, first_line)
    if isinstance(bounded, Problem):
        return broken, (bounded,)
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return FrontMatter(True, True, start_line=start_line, end_line=end_line), ()
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            line = first_line + node.start_mark.line
            msg = f"Front matter is {kind}, not a mapping of fields"
            return broken, (Problem("front-matter-not-mapping", msg, Span(line, 1, line, 1), hint="Write one 'key: value' per line"),)
        data: dict[str, Any] = {}
        fields: dict[str, Field] = {}
        problems: list[Problem] = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            value = loader.construct_object(value_node, deep=True)
            key_text = str(key)
            key_span = _span(key_node, first_line)
            if key_text in fields:
                first = fields[key_text].key_span.line
                problems.append(
                    Problem(
                        "yaml-syntax-error",
                        f"Key {key_text!r} appears twice (lines {first} and {key_span.line}); the second value wins",
                        key_span,
                        hint="Keep one of the two entries",
                    )
                )
            data[key_text] = value
            fields[key_text] = Field(key_text, value, key_span, _span(value_node, first_line))
    except yaml.MarkedYAMLError as exc:
        return broken, (_yaml_problem(exc, first_line),)
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        return broken, (Problem("yaml-syntax-error", f"Invalid YAML: {exc}", Span(first_line, 1, first_line, 1)),)
    finally:
        loader.dispose()
    fm = FrontMatter(
        present=True,
        ok=True,
        data=MappingProxyType(data),
        fields=MappingProxyType(fields),
        start_line=start_line,
        end_line=end_line,
    )
    return fm, tuple(problems)


def _check_events(yaml_text: str, first_line: int) -> Problem | None:
    """Reject anchors, aliases and deep nesting before anything is built."""
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = first_line + mark.line
                return Problem(
                    "unsafe-yaml",
                    "YAML anchors and aliases are not allowed in front matter",
                    Span(line, mark.column + 1, line, mark.column + 2),
                    hint="Write the value out in full",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in _PLAIN_TAGS:
                line = first_line + mark.line
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                return Problem(
                    "unsafe-yaml",
                    f"YAML tag {shown} is not allowed in front matter",
                    Span(line, mark.column + 1, line, mark.column + 2),
                    hint="Write plain text, numbers, lists and mappings only",
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = first_line + mark.line
                    return Problem(
                        "unsafe-yaml",
                        f"Front matter is nested more than {MAX_DEPTH} levels deep",
                        Span(line, mark.column + 1, line, mark.column + 2),
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        return _yaml_problem(exc, first_line)
    return None


def _yaml_problem(exc: yaml.MarkedYAMLError, first_line: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = first_line + (mark.line if mark else 0)
    col = (mark.column if mark else 0) + 1
    what = exc.problem or "invalid YAML"
    context = f" {exc.context}" if exc.context else ""
    return Problem(
        "yaml-syntax-error",
        f"Invalid YAML in front matter: {what}{context}",
        Span(line, col, line, col + 1),
        hint="Check the quoting and indentation; quote values that contain ': ' or start with a special character",
    )


def _span(node: yaml.Node, first_line: int) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(first_line + s.line, s.column + 1, first_line + e.line, e.column + 1)
