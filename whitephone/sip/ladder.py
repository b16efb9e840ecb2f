"""The signalling ladder (issue 16): SIP over UDP, TCP, TLS on 5061, TLS on 443, then TLS inside
an HTTP CONNECT tunnel. Each rung is tried with a short OPTIONS probe of its own time-out (any SIP
answer, even 404 or 405, proves the path), so a blocked rung costs seconds, not SIP's 32 s
Timer B. The rung that worked is remembered per network (default gateway + proxy)."""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import threading
import time
from dataclasses import asdict, dataclass

from whitephone.net.proxy import ProxyURL, ReachError

log = logging.getLogger(__name__)

SETTINGS_KEY = "reach"  # profile settings: {network key: {server: {"rung", "port"}}}


@dataclass(frozen=True)
class Rung:
    name: str  # udp | tcp | tls | tls-proxy
    port: int


@dataclass
class ProbeResult:
    rung: str
    port: int
    ok: bool
    ms: float
    reason: str = ""
    kind: str = ""  # a ReachError kind when the probe failed that way

    def event(self) -> dict:
        return {"event": "rung_probe", **asdict(self)}


def rungs(sip_port: int = 5060, tls_ports: tuple[int, ...] = (5061, 443), proxy: ProxyURL | None = None) -> list[Rung]:
    out = [Rung("udp", sip_port), Rung("tcp", sip_port)] + [Rung("tls", p) for p in tls_ports]
    if proxy is not None:
        out.append(Rung("tls-proxy", tls_ports[-1] if tls_ports else 443))
    return out


def _options(host: str, port: int, transport: str, local: tuple[str, int]) -> bytes:
    branch, tag = os.urandom(8).hex(), os.urandom(4).hex()
    via = {"udp": "UDP", "tcp": "TCP"}.get(transport, "TLS")
    scheme = "sips" if transport == "tls" else "sip"
    return (f"OPTIONS {scheme}:{host}:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/{via} {local[0]}:{local[1]};branch=z9hG4bK{branch};rport\r\n"
            f"Max-Forwards: 70\r\nFrom: <sip:probe@whitephone.invalid>;tag={tag}\r\n"
            f"To: <{scheme}:{host}:{port}>\r\nCall-ID: {os.urandom(16).hex()}@whitephone\r\nCSeq: 1 OPTIONS\r\n"
            f"User-Agent: WhitePhone reach probe\r\nContent-Length: 0\r\n\r\n").encode()


