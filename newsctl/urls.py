"""URL helpers shared by export, feeds and the CLI."""

from __future__ import annotations


def with_trailing_slash(base_url: str) -> str:
    """A base URL ending in "/", so `urljoin(base, "page.html")` stays inside its directory.

    Without it urljoin("https://example.com/news", "a.html") drops "news" and gives
    "https://example.com/a.html".
    """
    return base_url if base_url.endswith("/") else base_url + "/"


def beside(base_url: str, file_name: str) -> str:
    """The address of a file published in the base URL's directory (a feed's own URL)."""
    from urllib.parse import quote, urljoin

    return urljoin(with_trailing_slash(base_url), quote(file_name))
