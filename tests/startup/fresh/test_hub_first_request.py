"""Issue 18 moved `import httpx` (and the hub transport) from hub_client.py's, message_sync.py's and
embedded_hub.py's module level into the first HubClient / the functions that use it. The user's
first hub request can fail: refused, silent (timeout), through a proxy that refuses, or to a hub
whose TLS certificate is not trusted. Each must still become the right HubError kind (and
message_sync's "never sent, send again" decision must still see httpx's ConnectError) in a
process where httpx was never imported before that request: each test runs in a fresh process."""

from __future__ import annotations

import socket
import ssl
import sys
import threading

import pytest

from tests.startup.fresh.fresh import inner, run_fresh

HERE = "tests/startup/fresh/test_hub_first_request.py"


def _fresh_start():
    assert "httpx" not in sys.modules, "precondition: nothing imported httpx before the first hub client"
    from whitephone.sync.hub_client import HubClient, HubError
    from whitephone.sync.message_sync import _unsent

    assert "httpx" not in sys.modules
    return HubClient, HubError, _unsent


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@inner
def test_inner_refused():
    HubClient, HubError, _unsent = _fresh_start()
    c = HubClient(f"http://127.0.0.1:{_closed_port()}", timeout=3)
    with pytest.raises(HubError) as e:
        c.login("ann@example.com", "secret")
    assert e.value.kind == "unreachable"
    assert type(e.value.__cause__).__name__ == "ConnectError"
    assert _unsent(e.value) is True  # message_sync: never reached the hub, safe to send again
    assert c.reachable() is False


@inner
def test_inner_silent_hub_times_out():
    HubClient, HubError, _unsent = _fresh_start()
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)  # connections complete in the kernel; nobody ever answers
    conns = []
    threading.Thread(target=lambda: conns.append(srv.accept()), daemon=True).start()
    c = HubClient(f"http://127.0.0.1:{srv.getsockname()[1]}", timeout=1)
    with pytest.raises(HubError) as e:
        c.login("ann@example.com", "secret")
    assert e.value.kind == "unreachable"
    assert "Timeout" in type(e.value.__cause__).__name__
    assert _unsent(e.value) is False  # it may have reached the hub: not resent blindly
    srv.close()


@inner
def test_inner_untrusted_certificate(tmp_path):
    from tests.sip.tlspeer import CertAuthority

    HubClient, HubError, _unsent = _fresh_start()
    crt, key = CertAuthority(tmp_path).server("hub", self_signed=True)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(crt, key)
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)

    def serve():
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            try:
                ctx.wrap_socket(conn, server_side=True).close()
            except (ssl.SSLError, OSError):
                conn.close()

    threading.Thread(target=serve, daemon=True).start()
    c = HubClient(f"https://127.0.0.1:{srv.getsockname()[1]}", timeout=5)
    with pytest.raises(HubError) as e:
        c.login("ann@example.com", "secret")
    assert e.value.kind == "certificate", e.value
    srv.close()


@inner
def test_inner_proxy_refuses_the_tunnel():
    HubClient, HubError, _unsent = _fresh_start()
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)

    def serve():  # an HTTP proxy that forbids every CONNECT
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    c = HubClient("https://hub.example.invalid", timeout=5, proxy=f"http://127.0.0.1:{srv.getsockname()[1]}")
    with pytest.raises(HubError) as e:
        c.login("ann@example.com", "secret")
    assert e.value.kind == "proxy", e.value
    assert _unsent(e.value) is True
    srv.close()


@inner
def test_inner_proxy_not_listening():
    HubClient, HubError, _unsent = _fresh_start()
    c = HubClient("https://hub.example.invalid", timeout=3, proxy=f"http://127.0.0.1:{_closed_port()}")
    with pytest.raises(HubError) as e:
        c.login("ann@example.com", "secret")
    assert e.value.kind in ("proxy", "unreachable"), e.value
    assert _unsent(e.value) is True


@pytest.mark.parametrize("name", ["refused", "silent_hub_times_out", "untrusted_certificate",
                                  "proxy_refuses_the_tunnel", "proxy_not_listening"])
def test_first_hub_request_fails_in_a_fresh_process(name):
    """The user's first hub request (sign-in) fails, in a window that never imported httpx before:
    expected the same HubError kinds as before issue 18 (unreachable / certificate / proxy) and
    message_sync's resend decision unchanged."""
    run_fresh(f"{HERE}::test_inner_{name}", timeout=120)
