"""The network test: can this computer reach the hub, the registrar and the TURN server, on
which rungs, and what must IT open when it cannot. Plain Python (sockets, ssl, httpx), no Qt and
no pjsua2: `whitephone nettest` prints its JSON, Help → Network Test shows it in words.

Each rung is tried with a short time-out, all at once on threads, so a blocked network is named in
seconds. A SIP rung passes when the registrar answers an OPTIONS request with any SIP response; a
TURN rung when the server answers an Allocate (a 401 challenge proves the path; with credentials
the allocation itself is tried)."""

from __future__ import annotations

import logging
import os
import socket
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from whitephone.net import stun

TIMEOUT = 3.0
log = logging.getLogger(__name__)


@dataclass
class Rung:
    rung: str  # hub-https, sip-udp, sip-tcp, sip-tls, sip-tls-proxy, turn-udp, turn-tcp, turn-tls,
    # turn-tls-proxy (TLS inside the HTTP proxy's CONNECT), stun-udp
    target: str  # host:port
    ok: bool = False
    ms: float = 0.0
    detail: str = ""  # what answered, or why not (in words)
    advice: str = ""  # what to ask IT for when it failed
    via: str = ""  # the HTTP proxy it went through (its label, no password); "" = direct


@dataclass
class Report:
    server: str
    rungs: list[Rung] = field(default_factory=list)
    summary: str = ""
    blocked: list[str] = field(default_factory=list)  # plain sentences, one per blocked rung
    signalling: str = ""  # best SIP rung that works ("" = none)
    media: str = ""  # best media rung that works

    def to_json(self) -> dict:
        return {**asdict(self), "ok": bool(self.signalling and self.media)}

    def text(self) -> str:
        """The copyable report (for IT)."""
        lines = [f"WhitePhone network test — {time.strftime('%Y-%m-%d %H:%M:%S %Z')}", f"Hub: {self.server}", ""]
        for r in self.rungs:
            lines.append(f"{'OK     ' if r.ok else 'BLOCKED'} {r.rung:<10} {r.target:<32} {r.detail}")
        lines += ["", self.summary]
        if self.blocked:
            lines += ["", "To ask IT:"] + [f"- {b}" for b in self.blocked]
        return "\n".join(lines)


# -- probes -----------------------------------------------------------------------------------

def _options(host: str, port: int, transport: str) -> bytes:
    branch = "z9hG4bK-nettest" + os.urandom(6).hex()
    via = {"udp": "UDP", "tcp": "TCP", "tls": "TLS"}[transport]
    return (f"OPTIONS sip:{host}:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/{via} 0.0.0.0:9;branch={branch};rport\r\n"
            "Max-Forwards: 70\r\n"
            f"From: <sip:nettest@{host}>;tag={os.urandom(4).hex()}\r\n"
            f"To: <sip:{host}>\r\nCall-ID: {os.urandom(8).hex()}@nettest\r\nCSeq: 1 OPTIONS\r\n"
            "User-Agent: WhitePhone nettest\r\nContent-Length: 0\r\n\r\n").encode()


def _status_line(data: bytes) -> str:
    line = data.split(b"\r\n", 1)[0].decode("utf-8", "replace")
    if not line.startswith("SIP/2.0 "):
        raise ValueError(f"not a SIP answer: {line[:60]!r}")
    return line[8:]


