"""`whitephone keyring-helper` (hidden): the OS keyring for the window, in a process of its own.

The window starts it at its first keyring request (whitephone/keyring_process.py) so that it never
imports `keyring` and its backend itself. One request a line on stdin, one answer a line on stdout:

    {"op": "get" | "set" | "delete", "service": S, "username": U, "password": P (set only)}
    {"ok": true, "value": P or null}  |  {"ok": false, "error": "why (never the secret)"}

It exits on EOF or after --idle-timeout seconds without a request. Nothing it logs (stderr: the
profile's logs/keyring-helper.log) holds a secret or a request's text.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
import time

from whitephone.keyring_process import IDLE_TIMEOUT_S, OPS, KeyringFailed, local_call

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--idle-timeout", type=float, default=IDLE_TIMEOUT_S, metavar="S",
                        help=f"exit after S seconds without a request (default {IDLE_TIMEOUT_S:g})")


def run(args: argparse.Namespace) -> int:
    # the answers go out on a private copy of stdout; whatever else writes to fd 1 (a backend's
    # print, a program it runs) lands in the log instead of being taken for an answer
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    try:
        return serve(sys.stdin, answers, args.idle_timeout)
    except KeyboardInterrupt:  # Ctrl+C in the window's terminal reaches its children too
        return 130


def serve(requests, answers, idle_timeout_s: float) -> int:
    """Answer the requests one at a time until EOF; exit the process after `idle_timeout_s` idle."""
    state = threading.Lock()
    busy = False
    last = time.monotonic()
    parent = os.getppid()

    def watchdog() -> None:
        # the main thread waits in readline, which nothing portable interrupts: this thread ends
        # the process (every answer is flushed already; a request read in the same instant is
        # lost, and the window asks a new helper again). The window gone (closed while a backend
        # call waits on an unlock prompt, or crashed): no one is left to answer, end now.
        while True:
            time.sleep(min(1.0, idle_timeout_s / 4))
            if os.getppid() != parent:
                os._exit(0)
            with state:
                if not busy and time.monotonic() - last >= idle_timeout_s:
                    os._exit(0)

    threading.Thread(target=watchdog, name="wp-keyring-idle", daemon=True).start()
    while True:
        line = requests.readline()
        if not line:
            return 0
        with state:
            busy = True
        reply = answer(line)
        answers.write(json.dumps(reply) + "\n")
        answers.flush()
        with state:
            busy = False
            last = time.monotonic()


def answer(line: str) -> dict:
    try:
        request = json.loads(line)
        op, service, username = request["op"], request["service"], request["username"]
        password = request.get("password")
        if op not in OPS or not isinstance(service, str) or not isinstance(username, str) \
                or not isinstance(password, (str, type(None))):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        log.warning("a request that is not one (not logged)")
        return {"ok": False, "error": "the keyring helper could not read the request"}
    try:
        return {"ok": True, "value": local_call(op, service, username, password)}
    except KeyringFailed as exc:
        return {"ok": False, "error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - a backend's own error: a failure for the window, not the end
        log.warning("keyring %s failed: %s", op, type(exc).__name__)
        return {"ok": False, "error": f"the keyring failed ({type(exc).__name__})"}
