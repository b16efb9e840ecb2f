"""HTTP proxies for reaching SIP servers and the hub: the URL the user gives (or the system's, from the
environment's https_proxy/HTTPS_PROXY and no_proxy), and an HTTP/1.1 CONNECT tunnel through one
with authentication (net/proxy_auth.py: Negotiate, NTLM, Basic). Plain asyncio, no Qt, no pjsua2."""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import asyncio

log = logging.getLogger(__name__)


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
        try:
            u = urllib.parse.urlsplit(text)
        except ValueError:  # its message quotes the whole netloc, password included
            raise ValueError(f"the proxy URL {without_password(url)!r} is not a valid URL (a character in it is "
                             f"not allowed there)") from None
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
    def authority(self) -> str:
        """`host:port`, an IPv6 address in brackets (`[::1]:3128`), as a URL and normal_address write it."""
        bare = self.host.strip("[]")
        return f"[{bare}]:{self.port}" if ":" in bare else f"{self.host}:{self.port}"

    @property
    def label(self) -> str:
        """The proxy without its password (for events, logs and the per-network key)."""
        return f"http://{self.user + '@' if self.user else ''}{self.authority}"

    @property
    def url(self) -> str:
        """The proxy with its credentials, as ProxyURL.parse reads it back."""
        q = urllib.parse.quote
        auth = f"{q(self.user, safe='')}:{q(self.password, safe='')}@" if self.user else ""
        return f"http://{auth}{self.authority}"


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


def no_proxy(host: str, proxies: dict[str, str] | None = None) -> bool:
    """Whether the environment's no_proxy names `host`: urllib's reading (names, domain suffixes,
    `*`, host:port) and address ranges (`127.0.0.0/8`, `10.0.0.0/8`, `fd00::/8`, as curl, Go and
    requests read them), for a host given as an address (names are not resolved for it)."""
    import urllib.request  # here, not at import: it loads http.client (~0.6 MiB in the idle window)

    proxies = urllib.request.getproxies_environment() if proxies is None else proxies
    entries = proxies.get("no", "")
    if not entries:
        return False
    bare = host.strip().strip("[]").lower().rstrip(".")
    if not bare:
        return False
    if urllib.request.proxy_bypass_environment(f"[{bare}]" if ":" in bare else bare, proxies):
        return True
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        return False
    for entry in entries.replace(" ", ",").split(","):
        entry = entry.strip()
        if "/" not in entry:
            continue
        net, _, bits = entry.partition("/")
        try:
            network = ipaddress.ip_network(f"{net.strip('[]')}/{bits}", strict=False)
        except ValueError:
            continue
        if address.version == network.version and address in network:
            return True
    return False


