"""Review (Engine.dtmf, SIP INFO fallback): one DTMF "digit" that is a NUL kills the far end.

`Engine.dtmf` sends any character it is given: `dialDtmf("\\x00")` raises, so the SIP INFO
fallback sends it (whitephone/sip/engine.py `dtmf`, the `except pj.Error` branch). The INFO's
body is cut at the NUL, and the receiving WhitePhone engine aborts in pjsua's dtmf-relay parser:

    ../src/pj/string.c:150: pj_strstr: Assertion `str->slen >= 0 && substr->slen >= 0' failed.

So any peer (a scanner, an attacker, or another WhitePhone fed a bad character by the GUI/CLI)
can end a WhitePhone engine and its calls with one INFO. Expected: the sender refuses what is
not a DTMF digit, and the receiver survives (ignores or rejects the malformed INFO)."""

from __future__ import annotations

import time

import pytest

from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


@pytest.mark.parametrize("answered", [False, True], ids=["ringing", "confirmed"])
def test_a_nul_digit_does_not_kill_the_far_engine(answered):
    with AgentProcess("--no-audio", ipc=True) as me, AgentProcess("--no-audio", ipc=True) as far:
        me.send(cmd="call", uri=far.uri)
        inc = far.wait_for("incoming")["call"]
        out = me.wait_for("state", state="early")["call"]
        if answered:
            far.send(cmd="answer", call=inc)
            me.wait_for("state", state="confirmed")
        me.send(cmd="dtmf", call=out, digits="5")
        far.wait_for("dtmf", digit="5")
        me.send(cmd="dtmf", call=out, digits="\x00")
        time.sleep(1.5)
        assert far.proc.poll() is None, f"the far engine died: {far._stderr()[-300:]}"
        assert me.proc.poll() is None, me._stderr()