def sip_options(host: str, port: int, transport: str, timeout: float = TIMEOUT,
                ca_file: str | None = None, pins: frozenset[str] = frozenset()) -> Rung:
    from whitephone.net.pins import pins_for
    from whitephone.net.proxy import ReachError
    from whitephone.net.tls import connect_tls_socket

    rung = Rung(f"sip-{transport}", f"{host}:{port}")
    start = time.monotonic()
    try:
        if transport == "tls" and pins_for(pins, host, port) != (frozenset(), frozenset()):
            with connect_tls_socket(host, port, ca_file=ca_file, pins=pins, timeout=timeout) as sock:
                sock.sendall(_options(host, port, transport))
                data = sock.recv(65535)
        elif transport == "udp":
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.settimeout(timeout)
                s.connect((host, port))
                end = start + timeout
                wait = 0.5
                while True:
                    s.send(_options(host, port, "udp"))
                    s.settimeout(max(0.05, min(wait, end - time.monotonic())))
                    try:
                        data = s.recv(65535)
                        break
                    except TimeoutError:
                        if time.monotonic() >= end:
                            raise
                        wait *= 2
        else:
            with socket.create_connection((host, port), timeout=timeout) as raw:
                sock = raw
                if transport == "tls":
                    ctx = ssl.create_default_context(cafile=ca_file)
                    sock = ctx.wrap_socket(raw, server_hostname=host)
                sock.settimeout(timeout)
                sock.sendall(_options(host, port, transport))
                data = sock.recv(65535)
        rung.detail = f"the registrar answered {_status_line(data)}"
        rung.ok = True
    except ReachError as exc:
        rung.detail = (f"the registrar's certificate is not trusted: {exc.reason}" if "certificate" in exc.reason
                       else "no answer (blocked, or nothing listens there)" if exc.kind == "timeout"
                       else exc.reason)
    except ssl.SSLCertVerificationError as exc:
        rung.detail = f"the registrar's certificate is not trusted: {exc.verify_message or exc.reason}"
    except (ssl.SSLError, ConnectionResetError) as exc:
        rung.detail = f"the TLS connection failed ({exc}); something between may cut TLS on this port"
    except TimeoutError:
        rung.detail = "no answer (blocked, or nothing listens there)"
    except ConnectionRefusedError:
        rung.detail = "refused (nothing listens on that port, or a firewall rejects it)"
    except socket.gaierror as exc:
        rung.detail = f"the name cannot be resolved ({exc.strerror})"
    except (OSError, ValueError) as exc:
        rung.detail = str(exc)
    rung.ms = round((time.monotonic() - start) * 1000, 1)
    return rung


def sip_options_proxy(host: str, port: int, proxy, timeout: float = TIMEOUT, ca_file: str | None = None,
                      pins: frozenset[str] = frozenset()) -> Rung:
    """SIP over TLS inside the HTTP proxy's CONNECT tunnel (the signalling ladder's last rung)."""
    from whitephone.net.proxy import ReachError
    from whitephone.net.tls import connect_tls_socket

    rung = Rung("sip-tls-proxy", f"{host}:{port}", via=proxy.label)
    start = time.monotonic()
    try:
        with connect_tls_socket(host, port, proxy=proxy, ca_file=ca_file, pins=pins, timeout=timeout) as sock:
            sock.sendall(_options(host, port, "tls"))
            data = sock.recv(65535)
        rung.ok, rung.detail = True, f"the registrar answered {_status_line(data)} through {proxy.label}"
    except ReachError as exc:
        rung.detail = (f"the registrar's certificate is not trusted: {exc.reason}" if "certificate" in exc.reason
                       else "no answer (blocked, or nothing listens there)" if exc.kind == "timeout"
                       else exc.reason)
    except OSError as exc:
        rung.detail = f"the TLS connection through {proxy.label} failed ({exc})"
    rung.ms = round((time.monotonic() - start) * 1000, 1)
    _clear_note(rung, proxy)
    return rung


def _clear_note(rung: Rung, proxy) -> None:
    """A rung through a proxy that was sent the password with Basic says so (net/proxy.py)."""
    from whitephone.net.proxy import CLEAR_WORDS, sent_in_clear

    if proxy is not None and sent_in_clear(proxy):
        rung.detail += f" ({CLEAR_WORDS} to {proxy.label})"


