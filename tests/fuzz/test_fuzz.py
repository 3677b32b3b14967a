"""In-process fuzzing of every command and output format (issue 15).

The normal suite runs a few examples (FUZZ_EXAMPLES, default 30) and every saved regression;
`make fuzz` runs `tests/fuzz/run.py` for FUZZ_MINUTES minutes and saves each failing
example it finds into tests/fuzz/regressions/ so it is replayed here from then on.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.fuzz.check import run_everything
from tests.fuzz.strategies import article

REGRESSIONS = Path(__file__).parent / "regressions"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(article())
def test_every_command_accepts_any_article(text: str) -> None:
    run_everything(text)


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.md")), ids=lambda p: p.name)
def test_saved_failures_stay_fixed(path: Path) -> None:
    run_everything(path.read_bytes().decode("utf-8", errors="surrogatepass"))
