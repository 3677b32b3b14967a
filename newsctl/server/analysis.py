"""One open document, checked: its settings, Article, findings and outline.

Knows nothing of LSP or pygls, so tests and `make bench` can call it directly. Settings are found
as the CLI finds them (the nearest newsctl.toml, or pyproject.toml with [tool.newsctl]), walking up
from the document's own directory; they are read again for every check (0.3 ms), so an edited
settings file is picked up on the next check without any cache to invalidate.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsctl.engine import ARTICLE_SUFFIXES, lint_article
from newsctl.findings import Finding
from newsctl.settings import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from newsctl.article import Article
    from newsctl.outline import Outline

CONFIG_NAMES = ("newsctl.toml", "pyproject.toml")


@dataclass(frozen=True)
class Options:
    """What the editor may set in initializationOptions (docs/editors.md)."""

    now: datetime | None = None  # the clock for the date rules; None: the current time at each check
    rules_url: str | None = None  # where docs/rules.md is published (None: not set; "": no links)
    debounce_ms: int = 100  # at most one check per document per this many milliseconds while typing

    @classmethod
    def from_json(cls, raw: Any) -> tuple[Options, list[str]]:
        """Options from the client's JSON, with a message for each value that is not understood."""
        from newsctl.settings import parse_now

        problems: list[str] = []
        if not isinstance(raw, dict):
            return cls(), ([] if raw is None else ["initializationOptions must be an object"])
        now = None
        if raw.get("now") is not None:
            try:
                now = parse_now(str(raw["now"]))
            except ConfigError as exc:
                problems.append(f"initializationOptions.now: {exc}")
        rules_url = raw.get("rulesUrl")
        if rules_url is not None and not isinstance(rules_url, str):
            problems.append("initializationOptions.rulesUrl must be a string (a URL)")
            rules_url = None
        debounce = raw.get("debounceMs", 100)
        if isinstance(debounce, bool) or not isinstance(debounce, int) or debounce < 0:
            problems.append(f"initializationOptions.debounceMs must be a whole number of milliseconds, got {debounce!r}")
            debounce = 100
        unknown = sorted(set(raw) - {"now", "rulesUrl", "debounceMs"})
        if unknown:
            problems.append(f"initializationOptions: unknown keys {', '.join(unknown)} (known: now, rulesUrl, debounceMs)")
        return cls(now=now, rules_url=rules_url, debounce_ms=debounce), problems


@dataclass
class Analysis:
    """The result of checking one version of one document."""

    uri: str
    version: int | None
    text: str
    article: Article | None = None
    findings: list[Finding] = field(default_factory=list)
    settings: Settings | None = None
    config_error: str | None = None  # the settings file is bad: nothing was linted
    config_path: Path | None = None  # the settings file that was read (or failed)
    skipped: str | None = None  # why the document was not linted (excluded, not an article)
    _outline: Outline | None = field(default=None, repr=False)

    @property
    def outline(self) -> Outline | None:
        """The `newsctl outline` tree, built on first use (hover on a heading, document symbols)."""
        if self._outline is None and self.article is not None:
            from newsctl.outline import build_outline

            self._outline = build_outline(self.article, self.settings)
        return self._outline


def is_article(path: Path | None, language_id: str | None) -> bool:
    """Markdown files are articles; an unsaved buffer counts when the editor says it is Markdown."""
    if path is not None:
        return path.name.lower().endswith(ARTICLE_SUFFIXES)
    return (language_id or "").lower() == "markdown"


def is_settings_file(path: Path | str) -> bool:
    return Path(path).name in CONFIG_NAMES


def settings_for(path: Path | None, options: Options, fallback_dir: Path | None = None) -> Settings:
    """The settings the CLI would use for this file; raises ConfigError for a bad settings file."""
    start = path.parent if path is not None else (fallback_dir or Path.cwd())
    settings = load_settings(cwd=start)
    if options.now is not None:
        settings = replace(settings, now=options.now)
    return settings


def _config_file_named(message: str, path: Path | None, fallback_dir: Path | None) -> Path | None:
    """The settings file a ConfigError is about: the one its message starts with, walking up."""
    start = path.parent if path is not None else (fallback_dir or Path.cwd())
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if message.startswith(f"{candidate}:") and candidate.is_file():
                return candidate
    return None


def analyse(
    uri: str,
    text: str,
    version: int | None = None,
    *,
    path: Path | None = None,
    language_id: str | None = "markdown",
    options: Options = Options(),
    fallback_dir: Path | None = None,
) -> Analysis:
    """Check one document's text (the editor's buffer, saved or not) as `newsctl lint` would."""
    from newsctl.parse import parse_text

    result = Analysis(uri=uri, version=version, text=text)
    if not is_article(path, language_id):
        result.skipped = "not a Markdown article"
        return result
    try:
        settings = settings_for(path, options, fallback_dir)
    except ConfigError as exc:
        result.config_error = str(exc)
        result.config_path = _config_file_named(result.config_error, path, fallback_dir)
        return result
    result.settings = settings
    result.config_path = settings.config_path
    shown = _shown_path(path, settings) if path is not None else uri
    if path is not None and settings.is_excluded(shown):
        result.skipped = f"excluded by {settings.config_path.name if settings.config_path else 'settings'}"
        return result
    article = parse_text(text, shown)
    result.article = article
    result.findings = lint_article(article, settings)
    return result


def _shown_path(path: Path, settings: Settings) -> str:
    """The path relative to the settings file's directory, as globs in `exclude` are written."""
    try:
        return path.resolve().relative_to(settings.root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()
