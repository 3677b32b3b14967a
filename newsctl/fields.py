"""The front-matter schema: known fields, how each value is checked, and typed Meta.

One table (FIELDS) feeds validation, the unknown-field suggestions and docs/format.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable

STATUSES = ("draft", "ready", "published")
_BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Invalid(ValueError):
    """A front-matter value that does not fit its field; the message says how."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # shown in docs: "string", "datetime", ...
    description: str
    check: Callable[[Any], Any]
    example: str = ""  # a valid value, shown in hints


def parse_datetime(value: Any) -> tuple[datetime, bool]:
    """(datetime, is_bare_date) from an ISO 8601 string; naive when no timezone was written."""
    if isinstance(value, datetime):
        return value, False
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), True
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"expected an ISO 8601 date or datetime such as 2024-03-06T09:30:00+01:00, got {value!r}")
    text = value.strip()
    try:
        if _BARE_DATE.match(text):
            d = date.fromisoformat(text)
            return datetime(d.year, d.month, d.day), True
        value = datetime.fromisoformat(text.replace("z", "Z"))
        # week dates (2026-W09-1) and basic dates (20260302) carry no time either
        return value, not any(c in text.upper() for c in "T :")
    except ValueError:
        raise Invalid(
            f"{text!r} is not a valid ISO 8601 date or datetime (example: 2024-03-06T09:30:00+01:00)"
        ) from None


def _string(value: Any) -> str:
    if isinstance(value, bool):
        raise Invalid(f"expected text, got {_describe(value)}: YAML reads yes/no/on/off/true/false as booleans; put the text in quotes")
    if value is None or isinstance(value, (list, dict, bytes)):
        raise Invalid(f"expected text, got {_describe(value)}")
    text = str(value).strip()
    if not text:
        raise Invalid("is empty")
    return text


def _optional_string(value: Any) -> str | None:
    """Text, or None for an empty value (`image:` left blank by a site template means no image)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _string(value)


def _authors(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        if not value.strip():
            raise Invalid("is empty: name the author")
        return (value.strip(),)
    if isinstance(value, list):
        if not value:
            raise Invalid("is an empty list: name at least one author")
        names = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise Invalid(f"every author must be a non-empty name, got {_describe(item)}")
            names.append(item.strip())
        return tuple(names)
    raise Invalid(f"expected a name or a list of names, got {_describe(value)}")


def _tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid(f"expected a list of strings such as [politics, europe], got {_describe(value)}")
    tags = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise Invalid(f"every tag must be non-empty text, got {_describe(item)}")
        tags.append(item.strip())
    return tuple(tags)


def _status(value: Any) -> str:
    if value not in STATUSES:
        raise Invalid(f"{value!r} is not one of {', '.join(STATUSES)}")
    return value


def _slug(value: Any) -> str:
    text = _string(value)
    if not _SLUG.match(text):
        raise Invalid(f"{text!r} is not a slug: use lowercase letters, digits and single hyphens")
    return text


def _lang(value: Any) -> str:
    text = _string(value)
    if not _LANG.match(text):
        raise Invalid(f"{text!r} is not a language tag such as en or en-GB")
    return text


def _datetime(value: Any) -> tuple[datetime, bool]:
    return parse_datetime(value)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    return repr(value)


FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("title", "string", "Headline shown to readers.", _string, '"Council approves budget"'),
        FieldSpec("date", "datetime", "Publication time, ISO 8601 with timezone (a bare date is allowed).", _datetime, "2026-03-06T09:30:00+01:00"),
        FieldSpec("author", "string or list", "Byline: one name or a list of names.", _authors, "[Jane Doe, Sam Lee]"),
        FieldSpec("summary", "string", "One- or two-sentence description (recommended).", _string, '"The council passed the budget after a six-hour debate."'),
        FieldSpec("section", "string", "Desk or section, e.g. World, Business.", _string, "Politics"),
        FieldSpec("tags", "list of strings", "Subjects, e.g. [cybersecurity, diplomacy].", _tags, "[budget, council]"),
        FieldSpec("updated", "datetime", "Time of the last substantive update.", _datetime, "2026-03-06T14:00:00+01:00"),
        FieldSpec("slug", "string", "URL name: lowercase letters, digits and hyphens.", _slug, "council-approves-budget"),
        FieldSpec("status", "draft | ready | published", "Workflow state.", _status, "published"),
        FieldSpec("embargo", "datetime", "Not to be published before this time.", _datetime, "2026-03-06T00:01:00+00:00"),
        FieldSpec("lang", "language tag", "Language of the article (default en).", _lang, "en-GB"),
        FieldSpec("image", "string", "Lead image: a URL, or a path resolved against the export's base URL (empty: none).", _optional_string, "https://example.com/img/flood.jpg"),
        FieldSpec("image_alt", "string", "Alt text of the lead image.", _optional_string, '"Firefighters wade through floodwater"'),
        FieldSpec("image_caption", "string", "Caption (and credit) of the lead image.", _optional_string, '"Mill Road on Tuesday. Photo: J. Doe"'),
    )
}
