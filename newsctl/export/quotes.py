"""Quotation marks by language for the typographer (markdown-it's `quotes` option:
double open, double close, single open, single close). Other languages get English marks."""

from __future__ import annotations

QUOTES = {
    "de": "„“‚‘",
    "fr": ["«\u202f", "\u202f»", "‹\u202f", "\u202f›"],
    "es": "«»“”",
    "it": "«»“”",
    "nl": "“”‘’",
    "pl": "„”‚’",
    "ru": "«»„“",
    "sv": "””’’",
}
