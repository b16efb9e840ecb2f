"""Break-it review of issue 16 (Reach): the TLS relay, Record-Route rewriting, pins, the ladder's
memory and the network test's report. Real TLS servers on 127.0.0.1 (free ports), real
certificates from openssl, the real relay thread, the real CLI."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.sip.tlspeer import CertAuthority
from whitephone.net.proxy import ProxyURL, ReachError
from whitephone.net.tls import connect_tls, fingerprint
from whitephone.sip.rr_rewrite import RouteRewriter, SipFramer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    ca = CertAuthority(tmp_path_factory.mktemp("rvreach"))
    return {"ca": ca,
            "good": ca.server("good"),  # CA-signed for localhost / 127.0.0.1
            "hub_a": ca.server("huba", san="DNS:hub-a.example", self_signed=True),
            "other": ca.server("other", san="DNS:other.example", self_signed=True)}


def _der(pem: Path) -> bytes:
    return ssl.PEM_cert_to_DER_cert(pem.read_text())


class TlsServer:
    """A TLS server on 127.0.0.1 that records what each connection sent and answers with `replies`
    (bytes sent right after the handshake, per connection in order)."""

    def __init__(self, cert: Path, key: Path, replies: list[bytes] | None = None) -> None:
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(cert, key)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.replies = list(replies or [])
        self.received: list[bytes] = []
        self.conns: list[ssl.SSLSocket] = []
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                raw, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(raw,), daemon=True).start()

    def _serve(self, raw: socket.socket) -> None:
        try:
            conn = self.ctx.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            return
        self.conns.append(conn)
        index = len(self.received)
        self.received.append(b"")
        if self.replies:
            conn.sendall(self.replies.pop(0))
        conn.settimeout(5)
        try:
            while data := conn.recv(65536):
                self.received[index] += data
        except (OSError, ssl.SSLError):
            pass

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            try:
                c.close()
            except OSError:
                pass


def _connect(host, port, **kw):
    async def go():
        r, w = await connect_tls(host, port, timeout=5, **kw)
        w.close()
    asyncio.run(go())


# -- pins --------------------------------------------------------------------------------------

def test_a_pinned_certificate_is_not_accepted_for_another_server_name(pki):
    """The user pinned hub A's self-signed certificate (consent dialog: "trust hub-a.example").
    A server that claims to be `registrar.example` and shows hub A's certificate is then accepted
    silently: pins are one global set and, with any pin present, the host name is never checked.
    Whoever holds hub A's key can impersonate every TLS server the phone talks to. Expected: the
    pin covers the server it was given for (or at least the names in its certificate); another
    name gets a `hostname` refusal."""
    cert, key = pki["hub_a"]
    srv = TlsServer(cert, key)
    try:
        with pytest.raises(ReachError):
            _connect("127.0.0.1", srv.port, server_name="registrar.example",
                     pins=frozenset({fingerprint(_der(cert))}))
    finally:
        srv.close()


def test_pinning_one_self_signed_hub_does_not_break_ca_signed_servers(pki):
    """The user pinned one self-signed hub. Their other TLS account's server has a proper
    certificate signed by a trusted CA for its right name; it is now refused with
    "pin_mismatch" ("the certificate ... is not the pinned one"): with any pin set, CA
    verification is switched off and only pinned certificates pass. Expected: a certificate the
    CA vouches for is still accepted; pins only add trust."""
    cert, key = pki["good"]
    srv = TlsServer(cert, key)
    try:
        _connect("127.0.0.1", srv.port, server_name="localhost", ca_file=str(pki["ca"].ca),
                 pins=frozenset({fingerprint(_der(pki["hub_a"][0]))}))
    finally:
        srv.close()


# -- Record-Route across the relay -------------------------------------------------------------

def _wait(pred, timeout=5.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.02)
    return False


def test_in_dialog_request_after_the_tls_connection_dropped_keeps_the_proxys_route(pki):
    """A call set up over the relay: the proxy record-routes `sips:proxy.example;lr` and the relay
    shows pjsip `sip:127.0.0.1:PORT;...;wp-rr=0`. The TLS connection then drops (NAT timeout, Wi-Fi
    blip, the proxy closing idle connections) and pjsip sends the BYE on a new connection through
    the same local port. The new connection's rewriter never saw the Record-Route, so the BYE goes
    to the proxy with `Route: <sip:127.0.0.1:PORT;transport=tcp;lr;wp-rr=0>`: the proxy routes it
    to its own loopback, the far end never hears the hang-up and keeps ringing/talking.
    Expected: the proxy's own route URI is restored on any connection of that route."""
    from whitephone.sip.relay import TlsRelay, TlsTarget

    cert, key = pki["hub_a"]
    ok_200 = (b"SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5090;branch=z9hG4bKa\r\n"
              b"Record-Route: <sips:proxy.example;lr>\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>;tag=2\r\n"
              b"Call-ID: c1\r\nCSeq: 1 INVITE\r\nContact: <sip:b@10.0.0.2>\r\nContent-Length: 0\r\n\r\n")
    srv = TlsServer(cert, key, replies=[ok_200])
    events: list[dict] = []
    relay = TlsRelay(events.append, pins=frozenset({fingerprint(_der(cert))}), connect_timeout=5)
    try:
        port = relay.route(TlsTarget("127.0.0.1", srv.port, server_name="hub-a.example"))
        first = socket.create_connection(("127.0.0.1", port), timeout=5)
        first.sendall(b"INVITE sip:b@x SIP/2.0\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n")
        got = b""
        while b"\r\n\r\n" not in got:
            got += first.recv(65536)
        assert b"wp-rr=0" in got, got  # the relay's own route, as designed
        route = [line for line in got.split(b"\r\n") if line.lower().startswith(b"record-route:")][0]
        route_uri = route.split(b":", 1)[1].strip()
        first.close()
        assert _wait(lambda: len(srv.received) == 1 and b"INVITE" in srv.received[0])
        second = socket.create_connection(("127.0.0.1", port), timeout=5)
        second.sendall(b"BYE sip:b@10.0.0.2 SIP/2.0\r\nRoute: " + route_uri + b"\r\nCall-ID: c1\r\n"
                       b"CSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n")
        assert _wait(lambda: len(srv.received) == 2 and b"\r\n\r\n" in srv.received[1])
        bye = srv.received[1]
        second.close()
        assert b"Route: <sips:proxy.example;lr>" in bye, bye
    finally:
        relay.close()
        srv.close()