def resolve(host: str, timeout: float) -> str:
    """The server's address, looked up within `timeout` (the system's resolver cannot be told
    to give up: a slow lookup is left to finish on a thread of its own). ReachError "dns"."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        pass
    found: dict[str, object] = {}

    def look_up() -> None:
        try:
            infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
            found["address"] = next((i for i in infos if i[0] == socket.AF_INET), infos[0])[4][0]  # IPv4 first
        except (OSError, IndexError, UnicodeError) as exc:
            found["error"] = exc

    t = threading.Thread(target=look_up, name="wp-ladder-dns", daemon=True)
    t.start()
    t.join(timeout)
    if "address" in found:
        return str(found["address"])
    if "error" in found:
        raise ReachError("dns", f"the name {host} was not found ({found['error']})")
    raise ReachError("dns", f"the name {host} did not resolve in {timeout:g} s")


def _probe_udp(host: str, port: int, timeout: float, address: str = "") -> None:
    family = socket.AF_INET6 if ":" in (address or host) else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.settimeout(0.5)
        s.connect((address or host, port))
        end = time.monotonic() + timeout
        while time.monotonic() < end:  # resent every 0.5 s, as SIP's Timer A would
            try:
                s.send(_options(host, port, "udp", s.getsockname()))
                if s.recv(65535).startswith(b"SIP/2.0 "):
                    return
            except TimeoutError:
                continue
            except ConnectionRefusedError:
                raise ReachError("refused", f"nothing answers on {host}:{port} (UDP port closed)") from None
    raise ReachError("timeout", f"no SIP answer from {host}:{port} over UDP in {timeout:g} s")


async def _probe_stream(rung: Rung, host: str, timeout: float, proxy: ProxyURL | None, ca_file: str | None,
                        pins: frozenset[str], server_name: str, address: str = "") -> None:
    import asyncio  # TCP and TLS rungs only: an engine whose server answers over UDP never loads it

    if rung.name == "tcp":
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(address or host, rung.port), timeout)
        except TimeoutError:
            raise ReachError("timeout", f"no answer from {host}:{rung.port} (TCP) in {timeout:g} s") from None
        except ConnectionRefusedError:
            raise ReachError("refused", f"{host}:{rung.port} refused the TCP connection") from None
        except OSError as exc:
            raise ReachError("unreachable", f"cannot reach {host}:{rung.port}: {exc.strerror or exc}") from None
    else:
        from whitephone.net.tls import connect_tls

        reader, writer = await connect_tls(host, rung.port, server_name=server_name,
                                           proxy=proxy if rung.name == "tls-proxy" else None,
                                           ca_file=ca_file, pins=pins, timeout=timeout)
    try:
        local = writer.get_extra_info("sockname") or ("127.0.0.1", 0)
        writer.write(_options(host, rung.port, "tcp" if rung.name == "tcp" else "tls", local[:2]))
        line = await asyncio.wait_for(reader.readline(), timeout)
    except TimeoutError:
        raise ReachError("timeout", f"{host}:{rung.port} ({rung.name}) took the connection but gave no SIP "
                                    f"answer in {timeout:g} s") from None
    except OSError as exc:
        raise ReachError("unreachable", f"{host}:{rung.port} ({rung.name}): {exc}") from None
    finally:
        writer.close()
    if not line.startswith(b"SIP/2.0 "):
        raise ReachError("not_sip", f"{host}:{rung.port} ({rung.name}) did not answer in SIP")


def probe(rung: Rung, host: str, timeout: float = 3.0, proxy: ProxyURL | None = None, ca_file: str | None = None,
          pins: frozenset[str] = frozenset(), server_name: str = "", address: str = "") -> ProbeResult:
    """`address`: the host's, already looked up (`resolve`): UDP and TCP go there without a
    lookup of their own (TLS connects by name: its certificate and pins are the name's)."""
    start = time.monotonic()
    try:
        if rung.name == "udp":
            _probe_udp(host, rung.port, timeout, address)
        else:
            import asyncio

            # the probe's whole life is bounded too: a proxy or TLS stall never exceeds ~2 time-outs
            asyncio.run(asyncio.wait_for(_probe_stream(rung, host, timeout, proxy, ca_file, pins, server_name,
                                                       address), timeout * 2))
    except ReachError as exc:
        return ProbeResult(rung.name, rung.port, False, round((time.monotonic() - start) * 1000, 1), exc.reason,
                           exc.kind)
    except TimeoutError:
        return ProbeResult(rung.name, rung.port, False, round((time.monotonic() - start) * 1000, 1),
                           f"{host}:{rung.port} ({rung.name}) gave no SIP answer in time", "timeout")
    except OSError as exc:
        return ProbeResult(rung.name, rung.port, False, round((time.monotonic() - start) * 1000, 1), str(exc),
                           "unreachable")
    return ProbeResult(rung.name, rung.port, True, round((time.monotonic() - start) * 1000, 1))


def climb(host: str, ladder: list[Rung], first: Rung | None = None, emit=None, **kw) -> tuple[Rung | None, list[ProbeResult]]:
    """Try `first` (the remembered rung), then the ladder from the bottom; the first rung that
    answers wins. Certificate failures stop the climb: a higher rung would meet the same
    certificate, and a TLS failure must never end in a plain-text rung either."""
    order = ([first] if first in ladder else []) + [r for r in ladder if r != first]
    results: list[ProbeResult] = []
    address, dns_error = "", None
    if any(r.name != "tls-proxy" for r in order):  # looked up once, within one probe's time-out
        start = time.monotonic()
        try:
            address = resolve(host, kw.get("timeout", 3.0))
        except ReachError as exc:
            dns_error = (exc, round((time.monotonic() - start) * 1000, 1))
    for rung in order:
        if dns_error is not None and rung.name != "tls-proxy":  # the proxy looks the name up itself
            result = ProbeResult(rung.name, rung.port, False, dns_error[1], dns_error[0].reason, dns_error[0].kind)
        else:
            result = probe(rung, host, address=address, **kw)
        results.append(result)
        if emit is not None:
            emit(result.event())
        if result.ok:
            return rung, results
        if result.kind in ("expired", "not_yet_valid", "self_signed", "untrusted", "hostname", "pin_mismatch"):
            return None, results
    return None, results


def default_gateway(path: str = "/proc/net/route") -> str:
    """The IPv4 default gateway (the network we are on), "" when unknown (not Linux, no route)."""
    try:
        with open(path) as f:
            next(f)
            for line in f:
                parts = line.split()
                if len(parts) > 2 and parts[1] == "00000000":
                    raw = bytes.fromhex(parts[2])[::-1]
                    return socket.inet_ntoa(raw)
    except (OSError, ValueError, StopIteration):
        pass
    return ""


def network_key(proxy: ProxyURL | None) -> str:
    return f"gw={default_gateway() or '?'}|proxy={proxy.label if proxy else '-'}"


def _memory(settings, key: str | None = None) -> dict:
    """The "reach" setting (or one network's part of it) if it has the expected shape, else {}
    with a log line: edited by hand, written by another version or half restored."""
    part = settings if key is None else settings.get(key)
    if part is None:
        return {}
    if not isinstance(part, dict):
        log.warning("settings %r%s is not a mapping: ignored (the ladder climbs from the bottom)",
                    SETTINGS_KEY, f" [{key!r}]" if key else "")
        return {}
    return part


def remembered(settings, key: str, server: str) -> Rung | None:
    entry = _memory(_memory(settings), key).get(server)
    if isinstance(entry, dict) and entry.get("rung") in ("udp", "tcp", "tls", "tls-proxy"):
        try:
            port = int(entry["port"])
        except (TypeError, ValueError, KeyError, OverflowError):
            return None
        return Rung(entry["rung"], port) if 0 < port < 65536 else None
    return None


def remember(settings, key: str, server: str, rung: Rung) -> dict:
    out = dict(_memory(settings))
    out[key] = {**_memory(out, key), server: {"rung": rung.name, "port": rung.port}}
    return out
