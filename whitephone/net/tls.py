"""TLS to a SIP server with Python's `ssl` (the system's current OpenSSL, not the pjsua2 wheel's
1.0.2): certificates verified against the system store or a CA file, or a self-signed one
accepted by its pinned SHA-256. A failure is a `ReachError` whose kind says which (expired,
hostname, self_signed, untrusted, pin_mismatch, tls, refused, timeout, dns, proxy)."""

from __future__ import annotations

import asyncio
import hashlib
import socket
import ssl

from whitephone.net.proxy import ProxyURL, ReachError, open_tunnel, tunnel_socket

# OpenSSL's X509_V_ERR_* codes → our kinds
_VERIFY_KINDS = {9: "not_yet_valid", 10: "expired", 18: "self_signed", 19: "self_signed",
                 20: "untrusted", 21: "untrusted", 62: "hostname", 64: "hostname"}
_WORDS = {"expired": "the server's certificate has expired",
          "not_yet_valid": "the server's certificate is not valid yet",
          "self_signed": "the server's certificate is self-signed and not pinned",
          "untrusted": "the server's certificate is not signed by a trusted authority",
          "hostname": "the server's certificate is for another name"}


def fingerprint(der: bytes) -> str:
    """SHA-256 of a certificate, lower-case hex without colons (what --pin-cert takes)."""
    return hashlib.sha256(der).hexdigest()


def normal_pin(text: str) -> str:
    """`AB:CD:…` or `abcd…` → `abcd…`; ValueError unless 64 hex digits."""
    pin = text.strip().replace(":", "").lower()
    if len(pin) != 64 or any(c not in "0123456789abcdef" for c in pin):
        raise ValueError(f"expected a SHA-256 fingerprint (64 hex digits), got {text!r}")
    return pin


def client_context(ca_file: str | None = None, verify: bool = True) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=ca_file) if verify else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if not verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


async def _tcp(host: str, port: int, proxy: ProxyURL | None, timeout: float):
    if proxy is not None:
        return await open_tunnel(proxy, host, port, timeout)
    try:
        return await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except TimeoutError:
        raise ReachError("timeout", f"no answer from {host}:{port} (TCP) in {timeout:g} s") from None
    except socket.gaierror:
        raise ReachError("dns", f"the name {host} was not found") from None
    except ConnectionRefusedError:
        raise ReachError("refused", f"{host}:{port} refused the connection (nothing listens there)") from None
    except OSError as exc:
        raise ReachError("unreachable", f"cannot reach {host}:{port}: {exc.strerror or exc}") from None


async def _peer_fingerprint(host: str, port: int, proxy: ProxyURL | None, server_name: str,
                            timeout: float) -> str:
    """The certificate a server shows (unverified): offered to the user for pinning."""
    try:
        reader, writer = await _tcp(host, port, proxy, timeout)
        await asyncio.wait_for(writer.start_tls(client_context(verify=False), server_hostname=server_name), timeout)
        der = writer.get_extra_info("ssl_object").getpeercert(binary_form=True)
        writer.close()
        return fingerprint(der) if der else ""
    except (ReachError, OSError, ssl.SSLError, TimeoutError):
        return ""


async def connect_tls(host: str, port: int, *, server_name: str = "", proxy: ProxyURL | None = None,
                      ca_file: str | None = None, pins: frozenset[str] = frozenset(),
                      timeout: float = 10.0) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A verified TLS stream to host:port (through the proxy's CONNECT when one is given)."""
    name = server_name or host
    reader, writer = await _tcp(host, port, proxy, timeout)
    try:
        ctx = client_context(ca_file, verify=not pins)
        await asyncio.wait_for(writer.start_tls(ctx, server_hostname=name), timeout)
    except ssl.SSLCertVerificationError as exc:
        writer.close()
        kind = _VERIFY_KINDS.get(exc.verify_code, "untrusted")
        sha = await _peer_fingerprint(host, port, proxy, name, timeout) if kind in ("self_signed", "untrusted") else ""
        raise ReachError(kind, f"{_WORDS.get(kind, 'the certificate was refused')} "
                               f"({host}:{port}: {exc.verify_message})", sha) from None
    except TimeoutError:
        writer.close()
        raise ReachError("timeout", f"{host}:{port} did not complete the TLS handshake in {timeout:g} s") from None
    except (ssl.SSLError, OSError, ConnectionError) as exc:
        writer.close()
        raise ReachError("tls", f"TLS with {host}:{port} failed: {getattr(exc, 'reason', None) or exc}") from None
    if pins:
        der = writer.get_extra_info("ssl_object").getpeercert(binary_form=True) or b""
        sha = fingerprint(der)
        if sha not in pins:
            writer.close()
            raise ReachError("pin_mismatch", f"the certificate of {host}:{port} is not the pinned one "
                                             f"(it has SHA-256 {sha})", sha)
    return reader, writer


def _tcp_socket(host: str, port: int, proxy: ProxyURL | None, timeout: float) -> socket.socket:
    if proxy is not None:
        return tunnel_socket(proxy, host, port, timeout)
    try:
        return socket.create_connection((host, port), timeout=timeout)
    except TimeoutError:
        raise ReachError("timeout", f"no answer from {host}:{port} (TCP) in {timeout:g} s") from None
    except socket.gaierror:
        raise ReachError("dns", f"the name {host} was not found") from None
    except ConnectionRefusedError:
        raise ReachError("refused", f"{host}:{port} refused the connection (nothing listens there)") from None
    except OSError as exc:
        raise ReachError("unreachable", f"cannot reach {host}:{port}: {exc.strerror or exc}") from None


def connect_tls_socket(host: str, port: int, *, server_name: str = "", proxy: ProxyURL | None = None,
                       ca_file: str | None = None, pins: frozenset[str] = frozenset(),
                       timeout: float = 10.0) -> ssl.SSLSocket:
    """connect_tls for plain (blocking) sockets, with the same checks and the same ReachError kinds
    (the media relay's TURN over TLS: net/turn_tcp.py, net/stun.py)."""
    name = server_name or host
    raw = _tcp_socket(host, port, proxy, timeout)
    raw.settimeout(timeout)
    try:
        sock = client_context(ca_file, verify=not pins).wrap_socket(raw, server_hostname=name)
    except ssl.SSLCertVerificationError as exc:
        raw.close()
        kind = _VERIFY_KINDS.get(exc.verify_code, "untrusted")
        raise ReachError(kind, f"{_WORDS.get(kind, 'the certificate was refused')} "
                               f"({host}:{port}: {exc.verify_message})") from None
    except TimeoutError:
        raw.close()
        raise ReachError("timeout", f"{host}:{port} did not complete the TLS handshake in {timeout:g} s") from None
    except (ssl.SSLError, OSError) as exc:
        raw.close()
        raise ReachError("tls", f"TLS with {host}:{port} failed: {getattr(exc, 'reason', None) or exc}") from None
    if pins:
        sha = fingerprint(sock.getpeercert(binary_form=True) or b"")
        if sha not in pins:
            sock.close()
            raise ReachError("pin_mismatch", f"the certificate of {host}:{port} is not the pinned one "
                                             f"(it has SHA-256 {sha})", sha)
    return sock
