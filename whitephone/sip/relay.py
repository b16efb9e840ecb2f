"""The TLS transport relay (issue 16): pjsip's own TLS is the wheel's OpenSSL 1.0.2 (or none),
so pjsip talks plain TCP SIP to a local port on 127.0.0.1 and this relay carries the bytes to
the far end over TLS (Python's `ssl`), optionally inside an HTTP CONNECT tunnel.

asyncio in its own thread. One listening port per far end (`route`); each connection pjsip
opens gets its own TLS connection, carried both ways, so the far end's requests come back over
the connection our REGISTER or INVITE opened. A TLS failure is reported once per attempt
through `on_event` (`tls_error`, with the certificate's SHA-256 when it could be pinned) and the
local connection is closed: pjsip's request fails at once, never a plain-text fallback."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from whitephone.net.proxy import CLEAR_WORDS, ProxyURL, ReachError, sent_in_clear
from whitephone.net.sipuri import host_port as _host_port
from whitephone.net.tls import connect_tls
from whitephone.sip.rr_rewrite import RouteRewriter, SipFramer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TlsTarget:
    host: str
    port: int
    server_name: str = ""  # SNI and the name checked in the certificate; default host
    proxy: ProxyURL | None = None  # an HTTP CONNECT tunnel first

    @property
    def rung(self) -> str:
        return "tls-proxy" if self.proxy else "tls"


@dataclass
class RelayStats:
    connections: int = 0
    failures: int = 0
    bytes_out: int = 0  # pjsip → far end (before TLS)
    bytes_in: int = 0  # far end → pjsip
    routes: dict[str, int] = field(default_factory=dict)  # "host:port" → local port


class TlsRelay:
    def __init__(self, on_event: Callable[[dict], None], ca_file: str | None = None,
                 pins: frozenset[str] = frozenset(), connect_timeout: float = 10.0) -> None:
        self.on_event = on_event
        self.ca_file, self.pins, self.connect_timeout = ca_file, frozenset(pins), connect_timeout
        self.stats = RelayStats()
        self._routes: dict[TlsTarget, int] = {}
        # per route, not per connection: a dialog's BYE may come on a new connection (the first dropped)
        self._rewriters: dict[TlsTarget, RouteRewriter] = {}
        self.last_failure: dict[int, tuple[float, dict]] = {}  # local port -> (monotonic time, tls_error event)
        self._clear_warned: set[str] = set()  # proxies whose Basic (password in clear) was reported
        self._servers: list[asyncio.AbstractServer] = []
        self._loop = asyncio.new_event_loop()
        self._native_id = 0
        self._thread = threading.Thread(target=self._run, name="wp-tls-relay", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._native_id = threading.get_native_id()
        self._loop.run_forever()

    def cpu_seconds(self) -> float | None:
        """CPU time the relay's thread used so far (Linux: /proc), None where unknown."""
        try:
            with open(f"/proc/self/task/{self._native_id}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def report(self) -> dict:
        s = self.stats
        return {"connections": s.connections, "failures": s.failures, "bytes_out": s.bytes_out,
                "bytes_in": s.bytes_in, "routes": dict(s.routes), "cpu_s": self.cpu_seconds()}

    def route(self, target: TlsTarget) -> int:
        """The local TCP port that reaches `target` over TLS (the same one for the same target)."""
        if target not in self._routes:
            fut = asyncio.run_coroutine_threadsafe(self._listen(target), self._loop)
            self._routes[target] = fut.result(10)
            self.stats.routes[f"{target.host}:{target.port}"] = self._routes[target]
        return self._routes[target]

    def recent_failure(self, target: TlsTarget, within: float = 30.0) -> dict | None:
        """The last `tls_error` of this route if it is recent (a request that failed because of it)."""
        when, event = self.last_failure.get(self._routes.get(target, -1), (0.0, None))
        return event if event is not None and time.monotonic() - when <= within else None

    def target_of_port(self, port: int) -> TlsTarget | None:
        return next((t for t, p in self._routes.items() if p == port), None)

    async def _listen(self, target: TlsTarget) -> int:
        server = await asyncio.start_server(lambda r, w: self._carry(target, r, w), "127.0.0.1", 0)
        self._servers.append(server)
        return server.sockets[0].getsockname()[1]

    async def _carry(self, target: TlsTarget, local_r: asyncio.StreamReader, local_w: asyncio.StreamWriter) -> None:
        if not own_connection(local_w.get_extra_info("peername"), local_w.get_extra_info("sockname")):
            log.warning("TLS relay to %s:%s: refused a connection from another process (%s)",
                        target.host, target.port, local_w.get_extra_info("peername"))
            local_w.close()
            return
        try:
            far_r, far_w = await connect_tls(target.host, target.port, server_name=target.server_name,
                                             proxy=target.proxy, ca_file=self.ca_file, pins=self.pins,
                                             timeout=self.connect_timeout)
        except ReachError as exc:
            self._failed(target, exc.kind, exc.reason, exc.sha256)
            local_w.close()
            return
        except Exception as exc:  # noqa: BLE001 - a bug or a library failing on what a server sent: still said
            log.exception("TLS relay to %s:%s: unexpected failure", target.host, target.port)
            self._failed(target, "tls", f"the TLS connection to {target.host}:{target.port} failed unexpectedly "
                                        f"({type(exc).__name__}: {exc})")
            local_w.close()
            return
        finally:
            self._warn_if_clear(target)
        self.stats.connections += 1
        rr = self._rewriters.get(target)
        if rr is None:
            rr = self._rewriters[target] = RouteRewriter(f"127.0.0.1:{self._routes[target]}",
                                                         f"{target.host}:{target.port}")
        await asyncio.gather(self._pipe(local_r, far_w, "bytes_out", rr.outbound),
                             self._pipe(far_r, local_w, "bytes_in", rr.inbound))

    def _failed(self, target: TlsTarget, kind: str, reason: str, sha256: str = "") -> None:
        """A connection attempt failed: one `tls_error` event, remembered for the route."""
        self.stats.failures += 1
        log.warning("TLS relay to %s:%s: %s", target.host, target.port, reason)
        event = {"event": "tls_error", "kind": kind, "reason": reason, "server": f"{target.host}:{target.port}",
                 "rung": target.rung}
        if sha256:
            event["sha256"] = sha256
        if target.proxy:
            event["proxy"] = target.proxy.label
        self.last_failure[self._routes[target]] = (time.monotonic(), event)
        self.on_event(event)

    def _warn_if_clear(self, target: TlsTarget) -> None:
        """Once per proxy: a `proxy_warning` event when its user's password went to it with Basic
        (unencrypted over the plain HTTP connection to the proxy), whether it was accepted or not."""
        proxy = target.proxy
        if proxy is None or proxy.label in self._clear_warned or not sent_in_clear(proxy):
            return
        self._clear_warned.add(proxy.label)
        self.on_event({"event": "proxy_warning", "kind": "basic_in_clear", "proxy": proxy.label,
                       "server": f"{target.host}:{target.port}", "rung": target.rung,
                       "reason": f"{CLEAR_WORDS}: the HTTP proxy {proxy.label} offered nothing stronger that "
                                 f"WhitePhone can do, so anyone on the network between can read the password"})

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, counter: str,
                    rewrite: Callable[[bytes], bytes]) -> None:
        framer = SipFramer()
        try:
            while data := await reader.read(65536):
                setattr(self.stats, counter, getattr(self.stats, counter) + len(data))
                for message in framer.feed(data):
                    writer.write(rewrite(message))
                await writer.drain()
        except (OSError, ConnectionError):
            pass
        finally:
            try:
                writer.close()
            except (OSError, RuntimeError):
                pass

    def close(self) -> None:
        async def _close() -> None:
            for s in self._servers:
                s.close()
        if self._loop.is_running():
            asyncio.run_coroutine_threadsafe(_close(), self._loop).result(5)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)


