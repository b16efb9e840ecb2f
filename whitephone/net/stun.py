"""A small STUN/TURN client (RFC 5389 / 5766): a Binding request and a TURN Allocate with the
long-term credential, over UDP or TCP, each with a short time-out. Plain sockets, no pjsua2: the
network test and the engine's media ladder use it to learn which TURN transport gets through
before a call needs it. Every failure is a `StunResult` with a sentence, never an exception."""

from __future__ import annotations

import os
import socket
import struct
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

MAGIC = 0x2112A442
BINDING, ALLOCATE, REFRESH = 0x0001, 0x0003, 0x0004
SUCCESS, ERROR = 0x0100, 0x0110
A_MAPPED, A_USERNAME, A_INTEGRITY, A_ERROR, A_LIFETIME = 0x0001, 0x0006, 0x0008, 0x0009, 0x000D
A_XOR_RELAYED, A_REALM, A_NONCE, A_REQ_TRANSPORT, A_XOR_MAPPED, A_SOFTWARE, A_FINGERPRINT = (
    0x0016, 0x0014, 0x0015, 0x0019, 0x0020, 0x8022, 0x8028)
UDP_PROTO = 17


@dataclass
class TurnServer:
    host: str
    port: int = 3478
    transport: str = ""  # udp | tcp; "" = not named in the URI (try UDP, then TCP)
    secure: bool = False  # turns: (TLS)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def parse_turn_uri(uri: str) -> TurnServer:
    """turn:host[:port][?transport=udp|tcp] (RFC 7065), also turns: and a bare host[:port]."""
    text = uri.strip()
    if "://" not in text and ":" in text and text.split(":", 1)[0].lower() in ("turn", "turns", "stun", "stuns"):
        scheme, rest = text.split(":", 1)
        text = f"{scheme}://{rest}"
    elif "://" not in text:
        text = f"turn://{text}"
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("turn", "turns", "stun", "stuns"):
        raise ValueError(f"not a TURN/STUN URI (turn:host:port?transport=udp|tcp): {uri!r}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise ValueError(f"bad port in {uri!r}") from None
    if not host:
        raise ValueError(f"no host in {uri!r}")
    transport = (parse_qs(parts.query).get("transport") or [""])[0].lower()
    if transport not in ("", "udp", "tcp"):
        raise ValueError(f"transport must be udp or tcp, not {transport!r}, in {uri!r}")
    secure = scheme.endswith("s")
    return TurnServer(host, port or (5349 if secure else 3478), transport, secure)


def parse_host_port(text: str, default_port: int = 3478) -> tuple[str, int]:
    text = text.strip()
    for prefix in ("stun:", "stun://"):
        if text.lower().startswith(prefix):
            text = text[len(prefix):]
    host, sep, port = text.rpartition(":")
    if not sep or "]" in port:
        return text.strip("[]"), default_port
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"expected HOST:PORT, got {text!r}")
    return host.strip("[]"), int(port)


@dataclass
class StunResult:
    ok: bool
    reason: str = ""  # why not, in words
    mapped: str = ""  # our address as the server saw it (ip:port)
    relayed: str = ""  # the TURN relay address allocated for us (ip:port)
    transport: str = "udp"
    ms: float = 0.0
    code: int = 0  # the STUN error code when the server answered with one
    extra: dict = field(default_factory=dict)


def _attr(kind: int, value: bytes) -> bytes:
    pad = (4 - len(value) % 4) % 4
    return struct.pack("!HH", kind, len(value)) + value + b"\0" * pad


def _message(method: int, tid: bytes, attrs: list[bytes], key: bytes | None = None) -> bytes:
    body = b"".join(attrs)
    if key is not None:  # MESSAGE-INTEGRITY over the message with its length counting the attribute
        import hashlib  # here: OpenSSL's libcrypto (~3 MiB resident) only when a TURN server asks
        import hmac

        head = struct.pack("!HHI", method, len(body) + 24, MAGIC) + tid
        mac = hmac.new(key, head + body, hashlib.sha1).digest()
        body += _attr(A_INTEGRITY, mac)
    head = struct.pack("!HHI", method, len(body) + 8, MAGIC) + tid
    crc = (zlib.crc32(head + body) ^ 0x5354554E) & 0xFFFFFFFF
    body += _attr(A_FINGERPRINT, struct.pack("!I", crc))
    return struct.pack("!HHI", method, len(body), MAGIC) + tid + body


