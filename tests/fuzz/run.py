"""`make fuzz`: run the in-process fuzzer for FUZZ_MINUTES minutes (default 10).

Each round runs a batch of generated articles through every command and output format
(`tests/fuzz/check.py`) with a fresh seed. A failure is shrunk by hypothesis to a small
article, saved as tests/fuzz/regressions/<hash>.md (replayed by the normal suite from then
on) and reported; the run goes on until the time is up, then exits 1 if anything failed.

    FUZZ_MINUTES=10 python -m tests.fuzz.run
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.fuzz.check import run_everything
from tests.fuzz.strategies import article

REGRESSIONS = Path(__file__).parent / "regressions"
ROUND = 300  # examples per round: a failure is shrunk and saved before the next round starts


def main() -> int:
    minutes = float(os.environ.get("FUZZ_MINUTES", "10"))
    deadline = time.monotonic() + minutes * 60
    last: list[str] = []

    @settings(max_examples=ROUND, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=False)
    @given(article())
    def one(text: str) -> None:
        last[:] = [text]
        run_everything(text)

    rounds = examples = 0
    failures: dict[str, str] = {}
    while time.monotonic() < deadline:
        seed = random.randrange(2**32)
        try:
            settings_seed = __import__("hypothesis").seed(seed)
            settings_seed(one)()
        except Exception as exc:  # shrunk by hypothesis: `last` holds the minimal example
            text = last[0] if last else ""
            digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
            path = REGRESSIONS / f"{digest}.md"
            if digest not in failures:
                REGRESSIONS.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8", "surrogatepass"))
                first = str(exc).strip().splitlines()
                summary = f"{type(exc).__name__}: {first[0] if first else ''}"
                traceback.print_exception(exc, file=sys.stdout)
                failures[digest] = summary
                print(f"FAILED (seed {seed}): {summary}\n  saved {path}", flush=True)
        rounds += 1
        examples += ROUND
        print(f"round {rounds}: {examples} articles so far, {len(failures)} failures, {max(0, deadline - time.monotonic()) / 60:.1f} min left", flush=True)
    print(f"fuzz: {rounds} rounds, about {examples} generated articles in {minutes:g} min, {len(failures)} distinct failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
