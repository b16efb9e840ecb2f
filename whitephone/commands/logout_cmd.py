"""`whitephone logout`: push what waits, end this session on the hub and forget its tokens here."""

from __future__ import annotations

import argparse
import json
import sys

from whitephone.commands.hub_common import emit, hub_context

# signed out, but changes made here are not on the hub yet (they wait for this account)
EXIT_CHANGES_WAITING = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", type=float, default=5.0, metavar="S",
                        help="push the changes still waiting for at most S seconds first (default 5; 0: do not push)")
    parser.add_argument("--everywhere", action="store_true",
                        help="end every session of this account, on every computer")


def run(args: argparse.Namespace) -> int:
    with hub_context(args) as ctx:
        info = ctx.session.info
        if not info.get("url"):
            waiting = 0
        elif args.wait > 0:
            waiting = ctx.engine.final_push(args.wait)
        else:
            waiting = ctx.session.waiting_changes()
        ctx.session.logout(everywhere=args.everywhere)
        emit({"signed_out": bool(info.get("url")), "hub": info.get("url", ""), "waiting": waiting})
    if waiting:
        who = info.get("email", "this account")
        print(json.dumps({"error": f"{waiting} change{'s' if waiting != 1 else ''} made here "
                                   f"{'are' if waiting != 1 else 'is'} not on the hub yet; "
                                   f"{'they go' if waiting != 1 else 'it goes'} when {who} signs in again "
                                   "on this profile.", "kind": "changes_waiting", "waiting": waiting},
                         ensure_ascii=False), file=sys.stderr)
        return EXIT_CHANGES_WAITING
    return 0
