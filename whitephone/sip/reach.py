"""How the agent's signalling reaches its server (issue 16): the rung given by `--transport`, or
the one the ladder (sip/ladder.py) finds, remembered per network in the profile. Plain Python;
runs before the engine starts, since pjsip's transports are chosen at start."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from dataclasses import dataclass

from whitephone.net.sipuri import host_port as _host_port

# whitephone.net.proxy and sip.ladder (urllib, asyncio, ssl: ~0.3 s on a busy machine) are
# imported only when a proxy URL is given or the ladder is climbed: a plain agent starts as fast
# as before

log = logging.getLogger(__name__)

CERT_KINDS = ("expired", "not_yet_valid", "self_signed", "untrusted", "hostname", "pin_mismatch")


@dataclass
class Plan:
    rung: str | None  # udp | tcp | tls | tls-proxy; None: nothing reached the server
    registrar: str = ""
    sip_proxy: str = ""
    tls_server: str = ""
    tls_proxy: str = ""

    def account_fields(self) -> dict:
        if self.rung in ("tls", "tls-proxy"):
            return {"transport": "tls", "tls_server": self.tls_server, "tls_proxy": self.tls_proxy}
        return {}


def _is_tls_uri(uri: str) -> bool:
    low = uri.strip().lower()
    return low.startswith("sips:") or ";transport=tls" in low


def signalling_plan(a: argparse.Namespace, emit: Callable[[dict], None]) -> Plan:
    """ValueError for a bad --proxy URL or a --transport tls without a server."""
    sip_proxy, http_proxy, http_url = "", None, ""
    from whitephone.net.proxy_choice import is_direct

    direct = is_direct(a.proxy or "")  # Preferences → Network → No proxy: not even the system's
    if a.proxy and not direct:
        if a.proxy.strip().lower().startswith(("sip:", "sips:")):
            sip_proxy = a.proxy
        else:
            from whitephone.net.proxy import ProxyURL

            http_proxy, http_url = ProxyURL.parse(a.proxy), a.proxy.strip()
    registrar = a.registrar or ""
    call_tls = a.call if a.call and _is_tls_uri(a.call) else ""
    server = sip_proxy or registrar or call_tls
    tls_ports = list(a.tls_port or (5061, 443))
    if a.transport in ("udp", "tcp"):
        return Plan(a.transport, registrar, sip_proxy)
    if a.transport == "tls":
        server = getattr(a, "tls_server", None) or server or a.call or ""
        if not server:
            raise ValueError("--transport tls needs a server to reach: --tls-server, --registrar, a SIP --proxy "
                             "or --call")
        host, port, _ = _host_port(server)
        return Plan("tls-proxy" if http_proxy else "tls", registrar, sip_proxy,
                    f"{host}:{port or tls_ports[0]}", http_url)
    if not server.strip().lower().startswith(("sip:", "sips:")):
        # a local agent: nothing to climb towards (a malformed URI: the account's check says why)
        return Plan("udp", registrar, sip_proxy)
    try:
        host, port, secure = _host_port(server)
    except ValueError:
        return Plan("udp", registrar, sip_proxy)  # the account's own check reports the bad URI
    if secure and port:
        tls_ports = [port] + [p for p in tls_ports if p != port]
    from whitephone.net.proxy import system_proxy
    from whitephone.sip import ladder

    proxy = None if direct else http_proxy or system_proxy(host)
    rungs = ladder.rungs(port or 5060, tuple(tls_ports), proxy)
    if secure or _is_tls_uri(server):
        rungs = [r for r in rungs if r.name.startswith("tls")]
    profile, memory, key = _profile(a), None, ladder.network_key(proxy)
    if profile is not None:
        memory = profile.get(ladder.SETTINGS_KEY)
    first = ladder.remembered(memory, key, server)
    rung, results = ladder.climb(host, rungs, first, emit=emit, timeout=a.probe_timeout, proxy=proxy,
                                 ca_file=a.ca_file, pins=frozenset(a.pin_cert))
    summary = {"event": "ladder", "server": server, "rung": rung.name if rung else None,
               "port": rung.port if rung else None, "remembered": first.name if first else None,
               "proxy": proxy.label if proxy else None, "network": key,
               "tried": [{"rung": r.rung, "port": r.port, "ok": r.ok, "ms": r.ms, "reason": r.reason}
                         for r in results]}
    emit(summary)
    if rung is None:
        bad_cert = next((r for r in results if r.kind in CERT_KINDS), None)
        if bad_cert is not None:
            emit({"event": "tls_error", "kind": bad_cert.kind, "reason": bad_cert.reason,
                  "server": f"{host}:{bad_cert.port}", "rung": bad_cert.rung})
        emit({"event": "error", "reason": f"no way to reach {server}: "
                                          + "; ".join(f"{r.rung} {r.port}: {r.reason}" for r in results)})
        return Plan(None)
    if profile is not None:
        try:
            # merged into what the file holds now: another account's ladder may have written since
            profile.update(ladder.SETTINGS_KEY, lambda now: ladder.remember(now or {}, key, server, rung))
        except OSError as exc:
            log.warning("cannot remember the rung: %s", exc)
    if rung.name in ("udp", "tcp"):
        return Plan(rung.name, registrar, sip_proxy)
    return Plan(rung.name, registrar, sip_proxy, f"{host}:{rung.port}",
                http_url or (proxy_url(proxy) if rung.name == "tls-proxy" and proxy else ""))


def proxy_url(proxy) -> str:
    from urllib.parse import quote

    auth = f"{quote(proxy.user, safe='')}:{quote(proxy.password, safe='')}@" if proxy.user else ""
    return f"http://{auth}{proxy.host}:{proxy.port}"


def _profile(a: argparse.Namespace):
    """The profile named by --profile (the window's engine, or a user's agent); never the default
    one behind the user's back."""
    if not getattr(a, "profile", None):
        return None
    from whitephone.profile import Profile

    try:
        return Profile.open(a.profile)
    except OSError:
        return None