def _parse(data: bytes) -> tuple[int, bytes, dict[int, bytes]]:
    if len(data) < 20:
        raise ValueError("short STUN message")
    kind, length, magic = struct.unpack("!HHI", data[:8])
    if magic != MAGIC:
        raise ValueError("not a STUN message")
    tid, attrs, pos = data[8:20], {}, 20
    end = min(len(data), 20 + length)
    while pos + 4 <= end:
        a, n = struct.unpack("!HH", data[pos:pos + 4])
        attrs.setdefault(a, data[pos + 4:pos + 4 + n])
        pos += 4 + n + (4 - n % 4) % 4
    return kind, tid, attrs


def _xor_address(value: bytes, tid: bytes) -> str:
    family, port = value[1], struct.unpack("!H", value[2:4])[0] ^ (MAGIC >> 16)
    if family == 1:
        ip = struct.unpack("!I", value[4:8])[0] ^ MAGIC
        return f"{socket.inet_ntoa(struct.pack('!I', ip))}:{port}"
    mask = struct.pack("!I", MAGIC) + tid
    raw = bytes(a ^ b for a, b in zip(value[4:20], mask, strict=False))
    return f"[{socket.inet_ntop(socket.AF_INET6, raw)}]:{port}"


def _plain_address(value: bytes) -> str:
    port = struct.unpack("!H", value[2:4])[0]
    return f"{socket.inet_ntoa(value[4:8])}:{port}" if value[1] == 1 else f"?:{port}"


class _Channel:
    """One UDP or TCP conversation with a STUN server, request by request."""

    def __init__(self, host: str, port: int, transport: str, timeout: float, opener=None) -> None:
        self.transport, self.timeout = ("tcp" if transport != "udp" else "udp"), timeout
        self.buf = b""
        if opener is not None:  # TLS (or TLS in a CONNECT tunnel): a connected stream from the caller
            self.sock = opener()
            self.sock.settimeout(timeout)
            return
        kind = socket.SOCK_STREAM if transport == "tcp" else socket.SOCK_DGRAM
        info = socket.getaddrinfo(host, port, 0, kind)[0]
        self.sock = socket.socket(info[0], kind)
        self.sock.settimeout(timeout)
        self.addr = info[4]
        if transport == "tcp":
            self.sock.connect(self.addr)

    def close(self) -> None:
        self.sock.close()

    def ask(self, packet: bytes, tid: bytes) -> tuple[int, dict[int, bytes]]:
        end = time.monotonic() + self.timeout
        if self.transport == "tcp":
            self.sock.sendall(packet)
            while True:
                while len(self.buf) < 20 or len(self.buf) < 20 + struct.unpack("!H", self.buf[2:4])[0]:
                    self.sock.settimeout(max(0.05, end - time.monotonic()))
                    chunk = self.sock.recv(4096)
                    if not chunk:
                        raise ConnectionError("the server closed the connection")
                    self.buf += chunk
                n = 20 + struct.unpack("!H", self.buf[2:4])[0]
                data, self.buf = self.buf[:n], self.buf[n:]
                kind, got, attrs = _parse(data)
                if got == tid:
                    return kind, attrs
        wait = 0.25  # UDP: retransmit, doubling (RFC 5389 7.2.1), until the time-out
        while True:
            self.sock.sendto(packet, self.addr)
            resend = time.monotonic() + wait
            while time.monotonic() < min(resend, end):
                self.sock.settimeout(max(0.02, min(resend, end) - time.monotonic()))
                try:
                    data = self.sock.recv(4096)
                except TimeoutError:
                    break
                try:
                    kind, got, attrs = _parse(data)
                except ValueError:
                    continue
                if got == tid:
                    return kind, attrs
            if time.monotonic() >= end:
                raise TimeoutError
            wait *= 2


def _error(attrs: dict[int, bytes]) -> tuple[int, str]:
    value = attrs.get(A_ERROR, b"\0\0\0\0")
    return value[2] * 100 + value[3], value[4:].decode("utf-8", "replace")


def _label(transport: str) -> str:
    return {"tls-proxy": "TLS through the HTTP proxy"}.get(transport, transport.upper())


def _failure(exc: BaseException, what: str, transport: str) -> str:
    if getattr(exc, "kind", "") and getattr(exc, "reason", ""):  # net.proxy.ReachError: already in words
        return f"{what} over {_label(transport)}: {exc.reason}"
    if isinstance(exc, TimeoutError):
        return f"no answer from {what} over {_label(transport)} (blocked, or nothing listens there)"
    if isinstance(exc, ConnectionRefusedError):
        return f"{what} refused the {_label(transport)} connection (nothing listens on that port)"
    if isinstance(exc, socket.gaierror):
        return f"the name of {what} cannot be resolved ({exc.strerror})"
    return f"{what} over {_label(transport)}: {exc}"


