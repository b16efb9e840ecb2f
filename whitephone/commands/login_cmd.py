"""`whitephone login`: sign in to a hub (the session is kept in the keyring)."""

from __future__ import annotations

import argparse

from whitephone.commands.hub_common import emit, hub_context, hub_fail, read_password
from whitephone.sync.hub_client import HubError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", required=True, metavar="URL", help="the hub's address")
    parser.add_argument("--email", required=True)
    parser.add_argument("--password-stdin", action="store_true", required=True,
                        help="read the password from the first line of stdin")
    parser.add_argument("--ca-file", metavar="PEM", help="trust this certificate for the hub (an office hub's own)")
    parser.add_argument("--discard-local", action="store_true",
                        help="this profile holds another account's data: remove it from this computer first "
                             "(its changes not yet on the hub are lost)")
    parser.add_argument("--no-remember", action="store_true",
                        help="do not keep the session in the keyring")


def run(args: argparse.Namespace) -> int:
    password = read_password()
    with hub_context(args) as ctx:
        try:
            info = ctx.session.login(args.server, args.email, password, remember=not args.no_remember,
                                        ca_file=args.ca_file, discard_local=args.discard_local)
        except HubError as exc:
            return hub_fail(exc)
        emit({"user": info["email"], "name": info["name"], "company": info["company"], "hub": info["url"]})
    return 0
