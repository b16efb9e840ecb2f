"""The GUI's side of the engine: starts the engine process, sends commands, delivers events.

Plain Python (no Qt, no pjsua2): the engine runs as `whitephone agent --ipc` in a child
process, so a crash in pjsip never takes the window or the store down, and no GIL-holding work
in the GUI can make the audio stutter. Events arrive on a reader thread; the Qt layer turns them
into signals. If the engine dies, the client reports `engine_died` and starts a new one.

Supervision: every command carries a request id (`req`), and the engine's `ok`/`error` reply
carries it back, so a failure is matched to its command, never guessed from its text. A
heartbeat (`ping`, answered by `pong` from the engine's pump loop) finds an engine that is alive
but hung (stopped, deadlocked in pjsip): it is killed and restarted like a crashed one. Restarts
are budgeted (`max_restarts` in a row); an engine that ran healthy for `healthy_s` gets the
whole budget back.
"""

from __future__ import annotations

import itertools
import json
import logging
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence

from whitephone.selfcmd import whitephone_command

log = logging.getLogger(__name__)

Listener = Callable[[dict], None]


class EngineClient:
    def __init__(self, on_event: Listener, args: Sequence[str] = (), restart: bool = True,
                 max_restarts: int = 5, stderr_path: str | None = None, heartbeat_s: float = 2.0,
                 hung_after_s: float = 15.0, healthy_s: float = 120.0) -> None:
        self.on_event = on_event
        # the engine's stderr goes to a file: an undrained pipe would block a chatty engine
        self.stderr_path = stderr_path or tempfile.mkstemp(prefix="wp-engine-", suffix=".log")[1]
        self.args = list(args)
        self.restart = restart
        self.max_restarts = max_restarts
        self.restarts = 0
        self.proc: subprocess.Popen | None = None
        self.ready: dict | None = None
        self._lock = threading.Lock()
        self._stopping = False
        self._ready_event = threading.Event()
        self.heartbeat_s, self.hung_after_s, self.healthy_s = heartbeat_s, hung_after_s, healthy_s
        self._req = itertools.count(1)
        self._spawned_at = 0.0
        self._last_pong = 0.0
        self._hung: subprocess.Popen | None = None  # the process the heartbeat killed
        self._heartbeat: threading.Thread | None = None

    def start_async(self) -> None:
        """Start the engine without waiting; `ready` (or `error`) arrives as an event."""
        self._stopping = False
        self._spawn()

    def start(self, timeout: float = 15.0) -> dict:
        """Start the engine and wait for its `ready` event (bound address, URI)."""
        self.start_async()
        if not self._ready_event.wait(timeout):
            raise RuntimeError("the SIP engine did not start in time")
        if self.ready is None or self.ready.get("event") != "ready":
            raise RuntimeError(f"the SIP engine could not start: {self.ready}")
        return self.ready

    def _spawn(self) -> None:
        self._ready_event.clear()
        cmd = whitephone_command("agent", "--ipc", *self.args)
        with open(self.stderr_path, "ab") as err:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=err, text=True, bufsize=1)
        self.proc = proc
        self._spawned_at = self._last_pong = time.monotonic()
        threading.Thread(target=self._read, args=(proc,), name="wp-engine-reader", daemon=True).start()
        if self.heartbeat_s and (self._heartbeat is None or not self._heartbeat.is_alive()):
            self._heartbeat = threading.Thread(target=self._beat, name="wp-engine-heartbeat", daemon=True)
            self._heartbeat.start()

    def _beat(self) -> None:
        """Ping the engine; kill one that has not answered for `hung_after_s` (the reader then
        reports it dead and restarts it). Counts from the last pong or the spawn, so a slow
        start-up on a busy machine gets the same allowance."""
        while not self._stopping:
            time.sleep(self.heartbeat_s)
            proc = self.proc
            if proc is None or proc.poll() is not None or self._stopping:
                continue
            if time.monotonic() - self._last_pong > self.hung_after_s:
                log.warning("the SIP engine (pid %s) has not answered for %.0f s; restarting it",
                            proc.pid, self.hung_after_s)
                self._hung = proc
                proc.kill()  # SIGKILL also ends a stopped process
                continue
            try:
                self.send("ping")
            except (RuntimeError, OSError):
                pass  # it is dying: the reader reports it

    def _read(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                log.warning("engine said something that is not JSON: %r", line[:200])
                continue
            if event.get("event") == "pong":
                if proc is self.proc:
                    self._last_pong = time.monotonic()
                continue  # the heartbeat's business only
            if event.get("event") in ("ready", "error") and not self._ready_event.is_set():
                self.ready = event
                self._ready_event.set()
            self._deliver(event)
        code = proc.wait()
        if proc is not self.proc or self._stopping:
            return
        self._ready_event.set()
        stderr = self._stderr_tail()
        if time.monotonic() - self._spawned_at >= self.healthy_s:
            self.restarts = 0  # it ran well for a good while: this is a new trouble, not a loop
        restarting = self.restart and self.restarts < self.max_restarts
        self._deliver({"event": "engine_died", "code": code, "stderr": stderr, "hung": self._hung is proc,
                       "restarting": restarting})
        if restarting:
            self.restarts += 1
            time.sleep(min(2.0, 0.2 * self.restarts))
            self._spawn()

    def _stderr_tail(self, size: int = 500) -> str:
        try:
            with open(self.stderr_path, "rb") as f:
                f.seek(max(0, f.seek(0, 2) - size))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def _deliver(self, event: dict) -> None:
        try:
            self.on_event(event)
        except Exception:  # noqa: BLE001 - a listener bug must not kill the reader
            log.exception("engine event listener failed on %s", event)

    def send(self, cmd: str, **params) -> int:
        """Send a command (see docs/cli.md, "Engine commands"); returns its request id, which
        the engine's `ok` or `error` reply carries as `req`."""
        with self._lock:
            if self.proc is None or self.proc.poll() is not None:
                raise RuntimeError("the SIP engine is not running")
            req = next(self._req)
            try:
                self.proc.stdin.write(json.dumps({"cmd": cmd, **params, "req": req}) + "\n")
                self.proc.stdin.flush()
            except (OSError, ValueError) as exc:  # the pipe broke: it died just now
                raise RuntimeError(f"the SIP engine is not running ({exc})") from None
            return req

    def restart_with(self, args: Sequence[str]) -> None:
        """Stop the engine cleanly and start it again with `args` (blocks while it shuts down)."""
        self.stop()
        self.args = list(args)
        self.restarts = 0
        self.start_async()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping = True
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            self.send("quit")
            proc.wait(timeout)
        except (RuntimeError, OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
