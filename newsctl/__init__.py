"""newsctl: lint, outline and export news articles (Markdown + YAML front matter)."""

__version__ = "0.4.1"
