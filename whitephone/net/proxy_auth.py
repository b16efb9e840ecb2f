"""Authentication to an HTTP proxy's CONNECT (RFC 7235 407 challenges): the strongest scheme the
proxy offers that we can do, Negotiate (Kerberos via gssapi, Windows SSPI, else NTLM inside
SPNEGO), then NTLM, then Basic, with pyspnego doing the Negotiate and NTLM legs. No I/O here:
net/proxy.py sends the headers this makes and hands back the proxy's answers.

Without a user name, Negotiate and NTLM use the logged-in user's own credentials (a Kerberos ticket,
the Windows logon, or pyspnego's NTLM_USER_FILE). Credentials and tokens are never logged."""

from __future__ import annotations

import base64
import binascii
import re

# strongest first; the proxy's own spelling is kept for messages
SCHEMES = ("negotiate", "ntlm", "basic")
NAMES = {"negotiate": "Negotiate", "ntlm": "NTLM", "basic": "Basic"}
MAX_LEGS = 4  # Negotiate/NTLM need 2 authenticated requests, Kerberos 1, Basic 1: never loop


class ProxyAuthError(Exception):
    """Authentication to the proxy cannot go on; the text says why in words."""


_PIECES = re.compile(r'(?:[^,"]|"(?:[^"\\]|\\.)*")+')
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")


def challenges(values: list[str], names: dict[str, str] | None = None) -> dict[str, str]:
    """The schemes of `Proxy-Authenticate` header values (one or several challenges each, commas
    between them) → their token68 or parameters ("" when bare), keys lower case; `names` gets
    each key's spelling as the proxy wrote it."""
    found: dict[str, str] = {}
    names = {} if names is None else names
    current = None
    for value in values:
        for piece in _PIECES.findall(value):
            piece = piece.strip()
            if not piece:
                continue
            first, _, rest = piece.partition(" ")
            if _TOKEN.fullmatch(first) and "=" not in first:  # a new challenge: `Scheme [token|params]`
                current = first.lower()
                found.setdefault(current, rest.strip())
                names.setdefault(current, first)
            elif current is not None:  # another auth-param of the current challenge
                found[current] = f"{found[current]}, {piece}" if found[current] else piece
    return found


