"""HTTP proxies for reaching SIP servers and the hub: the URL the user gives (or the system's, from the
environment's https_proxy/HTTPS_PROXY and no_proxy), and an HTTP/1.1 CONNECT tunnel through one
with authentication (net/proxy_auth.py: Negotiate, NTLM, Basic). Plain asyncio, no Qt, no pjsua2."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import time
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

    @property
    def url(self) -> str:
        """The proxy with its credentials, as ProxyURL.parse reads it back."""
        q = urllib.parse.quote
        auth = f"{q(self.user, safe='')}:{q(self.password, safe='')}@" if self.user else ""
        return f"http://{auth}{self.host}:{self.port}"


def with_user(url: str, user: str, password: str) -> str:
    """`--proxy-user`: the HTTP proxy URL `url` with this user name and password instead of its
    own; ValueError when `url` is not an HTTP proxy URL (a DOMAIN\\user name is kept as it is)."""
    if not url or url.strip().lower().startswith(("sip:", "sips:")):
        raise ValueError("--proxy-user needs an HTTP proxy: --proxy http://host:port")
    p = ProxyURL.parse(url)
    return ProxyURL(p.host, p.port, user, password).url


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


# this computer's own names: the embedded hub listens here, and no proxy can reach them
_THIS_COMPUTER = ("localhost", "127.0.0.1", "::1")


def proxy_for(host: str, setting: str = "") -> ProxyURL | None:
    """The HTTP proxy a connection to `host` goes through (the hub's, HTTP and WebSocket alike):
    none for this computer's own names (localhost, 127.0.0.1, ::1: the embedded hub) or a host the
    environment's no_proxy names; else `setting` (the profile's tls.proxy setting, the one the SIP
    relay uses) when given, else the system's (system_proxy). ReachError "proxy" for a setting that is not an
    HTTP proxy URL."""
    bare = host.strip("[]").lower().rstrip(".")
    if bare in _THIS_COMPUTER or bare.endswith(".localhost"):
        return None
    proxies = urllib.request.getproxies_environment()
    if "no" in proxies and urllib.request.proxy_bypass_environment(f"[{bare}]" if ":" in bare else bare, proxies):
        return None
    if setting.strip():
        try:
            return ProxyURL.parse(setting)
        except ValueError as exc:
            raise ReachError("proxy", f"the HTTP proxy setting (tls.proxy) is not usable: {exc}") from None
    return system_proxy(host)


async def open_tunnel(proxy: ProxyURL, host: str, port: int,
                      timeout: float) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A TCP stream to host:port through the proxy's CONNECT (what comes after is the caller's).
    The tunnel is set up on a worker thread (tunnel_socket: a Kerberos ticket lookup may block),
    then handed to asyncio."""
    done = asyncio.get_running_loop().run_in_executor(None, tunnel_socket, proxy, host, port, timeout)
    try:
        sock = await asyncio.shield(done)
    except asyncio.CancelledError:  # the caller gave up: the tunnel, once made, is closed, not leaked
        done.add_done_callback(lambda f: f.cancelled() or f.exception() or f.result().close())
        raise
    try:
        return await asyncio.open_connection(sock=sock)
    except BaseException:
        sock.close()
        raise


def _authority(host: str, port: int) -> str:
    """`host:port` for the CONNECT request; ReachError for a host or port that is not one (a
    line break would inject headers or a second request into the user's authenticated proxy)."""
    if not isinstance(port, int) or not 0 < port < 65536 or not valid_host(host):
        raise ReachError("dns", f"refused to tunnel to {host[:80]!r}:{port}: not a valid host name or address")
    bare = host.strip("[]")
    return f"[{bare}]:{port}" if ":" in bare else f"{host}:{port}"


def _request(host: str, port: int, authorization: str = "") -> bytes:
    authority = _authority(host, port)
    request = f"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: WhitePhone\r\n"
    if authorization:
        request += f"Proxy-Authorization: {authorization}\r\n"
    return (request + "\r\n").encode()


@dataclass
class _Answer:
    code: int
    status: str
    headers: list[tuple[str, str]]

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name]

    @property
    def closes(self) -> bool:
        """The proxy closes the connection after this answer (HTTP/1.0 without keep-alive too)."""
        tokens = {t.strip().lower() for v in self.values("connection") + self.values("proxy-connection")
                  for t in v.split(",")}
        return "close" in tokens or (self.status.startswith("HTTP/1.0") and "keep-alive" not in tokens)


def _parse(head: bytes) -> _Answer:
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].strip()
    parts = status.split(" ", 2)
    code = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers.append((name.strip().lower(), value.strip()))
    return _Answer(code, status, headers)


