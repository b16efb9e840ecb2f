"""TLS to a SIP server with Python's `ssl` (the system's current OpenSSL, not the pjsua2 wheel's
1.0.2): certificates verified against the system store or a CA file, or a self-signed one
accepted by its pinned SHA-256. A failure is a `ReachError` whose kind says which (expired,
hostname, self_signed, untrusted, pin_mismatch, tls, refused, timeout, dns, proxy)."""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import socket
import ssl

from whitephone.net.pins import pins_for
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


def certificate_names(der: bytes) -> tuple[set[str], set]:
    """(DNS names, IP addresses) a certificate is for: its subjectAltName, else its common name."""
    from cryptography import x509

    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return set(), set()
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        return ({n.lower().rstrip(".") for n in san.get_values_for_type(x509.DNSName)},
                set(san.get_values_for_type(x509.IPAddress)))
    except x509.ExtensionNotFound:
        cns = [str(a.value) for a in cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)]
        return {n.lower().rstrip(".") for n in cns}, set()


def name_matches(der: bytes, name: str) -> bool:
    """Whether the certificate is for `name` (a DNS name, `*.` for one left-most label, or an IP)."""
    dns, ips = certificate_names(der)
    try:
        return ipaddress.ip_address(name.strip("[]")) in ips
    except ValueError:
        pass
    name = name.lower().rstrip(".")
    if name in dns:
        return True
    first, _, rest = name.partition(".")
    return bool(first and rest) and f"*.{rest}" in dns


def _pinned_ok(der: bytes, name: str, mine: frozenset[str], general: frozenset[str]) -> bool:
    """The certificate is pinned for this server, or pinned bare and issued for `name`."""
    sha = fingerprint(der) if der else ""
    return bool(sha) and (sha in mine or (sha in general and name_matches(der, name)))


def _refusal(exc: ssl.SSLCertVerificationError, host: str, port: int, der: bytes | None,
             mine: frozenset[str] = frozenset(), general: frozenset[str] = frozenset()) -> ReachError:
    """CA verification's refusal in our words; `der`: the certificate seen when pins applied."""
    kind = _VERIFY_KINDS.get(exc.verify_code, "untrusted")
    sha = fingerprint(der) if der else ""
    pinned = bool(mine or general)
    if sha and sha in general:
        return ReachError("hostname", f"{_WORDS['hostname']} ({host}:{port}: it is pinned, but it is not for "
                                      f"this server's name)", sha)
    if pinned and kind in ("self_signed", "untrusted"):
        return ReachError("pin_mismatch", f"the certificate of {host}:{port} is not the pinned one for this "
                                          f"server (it has SHA-256 {sha})", sha)
    return ReachError(kind, f"{_WORDS.get(kind, 'the certificate was refused')} ({host}:{port}: "
                            f"{exc.verify_message})", sha if kind in ("self_signed", "untrusted") else "")


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


async def _peer_cert(host: str, port: int, proxy: ProxyURL | None, server_name: str, timeout: float,
                     ctx: ssl.SSLContext | None = None):
    """(reader, writer, DER) of a TLS connection with `ctx` (default: unverified: the certificate a
    server shows, offered to the user for pinning or compared with a pin); ReachError/OSError."""
    reader, writer = await _tcp(host, port, proxy, timeout)
    try:
        await asyncio.wait_for(writer.start_tls(ctx or client_context(verify=False), server_hostname=server_name),
                               timeout)
    except BaseException:
        writer.close()
        raise
    return reader, writer, writer.get_extra_info("ssl_object").getpeercert(binary_form=True) or b""