def system_proxy(host: str) -> ProxyURL | None:
    """The proxy the system's environment names for `host` (https_proxy/HTTPS_PROXY, minus
    no_proxy: no_proxy()), or None."""
    if not any(name.lower().endswith("_proxy") for name in os.environ):
        return None  # the only names urllib reads (urllib.request loads http.client, email and ssl)
    import urllib.request

    proxies = urllib.request.getproxies_environment()
    url = proxies.get("https") or proxies.get("http")
    if not url:
        return None
    if no_proxy(host, proxies):
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
    environment's no_proxy names (no_proxy(): address ranges too); else `setting` (the profile's
    proxy, core/http_proxy.py setting(), the one the SIP relay uses) when given, else the system's (system_proxy). ReachError "proxy" for a setting that is not an
    HTTP proxy URL."""
    bare = host.strip("[]").lower().rstrip(".")
    if bare in _THIS_COMPUTER or bare.endswith(".localhost"):
        return None
    if no_proxy(bare):
        return None
    if setting.strip():
        try:
            return ProxyURL.parse(setting)
        except ValueError as exc:
            raise ReachError("proxy", f"the HTTP proxy setting (Preferences → Network → HTTP proxy) is not usable: "
                                      f"{exc}") from None
    return system_proxy(host)


# tunnels are set up on threads of their own, not on the event loop's default executor: a slow
# proxy holds one of these for at most its time-out, and never the threads asyncio's own name
# look-ups (open_connection) and other callers of the default executor need. Made with the first
# tunnel (asyncio and concurrent.futures stay out of an engine whose server answers over UDP).
_tunnel_threads = None
_tunnel_threads_made = threading.Lock()


def _tunnel_pool():
    global _tunnel_threads
    with _tunnel_threads_made:
        if _tunnel_threads is None:
            from concurrent.futures import ThreadPoolExecutor

            _tunnel_threads = ThreadPoolExecutor(max_workers=16, thread_name_prefix="wp-proxy-tunnel")
        return _tunnel_threads


async def open_tunnel(proxy: ProxyURL, host: str, port: int,
                      timeout: float) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A TCP stream to host:port through the proxy's CONNECT (what comes after is the caller's).
    The tunnel is set up on a worker thread (tunnel_socket: a Kerberos ticket lookup may block),
    then handed to asyncio; `timeout` bounds the whole set-up, a wait for a free thread included."""
    import asyncio

    deadline = time.monotonic() + timeout
    done = asyncio.get_running_loop().run_in_executor(_tunnel_pool(), _tunnel_socket, proxy, host, port, timeout,
                                                      deadline)
    try:
        # the worker gives up at the deadline by itself; this bounds what no socket time-out covers
        sock = await asyncio.wait_for(asyncio.shield(done), timeout + 1)
    except (asyncio.CancelledError, TimeoutError) as exc:  # given up on: the tunnel, once made, is closed
        done.add_done_callback(lambda f: f.cancelled() or f.exception() or f.result().close())
        if isinstance(exc, TimeoutError):
            raise ReachError("proxy", f"the HTTP proxy {proxy.label} did not open the tunnel to {host}:{port} in "
                                      f"{timeout:g} s") from None
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


def _number(text: str) -> int | None:
    """A decimal number of ASCII digits, else None (str.isdigit() takes '²' or '١', int() not all of them)."""
    return int(text) if text.isascii() and text.isdigit() else None


def _parse(head: bytes) -> _Answer:
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].strip()
    parts = status.split(" ", 2)
    code = (_number(parts[1]) or 0) if len(parts) > 1 else 0
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


MAX_HEAD = 16384  # an answer's status line and headers
MAX_BODY = 1 << 20  # a refusal's body read to keep the connection


