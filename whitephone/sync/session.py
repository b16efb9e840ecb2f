"""The signed-in session of a profile: which hub, which user, the tokens.

Kept in the profile: hub URL, e-mail, user and company (settings "hub"); the access token only
in memory; the refresh token in the OS keyring when "remember me" is on (per hub and e-mail, so
profiles of different hubs never share one). A profile's local store syncs with one hub and
user: signing in as another user or to another hub is refused while it holds the first one's
synced data or changes waiting to be pushed (use another profile folder, or sign in again as
that user; `discard_local` removes that data first, only when the user asks), so the data of two
accounts never mix and one account's outbox is never pushed under another.
"""

from __future__ import annotations

import logging
from typing import Any

from whitephone.profile import Profile
from whitephone.store import Store
from whitephone.sync.file_lock import file_lock
from whitephone.sync.hub_client import HubClient, HubError, Tokens, canonical_hub, normalize_url, same_hub

log = logging.getLogger(__name__)

SETTINGS_KEY = "hub"


def proxy_setting(profile: Profile) -> str:
    from whitephone.core import http_proxy

    return http_proxy.setting(profile)


def hub_key(url: str, user_id: int) -> str:
    return f"{canonical_hub(url)}#{user_id}"


def _same_key(a: str, b: str) -> bool:
    """Two hub keys of one hub and user (keys written before loopback names were unified too)."""
    (ua, _, ia), (ub, _, ib) = a.rpartition("#"), b.rpartition("#")
    return ia == ib and same_hub(ua, ub)


