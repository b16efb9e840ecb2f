"""The user's HTTP proxy choice as the one string every part passes on (the hub transport, the
network test, the engine's `account` and `nat` commands): an http:// URL (Preferences → Network →
"This proxy", credentials included, never stored so: core/http_proxy.py), "" (the system's), or
NO_PROXY ("No proxy": direct, even when the system names a proxy). Plain Python."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~0.4 MiB) into the engine
if TYPE_CHECKING:  # net/proxy.py (urllib, ssl) is imported when a proxy is looked up, not before:
    from whitephone.net.proxy import ProxyURL  # the engine starts as fast without one

# not an http:// URL, so any part that does not know it refuses it (ProxyURL.parse) rather than
# taking it for a proxy host
NO_PROXY = "direct://"


def is_direct(setting: str) -> bool:
    return setting.strip().lower() == NO_PROXY


def choose(host: str, setting: str) -> ProxyURL | None:
    """`proxy_for` (this computer's names and no_proxy direct; the setting, else the system's),
    or None for NO_PROXY."""
    from whitephone.net.proxy import proxy_for

    return None if is_direct(setting) else proxy_for(host, setting)


def fixed_or_system(host: str, setting: str) -> ProxyURL | None:
    """The engine's reading (SIP and TURN over TLS in CONNECT): the setting's proxy, the system's
    for "", None for NO_PROXY; ValueError for a setting that is no HTTP proxy URL."""
    from whitephone.net.proxy import ProxyURL, system_proxy

    if is_direct(setting):
        return None
    return ProxyURL.parse(setting) if setting.strip() else system_proxy(host)
