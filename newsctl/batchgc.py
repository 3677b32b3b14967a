"""The garbage collector's settings for a batch (lint, outline, readability, export of many files).

A batch builds tens of thousands of small, short-lived, acyclic objects per article (spans,
sentences, tokens, findings); almost all are freed by reference counting, yet each 700
allocations CPython's cyclic collector runs and walks the young objects, and every full
collection walks everything imported and every finding kept so far. Measured on the 2,000
generated articles (issue 12, `lint -j 1`): about 0.2-0.3 ms CPU per article (4-5 %) goes to
it. `for_batch` moves what exists before the batch (modules, rule tables, settings) out of the
collector's sight (`gc.freeze`) and lets the youngest generation grow to 7,000 objects before a
collection; cyclic garbage is still collected, only less often. Called once per process, from
the one place a batch starts (newsctl.engine, and in each worker process).
"""

from __future__ import annotations

import gc

GEN0_THRESHOLD = 7000
# While a command starts (`for_start_up`): more than loading newsctl, Typer and the libraries of
# a lint allocates (~15,000 container objects), so no collection runs before the batch's.
START_UP_GEN0_THRESHOLD = 20000
_tuned = False
_gen0_before_start_up: int | None = None


def for_start_up() -> None:
    """Let the youngest generation grow to START_UP_GEN0_THRESHOLD objects while a command starts
    (`newsctl.cli.common.run_program`). Importing newsctl and its libraries creates objects that
    live as long as the process; a collection each 700 of them (~20, and one of the middle
    generation) cost a one-file lint ~3 ms of CPU for nothing to free (issue 12, third day).
    `for_batch` then sets the batch's threshold, as before; a command that runs no batch keeps
    this one (cyclic garbage is still collected, every 20,000 allocations)."""
    global _gen0_before_start_up
    gen0, gen1, gen2 = gc.get_threshold()
    if _gen0_before_start_up is None:
        _gen0_before_start_up = gen0
    gc.set_threshold(max(gen0, START_UP_GEN0_THRESHOLD), gen1, gen2)


def for_batch() -> None:
    """Tune the collector for a batch of files; a no-op after the first call in a process."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    gc.freeze()
    gen0, gen1, gen2 = gc.get_threshold()
    if _gen0_before_start_up is not None:  # the start-up's threshold was for the start-up only
        gen0 = _gen0_before_start_up
    gc.set_threshold(max(gen0, GEN0_THRESHOLD), gen1, gen2)
