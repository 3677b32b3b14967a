"""Split and read the front matter (YAML, TOML or JSON), keeping the line of every key.

The format is chosen by python-frontmatter's handlers (`---` YAML, `+++` TOML, a `{` line
JSON), dispatched by the first line. python-frontmatter gives the data but not where each
key is, and it cannot tell an unclosed header from a missing one; so the split is done
here. YAML is composed with PyYAML's safe loader, whose node marks carry the positions;
hostile YAML is bounded (no anchors/aliases, limited depth and size). TOML and JSON are
loaded by their handlers and the key positions found by scanning the header's lines.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from types import MappingProxyType
from typing import Any

import yaml

from newsctl.article import Field, FrontMatter, Problem, Span
from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_DEPTH = 16
# Integers longer than this are refused: Python will not even print one of 4,300 digits, and
# no newsroom field (a count, a year, an id) needs more than a few dozen.
MAX_NUMBER_DIGITS = 100
# What PyYAML's reader refuses (C0/C1 controls but tab, LF, CR, NEL; DEL; U+FFFE/U+FFFF;
# surrogates): found here first so the finding names the line and column.
_YAML_FORBIDDEN = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_DIGITS = lazy(r"\d{%d,}" % (MAX_NUMBER_DIGITS + 1))
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {"!"} | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
_OPEN = "---"
_CLOSE = ("---", "...")
# the openings newsctl recognises: first line -> (format, closing lines)
_FORMATS = {"---": ("yaml", _CLOSE), "+++": ("toml", ("+++",)), "{": ("json", ("}",))}


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as strings: newsctl checks and types them itself."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml's parser (PyYAML's C extension) when it is built: ~10x faster than the pure-Python one
# on front matter (make bench). It reads valid front matter to the same nodes, lines and columns
# (columns count characters in both); anything it rejects is read again by the pure-Python
# loader, so every problem message and position stays the one _Loader gives.
_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        """The C safe loader with _Loader's resolvers (dates kept as strings)."""

    _CLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _FastLoader = _CLoader


@dataclass(frozen=True)
class Split:
    front_matter: FrontMatter
    body_offset: int  # offset in the text where the body starts
    body_line: int
    problems: tuple[Problem, ...]


def split(text: str, line_starts: tuple[int, ...]) -> Split:
    """Find the header, parse it, and say where the body begins.

    `line_starts` are the text's (Source.line_starts): the lines are read through them up to the
    closing one, not split out of the whole article (issue 12: ~8 us an article, the body being
    ~50 times the header); tests/test_speed_parse_equivalence.py compares with the split."""
    if not text or text.isspace():  # `not text.strip()`, without the copy
        problem = Problem("missing-front-matter", "File is empty: an article needs front matter and a body", Span(1, 1, 1, 1))
        return Split(FrontMatter(present=False, ok=False), 0, 1, (problem,))
    count = len(line_starts)  # == len(text.split("\n"))
    first = text[: line_starts[1] - 1] if count > 1 else text
    opening = _FORMATS.get(first.rstrip())
    if opening is None:
        problem = Problem(
            "missing-front-matter",
            "No front matter: the file does not start with a '---' line (or '+++' for TOML, '{' for JSON)",
            Span(1, 1, 1, len(first) + 1),
            hint="Start the file with a YAML header between '---' lines (title, date, author)",
        )
        return Split(FrontMatter(present=False, ok=False), 0, 1, (problem,))
    fmt, closing = opening
    close = None
    for i in range(1, count):
        if text[line_starts[i] : line_starts[i + 1] - 1 if i + 1 < count else len(text)].rstrip() in closing:
            close = i
            break
    if close is None:
        lines = text.split("\n")
        # Guess where the body starts (after the first blank line) so body rules still run.
        blank = next((i for i in range(1, len(lines)) if not lines[i].strip()), len(lines))
        body_index = min(blank + 1, len(lines) - 1) if blank < len(lines) else len(lines)
        problem = Problem(
            "unclosed-front-matter",
            "Front matter opened on line 1 is never closed",
            Span(1, 1, 1, len(lines[0].rstrip()) + 1),
            hint=f"Add a line with '{closing[0]}' after the last front-matter field",
        )
        offset = line_starts[body_index] if body_index < len(line_starts) else len(text)
        return Split(FrontMatter(present=True, ok=False, start_line=1, format=fmt), offset, body_index + 1, (problem,))

    body_index = close + 1
    offset = line_starts[body_index] if body_index < len(line_starts) else len(text)
    header = text[line_starts[1] : line_starts[close] - 1]  # "\n".join(lines[1:close])
    fm, problems = _LOADERS[fmt](header, 2, 1, close + 1)
    return Split(fm, offset, body_index + 1, problems)