class Handshake:
    """One authentication to one proxy: `first(offers)` picks the scheme and gives the first
    `Proxy-Authorization` value; `next(offers)` answers a later 407 on the same connection, or
    raises ProxyAuthError (the credentials were refused, or the proxy asked for something else)."""

    def __init__(self, user: str, password: str, proxy_host: str, label: str) -> None:
        self.user, self._password, self.proxy_host, self.label = user, password, proxy_host, label
        self.scheme = ""
        self._context = None
        self.legs = 0

    @property
    def name(self) -> str:
        return NAMES.get(self.scheme, self.scheme)

    @property
    def connection_bound(self) -> bool:
        """Whether the next leg must go on the same connection (NTLM's challenge belongs to it)."""
        return self._context is not None and not self._context.complete

    @property
    def kerberos(self) -> bool:
        """Whether Kerberos is what the handshake uses (Negotiate may carry NTLM instead)."""
        try:
            return self._context is not None and self._context.negotiated_protocol == "kerberos"
        except Exception:  # noqa: BLE001 - pyspnego may not know yet
            return False

    def first(self, offers: dict[str, str], names: dict[str, str] | None = None) -> str:
        """`names`: the schemes as the proxy spelled them (for the message when none is ours)."""
        ours = [s for s in SCHEMES if s in offers]
        if not offers:
            raise ProxyAuthError(f"the HTTP proxy {self.label} wants authentication (407) but names no "
                                 f"scheme (no Proxy-Authenticate header)")
        if not ours:
            theirs = " or ".join((names or {}).get(s, s) for s in offers)
            raise ProxyAuthError(f"the HTTP proxy {self.label} asks for {theirs} authentication, which WhitePhone "
                                 f"cannot do (it can do Negotiate, NTLM and Basic)")
        problems = []
        for scheme in ours:
            try:
                return self._start(scheme)
            except ProxyAuthError as exc:
                problems.append(str(exc))
        raise ProxyAuthError(problems[0])  # the strongest scheme's reason (the others' say the same or less)

    def _start(self, scheme: str) -> str:
        self.scheme, self.legs = scheme, 1
        if scheme == "basic":
            if not self.user:
                raise ProxyAuthError(f"the HTTP proxy {self.label} wants a user name and password (Basic): give "
                                     f"them in the proxy URL (http://user:password@host:port) or with --proxy-user")
            token = base64.b64encode(f"{self.user}:{self._password}".encode()).decode()
            return f"Basic {token}"
        try:
            import spnego  # pyspnego: cryptography and friends, loaded only when a proxy asks
            from spnego.exceptions import SpnegoError
        except ImportError:  # a hand-made install without it: Basic still works
            raise ProxyAuthError(f"the HTTP proxy {self.label} wants {NAMES[scheme]} authentication, which "
                                 f"needs the pyspnego package (not installed)") from None
        try:
            self._context = spnego.client(self.user or None, self._password or None, hostname=self.proxy_host,
                                          service="HTTP", protocol=scheme)
            out = self._context.step()
        except Exception as exc:  # noqa: BLE001 - SpnegoError, ValueError, or whatever GSSAPI/SSPI raise
            self._context = None
            if not isinstance(exc, (SpnegoError, ValueError)):
                # its text is not shown: it might quote a credential it could not encode
                raise ProxyAuthError(f"cannot start {NAMES[scheme]} authentication to the HTTP proxy {self.label} "
                                     f"({type(exc).__name__} in pyspnego)") from None
            if not self.user and any(words in str(exc) for words in _NO_CREDENTIALS):
                raise ProxyAuthError(f"the HTTP proxy {self.label} wants {NAMES[scheme]} authentication and there "
                                     f"is no Kerberos ticket or Windows login to offer: give the proxy user name "
                                     f"and password (or run kinit)") from None
            who = f"for {self.user}" if self.user else "with the logged-in user's credentials"
            raise ProxyAuthError(f"cannot start {NAMES[scheme]} authentication to the HTTP proxy {self.label} "
                                 f"{who}: {_brief(exc)}") from None
        return f"{NAMES[scheme]} {base64.b64encode(out or b'').decode()}"

    def next(self, offers: dict[str, str]) -> str:
        """The next leg's header after a 407; ProxyAuthError when there is none to give."""
        self.legs += 1
        token = offers.get(self.scheme, "")
        if self.scheme == "basic" or self._context is None or self._context.complete or not token \
                or self.legs > MAX_LEGS:
            raise ProxyAuthError(self.refused())
        from spnego.exceptions import SpnegoError
        try:
            challenge = base64.b64decode(token.split(",")[0].strip(), validate=True)
        except (binascii.Error, ValueError):
            raise ProxyAuthError(f"the HTTP proxy {self.label} sent a malformed {self.name} challenge "
                                 f"(not base64)") from None
        try:
            out = self._context.step(challenge)
        except SpnegoError as exc:
            raise ProxyAuthError(f"{self.name} authentication to the HTTP proxy {self.label} failed: "
                                 f"{_brief(exc)}") from None
        except Exception as exc:  # noqa: BLE001 - pyspnego parses the proxy's bytes: struct.error, KeyError, …
            raise ProxyAuthError(f"the HTTP proxy {self.label} sent a malformed {self.name} challenge "
                                 f"({type(exc).__name__} in reading it)") from None
        if not out:
            raise ProxyAuthError(self.refused())
        return f"{self.name} {base64.b64encode(out).decode()}"

    def refused(self) -> str:
        who = f"the user name or password of {self.user}" if self.user else "the logged-in user's credentials"
        return f"the HTTP proxy {self.label} refused {who} ({self.name} authentication)"


# pyspnego's and GSSAPI's words when neither a user name nor a cached credential (a Kerberos
# ticket, NTLM_USER_FILE) is there (pyspnego wraps both in BadMechanismError: only the text tells)
_NO_CREDENTIALS = ("credential cache did not exist or contained no credentials",
                   "No credentials were supplied", "No Kerberos credentials available")


def _brief(exc: Exception) -> str:
    """pyspnego's message without its error codes: GSSAPI's minor message (what went wrong, e.g.
    `Server HTTP/proxy@REALM not found in Kerberos database`), else its first context."""
    text = str(exc)
    minor = re.search(r"Minor \(\d+\): (.*?)(?:, Context: |$)", text)
    if minor:
        return minor.group(1).strip()
    return text.split("Context: ", 1)[1].split(", Context: ")[0] if "Context: " in text else text
