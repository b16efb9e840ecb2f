"""`SyncEngine`: the client's half of the sync protocol (docs/api.md "Sync"), no Qt.

One worker thread pushes the outbox in order and pulls the change feed; a second thread holds
the hub's WebSocket (`presence.LiveChannel`: its "changed" hints wake the worker at once;
presence comes and goes on it). Local writes never wait for either: the store writes the row and its outbox row in one
transaction, and the worker notices (`kick()`, or its own look at the outbox every half
second).

Listeners are plain callbacks, called on the engine's threads (the Qt layer turns them into
signals):
- "changed": `(entity, uids)` after rows from the hub were applied locally;
- "status": `(SyncStatus)` whenever the state, the outbox or the error changes;
- "presence": `(list[PresenceEntry])` when anyone's status on the roster changes.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any

from whitephone.store import Store
from whitephone.store.sync_state import ApplyResult, PushItem
from whitephone.sync.entities import SYNCED, ready
from whitephone.sync.hub_client import HubClient, HubError
from whitephone.sync.message_sync import MessageSync
from whitephone.sync.presence import PRESENCE_STATUSES, LiveChannel, PresenceEntry
from whitephone.sync.session import Session

__all__ = ["PRESENCE_STATUSES", "PresenceEntry", "SyncEngine", "SyncStatus", "SyncSummary"]

log = logging.getLogger(__name__)

RETRYABLE = ("unreachable", "proxy", "server", "rate_limited")


@dataclass
class SyncStatus:
    """What the status bar shows. `state`: online, syncing, offline or signed_out."""

    state: str
    user: str = ""
    hub: str = ""
    outbox: int = 0
    conflicts: int = 0
    rejected: int = 0
    last_sync: float | None = None  # epoch seconds of the last completed round
    last_error: str | None = None
    cursor: int = 0
    messages_waiting: int = 0  # messages composed here, not yet on the hub

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SyncSummary:
    """Counts of one `sync_once` (the CLI prints it)."""

    pushed: int = 0  # mutations the hub answered
    pulled: int = 0  # rows from the hub applied here (our own changes echoed back not counted)
    conflicts: int = 0
    rejected: int = 0
    messages_sent: int = 0
    messages_failed: int = 0
    messages_received: int = 0

    def add(self, r: ApplyResult) -> None:
        self.conflicts += r.conflicts
        self.rejected += r.rejected


class SyncEngine:
    """Push, pull and presence for one signed-in session. Start it with `start()`, or drive it
    by hand with `sync_once()` (the CLI's `sync --once` and the tests)."""

    def __init__(self, store: Store, session: Session, *, pull_interval: float = 30.0,
                 page: int = 5000, websocket: bool = True) -> None:
        self.store, self.session = store, session
        self.pull_interval, self.page, self.use_websocket = pull_interval, page, websocket
        self._listeners: dict[str, list[Callable[..., None]]] = {"changed": [], "status": [], "presence": []}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()  # one round at a time (worker vs. sync_once)
        self._threads: list[threading.Thread] = []
        self._state = "offline"
        self._last_sync: float | None = None
        self._last_error: str | None = None
        self._failures = 0
        self.live = LiveChannel(session, self.kick, lambda roster: self._emit("presence", roster))
        self.messages = MessageSync(store)
        store.messages.on_queued.append(self.kick)  # a message composed in this process goes at once
        self.requests = 0  # HTTP requests of finished rounds (benchmarks)

    # ------------------------------------------------------------------ listeners and status
    def add_listener(self, event: str, callback: Callable[..., None]) -> None:
        """Call `callback` on "changed" (entity, uids), "status" (SyncStatus) or "presence"
        (list[PresenceEntry]). Callbacks run on the engine's threads and must not block."""
        self._listeners[event].append(callback)

    def remove_listener(self, event: str, callback: Callable[..., None]) -> None:
        self._listeners[event].remove(callback)

    def _emit(self, event: str, *args: Any) -> None:
        for cb in list(self._listeners[event]):
            try:
                cb(*args)
            except Exception:  # a listener's bug must not stop sync
                log.exception("sync listener for %r failed", event)

    def status(self) -> SyncStatus:
        """The current state, read from the store (cheap: a few counts)."""
        info = self.session.info
        sync = self.store.sync
        state = self._state
        if not info.get("url") or info.get("signed_out"):
            state = "signed_out"
        return SyncStatus(state=state, user=info.get("email", ""), hub=info.get("url", ""),
                          outbox=sync.outbox_count(), conflicts=sync.conflict_count(),
                          rejected=len(sync.rejections(unseen_only=True)), last_sync=self._last_sync,
                          last_error=self._last_error, cursor=sync.cursor,
                          messages_waiting=self.store.messages.outbox_count())

    def _set_state(self, state: str, error: str | None = None) -> None:
        changed = (state, error) != (self._state, self._last_error)
        self._state, self._last_error = state, error
        if changed:
            self._emit("status", self.status())

    # ------------------------------------------------------------------ running
    def start(self, sync: bool = True) -> None:
        """Start the worker and the WebSocket threads (`sync=False`: presence only)."""
        if self._threads:
            return
        # fresh stop flags per run, made before the threads start: a stop() right after start()
        # is seen however late the threads begin, and a run that outlives stop() never un-stops
        self._stop = stop = threading.Event()
        if sync:
            self._threads.append(threading.Thread(target=self._run, args=(stop,), name="sync-worker", daemon=True))
        if self.use_websocket:
            self._threads.append(threading.Thread(target=self.live.run, args=(self.live.new_run(),),
                                                  name="sync-ws", daemon=True))
        for t in self._threads:
            t.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the threads; an unfinished push stays in the outbox for next time."""
        self._stop.set()
        self._wake.set()
        self.live.stop()
        for t in self._threads:
            t.join(timeout)
        self._threads = []

    def kick(self) -> None:
        """Something changed locally (or the hub said so): run a round now."""
        self._wake.set()

    def _run(self, stop: threading.Event) -> None:
        """The worker: a round on a kick, on a new outbox row, or when the timer is due; after
        a failure the timer is the backoff (a kick still tries at once: the user acted)."""
        head = -1
        next_round = 0.0
        backing_off = False
        while not stop.is_set():
            woke = self._wake.wait(0.5)
            if stop.is_set():
                break
            try:
                new_head = (self.store.sync.outbox_head(), self.store.messages.pending_mark())
            except Exception:  # store closed under us
                log.exception("sync worker cannot read the outbox")
                new_head = head
            due = time.monotonic() >= next_round
            if not (woke or due or (new_head != head and not backing_off)):
                continue
            self._wake.clear()
            head = new_head
            try:
                self.sync_once()
                backing_off = False
                next_round = time.monotonic() + self.pull_interval
            except HubError as exc:
                backing_off = True
                next_round = time.monotonic() + (self._backoff() if exc.kind in RETRYABLE + ("bad_credentials",)
                                                 else self.pull_interval)
            except Exception as exc:  # a bug: keep the engine alive, say what happened
                log.exception("sync round failed")
                self._set_state("offline", f"internal error: {exc}")
                backing_off = True
                next_round = time.monotonic() + self._backoff()

    def _backoff(self) -> float:
        """Exponential backoff with jitter: 1, 2, 4 ... seconds, capped at a minute."""
        self._failures += 1
        return min(60.0, 0.5 * 2 ** min(self._failures, 7)) * random.uniform(0.8, 1.2)

    # ------------------------------------------------------------------ one round
    def sync_once(self, max_rounds: int = 1000) -> SyncSummary:
        """Push the outbox and pull the feed until both are idle; raises HubError (the status
        says offline / signed_out with the message)."""
        total = SyncSummary()
        with self._lock:
            try:
                client = self.session.ensure()
                self._set_state("syncing", None)
                before = client.requests
                for _ in range(max_rounds):
                    pushed = self._push(client, total)
                    pulled = self._pull(client, total)
                    if not pushed and not pulled:
                        break
                self._crm_types(client)
                self._messages(client, total)
                self.requests += client.requests - before
            except HubError as exc:
                state = "signed_out" if exc.kind in ("bad_credentials", "disabled") else "offline"
                self._set_state(state, str(exc))
                raise
            self._failures = 0
            self._last_sync = time.time()
            self._set_state("online", None)
        return total

    def _crm_types(self, client: HubClient) -> None:
        """Keep the company's CRM record types, asked at most every 10 minutes (an older hub
        without them: the defaults stay)."""
        if time.monotonic() - getattr(self, "_types_at", -1e9) < 600:
            return
        try:
            types = client.crm_types()
        except HubError as exc:
            if exc.status in (404, 405):
                return
            raise
        self._types_at = time.monotonic()
        if types != self.store.crm.types():
            self.store.crm.set_types(types)

    def _messages(self, client: HubClient, total: SyncSummary) -> None:
        """Send queued messages, tell the hub what was read or emptied from the trash, pull the inbox."""
        counts = self.messages.run(client)
        total.messages_sent += counts["sent"]
        total.messages_failed += counts["failed"]
        total.messages_received += counts["received"]
        if any(counts.values()):
            self._emit("changed", "message", [])

    def final_push(self, wait: float = 5.0) -> int:
        """Before signing out: push what waits in the outbox, for at most `wait` seconds (the
        push goes on in the background if it is slow; the outbox stays consistent). Returns how
        many changes still wait: they belong to this account and go when it signs in again."""
        sync = self.store.sync
        if not sync.outbox_count():
            return 0
        done = threading.Event()

        def push() -> None:
            try:
                with self._lock:
                    self._push(self.session.ensure(), SyncSummary())
            except Exception as exc:  # offline, signed out elsewhere...: the changes stay waiting
                log.info("final push before sign-out failed: %s", exc)
            finally:
                done.set()

        threading.Thread(target=push, name="sync-final-push", daemon=True).start()
        done.wait(wait)
        return sync.outbox_count()

    def _push(self, client: HubClient, total: SyncSummary) -> int:
        sent = 0
        sync = self.store.sync
        while True:
            items = sync.prepare_push(ready=ready)
            if not items:
                return sent
            good = []
            for item in items:
                entity = SYNCED.get(item.mutation["entity"])
                if entity is not None:  # hub-owned fields (a CRM task number) are the hub's to write
                    item.mutation["fields"] = entity.wire_fields(item.mutation.get("fields") or {})
                problem = entity.problem(item.mutation["fields"]) if entity else "not synced"
                if problem:
                    sync.reject_locally(item, problem)
                    total.rejected += 1
                else:
                    good.append(item)
            if not good:
                continue
            results = self._send(client, good, total)
            res = sync.settle_push(good, results)
            total.add(res)
            total.pushed += len(results)
            sent += len(results)
            self._changed(res)
            self._emit("status", self.status())

    def _send(self, client: HubClient, items: list[PushItem], total: SyncSummary) -> list[dict]:
        try:
            return client.mutations([i.mutation for i in items])
        except HubError as exc:
            if exc.kind != "invalid":
                raise
            if len(items) == 1:  # the hub refuses this one mutation: keep it as a rejection
                self.store.sync.reject_locally(items[0], str(exc))
                total.rejected += 1
                return []
        # the hub refused the batch as a whole: find the culprit one by one
        out: list[dict] = []
        for item in items:
            out.extend(self._send(client, [item], total))
        return out

    def _pull(self, client: HubClient, total: SyncSummary) -> int:
        """Pull the feed from the cursor until the hub has no more. The next page is fetched
        while this one is applied (the hub and the store work at the same time)."""
        sync = self.store.sync
        rules = {name: e.merge for name, e in SYNCED.items()}
        got = 0
        with ThreadPoolExecutor(1, thread_name_prefix="sync-fetch") as pool:
            ahead = pool.submit(client.changes, sync.cursor, self.page)
            while True:
                try:
                    feed = ahead.result()
                except HubError as exc:
                    if exc.kind != "resync_required":
                        raise
                    got += self._resync(client, total, rules)
                    ahead = pool.submit(client.changes, sync.cursor, self.page)
                    continue
                if feed["more"]:
                    ahead = pool.submit(client.changes, feed["next"], self.page)
                res = sync.apply_remote(feed["changes"], feed["next"], rules, feed.get("conflicts"))
                total.add(res)
                got += len(feed["changes"])
                total.pulled += sum(len(u) for u in res.changed.values())
                self._changed(res)
                if not feed["more"]:
                    return got

    def _resync(self, client: HubClient, total: SyncSummary, rules: dict[str, str]) -> int:
        """Full resync: replace the synced rows by the hub's snapshot, keep local-only ones,
        then continue the feed from the snapshot's head."""
        log.info("full resync from the hub's snapshot")
        sync = self.store.sync
        unseen = sync.synced_keys()
        after, head, got = None, None, 0
        while True:
            page = client.snapshot(after, self.page)
            if head is None:
                head = int(page["head"])
            res = sync.apply_remote(page["records"], None, rules)
            total.add(res)
            total.pulled += sum(len(u) for u in res.changed.values())
            self._changed(res)
            for r in page["records"]:
                unseen.discard((r["entity"], r["id"]))
            got += len(page["records"])
            after = page.get("after")
            if not page.get("more"):
                break
        self._changed(sync.drop_unseen(unseen))
        sync.set("cursor", str(head or 0))
        return got

    def _changed(self, res: ApplyResult) -> None:
        for entity, uids in res.changed.items():
            if uids:
                self._emit("changed", entity, list(uids))

    # ------------------------------------------------------------------ messages (blocking: call off the UI thread)
    def fetch_attachment(self, message_id: int):
        """The local Path of a message's voice/video mail, downloaded from the hub the first time;
        HubError offline, MessageError when it has none."""
        return self.messages.fetch_attachment(self.session.ensure(), message_id)

    def answer_contact_request(self, message_id: int, accept: bool):
        """Accept or decline the contact request shown as message `message_id`; the updated Message."""
        out = self.messages.answer_contact_request(self.session.ensure(), message_id, accept)
        self.kick()
        return out

    def markets(self) -> list[dict]:
        """The company's markets: [{id, name, members, joined}]."""
        return self.messages.markets(self.session.ensure())

    def join_market(self, name: str) -> dict:
        return self.messages.join_market(self.session.ensure(), name)

    def leave_market(self, name: str) -> dict:
        return self.messages.leave_market(self.session.ensure(), name)

    # ------------------------------------------------------------------ conflicts and rejections
    def conflicts(self):
        """Open conflicts (entity, uid, field, base, local, server) for the review dialog."""
        return self.store.sync.conflicts()

    def resolve_conflict(self, conflict_id: int, keep_local: bool) -> None:
        """Close a conflict: keep the hub's value, or write mine back (pushed like any edit)."""
        self.store.sync.resolve_conflict(conflict_id, keep_local)
        self.kick()

    def rejections(self, unseen_only: bool = False):
        """Local changes the hub refused, with the reason (never dropped silently)."""
        return self.store.sync.rejections(unseen_only)

    def mark_rejections_seen(self) -> None:
        """The user has seen the rejections (the status stops counting them)."""
        self.store.sync.mark_rejections_seen()
        self._emit("status", self.status())

    # ------------------------------------------------------------------ presence
    def set_presence(self, status: str, note: str = "") -> None:
        """My status (online, away, busy, dnd, invisible) and note (≤ 200 characters), sent now
        if connected and again on every reconnect; ValueError for a bad one."""
        self.live.set_presence(status, note)

    @property
    def presence(self) -> tuple[str, str]:
        return self.live.presence

    def set_sip_contact(self, uri: str | None) -> None:
        """Publish this device's SIP contact (colleagues call it directly); None withdraws it."""
        self.live.set_sip_contact(uri)

    def roster(self) -> list[PresenceEntry]:
        """Colleagues and accepted contacts with their status, note and last seen (not me)."""
        return self.live.roster()

    @property
    def connected(self) -> bool:
        """True while the live channel (WebSocket) is up."""
        return self.live.connected

    def wait_connected(self, timeout: float = 10.0) -> bool:
        """Block until the live channel is up (tests, the CLI)."""
        return self.live.wait_connected(timeout)
