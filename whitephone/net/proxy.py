"""HTTP proxies for reaching SIP servers: the URL the user gives (or the system's, from the
environment's https_proxy/HTTPS_PROXY and no_proxy), and an HTTP/1.1 CONNECT tunnel through one
with optional Basic authentication. Plain asyncio, no Qt, no pjsua2."""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import re
import socket
import urllib.parse
import urllib.request
from dataclasses import dataclass


class ReachError(Exception):
    """A server could not be reached: `kind` names what failed (the event's `kind`), the text says
    it in words."""

    def __init__(self, kind: str, reason: str, sha256: str = "") -> None:
        super().__init__(reason)
        self.kind, self.reason, self.sha256 = kind, reason, sha256


@dataclass(frozen=True)
class ProxyURL:
    host: str
    port: int
    user: str = ""
    password: str = ""

    @classmethod
    def parse(cls, url: str) -> ProxyURL:
        """`http://[user:password@]host[:port]` (a bare host:port is taken as http://)."""
        text = url.strip()
        if "://" not in text:
            text = "http://" + text
        u = urllib.parse.urlsplit(text)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise ValueError(f"expected an HTTP proxy URL such as http://proxy.example.com:3128, "
                             f"got {without_password(url)!r}")
        try:
            port = u.port or (443 if u.scheme == "https" else 8080)
        except ValueError:
            raise ValueError(f"the proxy URL {without_password(url)!r} has a bad port") from None
        if not port or not valid_host(u.hostname):
            raise ValueError(f"the proxy URL {without_password(url)!r} has a bad host or port")
        if u.scheme == "https":
            raise ValueError("a proxy reached over TLS (https://) is not supported; use http://")
        return cls(u.hostname, port, urllib.parse.unquote(u.username or ""), urllib.parse.unquote(u.password or ""))

    @property
    def label(self) -> str:
        """The proxy without its password (for events, logs and the per-network key)."""
        return f"http://{self.user + '@' if self.user else ''}{self.host}:{self.port}"


def without_password(url: str) -> str:
    """A URL as it may be shown (errors, logs): `user:secret@` → `user:***@`."""
    at = url.rfind("@")
    if at < 0:
        return url
    scheme = url.find("://")
    start = scheme + 3 if 0 <= scheme < at else 0
    user, sep, _ = url[start:at].partition(":")
    return url[:start] + user + (":***" if sep else "") + url[at:]


_HOST_NAME = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})")


def valid_host(host: str) -> bool:
    """A DNS name, an IPv4 address or an IPv6 address (bare or in brackets): what may go into a
    CONNECT request line and Host header (no spaces, line breaks or other characters)."""
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ipaddress.ip_address(bare)
        return True
    except ValueError:
        return bare == host and _HOST_NAME.fullmatch(host) is not None


def system_proxy(host: str) -> ProxyURL | None:
    """The proxy the system's environment names for `host` (https_proxy/HTTPS_PROXY, minus
    no_proxy), or None."""
    proxies = urllib.request.getproxies_environment()
    url = proxies.get("https") or proxies.get("http")
    if not url:
        return None
    if urllib.request.proxy_bypass_environment(host, proxies):
        return None
    try:
        return ProxyURL.parse(url)
    except ValueError:
        return None


async def open_tunnel(proxy: ProxyURL, host: str, port: int,
                      timeout: float) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A TCP stream to host:port through the proxy's CONNECT (what comes after is the caller's)."""
    _authority(host, port)
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(proxy.host, proxy.port), timeout)
    except TimeoutError:
        raise ReachError("proxy", f"no answer from the HTTP proxy {proxy.label}") from None
    except OSError as exc:
        raise ReachError("proxy", f"cannot reach the HTTP proxy {proxy.label}: {exc.strerror or exc}") from None
    writer.write(_request(proxy, host, port))
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    except TimeoutError:
        writer.close()
        raise ReachError("proxy", f"the HTTP proxy {proxy.label} did not answer the tunnel request") from None
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, OSError):
        writer.close()
        raise ReachError("proxy", f"the HTTP proxy {proxy.label} closed the connection") from None
    try:
        _check(head, proxy, host, port)
    except ReachError:
        writer.close()
        raise
    return reader, writer


def _authority(host: str, port: int) -> str:
    """`host:port` for the CONNECT request; ReachError for a host or port that is not one (a
    line break would inject headers or a second request into the user's authenticated proxy)."""
    if not isinstance(port, int) or not 0 < port < 65536 or not valid_host(host):
        raise ReachError("dns", f"refused to tunnel to {host[:80]!r}:{port}: not a valid host name or address")
    bare = host.strip("[]")
    return f"[{bare}]:{port}" if ":" in bare else f"{host}:{port}"


def _request(proxy: ProxyURL, host: str, port: int) -> bytes:
    authority = _authority(host, port)
    request = f"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: WhitePhone\r\n"
    if proxy.user:
        token = base64.b64encode(f"{proxy.user}:{proxy.password}".encode()).decode()
        request += f"Proxy-Authorization: Basic {token}\r\n"
    return (request + "\r\n").encode()


def _check(head: bytes, proxy: ProxyURL, host: str, port: int) -> None:
    status = head.split(b"\r\n", 1)[0].decode("latin-1")
    parts = status.split(" ", 2)
    code = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    if code != 200:
        words = {407: "the proxy wants a user name and password (or refused them)",
                 403: "the proxy does not allow a tunnel to this address"}.get(code, "the proxy refused the tunnel")
        raise ReachError("proxy", f"{words}: {status.strip()} (to {host}:{port} through {proxy.label})")


def tunnel_socket(proxy: ProxyURL, host: str, port: int, timeout: float) -> socket.socket:
    """open_tunnel for plain (blocking) sockets: a connected socket whose bytes reach host:port."""
    _authority(host, port)
    try:
        sock = socket.create_connection((proxy.host, proxy.port), timeout=timeout)
    except TimeoutError:
        raise ReachError("proxy", f"no answer from the HTTP proxy {proxy.label}") from None
    except OSError as exc:
        raise ReachError("proxy", f"cannot reach the HTTP proxy {proxy.label}: {exc.strerror or exc}") from None
    try:
        sock.sendall(_request(proxy, host, port))
        head = b""
        while b"\r\n\r\n" not in head:  # byte by byte: nothing of the tunnel's stream is read here
            byte = sock.recv(1)
            if not byte or len(head) > 16384:
                raise ReachError("proxy", f"the HTTP proxy {proxy.label} closed the connection")
            head += byte
        _check(head, proxy, host, port)
    except TimeoutError:
        sock.close()
        raise ReachError("proxy", f"the HTTP proxy {proxy.label} did not answer the tunnel request") from None
    except OSError as exc:
        sock.close()
        raise ReachError("proxy", f"the HTTP proxy {proxy.label}: {exc.strerror or exc}") from None
    except ReachError:
        sock.close()
        raise
    return sock
