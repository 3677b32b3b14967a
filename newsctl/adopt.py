"""Adopting newsctl in an existing site: survey its articles, propose a starting configuration.

`newsctl init` is a thin layer over this module. The survey reads only what the proposal
needs (front matter and template spans, not the whole parse), so it is quick on thousands of
files; the proposal is data (a `[tool.newsctl]` table) and `render_toml` turns it into text.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsctl.fields import DEFAULT_SITE, FIELDS, GENERATOR_KEYS, SiteFormat, looks_like_text, norm
from newsctl.frontmatter import split
from newsctl.source import Source, SourceError
from newsctl.templates import find_templates, syntaxes

DEFAULT_REQUIRED = ("title", "date", "author")
DEFAULT_KEPT_SHARE = 0.9
# a key that reads like a misspelling is the site's own when this many files use it
SITE_KEY_MIN_FILES = 2


@dataclass(frozen=True)
class KeyUse:
    """One front-matter key as the archive writes it."""

    key: str
    files: int
    role: str  # field, alias of X, site key (Hugo), extra, misspelling of X?
    required: bool = False


@dataclass
class Survey:
    """What the articles under some paths hold."""

    files: int = 0
    articles: int = 0  # files that are not link-out items
    unreadable: list[str] = field(default_factory=list)
    keys: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    templates: set[str] = field(default_factory=set)
    link_out: Counter[str] = field(default_factory=Counter)
    # canonical fields (and other keys) present with a value, counted over articles only
    filled: Counter[str] = field(default_factory=Counter)


def survey(files: list[tuple[Path, str]], site: SiteFormat = DEFAULT_SITE) -> Survey:
    """Read the front matter and template spans of every file."""
    out = Survey()
    for path, shown in files:
        try:
            source = Source.read(path, shown)
        except SourceError:
            out.unreadable.append(shown)
            continue
        out.files += 1
        parts = split(source.text, source.line_starts)
        fm = parts.front_matter
        body = source.text[parts.body_offset :]
        out.templates |= syntaxes(find_templates(body))
        if not fm.ok:
            continue
        out.formats[fm.format] += 1
        out.keys.update(fm.fields.keys())
        link = next(
            (k for k in site.link_out_fields if k in fm.fields and isinstance(fm.fields[k].value, str) and fm.fields[k].value.strip()),
            None,
        )
        if link and not body.strip():
            out.link_out[link] += 1
            continue
        out.articles += 1
        values = {k: f.value for k, f in fm.fields.items()}
        canonical = site.resolve(values)
        filled = {name for name, key in canonical.items() if not _blank(values[key])}
        filled |= {k for k, v in values.items() if not _blank(v) and site.canonical_of(k) is None}
        if "date" not in canonical and re.match(r"\d{4}-\d{2}-\d{2}-", path.name):
            filled.add("date")  # Jekyll: the date is in the file name
        out.filled.update(filled)
    return out


def _blank(value: Any) -> bool:
    return value is None or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def _site_key_origin(key: str) -> str | None:
    n = norm(key)
    origins = [origin for origin, keys in GENERATOR_KEYS.items() if any(norm(k) == n for k in keys)]
    return "/".join(origins) or None


def key_uses(s: Survey, site: SiteFormat = DEFAULT_SITE) -> list[KeyUse]:
    """Every key found, most used first, with the role newsctl gives it."""
    required = set(required_fields(s, site))
    out = []
    for key, count in sorted(s.keys.items(), key=lambda kv: (-kv[1], kv[0])):
        canonical = site.canonical_of(key)
        if looks_like_text(key):
            role = "text, not a key (M009)"
        elif canonical == key:
            role = "field"
        elif canonical is not None:
            role = f"alias of {canonical}"
        elif (origin := _site_key_origin(key)) is not None:
            role = f"site key ({origin})"
        elif count < SITE_KEY_MIN_FILES and (guess := site.misspelling(key)):
            role = f"misspelling of {guess}?"
        else:
            role = "extra"
        out.append(KeyUse(key, count, role, (canonical or key) in required and count >= s.articles))
    return out


def required_fields(s: Survey, site: SiteFormat = DEFAULT_SITE) -> list[str]:
    """Fields every article has, with a value: newsctl's own (in its order), then the site's."""
    if not s.articles:
        return list(DEFAULT_REQUIRED)
    everywhere = [k for k, n in s.filled.items() if n == s.articles]
    # newsctl's defaults stay when nearly every article has them: the few without are findings
    usual = {k for k in DEFAULT_REQUIRED if s.filled[k] >= DEFAULT_KEPT_SHARE * s.articles}
    own = [f for f in FIELDS if f in everywhere or f in usual]
    extra = sorted(k for k in everywhere if k not in FIELDS and not _known_elsewhere(k, site))
    return own + extra


def _known_elsewhere(key: str, site: SiteFormat) -> bool:
    """Keys the generators define (layout, weight) are plumbing, not copy: never required."""
    return _site_key_origin(key) is not None


def proposal(s: Survey, paths: list[str], site: SiteFormat = DEFAULT_SITE) -> dict[str, Any]:
    """The starting [tool.newsctl] table for what the survey found."""
    uses = key_uses(s, site)
    table: dict[str, Any] = {"paths": paths}
    table["required-fields"] = required_fields(s, site)
    aliases: dict[str, list[str]] = {}
    for use in uses:
        if use.role.startswith("alias of "):
            aliases.setdefault(use.role.removeprefix("alias of "), []).append(use.key)
    extra = sorted(u.key for u in uses if u.role == "extra")
    if extra:
        table["extra-fields"] = extra
    table["template-syntax"] = "auto" if s.templates else "none"
    if s.link_out:
        table["link-out-fields"] = sorted(s.link_out)
    if aliases:
        table["aliases"] = {k: v for k, v in sorted(aliases.items())}
    return table


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(value)


def render_toml(table: dict[str, Any], s: Survey, pyproject: bool) -> str:
    """The table as TOML, with comments saying where each value came from."""
    prefix = "tool.newsctl" if pyproject else ""
    lines = []
    if pyproject:
        lines.append("[tool.newsctl]")
    lines.append(f"# written by `newsctl init` from {s.files} files ({s.articles} articles, {sum(s.link_out.values())} link-out items)")
    notes = {
        "required-fields": "# present and not empty in every article (title, date, author: in 90% of them)",
        "extra-fields": "# the site's own keys: known, so never reported as unknown",
        "template-syntax": "# seen: " + (", ".join(sorted(s.templates)) if s.templates else "none"),
        "link-out-fields": "# entries with one of these and no body link to a story elsewhere",
    }
    for key, value in table.items():
        if isinstance(value, dict):
            continue
        if key in notes:
            lines.append(notes[key])
        lines.append(f"{key} = {_toml_value(value)}")
    for key, value in table.items():
        if isinstance(value, dict):
            lines.append("")
            lines.append(f"[{prefix + '.' if prefix else ''}{key}]")
            lines.append("# the names this site uses for newsctl's fields (built in; listed so you can see them)")
            for sub, names in value.items():
                lines.append(f"{sub} = {_toml_value(names)}")
    return "\n".join(lines) + "\n"


class InitError(Exception):
    """The configuration cannot be written as asked; the message says why and what to do."""


def target_file(directory: Path, explicit: Path | None = None) -> Path:
    """Where the configuration goes: the file named, else pyproject.toml when the directory
    has one, else newsctl.toml."""
    if explicit is not None:
        return explicit
    pyproject = directory / "pyproject.toml"
    return pyproject if pyproject.is_file() else directory / "newsctl.toml"


_TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _without_newsctl_tables(text: str) -> str:
    """pyproject.toml text with its [tool.newsctl] table (and sub-tables) removed."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        m = _TABLE_HEADER.match(line)
        if m:
            name = m.group(1).replace(" ", "").replace('"', "")
            skipping = name == "tool.newsctl" or name.startswith("tool.newsctl.")
        if not skipping:
            out.append(line)
    return "".join(out).rstrip("\n") + "\n"


