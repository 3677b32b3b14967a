"""Settings: defaults <- [tool.newsctl] or newsctl.toml <- command line, resolved once.

Three stages, as in ruff: raw TOML (unknown keys rejected) -> merged with the CLI
-> a frozen Settings the engine and rules read. Rules read thresholds with
`settings.option(name)`; the options themselves are declared beside the rules.
"""

from __future__ import annotations

import re
from dataclasses import field, replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from newsctl.frozen import dataclass  # the standard one, cheaper to create (newsctl/frozen.py)
from newsctl import registry
from newsctl.fields import DEFAULT_SITE, SiteFormat
from newsctl.findings import Severity
from newsctl.relazy import lazy  # compiled on first use, not at import (start-up)

DEFAULT_REQUIRED = ("title", "date", "author")
DEFAULT_PATHS = ("articles",)
CORE_KEYS = (
    "paths",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "required-fields",
    "exclude",
    "fail-on",
    "aliases",
    "extra-fields",
    "link-out-fields",
    "template-syntax",
    "respect-gitignore",
    "new-template",
    "cache-dir",
)
# Site identity, read by export and feed (not by lint): see Site and SITE_KEYS.
SITE_KEYS: dict[str, tuple[str, str]] = {
    "site-name": ("string", "The site's name: `og:site_name`, the feed title, the index page heading."),
    "publisher": ("string", "The organisation that publishes: JSON-LD `publisher`, ninjs `copyrightHolder`, the Atom feed author; the site name where `site-name` is unset."),
    "publisher-logo": ("absolute http(s) URL", "The publisher's logo: JSON-LD `publisher.logo` (Google asks for one)."),
    "base-url": ("absolute http(s) URL", "Where the exported pages live; the default for `--base-url` in export and feed."),
    "default-author": ("string", "The byline of an article without `author`."),
    "locale": ("locale such as en_GB", "`og:locale`; its language is the `lang` of an article without one."),
    "timezone": ("IANA zone such as Europe/Berlin", "The zone of front-matter times written without one, in export and feed (default UTC; lint date rules still read them as UTC)."),
}
_LOCALE = lazy(r"^[a-z]{2,3}(?:[_-][A-Z]{2})?$")


