"""Host and port of a SIP URI, without imports that cost start-up time (the agent reads its
server's address before it knows whether TLS, asyncio or a proxy are needed)."""

from __future__ import annotations


def host_port(uri: str) -> tuple[str, int | None, bool]:
    """(host, port or None, sips) of a SIP URI or a bare host[:port]."""
    text = uri.strip().strip("<>")
    secure = text.lower().startswith("sips:")
    if ":" in text and text.split(":", 1)[0].lower() in ("sip", "sips"):
        text = text.split(":", 1)[1]
    text = text.split(";", 1)[0].split("?", 1)[0].split("@")[-1]
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port = text.partition(":")
    if not host:
        raise ValueError(f"no host in {uri!r}")
    if port and not port.isdigit():
        raise ValueError(f"bad port in {uri!r}")
    return host, int(port) if port else None, secure
