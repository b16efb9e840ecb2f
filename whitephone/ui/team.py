"""The team side of the window: sign-in state, the sync engine and presence, as Qt signals.

`Team` owns no network code: it runs the session, the local office and hub requests on its own
worker thread (`wp-hub`) and turns the sync engine's listeners (called on the engine's threads)
into queued signals, so the main thread never waits on the hub.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

from whitephone.sync.engine import PresenceEntry, SyncStatus
from whitephone.sync.hub_client import HubError
from whitephone.ui.tasks import Worker
from whitephone.ui.user_errors import error_text

log = logging.getLogger(__name__)
SIGN_OUT_PUSH_WAIT = 5.0  # seconds a sign-out waits for the last changes to reach the hub

SOUND_TEST_ID = -1  # the echo service's row in the Online Monitor (no hub user)
PHONE_BASE = -1000  # rows of address-book contacts (phone only): PHONE_BASE - contact id


def phone_contact_id(row_id: int) -> int | None:
    """The address-book contact of a phone-only row, or None for a hub user / the Sound Test."""
    return PHONE_BASE - row_id if row_id <= PHONE_BASE else None
AWAY_AFTER_MINUTES = 10


class Team(QObject):
    """Signed-in session + sync engine + presence of one App, for the widgets."""

    statusChanged = Signal(object)  # SyncStatus
    rosterChanged = Signal(list)  # list[PresenceEntry], the Sound Test and phone-only rows included
    signedIn = Signal(dict)  # session info
    signedOut = Signal()
    firstRunNeeded = Signal()
    failed = Signal(str, str)  # kind, message (resuming a session at start-up)
    requestsChanged = Signal(list)  # pending contact requests to me: [{id, from_id, name}]
    dataChanged = Signal(str, list)  # entity, uids applied from the hub
    _to_main = Signal(object)  # (fn, value) from another thread: queued to the main thread

    def __init__(self, app, parent=None) -> None:
        super().__init__(parent)
        self.app = app
        self.worker = Worker("wp-hub")
        self._roster: list[PresenceEntry] = []
        self.sound_test_uri: str | None = None  # the echo service's address, once it runs
        self.sound_test_on = False  # offered (signed in to this computer's own hub)
        self._sound_test_waiting: list[Callable[[list[str]], None]] = []
        self._echo = None
        self._listening = False
        self.auto_away = False
        self._names: dict[int, str] = {}
        self._to_main.connect(self._deliver)
        self._requests_timer = QTimer(self, interval=60000)  # contact requests: also a minute apart
        self._requests_timer.timeout.connect(self.refresh_requests)

    # ------------------------------------------------------------------ helpers
    @Slot(object)
    def _deliver(self, job: tuple) -> None:
        job[0](job[1])

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None) -> None:
        """Run `fn` on the hub worker; the callbacks run on the main thread."""
        self.worker.submit(fn, on_done, on_error or (lambda exc: log.info("hub task failed: %s", exc)))

    @property
    def signed_in(self) -> bool:
        return self.app.session.signed_in

    @property
    def local(self) -> bool:
        """Signed in to this profile's own hub."""
        office = self.app.office
        return office.configured and self.app.session.info.get("url", "").endswith(f":{office.port}")

    def status(self) -> SyncStatus:
        return self.app.sync.status()

    # ------------------------------------------------------------------ start-up and sign-in
    def start(self) -> None:
        """At start-up: sign in again (own hub, or the remembered company hub), or ask (first run)."""
        info = self.app.session.info
        if self.app.office.configured and (not info or self.local) and not info.get("signed_out"):
            self.run(lambda: self.app.office.sign_in(self.app.session), self._after_resume, self._resume_failed)
        elif info.get("url") and info.get("remember") and not info.get("signed_out"):
            self.run(self.app.session.resume, self._after_resume, self._resume_failed)
        else:
            self.firstRunNeeded.emit()
        self.statusChanged.emit(self.status())

    def _after_resume(self, ok) -> None:
        if ok:
            self.signed_in_now(self.app.session.info)
        else:
            self.firstRunNeeded.emit()

    def _resume_failed(self, exc: BaseException) -> None:
        kind = exc.kind if isinstance(exc, HubError) else "unreachable"
        if kind in ("unreachable", "proxy") and self.app.session.info.get("url"):
            # offline-first: keep working on the local data; the engine retries until the hub is back
            self._start_engine()
        self.failed.emit(kind, error_text(exc))
        self.statusChanged.emit(self.status())

    def sign_in(self, url: str, email: str, password: str, remember: bool,
                on_error: Callable[[BaseException], None], discard_local: bool = False) -> None:
        def work() -> dict:
            self.app.session.verify = True  # a company hub: the system's trusted certificates
            return self.app.session.login(url, email, password, remember, discard_local=discard_local)

        self.run(work, self.signed_in_now, on_error)

    def register(self, url: str, company: str, name: str, email: str, password: str, remember: bool,
                 on_error: Callable[[BaseException], None]) -> None:
        def work() -> dict:
            self.app.session.verify = True
            return self.app.session.register(url, company, name, email, password, remember)

        self.run(work, self.signed_in_now, on_error)

    def create_office(self, name: str, company: str, email: str,
                      on_error: Callable[[BaseException], None]) -> None:
        office, session = self.app.office, self.app.session

        def work() -> dict:
            if office.configured:  # this profile has its office hub already: sign in to it again
                info = office.sign_in(session)
                if info is None:
                    raise HubError("bad_credentials", "The office hub no longer knows this computer's "
                                                      "password; sign in with your e-mail and password.")
                return info
            return office.create(session, name, company, email)

        self.run(work, self.signed_in_now, on_error)

    def forgot_password(self, url: str, email: str, on_done: Callable[[Any], None],
                        on_error: Callable[[BaseException], None]) -> None:
        self.run(lambda: self.app.session.forgot_password(url, email), on_done, on_error)

    def signed_in_now(self, info: dict) -> None:
        self._start_engine()
        if self.local:  # offered now, started on its first call (its engine process is ~38 MiB)
            self.sound_test_on = True
            self.rosterChanged.emit(self.roster())
        self._requests_timer.start()
        self.signedIn.emit(dict(info or self.app.session.info))
        self.statusChanged.emit(self.status())
        self.refresh_requests()

    def _start_engine(self) -> None:
        sync = self.app.sync
        if not self._listening:
            sync.add_listener("status", lambda st: self._to_main.emit((self.statusChanged.emit, st)))
            sync.add_listener("presence", self._presence)
            sync.add_listener("changed", lambda entity, uids: self._to_main.emit(
                (lambda args: self.dataChanged.emit(*args), (entity, list(uids)))))
            self._listening = True
        sync.start()

    def sign_out(self, on_done: Callable[[Any], None] | None = None,
                 confirm: Callable[[int], bool] | None = None) -> None:
        """Push what waits (a few seconds at most), then sign out. When changes still wait,
        `confirm(count)` (on the main thread) decides: False keeps the user signed in."""
        def pushed(waiting: int) -> None:
            if waiting and confirm is not None and not confirm(waiting):
                return
            self.run(work, done, lambda exc: done())

        def work() -> None:
            self.app.sync.stop()
            self.app.session.logout()

        def done(_=None) -> None:
            self._requests_timer.stop()
            self.stop_sound_test()
            self._roster = []
            self.rosterChanged.emit(self.roster())
            self.statusChanged.emit(self.status())
            self.signedOut.emit()
            if on_done:
                on_done(None)

        self.run(lambda: self.app.sync.final_push(SIGN_OUT_PUSH_WAIT), pushed, lambda exc: pushed(
            self.app.session.waiting_changes()))

    def shutdown(self) -> None:
        self.worker.stop()
        if self._echo is not None:  # at exit: wait for the echo service to end (no orphan process)
            echo, self._echo = self._echo, None
            echo.stop()

    # ------------------------------------------------------------------ presence
    def _presence(self, roster: list[PresenceEntry]) -> None:  # engine thread
        self._to_main.emit((self._set_roster, roster))

    def _set_roster(self, roster: list[PresenceEntry]) -> None:
        known = self.app.profile.get("people_names") or {}
        for e in roster:
            if not e.colleague and str(e.user_id) in known:  # the engine knows colleagues' names only
                e.name = known[str(e.user_id)]
            self._names[e.user_id] = e.name
        self._roster = list(roster)
        self.rosterChanged.emit(self.roster())

    def remember_names(self, people: list[dict]) -> None:
        """Names of people outside the company (directory answers), for their monitor rows."""
        known = dict(self.app.profile.get("people_names") or {})
        new = {str(p["id"]): p["name"] for p in people if p.get("id") is not None and p.get("name")}
        if any(known.get(k) != v for k, v in new.items()):
            self.app.profile.set("people_names", {**known, **new})

    def roster(self) -> list[PresenceEntry]:
        """What the Online Monitor shows: the Sound Test, colleagues and contacts (hidden ones not)."""
        hidden = set(self.app.profile.get("monitor_hidden") or [])
        rows = [e for e in self._roster if e.user_id not in hidden]
        if self.sound_test_on or self.sound_test_uri:
            rows.insert(0, PresenceEntry(SOUND_TEST_ID, self.tr("Sound Test"), "online",
                                         self.tr("Call to hear yourself"), time.time(), colleague=False))
        for cid in self.app.profile.get("monitor_contacts") or []:
            c = self.app.store.contacts.get(cid)
            if c is not None:
                number = c.phones[0].number if c.phones else ""
                rows.append(PresenceEntry(PHONE_BASE - cid, c.best_display_name(), "phone", number,
                                          None, colleague=False))
        return rows

    def add_phone_contact(self, contact_id: int) -> None:
        """Show an address-book contact on the monitor (phone only: called on their number)."""
        ids = list(self.app.profile.get("monitor_contacts") or [])
        if contact_id not in ids:
            self.app.profile.set("monitor_contacts", ids + [contact_id])
        self.rosterChanged.emit(self.roster())

    def hide(self, user_id: int) -> None:
        cid = phone_contact_id(user_id)
        if cid is not None:
            ids = [i for i in self.app.profile.get("monitor_contacts") or [] if i != cid]
            self.app.profile.set("monitor_contacts", ids)
        else:
            hidden = set(self.app.profile.get("monitor_hidden") or [])
            hidden.add(user_id)
            self.app.profile.set("monitor_hidden", sorted(hidden))
        self.rosterChanged.emit(self.roster())

    def unhide_all(self) -> None:
        """Bring back everyone removed from the monitor."""
        self.app.profile.set("monitor_hidden", [])
        self.rosterChanged.emit(self.roster())

    def set_presence(self, status: str, note: str = "", auto: bool = False) -> None:
        self.auto_away = auto
        self.app.sync.set_presence(status, note)  # a WebSocket send: fast, never waits on the network

    def publish_sip_contact(self, uri: str | None) -> None:
        self.app.sync.set_sip_contact(uri)

    # ------------------------------------------------------------------ people
    def find_people(self, q: str, on_done: Callable[[list], None], on_error) -> None:
        def found(people: list[dict]) -> None:
            self.remember_names(people)
            on_done(people)

        self.run(lambda: self.app.session.ensure().directory(q), found, on_error)

    def send_request(self, user_id: int, on_done, on_error) -> None:
        self.run(lambda: self.app.session.ensure().send_contact_request(int(user_id)), on_done, on_error)

    def answer_request(self, request_id: int, accept: bool, on_done=None, on_error=None) -> None:
        self.run(lambda: self.app.session.ensure().answer_contact_request(int(request_id), accept),
                 lambda _r: (self.refresh_requests(), on_done and on_done(_r)), on_error)

    def refresh_requests(self) -> None:
        def work() -> list[dict]:
            client = self.app.session.ensure()
            me = self.app.session.info.get("user_id")
            pending = [r for r in client.contact_requests() if r["to_id"] == me and r["status"] == "pending"]
            # a request carries ids only (the hub has no name lookup for outsiders): names we met
            known = self.app.profile.get("people_names") or {}
            for r in pending:
                r["name"] = (known.get(str(r["from_id"])) or self._names.get(r["from_id"])
                             or QCoreApplication.translate("Team", "A WhitePhone user (no. %s)") % r["from_id"])
            return pending

        self.run(work, self.requestsChanged.emit)

    # ------------------------------------------------------------------ calls
    def sip_targets(self, user_id: int, on_done: Callable[[list[str]], None], on_error) -> None:
        """Where a call to this person goes: the Sound Test's address, or the SIP contacts their
        online devices published through the hub, most recently seen first (empty when none is
        online; a call rings them all)."""
        if user_id == SOUND_TEST_ID:
            if self.sound_test_uri or not self.sound_test_on:
                on_done([self.sound_test_uri] if self.sound_test_uri else [])
            else:  # its first call: start the echo service, call it once it answers
                self._sound_test_waiting.append(on_done)
                self.start_sound_test()
            return

        def work() -> list[str]:
            contacts = self.app.session.ensure().sip_contacts(user_id)
            contacts.sort(key=lambda c: c.get("seen") or 0, reverse=True)
            return list(dict.fromkeys(c["uri"] for c in contacts))

        self.run(work, on_done, on_error)

    # ------------------------------------------------------------------ the Sound Test (echo service)
    def start_sound_test(self) -> None:
        """`whitephone agent --echo` on 127.0.0.1, answering at once: call it to hear yourself."""
        if self._echo is not None:
            return
        from whitephone.sip.client import EngineClient

        def event(ev: dict) -> None:  # reader thread
            if ev.get("event") == "ready":
                self._to_main.emit((self._sound_test_ready, ev))
            elif ev.get("event") in ("engine_died", "error") and self.sound_test_uri is None:
                self._to_main.emit((self._sound_test_failed, ev))

        self._echo = EngineClient(event, ["--echo", "--answer", "--no-audio", "--listen", "127.0.0.1:0"],
                                  stderr_path=str(self.app.profile.logs_dir / "sound-test.log"))
        self._echo.start_async()

    def _sound_test_ready(self, ev: dict) -> None:
        self.sound_test_uri = f"sip:soundtest@{ev['address']}"
        self.rosterChanged.emit(self.roster())
        waiting, self._sound_test_waiting = self._sound_test_waiting, []
        for on_done in waiting:
            on_done([self.sound_test_uri])

    def _sound_test_failed(self, _ev: dict) -> None:
        waiting, self._sound_test_waiting = self._sound_test_waiting, []
        for on_done in waiting:
            on_done([])  # the caller says the person cannot be reached now

    def stop_sound_test(self) -> None:
        self.sound_test_on = False
        self._sound_test_failed({})
        if self._echo is not None:
            echo, self._echo = self._echo, None
            self.sound_test_uri = None
            import threading

            threading.Thread(target=echo.stop, name="wp-echo-stop", daemon=True).start()


class IdleAway(QObject):
    """Sets me Away after N minutes without keyboard or mouse in the app, and back on activity
    (only when it was this that set Away)."""

    def __init__(self, team: Team, minutes: float = AWAY_AFTER_MINUTES, parent=None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.team, self.minutes, self.clock = team, minutes, clock
        self.last_activity = clock()
        self.timer = QTimer(self, interval=15000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                            QEvent.Type.Wheel):
            self.activity()
        return False

    def activity(self) -> None:
        self.last_activity = self.clock()
        if self.team.auto_away:
            self.team.set_presence("online", self.team.app.sync.presence[1])

    def check(self) -> None:
        if not self.minutes or not self.team.signed_in:
            return
        status, note = self.team.app.sync.presence
        if status == "online" and self.clock() - self.last_activity >= self.minutes * 60:
            self.team.set_presence("away", note, auto=True)
