"""The GUI's engine client: start, call, events, and a restart when the engine dies."""

from __future__ import annotations

import os
import queue
import signal
import time

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
            call = wait("calling")["call"]  # not 0: the engine's start-up self-test made calls
            wait("state", state="confirmed")
            client.send("hangup", call=call)
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
            call = wait("calling")["call"]  # not 0: the engine's start-up self-test made calls
            wait("state", state="confirmed")
            client.send("hangup", call=call)
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


def test_replies_carry_the_request_id_of_their_command():
    on_event, wait = collect()
    client = EngineClient(on_event)
    try:
        client.start()
        good = client.send("audio_stats")
        bad = client.send("hangup", call="not a number")
        unknown = client.send("frobnicate")
        assert wait("ok", req=good)["cmd"] == "audio_stats"
        assert wait("error", req=bad)["cmd"] == "hangup"
        assert "unknown command" in wait("error", req=unknown)["reason"]
    finally:
        client.stop()


def test_a_hung_engine_is_noticed_by_the_heartbeat_and_restarted():
    on_event, wait = collect()
    client = EngineClient(on_event, heartbeat_s=0.2, hung_after_s=2.0)
    try:
        client.start()
        first = client.proc
        wait("ok", req=client.send("audio_stats"))  # answering
        os.kill(first.pid, signal.SIGSTOP)  # alive, but its loop answers nothing any more
        died = wait("engine_died", timeout=30)
        assert died["hung"] is True and died["restarting"] is True
        wait("ready", timeout=30)
        assert client.proc is not first and first.poll() is not None
        wait("ok", req=client.send("audio_stats"))  # the new one answers
    finally:
        client.stop()


def test_the_restart_budget_comes_back_after_a_healthy_run():
    on_event, wait = collect()
    client = EngineClient(on_event, max_restarts=1, healthy_s=1.0)
    try:
        client.start()
        client.proc.kill()
        assert wait("engine_died")["restarting"] is True  # the one restart of the budget
        wait("ready")
        time.sleep(1.5)  # the new engine runs healthy past `healthy_s`
        client.proc.kill()
        assert wait("engine_died")["restarting"] is True  # the budget came back
        wait("ready")
        client.proc.kill()  # dies again at once: a crash loop
        assert wait("engine_died")["restarting"] is False
    finally:
        client.stop()
