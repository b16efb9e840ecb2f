"""`whitephone register`: a new company on a hub, signed in as its first user (admin)."""

from __future__ import annotations

import argparse

from whitephone.commands import fail
from whitephone.commands.hub_common import add_sign_in_arguments, emit, hub_context, hub_fail, read_password
from whitephone.sync.hub_client import HubError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--company", required=True, help="the new company's name")
    parser.add_argument("--name", required=True, help="your name")
    add_sign_in_arguments(parser, "read the password (8 characters or more) from the first line of stdin",
                          "do not keep the session in the keyring (sign in for this command only)")


def run(args: argparse.Namespace) -> int:
    password = read_password()
    if len(password) < 8:
        return fail("The password needs at least 8 characters.")
    with hub_context(args) as ctx:
        try:
            info = ctx.session.register(args.server, args.company, args.name, args.email, password,
                                        remember=not args.no_remember,
                                        ca_file=args.ca_file, discard_local=args.discard_local)
        except HubError as exc:
            return hub_fail(exc)
        emit({"user": info["email"], "name": info["name"], "company": info["company"], "hub": info["url"]})
    return 0
