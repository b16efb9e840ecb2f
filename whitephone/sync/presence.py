"""The hub's live channel (WebSocket) of one session: my presence out; colleagues' and accepted
contacts' presence in (the roster of the Online Monitor); the hub's "changed" hints in.

Runs on its own thread (`run`), reconnecting with backoff; a refused connection (an expired
access token) refreshes the tokens first. Plain callbacks, no Qt.
"""

from __future__ import annotations

import json
import logging
import math
import random
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

from whitephone.protocol import strictjson
from whitephone.sync.hub_client import HubClient, HubError
from whitephone.sync.session import Session

log = logging.getLogger(__name__)

PRESENCE_STATUSES = ("online", "away", "busy", "dnd", "invisible")
SHOWN_STATUSES = ("online", "away", "busy", "dnd", "offline")  # what others see (invisible: offline)


def _decode(raw: str | bytes) -> Any:
    """One frame from the hub as JSON; None (logged) for a frame that is not strict JSON (nested
    too deep, NaN, not UTF-8, ...): skipped, the connection goes on."""
    try:
        return strictjson.loads(raw)
    except strictjson.BadJson as exc:
        log.info("hub frame skipped: %s", exc.reason)
        return None


def _user_id(value: Any) -> int | None:
    """A user id as the hub sends it: a JSON integer (true is no id)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _time(value: Any) -> float | None:
    """A time stamp (seconds) as the hub sends it, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:  # an integer past any float
        return None
    return seconds if math.isfinite(seconds) else None


@dataclass
class PresenceEntry:
    """One person on the Online Monitor: a colleague or an accepted contact."""

    user_id: int
    name: str
    status: str = "offline"  # online | away | busy | dnd | offline
    note: str = ""
    last_seen: float | None = None
    colleague: bool = True

    def to_json(self) -> dict[str, Any]:
        return {"who": self.name, "user_id": self.user_id, "status": self.status, "note": self.note,
                "last_seen": self.last_seen, "colleague": self.colleague}


