"""`whitephone announce [--market NAME] TEXT`: an announcement to the company or one market
(needs the Announcements permission); prints the message as JSON."""

from __future__ import annotations

import argparse

from whitephone.commands import fail
from whitephone.commands.hub_common import emit, hub_context, hub_fail
from whitephone.store.messages import MessageError
from whitephone.sync.hub_client import HubError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--market", metavar="NAME", help="only the members of this market (default: everyone)")
    parser.add_argument("text", nargs="+", help="the announcement")


def run(args: argparse.Namespace) -> int:
    with hub_context(args) as ctx:
        try:
            client = ctx.session.ensure()
            msg = ctx.app.store.messages.queue_announcement(" ".join(args.text), market=args.market)
            try:
                msg = ctx.engine.messages.send_now(client, msg.id)
            except HubError as exc:
                msg = ctx.app.store.messages.get(msg.id) or msg
                if msg.status == "failed":
                    emit(msg.to_json())
                return hub_fail(exc)
        except MessageError as exc:
            return fail(str(exc))
        except HubError as exc:
            return hub_fail(exc)
        emit(msg.to_json())
        if msg.status == "failed":
            return fail(msg.error or "The hub refused the announcement.")
        return 0
