"""The hub as `whitephone server` runs it cuts off slow clients (a header trickled byte by byte, a body
that stalls) and refuses more than its cap of connections from one address."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time

import httpx
import pytest

pytestmark = pytest.mark.timeout(120)
CAP = 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served_hub(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "whitephone.server.cli", "--port", str(port), "--data", str(tmp_path / "hub"),
         "--sip-secret", secrets.token_hex(32), "--header-timeout", "2", "--body-timeout", "2",
         "--max-connections-per-address", str(CAP)],
        env=os.environ | {"PYTHONUNBUFFERED": "1"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "hub did not start"
                time.sleep(0.2)
        time.sleep(0.5)  # the hub has seen the probes' connections close
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _answer(s: socket.socket) -> bytes:
    """What the hub sends before it closes the connection (b"" for a bare close)."""
    s.settimeout(20)
    out = b""
    try:
        while chunk := s.recv(4096):
            out += chunk
    except ConnectionResetError:
        pass
    return out


def test_a_header_trickled_byte_by_byte_is_cut_off(served_hub):
    request = b"GET /openapi.json HTTP/1.1\r\nHost: hub\r\nX-Pad: " + b"x" * 200 + b"\r\n\r\n"
    with socket.create_connection(("127.0.0.1", served_hub)) as s:
        s.settimeout(0.1)
        sent, cut = 0, False
        while sent < len(request) and not cut:
            try:
                s.sendall(request[sent:sent + 1])
                sent += 1
                cut = s.recv(4096, socket.MSG_PEEK) is not None  # anything (or EOF) before the header ended
            except TimeoutError:
                pass
            except OSError:
                cut = True
        assert cut and sent < len(request), f"the hub waited for all {sent} bytes of the header"
        assert _answer(s).startswith(b"HTTP/1.1 408")


def test_a_stalled_body_is_cut_off(served_hub):
    with socket.create_connection(("127.0.0.1", served_hub)) as s:
        s.sendall(b"POST /api/v1/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 100\r\n\r\n{")  # 99 bytes owed, never sent
        answer = _answer(s)
    assert answer == b"", answer  # closed without an answer (the app saw the client go away)


def test_connections_from_one_address_are_capped(served_hub):
    held = [socket.create_connection(("127.0.0.1", served_hub)) for _ in range(CAP)]
    try:
        for s in held:
            s.sendall(b"GET /openapi.json HTTP/1.1\r\n")  # header under way
        with socket.create_connection(("127.0.0.1", served_hub)) as extra:
            extra.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: hub\r\n\r\n")
            assert _answer(extra).startswith(b"HTTP/1.1 503")
    finally:
        for s in held:
            s.close()
    time.sleep(0.5)  # the hub sees them close
    assert httpx.get(f"http://127.0.0.1:{served_hub}/openapi.json", timeout=10).status_code == 200
