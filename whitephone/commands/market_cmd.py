"""`whitephone market list|join|leave [NAME]`: the company's markets (announcement channels)."""

from __future__ import annotations

import argparse

from whitephone.commands.hub_common import emit, hub_context, hub_fail
from whitephone.sync.hub_client import HubError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="the markets (JSON lines: id, name, members, joined)")
    for name in ("join", "leave", "create"):
        p = sub.add_parser(name, help=f"{name} a market" + (" (needs Announcements)" if name == "create" else ""))
        p.add_argument("name", nargs="+")


def run(args: argparse.Namespace) -> int:
    with hub_context(args) as ctx:
        ms = ctx.engine.messages
        try:
            client = ctx.session.ensure()
            if args.action == "list":
                for mk in ms.markets(client):
                    emit(mk)
                return 0
            name = " ".join(args.name)
            if args.action == "create":
                emit(client.create_market(name))
            elif args.action == "join":
                emit(ms.join_market(client, name))
            else:
                emit(ms.leave_market(client, name))
            return 0
        except HubError as exc:
            return hub_fail(exc)
