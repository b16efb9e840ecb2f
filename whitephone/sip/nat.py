"""Media NAT traversal for the engine: ICE with host, STUN server-reflexive and TURN relayed
candidates, and the media ladder ICE → TURN over UDP → TURN over TCP → TURN over TLS → TURN
over TLS inside the HTTP proxy's CONNECT tunnel (the last three through net/turn_tcp.py).

pjsua reads the STUN servers once (`EpConfig.uaConfig.stunServer`, or later
`Endpoint.natUpdateStunServers`) and ICE/TURN per account (`AccountNatConfig`). Which TURN
transport gets through is learnt before any call by a TURN Allocate of our own (net/stun.py,
2 s per rung), so a call never waits on a blocked rung. Each call's media path (direct, stun,
relayed; over udp or tcp) is read from our own SDP's candidates and the ICE-nominated local
address, and reported in a `media_path` event."""

from __future__ import annotations

import logging
import re
import socket
from dataclasses import dataclass, field

from whitephone.net import stun

log = logging.getLogger(__name__)

_CANDIDATE = re.compile(r"^a=candidate:\S+ (\d) (\S+) \d+ (\S+) (\d+) typ (\w+)", re.MULTILINE)
_PATH_OF = {"host": "direct", "srflx": "stun", "prflx": "stun", "relay": "relayed"}


@dataclass
class NatSettings:
    ice: bool = False
    stun: list[str] = field(default_factory=list)  # HOST:PORT
    turn: str = ""  # turn:host:port?transport=udp|tcp and/or turns:host:port, several comma-separated
    turn_user: str = ""
    turn_password: str = ""
    max_host_candidates: int = -1  # -1: pjsua's default; 0 forces the relay (tests on one machine)
    proxy: str = ""  # the HTTP proxy (URL) whose CONNECT may carry TURN over TLS; "": the system's
    ca_file: str | None = None  # TURN over TLS: certificates verified against this, else the system store
    pins: frozenset[str] = frozenset()  # ... or accepted by their SHA-256
    # the TURN transport in use (udp, tcp, tls, tls-proxy): chosen by probe()
    turn_transport: str = ""
    turn_index: int = 0  # which of the URIs probe() chose
    ladder: list[dict] = field(default_factory=list)  # what probe() tried, in order

    @property
    def active(self) -> bool:
        return bool(self.ice or self.stun or self.turn)

    def turn_servers(self) -> list[stun.TurnServer]:
        return [stun.parse_turn_uri(u) for u in self.turn.replace(" ", ",").split(",") if u.strip()]

    def turn_server(self) -> stun.TurnServer | None:
        """The TURN server in use (probe()'s choice; before it, the first)."""
        servers = self.turn_servers()
        return servers[min(self.turn_index, len(servers) - 1)] if servers else None

    def http_proxy(self, host: str):
        """The ProxyURL for TURN over TLS in CONNECT to `host`: ours, else the system's, else None
        (also for NO_PROXY, Preferences → Network → No proxy)."""
        from whitephone.net.proxy_choice import fixed_or_system

        return fixed_or_system(host, self.proxy)

    def check(self) -> None:
        """Raise ValueError for a bad STUN/TURN address or proxy URL (before pjsua sees it)."""
        for s in self.stun:
            stun.parse_host_port(s)
        self.turn_servers()
        if self.proxy:
            from whitephone.net.proxy_choice import fixed_or_system

            fixed_or_system("", self.proxy)

    def rungs(self) -> list[tuple[int, str]]:
        """(URI index, transport) in ladder order: UDP, TCP of the turn: URIs, then TLS, then TLS
        in CONNECT (only when a proxy is known) of the turns: ones."""
        plain, secure = [], []
        for i, server in enumerate(self.turn_servers()):
            if server.secure:
                secure.append((i, "tls"))
                if self.http_proxy(server.host) is not None:
                    secure.append((i, "tls-proxy"))
            else:
                plain += [(i, t) for t in ([server.transport] if server.transport else ["udp", "tcp"])]
        order = {"udp": 0, "tcp": 1, "tls": 2, "tls-proxy": 3}
        return sorted(plain + secure, key=lambda r: order[r[1]])

    def adapter_options(self, transport: str) -> dict:
        """TurnTcpAdapter's keywords for a stream rung (tcp, tls, tls-proxy) of the chosen server."""
        server = self.turn_server()
        if transport not in ("tls", "tls-proxy") or server is None:
            return {}
        return {"tls": True, "ca_file": self.ca_file, "pins": self.pins,
                "proxy": self.http_proxy(server.host) if transport == "tls-proxy" else None}

    def probe(self, timeout: float = 2.0) -> str:
        """Pick the TURN server and transport: the first rung whose Allocate succeeds.
        Returns the transport ("" when none works: TURN is left out and ICE uses the rest)."""
        self.ladder = []
        servers = self.turn_servers()
        if not servers:
            self.turn_transport = ""
            return ""
        rungs = self.rungs()
        for index, transport in rungs:
            server = servers[index]
            self.turn_index = index
            opener = None
            if transport in ("tls", "tls-proxy"):
                opts = dict(self.adapter_options(transport), connect_timeout=timeout)
                opener = _Opener(server, opts)
            result = stun.allocate(server.host, server.port, self.turn_user, self.turn_password, transport,
                                   timeout, opener=opener)
            self.ladder.append({"rung": f"turn-{transport}", "ok": result.ok, "reason": result.reason,
                                "ms": result.ms, "relayed": result.relayed})
            if result.ok:
                self.turn_transport = transport
                return transport
            log.info("TURN over %s: %s", transport, result.reason)
        # nothing allocated: keep the first rung so pjsua still tries when the network heals
        self.turn_index, self.turn_transport = rungs[0] if rungs else (0, "udp")
        return ""

    def summary(self) -> dict:
        return {"ice": self.ice or bool(self.turn), "stun": list(self.stun), "turn": self.turn,
                "turn_transport": self.turn_transport, "ladder": self.ladder}


