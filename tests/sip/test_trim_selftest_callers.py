"""Regression (found by a review, fixed; the story as found): (issue 11.8 self-test): a caller whose INVITE arrives while the engine starts is
refused with 403 Forbidden, though it was not addressed to the throw-away account.

While `trim_selftest.run` pumps pjsua, the throw-away account is the only one, so pjsua gives it
every INVITE; `_Account.onIncomingCall` answers anything not from our own socket with 403
(trim_selftest.py, `op.statusCode = 200 if ... else 403`). Before the self-test such an INVITE
waited in the socket until the engine was ready and then rang (or its retransmission did); now
the caller gets a final "Forbidden" and the call is lost, with nothing logged or shown. Expected:
no final refusal for a call to a real user during start-up (let it wait, or 503/Retry-After,
or ring once ready)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.sip.agents import free_port

pytestmark = [pytest.mark.sip, pytest.mark.xdist_group("sip")]


def _invite(port: int, my_port: int, n: int) -> bytes:
    sdp = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
           "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
    return (f"INVITE sip:test@127.0.0.1:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{my_port};branch=z9hG4bK-review-{n}\r\n"
            f"From: <sip:caller@127.0.0.1:{my_port}>;tag=t{n}\r\nTo: <sip:test@127.0.0.1:{port}>\r\n"
            f"Call-ID: review-{n}@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:caller@127.0.0.1:{my_port}>\r\n"
            f"Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: {len(sdp)}\r\n\r\n{sdp}").encode()


def _start_under_calls() -> tuple[int, list[int]]:
    """Start an engine while a caller sends a new INVITE every ms: (INVITEs sent, those refused)."""
    port = free_port()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.001)
    my_port = sock.getsockname()[1]
    agent = subprocess.Popen([sys.executable, "-m", "whitephone", "agent", "--no-audio", "--listen",
                              f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready = threading.Event()
    threading.Thread(target=lambda: (agent.stdout.readline(), ready.set()), daemon=True).start()
    codes: dict[int, set[str]] = {}
    try:
        n, end = 0, time.monotonic() + 20
        while not ready.is_set() and time.monotonic() < end:  # one new call every ms until ready
            n += 1
            sock.sendto(_invite(port, my_port, n), ("127.0.0.1", port))
            try:
                while True:
                    data = sock.recv(65535).decode(errors="replace")
                    call = int(data.split("Call-ID: review-", 1)[1].split("@", 1)[0])
                    codes.setdefault(call, set()).add(data.split(" ", 2)[1])
            except (TimeoutError, IndexError, ValueError):
                pass
        assert ready.is_set()
        return n, sorted(c for c, s in codes.items() if "403" in s)
    finally:
        agent.terminate()
        agent.wait(5)
        sock.close()


def test_a_call_arriving_during_start_up_is_not_refused_with_403():
    for _ in range(5):  # a race with a ~10 ms window: a few starts show it
        n, refused = _start_under_calls()
        assert not refused, f"{len(refused)} of {n} callers during start-up got 403 Forbidden"
