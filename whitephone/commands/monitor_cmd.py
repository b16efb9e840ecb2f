"""`whitephone monitor`: colleagues and accepted contacts online (JSON lines), live."""

from __future__ import annotations

import argparse
import signal
import threading

from whitephone.commands.hub_common import emit, hub_context, hub_fail
from whitephone.sync.hub_client import HubError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="print everyone once and exit")


def run(args: argparse.Namespace) -> int:
    with hub_context(args) as ctx:
        try:
            ctx.session.ensure()
        except HubError as exc:
            return hub_fail(exc)
        first = threading.Event()
        streaming = threading.Event()  # after the first listing: print each change
        done = threading.Event()
        last: dict[int, dict] = {}
        lock = threading.Lock()

        def on_presence(roster) -> None:
            with lock:
                for e in roster:
                    row = e.to_json()
                    if last.get(e.user_id) != row:
                        last[e.user_id] = row
                        if streaming.is_set() and not done.is_set():
                            emit(row)
            first.set()

        ctx.engine.add_listener("presence", on_presence)
        presence = ctx.app.profile.get("presence") or {}
        if presence.get("status"):
            ctx.engine.set_presence(presence["status"], presence.get("note", ""))
        ctx.engine.start(sync=False)
        if not first.wait(15):
            return hub_fail(HubError("unreachable", "Could not connect to the hub's live channel."))
        with lock:
            for row in sorted(last.values(), key=lambda r: (r["status"] == "offline", r["who"].casefold())):
                emit(row)
            if args.once:
                done.set()
                return 0
            streaming.set()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: done.set())
        done.wait()
    return 0