def test_record_route_with_space_before_colon_is_rewritten():
    """`Record-Route : <sips:proxy.example;lr>` (whitespace before the colon is legal SIP, RFC 3261
    7.3.1; some proxies and SBCs write it) is passed to pjsip untouched: pjsip has no TLS of its
    own, cannot send the ACK/BYE to a sips: route, and the call hangs up or never ends cleanly.
    Expected: rewritten to the relay like `Record-Route:`."""
    rr = RouteRewriter("127.0.0.1:4000", "proxy.example:5061")
    msg = (b"SIP/2.0 200 OK\r\nRecord-Route : <sips:proxy.example;lr>\r\nCall-ID: x\r\n"
           b"Content-Length: 0\r\n\r\n")
    assert b"sips:proxy.example" not in rr.inbound(msg)


def test_framer_does_not_buffer_without_bound_on_a_huge_content_length():
    """A far end (or anything speaking after the TLS handshake) sends a head with
    `Content-Length: 99999999999`. The relay's framer then waits for 100 GB of body, keeps every
    following byte in memory and delivers nothing more to pjsip: the engine's memory grows with
    whatever arrives and signalling on that connection stops with no error. Expected: a bound
    (the framer's 1 MiB limit) after which the bytes are passed on or the connection is closed."""
    f = SipFramer()
    f.feed(b"SIP/2.0 200 OK\r\nContent-Length: 99999999999\r\n\r\n")
    chunk = b"x" * 65536
    for _ in range(48):  # 3 MiB
        f.feed(chunk)
    assert len(f.buf) <= f.limit