class _Opener:
    """A TLS (or TLS in CONNECT) stream to a TURN server for the probe's Allocate."""

    def __init__(self, server: stun.TurnServer, opts: dict) -> None:
        self.server, self.opts = server, opts

    def __call__(self):
        from whitephone.net.turn_tcp import open_stream

        return open_stream(self.server.host, self.server.port, **self.opts)


def apply_endpoint(ua_config, nat: NatSettings) -> None:
    """STUN servers for EpConfig.uaConfig (read at libInit)."""
    for s in nat.stun:
        host, port = stun.parse_host_port(s)
        ua_config.stunServer.append(f"{host}:{port}")
    ua_config.stunIgnoreFailure = True  # a dead STUN server must not stop the engine


def apply_account(nat_config, nat: NatSettings, pj, tcp_adapter=None) -> None:
    """ICE and TURN for an AccountConfig.natConfig. TURN over TCP, TLS and TLS in CONNECT go
    through `tcp_adapter(host, port, transport)` -> "127.0.0.1:port" (net/turn_tcp.py), which
    pjnath reaches over UDP."""
    server = nat.turn_server()
    use_ice = nat.ice or server is not None  # a relayed candidate is offered through ICE
    nat_config.iceEnabled = use_ice
    if not use_ice:
        return
    nat_config.iceAggressiveNomination = True
    nat_config.iceNoRtcp = False
    if nat.max_host_candidates >= 0:
        nat_config.iceMaxHostCands = nat.max_host_candidates
    nat_config.mediaStunUse = pj.PJSUA_STUN_USE_DEFAULT if nat.stun else pj.PJSUA_STUN_USE_DISABLED
    nat_config.sipStunUse = pj.PJSUA_STUN_USE_DISABLED  # SIP NAT is the registrar's (fix_nated_contact)
    if server is not None:
        nat_config.turnEnabled = True
        transport = nat.turn_transport or server.transport or "udp"
        stream = transport in ("tcp", "tls", "tls-proxy")
        if stream and tcp_adapter is not None:
            nat_config.turnServer = tcp_adapter(server.host, server.port, transport)
        else:
            nat_config.turnServer = f"{server.host}:{server.port}"
        nat_config.turnConnType = pj.PJ_TURN_TP_TCP if stream and tcp_adapter is None else pj.PJ_TURN_TP_UDP
        nat_config.turnUserName = nat.turn_user
        nat_config.turnPasswordType = 0  # plain text
        nat_config.turnPassword = nat.turn_password


def local_candidates(sdp: str) -> dict[str, str]:
    """{"ip:port": "host" | "srflx" | "relay"} for the RTP component of an SDP's candidates."""
    found: dict[str, str] = {}
    for comp, _proto, ip, port, kind in _CANDIDATE.findall(sdp or ""):
        if comp == "1":
            found.setdefault(f"{ip}:{port}", kind)
    return found


def media_path(candidates: dict[str, str], local_rtp: str, ice: bool, turn_transport: str) -> dict:
    """The path of a call's audio from our candidates and the nominated local address."""
    if not ice:
        return {"path": "direct", "transport": "udp", "local": local_rtp, "candidate": "host"}
    kind = candidates.get(_normal(local_rtp), "")
    path = _PATH_OF.get(kind, "direct" if not kind else kind)
    return {"path": path, "transport": turn_transport if path == "relayed" else "udp",
            "local": local_rtp, "candidate": kind or "unknown"}


def _normal(address: str) -> str:
    host, _, port = address.rpartition(":")
    try:
        host = socket.inet_ntoa(socket.inet_aton(host.strip("[]")))
    except OSError:
        pass
    return f"{host}:{port}"
