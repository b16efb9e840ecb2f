"""`whitephone login`: sign in to a hub (the session is kept in the keyring)."""

from __future__ import annotations

import argparse

from whitephone.commands.hub_common import add_sign_in_arguments, emit, hub_context, hub_fail, read_password
from whitephone.sync.hub_client import HubError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_sign_in_arguments(parser, "read the password from the first line of stdin",
                          "do not keep the session in the keyring")


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