class _ProxyConnection:
    """One blocking connection to the proxy, read without ever taking bytes past an answer; every
    step bounded by the one `deadline` (time.monotonic()) of the whole tunnel set-up."""

    def __init__(self, proxy: ProxyURL, deadline: float) -> None:
        self.proxy, self.deadline = proxy, deadline
        try:
            self.sock = socket.create_connection((proxy.host, proxy.port), timeout=self._left())
        except TimeoutError:
            raise ReachError("proxy", f"no answer from the HTTP proxy {proxy.label}") from None
        except OSError as exc:
            raise ReachError("proxy", f"cannot reach the HTTP proxy {proxy.label}: "
                                      f"{exc.strerror or exc}") from None

    def _left(self) -> float:
        """Seconds left before the deadline (set as the socket's time-out); TimeoutError when none."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        if hasattr(self, "sock"):
            self.sock.settimeout(left)
        return left

    def _recv(self, size: int) -> bytes:
        self._left()
        return self.sock.recv(size)

    def ask(self, request: bytes) -> _Answer:
        self._left()
        self.sock.sendall(request)
        head = b""
        while b"\r\n\r\n" not in head:  # byte by byte: nothing of the tunnel's stream is read here
            if len(head) > MAX_HEAD:
                raise ReachError("proxy", f"the HTTP proxy {self.proxy.label} sent an answer with more than "
                                          f"{MAX_HEAD // 1024} KiB of headers (it is not an HTTP proxy, or a "
                                          f"broken one)")
            byte = self._recv(1)
            if not byte:
                raise ReachError("proxy", f"the HTTP proxy {self.proxy.label} closed the connection")
            head += byte
        return _parse(head)

    def skip_body(self, answer: _Answer) -> bool:
        """Read a refusal's body so the connection can carry the next request; False when it
        cannot: the body has no length (it ends when the connection does), a malformed or
        too large one, or the proxy closes the connection anyway."""
        if answer.closes:
            return False
        if any(v.strip().lower().endswith("chunked") for v in answer.values("transfer-encoding")):
            return self._skip_chunked()
        lengths = answer.values("content-length")
        left = _number(lengths[0]) if lengths else None
        if left is None or left > MAX_BODY or any(v != lengths[0] for v in lengths):
            return False
        while left > 0:
            data = self._recv(min(left, 65536))
            if not data:
                return False
            left -= len(data)
        return True

    def _line(self) -> bytes | None:
        line = b""
        while not line.endswith(b"\r\n"):
            byte = self._recv(1)
            if not byte or len(line) > 4096:
                return None
            line += byte
        return line[:-2]

    def _skip_chunked(self) -> bool:
        """A chunked body (RFC 9112 7.1): chunks, the last one of size 0, then trailer lines."""
        total = 0
        while True:
            line = self._line()
            size = line.split(b";", 1)[0].strip() if line is not None else b""
            if not re.fullmatch(rb"[0-9A-Fa-f]{1,8}", size):
                return False
            left = int(size, 16)
            total += left
            if total > MAX_BODY:
                return False
            if left == 0:
                break
            left += 2  # the chunk's own CRLF
            while left > 0:
                data = self._recv(min(left, 65536))
                if not data:
                    return False
                left -= len(data)
        while True:  # trailer fields, then the empty line
            line = self._line()
            if line is None:
                return False
            if not line:
                return True


# proxies (their labels) that were sent a password with Basic in this process: over the plain
# HTTP connection to the proxy, readable by anyone on the way (base64 is no encryption)
_CLEAR: set[str] = set()
_CLEAR_LOCK = threading.Lock()


def sent_in_clear(proxy: ProxyURL) -> bool:
    """Whether this process sent the proxy its user's password with Basic (unencrypted)."""
    with _CLEAR_LOCK:
        return proxy.label in _CLEAR


def _note_clear(proxy: ProxyURL) -> None:
    with _CLEAR_LOCK:
        first = proxy.label not in _CLEAR
        _CLEAR.add(proxy.label)
    if first:
        log.warning("the password of %s went to the HTTP proxy %s unencrypted (Basic authentication: it offered "
                    "nothing stronger that WhitePhone can do): anyone on the network between can read it",
                    proxy.user, proxy.label)


# proxies (host:port) that offered Negotiate or NTLM in this process: one that then offers only
# Basic is refused (a downgrade: something on the plain HTTP path answering for the proxy)
_STRONG: set[str] = set()


def _downgraded(proxy: ProxyURL, offers: dict[str, str]) -> bool:
    """Remember a proxy offering Negotiate/NTLM; True when it did before and now offers only Basic."""
    key = f"{proxy.host}:{proxy.port}"
    with _CLEAR_LOCK:
        if offers.keys() & {"negotiate", "ntlm"}:
            _STRONG.add(key)
            return False
        return "basic" in offers and key in _STRONG


def forget_schemes() -> None:
    """Forget what proxies offered and were sent (sent_in_clear, the downgrade memory): tests."""
    with _CLEAR_LOCK:
        _STRONG.clear()
        _CLEAR.clear()


CLEAR_WORDS = "your proxy password crossed the network unencrypted (Basic authentication)"
KERBEROS_SKEW = 300  # seconds: Kerberos' default tolerance for clocks that differ


