"""HTTP client of the hub's REST API (docs/api.md), plain Python on httpx.

Every failure is one exception type, `HubError`, with a `kind` the caller can act on and a
message a user can read. A 401 on an authenticated call refreshes the tokens once (the hub
rotates refresh tokens) and retries; `on_tokens` is told of every new pair so the session can
keep them.
"""

from __future__ import annotations

import base64
import logging
import ssl
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from whitephone.net.proxy import ReachError
from whitephone.sync.messages import detail_text

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

KINDS = ("unreachable", "proxy", "certificate", "bad_credentials", "disabled", "rate_limited", "invalid",
         "resync_required", "server", "profile_in_use")


class HubError(Exception):
    """A hub request that failed. `kind` is one of KINDS; str() is an English message for the user
    (logs, CLI; the window words each kind in the user's language: ui/user_errors.py); `detail`
    is the hub's JSON detail when it sent one; `url` the hub's address when the failure is about
    reaching it."""

    def __init__(self, kind: str, message: str, *, status: int | None = None, detail: Any = None,
                 url: str | None = None) -> None:
        super().__init__(message)
        self.kind, self.status, self.detail, self.url = kind, status, detail, url


@dataclass
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int = 0

    @classmethod
    def from_json(cls, d: dict) -> Tokens:
        return cls(str(d["access_token"]), str(d["refresh_token"]), int(d.get("expires_in") or 0))


def normalize_url(url: str) -> str:
    """"hub.example.com:8765" -> "https://hub.example.com:8765"; 127.0.0.1/localhost get http."""
    url = url.strip().rstrip("/")
    if not url:
        raise HubError("invalid", "Enter the hub's address.")
    if "://" not in url:
        try:
            host = urlsplit("//" + url).hostname or ""
        except ValueError:
            host = ""
        url = ("http://" if host in ("127.0.0.1", "localhost", "::1") else "https://") + url
    if not url.startswith(("http://", "https://")):
        raise HubError("invalid", f"The hub's address must start with http:// or https:// ({url}).")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a bad port)
        ok = bool(parts.hostname) and not any(c.isspace() for c in url)
    except ValueError:
        ok = False
    if not ok:
        raise HubError("invalid", f"“{url}” is not a hub address; write it like https://hub.example.com "
                                  "or 192.168.1.10:8765.")
    return url


_LOOPBACK = ("localhost", "127.0.0.1", "[::1]", "::1")


def canonical_hub(url: str) -> str:
    """The normalised address with a loopback host written one way (localhost, 127.0.0.1 and
    [::1] are this computer): to tell whether two addresses are the same hub."""
    parts = urlsplit(normalize_url(url))
    host = (parts.hostname or "").lower()
    if host in _LOOPBACK:
        netloc = "127.0.0.1" + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, "", ""))


def same_hub(a: str, b: str) -> bool:
    try:
        return canonical_hub(a) == canonical_hub(b)
    except (HubError, ValueError):
        return False


def trust_file(path: str) -> ssl.SSLContext:
    """A TLS context trusting the certificate(s) in `path`; HubError "certificate" with a sentence
    when the file is missing, unreadable or holds no certificate."""
    try:
        return ssl.create_default_context(cafile=path)
    except FileNotFoundError:
        raise HubError("certificate", f"The hub's certificate file {path} does not exist (moved or "
                                      "deleted?); sign in again with the file's new place.") from None
    except (OSError, ssl.SSLError, ValueError):
        raise HubError("certificate", f"The file {path} is not a certificate this app can read (it needs "
                                      "a PEM certificate); sign in again with the hub's certificate.") from None


def tls_for(url: str, verify: bool | ssl.SSLContext) -> bool | ssl.SSLContext:
    """What to give httpx as `verify` for requests to `url`. httpx builds its TLS context with
    the client, loading certifi's ~150 CAs (~1 MiB that stays in the window, issue 18), even
    when the hub is plain http:// (the profile's embedded hub on 127.0.0.1), where no TLS is
    ever spoken: such a client gets an empty context that still verifies, and so trusts nothing."""
    if verify is True and urlsplit(url).scheme == "http":
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and host names checked, no CAs
    return verify


