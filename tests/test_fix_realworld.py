"""Safe fixes on real published copy (../shared/realworld, skipped when absent): the rendered
HTML is the same before and after (whitespace runs collapsed, as a browser shows them), and a
second pass finds nothing. The whole archives: `make fix-check`."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newsctl.fixes import fix_bytes
from newsctl.parse import markdown
from newsctl.settings import load_settings, parse_now
from tests.conftest import SHARED

REALWORLD = SHARED / "realworld"
SAMPLE = None if os.environ.get("NEWSCTL_REALWORLD_ALL") else 40
# whitespace-only fixes: the page must render identically (H003 changes words on purpose)
SETTINGS = load_settings(isolated=True, overrides={"select": ["H008", "H009"], "now": parse_now("2025-04-09T12:00:00Z")})


def _files() -> list[Path]:
    if not REALWORLD.is_dir():
        return []
    files = sorted(REALWORLD.glob("*/**/*.md"))
    candidates = [p for p in files if re.search(rb"[ \t]\r?\n|\S  +\S", p.read_bytes())]
    return candidates[:SAMPLE] if SAMPLE else candidates


def _html(data: bytes) -> str:
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    return re.sub(r"\s+", " ", markdown().render(text))


@pytest.mark.skipif(not REALWORLD.is_dir(), reason=f"real-world archives not found at {REALWORLD}")
def test_whitespace_fixes_render_the_same_on_real_copy():
    files = _files()
    assert files, "expected real articles with trailing or doubled spaces"
    changed = 0
    for path in files:
        data = path.read_bytes()
        out = fix_bytes(data, path.name, SETTINGS)
        assert _html(out.fixed) == _html(data), path
        assert not fix_bytes(out.fixed, path.name, SETTINGS).applied, path
        changed += out.changed
    assert changed > 0  # some candidates only have front-matter spaces, hard breaks or code
