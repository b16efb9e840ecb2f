"""Break-it review of issue 13: `whitephone crm report` with dates at the calendar's edges."""

from __future__ import annotations

import json

import pytest

from tests.sync.test_cli import wp

pytestmark = pytest.mark.timeout(120)


def test_crm_report_until_year_one_is_a_clean_refusal(tmp_path):
    """`whitephone crm report --until 0001-01-10` (a typo for 2001, or a script's zero date)
    dies with a Python traceback "OverflowError: date value out of range" (the default start is
    29 days before). Expected: a refusal in the command's JSON error form on stderr (exit 2),
    like `--since is after --until`, or an empty report."""
    p = tmp_path / "p"
    r = wp(p, "crm", "report", "--until", "0001-01-10")
    assert "Traceback" not in r.stderr, r.stderr[-400:]
    assert r.returncode in (0, 2), r.stderr[-400:]
    if r.returncode == 2:
        assert "error" in json.loads(r.stderr.strip().splitlines()[-1])
