"""`whitephone presence set STATUS [--note TEXT]`: my status on the Online Monitor."""

from __future__ import annotations

import argparse

from whitephone.commands import fail
from whitephone.commands.hub_common import emit, hub_context, hub_fail
from whitephone.sync.engine import PRESENCE_STATUSES
from whitephone.sync.hub_client import HubError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    s = sub.add_parser("set", help="set my status (kept in the profile; sent on every connection)")
    s.add_argument("status", choices=PRESENCE_STATUSES)
    s.add_argument("--note", default="", help="a short note shown with the status (≤ 200 characters)")


def run(args: argparse.Namespace) -> int:
    if len(args.note) > 200:
        return fail("The note is longer than 200 characters.")
    with hub_context(args) as ctx:
        try:
            ctx.session.ensure()
        except HubError as exc:
            return hub_fail(exc)
        ctx.app.profile.set("presence", {"status": args.status, "note": args.note})
        ctx.engine.set_presence(args.status, args.note)
        ctx.engine.start(sync=False)
        if not ctx.engine.wait_connected(10):
            return hub_fail(HubError("unreachable", "Could not connect to the hub's live channel."))
        emit({"status": args.status, "note": args.note})
    return 0
