"""Issue 16: the HTTP proxy's CONNECT with Negotiate, NTLM and Basic authentication
(net/proxy.py, net/proxy_auth.py) against a real proxy process speaking the protocol
(tests/net/authproxy.py: pyspnego's server side verifies NTLM and Negotiate-wrapped NTLM against
an NTLM credential file), tunnelling to a real echo server. Kerberos itself needs a KDC and gssapi,
which this machine has not: Negotiate here is NTLM inside SPNEGO, as on a Linux laptop without
a ticket."""

from __future__ import annotations

import asyncio
import base64
import gc
import logging
import sys
import threading
import warnings

import pytest

from tests.net.authproxy import AuthProxy
from whitephone.net.proxy import ProxyURL, ReachError, open_tunnel, tunnel_socket
from whitephone.net.proxy_auth import challenges

USERS = {"alice": "s3cret-Pa55"}


pytestmark = pytest.mark.usefixtures("no_kerberos_realm")  # tests/net/conftest.py


def _url(proxy: AuthProxy, user: str = "alice", password: str = USERS["alice"]) -> ProxyURL:
    return ProxyURL("127.0.0.1", proxy.port, user, password)


def _through(proxy_url: ProxyURL, port: int) -> bytes:
    with tunnel_socket(proxy_url, "127.0.0.1", port, 5) as sock:
        sock.sendall(b"hello")
        return sock.recv(100)


def _schemes_sent(log: str) -> list[str]:
    return [line.split(":", 1)[1].split()[0] for line in log.splitlines()
            if line.lower().startswith("proxy-authorization:")]


@pytest.mark.parametrize("offers,scheme", [(["NTLM"], "NTLM"), (["Negotiate"], "Negotiate"),
                                           (["Basic", "NTLM", "Negotiate"], "Negotiate"),
                                           (["Basic", "NTLM"], "NTLM")])
def test_the_strongest_offered_scheme_opens_the_tunnel(tmp_path, echo, offers, scheme):
    with AuthProxy(tmp_path, offers, USERS) as proxy:
        assert _through(_url(proxy), echo) == b"HELLO"
        log = proxy.log()
    # no credentials before the proxy asks, then the two legs of NTLM (inside SPNEGO or not)
    assert _schemes_sent(log) == [scheme, scheme]
    assert log.count("== connection") == 1  # both legs on one connection
    assert "s3cret" not in log and base64.b64encode(b"alice:s3cret-Pa55").decode() not in log


def test_basic_still_works_and_is_sent_only_when_asked(tmp_path, echo):
    with AuthProxy(tmp_path, ["Basic"], USERS) as proxy:
        assert _through(_url(proxy), echo) == b"HELLO"
        assert _schemes_sent(proxy.log()) == ["Basic"]


def test_the_asyncio_tunnel_authenticates_too(tmp_path, echo):
    """What the relay (sip/relay.py) and TURN over TLS use."""
    async def main(url):
        r, w = await open_tunnel(url, "127.0.0.1", echo, 5)
        w.write(b"abc")
        data = await r.read(10)
        w.close()
        return data

    with AuthProxy(tmp_path, ["Negotiate", "NTLM"], USERS) as proxy:
        assert asyncio.run(main(_url(proxy))) == b"ABC"


@pytest.mark.parametrize("offers,scheme", [(["NTLM"], "NTLM"), (["Negotiate"], "Negotiate"), (["Basic"], "Basic")])
def test_a_wrong_password_says_so_and_names_the_scheme(tmp_path, echo, offers, scheme):
    with AuthProxy(tmp_path, offers, USERS) as proxy:
        with pytest.raises(ReachError) as err:
            _through(_url(proxy, password="wrong"), echo)
        sent = _schemes_sent(proxy.log())
    assert err.value.kind == "proxy"
    assert f"refused the user name or password of alice ({scheme} authentication)" in err.value.reason
    assert "wrong" not in err.value.reason
    assert len(sent) == (1 if scheme == "Basic" else 2)  # tried once, never again