def _close_matches(word: str, possibilities: Iterable[str], n: int) -> list[str]:
    """difflib.get_close_matches, imported only for a "did you mean" (not at start-up: ~1 ms)."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n)


@dataclass(frozen=True)
class Site:
    """The site an export belongs to (settings `site-name`, `publisher`, ...); every field optional."""

    name: str | None = None
    publisher: str | None = None
    publisher_logo: str | None = None
    base_url: str | None = None
    default_author: str | None = None
    locale: str | None = None  # as written, e.g. en_GB
    timezone: str | None = None  # IANA name, checked to exist

    @property
    def lang(self) -> str | None:
        """The locale as a language tag (en_GB -> en-GB)."""
        return self.locale.replace("_", "-") if self.locale else None

    @property
    def og_locale(self) -> str | None:
        """The locale as Open Graph writes it (en-GB -> en_GB)."""
        return self.locale.replace("-", "_") if self.locale else None

    def zone(self) -> Any:
        """The tzinfo of `timezone` (None when unset)."""
        if not self.timezone:
            return None
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)


class ConfigError(Exception):
    """A bad setting: the message names the file and key. The CLI exits with status 2."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # empty: every rule that is on by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    required_fields: tuple[str, ...] = DEFAULT_REQUIRED
    exclude: tuple[str, ...] = ()
    paths: tuple[str, ...] = DEFAULT_PATHS
    fail_on: Severity = Severity.ERROR
    new_template: Path | None = None  # `newsctl new`: the article template (absolute, or relative to cwd)
    cache_dir: Path | None = None  # lint's cache (newsctl.cache); None: no cache unless asked
    now: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    config_path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    site: Site = field(default_factory=Site)
    # Real paths of the article files that relative links in the article being linted point to
    # and that exist. The engine fills it for each article (`engine.lint_article`) so that the
    # rules that read it stay pure; None: unknown (those rules stay silent).
    linked_files: frozenset[str] | None = None
    site_format: SiteFormat = DEFAULT_SITE  # how the site writes front matter and templates
    respect_gitignore: bool = True  # directories are walked honouring .gitignore

    def __getstate__(self) -> dict[str, Any]:
        """Picklable (for worker processes): read-only mappings travel as plain dicts."""
        state = dict(self.__dict__)
        state.pop("_rules_memo", None)  # made again where it is used
        state["severity"] = dict(self.severity)
        state["options"] = dict(self.options)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        state["severity"] = MappingProxyType(state["severity"])
        state["options"] = MappingProxyType(state["options"])
        for key, value in state.items():
            object.__setattr__(self, key, value)

    def option(self, name: str) -> Any:
        """A rule threshold: the configured value or the rule's declared default."""
        if name in self.options:
            return self.options[name]
        return _rulebook().OPTIONS[name].default

    def enabled_rules(self, path: str | None = None) -> list[registry.Rule]:
        """Rules that run on `path`, after select, extend-select, ignore and per-file-ignores."""
        ignored = list(self.ignore)
        if path is not None:
            for pattern, selectors in self.per_file_ignores:
                if _glob_match(path, pattern, self.root):
                    ignored.extend(selectors)
        # The list depends only on the selectors ignored here and on the rules registered (never
        # removed), so it is made once per set of them and copied (issue 12: recomputed for every
        # article, ~60 us). The memo lives in the instance dict beside the fields: not a field,
        # so eq, repr, replace() and pickling (see __getstate__) ignore it.
        memo = self.__dict__.get("_rules_memo")
        if memo is None:
            memo = {}
            object.__setattr__(self, "_rules_memo", memo)
        key = (tuple(ignored), len(_rulebook().RULES))
        rules = memo.get(key)
        if rules is None:
            rules = memo[key] = self._enabled_rules(ignored)
        return list(rules)

    def _enabled_rules(self, ignored: list[str]) -> list[registry.Rule]:
        out = []
        for r in _rulebook().all_rules():
            if not self._selected(r):
                continue
            if any(registry.matches(sel, r) for sel in ignored):
                continue
            out.append(r)
        return out

    def _selected(self, r: registry.Rule) -> bool:
        named = {s.upper() for s in (*self.select, *self.extend_select)} | {
            s.lower() for s in (*self.select, *self.extend_select)
        }
        if r.code in named or r.name in named or "all" in named:
            return True  # named explicitly (or `all`): on even when off by default
        if not r.default_enabled:
            return False
        if self.select:
            return any(registry.matches(sel, r) for sel in self.select)
        return True

    def severities(self) -> dict[str, Severity]:
        """severity_of of every registered rule by code, made once (kept with the enabled-rules
        memo): the engine asks for each rule of each article."""
        memo = self.__dict__.get("_rules_memo")
        if memo is None:
            memo = {}
            object.__setattr__(self, "_rules_memo", memo)
        rules = _rulebook().RULES
        key = ("severities", len(rules))
        found = memo.get(key)
        if found is None:
            found = memo[key] = {code: self.severity_of(r) for code, r in rules.items()}
        return found

    def severity_of(self, r: registry.Rule) -> Severity:
        """Effective severity: the most specific override wins (code, prefix, category)."""
        best: tuple[int, Severity] | None = None
        for selector, sev in self.severity.items():
            if registry.matches(selector, r):
                if selector.lower() == r.name or selector.upper() == r.code:
                    specificity = 10
                elif selector.lower() in ("all", r.category):
                    specificity = 0 if selector.lower() == "all" else 1
                else:
                    specificity = 1 + len(selector)  # a longer code prefix is more specific
                if best is None or specificity > best[0]:
                    best = (specificity, sev)
        return best[1] if best else r.severity

    def is_excluded(self, path: str) -> bool:
        return any(_glob_match(path, pattern, self.root) for pattern in self.exclude)


def _glob_match(path: str, pattern: str, root: Path) -> bool:
    """Match a path against a glob, as written or relative to the config file's directory.

    `*` and `?` stay within one directory, `**` spans any number of directories (zero
    included), and a pattern without `/` matches the file name anywhere, as in .gitignore.
    """
    from newsctl.globs import GlobError, compile_glob

    try:
        regex = compile_glob(pattern)  # linear time: see newsctl/globs.py
    except GlobError:  # refused when the settings load; a pattern set in code matches nothing
        return False
    candidates = {PurePosixPath(Path(path).as_posix()).as_posix().removeprefix("./")}
    try:
        candidates.add(Path(path).resolve().relative_to(root.resolve()).as_posix())
    except (ValueError, OSError):
        pass
    for cand in candidates:
        if regex.fullmatch(cand):
            return True
        if "/" not in pattern.rstrip("/") and regex.fullmatch(PurePosixPath(cand).name):
            return True
    return False