# -- credentials ---------------------------------------------------------------------------------

def test_nettest_with_a_bad_proxy_port_does_not_print_the_proxy_password(tmp_path):
    """`whitephone nettest --proxy http://alice:S3cretPw@proxy.example:99999` (a typo in the
    port) prints `{"error": "the proxy URL 'http://alice:S3cretPw@...' has a bad port"}`: the
    proxy password lands in the JSON, in terminals, CI logs and support tickets. The same text
    becomes the engine's registration_failed reason for an automatic account. Expected: the error
    names the proxy without its password."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for k in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"):
        env.pop(k, None)
    out = subprocess.run([sys.executable, "-m", "whitephone", "--profile", str(tmp_path / "p"), "nettest",
                          "--registrar", "sip:127.0.0.1:9", "--proxy", "http://alice:S3cretPw@proxy.example:99999",
                          "--timeout", "0.5"], capture_output=True, text=True, env=env, timeout=60, cwd=ROOT)
    assert "S3cretPw" not in out.stdout + out.stderr, out.stdout + out.stderr


# -- the ladder's memory -------------------------------------------------------------------------

@pytest.mark.parametrize("junk", [["udp"], "tls", {"gw=?|proxy=-": "tls"}, {"gw=?|proxy=-": ["x"]}])
def test_a_tampered_or_old_reach_setting_does_not_crash_the_ladder(tmp_path, junk):
    """settings.json's "reach" (the remembered rung per network) edited by hand, written by
    another version, or half-restored from a backup: the agent / the window's engine crashes with
    AttributeError/TypeError before any rung is tried, and an automatic account never registers.
    Expected: a malformed memory is ignored (the ladder climbs from the bottom)."""
    from whitephone.profile import Profile
    from whitephone.sip import ladder
    from whitephone.sip.reach import signalling_plan

    prof = tmp_path / "prof"
    p = Profile.open(prof)
    key = ladder.network_key(None)
    if isinstance(junk, dict):
        junk = {key: list(junk.values())[0]}
    p.set(ladder.SETTINGS_KEY, junk)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    port = udp.getsockname()[1]

    def answer():
        try:
            udp.settimeout(5)
            data, addr = udp.recvfrom(65535)
            udp.sendto(b"SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n", addr)
        except Exception:  # noqa: BLE001 - the socket closed under us: the test has its answer
            pass
    threading.Thread(target=answer, daemon=True).start()
    ns = argparse.Namespace(proxy="", registrar=f"sip:127.0.0.1:{port}", call=None, tls_port=None, transport=None,
                            tls_server="", probe_timeout=1.0, profile=str(prof), ca_file=None, pin_cert=[])
    env_keep = {k: os.environ.pop(k) for k in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY")
                if k in os.environ}
    try:
        plan = signalling_plan(ns, lambda e: None)
    finally:
        os.environ.update(env_keep)
        udp.close()
    assert plan.rung == "udp"


@pytest.mark.parametrize("command", [
    dict(cmd="account", transport="tls", tls_proxy="http://alice:S3cretPw@127.0.0.1:3128", id="x",
         uri="sips:bob@", registrar="sips:", user="bob", password="pw", req=1),
    dict(cmd="nat", ice=True, stun=[], turn="turn:", turn_user="1796:7", turn_password="S3cretPw", proxy="", req=2),
], ids=["account-proxy-password", "nat-turn-password"])
def test_engine_error_event_does_not_carry_secrets(command):
    """The window sends each TLS/automatic account to the engine with `tls_proxy` (the Preferences
    proxy URL, user:password included) as the command's first field, and the hub's TURN servers
    with the TURN password (`nat`). Any such command that fails (a registrar with no host, a TURN
    URI the hub mistyped) comes back as an `error` event whose `command` is the raw line: the proxy
    password / TURN password lands in the agent's JSON output and whatever records the events.
    Expected: the failed command is named without secrets."""
    from tests.sip.agents import AgentProcess

    with AgentProcess("--transport", "udp", "--no-audio", ipc=True) as a:
        a.wait_for("ready", timeout=20)
        a.send(**command)
        ev = a.wait_for("error", timeout=10)
    assert "S3cretPw" not in json.dumps(ev), ev


def test_a_huge_route_tag_does_not_kill_the_relay_connection():
    """A hostile far end record-routes `<sip:127.0.0.1:PORT;lr;wp-rr=999...9>` (5000 digits; the
    relay leaves it as it is since it is neither TLS nor the far end). pjsip then sends the ACK/BYE
    to the relay with that Route, and the relay's outbound rewrite does int() on it: ValueError
    (Python's 4300-digit limit) escapes the pipe, the TLS connection is torn down and the call's
    signalling is cut. Expected: an unknown tag is left as it is."""
    rr = RouteRewriter("127.0.0.1:4000", "proxy.example:5061")
    msg = (b"BYE sip:b@x SIP/2.0\r\nRoute: <sip:127.0.0.1:4000;transport=tcp;lr;wp-rr=" + b"9" * 5000 + b">\r\n"
           b"Content-Length: 0\r\n\r\n")
    assert rr.outbound(msg) == msg


def test_connect_tunnel_refuses_a_host_with_line_breaks():
    """The CONNECT request is built by formatting the server's host into the request line and the
    Host header. A registrar/TURN host that carries CR/LF (a hand-edited account, a pasted or
    clicked `sips:` link, a hub's /network answer) injects headers, or a whole second request,
    into what the user's authenticated HTTP proxy receives, with the user's Proxy-Authorization.
    Expected: such a host is refused before anything is sent."""
    got: list[bytes] = []
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)

    def serve():
        c, _ = srv.accept()
        c.settimeout(3)
        try:
            got.append(c.recv(4096))
        except OSError:
            pass
        c.close()
    threading.Thread(target=serve, daemon=True).start()
    host = "sip.example:443 HTTP/1.1\r\nHost: x\r\n\r\nGET http://intranet.local/ HTTP/1.1\r\nX-A"
    with pytest.raises(ReachError):
        _connect(host, 5061, server_name="sip.example",
                 proxy=ProxyURL.parse(f"http://alice:pw@127.0.0.1:{srv.getsockname()[1]}"))
    srv.close()
    assert not any(b"GET http://intranet.local/" in g for g in got), got


def test_relay_port_does_not_carry_another_processs_connection(pki):
    """The relay listens on 127.0.0.1 and carries every connection to the far end over TLS (and
    through the user's proxy with the user's proxy credentials). Any other local process or
    user on the machine (a terminal server, a shared lab PC) that finds the port gets a verified
    TLS pipe to the registrar through the user's authenticated proxy and pinned trust. Expected:
    the relay carries only the engine's own connections (e.g. checks the peer is this process)."""
    from whitephone.sip.relay import TlsRelay, TlsTarget

    cert, key = pki["hub_a"]
    srv = TlsServer(cert, key)
    relay = TlsRelay(lambda e: None, pins=frozenset({fingerprint(_der(cert))}), connect_timeout=5)
    try:
        port = relay.route(TlsTarget("127.0.0.1", srv.port, server_name="hub-a.example"))
        code = (f"import socket,time; s=socket.create_connection(('127.0.0.1',{port}));"
                "s.sendall(b'OPTIONS sip:x SIP/2.0\\r\\nContent-Length: 0\\r\\n\\r\\n'); time.sleep(1)")
        subprocess.run([sys.executable, "-c", code], timeout=20, check=True)
        _wait(lambda: srv.received and srv.received[0], timeout=2)
        assert not any(b"OPTIONS" in r for r in srv.received), srv.received
    finally:
        relay.close()
        srv.close()


def test_window_network_test_uses_the_preferences_proxy_and_ca(qtbot, tmp_path, monkeypatch):
    """Help → Network Test in a window whose HTTP proxy and CA file are set in Preferences
    (settings "tls": what the engine's relay and the ladder use): the test runs without them.
    In a proxy-only network (profile 3) calls work, yet the report says "No way to the registrar
    works: calls cannot be made", never tries the proxy rungs, and with a private CA calls the
    registrar's certificate untrusted ("ask IT whether a proxy inspects TLS"). Expected: the
    network test gets the same proxy and CA (and pins) the calls use."""
    from PySide6.QtWidgets import QWidget

    from whitephone import nettest
    from whitephone.profile import Profile
    from whitephone.ui.main_window import MainWindow

    profile = Profile.open(tmp_path / "prof")
    ca = tmp_path / "ca.pem"
    ca.write_text("x")
    profile.set("tls", {"proxy": "http://proxy.example:3128", "ca_file": str(ca), "pins": []})
    seen: dict = {}

    def fake_run(server, **kw):
        seen.update(kw, server=server)
        r = nettest.Report(server=server)
        r.summary = "ok"
        return r
    monkeypatch.setattr(nettest, "run", fake_run)

    class Host(QWidget):
        pass
    host = Host()
    qtbot.addWidget(host)
    host.app = type("App", (), {"profile": profile,
                                "session": type("S", (), {"info": {"url": "http://127.0.0.1:9"},
                                                          "signed_in": False})()})()
    MainWindow.network_test(host)
    qtbot.waitUntil(lambda: "server" in seen, timeout=5000)
    host._network_test.close()
    assert seen.get("proxy") == "http://proxy.example:3128" and seen.get("ca_file") == str(ca), seen


def test_a_new_turn_connection_does_not_freeze_the_relayed_audio_of_a_call(pki):
    """Media relayed over TURN TLS (net/turn_tcp.py): one adapter thread carries every call's
    datagrams and opens each new TURN connection (TCP, TLS handshake, CONNECT) itself, blocking,
    for up to its 3 s time-out. When a second call (or any local process sending one datagram to
    the adapter's loopback port) starts an allocation while the server or proxy is slow to
    answer, the first call's relayed audio stops dead for the whole time-out (pjnath resends its
    Allocate, so again and again). Expected: connecting never stalls the established streams."""
    from whitephone.net.turn_tcp import TurnTcpAdapter

    cert, key = pki["hub_a"]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(8)
    held: list[socket.socket] = []

    def echo(raw):
        try:
            t = ctx.wrap_socket(raw, server_side=True)
            while data := t.recv(65536):
                t.sendall(data)
        except (OSError, ssl.SSLError):
            pass

    def serve():
        first = True
        while True:
            try:
                raw, _ = lsock.accept()
            except OSError:
                return
            if first:
                first = False
                threading.Thread(target=echo, args=(raw,), daemon=True).start()
            else:
                held.append(raw)  # a slow server/proxy: takes the connection, says nothing yet
    threading.Thread(target=serve, daemon=True).start()
    adapter = TurnTcpAdapter("127.0.0.1", lsock.getsockname()[1], tls=True, server_name="hub-a.example",
                             pins=frozenset({fingerprint(_der(cert))}))
    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    a.bind(("127.0.0.1", 0))
    b.bind(("127.0.0.1", 0))
    a.settimeout(0.02)
    frame = b"\x40\x00\x00\x04abcd"  # ChannelData, 4 bytes (one "audio packet")
    got: list[float] = []
    try:
        start = time.monotonic()
        sent_b = False
        while time.monotonic() - start < 2.5:
            a.sendto(frame, ("127.0.0.1", adapter.port))
            if not sent_b and time.monotonic() - start > 0.5 and got:
                b.sendto(frame, ("127.0.0.1", adapter.port))  # a second call's first TURN packet
                sent_b = True
            try:
                while True:
                    a.recv(2048)
                    got.append(time.monotonic())
            except (TimeoutError, BlockingIOError):
                pass
        assert got, "the first call's stream never came back"
        gaps = [y - x for x, y in zip(got, got[1:])] + [time.monotonic() - got[-1]]
        assert max(gaps) < 0.5, f"the first call's relayed audio stopped for {max(gaps):.1f} s"
    finally:
        adapter.stop()
        lsock.close()
        for s in (a, b, *held):
            s.close()


def test_the_remembered_rung_survives_the_window_saving_a_setting(tmp_path):
    """The window's engine climbs the ladder and remembers the rung in the profile's
    settings.json (its own Profile object, written whole). The window holds its own Profile with
    the settings it read at start; the next time the user changes anything (a column width, the
    ring tone, Preferences) the window writes its whole dict back and the remembered rung is gone.
    So on a network where only TLS in CONNECT works, every start probes the blocked rungs again
    (seconds of "Registering…"), the memory the issue asks for never lasts. Expected: the rung
    remembered by the engine is still in settings.json after the window saves a setting."""
    from whitephone.profile import Profile
    from whitephone.sip import ladder
    from whitephone.sip.reach import signalling_plan

    prof = tmp_path / "prof"
    window = Profile.open(prof)  # the window's, opened at start
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    port = udp.getsockname()[1]

    def answer():
        try:
            udp.settimeout(5)
            data, addr = udp.recvfrom(65535)
            udp.sendto(b"SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n", addr)
        except Exception:  # noqa: BLE001 - the socket closed under us: the test has its answer
            pass
    threading.Thread(target=answer, daemon=True).start()
    ns = argparse.Namespace(proxy="", registrar=f"sip:127.0.0.1:{port}", call=None, tls_port=None, transport=None,
                            tls_server="", probe_timeout=1.0, profile=str(prof), ca_file=None, pin_cert=[])
    env_keep = {k: os.environ.pop(k) for k in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY")
                if k in os.environ}
    try:
        assert signalling_plan(ns, lambda e: None).rung == "udp"
    finally:
        os.environ.update(env_keep)
        udp.close()
    assert Profile.open(prof).get(ladder.SETTINGS_KEY)  # the engine remembered it
    window.set("ui_review_probe", 1)  # the user changes any setting in the window
    assert Profile.open(prof).get(ladder.SETTINGS_KEY), "the remembered rung was wiped by the window's save"


def test_the_window_engine_is_told_where_to_remember_the_rung(tmp_path):
    """The ladder remembers its rung in the profile named by the engine's --profile
    (sip/reach.py: "the window's engine, or a user's agent"), but the window starts its engine as
    `whitephone agent --ipc <args>` without --profile (nor WHITEPHONE_PROFILE), so for the window's
    automatic accounts nothing is ever remembered: on a proxy-only network every start and every
    account edit probes UDP, TCP, TLS 5061 and 443 again before the CONNECT rung (seconds of
    "Registering…" each time). Expected: the window's engine gets the window's profile."""
    from types import SimpleNamespace

    from whitephone.profile import Profile
    from whitephone.ui.calls import CallController

    profile = Profile.open(tmp_path / "prof")
    args = CallController._default_args(SimpleNamespace(app=SimpleNamespace(profile=profile)))
    assert "--profile" in args and str(profile.root) in args, args


@pytest.mark.parametrize("uri", ["sips:bob@example.com;transport=tcp", "<sips:bob@example.com;transport=udp>"])
def test_a_sips_uri_with_a_transport_parameter_keeps_asking_for_tls(uri):
    """A `sips:` link or contact with a transport parameter (RFC 3261 allows
    `sips:bob@example.com;transport=tcp`, meaning TLS over TCP) is turned by as_tls_hop into
    `sip:bob@example.com;transport=tcp`: the request leaves the relay over TLS, but it no longer
    asks for TLS, so the proxy may carry it (and its SDP with the SRTP keys) onward in plain
    text. The user dialled a secure address and is told nothing. Expected: the request still asks
    for TLS (`transport=tls`, or stays sips:), or the call is refused in words."""
    from whitephone.sip.relay import as_tls_hop

    assert "transport=tls" in as_tls_hop(uri).lower()