def _hub_get(url: str, timeout: float, ca_file: str | None, proxy: str):
    """GET /api/v1/network the way the window reaches the hub (sync/hub_transport.py: through the
    proxy `proxy_for` names for it, `proxy` being the profile's setting)."""
    import httpx

    from whitephone.sync.hub_transport import HubTransport

    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=ca_file) if ca_file else True
    with httpx.Client(transport=HubTransport(verify, lambda: proxy), timeout=timeout) as client:
        return client.get(url.rstrip("/") + "/api/v1/network")


def hub_https(url: str, timeout: float = TIMEOUT, ca_file: str | None = None, proxy: str = "") -> Rung:
    import httpx

    from whitephone.net.proxy import ReachError
    from whitephone.net.proxy_choice import choose

    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    rung = Rung("hub-https" if parts.scheme == "https" else "hub-http", f"{parts.hostname}:{port}")
    start = time.monotonic()
    try:
        via = choose(parts.hostname or "", proxy)
        rung.via = via.label if via else ""
        r = _hub_get(url, timeout, ca_file, proxy)
        rung.ok = True
        rung.detail = f"the hub answered HTTP {r.status_code}" + (f" through {via.label}" if via else "")
    except ReachError as exc:
        rung.detail = exc.reason
    except httpx.ConnectError as exc:
        cause = exc.__cause__ or exc.__context__
        while cause is not None and not isinstance(cause, ssl.SSLError) and cause.__context__ is not None:
            cause = cause.__context__
        if isinstance(cause, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(exc):
            rung.detail = f"the hub's certificate is not trusted ({exc})"
        elif "refused" in str(exc).lower():
            rung.detail = "refused (nothing listens on that port, or a firewall rejects it)"
        else:
            rung.detail = f"cannot connect ({exc})"
    except httpx.TimeoutException:
        rung.detail = "no answer (blocked, or nothing listens there)"
    except httpx.HTTPError as exc:
        rung.detail = str(exc)
    rung.ms = round((time.monotonic() - start) * 1000, 1)
    return rung


def network_info(url: str, timeout: float = TIMEOUT, ca_file: str | None = None, proxy: str = "") -> dict:
    """The hub's registrar, TURN and STUN addresses (GET /api/v1/network); {} when unknown."""
    import httpx

    from whitephone.net.proxy import ReachError

    try:
        r = _hub_get(url, timeout, ca_file, proxy)
        return r.json() if r.status_code == 200 else {}
    except (httpx.HTTPError, ValueError, ReachError):
        return {}


def turn_allocate(server: stun.TurnServer, transport: str, user: str = "", password: str = "",
                  timeout: float = TIMEOUT, ca_file: str | None = None, proxy=None,
                  pins: frozenset[str] = frozenset()) -> Rung:
    """transport: udp, tcp, tls, tls-proxy (TLS inside `proxy`'s CONNECT)."""
    rung = Rung(f"turn-{transport}", server.address)
    opener = None
    if transport in ("tls", "tls-proxy"):
        from functools import partial

        from whitephone.net.turn_tcp import open_stream

        opener = partial(open_stream, server.host, server.port, timeout, tls=True, ca_file=ca_file,
                         proxy=proxy if transport == "tls-proxy" else None, pins=pins)
    result = stun.allocate(server.host, server.port, user or "nettest", password or "-", transport, timeout,
                           opener=opener)
    rung.ms = result.ms
    if result.ok:
        rung.ok, rung.detail = True, f"relay allocated ({result.relayed})"
    elif result.code == 401 and not (user and password):
        rung.ok, rung.detail = True, "the TURN server answered (401: sign in to try an allocation)"
    elif result.code:
        rung.ok = True  # reachable; the credential is the problem, not the network
        rung.detail = result.reason
    else:
        rung.detail = "no answer (blocked, or nothing listens there)" if "no answer" in result.reason \
            else result.reason.replace(f"the TURN server {server.address} ", "")
    if transport == "tls-proxy":
        rung.via = proxy.label if proxy is not None else ""
        _clear_note(rung, proxy)
    return rung


def stun_binding(host: str, port: int, timeout: float = TIMEOUT) -> Rung:
    rung = Rung("stun-udp", f"{host}:{port}")
    result = stun.binding(host, port, "udp", timeout)
    rung.ok, rung.ms = result.ok, result.ms
    rung.detail = f"seen from outside as {result.mapped}" if result.ok else result.reason
    return rung


@dataclass
class ProxyCheck:
    """Preferences → Network → Test: what reaching `target` through the proxy setting did."""
    target: str  # the hub's URL, or host:port of the registrar's SIP over TLS
    via: str = ""  # the proxy used (its label, no password); "" = direct
    ok: bool = False
    detail: str = ""  # what answered, or why not (in words)
    unusable: bool = False  # the proxy setting itself cannot be used (detail says why): nothing was tried


def proxy_check(setting: str, hub: str = "", registrar: str = "", timeout: float = 10.0,
                ca_file: str | None = None) -> ProxyCheck | None:
    """The network test's proxy check for the proxy `setting` (net/proxy_choice.py's string): the
    hub's HTTPS answer the way the window reaches it (hub_https), else a CONNECT tunnel to the
    registrar's SIP over TLS port (what the engine's last rung opens); None with neither."""
    from whitephone.net.proxy import ReachError, tunnel_socket
    from whitephone.net.proxy_choice import choose, fixed_or_system

    if hub:
        try:
            via = choose(urlsplit(hub).hostname or "", setting)
        except ReachError as exc:
            return ProxyCheck(hub, detail=exc.reason, unusable=True)
        rung = hub_https(hub, timeout, ca_file, setting)
        label = via.label if via else ""
        return ProxyCheck(hub, label, rung.ok, rung.detail.removesuffix(f" through {label}") if label else rung.detail)
    if not registrar:
        return None
    host, port = _split(_sip_target(registrar), 5061)
    target = f"{host}:{5061 if port == 5060 else port}"
    try:
        proxy = fixed_or_system(host, setting)
    except ValueError as exc:
        return ProxyCheck(target, detail=str(exc), unusable=True)
    if proxy is None:
        return ProxyCheck(target, ok=True, detail="no proxy is used for it: SIP goes directly")
    try:
        tunnel_socket(proxy, host, int(target.rpartition(":")[2]), timeout).close()
    except ReachError as exc:
        return ProxyCheck(target, proxy.label, detail=exc.reason)
    return ProxyCheck(target, proxy.label, True, "the proxy opened a tunnel to it")


# -- the test ---------------------------------------------------------------------------------

def _sip_target(registrar: str) -> str:
    """sip:host[:port][;params] -> host[:port]."""
    text = registrar.split(":", 1)[1] if registrar.lower().startswith(("sip:", "sips:")) else registrar
    return text.split(";", 1)[0].split("@")[-1]


def _split(host_port: str, default: int) -> tuple[str, int]:
    host, sep, port = host_port.rpartition(":")
    return (host, int(port)) if sep and port.isascii() and port.isdigit() else (host_port, default)


def _probe(rung: str, target: str, probe, *args) -> Rung:
    """One rung's probe, which never takes the whole test down: whatever it raises (a bug, or a
    library failing on what a server sent) is that rung failed, with the reason."""
    try:
        return probe(*args)
    except Exception as exc:  # noqa: BLE001 - the report is still written, this rung failed
        log.warning("network test: the %s probe of %s failed", rung, target, exc_info=True)
        return Rung(rung, target, detail=f"the test failed unexpectedly ({type(exc).__name__}: {exc})")


def run(server: str, registrar: str | None = None, turn: list[str] | None = None, stun_servers: list[str] | None = None,
        turn_user: str = "", turn_password: str = "", timeout: float = TIMEOUT, ca_file: str | None = None,
        sip_ports: dict[str, int] | None = None, proxy: str = "", pins=frozenset()) -> Report:
    """Test every rung; the hub names the registrar and relays when they are not given. `proxy`: the
    HTTP proxy URL for the TLS-in-CONNECT rungs ("": the system's, from https_proxy; NO_PROXY of
    net/proxy_choice.py: none); `pins`: the pinned certificates (net/pins.py normal_pin's forms) the
    calls use too."""
    from whitephone.net.proxy_choice import fixed_or_system

    if proxy:
        fixed_or_system("", proxy)  # a setting that is no proxy URL: ValueError before any rung

    def proxy_for(host: str):
        return fixed_or_system(host, proxy)

    report = Report(server=server)
    info = network_info(server, timeout, ca_file, proxy) if server else {}
    registrar = registrar or info.get("registrar") or ""
    turn = turn if turn is not None else list(info.get("turn") or [])
    stun_servers = stun_servers if stun_servers is not None else list(info.get("stun") or [])
    jobs = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        if server:
            jobs.append(pool.submit(_probe, "hub-https" if server.lower().startswith("https") else "hub-http", server,
                                    hub_https, server, timeout, ca_file, proxy))
        if registrar:
            host, port = _split(_sip_target(registrar), 5060)
            ports = {"udp": port, "tcp": port, "tls": 5061, "tls443": 443, **(sip_ports or {})}
            for transport in ("udp", "tcp"):
                jobs.append(pool.submit(_probe, f"sip-{transport}", f"{host}:{ports[transport]}", sip_options, host,
                                        ports[transport], transport, timeout))
            for key in ("tls", "tls443"):
                if ports.get(key):
                    jobs.append(pool.submit(_probe, "sip-tls", f"{host}:{ports[key]}", sip_options, host, ports[key],
                                            "tls", timeout, ca_file, pins))
            tls_ports = [ports[k] for k in ("tls443", "tls") if ports.get(k)]
            if proxy_for(host) is not None and tls_ports:  # a proxy may allow CONNECT to 443 only
                jobs.append(pool.submit(_probe, "sip-tls-proxy", f"{host}:{tls_ports[0]}", sip_options_proxy, host,
                                        tls_ports[0], proxy_for(host), timeout, ca_file, pins))
        for uri in turn[:3]:
            server_ = stun.parse_turn_uri(uri)
            if server_.secure:
                transports = ["tls"] + (["tls-proxy"] if proxy_for(server_.host) is not None else [])
            else:
                transports = [server_.transport] if server_.transport else ["udp", "tcp"]
            for transport in transports:
                jobs.append(pool.submit(_probe, f"turn-{transport}", server_.address, turn_allocate, server_,
                                        transport, turn_user, turn_password, timeout, ca_file,
                                        proxy_for(server_.host), pins))
        for s in stun_servers[:2]:
            jobs.append(pool.submit(_probe, "stun-udp", s, stun_binding, *stun.parse_host_port(s), timeout))
        report.rungs = [j.result() for j in jobs]
    explain(report, registrar)
    return report


_ORDER_SIP = ["sip-udp", "sip-tcp", "sip-tls", "sip-tls-proxy"]
_ORDER_MEDIA = ["turn-udp", "turn-tcp", "turn-tls", "turn-tls-proxy"]


# net/proxy.py's and net/proxy_auth.py's words for a proxy refusing (or wanting) the credentials
_CREDENTIALS_REFUSED = ("refused the user name or password", "refused the logged-in user's credentials",
                        "wants a user name and password")


def explain(report: Report, registrar: str = "") -> None:
    """Plain words: what works, what is blocked, what to ask IT to open."""
    for r in report.rungs:
        if r.ok:
            continue
        host, port = _split(r.target, 0)
        proto = "UDP" if r.rung.endswith("udp") else "TCP"
        what = {"hub-https": "the hub (HTTPS)", "hub-http": "the hub (HTTP)", "sip-udp": "SIP over UDP",
                "sip-tcp": "SIP over TCP", "sip-tls": "SIP over TLS", "turn-udp": "the media relay over UDP",
                "turn-tcp": "the media relay over TCP", "turn-tls": "the media relay over TLS",
                "sip-tls-proxy": "SIP over TLS through the HTTP proxy",
                "turn-tls-proxy": "the media relay over TLS through the HTTP proxy",
                "stun-udp": "the STUN server"}.get(r.rung, r.rung)
        if "certificate" in r.detail:
            r.advice = f"{what} at {r.target}: the certificate is not trusted; ask IT whether a proxy " \
                       "inspects TLS, or have the server's certificate renewed"
        elif "resolved" in r.detail:
            r.advice = f"{what}: the name {host} cannot be resolved; check the address or the DNS server"
        elif r.via and any(w in r.detail for w in _CREDENTIALS_REFUSED):
            r.advice = f"{what} at {r.target}: the HTTP proxy {r.via} refused the credentials ({r.detail}); " \
                       "check the user name and password in Preferences → Network → HTTP proxy, or ask IT " \
                       "whether this login may use the proxy"
        elif r.via or r.rung.endswith("-proxy"):
            r.advice = f"{what} to {r.target} through the HTTP proxy{' ' + r.via if r.via else ''} failed: ask IT " \
                       f"to let the proxy allow CONNECT to {host} port {port}, or check the proxy in Preferences → " \
                       f"Network → HTTP proxy ({r.detail})"
        else:
            r.advice = f"{what} to {r.target} is blocked: ask IT to allow outgoing {proto} to {host} port {port}"
        report.blocked.append(r.advice)
    ok = {r.rung for r in report.rungs if r.ok}
    sip_ok = [r for r in report.rungs if r.ok and r.rung.startswith("sip-")]
    report.signalling = next((r.rung + ("" if not r.rung.startswith("sip-tls") else f":{_split(r.target, 0)[1]}")
                              for name in _ORDER_SIP for r in sip_ok if r.rung == name), "")
    media_ok = [m for m in _ORDER_MEDIA if m in ok]
    has_turn = any(r.rung.startswith("turn-") for r in report.rungs)
    report.media = media_ok[0] if media_ok else ("" if has_turn else "direct")
    words = []
    hub = next((r for r in report.rungs if r.rung.startswith("hub-")), None)
    if hub is not None:
        words.append("The hub is reachable." if hub.ok else "The hub cannot be reached: sign-in, sync and "
                     "messages will not work.")
    if registrar:
        words.append({"sip-udp": "Calls can be set up over UDP (the fastest way).",
                      "sip-tcp": "UDP is blocked for calls; they will be set up over TCP.",
                      "sip-tls": "Only TLS gets through; calls will be set up over TLS.",
                      "sip-tls-proxy": "Only the HTTP proxy gets out; calls will be set up over TLS through "
                                       "its tunnel."}.get(
            report.signalling.split(":")[0], "No way to the registrar works: calls cannot be made."))
    if has_turn:
        words.append({"turn-udp": "Call audio can use the relay over UDP.",
                      "turn-tcp": "UDP is blocked for audio; it will be relayed over TCP (a little more delay).",
                      "turn-tls": "UDP and plain TCP are blocked for audio; only TLS gets through: it will be "
                                  "relayed over TLS (a little more delay).",
                      "turn-tls-proxy": "Audio can only leave through the HTTP proxy: it will be relayed over "
                                        "TLS inside the proxy's tunnel (a little more delay)."}.get(
            report.media, "The media relay cannot be reached: calls may connect without sound."))
    from whitephone.net.proxy import CLEAR_WORDS

    if any(CLEAR_WORDS in r.detail for r in report.rungs):
        words.append(f"Warning: {CLEAR_WORDS[0].upper()}{CLEAR_WORDS[1:]}: anyone on the network between can read "
                     f"it; ask IT to offer Negotiate or NTLM on the proxy.")
    report.summary = " ".join(words) or "Nothing to test: give --server."
