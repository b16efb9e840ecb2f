"""Record-Route across the TLS relay (sip/relay.py). A proxy that record-routes over TLS puts its
TLS address in Record-Route (`sips:` or `;transport=tls`), and pjsip, which has no TLS of its own
here, could not send the dialog's ACK, BYE or re-INVITE there. On the way in, such an entry (or
one naming the relay's far end) becomes the relay's own local TCP address, tagged `wp-rr=N`; on
the way out, a Route entry with that tag gets the proxy's original URI back. So in-dialog
requests go back through the relay, over the TLS connection, and the proxy sees its own route.

`SipFramer` cuts a TCP byte stream into SIP messages (head up to the blank line, then
Content-Length bytes of body); only header lines are touched, bodies pass as they are."""

from __future__ import annotations

import re

_URI_IN_BRACKETS = re.compile(rb"<([^>]*)>")
_TAG = re.compile(rb";wp-rr=(\d{1,6})(?![\d])", re.IGNORECASE)  # ours are small: a longer one is not ours
_RECORD_ROUTE = re.compile(rb"record-route[ \t]*:", re.IGNORECASE)  # RFC 3261 7.3.1: SP/HTAB before the colon
_ROUTE = re.compile(rb"route[ \t]*:", re.IGNORECASE)
MAX_ROUTES = 1024  # distinct proxy routes one relay route remembers (a far end cannot grow it without end)
_CLEN = re.compile(rb"^(?:content-length|l)\s*:\s*(\d+)", re.IGNORECASE | re.MULTILINE)


class SipFramer:
    """Feed bytes, get whole SIP messages (and keep-alive CRLFs as they come). A message larger
    than `limit` (a Content-Length no SIP message has) is not held: its head and what came of its
    body are passed on at once, the rest of its body as it arrives."""

    def __init__(self, limit: int = 1 << 20) -> None:
        self.buf = b""
        self.limit = limit
        self.passing = 0  # bytes of an oversized body still to pass on as they come

    def feed(self, data: bytes) -> list[bytes]:
        self.buf += data
        out: list[bytes] = []
        while self.buf:
            if self.passing:
                chunk = self.buf[:self.passing]
                self.passing -= len(chunk)
                self.buf = self.buf[len(chunk):]
                out.append(chunk)
                continue
            stripped = self.buf.lstrip(b"\r\n")
            if len(stripped) != len(self.buf):  # keep-alive pings (RFC 5626 CRLFCRLF / CRLF pong)
                out.append(self.buf[:len(self.buf) - len(stripped)])
                self.buf = stripped
                continue
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buf) > self.limit:  # not SIP as we know it: pass it on untouched
                    out.append(self.buf)
                    self.buf = b""
                break
            m = _CLEN.search(self.buf[:end])
            total = end + 4 + (int(m.group(1)) if m and len(m.group(1)) < 12 else (1 << 62) if m else 0)
            if total > self.limit and len(self.buf) < total:
                self.passing = total - len(self.buf)
                out.append(self.buf)
                self.buf = b""
                break
            if len(self.buf) < total:
                break
            out.append(self.buf[:total])
            self.buf = self.buf[total:]
        return out


class RouteRewriter:
    """One per relay route: `local` is the relay's own "127.0.0.1:port", `far` its far end's "host:port"."""

    def __init__(self, local: str, far: str) -> None:
        self.local, self.far = local.encode(), far.lower().encode()
        self.originals: list[bytes] = []

    def _index(self, uri: bytes) -> int | None:
        if uri not in self.originals:
            if len(self.originals) >= MAX_ROUTES:
                return None
            self.originals.append(uri)
        return self.originals.index(uri)

    def _ours(self, uri: bytes) -> bool:
        low = uri.lower()
        if low.startswith(b"sips:") or b";transport=tls" in low:
            return True
        hostport = low.split(b":", 1)[-1].split(b";", 1)[0].split(b"@")[-1]
        return hostport == self.far

    def inbound(self, message: bytes) -> bytes:
        """Far end → pjsip: Record-Route entries that need TLS point at the relay."""
        head, sep, body = message.partition(b"\r\n\r\n")
        if not sep or b"record-route" not in head.lower():
            return message
        lines = head.split(b"\r\n")
        for i, line in enumerate(lines):
            if not _RECORD_ROUTE.match(line):
                continue

            def swap(m: re.Match) -> bytes:
                uri = m.group(1)
                index = self._index(uri) if self._ours(uri) else None
                if index is None:
                    return m.group(0)
                return b"<sip:" + self.local + b";transport=tcp;lr;wp-rr=" + str(index).encode() + b">"
            lines[i] = _URI_IN_BRACKETS.sub(swap, line)
        return b"\r\n".join(lines) + sep + body

    def outbound(self, message: bytes) -> bytes:
        """pjsip → far end: Route entries tagged by `inbound` get the proxy's own URI back."""
        head, sep, body = message.partition(b"\r\n\r\n")
        if not sep or b"wp-rr=" not in head.lower():
            return message
        lines = head.split(b"\r\n")
        for i, line in enumerate(lines):
            if not _ROUTE.match(line):
                continue

            def back(m: re.Match) -> bytes:
                tag = _TAG.search(m.group(1))
                if tag is None or int(tag.group(1)) >= len(self.originals):
                    return m.group(0)
                return b"<" + self.originals[int(tag.group(1))] + b">"
            lines[i] = _URI_IN_BRACKETS.sub(back, line)
        return b"\r\n".join(lines) + sep + body