class HubClient:
    """One hub, one user's tokens. Thread-safe: the token refresh is serialised."""

    def __init__(self, base_url: str, tokens: Tokens | None = None, *,
                 on_tokens: Callable[[Tokens | None], None] | None = None,
                 stored_refresh: Callable[[], str | None] | None = None,
                 refresh_lock: Callable[[], AbstractContextManager[Any]] | None = None,
                 verify: bool | str | ssl.SSLContext = True, timeout: float = 15.0,
                 proxy: str | Callable[[], str] = "") -> None:
        """`proxy`: the proxy setting (core/http_proxy.py `setting`: an HTTP proxy URL, "" for the
        system's, net/proxy_choice.NO_PROXY for none), or a function
        giving it (read for every new connection); net/proxy.py `proxy_for` decides per host."""
        self.base_url = normalize_url(base_url)
        self.tokens = tokens
        self.on_tokens = on_tokens
        # where another process (a CLI command beside the app) may have put a newer refresh
        # token: refresh tokens work once, so ours may have been used up there
        self.stored_refresh = stored_refresh
        # held around a refresh, across the processes of one profile (a file lock)
        self.refresh_lock = refresh_lock or nullcontext
        self._lock = threading.Lock()
        self.requests = 0  # how many HTTP requests this client made (benchmarks count them)
        if isinstance(verify, str):  # a CA/certificate file to trust (an office hub's own certificate)
            verify = trust_file(verify)
        self.verify = verify  # the WebSocket checks the hub's certificate the same way
        self.proxy_setting: Callable[[], str] = proxy if callable(proxy) else (lambda: proxy)
        # httpx (and httpcore, h11, idna, certifi: ~2 MiB resident) with the first client: a window that
        # talks to no hub never imports them (issue 18)
        import httpx

        from whitephone.sync.hub_transport import HubTransport

        self.http = httpx.Client(base_url=self.base_url, timeout=timeout,
                                 transport=HubTransport(tls_for(self.base_url, verify), self.proxy_setting),
                                 headers={"User-Agent": "WhitePhone"})

    def close(self) -> None:
        self.http.close()

    def open_socket(self, timeout: float) -> Any:
        """A socket to the hub through the user's proxy for the WebSocket, or None when it goes
        direct (the same decision as every HTTP request's); HubError "proxy" when the proxy refuses.
        `timeout` bounds the tunnel's set-up; the socket then has none (as websockets leaves the
        sockets it opens itself: an idle WebSocket is not a failure)."""
        from whitephone.sync.hub_transport import open_socket

        parts = urlsplit(self.base_url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            sock = open_socket(parts.hostname or "", port, timeout, self.proxy_setting())
        except ReachError as exc:
            raise self._proxy_error(exc) from exc
        if sock is not None:
            sock.settimeout(None)
        return sock

    def _proxy_error(self, exc: ReachError) -> HubError:
        return HubError("proxy", f"Cannot reach the hub at {self.base_url} through the proxy: {exc.reason}.")

    # ------------------------------------------------------------------ plumbing
    def _send(self, method: str, path: str, *, auth: bool, **kw: Any) -> httpx.Response:
        import httpx  # imported by __init__ already

        headers = dict(kw.pop("headers", {}) or {})
        if auth:
            if self.tokens is None:
                raise HubError("bad_credentials", "You are not signed in.")
            headers["Authorization"] = f"Bearer {self.tokens.access_token}"
        self.requests += 1
        try:
            return self.http.request(method, path, headers=headers, **kw)
        except RuntimeError as exc:
            if not self.http.is_closed:
                raise
            # signed out, or the embedded hub moved, while a thread still held this client: a retry
            # takes the session's new client (or learns it is signed out)
            raise HubError("unreachable", "The connection to the hub was closed; try again.") from exc
        except ReachError as exc:  # the proxy refused the tunnel (or its setting is wrong): nothing was sent
            log.info("hub request %s %s through the proxy: %s", method, path, exc)
            raise self._proxy_error(exc) from exc
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, ssl.SSLCertVerificationError) or "CERTIFICATE" in str(exc).upper():
                log.info("TLS to %s: %s", self.base_url, exc)
                raise HubError("certificate", f"The hub's certificate is not trusted ({self.base_url}), so nothing "
                                              "was sent; check the address, or trust the hub's own certificate "
                                              "(--ca-file).", url=self.base_url) from exc
            raise HubError("unreachable", f"Cannot reach the hub at {self.base_url}.", url=self.base_url) from exc
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            log.info("hub request %s %s: %r", method, path, exc)
            raise HubError("unreachable", f"The hub at {self.base_url} did not answer; check your network "
                                          "and try again.", url=self.base_url) from exc

    def request(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> Any:
        """JSON of a successful answer (None for 204); HubError otherwise."""
        return self._result(self._answer(method, path, auth=auth, **kw))

    def _answer(self, method: str, path: str, *, auth: bool = True, **kw: Any) -> httpx.Response:
        """The hub's answer, after one token refresh on a 401."""
        used = self.tokens.access_token if self.tokens else None
        r = self._send(method, path, auth=auth, **kw)
        if r.status_code == 401 and auth and self.tokens is not None:
            self._refresh(used)
            r = self._send(method, path, auth=auth, **kw)
        return r

    def _refresh(self, used: str | None) -> None:
        with self._lock:
            if self.tokens is None:
                raise HubError("bad_credentials", "You are not signed in.")
            if self.tokens.access_token != used:
                return  # another thread refreshed meanwhile
            with self.refresh_lock():
                # under the lock the stored token is the newest: another process of this profile
                # may have used ours up (and stored its successor) while we waited
                ours = self.tokens.refresh_token
                stored = self.stored_refresh() if self.stored_refresh else None
                r = None
                for token in dict.fromkeys(t for t in (stored, ours) if t):
                    r = self._send("POST", "/api/v1/refresh", auth=False, json={"refresh_token": token})
                    if r.status_code != 401:
                        break
                if r is None or r.status_code == 401:
                    self._set_tokens(None)
                    raise HubError("bad_credentials", "Your session has ended; sign in again.", status=401)
                self._set_tokens(Tokens.from_json(self._result(r)))

    def _set_tokens(self, tokens: Tokens | None) -> None:
        self.tokens = tokens
        if self.on_tokens:
            self.on_tokens(tokens)

    @staticmethod
    def _result(r: httpx.Response) -> Any:
        if r.status_code < 300:
            return None if r.status_code == 204 or not r.content else r.json()
        try:
            detail = r.json().get("detail")
        except ValueError:
            detail = r.text[:200]
        text, raw = detail_text(detail), str(detail).lower()
        s = r.status_code
        if s == 409 and isinstance(detail, dict) and detail.get("code") == "resync_required":
            raise HubError("resync_required", "The hub asks for a full resync.", status=s, detail=detail)
        if s == 401:
            raise HubError("bad_credentials", "Wrong e-mail or password." if "wrong" in raw else
                           "Your session has ended; sign in again.", status=s, detail=detail)
        if s == 403 and "disabled" in raw:
            raise HubError("disabled", "This account is disabled; ask your administrator.", status=s, detail=detail)
        if s == 429:
            raise HubError("rate_limited", "Too many attempts; wait a few minutes and try again.",
                           status=s, detail=detail)
        if s >= 500:
            raise HubError("server", f"The hub had a problem ({s}); try again later.", status=s, detail=detail)
        raise HubError("invalid", text or f"The hub refused the request ({s}).", status=s, detail=detail)

    # ------------------------------------------------------------------ accounts
    def register(self, company: str, name: str, email: str, password: str) -> Tokens:
        tokens = Tokens.from_json(self.request("POST", "/api/v1/register", auth=False, json={
            "company": company, "name": name, "email": email, "password": password}))
        self._set_tokens(tokens)
        return tokens

    def login(self, email: str, password: str) -> Tokens:
        tokens = Tokens.from_json(self.request("POST", "/api/v1/login", auth=False,
                                               json={"email": email, "password": password}))
        self._set_tokens(tokens)
        return tokens

    def refresh(self) -> Tokens:
        self._refresh(self.tokens.access_token if self.tokens else None)
        assert self.tokens is not None
        return self.tokens

    def logout(self, everywhere: bool = False) -> None:
        """End this session on the hub (`everywhere`: every session of the user)."""
        try:
            self.request("POST", "/api/v1/logout", params={"everywhere": "true"} if everywhere else None)
        finally:
            self._set_tokens(None)

    def reachable(self) -> bool:
        """Whether the hub answers at all (no sign-in needed, no token used)."""
        try:
            self._send("GET", "/api/v1/me", auth=False)
            return True
        except HubError:
            return False

    def forgot_password(self, email: str) -> None:
        self.request("POST", "/api/v1/password/forgot", auth=False, json={"email": email})

    def me(self) -> dict:
        return self.request("GET", "/api/v1/me")

    def company(self) -> dict:
        return self.request("GET", "/api/v1/company")

    def users(self) -> list[dict]:
        return self.request("GET", "/api/v1/users")

    def directory(self, q: str) -> list[dict]:
        return self.request("GET", "/api/v1/directory", params={"q": q})

    # ------------------------------------------------------------------ sync
    def mutations(self, mutations: list[dict]) -> list[dict]:
        return self.request("POST", "/api/v1/sync/mutations", json={"mutations": mutations})

    def changes(self, since: int, limit: int = 1000) -> dict:
        return self.request("GET", "/api/v1/sync/changes", params={"since": since, "limit": limit})

    def snapshot(self, after: str | None = None, limit: int = 1000) -> dict:
        params: dict[str, Any] = {"limit": limit}
        if after:
            params["after"] = after
        return self.request("GET", "/api/v1/sync/snapshot", params=params)

    # ------------------------------------------------------------------ people and calls
    def contact_requests(self) -> list[dict]:
        """Requests to and from me: [{id, from_id, to_id, status}]."""
        return self.request("GET", "/api/v1/contact-requests")

    def send_contact_request(self, to_user_id: int) -> dict:
        return self.request("POST", "/api/v1/contact-requests", json={"to": int(to_user_id)})

    def answer_contact_request(self, request_id: int, accept: bool) -> dict:
        action = "accept" if accept else "decline"
        return self.request("POST", f"/api/v1/contact-requests/{int(request_id)}/{action}")

    def sip_credentials(self) -> dict:
        return self.request("GET", "/api/v1/sip/credentials")

    def sip_contacts(self, user_id: int) -> list[dict]:
        return self.request("GET", f"/api/v1/users/{int(user_id)}/sip-contacts")

    def ws_url(self) -> str:
        """The WebSocket address with the current access token."""
        if self.tokens is None:
            raise HubError("bad_credentials", "You are not signed in.")
        base = "wss://" + self.base_url[8:] if self.base_url.startswith("https://") else "ws://" + self.base_url[7:]
        return f"{base}/api/v1/ws?token={self.tokens.access_token}"

    # ------------------------------------------------------------------ profiles and user admin
    def profile(self) -> dict:
        return self.request("GET", "/api/v1/profile")

    def update_profile(self, **fields: Any) -> dict:
        """PATCH the caller's profile: name, region, timezone, hidden, preferences (a flat map
        that replaces the stored one)."""
        return self.request("PATCH", "/api/v1/profile", json=fields)

    def change_password(self, old: str, new: str) -> None:
        """The hub revokes every session of the user: sign in again with `new` afterwards."""
        try:
            self.request("POST", "/api/v1/password", json={"old_password": old, "new_password": new})
        except HubError as exc:
            if exc.status == 403:  # "old password is wrong" (not a disabled account)
                raise HubError("invalid", "The current password is wrong.", status=403, detail=exc.detail) from None
            raise

    def update_company(self, **fields: Any) -> dict:
        return self.request("PATCH", "/api/v1/company", json=fields)

    def add_user(self, name: str, email: str, password: str, permissions: list[str]) -> dict:
        return self.request("POST", "/api/v1/users", json={"name": name, "email": email, "password": password,
                                                             "permissions": sorted(permissions)})

    def disable_user(self, user_id: int) -> dict:
        return self.request("POST", f"/api/v1/users/{int(user_id)}/disable")

    def enable_user(self, user_id: int) -> dict:
        try:
            return self.request("POST", f"/api/v1/users/{int(user_id)}/enable")
        except HubError as exc:
            if exc.status == 405 or (exc.status == 404 and exc.detail == "Not Found"):  # route unknown
                raise HubError("invalid", "This hub cannot enable accounts again (it is older than this "
                                          "app); ask its operator to update it.", status=exc.status,
                               detail=exc.detail) from None
            raise

    def set_permissions(self, user_id: int, permissions: list[str]) -> dict:
        try:
            return self.request("PUT", f"/api/v1/users/{int(user_id)}/permissions",
                                json={"permissions": sorted(permissions)})
        except HubError as exc:
            if exc.status == 405 or (exc.status == 404 and exc.detail == "Not Found"):  # route unknown
                raise HubError("invalid", "This hub cannot change a user's permissions (it is older than this "
                                          "app); ask its operator to update it.", status=exc.status,
                               detail=exc.detail) from None
            raise

    def remove_user(self, user_id: int) -> None:
        self.request("DELETE", f"/api/v1/users/{int(user_id)}")

    def groups(self) -> list[dict]:
        return self.request("GET", "/api/v1/groups")

    def create_group(self, name: str, members: list[int] | None = None) -> dict:
        return self.request("POST", "/api/v1/groups", json={"name": name, "members": list(members or [])})

    def rename_group(self, group_id: int, name: str) -> dict:
        return self.request("PATCH", f"/api/v1/groups/{int(group_id)}", json={"name": name})

    def delete_group(self, group_id: int) -> None:
        self.request("DELETE", f"/api/v1/groups/{int(group_id)}")

    def add_group_member(self, group_id: int, user_id: int) -> dict:
        return self.request("POST", f"/api/v1/groups/{int(group_id)}/members", json={"user_id": int(user_id)})

    def remove_group_member(self, group_id: int, user_id: int) -> dict:
        return self.request("DELETE", f"/api/v1/groups/{int(group_id)}/members/{int(user_id)}")

    def company_logo(self) -> tuple[str, str]:
        """(base64, mime) of the company's logo; ("", "") when it has none."""
        r = self._answer("GET", "/api/v1/company/logo")
        if r.status_code == 404:
            return "", ""
        if r.status_code >= 300:
            self._result(r)
        return base64.b64encode(r.content).decode("ascii"), r.headers.get("content-type", "").split(";")[0]

    def set_company_logo(self, b64: str, mime: str) -> None:
        """Upload the logo (PNG or JPEG, ≤ 1 MB; needs `logo`); an empty `b64` removes it."""
        if not b64:
            self.request("DELETE", "/api/v1/company/logo")
            return
        r = self._answer("PUT", "/api/v1/company/logo", content=base64.b64decode(b64),
                         headers={"Content-Type": mime})
        if r.status_code in (404, 405):  # the route itself is unknown (PUT never answers 404)
            raise HubError("invalid", "This hub cannot store a logo (it is older than this app); ask its "
                                      "operator to update it.", status=r.status_code)
        self._result(r)

    def crm_types(self) -> list[str]:
        """The company's CRM record types."""
        return list(self.request("GET", "/api/v1/crm/types")["types"])

    def call_report(self, since: str | None = None, until: str | None = None, tz: str | None = None) -> dict:
        """The team's calls per user per day (`GET /api/v1/reports/calls`; CRM admins and holders
        of `reports`), days in the zone `tz` (IANA name or "+HH:MM"; default UTC): {since, until,
        tz, rows: [{user_id, user_name, day, calls, answered, seconds, average_seconds}]}."""
        params = {k: v for k, v in (("since", since), ("until", until), ("tz", tz)) if v}
        return self.request("GET", "/api/v1/reports/calls", params=params)

    def set_crm_types(self, types: list[str]) -> list[str]:
        """Replace the company's CRM record types (needs `crm_admin`)."""
        return list(self.request("PUT", "/api/v1/crm/types", json={"types": list(types)})["types"])
    # ------------------------------------------------------------------ messages (issue 14)
    def send_message(self, to: int, kind: str, body: str, attachments: list[int] | None = None,
                     client_id: str | None = None) -> dict:
        """Send one message; a repeat of `client_id` returns the first one (never stored twice)."""
        payload: dict[str, Any] = {"to": int(to), "kind": kind, "body": body, "attachments": list(attachments or [])}
        if client_id:
            payload["client_id"] = client_id
        return self.request("POST", "/api/v1/messages", json=payload)

    def inbox(self, after: int = 0, limit: int = 500) -> list[dict]:
        return self.request("GET", "/api/v1/messages", params={"after": int(after), "limit": int(limit)})

    def read_since(self, after: int = 0, limit: int = 500) -> list[dict]:
        """My messages marked read after the cursor, in that order: [{id, seq}]."""
        return self.request("GET", "/api/v1/messages/read-since", params={"after": int(after), "limit": int(limit)})

    def mark_message_read(self, message_id: int) -> None:
        self.request("POST", f"/api/v1/messages/{int(message_id)}/read")

    def delete_message(self, message_id: int) -> None:
        self.request("DELETE", f"/api/v1/messages/{int(message_id)}")

    def create_upload(self, length: int, name: str | None = None, content_type: str | None = None) -> dict:
        body: dict[str, Any] = {"length": int(length)}
        if name:
            body["name"] = name
        if content_type:
            body["content_type"] = content_type
        return self.request("POST", "/api/v1/attachments", json=body)

    def upload_offset(self, upload_id: int) -> int | None:
        """Bytes of the upload the hub holds (None: the hub has no such upload any more)."""
        r = self._answer("HEAD", f"/api/v1/attachments/{int(upload_id)}")
        if r.status_code == 404:
            return None
        if r.status_code >= 300:
            self._result(r)
        return int(r.headers.get("Upload-Offset", "0"))

    def upload_chunk(self, upload_id: int, offset: int, data: bytes) -> tuple[int, dict | None]:
        """PATCH `data` at `offset`: (the hub's offset after it, the upload's state or None when the
        hub answered 409 with its own offset: carry on from there)."""
        r = self._answer("PATCH", f"/api/v1/attachments/{int(upload_id)}", content=data,
                         headers={"Upload-Offset": str(int(offset)),
                                  "Content-Type": "application/offset+octet-stream"})
        if r.status_code == 409 and r.headers.get("Upload-Offset") is not None:
            return int(r.headers["Upload-Offset"]), None
        state = self._result(r)
        return int(r.headers.get("Upload-Offset", state.get("offset", 0))), state

    def download(self, attachment_id: int) -> bytes:
        r = self._answer("GET", f"/api/v1/attachments/{int(attachment_id)}/content")
        if r.status_code >= 300:
            self._result(r)
        return r.content

    def markets(self) -> list[dict]:
        return self.request("GET", "/api/v1/markets")

    def create_market(self, name: str) -> dict:
        return self.request("POST", "/api/v1/markets", json={"name": name})

    def join_market(self, market_id: int) -> dict:
        return self.request("POST", f"/api/v1/markets/{int(market_id)}/join")

    def leave_market(self, market_id: int) -> dict:
        return self.request("POST", f"/api/v1/markets/{int(market_id)}/leave")

    def announce(self, body: str, market_id: int | None = None, client_id: str | None = None) -> dict:
        """Post an announcement; a repeat of `client_id` returns the first result (posted once)."""
        payload: dict[str, Any] = {"body": body, "market_id": market_id}
        if client_id:
            payload["client_id"] = client_id
        return self.request("POST", "/api/v1/announcements", json=payload)

    def set_reminder(self, to: int, body: str, due: float, client_id: str | None = None,
                     link: str | None = None) -> dict:
        """Set a reminder; a repeat of `client_id` returns the first one (stored once)."""
        payload: dict[str, Any] = {"to": int(to), "body": body, "due": float(due)}
        if client_id:
            payload["client_id"] = client_id
        if link:
            payload["link"] = link
        return self.request("POST", "/api/v1/reminders", json=payload)
