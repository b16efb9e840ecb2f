"""Shared fixtures of the proxy tests: no Kerberos realm of the machine's, and a TCP echo server
behind the proxies."""

from __future__ import annotations

import socket
import threading

import pytest


@pytest.fixture
def no_kerberos_realm(tmp_path, monkeypatch):
    """With gssapi installed, Negotiate tries Kerberos first: an empty krb5.conf keeps it from
    the machine's realm (and its KDCs on the network); Kerberos: test_proxy_kerberos.py."""
    conf = tmp_path / "krb5.conf"
    conf.write_text("")
    monkeypatch.setenv("KRB5_CONFIG", str(conf))
    monkeypatch.setenv("KRB5CCNAME", f"FILE:{tmp_path / 'no-ticket'}")


@pytest.fixture
def echo():
    """A TCP server that answers each connection's first bytes in upper case; its port."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)

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
