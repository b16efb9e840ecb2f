"""SIP accounts as the user configures them (Preferences → Accounts).

Plain data, no Qt: the accounts live in `settings.json` under "accounts" *without* their
passwords; each password is a keyring secret (`password_secret(id)`). `engine_command` turns an
account into the engine's IPC `account` command (docs/cli.md).
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import asdict, dataclass, fields
from typing import Any

from whitephone.net.pins import normal_pin

log = logging.getLogger(__name__)

# auto: the engine climbs the ladder (UDP, TCP, TLS 5061/443, TLS in the HTTP proxy's CONNECT) and
# remembers the rung per network; tls: through the engine's TLS relay (sip/relay.py)
TRANSPORTS = ("auto", "udp", "tcp", "tls")
SRTP_MODES = ("off", "optional", "mandatory")  # engine: 0, 1, 2 (SDES)
REG_INTERVAL_RANGE = (60, 3600)
SETTINGS_KEY = "accounts"
TLS_SETTINGS_KEY = "tls"  # {"pins": ["HOST:PORT=SHA-256", ...], "ca_file": "", "proxy": "http://..."} for TLS accounts

# sip:user@host[:port][;params] — the user part may be a number (+4420…)
_SIP_URI = re.compile(r"^sips?:(?P<user>[^@\s;?<>\"]+)@(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])"
                      r"(?::(?P<port>\d{1,5}))?(?P<params>;[^\s<>\"]*)?$", re.IGNORECASE)
# sip:host[:port][;params] — registrars and proxies (a user part is allowed but unusual)
_SIP_HOST = re.compile(r"^sips?:(?:[^@\s;?<>\"]+@)?(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])"
                       r"(?::(?P<port>\d{1,5}))?(?P<params>;[^\s<>\"]*)?$", re.IGNORECASE)


@dataclass
class SipAccount:
    """One SIP account. An empty registrar makes it a local ("no registrar") account that calls
    and is called by direct SIP address, e.g. sip:alice@192.0.2.5:5070."""

    id: str
    uri: str
    display_name: str = ""
    registrar: str = ""
    proxy: str = ""
    user: str = ""  # authentication user; empty = the user part of the URI
    transport: str = "auto"
    reg_interval: int = 300
    srtp: str = "off"
    default: bool = False

    @property
    def local(self) -> bool:
        return not self.registrar

    @property
    def label(self) -> str:
        """How the account is named in lists and in the status bar."""
        return self.display_name or self.uri.split(":", 1)[-1]

    @property
    def auth_user(self) -> str:
        m = _SIP_URI.match(self.uri)
        return self.user or (m.group("user") if m else "")

    @property
    def domain(self) -> str:
        """host[:port] of the account's URI: where numbers are sent (sip:+4420…@domain)."""
        m = _SIP_URI.match(self.uri)
        if not m:
            return ""
        return m.group("host") + (f":{m.group('port')}" if m.group("port") else "")

    def to_settings(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_settings(cls, data: dict[str, Any]) -> SipAccount | None:
        known = {f.name for f in fields(cls)}
        try:
            acc = cls(**{k: v for k, v in data.items() if k in known})
        except TypeError:  # no id or uri: a damaged entry, skipped
            return None
        if acc.transport not in TRANSPORTS:
            acc.transport = "auto"
        if acc.srtp not in SRTP_MODES:
            acc.srtp = "off"
        try:
            acc.reg_interval = int(acc.reg_interval)
        except (TypeError, ValueError):
            acc.reg_interval = 300
        return acc


def new_account_id() -> str:
    return uuid.uuid4().hex[:12]


def password_secret(account_id: str) -> str:
    """The keyring name of an account's password (Profile.set_secret/get_secret)."""
    return f"sip-account:{account_id}:password"


def is_sip_uri(text: str) -> bool:
    """A complete address: sip:user@host[:port]."""
    return bool(_SIP_URI.match(text.strip()))


def is_sip_host(text: str) -> bool:
    """A registrar or proxy: sip:host[:port][;params]."""
    return bool(_SIP_HOST.match(text.strip()))


def as_sip_host(text: str) -> str:
    """`sip.example.com` → `sip:sip.example.com` (what people paste from a provider's page)."""
    t = text.strip()
    if t and not t.lower().startswith(("sip:", "sips:")):
        t = "sip:" + t
    return t


def with_transport(uri: str, transport: str) -> str:
    """Add `;transport=tcp` to a registrar or proxy URI unless it names a transport already
    (TLS accounts keep their URIs: the engine's relay carries them)."""
    if not uri or transport in ("udp", "tls", "auto") or ";transport=" in uri.lower():
        return uri
    return f"{uri};transport={transport}"


def normalized(accounts: list[SipAccount]) -> list[SipAccount]:
    """Exactly one default account (the first one if none or several are marked)."""
    if not accounts:
        return accounts
    first_default = next((a for a in accounts if a.default), accounts[0])
    for a in accounts:
        a.default = a is first_default
    return accounts


def load_accounts(profile) -> list[SipAccount]:
    raw = profile.get(SETTINGS_KEY) or []
    accounts = [a for a in (SipAccount.from_settings(d) for d in raw if isinstance(d, dict)) if a]
    return normalized(accounts)


def save_accounts(profile, accounts: list[SipAccount]) -> None:
    profile.set(SETTINGS_KEY, [a.to_settings() for a in normalized(accounts)])


def default_account(accounts: list[SipAccount]) -> SipAccount | None:
    return next((a for a in accounts if a.default), accounts[0] if accounts else None)


def phone_account(accounts: list[SipAccount]) -> SipAccount | None:
    """The account that calls phone numbers: the default if it has a registrar (a provider),
    else the first account with one. Local accounts cannot reach the telephone network."""
    d = default_account(accounts)
    if d is not None and not d.local:
        return d
    return next((a for a in accounts if not a.local), None)


def number_uri(account: SipAccount, e164: str) -> str:
    return f"sip:{e164}@{account.domain}"


def tls_settings(profile) -> dict[str, Any]:
    """Pinned certificates, a CA file and an HTTP proxy for TLS signalling (settings "tls")."""
    raw = profile.get(TLS_SETTINGS_KEY) or {}
    if not isinstance(raw, dict):
        raw = {}
    pins = []
    for pin in raw.get("pins") or [] if isinstance(raw.get("pins"), list) else []:
        try:
            pin = normal_pin(str(pin))
        except ValueError:
            log.warning("settings tls.pins: ignoring %r (not HOST:PORT=SHA256)", pin)
            continue
        if "=" not in pin:  # an older version's pin, valid for every server: asked again, per server
            log.warning("settings tls.pins: ignoring the old pin %s (not tied to a server; the certificate "
                        "will be offered for trust again)", pin)
            continue
        pins.append(pin)
    return {"pins": pins, "ca_file": str(raw.get("ca_file") or ""), "proxy": str(raw.get("proxy") or "")}


def pin_certificate(profile, server: str, sha256: str) -> None:
    """The user agreed to trust this self-signed certificate (its SHA-256 fingerprint) for this
    server (HOST:PORT) only; ValueError if either is malformed."""
    pin = normal_pin(f"{server}={sha256}")
    settings = tls_settings(profile)
    if pin not in settings["pins"]:
        settings["pins"].append(pin)
    profile.set(TLS_SETTINGS_KEY, settings)


def tls_engine_args(profile) -> list[str]:
    """The engine's start-up flags for TLS signalling (`--pin-cert`, `--ca-file`)."""
    settings = tls_settings(profile)
    args = [a for pin in settings["pins"] for a in ("--pin-cert", pin)]
    return args + (["--ca-file", settings["ca_file"]] if settings["ca_file"] else [])


def with_tls_args(args: list[str], profile) -> list[str]:
    """A running engine's `args` with the profile's `--pin-cert`/`--ca-file` instead of its own."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("--pin-cert", "--ca-file"):
            skip = True
        else:
            out.append(a)
    return out + tls_engine_args(profile)


def engine_command(account: SipAccount, password: str | None, tls_proxy: str = "") -> dict[str, Any]:
    """The `account` IPC command's fields (whitephone/sip/agent.py) for this account; a TLS
    account goes through the engine's relay, inside a CONNECT tunnel through `tls_proxy` if given."""
    local = account.local
    tls = {"transport": account.transport, "tls_proxy": tls_proxy} if account.transport in ("tls", "auto") \
        and not local else {}
    return {**tls,
        "id": account.id,
        "uri": account.uri,
        "display_name": account.display_name,
        "registrar": "" if local else with_transport(account.registrar, account.transport),
        "proxy": "" if local else with_transport(account.proxy, account.transport),
        "user": "" if local else account.auth_user,
        "password": "" if local else (password or ""),
        "reg_interval": int(account.reg_interval),
        "srtp": SRTP_MODES.index(account.srtp),
    }
