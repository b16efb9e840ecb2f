"""Pinned certificates as the user gives them and the settings keep them: plain strings, no
`ssl` (the window reads its accounts' pins at start; the TLS code, net/tls.py, is imported only
when a connection is made)."""

from __future__ import annotations

import ipaddress
import re

# a DNS name (letters, digits, hyphens, underscores; dots between labels), ASCII only
_NAME = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*", re.ASCII)


def pin_host(text: str) -> str | None:
    """A server's host as pins hold it: a name in lower case without a final dot (an
    internationalised one in its xn-- form), an IPv4 address, an IPv6 address in its short form
    in brackets ("[::1]", however it was written, with or without brackets); None when it is
    none of these."""
    text = text.strip().lower()
    bare = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        try:  # an internationalised name as DNS carries it: bücher.example -> xn--bcher-kva.example
            name = text.rstrip(".").encode("idna").decode("ascii")
        except UnicodeError:
            return None
        numeric = all(c in "0123456789." for c in name)  # 1.2.3, 999.1.1.1: not an address, not a name
        return name if bare == text and not numeric and _NAME.fullmatch(name) else None
    if address.version == 6:
        return f"[{address.compressed}]"
    return str(address) if bare == text else None


def normal_pin(text: str) -> str:
    """A pin as `--pin-cert` takes it: `HOST:PORT=SHA` (pinned for that server only: the user said
    "trust this certificate for this server", so its names are not checked) or a bare SHA (any
    server whose name the certificate carries). The SHA as `AB:CD:…` or `abcd…` → `abcd…`;
    ValueError unless 64 hex digits (and a HOST:PORT with a port)."""
    server, sep, sha = text.strip().rpartition("=")
    pin = sha.strip().replace(":", "").lower()
    if len(pin) != 64 or any(c not in "0123456789abcdef" for c in pin):
        raise ValueError(f"expected a SHA-256 fingerprint (64 hex digits), got {text!r}")
    if not sep:
        return pin
    host, _, port = server.strip().rpartition(":")
    host = pin_host(host)  # an IPv6 address in brackets or bare (the relay's events say "::1:5061")
    if host is None or not (port.isascii() and port.isdigit()) or not 0 < int(port) < 65536:
        raise ValueError(f"expected HOST:PORT=SHA256 for a server's pin, got {text!r}")
    return f"{host}:{int(port)}={pin}"


def pins_for(pins, host: str, port: int, server_name: str = "") -> tuple[frozenset[str], frozenset[str]]:
    """The pins that apply to this server: (pinned for this server by name, bare pins whose
    certificate must still carry the server's name). Pins of other servers do not apply."""
    keys = {f"{pin_host(h) or h.lower()}:{port}" for h in (host, server_name or host)}
    mine, general = set(), set()
    for entry in pins:
        server, sep, sha = str(entry).rpartition("=")
        if not sep:
            general.add(sha)
            continue
        name, _, number = server.rpartition(":")
        if f"{pin_host(name) or name.lower()}:{number}" in keys:
            mine.add(sha)
    return frozenset(mine), frozenset(general)