def test_an_unknown_user_is_refused_like_a_wrong_password(tmp_path, echo):
    with AuthProxy(tmp_path, ["NTLM"], USERS) as proxy, pytest.raises(ReachError) as err:
        _through(_url(proxy, user="mallory"), echo)
    assert "refused the user name or password of mallory (NTLM authentication)" in err.value.reason


def test_a_scheme_we_cannot_do_is_named(tmp_path, echo):
    with AuthProxy(tmp_path, ["Digest", "Bearer"], USERS) as proxy:
        with pytest.raises(ReachError) as err:
            _through(_url(proxy), echo)
        assert _schemes_sent(proxy.log()) == []  # nothing sent in a scheme it did not ask for
    assert err.value.kind == "proxy"
    assert "asks for Digest or Bearer authentication, which WhitePhone cannot do" in err.value.reason


def test_proxy_closing_after_its_first_407_is_reconnected(tmp_path, echo):
    """Squid and others close the unauthenticated request's connection; the NTLM legs then go on
    a new one."""
    with AuthProxy(tmp_path, ["NTLM"], USERS, close_first=True) as proxy:
        assert _through(_url(proxy), echo) == b"HELLO"
        assert proxy.connections == 2


def test_proxy_closing_between_the_ntlm_legs_is_a_clear_error(tmp_path, echo):
    """The NTLM challenge belongs to its connection: a new one cannot finish it, so no retry."""
    with AuthProxy(tmp_path, ["NTLM"], USERS, close_mid=True) as proxy:
        with pytest.raises(ReachError) as err:
            _through(_url(proxy), echo)
        assert proxy.connections == 1
    assert "closed the connection in the middle of NTLM authentication" in err.value.reason


def test_an_http10_proxy_closing_after_every_answer_works_with_basic(tmp_path, echo):
    with AuthProxy(tmp_path, ["Basic"], USERS, http10=True) as proxy:
        assert _through(_url(proxy), echo) == b"HELLO"
        assert proxy.connections == 2


def test_without_a_user_name_the_logged_in_users_credentials_are_used(tmp_path, echo, monkeypatch):
    """No user name: Negotiate/NTLM with the login's own credentials (on Linux without a
    Kerberos ticket, pyspnego's NTLM_USER_FILE; a ticket or Windows SSPI elsewhere)."""
    creds = tmp_path / "my_login"
    creds.write_text(":alice:s3cret-Pa55\n")
    monkeypatch.setenv("NTLM_USER_FILE", str(creds))
    with AuthProxy(tmp_path / "p", ["Negotiate"], USERS) as proxy:
        assert _through(_url(proxy, user="", password=""), echo) == b"HELLO"


def test_without_a_user_name_or_a_login_to_offer_says_what_to_do(tmp_path, echo, monkeypatch):
    monkeypatch.delenv("NTLM_USER_FILE", raising=False)
    with AuthProxy(tmp_path, ["Negotiate", "NTLM"], USERS) as proxy, pytest.raises(ReachError) as err:
        _through(_url(proxy, user="", password=""), echo)
    assert "no Kerberos ticket or Windows login to offer" in err.value.reason
    with AuthProxy(tmp_path / "b", ["Basic"], USERS) as proxy, pytest.raises(ReachError) as err:
        _through(_url(proxy, user="", password=""), echo)
    assert "wants a user name and password (Basic)" in err.value.reason


def test_credentials_are_never_logged(tmp_path, echo, caplog):
    caplog.set_level(logging.DEBUG)
    with AuthProxy(tmp_path, ["Negotiate", "NTLM", "Basic"], USERS) as proxy:
        assert _through(_url(proxy), echo) == b"HELLO"
        with pytest.raises(ReachError) as err:
            _through(_url(proxy, password="Wr0ng-pass"), echo)
    with AuthProxy(tmp_path / "b", ["Basic"], USERS) as proxy, pytest.raises(ReachError) as err2:
        _through(_url(proxy, password="Wr0ng-pass"), echo)
    text = caplog.text + str(err.value) + str(err2.value)
    for secret in ("s3cret-Pa55", "Wr0ng-pass", base64.b64encode(b"alice:Wr0ng-pass").decode()):
        assert secret not in text
    assert "Proxy-Authorization" not in caplog.text