def _refusal(answer: _Answer, proxy: ProxyURL, host: str, port: int) -> ReachError:
    words = {407: "the proxy wants a user name and password (or refused them)",
             403: "the proxy does not allow a tunnel to this address"}.get(answer.code, "the proxy refused the tunnel")
    return ReachError("proxy", f"{words}: {answer.status} (to {host}:{port} through {proxy.label})")


class _ProxyConnection:
    """One blocking connection to the proxy, read without ever taking bytes past an answer."""

    def __init__(self, proxy: ProxyURL, deadline: float) -> None:
        self.proxy, self.deadline = proxy, deadline
        try:
            self.sock = socket.create_connection((proxy.host, proxy.port), timeout=self.left())
        except TimeoutError:
            raise ReachError("proxy", f"no answer from the HTTP proxy {proxy.label}") from None
        except OSError as exc:
            raise ReachError("proxy", f"cannot reach the HTTP proxy {proxy.label}: "
                                      f"{exc.strerror or exc}") from None

    def left(self) -> float:
        """What is left of the tunnel's set-up time (all legs, connections and answers together: a
        proxy trickling bytes too); TimeoutError when nothing is."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def ask(self, request: bytes) -> _Answer:
        self.sock.settimeout(self.left())
        self.sock.sendall(request)
        head = b""
        while b"\r\n\r\n" not in head:  # byte by byte: nothing of the tunnel's stream is read here
            self.sock.settimeout(self.left())
            byte = self.sock.recv(1)
            if not byte or len(head) > 16384:
                raise ReachError("proxy", f"the HTTP proxy {self.proxy.label} closed the connection")
            head += byte
        return _parse(head)

    def skip_body(self, answer: _Answer) -> bool:
        """Read a refusal's body so the connection can carry the next request; False when the
        body has no length (it ends when the connection does: the connection cannot go on)."""
        lengths = answer.values("content-length")
        if any("chunked" in v.lower() for v in answer.values("transfer-encoding")) or \
                (not lengths and not answer.closes):
            return False
        left = int(lengths[0]) if lengths and lengths[0].isdigit() else 0
        if left > 1 << 20:
            return False
        while left > 0:
            self.sock.settimeout(self.left())
            data = self.sock.recv(min(left, 65536))
            if not data:
                return False
            left -= len(data)
        return not answer.closes


def tunnel_socket(proxy: ProxyURL, host: str, port: int, timeout: float) -> socket.socket:
    """A connected blocking socket whose bytes reach host:port through the proxy's CONNECT. On a
    407 the strongest scheme offered that we can do (Negotiate, NTLM, Basic: net/proxy_auth.py) is
    answered, leg by leg on the same connection, on a new one where the proxy closed it and the
    scheme allows; refused credentials, a scheme we cannot do, or a proxy that closes in the
    middle of NTLM are each a ReachError saying so. `timeout` bounds the whole set-up (every leg)
    and is then the socket's time-out."""
    from whitephone.net.proxy_auth import Handshake, ProxyAuthError, challenges

    _authority(host, port)
    deadline = time.monotonic() + timeout
    conn = _ProxyConnection(proxy, deadline)
    auth: Handshake | None = None
    authorization = ""
    try:
        for _ in range(8):  # a bound, never a loop: a handshake refuses after MAX_LEGS
            answer = conn.ask(_request(host, port, authorization))
            if answer.code == 200:
                conn.sock.settimeout(timeout)
                return conn.sock
            if answer.code != 407:
                raise _refusal(answer, proxy, host, port)
            reusable = conn.skip_body(answer)
            names: dict[str, str] = {}
            offers = challenges(answer.values("proxy-authenticate"), names)
            try:
                if auth is None:
                    auth = Handshake(proxy.user, proxy.password, proxy.host, proxy.label)
                    authorization = auth.first(offers, names)
                else:
                    bound = auth.connection_bound
                    authorization = auth.next(offers)
                    if bound and not reusable:
                        raise ProxyAuthError(f"the HTTP proxy {proxy.label} closed the connection in the middle "
                                             f"of {auth.name} authentication (it must keep the connection open "
                                             f"between the legs)")
            except ProxyAuthError as exc:
                raise ReachError("proxy", f"{exc} (to {host}:{port})") from None
            if not reusable:
                conn.sock.close()
                conn = _ProxyConnection(proxy, deadline)
        raise ReachError("proxy", f"the HTTP proxy {proxy.label} kept asking for authentication")
    except TimeoutError:
        conn.sock.close()
        raise ReachError("proxy", f"the HTTP proxy {proxy.label} did not answer the tunnel request") from None
    except OSError as exc:
        conn.sock.close()
        raise ReachError("proxy", f"the HTTP proxy {proxy.label}: {exc.strerror or exc}") from None
    except ReachError:
        conn.sock.close()
        raise