def _clock_words(answer: _Answer, proxy: ProxyURL) -> str:
    """When a Kerberos refusal comes with a Date header more than Kerberos allows
    away from this computer's clock: the sentence naming that cause, else ""."""
    import email.utils

    dates = answer.values("date")
    try:
        when = email.utils.parsedate_to_datetime(dates[0]).timestamp() if dates else None
    except (TypeError, ValueError, IndexError, OverflowError):
        when = None
    if when is None or abs(when - time.time()) <= KERBEROS_SKEW:
        return ""
    minutes = round(abs(when - time.time()) / 60)
    way = "ahead of" if when > time.time() else "behind"
    return (f"the HTTP proxy {proxy.label} refused the Kerberos ticket: its clock is {minutes} minutes "
            f"{way} this computer's, and Kerberos allows {KERBEROS_SKEW // 60}; one of the clocks is wrong (set this "
            f"computer's to the right time, or ask IT to check the proxy's)")


def tunnel_socket(proxy: ProxyURL, host: str, port: int, timeout: float) -> socket.socket:
    """A connected blocking socket whose bytes reach host:port through the proxy's CONNECT. On a
    407 the strongest scheme offered that we can do (Negotiate, NTLM, Basic: net/proxy_auth.py) is
    answered, leg by leg on the same connection, on a new one where the proxy closed it and the
    scheme allows; refused credentials, a scheme we cannot do, or a proxy that closes in the
    middle of NTLM are each a ReachError saying so. `timeout` bounds the whole set-up (every
    connection and answer); the socket returned has it as its time-out."""
    return _tunnel_socket(proxy, host, port, timeout, time.monotonic() + timeout)


def _tunnel_socket(proxy: ProxyURL, host: str, port: int, timeout: float, deadline: float) -> socket.socket:
    from whitephone.net.proxy_auth import Handshake, ProxyAuthError, challenges

    _authority(host, port)
    conn = _ProxyConnection(proxy, deadline)
    auth: Handshake | None = None
    authorization = ""
    opened = False
    try:
        for _ in range(8):  # a bound, never a loop: a handshake refuses after MAX_LEGS
            answer = conn.ask(_request(host, port, authorization))
            if answer.code == 200:
                conn.sock.settimeout(timeout)
                opened = True
                return conn.sock
            if answer.code != 407:
                raise _refusal(answer, proxy, host, port)
            reusable = conn.skip_body(answer)
            names: dict[str, str] = {}
            offers = challenges(answer.values("proxy-authenticate"), names)
            if auth is None and _downgraded(proxy, offers):
                raise ReachError("proxy", f"the HTTP proxy {proxy.label} offered Negotiate or NTLM before and now "
                                          f"only Basic, which would send the password unencrypted: refused "
                                          f"(something on the network may be answering for the proxy; if IT "
                                          f"changed the proxy to Basic, restart WhitePhone) (to {host}:{port})")
            try:
                if auth is None:
                    auth = Handshake(proxy.user, proxy.password, proxy.host, proxy.label)
                    authorization = auth.first(offers, names)
                    if auth.scheme == "basic":
                        _note_clear(proxy)
                else:
                    bound = auth.connection_bound
                    authorization = auth.next(offers)
                    if bound and not reusable:
                        raise ProxyAuthError(f"the HTTP proxy {proxy.label} closed the connection in the middle "
                                             f"of {auth.name} authentication (it must keep the connection open "
                                             f"between the legs)")
            except ProxyAuthError as exc:
                # a Kerberos ticket presented and refused: the proxy's Date may show why
                words = _clock_words(answer, proxy) if auth is not None and auth.legs > 1 and auth.kerberos else ""
                raise ReachError("proxy", f"{words or exc} (to {host}:{port})") from None
            if not reusable:
                conn.sock.close()
                conn = _ProxyConnection(proxy, deadline)
        raise ReachError("proxy", f"the HTTP proxy {proxy.label} kept asking for authentication")
    except TimeoutError:
        raise ReachError("proxy", f"the HTTP proxy {proxy.label} did not answer the tunnel request in "
                                  f"{timeout:g} s") from None
    except OSError as exc:
        raise ReachError("proxy", f"the HTTP proxy {proxy.label}: {exc.strerror or exc}") from None
    finally:
        if not opened:  # every failure, whatever it is: the connection is closed here, not by the GC
            conn.sock.close()
