"""`whitephone call URI`: dial a tel:, sip:, sips:, callto: URI or a plain number.

The desktop's URL handler runs this (packaging/linux/whitephone.desktop: `whitephone call %u`).
If WhitePhone already runs for the profile, the URI is handed to it (single instance over a
local socket) and this process exits at once; otherwise this process becomes WhitePhone and
dials as soon as its call engine is ready.
"""

from __future__ import annotations

import argparse
import json

from whitephone.commands import fail


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("uri", metavar="URI", nargs="?",
                        help="tel:+442079460018, sip:alice@example.com, sips:…, callto:…, or a number; "
                             "none: open WhitePhone (the desktop menu entry runs `whitephone call %%u`)")


def run(args: argparse.Namespace) -> int:
    from whitephone.core.dial import DialError, parse_dial_target
    from whitephone.profile import Profile
    from whitephone.ui.main import run_gui

    if not args.uri:  # started from the menu without a link: open (or raise) the window
        return run_gui(args)

    try:
        region = Profile.open(args.profile).region
    except OSError as exc:  # ProfileError: the reason names the folder
        return fail(str(exc))
    try:
        target = parse_dial_target(args.uri, region)
    except DialError as exc:
        return fail(str(exc))
    print(json.dumps({"call": target.uri, "kind": target.kind, "display": target.display}, ensure_ascii=False),
          flush=True)
    return run_gui(args, call_uri=args.uri)
