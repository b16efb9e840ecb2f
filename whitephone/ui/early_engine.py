"""The engine process started while the store is still opening (issue 18, point 3).

On the first-rows path (ui/first_read.py) the store is opened on the write worker after the
first rows are painted; the engine needs only the profile (its listening address, audio and TLS
settings), not the store, so its process is started at the same time instead of after
`MainWindow.attach`: "Call (starting…)" then ends about when the store is up, not a second or
more later. The engine's events that arrive before the call controller exists are kept and
handed to it, in order, when it takes the client over (`hand_over`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable


def engine_args_for(profile) -> list[str]:
    """The engine's start-up arguments from the profile alone (CallController._default_args)."""
    from whitephone.core.accounts import tls_engine_args
    from whitephone.ui.audio_settings import engine_args, load_audio
    from whitephone.ui.network_settings import listen_args

    return [*listen_args(profile), "--log", str(profile.logs_dir / "pjsip.log"),
            *engine_args(load_audio(profile)), *tls_engine_args(profile)]


class EarlyEngine:
    """An EngineClient started before there is anyone to hear its events: they are kept until
    `hand_over` names the listener."""

    def __init__(self, profile) -> None:
        from whitephone.core.recordings import repair_folder
        from whitephone.sip.client import EngineClient

        # before the engine writes anything: recordings a crash cut short get their header back
        self.repaired = repair_folder(profile.recordings_dir)
        self._lock = threading.Lock()
        self._events: list[dict] = []
        self._listener: Callable[[dict], None] | None = None
        self.client = EngineClient(self._heard, engine_args_for(profile),
                                   stderr_path=str(profile.logs_dir / "engine-stderr.log"))

    def start(self) -> None:
        self.client.start_async()

    def _heard(self, event: dict) -> None:  # the client's reader thread
        with self._lock:
            listener = self._listener
            if listener is None:
                self._events.append(event)
                return
        listener(event)

    def hand_over(self, listener: Callable[[dict], None]) -> list[dict]:
        """From now on the events go to `listener`; returns those that came before (in order),
        for the caller to deliver first."""
        with self._lock:
            self._listener = listener
            events, self._events = self._events, []
        return events

    def stop(self) -> None:
        self.client.stop()
