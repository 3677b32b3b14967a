"""`newsctl server` with a rule that always raises and a parser that fails on "CRASH THE PARSER".

Started by tests/test_server.py as the server process, to check that failures inside newsctl
become error responses and diagnostics while the server keeps serving.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import newsctl.parse  # noqa: E402
from newsctl import registry, rulebook  # noqa: E402,F401  (every rule registered)


@registry.rule("H900", "crashing-rule", "warning", "Always fails (test only).")
def crashing_rule(article, settings):
    """What it checks:
        Nothing: it raises.
    """
    raise RuntimeError("this rule always fails")


_parse = newsctl.parse.parse


def parse(source, *args, **kwargs):
    if "CRASH THE PARSER" in source.text:
        raise RuntimeError("the parser fails on purpose")
    return _parse(source, *args, **kwargs)


newsctl.parse.parse = parse

from newsctl.server.app import serve  # noqa: E402

serve()