def _load_yaml(yaml_text: str, first_line: int, start_line: int, end_line: int) -> tuple[FrontMatter, tuple[Problem, ...]]:
    fm, problems = _load(yaml_text, first_line, start_line, end_line)
    if fm.ok or not problems or problems[0].kind != "yaml-syntax-error" or "\t" not in yaml_text:
        return fm, problems
    # A tab where YAML 1.2 allows separating white space (`- melody<TAB>`, `key:<TAB>value`):
    # the sites' generators read it, PyYAML does not. Read it as they do (same length, so
    # positions hold), warn, and offer the fix, so every other check still runs.
    lines = yaml_text.split("\n")
    normalised = [_untab(line) for line in lines]
    if normalised == lines:
        return fm, problems
    fixed, more = _load("\n".join(normalised), first_line, start_line, end_line)
    if not fixed.ok:
        return fm, problems
    from newsctl.findings import Edit, Fix

    edits = []
    for i, (before, after) in enumerate(zip(lines, normalised)):
        if before != after:
            line = first_line + i
            edits.append(Edit(line, 1, line, len(before) + 1, after.rstrip()))
    first = edits[0].line
    problem = Problem(
        "yaml-syntax-error",
        f"Tab used as white space in the front matter (line {first}): YAML 1.2 allows it, but "
        "PyYAML-based tools reject the whole header",
        Span(first, 1, first, len(lines[first - first_line]) + 1),
        hint="Replace the tab with a space, or remove trailing tabs",
        severity="warning",
        fix=Fix("Replace tabs used as white space with spaces", tuple(edits)),
    )
    return fixed, (problem, *more)


_TAB_SEPARATOR = lazy(r"(?<=[:-])\t+(?=\S)|[ \t]*\t[ \t]*$")


def _untab(line: str) -> str:
    """Trailing tabs and a tab after `:` or `-` become spaces of the same length."""
    if "\t" not in line or line.lstrip().startswith("#"):
        return line
    return _TAB_SEPARATOR.sub(lambda m: " " * len(m.group()), line)


# --- TOML and JSON ---------------------------------------------------------------------------------


def _handlers() -> dict[str, Any]:
    """python-frontmatter's handlers by format. Its TOMLHandler needs the old `toml` package
    (TOML 0.5, often absent), so TOML is read by a subclass that loads with the standard
    library's tomllib (TOML 1.0)."""
    import tomllib

    from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

    class TOMLHandler(BaseHandler):
        FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
        START_DELIMITER = END_DELIMITER = "+++"

        def load(self, fm: str, **kwargs: object) -> Any:
            return tomllib.loads(fm)

    return {"yaml": YAMLHandler(), "toml": TOMLHandler(), "json": JSONHandler()}


_HANDLERS: dict[str, Any] = {}


def handler(fmt: str) -> Any:
    if not _HANDLERS:
        _HANDLERS.update(_handlers())
    return _HANDLERS[fmt]