def write_config(target: Path, table: dict[str, Any], s: Survey, force: bool = False) -> str:
    """Write the configuration atomically; refuse to replace one unless `force`. Returns the text written."""
    import tomllib

    from newsctl.atomic import write_atomic

    pyproject = target.name == "pyproject.toml"
    body = render_toml(table, s, pyproject)
    if pyproject and target.is_file():
        existing = target.read_text(encoding="utf-8")
        try:
            data = tomllib.loads(existing)
        except tomllib.TOMLDecodeError as exc:
            raise InitError(f"{target}: invalid TOML ({exc}); fix it first") from None
        if "newsctl" in data.get("tool", {}):
            if not force:
                raise InitError(f"{target} already has a [tool.newsctl] table; use --force to replace it, or --dry-run to see the proposal")
            existing = _without_newsctl_tables(existing)
        text = existing.rstrip("\n") + "\n\n" + body
    else:
        if target.exists() and not force:
            raise InitError(f"{target} already exists; use --force to replace it, or --dry-run to see the proposal")
        text = body
    tomllib.loads(text)  # never write a file newsctl could not read back
    write_atomic(target, text)
    return text


def relative_paths(paths: list[str], base: Path) -> list[str]:
    """Paths as the configuration stores them: relative to the configuration's directory."""
    out = []
    for p in paths:
        try:
            out.append(Path(os.path.relpath(Path(p).resolve(), base.resolve())).as_posix())
        except ValueError:  # another drive (Windows)
            out.append(Path(p).resolve().as_posix())
    return out
