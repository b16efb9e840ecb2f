"""Run one test of this folder in a fresh Python process (its own pytest), where nothing earlier
has imported the modules the change under test now imports lazily (issue 18): in the suite's
own process, other tests' fixtures (hub clients, call windows) imported them long before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FRESH = "WHITEPHONE_REVIEW_FRESH"
ROOT = Path(__file__).resolve().parents[3]

inner = pytest.mark.skipif(not os.environ.get(FRESH), reason="runs in its own process (fresh.run_fresh)")


def run_fresh(node: str, timeout: float = 240) -> subprocess.CompletedProcess:
    """pytest `node` (path::test of this folder) in a child process; its output on failure."""
    env = dict(os.environ, **{FRESH: "1"}, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-x", "-p", "no:xdist",
                        "-o", "addopts=", node], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=timeout)
    assert r.returncode == 0, f"{node} failed in a fresh process:\n{r.stdout[-6000:]}\n{r.stderr[-3000:]}"
    assert " passed" in r.stdout and "skipped" not in r.stdout.split("\n")[-2], r.stdout[-2000:]
    return r
