"""Slow and greedy clients: read time-outs and a connection cap per address for `whitephone server`.

uvicorn closes a connection idle between requests (`timeout_keep_alive`) and can refuse everyone
past a global `limit_concurrency`, but it puts no time limit on reading a request and counts
nothing per client: a header trickled one byte at a time held a connection as long as the client
liked, and one address could open them by the thousand. Its HTTP protocol class is the place to
add both (uvicorn takes a class as `http=`), as nginx does with `client_header_timeout` and
`client_body_timeout`:

- header time-out: the request line and headers must be complete within `header_timeout` seconds
  of the connection opening or of the previous response (else 408 and the connection is closed);
- body time-out: while a request body is read, the client may pause at most `body_timeout` seconds
  between two reads (time the app takes to read what arrived is not counted against the client);
- per address: at most `per_address` connections still speaking HTTP from one address (0: no cap);
  more are answered 503 and closed. A WebSocket leaves the count when it is upgraded: the app
  authenticates it at once and closes it otherwise.

Behind a reverse proxy every client has the proxy's address: raise the cap or set it to 0 there.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

from whitephone.server.gctune import http_protocol

log = logging.getLogger(__name__)

_TIMED_OUT = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
_BUSY = b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


def guarded_http_protocol(header_timeout: float, body_timeout: float, per_address: int) -> type:
    """uvicorn's HTTP protocol (gctune's variant) with the time-outs and per-address cap above."""
    base = http_protocol()
    open_by_address: Counter[str] = Counter()  # one per server: protocols all run on its loop

    class GuardedHttpProtocol(base):
        _address: str | None = None
        _timer: asyncio.TimerHandle | None = None
        _reading_body = False

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            address = self.client[0] if self.client else None
            if address is not None and per_address and open_by_address[address] >= per_address:
                log.info("refused a connection from %s: %d open already", address, per_address)
                transport.write(_BUSY)
                transport.close()
                return
            if address is not None:
                open_by_address[address] += 1
                self._address = address
            self._arm(header_timeout)

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            self._leave()
            super().connection_lost(exc)

        def handle_websocket_upgrade(self) -> None:
            self._disarm()
            self._leave()
            super().handle_websocket_upgrade()

        def on_headers_complete(self) -> None:
            super().on_headers_complete()
            self._reading_body = True  # until on_message_complete, which comes at once without a body
            self._arm(body_timeout)

        def on_body(self, body: bytes) -> None:
            super().on_body(body)
            self._arm(body_timeout)

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._reading_body = False
            self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.pipeline and not self.transport.is_closing():
                self._reading_body = False
                self._arm(header_timeout)  # the next request's headers

        def _arm(self, seconds: float) -> None:
            self._disarm()
            self._timer = self.loop.call_later(seconds, self._timed_out)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _leave(self) -> None:
            if self._address is not None:
                open_by_address[self._address] -= 1
                if open_by_address[self._address] <= 0:
                    del open_by_address[self._address]
                self._address = None

        def _timed_out(self) -> None:
            self._timer = None
            if self.transport.is_closing():
                return
            if self._reading_body:
                if self.flow.read_paused or getattr(self.cycle, "waiting_for_100_continue", False):
                    self._arm(body_timeout)  # the app has not taken what arrived (or asked for it): not the client's delay
                    return
                log.info("closed a connection from %s: no request body bytes for %.0f s", self.client, body_timeout)
            else:
                log.info("closed a connection from %s: no complete request header in %.0f s", self.client,
                         header_timeout)
                if self.cycle is None or self.cycle.response_complete:
                    self.transport.write(_TIMED_OUT)
            self.transport.close()

    return GuardedHttpProtocol
