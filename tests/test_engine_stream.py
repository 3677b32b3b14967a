"""engine.imap_files: the worker pool's results one at a time, in order (for reporters that stream)."""

from __future__ import annotations


def test_imap_files_gives_map_files_results_one_at_a_time():
    from functools import partial
    from operator import mul

    from newsctl.engine import imap_files, map_files

    items = list(range(60))
    seen: list[int] = []
    stream = imap_files(partial(mul, 3), items, jobs=2, on_result=seen.append)
    assert next(stream) == 0 and seen == [0]  # the first result before the rest are taken
    assert [0, *stream] == map_files(partial(mul, 3), items, jobs=2) == [3 * i for i in items] == seen
