"""Attacks on the proxy authentication (net/proxy.py, net/proxy_auth.py): a user name carrying
CR/LF cannot inject a header into the CONNECT request; non-ASCII user names and passwords work
with NTLM, Negotiate and Basic against pyspnego's server side; a proxy answering 407 to every leg
(fresh challenges included) is refused after a bounded number of requests; 20 tunnels
authenticating at once each get through."""

from __future__ import annotations

import base64

import pytest

from tests.net.authproxy import AuthProxy
from tests.net.hostile_proxy import HostileProxy
from whitephone.net.proxy import ProxyURL, ReachError, tunnel_socket, with_user

pytestmark = pytest.mark.usefixtures("no_kerberos_realm")  # tests/net/conftest.py


@pytest.mark.parametrize("scheme", ["Basic", "NTLM"])
def test_a_user_name_with_a_line_break_injects_no_header(scheme):
    def script(conn, head, proxy):
        for _ in range(3):
            conn.sendall(f"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: {scheme}\r\n"
                         "Content-Length: 0\r\n\r\n".encode())
            if not proxy.next_head(conn):
                return
    url = ProxyURL.parse(with_user("http://127.0.0.1:1", "alice\r\nX-Injected: yes", "pw\r\nX-Also: yes"))
    with HostileProxy(script) as proxy:
        url = ProxyURL("127.0.0.1", proxy.port, url.user, url.password)
        with pytest.raises(ReachError):
            tunnel_socket(url, "127.0.0.1", 5061, 3)
        heads = b"".join(proxy.heads)
    assert b"X-Injected" not in heads and b"X-Also" not in heads
    for head in proxy.heads:
        if head:
            assert head.endswith(b"\r\n\r\n") and head.count(b"\r\n\r\n") == 1


@pytest.mark.parametrize("offers", [["NTLM"], ["Negotiate"], ["Basic"]])
def test_non_ascii_credentials_authenticate(tmp_path, echo, offers):
    user, password = "Jürgen", "Paßwört-ÆØÅ-密码"
    with AuthProxy(tmp_path, offers, {user: password}) as proxy:
        with tunnel_socket(ProxyURL("127.0.0.1", proxy.port, user, password), "127.0.0.1", echo, 5) as sock:
            sock.sendall(b"hello")
            assert sock.recv(100) == b"HELLO"


def test_a_proxy_answering_407_to_every_leg_is_refused_in_bounded_requests():
    from tests.net.test_proxy_hostile import NTLM_CHALLENGE

    def script(conn, head, proxy):
        while head:
            token = b" " + base64.b64encode(NTLM_CHALLENGE) if b"Proxy-Authorization" in head else b""
            conn.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM" + token
                         + b"\r\nContent-Length: 0\r\n\r\n")
            head = proxy.next_head(conn)
    with HostileProxy(script) as proxy:
        with pytest.raises(ReachError) as err:
            tunnel_socket(ProxyURL("127.0.0.1", proxy.port, "alice", "pw"), "127.0.0.1", 5061, 3)
        requests = len([h for h in proxy.heads if h])
    assert "refused the user name or password of alice (NTLM authentication)" in err.value.reason
    assert requests <= 4


@pytest.mark.parametrize("offers", [["NTLM"], ["Negotiate"]])
def test_many_tunnels_authenticating_at_once_each_get_through(tmp_path, echo, offers):
    """TURN (blocking sockets on threads) and SIP (the relay's asyncio loop) tunnels opening at
    the same moment: 20 NTLM/Negotiate handshakes interleaved on one proxy."""
    from concurrent.futures import ThreadPoolExecutor

    url_of = lambda proxy: ProxyURL("127.0.0.1", proxy.port, "alice", "pw")  # noqa: E731

    def one(proxy, i):
        with tunnel_socket(url_of(proxy), "127.0.0.1", echo, 10) as sock:
            sock.sendall(b"hi%d" % i)
            return sock.recv(100)

    with AuthProxy(tmp_path, offers, {"alice": "pw"}) as proxy, ThreadPoolExecutor(20) as pool:
        got = list(pool.map(lambda i: one(proxy, i), range(20)))
        connections = proxy.connections
    assert got == [b"HI%d" % i for i in range(20)]
    assert connections == 20
