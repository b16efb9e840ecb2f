"""pjsip's log goes to a size-limited rotating file, never to the console (stdout is JSON only)."""

from __future__ import annotations

import pytest

from tests.sip.agents import AgentProcess

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def test_pjsip_log_goes_to_its_file(tmp_path):
    log = tmp_path / "logs" / "pjsip.log"
    with AgentProcess("--answer", "--echo") as far, AgentProcess("--no-audio", "--log", str(log), ipc=True) as me:
        me.send(cmd="call", uri=far.uri)
        media = me.wait_for("media", status="active")
        me.send(cmd="hangup", call=media["call"])
        me.wait_for("ended")
        me.send(cmd="quit")
        assert me.proc.wait(10) == 0
    text = log.read_text()
    assert "INVITE sip:" in text and "PJSUA destroyed" in text  # SIP messages and a clean end


def test_rotating_log_keeps_backups(tmp_path):
    from whitephone.sip.engine import _RotatingLog

    class Entry:
        msg = "x" * 200 + "\n"

    writer = _RotatingLog(str(tmp_path / "pjsip.log"), max_bytes=2000, backups=2)
    for _ in range(100):
        writer.write(Entry())
    writer.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pjsip.log", "pjsip.log.1", "pjsip.log.2"]
    assert all(p.stat().st_size <= 2000 for p in tmp_path.iterdir())
