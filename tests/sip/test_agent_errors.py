"""`whitephone agent` given addresses it cannot use: an `error` event, a clean shut-down
(`stopped`) and exit status 2, never a traceback; a call that fails at once still ends with
`ended` and its code."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]

CASES = {
    "bad call uri": (["--call", "not a uri"], 2),
    "unknown host": (["--call", "sip:bob@no-such-host.invalid"], 0),  # a call that failed: ended 502
    "bad account": (["--account", "alice"], 2),
    "bad registrar": (["--account", "sip:alice@127.0.0.1", "--registrar", "nonsense"], 2),
}


def test_unusable_addresses_are_reported_and_the_agent_stops_cleanly():
    procs = {name: subprocess.Popen([sys.executable, "-m", "whitephone", "agent", "--no-audio", *args],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True)
             for name, (args, _) in CASES.items()}  # all at once: each takes a second to shut down
    results = {}
    for name, p in procs.items():
        out, err = p.communicate(timeout=30)
        results[name] = (p.returncode, [json.loads(line) for line in out.splitlines()], err)
    for name, (code, events, err) in results.items():
        kinds = [e["event"] for e in events]
        assert code == CASES[name][1], (name, code, events, err[-2000:])
        assert "Traceback" not in err, (name, err[-2000:])
        assert kinds[-1] == "stopped", (name, events)
        # an unknown host is no error of the command: pjsip's resolver looks it up without
        # blocking and the call ends with 502 and DNS's answer (test_name_lookup.py)
        assert ("error" in kinds) == (name != "unknown host"), (name, events)
    for name in ("bad call uri", "bad account", "bad registrar"):
        (error,) = [e for e in results[name][1] if e["event"] == "error"]
        assert "Invalid" in error["reason"] and "URI" in error["reason"], error
    ended = [e for e in results["unknown host"][1] if e["event"] == "ended"]
    assert len(ended) == 1 and ended[0]["code"] == 502 and ended[0]["direction"] == "out", ended
    assert "DNS" in ended[0]["reason"], ended
