"""How the hub connection gets out: directly, or through the user's HTTP proxy (net/proxy.py
`proxy_for`: the Preferences setting (core/http_proxy.py; "No proxy": direct), else the system's,
never for this computer's own names) with
its CONNECT and Negotiate/NTLM/Basic authentication (`tunnel_socket`).

httpx: `HubTransport`, an httpx transport whose httpcore pool opens its TCP connections through
`ProxyBackend` (httpcore then does TLS to the hub on the tunnelled socket, and keeps httpx's own
read/write/pool time-outs; the tunnel's set-up is bounded by the connect time-out). The WebSocket
(sync/presence.py) takes the same tunnelled socket from `open_socket`.

A proxy that refuses is a ReachError (kind "proxy"), which no httpx layer maps: HubClient turns it
into HubError "proxy" with the proxy's reason."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Iterable

import httpcore
import httpx

# httpcore's own stream over a connected blocking socket (start_tls, reads and writes with
# time-outs): the one it uses for the sockets it connects itself
from httpcore._backends.sync import SyncStream

from whitephone.net.proxy import ProxyURL, tunnel_socket
from whitephone.net.proxy_choice import choose

DEFAULT_CONNECT_TIMEOUT = 15.0


def open_socket(host: str, port: int, timeout: float, setting: str = "") -> socket.socket | None:
    """A connected socket to host:port through the proxy `proxy_for` names, or None when the
    connection goes direct; ReachError when the proxy refuses (or the setting is wrong)."""
    proxy = choose(host, setting)
    if proxy is None:
        return None
    return tunnel(proxy, host, port, timeout)


def tunnel(proxy: ProxyURL, host: str, port: int, timeout: float) -> socket.socket:
    sock = tunnel_socket(proxy, host, port, timeout)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:
        pass
    return sock


class ProxyBackend(httpcore.NetworkBackend):
    """httpcore's network backend for the hub: each TCP connection through the proxy `setting()`
    and the environment name for its host (asked per connection, so a changed setting applies to
    the next one), else httpcore's own direct connection."""

    def __init__(self, setting: Callable[[], str]) -> None:
        self.setting = setting
        self.direct = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[tuple] | None = None) -> httpcore.NetworkStream:
        proxy = choose(host, self.setting())
        if proxy is None:
            return self.direct.connect_tcp(host, port, timeout, local_address, socket_options)
        sock = tunnel(proxy, host, port, timeout or DEFAULT_CONNECT_TIMEOUT)
        for option in socket_options or ():
            sock.setsockopt(*option)
        return SyncStream(sock)

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[tuple] | None = None) -> httpcore.NetworkStream:
        return self.direct.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self.direct.sleep(seconds)


class HubTransport(httpx.HTTPTransport):
    """httpx's own transport (its request/response and error mapping) over a pool whose
    connections `ProxyBackend` opens. The environment's proxies are not read by httpx here:
    `proxy_for` decides, for HTTP and the WebSocket alike."""

    def __init__(self, verify: bool | ssl.SSLContext, setting: Callable[[], str]) -> None:
        # not super().__init__(): it builds the same pool without a network backend (httpx 0.28+
        # keeps the pool in `_pool`, which handle_request and close use)
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=ProxyBackend(setting),
        )