# --- discovery and loading ---------------------------------------------------------------------


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest newsctl.toml, or pyproject.toml with [tool.newsctl], walking up from start."""
    for directory in (start, *start.parents):
        candidate = directory / "newsctl.toml"
        if candidate.is_file():
            return candidate, _newsctl_toml(candidate, _read_toml(candidate))
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            data = _read_toml(candidate)
            table = data.get("tool", {}).get("newsctl")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError(f"{candidate}: [tool.newsctl] must be a table")
                return candidate, table
    return None


def _newsctl_toml(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """newsctl.toml holds the settings at the top level. A file that holds only a
    [tool.newsctl] table (copied from a pyproject.toml) is read as that table; one that mixes
    both is refused, saying what to change."""
    tool = data.get("tool")
    if not isinstance(tool, dict) or "newsctl" not in tool:
        return data
    table = tool["newsctl"]
    others = [k for k in data if k != "tool"] + [f"tool.{k}" for k in tool if k != "newsctl"]
    if others or not isinstance(table, dict):
        raise ConfigError(
            f"{path}: settings are both at the top level ({', '.join(others)}) and in a [tool.newsctl] table; "
            "in newsctl.toml write every key at the top level: delete the '[tool.newsctl]' line and move its keys "
            "above any other table"
        )
    return table


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: a run with no settings file never parses TOML (~3 ms of start-up)

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
    except ValueError:  # tomllib's int(): more digits than Python converts (4,300)
        raise ConfigError(_long_number(path)) from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _line_of(path: Path, key: str) -> int | None:
    """The line of a key in the settings file (after `[tool.newsctl]` in pyproject.toml), for
    messages: `severity.S003` is `S003 =` under a `severity` table, or `severity = {...}`; None
    when it cannot be found (an unreadable file)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return None
    first = 0
    if path.name == "pyproject.toml":
        first = next((i for i, text in enumerate(lines) if text.strip() == "[tool.newsctl]"), 0)

    def assignment(name: str) -> re.Pattern[str]:
        quoted = re.escape(name)
        return re.compile(r"\s*(?:" + quoted + r'|"' + quoted + r"\"|'" + quoted + r"')\s*=")

    table, _, inner = key.partition(".")
    if inner:
        header = re.compile(r"\s*\[(?:tool\.newsctl\.)?" + re.escape(table) + r"\]\s*$")
        start = next((i for i in range(first, len(lines)) if header.match(lines[i])), None)
        if start is not None:
            for i in range(start + 1, len(lines)):
                if lines[i].lstrip().startswith("["):
                    break
                if assignment(inner).match(lines[i]):
                    return i + 1
            return start + 1
    for i in range(first, len(lines)):
        if assignment(table).match(lines[i]):
            return i + 1
    return None


def _long_number(path: Path) -> str:
    """The message for a number too long to read: 'PATH:LINE: key K: ...'."""
    text = path.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"\d{4300,}", text)
    if m is None:  # pragma: no cover - tomllib raises ValueError only for long integers
        return "a number is too long to read"
    line = text.count("\n", 0, m.start()) + 1
    key = re.match(r"\s*([^=\s]+)\s*=", text.split("\n")[line - 1])
    which = f"key '{key[1]}': " if key else ""
    return f"{path}:{line}: {which}a number with {len(m[0]):,} digits; settings numbers are at most {MAX_OPTION_VALUE:,}"


def load_settings(
    config: Path | None = None,
    *,
    cwd: Path | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | Overrides | None = None,
) -> Settings:
    """Resolve settings: file (explicit, discovered, or none) then command-line overrides."""
    cwd = cwd or Path.cwd()
    raw: dict[str, Any] = {}
    where: Path | None = None
    if config is not None:
        if not config.is_file():
            raise ConfigError(f"{config}: configuration file not found")
        data = _read_toml(config)
        if config.name == "pyproject.toml":
            data = data.get("tool", {}).get("newsctl", {})
        else:
            data = _newsctl_toml(config, data)
        raw, where = data, config
    elif not isolated:
        found = find_config(cwd)
        if found:
            where, raw = found
    settings = from_mapping(raw, where)
    if overrides:
        settings = apply_overrides(settings, overrides)
    return settings


