"""The HTTP proxy of Preferences → Network, as plain data: the system's, none, or this one
(address, user name) in settings.json under "http_proxy", its password one keyring secret
(`PASSWORD_SECRET`), never in the settings file. `setting(profile)` is the one place every part
reads it from (net/proxy_choice.py's string: a URL with the credentials, "" or NO_PROXY).

An older profile's `tls.proxy` URL (credentials inside) is moved here on first read: the password
into the keyring, the URL out of settings.json."""

from __future__ import annotations

import logging
import threading
import urllib.parse
from dataclasses import asdict, dataclass

from whitephone.core.accounts import TLS_SETTINGS_KEY
from whitephone.net.proxy import ProxyURL, valid_host
from whitephone.net.proxy_choice import NO_PROXY

log = logging.getLogger(__name__)

SETTINGS_KEY = "http_proxy"
PASSWORD_SECRET = "http-proxy-password"
MODES = ("system", "none", "manual")


@dataclass(frozen=True)
class HttpProxy:
    mode: str = "system"  # system | none | manual
    address: str = ""  # host:port (manual)
    user: str = ""  # "" = the login's own credentials (Negotiate/NTLM), or none


def normal_address(text: str) -> str:
    """`host:port` from `host:port` or `http://host:port`; ValueError with a sentence otherwise."""
    raw = text.strip()
    if not raw:
        raise ValueError("Give the proxy's address, such as proxy.example.com:3128.")
    bare = raw[7:] if raw.lower().startswith("http://") else raw
    if "://" in bare:
        raise ValueError(f"“{raw}” is not an HTTP proxy address: write it as host:port or http://host:port.")
    if "@" in bare or "/" in bare.rstrip("/") or "?" in bare or "#" in bare:
        raise ValueError(f"“{raw}” is not an HTTP proxy address: write it as host:port (the user name and "
                         f"password have their own fields).")
    u = urllib.parse.urlsplit("http://" + bare.rstrip("/"))
    try:
        port = u.port
    except ValueError:
        port = -1
    if not u.hostname or not valid_host(u.hostname):
        raise ValueError(f"“{raw}” is not an HTTP proxy address: write it as host:port or http://host:port.")
    if port is None:
        raise ValueError(f"“{raw}” has no port: write it as host:port, such as {u.hostname}:3128.")
    if not 0 < port < 65536:
        raise ValueError("The port must be between 1 and 65535.")
    host = f"[{u.hostname}]" if ":" in u.hostname else u.hostname
    return f"{host}:{port}"


def load(profile) -> HttpProxy:
    """The choice as saved (an older tls.proxy moved first); a damaged entry reads as "system"."""
    migrate(profile)
    raw = profile.get(SETTINGS_KEY)
    if not isinstance(raw, dict) or raw.get("mode") not in MODES:
        return HttpProxy()
    return HttpProxy(str(raw["mode"]), str(raw.get("address") or ""), str(raw.get("user") or ""))


def save(profile, choice: HttpProxy, password: str | None) -> bool:
    """Save the choice (settings.json) and the password (keyring; None keeps the saved one, ""
    deletes it). False when no keyring exists (the password is then kept for this session only)."""
    if choice.mode not in MODES:
        raise ValueError(f"unknown proxy mode {choice.mode!r}")
    kept = True
    if password is not None:
        if password:
            kept = profile.set_secret(PASSWORD_SECRET, password)
        else:
            profile.delete_secret(PASSWORD_SECRET)
    profile.set(SETTINGS_KEY, asdict(choice))
    _cache.pop(str(profile.root), None)
    return kept


def setting_for(choice: HttpProxy, password: str) -> str:
    """The string the connections use (net/proxy_choice.py) for this choice and password."""
    if choice.mode == "none":
        return NO_PROXY
    if choice.mode != "manual" or not choice.address:
        return ""
    host, _, port = choice.address.rpartition(":")
    if not port.isascii() or not port.isdigit():
        raise ValueError(f"“{choice.address}” is not an HTTP proxy address")
    return ProxyURL(host.strip("[]"), int(port), choice.user, password if choice.user else "").url


# profile root -> (the choice, its password): the keyring is asked once per choice, not per connection
_cache: dict[str, tuple[HttpProxy, str]] = {}
_cache_lock = threading.Lock()
# (profile root, tls.proxy URL) whose move failed for want of a keyring: tried once per session
_not_moved: set[tuple[str, str]] = set()


def setting(profile) -> str:
    """The profile's proxy for every connection (the hub's, the engine's SIP and TURN, the network
    test): read for each new one, so a change applies without a restart. Reads the keyring: not on
    the Qt main thread."""
    choice = load(profile)
    legacy = _legacy(profile)
    if legacy:  # not moved (no keyring): still used as it is
        return legacy
    key = str(profile.root)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None and cached[0] == choice:
        password = cached[1]
    else:
        password = profile.get_secret(PASSWORD_SECRET) or "" if choice.mode == "manual" and choice.user else ""
        with _cache_lock:
            _cache[key] = (choice, password)
    try:
        return setting_for(choice, password)
    except ValueError:  # a hand-edited address: the connection says it is unusable
        return choice.address


def _legacy(profile) -> str:
    tls = profile.get(TLS_SETTINGS_KEY)
    return str(tls.get("proxy") or "").strip() if isinstance(tls, dict) else ""


def migrate(profile) -> bool:
    """Move an older profile's (or a hand-written) `tls.proxy` URL here: its password into the
    keyring, the URL out of settings.json. Without a keyring it stays where it is (and is still
    used). True if moved."""
    legacy = _legacy(profile)
    if not legacy:
        return False
    key = (str(profile.root), legacy)
    with _cache_lock:
        if key in _not_moved:  # tried in this session, no keyring: not asked again per connection
            return False
    # (always the newest wish: this module never writes tls.proxy, so one there was put there since)
    password = ""
    try:
        p = ProxyURL.parse(legacy)
        choice = HttpProxy("manual", normal_address(p.authority), p.user)
        password = p.password
    except ValueError:  # unusable already: kept without whatever looks like credentials
        choice = HttpProxy("manual", legacy.rpartition("@")[2], "")
    if password and not profile.set_secret(PASSWORD_SECRET, password):
        profile.delete_secret(PASSWORD_SECRET)  # only in this session's memory: not moved
        with _cache_lock:
            _not_moved.add(key)
        log.warning("settings tls.proxy: no keyring to move the proxy's password into; left as it is (until "
                    "the next start)")
        return False
    if not password:
        profile.delete_secret(PASSWORD_SECRET)
    profile.set(SETTINGS_KEY, asdict(choice))
    tls = {k: v for k, v in profile.get(TLS_SETTINGS_KEY).items() if k != "proxy"}
    profile.set(TLS_SETTINGS_KEY, tls)
    _cache.pop(str(profile.root), None)
    log.info("settings tls.proxy moved to http_proxy (its password into the keyring)")
    return True