def binding(host: str, port: int = 3478, transport: str = "udp", timeout: float = 2.0) -> StunResult:
    """A STUN Binding request: is the server reachable, and what address does it see?"""
    start = time.monotonic()
    what = f"the STUN server {host}:{port}"
    try:
        ch = _Channel(host, port, transport, timeout)
    except OSError as exc:
        return StunResult(False, _failure(exc, what, transport), transport=transport)
    try:
        tid = os.urandom(12)
        kind, attrs = ch.ask(_message(BINDING, tid, []), tid)
    except (OSError, ValueError) as exc:
        return StunResult(False, _failure(exc, what, transport), transport=transport)
    finally:
        ch.close()
    ms = round((time.monotonic() - start) * 1000, 1)
    if kind != BINDING | SUCCESS:
        code, text = _error(attrs)
        return StunResult(False, f"{what} answered {code} {text}", transport=transport, ms=ms, code=code)
    mapped = (_xor_address(attrs[A_XOR_MAPPED], tid) if A_XOR_MAPPED in attrs
              else _plain_address(attrs[A_MAPPED]) if A_MAPPED in attrs else "")
    return StunResult(True, mapped=mapped, transport=transport, ms=ms)


def allocate(host: str, port: int, user: str, password: str, transport: str = "udp",
             timeout: float = 2.0, release: bool = True, opener=None) -> StunResult:
    """A TURN Allocate with the long-term credential (the 401 challenge, then the signed
    request); the allocation is released at once (Refresh, lifetime 0) unless `release` is off.
    `opener()` gives the connected stream for TLS rungs (transport "tls", "tls-proxy")."""
    start = time.monotonic()
    what = f"the TURN server {host}:{port}"
    try:
        ch = _Channel(host, port, transport, timeout, opener)
    except Exception as exc:  # noqa: BLE001 - OSError, or the opener's ReachError: in words
        return StunResult(False, _failure(exc, what, transport), transport=transport)
    try:
        transport_attr = _attr(A_REQ_TRANSPORT, bytes([UDP_PROTO, 0, 0, 0]))
        tid = os.urandom(12)
        kind, attrs = ch.ask(_message(ALLOCATE, tid, [transport_attr]), tid)
        if kind == ALLOCATE | ERROR and _error(attrs)[0] == 401:
            realm, nonce = attrs.get(A_REALM, b""), attrs.get(A_NONCE, b"")
            import hashlib  # see _message

            key = hashlib.md5(user.encode() + b":" + realm + b":" + password.encode()).digest()
            signed = [transport_attr, _attr(A_USERNAME, user.encode()), _attr(A_REALM, realm), _attr(A_NONCE, nonce)]
            tid = os.urandom(12)
            kind, attrs = ch.ask(_message(ALLOCATE, tid, signed, key), tid)
            if kind == ALLOCATE | SUCCESS and release:
                tid2 = os.urandom(12)
                try:
                    ch.ask(_message(REFRESH, tid2, [_attr(A_LIFETIME, b"\0\0\0\0"), _attr(A_USERNAME, user.encode()),
                                                    _attr(A_REALM, realm), _attr(A_NONCE, nonce)], key), tid2)
                except (OSError, ValueError):
                    pass  # the allocation times out on its own
    except (OSError, ValueError) as exc:
        return StunResult(False, _failure(exc, what, transport), transport=transport)
    finally:
        ch.close()
    ms = round((time.monotonic() - start) * 1000, 1)
    if kind != ALLOCATE | SUCCESS:
        code, text = _error(attrs)
        why = {401: "the TURN user name or password was refused (expired credentials, or the hub and the "
                    "TURN server do not share the same secret)",
               403: "the TURN server forbids this allocation",
               437: "the TURN server still holds an allocation for this address"}.get(code, "")
        return StunResult(False, f"{what} answered {code} {text}" + (f": {why}" if why else ""),
                          transport=transport, ms=ms, code=code)
    return StunResult(True, relayed=_xor_address(attrs[A_XOR_RELAYED], tid) if A_XOR_RELAYED in attrs else "",
                      mapped=_xor_address(attrs[A_XOR_MAPPED], tid) if A_XOR_MAPPED in attrs else "",
                      transport=transport, ms=ms)