def from_mapping(raw: Mapping[str, Any], where: Path | None = None) -> Settings:
    """Validate a raw [tool.newsctl] table into Settings; every error names file and key."""
    label = f"{where}" if where else "settings"
    table = "[tool.newsctl]" if where and where.name == "pyproject.toml" else ""
    known = set(CORE_KEYS) | set(SITE_KEYS) | set(_rulebook().OPTIONS)

    def at(key: str) -> str:
        """The file, with the key's line when it can be found (`pyproject.toml:12`)."""
        line = _line_of(where, key) if where else None
        return f"{label}:{line}" if line else label

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(f"{at(key)}: {table + ' ' if table else ''}key '{key}': {message}")

    for key in raw:
        if key not in known:
            guess = _close_matches(key, sorted(known), n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            raise ConfigError(f"{at(key)}: {table + ' ' if table else ''}unknown key '{key}'{hint}")

    kwargs: dict[str, Any] = {}
    for key in ("select", "extend-select", "ignore"):
        if key in raw:
            kwargs[key.replace("-", "_")] = _selectors(raw[key], lambda m, k=key: fail(k, m))
    if "paths" in raw:
        kwargs["paths"] = _strings(raw["paths"], lambda m: fail("paths", m))
    if "exclude" in raw:
        kwargs["exclude"] = _globs(_strings(raw["exclude"], lambda m: fail("exclude", m)), lambda m: fail("exclude", m))
    site_format = _site_format(raw, fail)
    kwargs["site_format"] = site_format
    if "respect-gitignore" in raw:
        if not isinstance(raw["respect-gitignore"], bool):
            raise fail("respect-gitignore", f"must be true or false, got {raw['respect-gitignore']!r}")
        kwargs["respect_gitignore"] = raw["respect-gitignore"]
    if "required-fields" in raw:
        from newsctl.fields import FIELDS

        req = _strings(raw["required-fields"], lambda m: fail("required-fields", m))
        names = []
        for name in req:
            canonical = site_format.canonical_of(name)
            if canonical is None and name not in site_format.extra_fields:
                raise fail(
                    "required-fields",
                    f"'{name}' is not a known front-matter field ({', '.join(FIELDS)}), an alias of one, "
                    "or one of extra-fields",
                )
            names.append(canonical or name)
        kwargs["required_fields"] = tuple(dict.fromkeys(names))
    if "cache-dir" in raw:
        value = raw["cache-dir"]
        if not isinstance(value, str) or not value.strip():
            raise fail("cache-dir", "must be the path of a directory, as a string")
        kwargs["cache_dir"] = (where.parent / value) if where is not None else Path(value)
    if "new-template" in raw:
        value = raw["new-template"]
        if not isinstance(value, str) or not value.strip():
            raise fail("new-template", "must be the path of a template file, as a string")
        kwargs["new_template"] = (where.parent / value) if where is not None else Path(value)
    if "fail-on" in raw:
        kwargs["fail_on"] = _severity(raw["fail-on"], lambda m: fail("fail-on", m))
    if "severity" in raw:
        sev = raw["severity"]
        if not isinstance(sev, dict):
            raise fail("severity", "must be a table such as { S003 = \"error\" }")
        out = {}
        for selector, value in sev.items():
            _selectors([selector], lambda m, s=selector: fail(f"severity.{s}", m))
            out[selector] = _severity(value, lambda m, s=selector: fail(f"severity.{s}", m))
        kwargs["severity"] = MappingProxyType(out)
    if "per-file-ignores" in raw:
        pfi = raw["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise fail("per-file-ignores", "must be a table of glob = [codes]")
        _globs(list(pfi), lambda m: fail("per-file-ignores", m))
        kwargs["per_file_ignores"] = tuple(
            (pattern, _selectors(codes, lambda m, p=pattern: fail(f"per-file-ignores.{p}", m)))
            for pattern, codes in pfi.items()
        )
    site = _site(raw, fail)
    if site != Site():
        kwargs["site"] = site
    options = {}
    for key, value in raw.items():
        if key in _rulebook().OPTIONS:
            options[key] = _option(_rulebook().OPTIONS[key], value, lambda m, k=key: fail(k, m))
    kwargs["options"] = MappingProxyType(options)
    if where is not None:
        kwargs["config_path"] = where
        kwargs["root"] = where.parent
    return Settings(**kwargs)


def check_url(value: str) -> str | None:
    """None when value is an absolute http(s) URL without query or fragment, else what is wrong."""
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{value!r} is not an absolute http(s) URL such as https://example.com/news/"
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        return f"{value!r} has a query or fragment; pages cannot live under it (use https://example.com/news/)"
    return None


def _site(raw: Mapping[str, Any], fail: Any) -> Site:
    values: dict[str, str] = {}
    for key in SITE_KEYS:
        if key not in raw:
            continue
        value = raw[key]
        if not isinstance(value, str) or not value.strip():
            raise fail(key, f"must be a non-empty string, got {value!r}")
        values[key] = value.strip()
    for key in ("publisher-logo", "base-url"):
        if key in values:
            problem = check_url(values[key])
            if problem:
                raise fail(key, problem)
    if "locale" in values and not _LOCALE.match(values["locale"]):
        raise fail("locale", f"{values['locale']!r} is not a locale such as en_GB, en or de_DE")
    if "timezone" in values:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise fail("timezone", f"{values['timezone']!r} is not an IANA time zone such as Europe/Berlin or UTC") from None
    return Site(
        name=values.get("site-name"),
        publisher=values.get("publisher"),
        publisher_logo=values.get("publisher-logo"),
        base_url=values.get("base-url"),
        default_author=values.get("default-author"),
        locale=values.get("locale"),
        timezone=values.get("timezone"),
    )
def _site_format(raw: Mapping[str, Any], fail: Any) -> SiteFormat:
    """aliases, extra-fields, link-out-fields and template-syntax -> a SiteFormat."""
    from newsctl.fields import FIELDS, LINK_OUT_FIELDS, TEMPLATE_SYNTAX

    kwargs: dict[str, Any] = {}
    if "aliases" in raw:
        table = raw["aliases"]
        if not isinstance(table, dict):
            raise fail("aliases", 'must be a table such as { author = ["writer", "reporter"] }')
        pairs = []
        for canonical, names in table.items():
            if canonical not in FIELDS:
                guess = _close_matches(canonical, list(FIELDS), n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                raise fail(f"aliases.{canonical}", f"'{canonical}' is not a front-matter field{hint}; aliases map site keys onto {', '.join(FIELDS)}")
            pairs.append((canonical, _strings(names, lambda m, c=canonical: fail(f"aliases.{c}", m))))
        kwargs["aliases"] = tuple(pairs)
    if "extra-fields" in raw:
        kwargs["extra_fields"] = _strings(raw["extra-fields"], lambda m: fail("extra-fields", m))
    if "link-out-fields" in raw:
        kwargs["link_out_fields"] = _strings(raw["link-out-fields"], lambda m: fail("link-out-fields", m))
    else:
        kwargs["link_out_fields"] = LINK_OUT_FIELDS
    if "template-syntax" in raw:
        value = raw["template-syntax"]
        if value not in TEMPLATE_SYNTAX:
            raise fail("template-syntax", f"{value!r} is not one of {', '.join(repr(v) for v in TEMPLATE_SYNTAX)}")
        kwargs["template_syntax"] = value
    return SiteFormat(**kwargs) if kwargs else DEFAULT_SITE


@dataclass(frozen=True)
class Overrides:
    """Command-line values that go over the file's: a typed value, so a misspelt key is an error.

    Selectors and severities are raw strings here; `apply_overrides` validates them and names
    the option (`--select: ...`) in its message.
    """

    select: Iterable[str] | str | None = None
    extend_select: Iterable[str] | str | None = None
    ignore: Iterable[str] | str | None = None
    fail_on: str | None = None
    now: datetime | None = None
    no_ignore: bool = False
    options: Mapping[str, Any] | None = None

    @classmethod
    def of(cls, values: Mapping[str, Any] | Overrides) -> Overrides:
        """From a mapping (the CLI's keyword form); an unknown key raises ValueError naming it."""
        if isinstance(values, Overrides):
            return values
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown setting override {unknown[0]!r}; known: {', '.join(sorted(known))}")
        return cls(**values)


def apply_overrides(settings: Settings, overrides: Mapping[str, Any] | Overrides) -> Settings:
    """Command-line values over file values (see `Overrides`; a mapping with a misspelt key raises)."""
    overrides = Overrides.of(overrides)
    changes: dict[str, Any] = {}
    if overrides.select:
        changes["select"] = _selectors(overrides.select, lambda m: ConfigError(f"--select: {m}"))
    if overrides.extend_select:  # adds to the file's extend-select, as --ignore adds to ignore
        extra = _selectors(overrides.extend_select, lambda m: ConfigError(f"--extend-select: {m}"))
        changes["extend_select"] = settings.extend_select + extra
    if overrides.ignore:
        extra = _selectors(overrides.ignore, lambda m: ConfigError(f"--ignore: {m}"))
        changes["ignore"] = settings.ignore + extra
    if overrides.fail_on:
        changes["fail_on"] = _severity(overrides.fail_on, lambda m: ConfigError(f"--fail-on: {m}"))
    if overrides.now is not None:
        changes["now"] = overrides.now
    if overrides.no_ignore:
        changes["respect_gitignore"] = False
    if overrides.options:
        merged = dict(settings.options)
        for key, value in overrides.options.items():
            if key not in _rulebook().OPTIONS:
                guess = _close_matches(key, sorted(_rulebook().OPTIONS), n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                raise ConfigError(f"--option: unknown option '{key}'{hint}")
            merged[key] = _option(_rulebook().OPTIONS[key], value, lambda m, k=key: ConfigError(f"--option {k}: {m}"))
        changes["options"] = MappingProxyType(merged)
    return replace(settings, **changes)


def parse_now(text: str) -> datetime:
    """--now: an ISO 8601 date or datetime; without a timezone it is taken as UTC."""
    from newsctl.fields import Invalid, parse_datetime

    try:
        value, _ = parse_datetime(text)
    except Invalid as exc:
        raise ConfigError(f"--now: {exc}") from None
    from newsctl.timeutil import as_utc_if_naive

    return as_utc_if_naive(value)


def _selectors(value: Any, fail: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise fail("must be a list of rule codes, prefixes or categories")
    out = []
    for item in items:
        if not isinstance(item, str):
            raise fail(f"{item!r} is not a rule code, prefix or category")
        for part in (p.strip() for p in item.split(",")):
            if not part:
                continue
            if not _rulebook().is_valid_selector(part):
                names = [r.code for r in _rulebook().all_rules()] + [r.name for r in _rulebook().all_rules()]
                guess = _close_matches(part, names, n=1)
                hint = f" (did you mean '{guess[0]}'?)" if guess else ""
                raise fail(f"'{part}' matches no rule{hint}; see `newsctl rules`")
            out.append(part)
    return tuple(out)


def _strings(value: Any, fail: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
        raise fail("must be a list of strings")
    return tuple(items)


def _globs(patterns: Any, fail: Any) -> Any:
    """The patterns, once each is known to compile (`[]`, `[z-a]` and an unclosed `[` do not)."""
    from newsctl.globs import check_glob

    for pattern in patterns:
        problem = check_glob(pattern)
        if problem:
            raise fail(problem)
    return patterns


MAX_OPTION_VALUE = 1_000_000_000  # far above any sensible threshold; keeps arithmetic on it exact


def _severity(value: Any, fail: Any) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise fail(f"{value!r} is not one of error, warning, info") from None


def _option(opt: registry.Option, value: Any, fail: Any) -> Any:
    default = opt.default
    if isinstance(default, bool):
        if isinstance(value, str) and value.lower() in ("true", "false"):
            value = value.lower() == "true"
        if not isinstance(value, bool):
            raise fail(f"must be true or false, got {value!r}")
        return value
    if isinstance(default, (int, float)):
        if isinstance(value, str):
            try:
                value = float(value) if "." in value else int(value)
            except ValueError:
                raise fail(f"must be a number, got {value!r}") from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail(f"must be a number, got {value!r}")
        if isinstance(default, int) and not isinstance(value, int):
            raise fail(f"must be a whole number, got {value!r}")
        if isinstance(default, float):
            value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            raise fail(f"must be a finite number, got {value}")
        if abs(value) > MAX_OPTION_VALUE:
            raise fail(f"must be at most {MAX_OPTION_VALUE:,}, got a number with {len(str(int(abs(value))))} digits")
        if opt.minimum is not None and value < opt.minimum:
            raise fail(f"must be at least {opt.minimum:g}, got {value}")
        return value
    if isinstance(default, (list, tuple)):
        return _strings(value, fail)
    if not isinstance(value, str):
        raise fail(f"must be a string, got {value!r}")
    return value


def _rulebook() -> Any:
    """The rule host, every rule registered (imported here, not at the top: start-up stays fast)."""
    from newsctl import rulebook

    return rulebook
