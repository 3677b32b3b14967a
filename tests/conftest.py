"""Shared test helpers. Every test runs offline: opening a network connection fails."""

from __future__ import annotations

import socket
import textwrap
from pathlib import Path
from typing import Any

import pytest

from newsctl.engine import lint_article
from newsctl.parse import parse_text
from newsctl.settings import Settings, from_mapping

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network fails the test loudly."""

    def guard(*args: Any, **kwargs: Any) -> None:
        raise NetworkBlocked(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket.socket, "connect_ex", guard)
    monkeypatch.setattr(socket, "create_connection", guard)


FRONT = """\
---
title: Council approves budget
date: 2024-03-06T18:00:00+01:00
author: Jane Doe
summary: The council passed the budget.
---

"""


def article(body: str, front: str = FRONT, path: str = "a.md"):
    """Parse an article built from a front matter and a dedented body."""
    return parse_text(front + textwrap.dedent(body), path)


def lint(text: str, select: list[str] | None = None, now: str | None = None, **settings: Any):
    """Findings for a whole file's text (front matter included); `now` is an ISO datetime."""
    from dataclasses import replace

    from newsctl.settings import parse_now

    raw = {k.replace("_", "-"): v for k, v in settings.items()}
    if select:
        raw["select"] = select
    s = from_mapping(raw)
    if now is not None:
        s = replace(s, now=parse_now(now))
    return lint_article(parse_text(textwrap.dedent(text), "a.md"), s)


def codes(findings) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in findings]


@pytest.fixture
def settings() -> Settings:
    return Settings()
