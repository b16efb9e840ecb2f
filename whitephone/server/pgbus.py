"""Cross-process fan-out for hubs sharing one PostgreSQL: LISTEN/NOTIFY on one channel."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable

import psycopg

log = logging.getLogger(__name__)
CHANNEL = "whitephone_hub"


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


class PgBus:
    """Publishes JSON events to every hub process and hands the others' events to `handler`."""

    def __init__(self, url: str, handler: Callable[[dict], None]) -> None:
        self._dsn, self._handler = _dsn(url), handler
        self._stop = threading.Event()
        self._pub = psycopg.connect(self._dsn, autocommit=True)
        self._pub_lock = threading.Lock()
        self._listen = psycopg.connect(self._dsn, autocommit=True)
        self._listen.execute(f"LISTEN {CHANNEL}")
        self._thread = threading.Thread(target=self._run, name="pgbus", daemon=True)
        self._thread.start()

    def publish(self, event: dict) -> None:
        payload = json.dumps(event)
        with self._pub_lock:
            self._pub.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                for note in self._listen.notifies(timeout=0.5):
                    try:
                        self._handler(json.loads(note.payload))
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
        self._stop.set()
        self._thread.join(5)
        self._listen.close()
        self._pub.close()
