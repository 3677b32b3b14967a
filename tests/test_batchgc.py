"""newsctl.batchgc: the collector's thresholds while a command starts and for a batch.

Checked in fresh interpreters (the thresholds are process-wide). Not a timing test: it checks
when collections run, which is what the start-up's CPU follows from (issue 12, third day).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> list:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stderr.splitlines()[-1])


def test_the_start_up_threshold_then_the_batchs():
    code = (
        "import gc, json, sys\n"
        "from newsctl import batchgc\n"
        "gc.set_threshold(700, 10, 10)\n"
        "seen = [gc.get_threshold()]\n"
        "batchgc.for_start_up(); seen.append(gc.get_threshold())\n"
        "batchgc.for_start_up(); seen.append(gc.get_threshold())\n"
        "batchgc.for_batch(); seen.append(gc.get_threshold())\n"
        "sys.stderr.write(json.dumps(seen) + '\\n')\n"
    )
    assert _run(code) == [[700, 10, 10], [20000, 10, 10], [20000, 10, 10], [7000, 10, 10]]


def test_a_batch_without_a_start_up_is_tuned_as_before():
    code = (
        "import gc, json, sys\n"
        "from newsctl import batchgc\n"
        "gc.set_threshold(9000, 5, 5)\n"
        "batchgc.for_batch()\n"
        "sys.stderr.write(json.dumps(gc.get_threshold()) + '\\n')\n"
    )
    assert _run(code) == [9000, 5, 5]


def test_a_one_file_lint_collects_nothing_before_its_batch():
    # loading newsctl, PyYAML and markdown-it allocates fewer objects than the start-up threshold
    code = (
        "import gc, json, sys\n"
        "from newsctl import batchgc\n"
        "collections, at = [], []\n"
        "gc.callbacks.append(lambda phase, info: phase == 'start' and collections.append(info['generation']))\n"
        "for_start_up, for_batch = batchgc.for_start_up, batchgc.for_batch\n"
        "batchgc.for_start_up = lambda: at.append(len(collections)) or for_start_up()\n"
        "batchgc.for_batch = lambda: at.append(len(collections)) or for_batch()\n"
        "import atexit\n"
        "atexit.register(lambda: sys.__stderr__.write('\\n' + json.dumps([at, gc.get_threshold()]) + '\\n'))\n"
        "sys.argv = ['newsctl', 'lint', '--no-cache', '--now', '2026-11-28T12:00:00Z', 'articles/ostra-river-floods-velden.md']\n"
        "from newsctl.cli.entry import main\n"
        "main()\n"
    )
    (start_up, batch), threshold = _run(code)
    assert batch == start_up and threshold[0] == 7000
