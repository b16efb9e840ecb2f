"""Where the engine listens for SIP (port and transport), kept in the profile, and how that
becomes engine arguments."""

from __future__ import annotations

import socket

DEFAULT_PORT = 5060
TRANSPORTS = ("udp", "tcp")


def load_listen(profile) -> tuple[str, int, str]:
    """(host, port, transport) from the profile; 0.0.0.0:5060 over UDP unless the user chose."""
    host, _, port = str(profile.get("sip_listen", f"0.0.0.0:{DEFAULT_PORT}")).rpartition(":")
    transport = profile.get("sip_transport", "udp")
    try:
        number = int(port)
    except ValueError:
        number = DEFAULT_PORT
    return host or "0.0.0.0", number, transport if transport in TRANSPORTS else "udp"


def save_listen(profile, port: int, transport: str) -> None:
    host, _port, _transport = load_listen(profile)
    profile.set("sip_listen", f"{host}:{int(port)}")
    profile.set("sip_transport", transport)


def listen_args(profile) -> list[str]:
    host, port, transport = load_listen(profile)
    return ["--listen", f"{host}:{port}", "--transport", transport]


def with_listen(args: list[str], profile) -> list[str]:
    """`args` of a running engine with the profile's listening address and transport."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("--listen", "--transport"):
            skip = True
        else:
            out.append(a)
    return listen_args(profile) + out


def port_is_free(host: str, port: int, transport: str) -> bool:
    """Whether nothing else holds `port` now (the engine then can have it back)."""
    kind = socket.SOCK_STREAM if transport == "tcp" else socket.SOCK_DGRAM
    with socket.socket(socket.AF_INET, kind) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def screening_on(profile, accounts) -> bool:
    """Whether only our accounts' servers and known peers may ring us: the user's choice, else
    on as soon as an account has a registrar (then the internet's SIP scanners are the rest)."""
    chosen = profile.get("screen_calls")
    return bool(chosen) if chosen is not None else any(a.registrar for a in accounts)