async def connect_tls(host: str, port: int, *, server_name: str = "", proxy: ProxyURL | None = None,
                      ca_file: str | None = None, pins=frozenset(),
                      timeout: float = 10.0) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A verified TLS stream to host:port (through the proxy's CONNECT when one is given). A
    certificate the CA file / system store vouches for, for this name, always passes; pins
    (net/pins.py normal_pin's forms) only add trust, each for its own server: a certificate passes when it is
    pinned for this server, or pinned bare and issued for this name. When pins apply to this
    server the certificate is looked at first (one connection for a pinned server), then CA
    verification has its say on a new connection."""
    name = server_name or host
    mine, general = pins_for(pins, host, port, name)
    seen: bytes | None = None
    if mine or general:
        try:
            reader, writer, seen = await _peer_cert(host, port, proxy, name, timeout)
        except TimeoutError:
            raise ReachError("timeout", f"{host}:{port} did not complete the TLS handshake in {timeout:g} s") from None
        except (ssl.SSLError, OSError, ConnectionError) as exc:
            raise ReachError("tls", f"TLS with {host}:{port} failed: {getattr(exc, 'reason', None) or exc}") from None
        if _pinned_ok(seen, name, mine, general):
            return reader, writer
        writer.close()
    reader, writer = await _tcp(host, port, proxy, timeout)
    try:
        await asyncio.wait_for(writer.start_tls(client_context(ca_file), server_hostname=name), timeout)
    except ssl.SSLCertVerificationError as exc:
        writer.close()
        if seen is None and _VERIFY_KINDS.get(exc.verify_code) in ("self_signed", "untrusted"):
            seen = await _peer_der(host, port, proxy, name, timeout)  # offered to the user for pinning
        raise _refusal(exc, host, port, seen, mine, general) from None
    except TimeoutError:
        writer.close()
        raise ReachError("timeout", f"{host}:{port} did not complete the TLS handshake in {timeout:g} s") from None
    except (ssl.SSLError, OSError, ConnectionError) as exc:
        writer.close()
        raise ReachError("tls", f"TLS with {host}:{port} failed: {getattr(exc, 'reason', None) or exc}") from None
    return reader, writer


async def _peer_der(host: str, port: int, proxy: ProxyURL | None, name: str, timeout: float) -> bytes:
    try:
        _, writer, der = await _peer_cert(host, port, proxy, name, timeout)
        writer.close()
        return der
    except (ReachError, OSError, ssl.SSLError, TimeoutError):
        return b""


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


def _handshake(host: str, port: int, proxy: ProxyURL | None, name: str, timeout: float,
               ctx: ssl.SSLContext) -> ssl.SSLSocket:
    raw = _tcp_socket(host, port, proxy, timeout)
    raw.settimeout(timeout)
    try:
        return ctx.wrap_socket(raw, server_hostname=name)
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


def connect_tls_socket(host: str, port: int, *, server_name: str = "", proxy: ProxyURL | None = None,
                       ca_file: str | None = None, pins=frozenset(),
                       timeout: float = 10.0) -> ssl.SSLSocket:
    """connect_tls for plain (blocking) sockets, with the same checks, the same per-server pins and
    the same ReachError kinds (the media relay's TURN over TLS: net/turn_tcp.py, net/stun.py)."""
    name = server_name or host
    mine, general = pins_for(pins, host, port, name)
    seen: bytes | None = None
    if mine or general:
        sock = _handshake(host, port, proxy, name, timeout, client_context(verify=False))
        seen = sock.getpeercert(binary_form=True) or b""
        if _pinned_ok(seen, name, mine, general):
            return sock
        sock.close()
    raw = _tcp_socket(host, port, proxy, timeout)
    raw.settimeout(timeout)
    try:
        return client_context(ca_file).wrap_socket(raw, server_hostname=name)
    except ssl.SSLCertVerificationError as exc:
        raw.close()
        raise _refusal(exc, host, port, seen, mine, general) from None
    except TimeoutError:
        raw.close()
        raise ReachError("timeout", f"{host}:{port} did not complete the TLS handshake in {timeout:g} s") from None
    except (ssl.SSLError, OSError) as exc:
        raw.close()
        raise ReachError("tls", f"TLS with {host}:{port} failed: {getattr(exc, 'reason', None) or exc}") from None
