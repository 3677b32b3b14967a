"""A new article from a template: the fields a writer must not forget, filled in.

The template is Jinja2 (a file named by the `new-template` setting, or the built-in one);
it receives `title`, `slug`, `date` (ISO 8601 with the local UTC offset), `section` and
`author` (None when not given), and a `yaml` filter that quotes a value for front matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

DEFAULT_TEMPLATE = """\
---
title: {{ title | yaml }}
date: {{ date }}
author:{% if author %} {{ author | yaml }}{% endif %}
{% if section %}section: {{ section | yaml }}
{% endif %}status: draft
slug: {{ slug }}
---

[Insert the lead here] Who did what, when and where, in one or two sentences.
"""


class TemplateError(Exception):
    """A template that cannot be rendered; the message names the line."""


@dataclass(frozen=True)
class NewArticle:
    slug: str
    text: str


def yaml_scalar(value: Any) -> str:
    """A value written for front matter: quoted only when YAML needs it; None is empty."""
    if value is None:
        return ""
    import yaml

    dumped: str = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def new_article(
    headline: str,
    now: datetime,
    section: str | None = None,
    author: str | None = None,
    template: str | None = None,
    template_name: str = "built-in template",
) -> NewArticle:
    """Render the template for a headline; `now` should carry the local timezone."""
    import jinja2

    from newsctl.importers import slugify

    slug = slugify(headline) or "article"
    env = jinja2.Environment(autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["yaml"] = yaml_scalar
    try:
        text = env.from_string(template if template is not None else DEFAULT_TEMPLATE).render(
            title=headline,
            slug=slug,
            date=now.isoformat(timespec="seconds"),
            section=section,
            author=author,
        )
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{template_name}:{exc.lineno}: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{template_name}: {exc.message} (the template gets title, slug, date, section, author)") from None
    return NewArticle(slug, text)