class LiveChannel:
    """The WebSocket of one session. `on_hint()` is called on every "changed" hint (and after
    each connect, to catch up); `on_roster(entries)` whenever someone's presence changes."""

    open_timeout = 10.0  # seconds to open the WebSocket (through the proxy: the tunnel, then the handshake)

    def __init__(self, session: Session, on_hint: Callable[[], None],
                 on_roster: Callable[[list[PresenceEntry]], None]) -> None:
        self.session = session
        self.on_hint, self.on_roster = on_hint, on_roster
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._ws: Any = None
        self._entries: dict[int, PresenceEntry] = {}
        self._me: int | None = None
        self._account: tuple[Any, Any] = (None, None)  # (hub, user) whose people _entries holds
        self._presence: tuple[str, str] = ("online", "")
        self._sip_contact: str | None = None

    # ------------------------------------------------------------------ what the app asks
    def set_presence(self, status: str, note: str = "") -> None:
        """My status and note (≤ 200 characters): sent now if connected, and on every connect."""
        if status not in PRESENCE_STATUSES:
            raise ValueError(f"status must be one of {', '.join(PRESENCE_STATUSES)}")
        if len(note) > 200:
            raise ValueError("the note is longer than 200 characters")
        self._presence = (status, note)
        self._send_presence()

    @property
    def presence(self) -> tuple[str, str]:
        return self._presence

    def set_sip_contact(self, uri: str | None) -> None:
        """This device's SIP contact (`sip:user@host:port;transport=udp`) for colleagues to call
        it directly; None withdraws it. Sent now if connected, and on every connect."""
        self._sip_contact = uri or None
        self._send({"type": "sip_contact", "uri": self._sip_contact})

    def roster(self) -> list[PresenceEntry]:
        """Everyone but me: online first, then by name."""
        with self._lock:
            return sorted((PresenceEntry(**asdict(e)) for uid, e in self._entries.items() if uid != self._me),
                          key=lambda e: (e.status == "offline", e.name.casefold()))

    @property
    def connected(self) -> bool:
        return self._ws is not None

    def wait_connected(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._ws is not None:
                return True
            time.sleep(0.02)
        return False

    # ------------------------------------------------------------------ the thread
    def new_run(self) -> threading.Event:
        """The stop flag of the next run, made before its thread starts, so a stop() that comes
        before the thread looks is never lost (a run never clears a flag)."""
        self._stop = threading.Event()
        return self._stop

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            ws = self._ws
        if ws is not None:
            try:
                ws.close()
            except Exception:  # already closing
                pass

    def run(self, stop: threading.Event | None = None) -> None:
        """Connect and reconnect until `stop` (from `new_run()`) is set."""
        from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException
        from websockets.sync.client import connect

        stop = stop or self.new_run()
        failures = 0
        while not stop.is_set():
            try:
                client = self.session.ensure()
                self._load_people(client)
                url = client.ws_url()
                tls = {"ssl": client.verify} if isinstance(client.verify, ssl.SSLContext) else {}
                # through the user's proxy as the HTTP requests go (never websockets' own reading
                # of the environment, which knows neither tls.proxy nor NTLM)
                sock = client.open_socket(timeout=self.open_timeout)
                way = {"sock": sock, "server_hostname": urlsplit(url).hostname} if sock else {"proxy": None}
                with connect(url, open_timeout=self.open_timeout, close_timeout=2, max_size=2**22, **tls, **way) as ws:
                    with self._lock:
                        self._ws = ws
                    if stop.is_set():  # stopped while connecting: stop() saw no socket to close
                        break
                    failures = 0
                    self._send_presence()
                    if self._sip_contact:
                        self._send({"type": "sip_contact", "uri": self._sip_contact})
                    self.on_hint()  # catch up with what changed while we were away
                    for raw in ws:
                        event = _decode(raw)
                        if event is not None:
                            self._on_event(event)
                    code = ws.close_code
                if code == 4401:
                    client.refresh()  # the access token expired: a new pair, then reconnect
            except InvalidStatus as exc:  # refused at the door: most likely an expired token
                log.debug("sync WebSocket refused: %s", exc)
                try:
                    self.session.ensure().refresh()
                except HubError as err:
                    log.debug("token refresh for the WebSocket failed: %s", err)
            except (HubError, OSError, ConnectionClosed, WebSocketException, ValueError) as exc:
                log.debug("sync WebSocket: %s", exc)
            finally:
                with self._lock:
                    self._ws = None
                self._all_offline()
            failures += 1
            stop.wait(min(30.0, 0.25 * 2 ** min(failures, 7)) * random.uniform(0.8, 1.2))

    def _send_presence(self) -> None:
        status, note = self._presence
        self._send({"type": "presence", "status": status, "note": note})

    def _send(self, event: dict) -> None:
        with self._lock:
            ws = self._ws
        if ws is not None:
            try:
                ws.send(json.dumps(event))
            except Exception as exc:  # closing: what matters is sent again on reconnect
                log.info("%s not sent (%s); sent again on reconnect", event.get("type"), exc)

    def _load_people(self, client: HubClient) -> None:
        """The company's people from the hub (names; statuses come with the hello). Another account
        signed in on this profile starts from none of the last one's people; a colleague no longer in
        the company leaves the roster."""
        users = client.users()
        people = {}
        for u in users if isinstance(users, list) else []:
            uid = _user_id(u.get("id")) if isinstance(u, dict) else None
            if uid is not None:
                name = u.get("name")
                people[uid] = (name if isinstance(name, str) and name else f"user {uid}", _time(u.get("last_seen")))
        with self._lock:
            account = (self.session.info.get("url"), self.session.info.get("user_id"))
            if account != self._account:
                self._entries.clear()
                self._account = account
            self._me = _user_id(account[1])
            for uid in [uid for uid, e in self._entries.items() if e.colleague and uid not in people]:
                del self._entries[uid]
            for uid, (name, last_seen) in people.items():
                e = self._entries.get(uid)
                if e is None or not e.colleague:
                    self._entries[uid] = PresenceEntry(uid, name, last_seen=last_seen)
                else:
                    e.name = name

    def _on_event(self, event: Any) -> None:
        if not isinstance(event, dict):  # not ours to read (a newer hub, a proxy's page): skipped
            log.info("hub event skipped: %.80r", event)
            return
        kind = event.get("type")
        if kind in ("changed", "message"):  # a message: the worker pulls the inbox now
            self.on_hint()
        elif kind == "hello":
            with self._lock:
                self._me = _user_id(event.get("user_id")) or self._me
            people = event.get("presence")
            for p in people if isinstance(people, list) else []:
                if isinstance(p, dict):
                    self._update(p, tell=False)
            self.on_roster(self.roster())
        elif kind == "presence":
            self._update(event)
        elif kind == "contact_request":
            self.on_roster(self.roster())
            self.on_hint()  # the worker stores it as a message (Messages tab)
        elif kind == "error":
            log.info("hub says: %.200s", event.get("reason"))

    def _update(self, p: dict, tell: bool = True) -> None:
        """One person's presence as the hub tells it; a field of the wrong type counts as absent."""
        uid = _user_id(p.get("user_id"))
        if uid is None:
            return
        status, note = p.get("status"), p.get("note")
        with self._lock:
            e = self._entries.get(uid)
            if e is None:  # an accepted contact of another company (the hub sends no name)
                e = self._entries[uid] = PresenceEntry(uid, f"user {uid}", colleague=False)
            e.status = status if status in SHOWN_STATUSES else "offline"
            e.note = note[:200] if isinstance(note, str) else ""
            if "last_seen" in p:
                e.last_seen = _time(p["last_seen"])
        if tell:
            self.on_roster(self.roster())

    def _all_offline(self) -> None:
        with self._lock:
            had = any(e.status != "offline" for e in self._entries.values())
            for e in self._entries.values():
                e.status = "offline"
        if had:
            self.on_roster(self.roster())
