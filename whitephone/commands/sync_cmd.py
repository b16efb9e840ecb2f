"""`whitephone sync [--once]`: push the outbox and pull the hub's changes, headless."""

from __future__ import annotations

import argparse
import signal
import threading

from whitephone.commands.hub_common import emit, hub_context, hub_fail
from whitephone.sync.hub_client import HubError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true",
                        help="push and pull until idle, print one JSON summary and exit")
    parser.add_argument("--interval", type=float, default=30.0, metavar="S",
                        help="without --once: pull at least every S seconds (hints come at once)")


def run(args: argparse.Namespace) -> int:
    with hub_context(args) as ctx:
        if args.once:
            try:
                s = ctx.engine.sync_once()
            except HubError as exc:
                return hub_fail(exc)
            emit({"pushed": s.pushed, "pulled": s.pulled, "conflicts": s.conflicts, "rejected": s.rejected})
            return 0
        try:
            ctx.session.ensure()
        except HubError as exc:
            return hub_fail(exc)
        done = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: done.set())
        ctx.engine.pull_interval = args.interval
        ctx.engine.add_listener("status", lambda st: emit(st.to_json()))
        presence = ctx.app.profile.get("presence") or {}
        if presence.get("status"):
            ctx.engine.set_presence(presence["status"], presence.get("note", ""))
        ctx.engine.start()
        seen = ctx.app.profile.settings_path.stat().st_mtime if ctx.app.profile.settings_path.exists() else 0
        while not done.wait(1.0):
            # `whitephone presence set` in another process writes the profile: follow it
            path = ctx.app.profile.settings_path
            mtime = path.stat().st_mtime if path.exists() else 0
            if mtime != seen:
                seen = mtime
                p = ctx.app.profile._read_settings().get("presence") or {}
                if p.get("status") and (p["status"], p.get("note", "")) != ctx.engine.presence:
                    ctx.engine.set_presence(p["status"], p.get("note", ""))
    return 0