class Session:
    """Sign in, out and back in (from the keyring) for one profile and its store."""

    def __init__(self, profile: Profile, store: Store, *, verify: bool | str = True) -> None:
        self.profile, self.store, self.verify = profile, store, verify
        self.client: HubClient | None = None
        self._remember = True

    # ------------------------------------------------------------------ what we know
    @property
    def info(self) -> dict[str, Any]:
        """{url, email, user_id, name, company_id, company, remember} of the last sign-in, or {}."""
        value = self.profile.get(SETTINGS_KEY) or {}
        return dict(value) if isinstance(value, dict) else {}

    @property
    def signed_in(self) -> bool:
        return self.client is not None and self.client.tokens is not None

    def _secret_name(self, url: str, email: str) -> str:
        return f"hub-refresh:{normalize_url(url)}|{email.strip().lower()}"

    # ------------------------------------------------------------------ sign in / out
    def register(self, url: str, company: str, name: str, email: str, password: str,
                 remember: bool = True, ca_file: str | None = None,
                 discard_local: bool = False) -> dict[str, Any]:
        """Register a new company on the hub (its first user is admin) and sign in.
        `ca_file`: a certificate to trust for this hub (an office hub's own), remembered.
        The profile is checked first: nothing is created on the hub when it would be refused."""
        self._check_profile(url, None, discard_local)
        client = self._client(url, ca_file=ca_file)
        client.register(company, name, email, password)
        return self._signed_in(client, email, remember, ca_file, discard_local)

    def login(self, url: str, email: str, password: str, remember: bool = True,
              ca_file: str | None = None, discard_local: bool = False) -> dict[str, Any]:
        """Sign in; HubError (bad_credentials, disabled, unreachable, certificate, ...) otherwise.
        `discard_local`: the profile holds another account's data: remove it first (asked for)."""
        self._check_profile(url, email, discard_local)
        client = self._client(url, ca_file=ca_file)
        client.login(email, password)
        return self._signed_in(client, email, remember, ca_file, discard_local)

    def waiting_changes(self) -> int:
        """Local changes not yet on the hub (the outbox)."""
        return self.store.sync.outbox_count()

    def _check_profile(self, url: str, email: str | None, discard_local: bool) -> None:
        """Refuse (before asking the hub) to sign in as another account than the one whose data
        the profile holds; `email` None: a new account (register)."""
        info, sync = self.info, self.store.sync
        if discard_local or not sync.get("hub_key") or not sync.holds_account_data():
            return
        same = (info.get("url") and same_hub(info["url"], url) and email is not None
                and info.get("email", "").strip().lower() == email.strip().lower())
        if not same:
            raise self._held_error()

    def _held_error(self) -> HubError:
        info, sync = self.info, self.store.sync
        held_url = info.get("url") or (sync.get("hub_key") or "").split("#")[0]
        who = f"{info['email']} on {held_url}" if info.get("email") else held_url
        waiting = sync.outbox_count()
        unsent = (f" including {waiting} change{'s' if waiting != 1 else ''} not yet sent to the hub"
                  if waiting else "")
        return HubError("profile_in_use", f"This profile holds the data of {who}{unsent}. Sign in as that "
                                          "account again, use another profile folder, or choose to discard "
                                          "that data on this computer first.")

    def resume(self) -> bool:
        """Sign in again with the remembered refresh token. False when there is none (or it no
        longer works: the user must sign in); HubError when the hub cannot be reached."""
        info = self.info
        if not info.get("url") or not info.get("remember"):
            return False
        # another process of this profile may be swapping the token (under the refresh lock): a
        # keyring whose file is rewritten in place has none for that moment
        with self._refresh_lock():
            token = self.profile.get_secret(self._secret_name(info["url"], info["email"]))
        if not token:
            return False
        client = self._client(info["url"], Tokens("", token))
        self._remember = True
        client.on_tokens = self._keep_tokens
        try:
            client.refresh()
        except HubError as exc:
            if exc.kind == "bad_credentials":
                self.profile.delete_secret(self._secret_name(info["url"], info["email"]))
                return False
            raise
        self.client = client
        return True

    def ensure(self) -> HubClient:
        """The signed-in client, resuming from the keyring if needed; HubError if not signed in."""
        if self.signed_in:
            assert self.client is not None
            return self.client
        if self.resume():
            assert self.client is not None
            return self.client
        raise HubError("bad_credentials", "Not signed in: run `whitephone login` (or sign in in the window).")

    def logout(self, everywhere: bool = False) -> None:
        """Revoke this session's tokens on the hub (`everywhere`: every session of the user; best
        effort: offline, they expire) and forget them here. The profile keeps the hub, the user,
        the synced data and any changes still waiting (see `waiting_changes`); never raises."""
        info = self.info
        client = self.client
        if client is None and info.get("url"):
            try:
                self.resume()
                client = self.client
            except HubError:
                client = None
        if client is not None:
            try:
                client.logout(everywhere)
            except HubError as exc:
                log.info("logout on the hub failed (%s); tokens dropped here", exc)
            client.close()
        self.client = None
        if info.get("url"):
            self.profile.delete_secret(self._secret_name(info["url"], info.get("email", "")))
            self.profile.set(SETTINGS_KEY, {**info, "signed_out": True})

    def move_hub(self, new_url: str) -> None:
        """The same hub answers at a new address (the embedded hub had to change port): keep
        the session, the remembered token and the synced data."""
        info = self.info
        if not info.get("url"):
            return
        new_url = normalize_url(new_url)
        if new_url == info["url"]:
            return
        token = self.profile.get_secret(self._secret_name(info["url"], info["email"]))
        self.profile.delete_secret(self._secret_name(info["url"], info["email"]))
        self.profile.set(SETTINGS_KEY, {**info, "url": new_url})
        if token:
            self.profile.set_secret(self._secret_name(new_url, info["email"]), token)
        self.store.sync.set("hub_key", hub_key(new_url, info["user_id"]))
        if self.client is not None:
            tokens = self.client.tokens
            self.client.close()
            self.client = self._client(new_url, tokens)
            self.client.on_tokens = self._keep_tokens

    def forgot_password(self, url: str, email: str) -> None:
        """Ask the hub to mail a password-reset link (it always says yes)."""
        client = self._client(url)
        try:
            client.forgot_password(email)
        finally:
            client.close()

    # ------------------------------------------------------------------ internals
    def _client(self, url: str, tokens: Tokens | None = None, ca_file: str | None = None) -> HubClient:
        info = self.info
        remembered = info.get("ca_file") if info.get("url") == normalize_url(url) else None
        verify = ca_file or remembered or self.verify
        return HubClient(url, tokens, verify=verify, stored_refresh=self._stored_refresh,
                         refresh_lock=self._refresh_lock,
                         proxy=self.proxy_setting)

    def _refresh_lock(self):
        """Held while a refresh token is used and its successor stored, by every process of the
        profile (one use each: two at once would end the session)."""
        return file_lock(self.profile.root / "hub-refresh.lock")

    def proxy_setting(self) -> str:
        """The profile's HTTP proxy (core/http_proxy.py, as the SIP relay; "" for the system's), read
        for every new connection to the hub, so a change applies without signing in again."""
        return proxy_setting(self.profile)

    def _stored_refresh(self) -> str | None:
        info = self.info
        if not info.get("url") or not info.get("remember"):
            return None
        return self.profile.get_secret(self._secret_name(info["url"], info["email"]))

    def _keep_tokens(self, tokens: Tokens | None) -> None:
        info = self.info
        if tokens is not None and self._remember and info.get("url"):
            self.profile.set_secret(self._secret_name(info["url"], info["email"]), tokens.refresh_token)

    def _signed_in(self, client: HubClient, email: str, remember: bool, ca_file: str | None = None,
                   discard_local: bool = False) -> dict[str, Any]:
        try:
            me = client.me()
            try:
                got = client.company()
                company = got.get("name", "")
            except HubError:
                got, company = {}, ""
            key = hub_key(client.base_url, me["id"])
            sync = self.store.sync
            held = sync.get("hub_key")
            if held and not _same_key(held, key) and sync.holds_account_data():
                if not discard_local:
                    raise self._held_error()
                removed = sync.discard_account_data()
                log.info("signed in as another account: %d rows of the previous one removed", removed)
            if not held or not _same_key(held, key):
                sync.forget_hub()
                if held:  # another account's messages are never shown to this one
                    self.store.messages.forget_all()
            if held != key:
                sync.set("hub_key", key)
            sync.set("user_id", str(me["id"]))  # who "I" am to the store (the opener of a CRM record)
            sync.set("user_name", str(me.get("name") or ""))
            if got.get("voice_mail_seconds"):  # the company's longest voice/video mail (compose, CLI)
                self.store.messages.set_voice_mail_seconds(got["voice_mail_seconds"])
        except HubError:
            client.close()
            raise
        info = {"url": client.base_url, "email": me["email"], "user_id": me["id"], "name": me["name"],
                "company_id": me["company_id"], "company": company, "remember": remember}
        if ca_file:
            info["ca_file"] = str(ca_file)
        self.profile.set(SETTINGS_KEY, info)
        self._remember = remember
        if self.client is not None and self.client is not client:
            self.client.close()
        self.client = client
        client.on_tokens = self._keep_tokens
        if client.tokens is not None:
            self._keep_tokens(client.tokens)
        self.store.sync.ensure_company_book(company or "Company")
        return info
