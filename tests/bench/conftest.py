"""Benchmarks run only under `make bench-micro` (pytest-benchmark enabled); normal runs skip them."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _only_with_make_bench(request: pytest.FixtureRequest) -> None:
    if not request.config.getoption("benchmark_enable", False):
        pytest.skip("benchmark: run `make bench-micro`")