def own_connection(peer, local) -> bool:
    """Whether the local TCP connection peer → local was opened by this process (pjsip's): the
    relay carries nothing for other processes or users of this machine (it would hand them a
    verified TLS pipe through the user's authenticated proxy). Where the system does not say,
    the connection is carried (with a log line)."""
    import psutil

    if not peer or not local:
        return False
    try:
        proc = psutil.Process()
        conns = proc.net_connections("tcp") if hasattr(proc, "net_connections") else proc.connections("tcp")
    except (psutil.Error, NotImplementedError, OSError) as exc:
        log.warning("TLS relay: cannot tell which process connected (%s); carrying it", exc)
        return True
    want_l, want_r = (peer[0], peer[1]), (local[0], local[1])
    return any(c.laddr and c.raddr and (c.laddr[0], c.laddr[1]) == want_l and (c.raddr[0], c.raddr[1]) == want_r
               for c in conns)


def tls_target(spec) -> TlsTarget:
    """Where an account's TLS signalling goes: `tls_server`, else its outbound proxy, else its
    registrar, else its URI's host (a local account calling sips: peers); port 5061 by default."""
    source = spec.tls_server or spec.proxy or spec.registrar or spec.uri
    host, port, _ = _host_port(source)
    from whitephone.net.proxy_choice import is_direct

    # "": direct here (a TLS account's relay; the ladder of an "auto" one reads the system's)
    proxy = ProxyURL.parse(spec.tls_proxy) if spec.tls_proxy and not is_direct(spec.tls_proxy) else None
    return TlsTarget(host, port or 5061, proxy=proxy)


def as_tls_hop(uri: str) -> str:
    """`sips:x@host` → `sip:x@host;transport=tls`: pjsip refuses a sips: URI on its TCP transport
    (PJSIP_ETPNOTSUITABLE) although the relay gives the hop TLS; the far end still sees TLS asked for."""
    text = uri.strip()
    inner = text[1:-1] if text.startswith("<") and text.endswith(">") else text
    if not inner.lower().startswith("sips:"):
        return uri
    head, sep, headers = inner[5:].partition("?")
    # sips:…;transport=tcp means TLS over TCP (RFC 3261 26.2.2): whatever it says, ask for TLS
    head = re.sub(r";transport=[^;?>]*", "", head, flags=re.IGNORECASE) + ";transport=tls"
    out = "sip:" + head + (sep + headers if sep else "")
    return f"<{out}>" if text.startswith("<") else out
