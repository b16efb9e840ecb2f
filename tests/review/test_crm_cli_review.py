"""Review (CRM CLI): real `whitephone` processes with their own profiles."""

from __future__ import annotations

import pytest

from tests.sync.test_cli import err, out, wp

pytestmark = pytest.mark.timeout(240)


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"])
def test_remind_at_the_edge_of_the_calendar_is_a_clear_error_not_a_traceback(tmp_path, when):
    """`crm remind 1 --at 9999-12-31T23:59:59-05:00` parses, but converting it to UTC overflows:
    the command dies with an OverflowError traceback instead of exit 2 and {"kind": "bad_value"}
    (whitephone/store/crm.py _iso catches only ValueError)."""
    a = tmp_path / "a"
    (rec,) = out(wp(a, "crm", "new", "--number", "+4930123456", "--type", "Support", "--priority", "high",
                    "--subject", "Boiler"))
    r = wp(a, "crm", "remind", rec["id"], "--at", when)
    assert "Traceback" not in r.stderr, r.stderr[-600:]
    assert r.returncode == 2 and err(r)["kind"] == "bad_value"
