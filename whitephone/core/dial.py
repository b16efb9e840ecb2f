"""What the user asked to call: `tel:`, `sip:`, `sips:`, `callto:` URIs, SIP addresses and numbers."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote

from whitephone.phone import entry_hint, normalize

_SIP_USER = re.compile(r"^(sips?):([^@;?>]+)@", re.IGNORECASE)
_ADDR = re.compile(r"^[\w.+\-!%~*'()&=$,;?/]+@[\w.\-]+(:\d+)?$")
_DIALABLE = re.compile(r"^[+\d\s().\-/*#]+$")


class DialError(ValueError):
    """The text is neither a number nor a SIP address; the message says (in English, for logs and
    the CLI) how to write one. `kind` is what is wrong — "empty", "incomplete_sip", "not_a_number",
    "neither", "no_number" (a meeting without one) — and `text` what was typed, so that the window
    can say it in the user's language (ui/user_errors.py)."""

    def __init__(self, message: str, kind: str = "neither", text: str = "") -> None:
        super().__init__(message)
        self.kind, self.text = kind, text


@dataclass(frozen=True)
class DialTarget:
    kind: str  # "sip" (a SIP URI to call as is) | "number" (E.164, through a phone account)
    uri: str  # sip:/sips: URI for kind "sip", E.164 ("+44...") for kind "number"
    e164: str | None
    display: str
    account: str | None = None  # the engine account to call from ("hub": the hub's SIP identity)
    colleague: int | None = None  # a PC-to-PC call to this hub user (unanswered: "Leave a voice mail")

    @property
    def line(self) -> str:
        """Call-log view: "phone" for numbers, "pc" for PC-to-PC SIP calls."""
        return "phone" if self.kind == "number" else "pc"


def parse_dial_target(text: str, region: str) -> DialTarget:
    """Read what was typed, clicked or handed over by the OS (URL scheme handler)."""
    t = unquote(text.strip()).strip()
    if not t:
        raise DialError("Enter a number or a SIP address to call.", "empty")
    low = t.lower()
    if low.startswith(("sip:", "sips:")):
        m = _SIP_USER.match(t)
        if not m and "@" not in t:
            raise DialError(f"“{text}” is not a complete SIP address (expected sip:user@host).", "incomplete_sip", text)
        e164 = normalize(m.group(2), region) if m and _DIALABLE.match(m.group(2)) else None
        return DialTarget("sip", t, e164, t.split(":", 1)[1])
    for scheme in ("tel:", "callto://", "callto:"):
        if low.startswith(scheme):
            t = t[len(scheme):].split(";", 1)[0].strip("/ ")
            break
    if _DIALABLE.match(t):
        e164 = normalize(t, region)
        if e164 is None:
            raise DialError(f"“{text}” is not a phone number. {entry_hint(region)}", "not_a_number", text)
        return DialTarget("number", e164, e164, t)
    if _ADDR.match(t):
        return DialTarget("sip", "sip:" + t, None, t)
    raise DialError(f"“{text}” is neither a phone number nor a SIP address. {entry_hint(region)}", "neither",
                    text)


def number_from_uri(uri: str, region: str) -> str | None:
    """E.164 number of a caller's URI (`sip:+4420...@carrier`, `tel:...`), for caller-ID."""
    u = uri.strip().strip("<>")
    if u.lower().startswith("tel:"):
        return normalize(u, region)
    m = _SIP_USER.match(u)
    if m and _DIALABLE.match(m.group(2)) and sum(ch.isdigit() for ch in m.group(2)) >= 5:
        return normalize(m.group(2), region)
    return None


_SIP_HOSTPORT = re.compile(r"sips?:(?:(?P<user>[^@;>]+)@)?(?P<host>\[[^\]]+\]|[^:;>]+)(?::(?P<port>\d+))?(?P<params>[^>]*)",
                           re.IGNORECASE)


def callback_uri(remote_uri: str, remote_contact: str = "") -> str:
    """Where to call an incoming caller back. pjsip drops the port from From, so a direct
    caller at `sip:bob@192.0.2.7:5070` shows as `sip:bob@192.0.2.7`; when the caller's host is
    an address (no registrar domain) and its Contact names a port there, that is the way back."""
    uri = remote_uri.strip().strip("<>")
    m, c = _SIP_HOSTPORT.search(uri), _SIP_HOSTPORT.search(remote_contact or "")
    if not m or not c or m.group("port") or not c.group("port"):
        return uri
    host = m.group("host").strip("[]")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return uri  # a domain: the registrar finds the caller
    if c.group("host").strip("[]") != host:
        return uri
    transport = ";transport=tcp" if "transport=tcp" in (c.group("params") or "").lower() else ""
    user = f"{m.group('user')}@" if m.group("user") else ""
    scheme = "sips" if uri.lower().startswith("sips:") else "sip"
    return f"{scheme}:{user}{c.group('host')}:{c.group('port')}{transport}"
