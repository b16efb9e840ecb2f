"""Cross-process fan-out for hubs sharing one PostgreSQL: LISTEN/NOTIFY on one channel.

`publish` only queues the event; one sender thread packs whatever is queued into as few NOTIFYs as
fit (a JSON array per payload, under PostgreSQL's 8 000-byte limit), in order. A reconnect storm
publishes two presence events per socket: one round trip each held up the loop's thread pool.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections.abc import Callable

import psycopg

log = logging.getLogger(__name__)
CHANNEL = "whitephone_hub"
MAX_PAYLOAD = 7900  # NOTIFY refuses 8 000 bytes and more


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def pack(texts: list[str]) -> list[str]:
    """JSON arrays of the events, each under MAX_PAYLOAD (an event too large alone goes alone)."""
    out, part, size = [], [], 2
    for t in texts:
        if part and size + len(t.encode()) + 1 > MAX_PAYLOAD:
            out.append("[" + ",".join(part) + "]")
            part, size = [], 2
        part.append(t)
        size += len(t.encode()) + 1
    if part:
        out.append("[" + ",".join(part) + "]")
    return out


class PgBus:
    """Publishes JSON events to every hub process and hands the others' events to `handler`."""

    def __init__(self, url: str, handler: Callable[[dict], None]) -> None:
        self._dsn, self._handler = _dsn(url), handler
        self._stop = threading.Event()
        self._pub = psycopg.connect(self._dsn, autocommit=True)
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._listen = psycopg.connect(self._dsn, autocommit=True)
        self._listen.execute(f"LISTEN {CHANNEL}")
        self._thread = threading.Thread(target=self._run, name="pgbus", daemon=True)
        self._thread.start()
        self._sender = threading.Thread(target=self._send, name="pgbus-send", daemon=True)
        self._sender.start()

    def publish(self, event: dict) -> None:
        """Queue the event for the other processes (never blocks)."""
        self._outbox.put(json.dumps(event))

    def _send(self) -> None:
        while True:
            text = self._outbox.get()
            if text is None:
                return
            texts = [text]
            stop = False
            while len(texts) < 1000:
                try:
                    text = self._outbox.get_nowait()
                except queue.Empty:
                    break
                if text is None:
                    stop = True
                    break
                texts.append(text)
            for payload in pack(texts):
                self._notify(payload)
            if stop:
                return

    def _notify(self, payload: str) -> None:
        for attempt in range(2):
            try:
                self._pub.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))
                return
            except psycopg.OperationalError:
                if attempt or self._stop.is_set():
                    log.exception("could not publish %d bytes to the other hubs", len(payload))
                    return
                log.warning("publishing connection lost; reconnecting")
                try:
                    self._pub = psycopg.connect(self._dsn, autocommit=True)
                except psycopg.Error:
                    log.exception("PostgreSQL unreachable")
                    return
            except psycopg.Error:  # e.g. one event over the payload limit on its own
                log.exception("could not publish %d bytes to the other hubs", len(payload))
                return

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for note in self._listen.notifies(timeout=0.5):
                    try:
                        events = json.loads(note.payload)
                        for event in events if isinstance(events, list) else [events]:
                            self._handler(event)
                    except Exception:
                        log.exception("bad bus event")
            except psycopg.Error:
                if self._stop.is_set():
                    return
                log.exception("LISTEN connection failed; reconnecting")
                self._stop.wait(1.0)
                try:
                    self._listen = psycopg.connect(self._dsn, autocommit=True)
                    self._listen.execute(f"LISTEN {CHANNEL}")
                except psycopg.Error:
                    log.warning("PostgreSQL still unreachable")

    def close(self) -> None:
        self._outbox.put(None)
        self._sender.join(5)
        self._stop.set()
        self._thread.join(5)
        self._listen.close()
        self._pub.close()
