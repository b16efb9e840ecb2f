"""The OS keyring, in this process or through a short-lived helper process.

The window is a long-lived tray app that reads the keyring a few times (the hub's session token and
the accounts' passwords at start and sign-in, a password saved in Preferences). `keyring` and its
backend stay imported once used: ~2.7 MiB with the keyrings.alt file backend, ~10 MiB with the
Secret Service backend of a Linux desktop (secretstorage imports cryptography). So the window asks
`whitephone keyring-helper` (whitephone/commands/keyring_helper_cmd.py) instead: a child process
started at the first request that answers one JSON line per request on stdin/stdout and exits on
EOF or after `idle_timeout_s` without a request; the next request starts it again.

Secrets travel on the pipes only: never on the command line, in the environment or in a log.
Short CLI commands keep `local_call` (the keyring in their own process).
"""

from __future__ import annotations

import json
import logging
import queue
import subprocess
import threading
import time

from whitephone.selfcmd import whitephone_command

log = logging.getLogger(__name__)

OPS = ("get", "set", "delete")
IDLE_TIMEOUT_S = 20.0  # the helper exits this long after its last answer
# a desktop keyring may show an unlock prompt and wait for the user: long, but not forever
ANSWER_TIMEOUT_S = 180.0


class KeyringFailed(Exception):
    """The keyring (or its helper) could not do it. The message says why, without the secret."""


class HelperUnavailable(Exception):
    """The helper process cannot be started at all (the caller then uses the keyring itself)."""


def local_call(op: str, service: str, username: str, password: str | None = None) -> str | None:
    """One keyring operation in this process: get -> the password or None; set, delete -> None.
    KeyringFailed when no keyring works (a delete of a missing entry is no failure)."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if op == "get":
            return keyring.get_password(service, username)
        if op == "set":
            keyring.set_password(service, username, password or "")
        elif op == "delete":
            keyring.delete_password(service, username)
        else:
            raise ValueError(f"unknown keyring operation {op!r}")
    except PasswordDeleteError:
        pass  # nothing saved under that name
    except (KeyringError, RuntimeError) as exc:
        raise KeyringFailed(str(exc) or type(exc).__name__) from None
    return None


_EOF = object()  # the reader's mark: the helper's stdout closed (it exited)


class _Helper:
    """One running helper process and the thread that reads its answers."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.answers: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, name="wp-keyring-reader", daemon=True).start()

    def _read(self) -> None:
        try:
            for line in self.proc.stdout:
                self.answers.put(line)
        except (OSError, ValueError):
            pass
        self.answers.put(_EOF)
        self.proc.wait()  # it is exiting (idle time-out, killed): reaped now, not at the next request

    def send(self, line: str) -> None:
        try:
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
        except (OSError, ValueError):  # it has exited: its stdout says EOF too
            pass

    def stop(self) -> None:
        """Kill it (out of step with us: no answer, or not one we understand) and reap it."""
        if self.proc.poll() is None:
            try:
                self.proc.kill()
            except OSError:
                pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass

    def close(self) -> None:
        """Let it end by itself (EOF on its stdin)."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass


class KeyringProcess:
    """The keyring through `whitephone keyring-helper`, one request at a time (thread-safe: the
    window asks from its worker threads). Started at the first request, started again when it has
    exited (idle time-out, crash, killed). `call` raises KeyringFailed when the keyring or the
    helper fails (it died, answered garbage or nothing within `answer_timeout_s`) and
    HelperUnavailable when the helper cannot be started at all."""

    def __init__(self, stderr_path: str, idle_timeout_s: float = IDLE_TIMEOUT_S,
                 answer_timeout_s: float = ANSWER_TIMEOUT_S, command: list[str] | None = None) -> None:
        self.stderr_path = stderr_path  # the helper's stderr (its warnings; never a secret)
        self.idle_timeout_s = idle_timeout_s
        self.answer_timeout_s = answer_timeout_s
        self.command = command or whitephone_command("keyring-helper", "--idle-timeout", f"{idle_timeout_s:g}")
        self._lock = threading.Lock()
        self._helper: _Helper | None = None
        self.spawned = 0  # helpers started so far (tests)

    def call(self, op: str, service: str, username: str, password: str | None = None) -> str | None:
        if op not in OPS:
            raise ValueError(f"unknown keyring operation {op!r}")
        request = {"op": op, "service": service, "username": username}
        if op == "set":
            request["password"] = password or ""
        line = json.dumps(request) + "\n"  # ASCII (\u escapes): the same bytes whatever the locale
        with self._lock:
            while True:
                helper, fresh = self._running()
                answer = self._ask(helper, line)
                if answer is not _EOF:
                    return self._result(helper, answer)
                code = self._ended(helper)
                if fresh:
                    raise KeyringFailed(f"the keyring helper ended without answering (exit code {code}; "
                                        f"see {self.stderr_path})")
                # it exited as the request came (its idle time-out) or was killed since its last
                # answer: once more with a new one (get, set and delete may be repeated)

    def close(self) -> None:
        """Let a running helper end now (it would after its idle time-out anyway)."""
        with self._lock:
            if self._helper is not None:
                self._helper.close()
                self._helper = None

    # -- internals ------------------------------------------------------------------------
    def _running(self) -> tuple[_Helper, bool]:
        """The helper (started if none runs) and whether it was started just now."""
        helper = self._helper
        if helper is not None and helper.proc.poll() is None:  # poll() reaps one that has ended
            return helper, False
        try:
            with open(self.stderr_path, "ab") as err:
                proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                        text=True, encoding="utf-8", bufsize=1)
        except (OSError, ValueError) as exc:
            self._helper = None
            raise HelperUnavailable(str(exc)) from exc
        self.spawned += 1
        self._helper = _Helper(proc)
        return self._helper, True

    def _ended(self, helper: _Helper) -> int | None:
        """Its exit code, once it has ended (its stdout closed: it is exiting)."""
        self._helper = None
        try:
            return helper.proc.wait(5)
        except subprocess.TimeoutExpired:  # its stdout closed, but it runs on
            helper.stop()
            return helper.proc.returncode

    def _ask(self, helper: _Helper, line: str):
        """The helper's answer line, or _EOF when it ended first. The time-out covers the writing
        too: a stopped helper with a full pipe (a request over 64 KiB) would block it for ever."""
        deadline = time.monotonic() + self.answer_timeout_s
        writer = threading.Thread(target=helper.send, args=(line,), name="wp-keyring-writer", daemon=True)
        writer.start()
        writer.join(self.answer_timeout_s)
        try:
            if writer.is_alive():
                raise queue.Empty
            return helper.answers.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            helper.stop()  # also ends a write still blocked (the pipe breaks)
            self._helper = None
            raise KeyringFailed(f"the keyring helper did not answer within {self.answer_timeout_s:g} s") from None

    def _result(self, helper: _Helper, answer: str) -> str | None:
        try:
            reply = json.loads(answer)
            if not isinstance(reply, dict) or not isinstance(reply.get("ok"), bool):
                raise ValueError("not an answer")
            value = reply.get("value")
            if value is not None and not isinstance(value, str):
                raise ValueError("not a password")
        except ValueError:
            helper.stop()  # out of step: the next request starts a new one
            self._helper = None
            raise KeyringFailed("the keyring helper's answer could not be read") from None
        if not reply["ok"]:
            raise KeyringFailed(str(reply.get("error") or "the keyring failed"))
        return value
