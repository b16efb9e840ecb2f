"""The GUI's engine client: start, call, events, and a restart when the engine dies."""

from __future__ import annotations

import queue

import pytest

from tests.sip.agents import AgentProcess
from whitephone.sip.client import EngineClient

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def collect():
    q: queue.Queue = queue.Queue()

    def wait(name: str, timeout: float = 15, **match) -> dict:
        while True:
            ev = q.get(timeout=timeout)
            if ev["event"] == name and all(ev.get(k) == v for k, v in match.items()):
                return ev

    return q.put, wait


def test_client_places_a_call_and_sees_it_end():
    on_event, wait = collect()
    client = EngineClient(on_event)
    try:
        ready = client.start()
        assert ready["address"].startswith("127.0.0.1:")
        with AgentProcess("--answer", "--once") as peer:
            client.send("call", uri=peer.uri)
            wait("state", state="confirmed")
            client.send("hangup", call=0)
            ended = wait("ended")
            assert ended["code"] == 200 and ended["direction"] == "out"
    finally:
        client.stop()
    assert client.proc.returncode == 0


def test_client_restarts_a_dead_engine_and_says_so():
    on_event, wait = collect()
    client = EngineClient(on_event)
    try:
        client.start()
        first = client.proc
        first.kill()  # a crash in pjsip
        died = wait("engine_died")
        assert died["restarting"] is True
        wait("ready")
        assert client.proc is not first and client.proc.poll() is None
        with AgentProcess("--answer", "--once") as peer:  # the new engine works
            client.send("call", uri=peer.uri)
            wait("state", state="confirmed")
            client.send("hangup", call=0)
            assert wait("ended")["code"] == 200
    finally:
        client.stop()


def test_bad_listen_address_is_reported_not_hung():
    on_event, _wait = collect()
    client = EngineClient(on_event, ["--listen", "192.0.2.1:5060"], restart=False)
    with pytest.raises(RuntimeError, match="could not start"):
        client.start()
    client.stop()
    reason = client.ready["reason"]
    assert reason.startswith("cannot start SIP on 192.0.2.1:5060: ") and len(reason) > 40, reason  # pjsip's why
