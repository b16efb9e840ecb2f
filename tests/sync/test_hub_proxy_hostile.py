"""The hub connection through hostile or odd HTTP proxies (sync/hub_transport.py, net/proxy.py
proxy_for): a proxy that answers CONNECT and then plays the hub with its own certificate (TLS
interception), the environment's no_proxy with address ranges (for the hub, SIP and TURN alike),
a proxy dropping every tunnel. Real hubs on 127.0.0.2, a real MITM proxy thread, real profiles."""

from __future__ import annotations

import socket
import ssl
import threading

import pytest

from tests.sync.conftest import PASSWORD
from tests.sync.test_hub_proxy import FAR, _hub, clean_environment  # noqa: F401
from whitephone.core import http_proxy
from whitephone.net.proxy import ProxyURL, no_proxy, proxy_for
from whitephone.net.proxy_choice import fixed_or_system
from whitephone.sync.hub_client import HubClient, HubError


class InterceptingProxy:
    """Answers every CONNECT with 200, then does TLS itself with `cert` (a certificate for the
    hub's address that the client does not trust): a TLS-intercepting middlebox."""

    def __init__(self, cert, key) -> None:
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(cert, key)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.connects: list[str] = []
        self.handshakes = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            head = b""
            while b"\r\n\r\n" not in head:
                data = conn.recv(1)
                if not data:
                    return
                head += data
            self.connects.append(head.split(b"\r\n", 1)[0].decode())
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            try:
                with self.ctx.wrap_socket(conn, server_side=True) as tls:
                    self.handshakes += 1
                    tls.recv(65536)
            except (ssl.SSLError, OSError):
                pass

    def stop(self) -> None:
        self.sock.close()


def test_a_proxy_intercepting_tls_is_refused_and_never_bypassed(tmp_path):
    """Held (kept as coverage): the hub's certificate is checked inside the tunnel; the request
    fails as 'certificate', with no direct retry to the hub."""
    from whitephone.sync.local_office import make_certificate

    cert, key = make_certificate(tmp_path / "hub-cert", [FAR])
    fake, fake_key = make_certificate(tmp_path / "mitm-cert", [FAR])
    hub = _hub(tmp_path, tls=(cert, key))
    mitm = InterceptingProxy(fake, fake_key)
    try:
        client = HubClient(hub.base, verify=str(cert), proxy=f"http://127.0.0.1:{mitm.port}")
        with pytest.raises(HubError) as err:
            client.login("bob@example.com", PASSWORD)
        assert err.value.kind == "certificate", err.value
        assert mitm.connects and all(c.startswith(f"CONNECT {FAR}:{hub.port}") for c in mitm.connects)
        # the WebSocket's socket goes the same way (the tunnel, no direct socket)
        sock = client.open_socket(5)
        assert sock is not None and sock.getpeername()[1] == mitm.port
        sock.close()
        client.close()
    finally:
        mitm.stop()
        hub.stop()


def test_no_proxy_with_an_address_range_sends_the_hub_direct(tmp_path, monkeypatch):
    """no_proxy=127.0.0.0/8 (an address range, as curl, Go and requests read it; urllib's
    proxy_bypass_environment knows no ranges) with the system's proxy set to a dead one: the hub
    on 127.0.0.2 is reached directly."""
    hub = _hub(tmp_path)
    with socket.socket() as s:  # a port nothing listens on: the "proxy" is gone
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    monkeypatch.setenv("https_proxy", f"http://127.0.0.1:{dead}")
    monkeypatch.setenv("no_proxy", "127.0.0.0/8")
    try:
        client = HubClient(hub.base)
        try:
            client.register("Acme", "Ann Admin", "ann@example.com", PASSWORD)
        except HubError as exc:
            pytest.fail(f"the hub was not reached directly despite no_proxy=127.0.0.0/8: {exc}")
        finally:
            client.close()
    finally:
        hub.stop()


def test_no_proxy_address_ranges_for_the_hub_sip_and_turn(monkeypatch):
    """IPv4 and IPv6 ranges (bracketed or not, with spaces) in no_proxy: the hub's way (proxy_for,
    even with a proxy of the profile's) and the engine's (fixed_or_system: SIP and TURN with the
    system's proxy) go direct for an address inside, through the proxy for one outside; a name is
    never matched by a range, a malformed entry is skipped."""
    monkeypatch.setenv("https_proxy", "http://system-proxy.example:3128")
    monkeypatch.setenv("no_proxy", "10.0.0.0/8, [fd00::]/8,192.168.1.0/24,bad/99,::ffff:0:0/96x, .corp.example")
    system = ProxyURL("system-proxy.example", 3128)
    for inside in ("10.1.2.3", "fd12::1", "[fd12::1]", "192.168.1.77", "crm.corp.example"):
        assert no_proxy(inside), inside
        assert proxy_for(inside) is None and proxy_for(inside, "http://mine.example:8080") is None, inside
        assert fixed_or_system(inside, "") is None, inside
    for outside in ("11.1.2.3", "fe80::1", "192.168.2.1", "ten.example", "10.example"):
        assert not no_proxy(outside), outside
        assert proxy_for(outside) == system and fixed_or_system(outside, "") == system, outside
    monkeypatch.setenv("no_proxy", "127.0.0.0/8")
    assert proxy_for("127.0.0.2") is None and fixed_or_system("127.0.0.9", "") is None


class OpensThenCloses:
    """Answers every CONNECT with 200 and closes the connection at once (a proxy dropping tunnels)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.count = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                head = b""
                try:
                    while b"\r\n\r\n" not in head:
                        data = conn.recv(1)
                        if not data:
                            break
                        head += data
                    self.count += 1
                    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                except OSError:
                    pass

    def stop(self) -> None:
        self.sock.close()


def test_a_proxy_dropping_every_tunnel_does_not_make_the_presence_spin(tmp_path):
    """Held (kept as coverage): signed in directly, then Preferences names a proxy that answers 200
    and closes; the presence WebSocket and the sync retry with a back-off (a few tunnels in 8 s),
    never a tight loop."""
    from tests.sync.conftest import Client

    hub = _hub(tmp_path)
    bad = OpensThenCloses()
    c = Client(tmp_path / "alice")
    try:
        http_proxy.save(c.profile, http_proxy.HttpProxy("none"), None)
        c.session.register(hub.base, "Acme", "alice", "alice@example.com", PASSWORD)
        http_proxy.save(c.profile, http_proxy.HttpProxy("manual", f"127.0.0.1:{bad.port}", ""), None)
        before = bad.count
        c.engine.start(sync=True)
        import time
        time.sleep(8)
        tunnels = bad.count - before
        assert 1 <= tunnels <= 20, tunnels
        assert not c.engine.wait_connected(0.1)
    finally:
        c.close()
        bad.stop()
        hub.stop()
