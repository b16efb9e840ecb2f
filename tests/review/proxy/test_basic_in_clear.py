"""Break-it review: a proxy (or something on the proxy's address: the proxy is reached over
plain HTTP) that offers only Basic gets the user's password, often the Windows domain password
given for NTLM, base64-encoded in clear. The feature sends it without a word: no event, no log
line, no setting to refuse it. A rogue proxy answering `Proxy-Authenticate: Basic` downgrades a
user who expected Negotiate/NTLM the same way."""

from __future__ import annotations

import base64
import logging
import socket
import threading

import pytest

from tests.net.authproxy import AuthProxy
from whitephone.net.proxy import ProxyURL, tunnel_socket


@pytest.fixture(autouse=True)
def no_kerberos_realm(tmp_path, monkeypatch):
    conf = tmp_path / "krb5.conf"
    conf.write_text("")
    monkeypatch.setenv("KRB5_CONFIG", str(conf))
    monkeypatch.setenv("KRB5CCNAME", f"FILE:{tmp_path / 'no-ticket'}")


@pytest.fixture
def echo():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)

    def run():
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:
                return
            with conn:
                conn.sendall(conn.recv(100).upper())

    threading.Thread(target=run, daemon=True).start()
    yield srv.getsockname()[1]
    srv.close()


def test_a_domain_password_sent_in_clear_to_a_basic_only_proxy_is_told(tmp_path, echo, caplog):
    caplog.set_level(logging.DEBUG)
    user, password = "CORP\\alice", "Domain-Pa55"
    with AuthProxy(tmp_path, ["Basic"], {user: password}) as proxy:
        with tunnel_socket(ProxyURL("127.0.0.1", proxy.port, user, password), "127.0.0.1", echo, 5) as sock:
            sock.sendall(b"hello")
            assert sock.recv(100) == b"HELLO"
        log = proxy.log()
    # what went over the wire: the password, readable by anyone on the path to the proxy
    assert base64.b64encode(f"{user}:{password}".encode()).decode() in log
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING and "basic" in r.getMessage().lower()]
    assert warned, "the password went to the proxy in clear (Basic over plain HTTP) and nothing said so"