def _as_text_dates(value: Any) -> Any:
    """TOML datetimes become the ISO text they were written as: newsctl types dates itself."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_text_dates(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_text_dates(v) for k, v in value.items()}
    return value


def _load_toml(header: str, first_line: int, start_line: int, end_line: int) -> tuple[FrontMatter, tuple[Problem, ...]]:
    import tomllib

    broken = FrontMatter(present=True, ok=False, start_line=start_line, end_line=end_line, format="toml")
    if len(header) > MAX_FRONT_MATTER_CHARS:
        return broken, (_too_large(header, first_line),)
    try:
        data = handler("toml").load(header + "\n")
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, col = (first_line + int(m[1]) - 1, int(m[2])) if m else (first_line, 1)
        what = re.sub(r"\s*\(at (?:line|end of document).*?\)", "", str(exc)) or "invalid TOML"
        problem = Problem(
            "yaml-syntax-error",
            f"Invalid TOML in front matter: {what}",
            Span(line, col, line, col + 1),
            hint='Check the quoting: TOML strings need quotes (title = "Council approves budget")',
        )
        return broken, (problem,)
    except ValueError:  # an integer past Python's int-string limit
        return broken, (_number_problem(header, first_line),)
    if _depth(data) > MAX_DEPTH:
        return broken, (Problem("unsafe-yaml", f"Front matter is nested more than {MAX_DEPTH} levels deep", Span(first_line, 1, first_line, 1)),)
    lines = header.split("\n")
    key_lines: dict[str, tuple[int, int, int]] = {}  # key -> (index, key column, value column)
    for i, line in enumerate(lines):
        m = _TOML_TABLE.match(line)
        if m:
            key = _unquote(m["key"].split(".")[0].strip())
            key_lines.setdefault(key, (i, m.start("key"), len(line)))
            continue
        m = _TOML_KEY.match(line)
        if m and not any(_TOML_TABLE.match(prev) for prev in lines[:i]):
            key = _unquote(m["key"].split(".")[0].strip())
            key_lines.setdefault(key, (i, m.start("key"), m.end()))
    return _with_positions(data, key_lines, lines, first_line, start_line, end_line, "toml")


_TOML_KEY = lazy(r'^\s*(?P<key>"[^"]*"|\'[^\']*\'|[A-Za-z0-9_-]+(?:\s*\.\s*(?:"[^"]*"|[A-Za-z0-9_-]+))*)\s*=\s*')
_TOML_TABLE = lazy(r'^\s*\[\[?\s*(?P<key>"[^"]*"|[A-Za-z0-9_.-]+)')


def _unquote(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'" else key


def _load_json(header: str, first_line: int, start_line: int, end_line: int) -> tuple[FrontMatter, tuple[Problem, ...]]:
    import json

    # the opening `{` and closing `}` lines belong to the JSON object: put them back
    broken = FrontMatter(present=True, ok=False, start_line=start_line, end_line=end_line, format="json")
    if len(header) > MAX_FRONT_MATTER_CHARS:
        return broken, (_too_large(header, first_line),)
    text = "{\n" + header + "\n}"
    try:
        data = handler("json").load(text)
    except json.JSONDecodeError as exc:
        line = first_line - 1 + exc.lineno - 1
        problem = Problem(
            "yaml-syntax-error",
            f"Invalid JSON in front matter: {exc.msg}",
            Span(line, exc.colno, line, exc.colno + 1),
            hint='Check the commas and quotes: "key": "value", one pair per line',
        )
        return broken, (problem,)
    except ValueError:  # an integer past Python's int-string limit (JSONDecodeError is caught above)
        return broken, (_number_problem(header, first_line),)
    except RecursionError:
        return broken, (Problem("unsafe-yaml", f"Front matter is nested more than {MAX_DEPTH} levels deep", Span(first_line, 1, first_line, 1)),)
    if _depth(data) > MAX_DEPTH:
        return broken, (Problem("unsafe-yaml", f"Front matter is nested more than {MAX_DEPTH} levels deep", Span(first_line, 1, first_line, 1)),)
    lines = header.split("\n")
    return _with_positions(data, _json_keys(lines), lines, first_line, start_line, end_line, "json")


def _json_keys(lines: list[str]) -> dict[str, tuple[int, int, int]]:
    """Where each key of the outer object is: a string at depth 1 followed by a colon."""
    import json

    out: dict[str, tuple[int, int, int]] = {}
    depth = 1
    for i, line in enumerate(lines):
        j = 0
        while j < len(line):
            ch = line[j]
            if ch == '"':
                end = j + 1
                while end < len(line) and line[end] != '"':
                    end += 2 if line[end] == "\\" else 1
                rest = line[end + 1 :].lstrip()
                if depth == 1 and rest.startswith(":"):
                    try:
                        key = json.loads(line[j : end + 1])
                    except ValueError:
                        key = line[j + 1 : end]
                    value_col = len(line) - len(rest) + 1
                    value_col += len(line[value_col:]) - len(line[value_col:].lstrip())
                    out.setdefault(key, (i, j, value_col))
                j = end + 1
                continue
            if ch in "[{":
                depth += 1
            elif ch in "]}":
                depth -= 1
            j += 1
    return out


def _with_positions(
    data: Any, key_lines: dict[str, tuple[int, int, int]], lines: list[str], first_line: int, start_line: int, end_line: int, fmt: str
) -> tuple[FrontMatter, tuple[Problem, ...]]:
    if not isinstance(data, dict):  # pragma: no cover - both loaders return a mapping
        span = Span(first_line, 1, first_line, 1)
        return FrontMatter(True, False, start_line=start_line, end_line=end_line, format=fmt), (
            Problem("front-matter-not-mapping", "Front matter is not a mapping of fields", span),
        )
    data = {str(k): _as_text_dates(v) for k, v in data.items()}
    data, trouble = _clean(data)
    extra: tuple[Problem, ...] = ()
    if trouble == "number":
        broken = FrontMatter(present=True, ok=False, start_line=start_line, end_line=end_line, format=fmt)
        return broken, (_number_problem("\n".join(lines), first_line),)
    if trouble == "surrogate":
        extra = (_surrogate_problem("\n".join(lines), first_line),)
    starts = sorted(i for i, _, _ in key_lines.values())
    fields: dict[str, Field] = {}
    for key, value in data.items():
        i, key_col, value_col = key_lines.get(key, (0, 0, 0))
        line = first_line + i
        nxt = next((s for s in starts if s > i), len(lines))
        last = max(i, nxt - 1)
        while last > i and not lines[last].strip():
            last -= 1
        key_len = len(key) + (2 if lines[i][key_col : key_col + 1] in ('"', "'") else 0) if lines else len(key)
        key_span = Span(line, key_col + 1, line, key_col + key_len + 1)
        value_span = Span(line, value_col + 1, first_line + last, len(lines[last].rstrip()) + 1 if lines else 1)
        fields[key] = Field(key, value, key_span, value_span)
    fm = FrontMatter(
        present=True,
        ok=True,
        data=MappingProxyType(data),
        fields=MappingProxyType(fields),
        start_line=start_line,
        end_line=end_line,
        format=fmt,
    )
    return fm, extra


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def _clean(value: Any) -> tuple[Any, str | None]:
    """The value with lone surrogates (from escapes like "\\uD800") made U+FFFD, so every output
    can encode it; and what was wrong: "number" (an integer past MAX_NUMBER_DIGITS: refused),
    "surrogate" (replaced) or None."""
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int):
        return value, ("number" if value.bit_length() > MAX_NUMBER_DIGITS * 3.33 else None)
    if isinstance(value, str):
        if _SURROGATE.search(value):
            return _SURROGATE.sub("\ufffd", value), "surrogate"
        return value, None
    if isinstance(value, (list, dict)):
        worst: str | None = None
        items = value.items() if isinstance(value, dict) else enumerate(value)
        cleaned = []
        for k, v in items:
            k2, t1 = _clean(k) if isinstance(k, str) else (k, None)
            v2, t2 = _clean(v)
            for t in (t1, t2):
                if t == "number" or (t and worst is None):
                    worst = t
            cleaned.append((k2, v2))
        return (dict(cleaned) if isinstance(value, dict) else [v for _, v in cleaned]), worst
    return value, None


def _position(text: str, offset: int, first_line: int) -> Span:
    line = first_line + text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Span(line, col, line, col + 1)


def _forbidden(text: str, m: re.Match[str], first_line: int) -> Problem:
    return Problem(
        "yaml-syntax-error",
        f"Invalid YAML in front matter: character U+{ord(m.group()):04X} is not allowed (a control or non-character)",
        _position(text, m.start(), first_line),
        hint="Delete the character; an invisible one usually comes from a copy and paste",
    )


def _number_problem(text: str, first_line: int) -> Problem:
    m = _LONG_DIGITS.search(text)
    span = _position(text, m.start(), first_line) if m else Span(first_line, 1, first_line, 1)
    return Problem(
        "unsafe-yaml",
        f"A number in the front matter has more than {MAX_NUMBER_DIGITS} digits; the limit is {MAX_NUMBER_DIGITS}",
        span,
        hint="Quote it if it is an identifier, not a number",
    )


def _surrogate_problem(text: str, first_line: int) -> Problem:
    m = re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", text)
    span = _position(text, m.start(), first_line) if m else Span(first_line, 1, first_line, 1)
    return Problem(
        "yaml-syntax-error",
        "An escape in the front matter is half of a surrogate pair (like \\uD800), not a character; it reads as U+FFFD",
        span,
        hint="Write the character itself, or the full pair (\\uD83D\\uDE00)",
        severity="warning",  # read (as U+FFFD), so every command still runs
    )


def _too_large(header: str, first_line: int) -> Problem:
    span = Span(first_line, 1, first_line, 1)
    return Problem("unsafe-yaml", f"Front matter is {len(header):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,}", span)


def _load(yaml_text: str, first_line: int, start_line: int, end_line: int) -> tuple[FrontMatter, tuple[Problem, ...]]:
    broken = FrontMatter(present=True, ok=False, start_line=start_line, end_line=end_line)
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        span = Span(first_line, 1, first_line, 1)
        msg = f"Front matter is {len(yaml_text):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,}"
        return broken, (Problem("unsafe-yaml", msg, span),)
    bad = _YAML_FORBIDDEN.search(yaml_text)
    if bad:
        return broken, (_forbidden(yaml_text, bad, first_line),)
    # libyaml reads a tab as white space where PyYAML rejects the header (_load_yaml warns about
    # that case): such text goes straight to the pure-Python loader
    if _FastLoader is not None and "\t" not in yaml_text:
        try:
            fm, problems = _load_with(_FastLoader, yaml_text, first_line, start_line, end_line, broken)
            if not problems:
                return fm, problems
        except yaml.YAMLError:
            pass
        # anything to report: the pure-Python loader reads it again for the exact problem and position
    return _load_with(_Loader, yaml_text, first_line, start_line, end_line, broken, strict=False)


def _load_with(
    loader_class: type, yaml_text: str, first_line: int, start_line: int, end_line: int, broken: FrontMatter, strict: bool = True
) -> tuple[FrontMatter, tuple[Problem, ...]]:
    """Load with one loader class; with strict=True a YAML error is raised rather than reported."""
    # the events walk is skipped where it cannot find anything (most headers of a few fields); a
    # syntax error it would raise, the composer below raises the same way
    bounded = None if strict and _cannot_be_unsafe(yaml_text) else _check_events(yaml_text, first_line, loader_class, strict)
    if isinstance(bounded, Problem):
        return broken, (bounded,)
    loader = loader_class(yaml_text)
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
            # a plain string (most keys and values) is its node's value: what construct_object
            # gives through SafeConstructor.construct_yaml_str -> construct_scalar, without the
            # calls (issue 12: ~1 us a node); tests/test_speed_parse_equivalence.py compares
            if key_node.tag == _STR and type(key_node) is yaml.ScalarNode:
                key = key_node.value
            else:
                key = loader.construct_object(key_node, deep=True)
            if value_node.tag == _STR and type(value_node) is yaml.ScalarNode:
                value = value_node.value
            else:
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
            value, trouble = _clean(value)
            if trouble == "number":
                return broken, (_number_problem(yaml_text, first_line),)
            if trouble == "surrogate" and not any(p.message.startswith("An escape") for p in problems):
                problems.append(_surrogate_problem(yaml_text, first_line))
            data[key_text] = value
            fields[key_text] = Field(key_text, value, key_span, _span(value_node, first_line))
    except yaml.MarkedYAMLError as exc:
        if strict:
            raise
        return broken, (_yaml_problem(exc, first_line),)
    except yaml.YAMLError as exc:  # the reader's errors (a forbidden character) are not marked
        if strict:
            raise
        return broken, (Problem("yaml-syntax-error", f"Invalid YAML: {exc}", Span(first_line, 1, first_line, 1)),)
    except ValueError:  # an integer past Python's int-string limit
        return broken, (_number_problem(yaml_text, first_line),)
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


def _cannot_be_unsafe(yaml_text: str) -> bool:
    """True when _check_events cannot find a problem in this text: anchors, aliases and tags are
    written with '&', '*' and '!', and every mapping or sequence needs an indicator of its own
    (a '[' or '{', the '-' of its first item, the ':' or '?' of its first key), so with at most
    MAX_DEPTH of those nothing can nest deeper (issue 12: the walk was a quarter of the front
    matter's time). tests/test_speed_parse_equivalence.py checks it on generated headers."""
    if "&" in yaml_text or "*" in yaml_text or "!" in yaml_text:
        return False
    count = yaml_text.count
    return count(":") + count("-") + count("[") + count("{") + count("?") <= MAX_DEPTH


def _check_events(yaml_text: str, first_line: int, loader_class: type = _Loader, strict: bool = False) -> Problem | None:
    """Reject anchors, aliases and deep nesting before anything is built."""
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=loader_class):
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
        if strict:
            raise
        return _yaml_problem(exc, first_line)
    except yaml.YAMLError as exc:
        return Problem("yaml-syntax-error", f"Invalid YAML: {exc}", Span(first_line, 1, first_line, 1))
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


_LOADERS = {"yaml": _load_yaml, "toml": _load_toml, "json": _load_json}