def test_challenges_are_parsed_from_one_or_several_headers():
    names: dict[str, str] = {}
    got = challenges(['Basic realm="a, b", NTLM', "Negotiate YWJj", 'Digest realm="x", nonce="y"'], names)
    assert got == {"basic": 'realm="a, b"', "ntlm": "", "negotiate": "YWJj", "digest": 'realm="x", nonce="y"'}
    assert names["ntlm"] == "NTLM"
    assert challenges([]) == {}


def test_a_407_without_any_challenge_is_named(echo):
    async def main():
        async def handle(r, w):
            await r.readuntil(b"\r\n\r\n")
            w.write(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
            await w.drain()
            w.close()
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        url = ProxyURL("127.0.0.1", server.sockets[0].getsockname()[1], "alice", "x")
        try:
            with pytest.raises(ReachError) as err:
                await open_tunnel(url, "127.0.0.1", echo, 5)
        finally:
            server.close()
        return err.value

    err = asyncio.run(main())
    assert "names no scheme" in err.reason


def test_a_tunnel_given_up_on_while_being_made_is_closed_not_leaked():
    """The relay's connection attempt is cancelled (pjsip gave up, the engine stops) while the
    worker thread still sets the tunnel up: once made, the tunnel is closed."""
    closed = threading.Event()

    async def main():
        async def handle(r, w):
            await r.readuntil(b"\r\n\r\n")
            await asyncio.sleep(0.5)  # answers after the caller has given up
            w.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            await w.drain()
            if await r.read(1) == b"":
                closed.set()
            w.close()
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        url = ProxyURL("127.0.0.1", server.sockets[0].getsockname()[1])
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(open_tunnel(url, "127.0.0.1", 5061, 5), 0.1)
        for _ in range(100):
            if closed.is_set():
                break
            await asyncio.sleep(0.05)
        server.close()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        asyncio.run(main())
        gc.collect()
    assert closed.is_set()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]  # closed by us, not by the GC


def test_a_proxy_trickling_its_answer_byte_by_byte_times_out():
    """The time-out is for the whole answer, not for each byte (a proxy, or something posing as
    one, could otherwise hold the relay's connection attempt for ever)."""
    async def main():
        async def handle(r, w):
            await r.readuntil(b"\r\n\r\n")
            try:
                for byte in b"HTTP/1.1 200 Connection established" + b"X-Pad: y\r\n" * 100:
                    w.write(bytes([byte]))
                    await w.drain()
                    await asyncio.sleep(0.05)
            except ConnectionError:
                pass
            w.close()
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        url = ProxyURL("127.0.0.1", server.sockets[0].getsockname()[1])
        try:
            with pytest.raises(ReachError) as err:
                await open_tunnel(url, "127.0.0.1", 5061, 1)
        finally:
            server.close()
        return err.value

    assert "did not answer the tunnel request" in asyncio.run(main()).reason


def test_without_pyspnego_basic_is_used_when_offered_and_ntlm_named_when_not(tmp_path, echo, monkeypatch):
    """A hand-made install without pyspnego (it is a dependency of the package)."""
    monkeypatch.setitem(sys.modules, "spnego", None)  # `import spnego` raises ImportError
    with AuthProxy(tmp_path / "both", ["NTLM", "Basic"], USERS) as proxy:
        assert _through(_url(proxy), echo) == b"HELLO"
        assert _schemes_sent(proxy.log()) == ["Basic"]
    with AuthProxy(tmp_path / "ntlm", ["NTLM"], USERS) as proxy, pytest.raises(ReachError) as err:
        _through(_url(proxy), echo)
    assert "wants NTLM authentication, which needs the pyspnego package" in err.value.reason
