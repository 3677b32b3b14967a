"""Times as newsctl reads them: one rule, in one place.

A time written without a timezone (and a bare date) means UTC, for comparing and for writing
alike; a time with an offset keeps the offset as written.
"""

from __future__ import annotations

from datetime import datetime, timezone


def as_utc_if_naive(dt: datetime) -> datetime:
    """dt, or dt in UTC when it carries no timezone (a naive time means UTC)."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)
