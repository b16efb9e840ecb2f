"""What the hub commands (register, login, logout, sync, status, presence, monitor) share:
opening the profile's session and engine, reading a password, exit codes for hub errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from whitephone.app import App
from whitephone.sync.engine import SyncEngine
from whitephone.sync.hub_client import HubError
from whitephone.sync.session import Session

# exit status per HubError kind: 3 = the hub cannot be used now, 4 = the account is refused
EXIT_CODES = {"unreachable": 3, "proxy": 3, "certificate": 3, "server": 3, "bad_credentials": 4, "disabled": 4,
              "rate_limited": 4, "invalid": 2, "resync_required": 3, "profile_in_use": 2}


def add_sign_in_arguments(parser, password_help: str, remember_help: str) -> None:
    """The options `login` and `register` share: hub, e-mail, password on stdin, certificate, the
    other account's data, remembering the session."""
    parser.add_argument("--server", required=True, metavar="URL", help="the hub's address")
    parser.add_argument("--email", required=True)
    parser.add_argument("--password-stdin", action="store_true", required=True, help=password_help)
    parser.add_argument("--ca-file", metavar="PEM", help="trust this certificate for the hub (an office hub's own)")
    parser.add_argument("--discard-local", action="store_true",
                        help="this profile holds another account's data: remove it from this computer first "
                             "(its changes not yet on the hub are lost)")
    parser.add_argument("--no-remember", action="store_true", help=remember_help)


def hub_fail(exc: HubError) -> int:
    """Print {"error": message, "kind": kind} on stderr; the exit status for the kind."""
    print(json.dumps({"error": str(exc), "kind": exc.kind}, ensure_ascii=False), file=sys.stderr)
    return EXIT_CODES.get(exc.kind, 1)


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def read_password() -> str:
    """The first line of stdin (so a password never shows in the process list)."""
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


@dataclass
class HubContext:
    app: App
    session: Session
    engine: SyncEngine


@contextmanager
def hub_context(args) -> Iterator[HubContext]:
    app = App.open(args.profile)
    session = Session(app.profile, app.store)
    engine = SyncEngine(app.store, session)
    try:
        yield HubContext(app, session, engine)
    finally:
        engine.stop()
        if session.client is not None:
            session.client.close()
        app.close()
