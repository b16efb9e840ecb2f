"""Who may ring us: with screening on, an incoming INVITE is accepted only when it comes from
one of our accounts' servers (the address our registration's answer came from, which is where
a provider's calls come from too, SRV and outbound proxy included) or from a known peer (the
hosts of the address book's SIP addresses, given by the GUI). The rest, SIP scanners ringing
0.0.0.0:5060 from the internet above all, get 403 and are logged.

Plain Python; peers named by host name are looked up on a worker thread, never on the engine's
pump thread."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from collections.abc import Callable, Iterable

log = logging.getLogger(__name__)

Resolve = Callable[[str], set[str]]


def host_of(uri_or_address: str) -> str:
    """The host of a SIP URI (sip:alice@example.com:5070;transport=tcp -> example.com), of a
    "host:port" source address, or of a bare host; IPv6 without brackets."""
    text = uri_or_address.strip().strip("<>")
    for scheme in ("sips:", "sip:"):
        if text.lower().startswith(scheme):
            text = text[len(scheme):]
    text = text.split(";", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1]
    if text.startswith("["):
        return text[1:].split("]", 1)[0]
    if text.count(":") == 1:
        text = text.split(":", 1)[0]
    return text.lower()


def _ip(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def resolve_host(host: str) -> set[str]:
    try:
        return {str(info[4][0]) for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_UDP)}
    except OSError as exc:
        log.info("known peer %s not found: %s", host, exc)
        return set()


class CallScreen:
    def __init__(self, on: bool = False, resolve: Resolve = resolve_host) -> None:
        self.on = on
        self.resolve = resolve
        self._lock = threading.Lock()
        self._servers: dict[str, set[str]] = {}  # account id -> addresses its server answers from
        self._peers: set[str] = set()
        self._generation = 0  # a newer peer list wins over a look-up still running for an older one

    def account_server(self, acc_id: str, source: str) -> None:
        """Our registration for `acc_id` was answered from `source` ("ip:port")."""
        ip = _ip(host_of(source))
        if ip:
            with self._lock:
                self._servers.setdefault(acc_id, set()).add(ip)

    def drop_account(self, acc_id: str) -> None:
        with self._lock:
            self._servers.pop(acc_id, None)

    def set_peers(self, hosts: Iterable[str]) -> None:
        """Known peers by host or IP (names looked up on a worker thread)."""
        hosts = {host_of(h) for h in hosts if h}
        ips = {ip for h in hosts if (ip := _ip(h))}
        names = sorted(h for h in hosts if not _ip(h))
        with self._lock:
            self._generation += 1
            generation = self._generation
            self._peers = ips
        if names:
            threading.Thread(target=self._look_up, args=(names, generation), name="wp-screen-dns",
                             daemon=True).start()

    def _look_up(self, names: list[str], generation: int) -> None:
        found = set().union(*(self.resolve(n) for n in names))
        with self._lock:
            if generation == self._generation:
                self._peers |= found

    def allows(self, source: str) -> bool:
        """Whether a call from `source` ("ip:port" as pjsip gives it) may ring."""
        return not self.on or self.trusts(source)

    def trusts(self, source: str) -> bool:
        """Whether `source` is one of our accounts' servers or a known peer (screening on or off)."""
        ip = _ip(host_of(source))
        with self._lock:
            return ip is not None and (ip in self._peers or any(ip in s for s in self._servers.values()))
